//! Middleware stamping every response with `X-Request-Id` and `Date`.

use std::sync::Arc;

use axum::extract::{Request, State};
use axum::http::{header, HeaderValue};
use axum::middleware::Next;
use axum::response::Response;

use super::clock::{http_date, server_now};
use super::cors::X_REQUEST_ID;
use super::random;
use crate::AppState;

/// Adds `X-Request-Id: req_<16 hex>` and an explicit `Date` taken from the
/// calling tenant's server clock (real time when no tenant is recognised).
pub(crate) async fn stamp(
    State(app): State<Arc<AppState>>,
    request: Request,
    next: Next,
) -> Response {
    let offset_ms = app.clock_offset_ms(request.headers());
    let request_id = random::id::<8>("req_");
    let mut response = next.run(request).await;
    let headers = response.headers_mut();
    if let Ok(value) = HeaderValue::from_str(&request_id) {
        headers.insert(X_REQUEST_ID, value);
    }
    if let Ok(value) = HeaderValue::from_str(&http_date(server_now(offset_ms))) {
        headers.insert(header::DATE, value);
    }
    response
}
