//! Sandbox-only control API under `/__sandbox` (no auth, plain JSON):
//! tenants, clock offsets, fault injection, stats and health, for the
//! envelope API (`/__sandbox/envelope/*`) and the stored-value API
//! (`/__sandbox/stored-value/*`). The Cards and Orchestration APIs have
//! their own (`cards::admin`, `orchestration::admin`); all of them share
//! the helpers of `common::admin` and `common::fault`.

use std::collections::HashMap;
use std::sync::Arc;

use axum::body::Bytes;
use axum::extract::{Query, State};
use axum::http::StatusCode;
use axum::response::Response;
use axum::routing::{get, post};
use axum::Router;
use serde_json::{json, Value};

use crate::common::admin::{parse_fault, parse_object, Rejection};
use crate::common::clock::MAX_OFFSET_MS;
use crate::common::json_error::json;
use crate::common::lock;
use crate::common::money::{format_cents, parse_cents};
use crate::envelope::crypto::b64;
use crate::envelope::state::Tenant;
use crate::stored_value::state::Tenant as SvTenant;
use crate::AppState;

/// Default master balance of tenants created through the admin API, cents.
const DEFAULT_TENANT_BALANCE_CENTS: i64 = 1_000_000;

/// Routes of the admin API.
pub(crate) fn router() -> Router<Arc<AppState>> {
    Router::new()
        .route("/__sandbox/health", get(health))
        .route("/__sandbox/envelope/tenants", post(create_tenant))
        .route("/__sandbox/envelope/clock", post(set_clock))
        .route("/__sandbox/envelope/faults", post(add_faults))
        .route("/__sandbox/envelope/stats", get(stats))
        .route("/__sandbox/stored-value/tenants", post(create_sv_tenant))
        .route("/__sandbox/stored-value/faults", post(add_sv_faults))
        .route("/__sandbox/stored-value/stats", get(sv_stats))
}

/// Finds the tenant named by `apiKey`.
fn tenant_of(
    app: &AppState,
    api_key: Option<&str>,
) -> Result<Arc<std::sync::Mutex<Tenant>>, Rejection> {
    let api_key = api_key.ok_or_else(|| Rejection::bad_request("apiKey is required"))?;
    app.envelope
        .get(api_key)
        .ok_or(Rejection(StatusCode::NOT_FOUND, "unknown tenant".into()))
}

/// Finds the stored-value tenant named by `apiKey`.
fn sv_tenant_of(
    app: &AppState,
    api_key: Option<&str>,
) -> Result<Arc<std::sync::Mutex<SvTenant>>, Rejection> {
    let api_key = api_key.ok_or_else(|| Rejection::bad_request("apiKey is required"))?;
    app.stored_value
        .get(api_key)
        .ok_or(Rejection(StatusCode::NOT_FOUND, "unknown tenant".into()))
}

/// `GET /__sandbox/health`.
async fn health() -> Response {
    json(StatusCode::OK, &json!({ "ok": true }))
}

/// `POST /__sandbox/envelope/tenants` `{ "masterBalance"?: "100.00" }`.
async fn create_tenant(
    State(app): State<Arc<AppState>>,
    body: Bytes,
) -> Result<Response, Rejection> {
    let body = parse_object(&body)?;
    let balance = match body.get("masterBalance") {
        None | Some(Value::Null) => Some(DEFAULT_TENANT_BALANCE_CENTS),
        Some(Value::String(text)) => parse_cents(text),
        Some(Value::Number(number)) => parse_cents(&number.to_string()),
        Some(_) => None,
    };
    let balance = balance.ok_or_else(|| {
        Rejection::bad_request("masterBalance must be a non-negative decimal string")
    })?;
    let (api_key, encryption_key) = app.envelope.create(balance);
    Ok(json(
        StatusCode::OK,
        &json!({
            "apiKey": api_key,
            "encryptionKey": b64(&encryption_key),
            "masterBalance": format_cents(balance),
        }),
    ))
}

/// `POST /__sandbox/envelope/clock` `{ "apiKey", "offsetMs" }`.
async fn set_clock(State(app): State<Arc<AppState>>, body: Bytes) -> Result<Response, Rejection> {
    let body = parse_object(&body)?;
    let tenant = tenant_of(&app, body.get("apiKey").and_then(Value::as_str))?;
    let offset_ms = body
        .get("offsetMs")
        .and_then(Value::as_i64)
        .filter(|offset| offset.abs() <= MAX_OFFSET_MS)
        .ok_or_else(|| Rejection::bad_request("offsetMs must be an integer within ten years"))?;
    lock(&tenant).clock_offset_ms = offset_ms;
    Ok(json(StatusCode::OK, &json!({ "ok": true })))
}

/// `POST /__sandbox/envelope/faults`
/// `{ "apiKey", "path", "status", "count"?, "when"?, "retryAfter"?, "delayMs"? }`
/// (`delayMs` holds the request that long before answering).
async fn add_faults(State(app): State<Arc<AppState>>, body: Bytes) -> Result<Response, Rejection> {
    let body = parse_object(&body)?;
    let tenant = tenant_of(&app, body.get("apiKey").and_then(Value::as_str))?;
    let (path, count, fault) = parse_fault(&body)?;
    lock(&tenant).faults.queue(path, count, &fault);
    Ok(json(StatusCode::OK, &json!({ "ok": true })))
}

/// `GET /__sandbox/envelope/stats?apiKey=K`.
async fn stats(
    State(app): State<Arc<AppState>>,
    Query(query): Query<HashMap<String, String>>,
) -> Result<Response, Rejection> {
    let tenant = tenant_of(&app, query.get("apiKey").map(String::as_str))?;
    let tenant = lock(&tenant);
    Ok(json(
        StatusCode::OK,
        &json!({
            "requests": tenant.requests,
            "masterBalance": format_cents(tenant.master_balance_cents),
            "orders": tenant.orders.len(),
        }),
    ))
}

/// `POST /__sandbox/stored-value/tenants` `{}`: a fresh merchant holding
/// every test card.
async fn create_sv_tenant(
    State(app): State<Arc<AppState>>,
    body: Bytes,
) -> Result<Response, Rejection> {
    parse_object(&body)?;
    let (api_key, merchant_id) = app.stored_value.create();
    Ok(json(
        StatusCode::OK,
        &json!({ "apiKey": api_key, "merchantId": merchant_id }),
    ))
}

/// `POST /__sandbox/stored-value/faults`
/// `{ "apiKey", "path", "status", "count"?, "when"?, "retryAfter"?, "delayMs"? }`
/// (`delayMs` holds the request that long before answering).
async fn add_sv_faults(
    State(app): State<Arc<AppState>>,
    body: Bytes,
) -> Result<Response, Rejection> {
    let body = parse_object(&body)?;
    let tenant = sv_tenant_of(&app, body.get("apiKey").and_then(Value::as_str))?;
    let (path, count, fault) = parse_fault(&body)?;
    lock(&tenant).faults.queue(path, count, &fault);
    Ok(json(StatusCode::OK, &json!({ "ok": true })))
}

/// `GET /__sandbox/stored-value/stats?apiKey=K`.
async fn sv_stats(
    State(app): State<Arc<AppState>>,
    Query(query): Query<HashMap<String, String>>,
) -> Result<Response, Rejection> {
    let tenant = sv_tenant_of(&app, query.get("apiKey").map(String::as_str))?;
    let stats = lock(&tenant).stats();
    Ok(json(StatusCode::OK, &stats))
}
