//! `Idempotency-Key` handling for card issue and topup.

use axum::http::StatusCode;
use serde_json::{Map, Value};

use super::outcome::{Outcome, Slug};
use super::state::{IdempotencyRecord, Tenant};

/// Runs `operation` at most once per `(path, key)`: a repeat with the same
/// payload (ignoring `request_timestamp`) replays the first answer without
/// side effects, a repeat with a different payload gets 409.
pub(crate) fn run(
    tenant: &mut Tenant,
    path: &str,
    key: Option<&str>,
    payload: &Map<String, Value>,
    operation: impl FnOnce(&mut Tenant) -> Outcome,
) -> Outcome {
    let Some(key) = key.filter(|key| !key.is_empty()) else {
        return Outcome::error(
            Slug::IdempotencyKeyRequired,
            "Idempotency-Key header is required",
        );
    };
    let mut comparable = payload.clone();
    comparable.remove("request_timestamp");
    let scope = (path.to_owned(), key.to_owned());
    if let Some(record) = tenant.idempotency.get(&scope) {
        if record.payload == comparable {
            return Outcome {
                status: record.status,
                body: record.body.clone(),
            };
        }
        return Outcome::error_with_status(
            StatusCode::CONFLICT,
            Slug::InvalidRequest,
            "Idempotency-Key reused with a different payload",
        );
    }
    let outcome = operation(tenant);
    if outcome.status.is_success() || outcome.status.is_client_error() {
        tenant.idempotency.insert(
            scope,
            IdempotencyRecord {
                payload: comparable,
                status: outcome.status,
                body: outcome.body.clone(),
            },
        );
    }
    outcome
}
