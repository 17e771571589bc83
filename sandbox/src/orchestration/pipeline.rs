//! The `/api/v0/*` request pipeline: attribution to an org (stats, log,
//! injected faults), the both-credentials rule, authentication and role
//! checks, body parsing, dispatch, and the `wait=1` pause of quotes.

use std::sync::Arc;
use std::time::Duration;

use axum::body::Bytes;
use axum::extract::State;
use axum::http::{HeaderMap, Method, StatusCode, Uri};
use axum::response::{IntoResponse, Response};
use serde_json::{json, Map, Value};

use super::access::{self, attribute, authenticate, presented, scope, Caller, Presented, Scope};
use super::errors::{ok, status_body, Answer, ApiError, Code, Reply};
use super::fields::{Body, Query};
use super::orgs::{org_of, org_of_mut};
use super::routes::{Access, Route};
use super::state::{Registry, Store};
use super::time::now_ms;
use super::{
    accounts, api_keys, catalog, customers, kyb, members, orders, orgs, quotes, sessions, users,
};
use crate::common::fault::{self, Fault};
use crate::common::json_error::json;
use crate::common::lock;
use crate::AppState;

/// Longest a `wait=1` quote request blocks.
const MAX_WAIT_MS: i64 = 30_000;
/// Header carrying an idempotency key (echoed on orders).
const IDEMPOTENCY_KEY: &str = "idempotency-key";

/// Parses a request body: empty means `{}`; anything but a JSON object is
/// a 400.
fn parse_body(body: &[u8]) -> Result<Body, ApiError> {
    if body.iter().all(u8::is_ascii_whitespace) {
        return Ok(Map::new());
    }
    match serde_json::from_slice::<Value>(body) {
        Ok(Value::Object(map)) => Ok(map),
        Ok(_) => Err(ApiError::invalid("body must be a JSON object")),
        Err(error) => Err(ApiError::invalid(format!(
            "body is not valid JSON: {error}"
        ))),
    }
}

/// The body as the request log shows it: JSON when it parses, the raw
/// text otherwise, `null` when empty.
fn log_body(body: &[u8]) -> Value {
    if body.iter().all(u8::is_ascii_whitespace) {
        return Value::Null;
    }
    serde_json::from_slice(body)
        .unwrap_or_else(|_| Value::from(String::from_utf8_lossy(body).into_owned()))
}

/// `api-key`, `bearer` or `none` for the request log.
fn auth_kind(headers: &HeaderMap) -> &'static str {
    match presented(headers) {
        Presented::ApiKey(_) | Presented::Both => "api-key",
        Presented::Bearer(_) => "bearer",
        Presented::Nothing | Presented::OtherAuthorization => "none",
    }
}

/// Handles every request under `/api/v0/`.
pub(crate) async fn handle(
    State(app): State<Arc<AppState>>,
    method: Method,
    uri: Uri,
    headers: HeaderMap,
    body: Bytes,
) -> Response {
    let registry = &app.orchestration;
    let now = now_ms();
    let path = uri.path().to_owned();
    let raw_query = uri.query().unwrap_or_default().to_owned();
    let query = Query::parse(&raw_query);
    let route = Route::of(&method, &path);
    let parsed = parse_body(&body);
    let (org, fault) = {
        let mut store = lock(&registry.store);
        let org = attribute(
            &store,
            &registry.jwt_secret,
            &headers,
            &route,
            parsed.as_ref().ok(),
        );
        let fault = org.as_ref().and_then(|org_id| {
            let activity = store.activity_mut(org_id);
            activity.requests += 1;
            match route {
                Route::Login => activity.login_calls += 1,
                Route::Refresh => activity.refresh_calls += 1,
                _ => {}
            }
            activity.faults.take(&path)
        });
        (org, fault)
    };
    let work = async {
        let body = if matches!(method, Method::POST | Method::PUT | Method::PATCH) {
            parsed
        } else {
            Ok(Map::new())
        };
        let answer = {
            let mut store = lock(&registry.store);
            process(&mut store, registry, &route, &headers, &query, body, now)
        };
        let answer = match answer {
            Ok(Reply::WaitForQuote {
                snapshot_id,
                ready_ms,
            }) => {
                let pause = ready_ms.saturating_sub(now_ms()).clamp(0, MAX_WAIT_MS);
                tokio::time::sleep(Duration::from_millis(pause.unsigned_abs())).await;
                let store = lock(&registry.store);
                quotes::render(&store, &snapshot_id, now_ms())
            }
            other => other,
        };
        answer_response(answer)
    };
    let response = fault::apply(fault, fault_response, work).await;
    if let Some(org) = org {
        let entry = json!({
            "method": method.as_str(),
            "path": path,
            "query": raw_query,
            "authHeader": auth_kind(&headers),
            "body": log_body(&body),
            "status": response.status().as_u16(),
        });
        lock(&registry.store).activity_mut(&org).record(entry);
    }
    response
}

/// The HTTP response of a handler answer.
fn answer_response(answer: Answer) -> Response {
    match answer {
        Ok(Reply::Json(value)) => json(StatusCode::OK, &value),
        Ok(Reply::NoContent) => StatusCode::NO_CONTENT.into_response(),
        Ok(Reply::WaitForQuote { .. }) => json(
            StatusCode::INTERNAL_SERVER_ERROR,
            &status_body(StatusCode::INTERNAL_SERVER_ERROR, "unexpected wait"),
        ),
        Err(error) => json(error.status(), &error.body()),
    }
}

/// The answer of an injected fault.
fn fault_response(fault: &Fault) -> Response {
    fault.with_retry_after(json(
        fault.status,
        &status_body(fault.status, "sandbox injected fault"),
    ))
}

/// Applies the credential rules and runs the route.
fn process(
    store: &mut Store,
    registry: &Registry,
    route: &Route,
    headers: &HeaderMap,
    query: &Query,
    body: Result<Body, ApiError>,
    now: i64,
) -> Answer {
    if presented(headers) == Presented::Both {
        return Err(access::both());
    }
    let secret = &registry.jwt_secret;
    match route.access() {
        Access::Public => public(store, secret, route, &body?, now),
        Access::User => {
            let caller = authenticate(store, secret, headers, now)?;
            user_route(store, &caller, route, &body?, now)
        }
        Access::Org(min) => {
            let caller = authenticate(store, secret, headers, now)?;
            let scope = scope(store, &caller, min)?;
            let key = headers
                .get(IDEMPOTENCY_KEY)
                .and_then(|value| value.to_str().ok())
                .map(str::to_owned);
            org_route(store, &scope, route, &body?, query, key, now)
        }
    }
}

/// Routes needing no credential.
fn public(store: &mut Store, secret: &[u8], route: &Route, body: &Body, now: i64) -> Answer {
    match route {
        Route::Signup => sessions::signup(store, body, now),
        Route::Login => sessions::login(store, secret, body, now),
        Route::MfaVerify => sessions::verify(store, secret, body, now),
        Route::Refresh => sessions::refresh(store, secret, body, now),
        Route::Logout => sessions::logout(store, body),
        Route::Rails => ok(catalog::rails_json()),
        Route::Currencies => ok(catalog::currencies_json()),
        Route::Health => ok(json!({ "status": "ok" })),
        Route::MethodNotAllowed => Err(ApiError::new(
            Code::MethodNotAllowed,
            "method not allowed on this path",
        )),
        _ => Err(ApiError::new(Code::NotFound, "no such endpoint")),
    }
}

/// Routes needing a credential but no org.
fn user_route(store: &mut Store, caller: &Caller, route: &Route, body: &Body, now: i64) -> Answer {
    match route {
        Route::AuthMe => sessions::me(caller),
        Route::MfaEnroll => sessions::enroll(store, caller),
        Route::MfaActivate => sessions::activate(store, caller, body, now),
        Route::User => users::me(store, caller),
        Route::UserOrders => users::orders(store, caller),
        Route::Orgs => orgs::list(store, caller, now),
        _ => Err(ApiError::new(Code::NotFound, "no such endpoint")),
    }
}

/// Routes acting on the credential's org.
fn org_route(
    store: &mut Store,
    scope: &Scope,
    route: &Route,
    body: &Body,
    query: &Query,
    idempotency_key: Option<String>,
    now: i64,
) -> Answer {
    match route {
        Route::GetOrg => orgs::get(store, scope, now),
        Route::UpdateOrg => orgs::update(store, scope, body, now),
        Route::ListMembers => members::list(store, scope),
        Route::InviteMember => members::invite(store, scope, body, now),
        Route::UpdateMember(user_id) => members::update_role(store, scope, user_id, body),
        Route::RemoveMember(user_id) => members::remove(store, scope, user_id, now),
        Route::GetKybProfile => kyb::get_profile(org_of(store, scope)?),
        Route::SetKybProfile => {
            kyb::set_profile(org_of_mut(store, scope)?, &Value::Object(body.clone()), now)
        }
        Route::SubmitKyb => kyb::submit(org_of_mut(store, scope)?, now),
        Route::KybProviders => kyb::providers(org_of(store, scope)?, now),
        Route::KybLink(provider) => kyb::refresh_link(org_of_mut(store, scope)?, provider, now),
        Route::KybResync(provider) => kyb::resync(org_of_mut(store, scope)?, provider, now),
        Route::MintKey => api_keys::mint(store, scope, body, now),
        Route::ListKeys => api_keys::list(store, scope),
        Route::RevokeKey(id) => api_keys::revoke(store, scope, id, now),
        Route::CreateCustomer => customers::create(store, scope, body, now),
        Route::CustomerOrders => orders::for_org(store, scope, query),
        Route::GetCustomer(id) => customers::get(store, scope, id, now),
        Route::KycLinks(id) => customers::refresh_links(store, scope, id, body, now),
        Route::CreateAccount(id) => accounts::create(store, scope, id, body, now),
        Route::CustomerAccounts(id) => accounts::list_for_customer(store, scope, id, query),
        Route::ListAccounts => accounts::list(store, scope, query),
        Route::GetAccount(id) => accounts::get(store, scope, id),
        Route::CreateQuote => quotes::create(store, scope, body, query, now),
        Route::GetQuote(id) => quotes::get(store, scope, id, now),
        Route::AcceptQuote(id) => quotes::accept(store, scope, id, body, idempotency_key, now),
        _ => Err(ApiError::new(Code::NotFound, "no such endpoint")),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn bodies() {
        assert_eq!(parse_body(b" "), Ok(Map::new()));
        assert!(parse_body(b"[1]").is_err());
        assert!(parse_body(b"{").is_err());
        assert_eq!(log_body(b""), Value::Null);
        assert_eq!(log_body(b"{\"a\":1}"), json!({ "a": 1 }));
        assert_eq!(log_body(b"x=1"), json!("x=1"));
    }
}
