//! Permissive CORS so browser demos and JS SDK tests can call the sandbox.

use std::time::Duration;

use axum::http::{header, HeaderName, Method};
use tower_http::cors::{AllowHeaders, AllowOrigin, CorsLayer};

/// Name of the request-id response header.
pub(crate) const X_REQUEST_ID: HeaderName = HeaderName::from_static("x-request-id");

/// Any origin, the usual methods, any request headers (mirrored, so that
/// `Authorization` is allowed too, which `*` would not cover), and the
/// sandbox's informative response headers exposed to scripts.
pub(crate) fn layer() -> CorsLayer {
    CorsLayer::new()
        .allow_origin(AllowOrigin::any())
        .allow_methods([
            Method::GET,
            Method::POST,
            Method::PUT,
            Method::PATCH,
            Method::DELETE,
            Method::OPTIONS,
        ])
        .allow_headers(AllowHeaders::mirror_request())
        .expose_headers([header::DATE, X_REQUEST_ID, header::RETRY_AFTER])
        .max_age(Duration::from_secs(86_400))
}
