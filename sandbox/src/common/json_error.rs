//! Plain (unencrypted) JSON responses such as `{"error": "..."}`.

use axum::http::{header, HeaderValue, StatusCode};
use axum::response::{IntoResponse, Response};
use serde_json::{json, Value};

/// A JSON response with the given status and body.
pub(crate) fn json(status: StatusCode, body: &Value) -> Response {
    let mut response = (status, body.to_string()).into_response();
    response.headers_mut().insert(
        header::CONTENT_TYPE,
        HeaderValue::from_static("application/json"),
    );
    response
}

/// `{"error": message}` with the given status.
pub(crate) fn plain(status: StatusCode, message: &str) -> Response {
    json(status, &json!({ "error": message }))
}
