//! Pieces every `/__sandbox/*` control API shares: the plain
//! `{"error": message}` rejection, body parsing, bounded integer settings
//! and fault descriptions.

use axum::http::StatusCode;
use axum::response::{IntoResponse, Response};
use serde_json::{Map, Value};

use super::fault::{parse_fault_fields, Fault};
use super::json_error::plain;

/// An admin error answered as `{"error": message}`.
#[derive(Debug)]
pub(crate) struct Rejection(pub(crate) StatusCode, pub(crate) String);

impl Rejection {
    /// 400 with `message`.
    pub(crate) fn bad_request(message: impl Into<String>) -> Self {
        Self(StatusCode::BAD_REQUEST, message.into())
    }
}

impl IntoResponse for Rejection {
    fn into_response(self) -> Response {
        plain(self.0, &self.1)
    }
}

/// Parses an admin body; an empty body counts as `{}`.
pub(crate) fn parse_object(body: &[u8]) -> Result<Map<String, Value>, Rejection> {
    if body.iter().all(u8::is_ascii_whitespace) {
        return Ok(Map::new());
    }
    match serde_json::from_slice(body) {
        Ok(Value::Object(map)) => Ok(map),
        _ => Err(Rejection::bad_request("body must be a JSON object")),
    }
}

/// An optional integer setting of a tenant-creation body, within `range`
/// (`default` when absent or `null`).
pub(crate) fn setting(
    body: &Map<String, Value>,
    name: &str,
    default: u64,
    range: std::ops::RangeInclusive<u64>,
) -> Result<u64, Rejection> {
    match body.get(name) {
        None | Some(Value::Null) => Ok(default),
        Some(value) => value
            .as_u64()
            .filter(|value| range.contains(value))
            .ok_or_else(|| {
                Rejection::bad_request(format!(
                    "{name} must be an integer from {} to {}",
                    range.start(),
                    range.end()
                ))
            }),
    }
}

/// The fault an admin body describes (see [`parse_fault_fields`]), its
/// problem answered as a 400.
pub(crate) fn parse_fault(body: &Map<String, Value>) -> Result<(String, u64, Fault), Rejection> {
    parse_fault_fields(body).map_err(Rejection::bad_request)
}
