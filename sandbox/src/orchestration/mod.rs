//! The Seismic Orchestration REST API (`/api/v0/*`): dashboard auth
//! (signup, login, TOTP MFA, rotating refresh tokens), org-scoped API
//! keys, orgs and members, the unified KYB profile, end-user customers
//! and their accounts, ranked quote snapshots and orders, and the
//! unauthenticated catalog. Its control API lives under
//! `/__sandbox/orchestration/*` (see `admin`).
//!
//! Every error answers with the documented envelope
//! `{"ok": false, "error": {"code", "message", ...}}`; successes are flat
//! JSON. Each tenant created through the admin API is an org with its own
//! owner, API key and timings (see `model::Settings`); all of them live in
//! one [`state::Registry`].
//!
//! Layering, so that no two sibling modules import each other: `model`
//! holds the records (and imports only modules that import no handler:
//! `ids`, `time`, `catalog`, `pricing`); `state` is the store of those
//! records; the
//! handler modules import records from `model`, the store from `state`
//! and, where a rule is shared, the handler module that owns it (for
//! example `customers::customer_in`); `pipeline` routes to all of them.

pub(crate) mod access;
pub(crate) mod accounts;
pub(crate) mod admin;
pub(crate) mod amounts;
pub(crate) mod api_keys;
pub(crate) mod catalog;
pub(crate) mod customers;
pub(crate) mod errors;
pub(crate) mod fields;
pub(crate) mod ids;
pub(crate) mod jwt;
pub(crate) mod kyb;
pub(crate) mod kyb_profile;
pub(crate) mod members;
pub(crate) mod model;
pub(crate) mod orders;
pub(crate) mod orgs;
pub(crate) mod pipeline;
pub(crate) mod pricing;
pub(crate) mod quote_sides;
pub(crate) mod quotes;
pub(crate) mod routes;
pub(crate) mod sessions;
pub(crate) mod state;
pub(crate) mod tenants;
pub(crate) mod time;
pub(crate) mod totp;
pub(crate) mod users;

use std::sync::Arc;

use axum::routing::any;
use axum::Router;

use crate::AppState;

/// Path prefix of every endpoint.
pub(crate) const BASE: &str = "/api/v0";

/// Routes of the Orchestration API. Everything under `/api/v0/` goes
/// through one pipeline so that request logging, stats, injected faults
/// and the credential rules apply before any routing.
pub(crate) fn router() -> Router<Arc<AppState>> {
    Router::new().route("/api/v0/{*rest}", any(pipeline::handle))
}
