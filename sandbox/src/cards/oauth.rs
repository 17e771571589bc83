//! The two-step OAuth flow: `GET /v1/oauth/authorize` hands out a
//! single-use code, `POST /v1/oauth/access-token` trades it (with the
//! client secret) for an access token.

use std::time::{Duration, SystemTime};

use serde_json::{json, Map, Value};

use super::errors::ApiError;
use super::fields;
use super::request::Answer;
use super::state::{Program, Registry};
use crate::common::clock::unix_secs;
use crate::common::random;
use crate::common::signing::constant_time_eq;

/// `GET /v1/oauth/authorize?clientId=` for the program named by `clientId`.
pub(crate) fn authorize(program: &mut Program, now: SystemTime) -> Answer {
    let ttl = Duration::from_secs(program.settings.auth_code_ttl_secs);
    program
        .codes
        .retain(|_, issued| now.duration_since(*issued).unwrap_or_default() < ttl);
    let code = random::hex(&random::bytes::<16>());
    program.codes.insert(code.clone(), now);
    Ok(json!({ "code": code, "timestamp": unix_secs(now) }))
}

/// `POST /v1/oauth/access-token {clientId, clientSecret, code}`.
///
/// A used, expired or unknown code answers success with an empty
/// `accessToken`, as the real API does.
pub(crate) fn access_token(
    registry: &Registry,
    program: &mut Program,
    body: &Map<String, Value>,
    now: SystemTime,
) -> Answer {
    let secret = fields::required(body, "clientSecret")?;
    let code = fields::required(body, "code")?;
    if !constant_time_eq(secret, &program.credentials.client_secret) {
        return Err(ApiError::PermissionDenied);
    }
    let ttl = Duration::from_secs(program.settings.auth_code_ttl_secs);
    let fresh = program
        .codes
        .remove(code)
        .is_some_and(|issued| now.duration_since(issued).unwrap_or_default() < ttl);
    if !fresh {
        return Ok(json!({
            "accessToken": "",
            "refreshToken": "",
            "expiresIn": 0,
            "timestamp": unix_secs(now),
        }));
    }
    let access_token = random::hex(&random::bytes::<20>());
    let refresh_token = random::hex(&random::bytes::<32>());
    let ttl_secs = program.settings.token_ttl_secs;
    program.tokens.retain(|_, expires| *expires > now);
    program
        .tokens
        .insert(access_token.clone(), now + Duration::from_secs(ttl_secs));
    registry.index_token(&access_token, &program.credentials.client_id);
    Ok(json!({
        "accessToken": access_token,
        "refreshToken": refresh_token,
        "expiresIn": ttl_secs,
        "timestamp": unix_secs(now),
    }))
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::cards::model::{Credentials, Settings};
    use crate::common::object_of as body;

    #[test]
    fn codes_are_single_use_and_expire() {
        let registry = Registry::default();
        let credentials = Credentials::random();
        let mut program = Program::new(credentials.clone(), Settings::default());
        let now = SystemTime::now();
        let code = authorize(&mut program, now)
            .ok()
            .and_then(|data| data["code"].as_str().map(str::to_owned))
            .unwrap_or_default();
        assert_eq!(code.len(), 32);
        let request = body(json!({
            "clientId": credentials.client_id,
            "clientSecret": credentials.client_secret,
            "code": code,
        }));
        let first = access_token(&registry, &mut program, &request, now).unwrap_or_default();
        assert_eq!(first["accessToken"].as_str().map(str::len), Some(40));
        assert_eq!(first["refreshToken"].as_str().map(str::len), Some(64));
        assert_eq!(first["expiresIn"], json!(86_400));
        let again = access_token(&registry, &mut program, &request, now).unwrap_or_default();
        assert_eq!(again["accessToken"], json!(""));

        let late = authorize(&mut program, now)
            .ok()
            .and_then(|data| data["code"].as_str().map(str::to_owned))
            .unwrap_or_default();
        let mut request = request;
        request.insert("code".into(), Value::from(late));
        let expired = access_token(
            &registry,
            &mut program,
            &request,
            now + Duration::from_secs(601),
        )
        .unwrap_or_default();
        assert_eq!(expired["accessToken"], json!(""));
    }

    #[test]
    fn wrong_secret_is_denied() {
        let registry = Registry::default();
        let mut program = Program::new(Credentials::random(), Settings::default());
        let request = body(json!({ "clientSecret": "nope", "code": "x" }));
        assert_eq!(
            access_token(&registry, &mut program, &request, SystemTime::now()),
            Err(ApiError::PermissionDenied)
        );
        let request = body(json!({ "clientSecret": "nope" }));
        assert_eq!(
            access_token(&registry, &mut program, &request, SystemTime::now()),
            Err(ApiError::invalid("code"))
        );
    }
}
