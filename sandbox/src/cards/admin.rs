//! Sandbox-only control API of the Cards simulation under
//! `/__sandbox/cards` (no auth, plain JSON, errors as `{"error": ...}`):
//! programs, token revocation, stats, faults, webhook endpoints and secret
//! rotation, and simulated card purchases.

use std::collections::HashMap;
use std::sync::Arc;
use std::time::SystemTime;

use axum::body::Bytes;
use axum::extract::{Query, State};
use axum::http::StatusCode;
use axum::response::Response;
use axum::routing::{get, post};
use axum::Router;
use serde_json::{json, Map, Value};

use super::model::{Credentials, Settings};
use super::state::{Program, SharedProgram};
use super::transactions::{self, SimulationError};
use crate::common::admin::{parse_fault, parse_object, setting, Rejection};
use crate::common::json_error::json;
use crate::common::lock;
use crate::AppState;

/// Routes of the Cards admin API.
pub(crate) fn router() -> Router<Arc<AppState>> {
    Router::new()
        .route("/__sandbox/cards/tenants", post(create_tenant))
        .route("/__sandbox/cards/revoke-tokens", post(revoke_tokens))
        .route("/__sandbox/cards/stats", get(stats))
        .route("/__sandbox/cards/faults", post(add_faults))
        .route(
            "/__sandbox/cards/webhooks",
            post(add_webhook).get(list_webhooks),
        )
        .route(
            "/__sandbox/cards/webhook-secret/rotate",
            post(rotate_secret),
        )
        .route("/__sandbox/cards/events", get(events))
        .route("/__sandbox/cards/purchase", post(purchase))
        .route("/__sandbox/cards/settle", post(settle))
}

impl From<SimulationError> for Rejection {
    fn from(error: SimulationError) -> Self {
        match error {
            SimulationError::Invalid(message) => Self::bad_request(message),
            SimulationError::NotFound(message) => Self(StatusCode::NOT_FOUND, message.into()),
            SimulationError::Conflict(message) => Self(StatusCode::CONFLICT, message.into()),
        }
    }
}

/// Finds the program named by `clientId`.
fn program_of(app: &AppState, client_id: Option<&str>) -> Result<SharedProgram, Rejection> {
    let client_id = client_id.ok_or_else(|| Rejection::bad_request("clientId is required"))?;
    app.cards
        .get(client_id)
        .ok_or_else(|| Rejection(StatusCode::NOT_FOUND, "unknown tenant".into()))
}

/// The program named by the body's `clientId`.
fn body_program(app: &AppState, body: &Map<String, Value>) -> Result<SharedProgram, Rejection> {
    program_of(app, body.get("clientId").and_then(Value::as_str))
}

/// `POST /__sandbox/cards/tenants {tokenTtlSeconds?, kycDelayMs?,
/// cardholderDelayMs?, widgetTokenTtlSeconds?, authCodeTtlSeconds?}` →
/// the credential bundle plus `widgetOrigin`.
async fn create_tenant(
    State(app): State<Arc<AppState>>,
    body: Bytes,
) -> Result<Response, Rejection> {
    let body = parse_object(&body)?;
    let defaults = Settings::default();
    let settings = Settings {
        token_ttl_secs: setting(
            &body,
            "tokenTtlSeconds",
            defaults.token_ttl_secs,
            1..=31_536_000,
        )?,
        auth_code_ttl_secs: setting(
            &body,
            "authCodeTtlSeconds",
            defaults.auth_code_ttl_secs,
            1..=86_400,
        )?,
        kyc_delay_ms: setting(&body, "kycDelayMs", defaults.kyc_delay_ms, 0..=600_000)?,
        cardholder_delay_ms: setting(
            &body,
            "cardholderDelayMs",
            defaults.cardholder_delay_ms,
            0..=600_000,
        )?,
        widget_token_ttl_secs: setting(
            &body,
            "widgetTokenTtlSeconds",
            defaults.widget_token_ttl_secs,
            1..=86_400,
        )?,
    };
    let credentials = Credentials::random();
    let mut answer = credentials.to_json();
    if let (Some(origin), Some(map)) = (app.cards.widget_origin.get(), answer.as_object_mut()) {
        map.insert("widgetOrigin".into(), Value::from(origin.as_str()));
    }
    app.cards.insert(Program::new(credentials, settings));
    Ok(json(StatusCode::OK, &answer))
}

/// `POST /__sandbox/cards/revoke-tokens {clientId}`.
async fn revoke_tokens(
    State(app): State<Arc<AppState>>,
    body: Bytes,
) -> Result<Response, Rejection> {
    let program = body_program(&app, &parse_object(&body)?)?;
    let revoked = app.cards.revoke_tokens(&program);
    Ok(json(
        StatusCode::OK,
        &json!({ "ok": true, "revoked": revoked }),
    ))
}

/// `GET /__sandbox/cards/stats?clientId=`.
async fn stats(
    State(app): State<Arc<AppState>>,
    Query(query): Query<HashMap<String, String>>,
) -> Result<Response, Rejection> {
    let program = program_of(&app, query.get("clientId").map(String::as_str))?;
    let stats = lock(&program).stats;
    Ok(json(
        StatusCode::OK,
        &json!({
            "authorizeCalls": stats.authorize_calls,
            "tokenCalls": stats.token_calls,
            "requests": stats.requests,
        }),
    ))
}

/// `POST /__sandbox/cards/faults {clientId, path, status, count?, when?,
/// retryAfter?, delayMs?}`.
async fn add_faults(State(app): State<Arc<AppState>>, body: Bytes) -> Result<Response, Rejection> {
    let body = parse_object(&body)?;
    let program = body_program(&app, &body)?;
    let (path, count, fault) = parse_fault(&body)?;
    lock(&program).faults.queue(path, count, &fault);
    Ok(json(StatusCode::OK, &json!({ "ok": true })))
}

/// `POST /__sandbox/cards/webhooks {clientId, url}`.
async fn add_webhook(State(app): State<Arc<AppState>>, body: Bytes) -> Result<Response, Rejection> {
    let body = parse_object(&body)?;
    let program = body_program(&app, &body)?;
    let url = body
        .get("url")
        .and_then(Value::as_str)
        .filter(|url| {
            (url.starts_with("http://") || url.starts_with("https://"))
                && url.len() <= 2048
                && reqwest::Url::parse(url).is_ok()
        })
        .ok_or_else(|| Rejection::bad_request("url must be an http(s) URL"))?;
    let mut program = lock(&program);
    if !program.webhooks.add_url(url) {
        return Err(Rejection::bad_request("too many webhook endpoints"));
    }
    let urls = program.webhooks.urls().to_vec();
    Ok(json(StatusCode::OK, &json!({ "ok": true, "urls": urls })))
}

/// `GET /__sandbox/cards/webhooks?clientId=`.
async fn list_webhooks(
    State(app): State<Arc<AppState>>,
    Query(query): Query<HashMap<String, String>>,
) -> Result<Response, Rejection> {
    let program = program_of(&app, query.get("clientId").map(String::as_str))?;
    let urls = lock(&program).webhooks.urls().to_vec();
    Ok(json(StatusCode::OK, &json!({ "urls": urls })))
}

/// `POST /__sandbox/cards/webhook-secret/rotate {clientId}`.
async fn rotate_secret(
    State(app): State<Arc<AppState>>,
    body: Bytes,
) -> Result<Response, Rejection> {
    let program = body_program(&app, &parse_object(&body)?)?;
    let secret = lock(&program).webhooks.rotate();
    Ok(json(StatusCode::OK, &json!({ "webhookSecret": secret })))
}

/// `GET /__sandbox/cards/events?clientId=`: the most recent webhook events
/// (whether or not an endpoint was registered), oldest first.
async fn events(
    State(app): State<Arc<AppState>>,
    Query(query): Query<HashMap<String, String>>,
) -> Result<Response, Rejection> {
    let program = program_of(&app, query.get("clientId").map(String::as_str))?;
    let events: Vec<Value> = lock(&program).webhooks.recent().cloned().collect();
    Ok(json(StatusCode::OK, &json!({ "events": events })))
}

/// `POST /__sandbox/cards/purchase {clientId, accountId, cardId, amount,
/// merchantName?, outcome?, clientTransactionId?}`.
async fn purchase(State(app): State<Arc<AppState>>, body: Bytes) -> Result<Response, Rejection> {
    let body = parse_object(&body)?;
    let program = body_program(&app, &body)?;
    let transaction = transactions::purchase(&mut lock(&program), &body, SystemTime::now())?;
    Ok(json(StatusCode::OK, &transaction))
}

/// `POST /__sandbox/cards/settle {clientId, transactionId}`.
async fn settle(State(app): State<Arc<AppState>>, body: Bytes) -> Result<Response, Rejection> {
    let body = parse_object(&body)?;
    let program = body_program(&app, &body)?;
    let transaction = transactions::settle(&mut lock(&program), &body, SystemTime::now())?;
    Ok(json(StatusCode::OK, &transaction))
}
