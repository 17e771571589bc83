//! `Idempotency-Key` replay: the same key with the same body repeats the
//! first answer without side effects; with a different body it is 40901.

use serde_json::Value;

use super::errors::{ApiError, Outcome};
use super::model::IdempotencyRecord;
use super::state::Program;

/// Longest accepted key.
const MAX_KEY_LEN: usize = 255;

/// Whether the key is mandatory on an endpoint.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(crate) enum KeyRule {
    /// Missing key → 40001.
    Required,
    /// Replay only when a key is given.
    Optional,
}

/// Runs `operation` at most once per `(path, key)`. Successes and client
/// errors are remembered; server errors are not.
pub(crate) fn run(
    program: &mut Program,
    path: &str,
    key: Option<&str>,
    rule: KeyRule,
    body: &Value,
    operation: impl FnOnce(&mut Program) -> Outcome,
) -> Outcome {
    let key = key.map(str::trim).filter(|key| !key.is_empty());
    let Some(key) = key else {
        return match rule {
            KeyRule::Required => ApiError::invalid("Idempotency-Key header required").into(),
            KeyRule::Optional => operation(program),
        };
    };
    if key.len() > MAX_KEY_LEN {
        return ApiError::invalid("Idempotency-Key must be at most 255 characters").into();
    }
    let scope = (path.to_owned(), key.to_owned());
    if let Some(record) = program.idempotency.get(&scope) {
        if record.body == *body {
            return record.outcome.clone();
        }
        return ApiError::IdempotencyConflict.into();
    }
    let outcome = operation(program);
    if outcome.status.is_success() || outcome.status.is_client_error() {
        program.idempotency.insert(
            scope,
            IdempotencyRecord {
                body: body.clone(),
                outcome: outcome.clone(),
            },
        );
    }
    outcome
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::cards::model::{Credentials, Settings};
    use serde_json::json;

    #[test]
    fn replays_and_conflicts() {
        let mut program = Program::new(Credentials::random(), Settings::default());
        let mut calls = 0;
        let mut call = |program: &mut Program, key: Option<&str>, body: Value, rule| {
            run(program, "/p", key, rule, &body, |_| {
                calls += 1;
                Outcome::ok(json!({ "n": calls }))
            })
        };
        let first = call(
            &mut program,
            Some("k"),
            json!({ "a": 1 }),
            KeyRule::Required,
        );
        assert_eq!(first.body["data"], json!({ "n": 1 }));
        let again = call(
            &mut program,
            Some("k"),
            json!({ "a": 1 }),
            KeyRule::Required,
        );
        assert_eq!(again, first);
        let other = call(
            &mut program,
            Some("k"),
            json!({ "a": 2 }),
            KeyRule::Required,
        );
        assert_eq!(other.body["code"], json!("40901"));
        let missing = call(&mut program, None, json!({}), KeyRule::Required);
        assert_eq!(
            missing.body["message"],
            json!("Invalid parameter: Idempotency-Key header required")
        );
        let optional = call(&mut program, None, json!({}), KeyRule::Optional);
        assert_eq!(optional.body["data"], json!({ "n": 2 }));
    }
}
