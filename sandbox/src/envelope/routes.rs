//! The `/api/v1/*` request pipeline: auth, envelope, timestamp, replay,
//! faults, business dispatch and response encryption.

use std::sync::Arc;
use std::time::{Instant, SystemTime};

use axum::body::Bytes;
use axum::extract::State;
use axum::http::{HeaderMap, HeaderName, Method, StatusCode, Uri};
use axum::response::Response;
use serde_json::{json, Map, Value};

use super::crypto;
use super::outcome::{Outcome, Slug};
use super::state::{Lookup, Tenant};
use super::{cards, idempotency, master};
use crate::common::clock::{server_now, unix_micros};
use crate::common::fault::{self, Fault};
use crate::common::json_error::{json, plain};
use crate::common::lock;
use crate::common::text::is_digits;
use crate::AppState;

/// Header carrying the envelope API key.
pub(crate) const API_KEY: HeaderName = HeaderName::from_static("api-key");
/// Header carrying the idempotency key for mutations.
const IDEMPOTENCY_KEY: HeaderName = HeaderName::from_static("idempotency-key");
/// Allowed distance between `request_timestamp` and server time.
const WINDOW_US: i64 = 30_000_000;

/// Handles every request under `/api/v1/`.
pub(crate) async fn handle(
    State(app): State<Arc<AppState>>,
    method: Method,
    uri: Uri,
    headers: HeaderMap,
    body: Bytes,
) -> Response {
    let api_key = headers
        .get(API_KEY)
        .and_then(|value| value.to_str().ok())
        .unwrap_or_default();
    let tenant = match app.envelope.lookup(api_key) {
        Lookup::Tenant(tenant) => tenant,
        Lookup::NoAccess => {
            return plain(StatusCode::FORBIDDEN, "You do not have access to this API.")
        }
        Lookup::Unknown => return plain(StatusCode::NOT_FOUND, "API key not found"),
    };
    let path = uri.path();
    let (fault, encryption_key, offset_ms) = {
        let mut tenant = lock(&tenant);
        tenant.requests += 1;
        (
            tenant.faults.take(path),
            tenant.encryption_key,
            tenant.clock_offset_ms,
        )
    };
    // Lazy: the server time is read only once a fault's delay has passed.
    let work = async {
        let idempotency_key = headers
            .get(IDEMPOTENCY_KEY)
            .and_then(|value| value.to_str().ok());
        let request = Request {
            method: &method,
            path,
            idempotency_key,
            body: &body,
            encryption_key: &encryption_key,
            now: server_now(offset_ms),
        };
        process(&request, &tenant)
    };
    fault::apply(fault, Fault::plain_response, work).await
}

/// What the pipeline needs to know about one request.
struct Request<'a> {
    method: &'a Method,
    path: &'a str,
    idempotency_key: Option<&'a str>,
    body: &'a [u8],
    encryption_key: &'a [u8; 32],
    now: SystemTime,
}

/// Everything after the API-KEY check and the "before" fault.
fn process(request: &Request<'_>, tenant: &std::sync::Mutex<Tenant>) -> Response {
    let payload = match open_envelope(request.body, request.encryption_key) {
        Ok(payload) => payload,
        Err(message) => return plain(StatusCode::BAD_REQUEST, message),
    };
    let timestamp = match request_timestamp(&payload) {
        Ok(timestamp) => timestamp,
        Err(message) => return plain(StatusCode::BAD_REQUEST, message),
    };
    if unix_micros(request.now).abs_diff(timestamp) > WINDOW_US.unsigned_abs() {
        return plain(
            StatusCode::BAD_REQUEST,
            "Request timestamp outside allowed window",
        );
    }
    let outcome = {
        let mut tenant = lock(tenant);
        if !tenant.remember_request(request.path, timestamp, Instant::now()) {
            return plain(StatusCode::BAD_REQUEST, "Duplicate request detected");
        }
        dispatch(&mut tenant, request, &payload)
    };
    seal(request.encryption_key, &outcome)
}

/// Parses the body and decrypts its `encrypted` field into a JSON object.
fn open_envelope(body: &[u8], key: &[u8; 32]) -> Result<Map<String, Value>, &'static str> {
    const NOT_FOUND: &str = "Encrypted payload not found";
    const INVALID: &str = "Invalid encrypted payload format";
    let envelope: Value = serde_json::from_slice(body).map_err(|_| NOT_FOUND)?;
    let encrypted = envelope
        .get("encrypted")
        .and_then(Value::as_str)
        .ok_or(NOT_FOUND)?;
    let plaintext = crypto::open(key, encrypted).map_err(|_| INVALID)?;
    match serde_json::from_slice(&plaintext) {
        Ok(Value::Object(payload)) => Ok(payload),
        _ => Err(INVALID),
    }
}

/// Reads `request_timestamp` (integer or string of digits, microseconds).
fn request_timestamp(payload: &Map<String, Value>) -> Result<i64, &'static str> {
    const INVALID: &str = "Invalid timestamp format";
    match payload.get("request_timestamp") {
        None | Some(Value::Null) => Err("Request timestamp not found in encrypted payload"),
        Some(Value::Number(number)) => number.as_i64().ok_or(INVALID),
        Some(Value::String(text)) if is_digits(text, 1..) => text.parse().map_err(|_| INVALID),
        Some(_) => Err(INVALID),
    }
}

/// Routes a decrypted request to its business handler.
fn dispatch(tenant: &mut Tenant, request: &Request<'_>, payload: &Map<String, Value>) -> Outcome {
    let now = request.now;
    let key = request.idempotency_key;
    let path = request.path;
    if request.method != Method::POST {
        return not_found();
    }
    match path {
        "/api/v1/cards/create" => idempotency::run(tenant, path, key, payload, |tenant| {
            cards::create(tenant, payload, now)
        }),
        "/api/v1/cards/topup" => idempotency::run(tenant, path, key, payload, |tenant| {
            cards::topup(tenant, payload, now)
        }),
        "/api/v1/master/balance" => master::balance(tenant),
        _ => not_found(),
    }
}

/// 404 for paths the sandbox does not implement.
fn not_found() -> Outcome {
    Outcome::error_with_status(
        StatusCode::NOT_FOUND,
        Slug::InvalidRequest,
        "Endpoint not found",
    )
}

/// Encrypts a business outcome into `{"encrypted": ...}`.
fn seal(key: &[u8; 32], outcome: &Outcome) -> Response {
    match crypto::seal(key, outcome.body.to_string().as_bytes()) {
        Some(encrypted) => json(outcome.status, &json!({ "encrypted": encrypted })),
        None => plain(StatusCode::INTERNAL_SERVER_ERROR, "encryption failed"),
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::common::object_of as payload;

    #[test]
    fn timestamp_formats() {
        let ok = |v: Value| request_timestamp(&payload(json!({ "request_timestamp": v })));
        assert_eq!(
            ok(json!(1_700_000_000_000_000_i64)),
            Ok(1_700_000_000_000_000)
        );
        assert_eq!(ok(json!("1700000000000000")), Ok(1_700_000_000_000_000));
        assert_eq!(ok(json!("17e14")), Err("Invalid timestamp format"));
        assert_eq!(ok(json!("")), Err("Invalid timestamp format"));
        assert_eq!(ok(json!(1.5)), Err("Invalid timestamp format"));
        assert_eq!(ok(json!(true)), Err("Invalid timestamp format"));
        assert_eq!(
            ok(json!("99999999999999999999")),
            Err("Invalid timestamp format")
        );
        assert_eq!(
            request_timestamp(&payload(json!({}))),
            Err("Request timestamp not found in encrypted payload")
        );
    }
}
