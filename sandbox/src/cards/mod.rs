//! The Seismic Cards issuing API (`/v1/*`, header `x-access-token`), its
//! sandbox control API (`/__sandbox/cards/*`), signed webhooks and the PCI
//! card widget (served on a second listener).
//!
//! Every `/v1` answer is `{"code", "message", "data"}` (`"000000"` on
//! success). Each `clientId` is an isolated program (see `state`) with a
//! parent account, a master merchant account holding a prefunded USD
//! wallet, and two BINs. The records programs hold are in `model`; the
//! handler modules import them from there and the program from `state`.

pub(crate) mod accounts;
pub(crate) mod admin;
pub(crate) mod bins;
pub(crate) mod budgets;
pub(crate) mod calendar;
pub(crate) mod cardholders;
#[allow(
    clippy::module_inception,
    reason = "`cards::cards` holds the card endpoints of the Cards API"
)]
pub(crate) mod cards;
pub(crate) mod errors;
pub(crate) mod fields;
pub(crate) mod idempotency;
pub(crate) mod ids;
pub(crate) mod jwt;
pub(crate) mod model;
pub(crate) mod oauth;
pub(crate) mod request;
pub(crate) mod routes;
pub(crate) mod state;
pub(crate) mod transactions;
pub(crate) mod transfers;
pub(crate) mod wallets;
pub(crate) mod webhooks;
pub(crate) mod widget;

use std::sync::Arc;

use axum::routing::any;
use axum::Router;

use crate::AppState;

/// Routes of the Cards API. Everything under `/v1/` goes through one
/// pipeline so that auth, request counting and injected faults apply
/// before any routing.
pub(crate) fn router() -> Router<Arc<AppState>> {
    Router::new().route("/v1/{*rest}", any(routes::handle))
}
