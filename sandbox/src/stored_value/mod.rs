//! The Seamless Payments stored-value (gift card) API (`/v2/*`, header
//! `Authorization: Bearer <base64 API key>`).
//!
//! Plain JSON (or form-encoded) requests, Feathers-style error bodies.
//! Each API key is an isolated merchant (see `state`) that starts with
//! every documented test card issued.

pub(crate) mod auth;
pub(crate) mod bin_lookup;
pub(crate) mod body;
pub(crate) mod cards;
pub(crate) mod codes;
pub(crate) mod compare;
pub(crate) mod fields;
pub(crate) mod idempotency;
pub(crate) mod ids;
pub(crate) mod listing;
pub(crate) mod outcome;
pub(crate) mod query;
pub(crate) mod routes;
pub(crate) mod state;
pub(crate) mod test_cards;
pub(crate) mod transactions;

use std::sync::Arc;

use axum::routing::any;
use axum::Router;

use crate::AppState;

/// Routes of the stored-value API. Everything under `/v2/` goes through
/// one pipeline so that auth, request counting and injected faults apply
/// before any routing.
pub(crate) fn router() -> Router<Arc<AppState>> {
    Router::new().route("/v2/{*rest}", any(routes::handle))
}
