//! The PCI card widget, served on its own listener (its own origin):
//! `GET /` is a self-contained page meant to be framed, `POST /card-data`
//! trades a widget JWT (`Authorization: Bearer`) for the card's details.

use std::sync::Arc;
use std::time::SystemTime;

use axum::extract::State;
use axum::http::{header, HeaderMap, HeaderName, HeaderValue, StatusCode};
use axum::response::{IntoResponse, Response};
use axum::routing::{get, post};
use axum::Router;
use serde_json::{json, Value};

use super::jwt::{self, TokenError};
use super::model::CardStatus;
use crate::common::clock::unix_secs;
use crate::common::json_error::{json, plain};
use crate::common::lock;
use crate::AppState;

/// The widget page.
const PAGE: &str = include_str!("widget_page.html");
/// Content-Security-Policy of the page.
pub(crate) const CSP: &str = "default-src 'none'; script-src 'unsafe-inline'; \
    style-src 'unsafe-inline'; connect-src 'self'; frame-ancestors *";

/// Routes of the widget server.
pub(crate) fn router() -> Router<Arc<AppState>> {
    Router::new()
        .route("/", get(page))
        .route("/card-data", post(card_data))
        .fallback(not_found)
}

/// Headers every widget response carries.
fn harden(mut response: Response) -> Response {
    let headers = response.headers_mut();
    headers.insert(header::CACHE_CONTROL, HeaderValue::from_static("no-store"));
    headers.insert(
        header::X_CONTENT_TYPE_OPTIONS,
        HeaderValue::from_static("nosniff"),
    );
    headers.insert(
        HeaderName::from_static("referrer-policy"),
        HeaderValue::from_static("no-referrer"),
    );
    response
}

/// `GET /`.
async fn page() -> Response {
    let mut response = (StatusCode::OK, PAGE).into_response();
    let headers = response.headers_mut();
    headers.insert(
        header::CONTENT_TYPE,
        HeaderValue::from_static("text/html; charset=utf-8"),
    );
    headers.insert(
        header::CONTENT_SECURITY_POLICY,
        HeaderValue::from_static(CSP),
    );
    harden(response)
}

/// 404 for anything else.
async fn not_found() -> Response {
    harden(plain(StatusCode::NOT_FOUND, "not found"))
}

/// A 401 `{"error": code}`.
fn unauthorized(error: TokenError) -> Response {
    let code = match error {
        TokenError::Expired => "token_expired",
        TokenError::Invalid => "token_invalid",
    };
    harden(plain(StatusCode::UNAUTHORIZED, code))
}

/// The bearer token of the request.
fn bearer(headers: &HeaderMap) -> Option<&str> {
    let value = headers.get(header::AUTHORIZATION)?.to_str().ok()?;
    let (scheme, token) = value.trim().split_once(' ')?;
    scheme
        .eq_ignore_ascii_case("bearer")
        .then(|| token.trim())
        .filter(|token| !token.is_empty())
}

/// `POST /card-data` with `Authorization: Bearer <widget JWT>`:
/// `{cardNumber, expiryDate, cvv, label}` or 401 `token_expired` /
/// `token_invalid` (also for a closed or unknown card).
async fn card_data(State(app): State<Arc<AppState>>, headers: HeaderMap) -> Response {
    let Some(token) = bearer(&headers) else {
        return unauthorized(TokenError::Invalid);
    };
    let claims = match jwt::verify(
        &app.cards.widget_secret,
        token,
        unix_secs(SystemTime::now()),
    ) {
        Ok(claims) => claims,
        Err(error) => return unauthorized(error),
    };
    let details: Option<Value> = app.cards.all().iter().find_map(|program| {
        let program = lock(program);
        let card = program.cards.get(&claims.card_id)?;
        (card.account_id == claims.account_id && card.status != CardStatus::Closed).then(|| {
            json!({
                "cardNumber": card.pan,
                "expiryDate": card.expiry,
                "cvv": card.cvv,
                "label": card.label,
            })
        })
    });
    match details {
        Some(details) => harden(json(StatusCode::OK, &details)),
        None => unauthorized(TokenError::Invalid),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn bearer_tokens() {
        let mut headers = HeaderMap::new();
        assert_eq!(bearer(&headers), None);
        headers.insert(
            header::AUTHORIZATION,
            HeaderValue::from_static("Bearer abc"),
        );
        assert_eq!(bearer(&headers), Some("abc"));
        headers.insert(
            header::AUTHORIZATION,
            HeaderValue::from_static("bearer  x.y "),
        );
        assert_eq!(bearer(&headers), Some("x.y"));
        headers.insert(header::AUTHORIZATION, HeaderValue::from_static("Basic abc"));
        assert_eq!(bearer(&headers), None);
        headers.insert(header::AUTHORIZATION, HeaderValue::from_static("Bearer "));
        assert_eq!(bearer(&headers), None);
    }

    #[test]
    fn page_is_self_contained() {
        assert!(PAGE.contains("seismic-widget:loaded"));
        assert!(PAGE.contains("event.source !== host"));
        assert!(!PAGE.contains("<script src"));
        assert!(!PAGE.contains("<link"));
        assert!(!PAGE.contains("location."));
        assert!(!PAGE.contains("http://") && !PAGE.contains("https://"));
    }
}
