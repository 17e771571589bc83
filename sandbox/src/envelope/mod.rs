//! The encrypted-envelope card issuing API (`/api/v1/*`, header `API-KEY`).
//!
//! Request and response bodies are `{"encrypted": "<base64>"}` wrapping a
//! NaCl secretbox of the JSON payload; see `crypto`. Each API key is an
//! isolated tenant (see `state`).

pub(crate) mod cards;
pub(crate) mod crypto;
pub(crate) mod idempotency;
pub(crate) mod master;
pub(crate) mod outcome;
pub(crate) mod routes;
pub(crate) mod state;

use std::sync::Arc;

use axum::routing::any;
use axum::Router;

use crate::AppState;

/// Routes of the envelope API.
pub(crate) fn router() -> Router<Arc<AppState>> {
    Router::new().route("/api/v1/{*rest}", any(routes::handle))
}
