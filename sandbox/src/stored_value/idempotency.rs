//! The optional `idempotencyKey` body field of POST requests.

use serde_json::{Map, Value};

use super::codes::Code;
use super::fields;
use super::outcome::Outcome;
use super::state::{IdempotencyRecord, Tenant};

/// Runs `operation` at most once per idempotency key in the tenant: a
/// repeat on the same path with the same body (ignoring the key itself)
/// replays the first answer without side effects; any other reuse of the
/// key answers `422` / `07 Invalid Message`. Requests without a key just
/// run. Server errors are not remembered.
pub(crate) fn run(
    tenant: &mut Tenant,
    path: &str,
    payload: &Map<String, Value>,
    operation: impl FnOnce(&mut Tenant) -> Outcome,
) -> Outcome {
    let Some(key) = fields::idempotency_key(payload) else {
        return operation(tenant);
    };
    let comparable = comparable(payload);
    if let Some(record) = tenant.idempotency.get(&key) {
        if record.path == path && record.payload == comparable {
            return Outcome {
                status: record.status,
                body: record.body.clone(),
            };
        }
        return Outcome::unprocessable(Code::InvalidMessage);
    }
    let outcome = operation(tenant);
    if outcome.status.is_success() || outcome.status.is_client_error() {
        tenant.idempotency.insert(
            key,
            IdempotencyRecord {
                path: path.to_owned(),
                payload: comparable,
                status: outcome.status,
                body: outcome.body.clone(),
            },
        );
    }
    outcome
}

/// The body without `idempotencyKey`, numbers and booleans as text so a
/// JSON retry of a form request (or the reverse) compares equal.
fn comparable(payload: &Map<String, Value>) -> Map<String, Value> {
    payload
        .iter()
        .filter(|(name, _)| name.as_str() != "idempotencyKey")
        .map(|(name, value)| {
            let value = match value {
                Value::Number(number) => Value::String(number.to_string()),
                Value::Bool(flag) => Value::String(flag.to_string()),
                other => other.clone(),
            };
            (name.clone(), value)
        })
        .collect()
}

#[cfg(test)]
mod tests {
    use std::time::SystemTime;

    use axum::http::StatusCode;
    use serde_json::json;

    use super::*;
    use crate::common::object_of as map;

    #[test]
    fn replays_and_rejects_changed_bodies() {
        let mut tenant = Tenant::new("1".into(), SystemTime::now());
        let mut runs = 0;
        let first = map(json!({ "amount": 10, "idempotencyKey": "k" }));
        let mut op = |_: &mut Tenant| {
            runs += 1;
            Outcome::ok(json!({ "n": 1 }))
        };
        assert_eq!(
            run(&mut tenant, "/p", &first, &mut op).body,
            json!({ "n": 1 })
        );
        let same = map(json!({ "amount": "10", "idempotencyKey": "k" }));
        assert_eq!(
            run(&mut tenant, "/p", &same, &mut op).body,
            json!({ "n": 1 })
        );
        let changed = map(json!({ "amount": "11", "idempotencyKey": "k" }));
        let outcome = run(&mut tenant, "/p", &changed, &mut op);
        assert_eq!(outcome.status, StatusCode::UNPROCESSABLE_ENTITY);
        assert_eq!(outcome.body["data"]["statusCode"], json!("07"));
        let outcome = run(&mut tenant, "/q", &first, &mut op);
        assert_eq!(outcome.body["data"]["statusCode"], json!("07"));
        let keyless = map(json!({ "amount": 10 }));
        run(&mut tenant, "/p", &keyless, &mut op);
        run(&mut tenant, "/p", &keyless, &mut op);
        assert_eq!(runs, 3);
    }
}
