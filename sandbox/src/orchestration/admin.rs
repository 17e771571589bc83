//! Sandbox-only control API of the Orchestration simulation under
//! `/__sandbox/orchestration` (no auth, plain JSON, errors as
//! `{"error": ...}`): tenants, stats, the request log, injected faults and
//! a TOTP code generator.

use std::collections::HashMap;
use std::sync::Arc;

use axum::body::Bytes;
use axum::extract::{Query, State};
use axum::http::StatusCode;
use axum::response::Response;
use axum::routing::{get, post};
use axum::Router;
use serde_json::{json, Value};

use super::model::Settings;
use super::state::Registry;
use super::tenants;
use super::time::now_ms;
use super::totp;
use super::BASE;
use crate::common::admin::{parse_fault, parse_object, setting, Rejection};
use crate::common::json_error::json;
use crate::common::lock;
use crate::AppState;

/// Default and largest `limit` of the log endpoint.
const DEFAULT_LOG_LIMIT: usize = 100;

/// Routes of the Orchestration admin API.
pub(crate) fn router() -> Router<Arc<AppState>> {
    Router::new()
        .route("/__sandbox/orchestration/tenants", post(create_tenant))
        .route("/__sandbox/orchestration/stats", get(stats))
        .route("/__sandbox/orchestration/log", get(log))
        .route("/__sandbox/orchestration/faults", post(add_faults))
        .route("/__sandbox/orchestration/totp", post(totp_code))
        .route("/__sandbox/orchestration/access-ttl", post(set_access_ttl))
}

/// The org named by `orgId` must exist.
fn known_org(registry: &Registry, org_id: Option<&str>) -> Result<String, Rejection> {
    let org_id = org_id.ok_or_else(|| Rejection::bad_request("orgId is required"))?;
    if lock(&registry.store).orgs.contains_key(org_id) {
        Ok(org_id.to_owned())
    } else {
        Err(Rejection(StatusCode::NOT_FOUND, "unknown org".into()))
    }
}

/// `POST /__sandbox/orchestration/tenants {accessTtlSeconds?,
/// refreshTtlSeconds?, quoteDelayMs?, quoteTtlMs?, kycDelayMs?,
/// kybApproved?}` → `{email, password, apiKey, orgId, userId}`.
async fn create_tenant(
    State(app): State<Arc<AppState>>,
    body: Bytes,
) -> Result<Response, Rejection> {
    let body = parse_object(&body)?;
    let defaults = Settings::default();
    let settings = Settings {
        access_ttl_secs: setting(
            &body,
            "accessTtlSeconds",
            defaults.access_ttl_secs,
            1..=31_536_000,
        )?,
        refresh_ttl_secs: setting(
            &body,
            "refreshTtlSeconds",
            defaults.refresh_ttl_secs,
            1..=31_536_000,
        )?,
        quote_delay_ms: setting(&body, "quoteDelayMs", defaults.quote_delay_ms, 0..=600_000)?,
        quote_ttl_ms: setting(&body, "quoteTtlMs", defaults.quote_ttl_ms, 1..=86_400_000)?,
        kyc_delay_ms: setting(&body, "kycDelayMs", defaults.kyc_delay_ms, 0..=600_000)?,
    };
    let kyb_approved = match body.get("kybApproved") {
        None | Some(Value::Null) => true,
        Some(Value::Bool(flag)) => *flag,
        Some(_) => return Err(Rejection::bad_request("kybApproved must be a boolean")),
    };
    let credentials = tenants::create(
        &app.orchestration,
        settings,
        kyb_approved,
        tenants::random_identity(),
    )
    .map_err(Rejection::bad_request)?;
    Ok(json(
        StatusCode::OK,
        &json!({
            "email": credentials.email,
            "password": credentials.password,
            "apiKey": credentials.api_key,
            "orgId": credentials.org_id,
            "userId": credentials.user_id,
        }),
    ))
}

/// `POST /__sandbox/orchestration/access-ttl {userId, accessTtlSeconds}`: the TTL of the
/// user's next access tokens (tests expire one token, then want the refreshed one to last).
async fn set_access_ttl(
    State(app): State<Arc<AppState>>,
    body: Bytes,
) -> Result<Response, Rejection> {
    let body = parse_object(&body)?;
    let ttl = setting(&body, "accessTtlSeconds", 900, 1..=31_536_000)?;
    let user_id = body
        .get("userId")
        .and_then(Value::as_str)
        .ok_or_else(|| Rejection::bad_request("userId is required"))?;
    let mut store = lock(&app.orchestration.store);
    let user = store
        .users
        .get_mut(user_id)
        .ok_or_else(|| Rejection(StatusCode::NOT_FOUND, "unknown user".into()))?;
    user.settings.access_ttl_secs = ttl;
    Ok(json(StatusCode::OK, &json!({ "accessTtlSeconds": ttl })))
}

/// `GET /__sandbox/orchestration/stats?orgId=` →
/// `{requests, refreshCalls, loginCalls}`.
async fn stats(
    State(app): State<Arc<AppState>>,
    Query(query): Query<HashMap<String, String>>,
) -> Result<Response, Rejection> {
    let registry = &app.orchestration;
    let org_id = known_org(registry, query.get("orgId").map(String::as_str))?;
    let mut store = lock(&registry.store);
    let activity = store.activity_mut(&org_id);
    Ok(json(
        StatusCode::OK,
        &json!({
            "requests": activity.requests,
            "refreshCalls": activity.refresh_calls,
            "loginCalls": activity.login_calls,
        }),
    ))
}

/// `GET /__sandbox/orchestration/log?orgId=&limit=` → the most recent
/// requests, oldest first: `[{method, path, query, authHeader, body,
/// status}]`.
async fn log(
    State(app): State<Arc<AppState>>,
    Query(query): Query<HashMap<String, String>>,
) -> Result<Response, Rejection> {
    let registry = &app.orchestration;
    let org_id = known_org(registry, query.get("orgId").map(String::as_str))?;
    let limit = match query.get("limit") {
        None => DEFAULT_LOG_LIMIT,
        Some(text) => text
            .parse::<usize>()
            .ok()
            .filter(|limit| (1..=super::state::LOG_CAPACITY).contains(limit))
            .ok_or_else(|| Rejection::bad_request("limit must be an integer from 1 to 1000"))?,
    };
    let mut store = lock(&registry.store);
    let log = &store.activity_mut(&org_id).log;
    let entries: Vec<Value> = log
        .iter()
        .skip(log.len().saturating_sub(limit))
        .cloned()
        .collect();
    Ok(json(StatusCode::OK, &Value::Array(entries)))
}

/// `POST /__sandbox/orchestration/faults {orgId, path, status, count?,
/// when?, retryAfter?, delayMs?}`; `path` may omit the `/api/v0` prefix.
async fn add_faults(State(app): State<Arc<AppState>>, body: Bytes) -> Result<Response, Rejection> {
    let body = parse_object(&body)?;
    let registry = &app.orchestration;
    let org_id = known_org(registry, body.get("orgId").and_then(Value::as_str))?;
    let (path, count, fault) = parse_fault(&body)?;
    let path = if path.starts_with(&format!("{BASE}/")) {
        path
    } else {
        format!("{BASE}{path}")
    };
    lock(&registry.store)
        .activity_mut(&org_id)
        .faults
        .queue(path, count, &fault);
    Ok(json(StatusCode::OK, &json!({ "ok": true })))
}

/// `POST /__sandbox/orchestration/totp {secret}` → `{code}`, the current
/// code of a base32 secret.
async fn totp_code(body: Bytes) -> Result<Response, Rejection> {
    let body = parse_object(&body)?;
    let secret = body
        .get("secret")
        .and_then(Value::as_str)
        .and_then(totp::base32_decode)
        .ok_or_else(|| Rejection::bad_request("secret must be a base32 string"))?;
    let code = totp::code_now(&secret, now_ms() / 1000);
    Ok(json(StatusCode::OK, &json!({ "code": code })))
}
