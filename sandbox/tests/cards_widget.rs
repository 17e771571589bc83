//! The PCI card widget server: its page (self-contained, frameable, strict
//! CSP) and `POST /card-data` with valid, expired, tampered and revoked
//! tokens.

mod support;

use std::time::Duration;

use base64::engine::general_purpose::URL_SAFE_NO_PAD;
use base64::Engine;
use reqwest::{Method, StatusCode};
use serde_json::{json, Value};
use support::cards::{sandbox, Issued, Program, Sandbox};

const CSP: &str = "default-src 'none'; script-src 'unsafe-inline'; style-src 'unsafe-inline'; \
                   connect-src 'self'; frame-ancestors *";

async fn widget_token(sbx: &Sandbox, token: &str, issued: &Issued) -> String {
    let reply = sbx
        .get(
            token,
            &format!(
                "/v1/cards/{}/private-info/access-token?accountId={}",
                issued.card_id, issued.user.account_id
            ),
        )
        .await;
    reply.data()["accessToken"]
        .as_str()
        .expect("accessToken")
        .to_owned()
}

/// `POST {widget}/card-data` with an optional Authorization header.
async fn card_data(
    sbx: &Sandbox,
    authorization: Option<&str>,
) -> (StatusCode, reqwest::header::HeaderMap, Value) {
    let mut request = sbx
        .http
        .post(format!("{}/card-data", sbx.running.widget_url))
        .header("Origin", "https://attacker.example");
    if let Some(value) = authorization {
        request = request.header("Authorization", value);
    }
    let response = request.send().await.expect("card-data");
    let status = response.status();
    let headers = response.headers().clone();
    (status, headers, response.json().await.expect("JSON"))
}

async fn issued_card(sbx: &Sandbox, settings: Value) -> (Program, String, Issued) {
    let mut settings = settings;
    settings["kycDelayMs"] = json!(20);
    settings["cardholderDelayMs"] = json!(20);
    let program = sbx.program(settings).await;
    let token = sbx.token(&program).await;
    let issued = sbx.issued(&program, &token, "10.00", "5.00").await;
    (program, token, issued)
}

#[tokio::test]
async fn page_is_frameable_with_a_strict_csp() {
    let sbx = sandbox().await;
    assert_ne!(sbx.running.widget_url, sbx.running.url, "its own origin");
    let response = sbx
        .http
        .get(format!("{}/", sbx.running.widget_url))
        .send()
        .await
        .expect("page");
    assert_eq!(response.status(), StatusCode::OK);
    let header = |name: &str| {
        response
            .headers()
            .get(name)
            .and_then(|v| v.to_str().ok())
            .map(str::to_owned)
    };
    assert_eq!(header("content-security-policy").as_deref(), Some(CSP));
    assert_eq!(header("cache-control").as_deref(), Some("no-store"));
    assert_eq!(header("x-frame-options"), None);
    assert!(header("content-type").is_some_and(|t| t.starts_with("text/html")));
    let page = response.text().await.expect("html");
    assert!(page.starts_with("<!doctype html>"));
    for needle in [
        "seismic-widget:loaded",
        "seismic-widget:init",
        "seismic-widget:ready",
        "seismic-widget:error",
        "seismic-widget:copy",
        "event.source !== host",
        "\"/card-data\"",
        "navigator.clipboard",
        "--sw-font-family",
        "\\u2022",
    ] {
        assert!(page.contains(needle), "page lacks {needle}");
    }
    for forbidden in [
        "<script src",
        "<link",
        "<img",
        "<iframe",
        "location.",
        "localStorage",
        "http://",
        "https://",
    ] {
        assert!(!page.contains(forbidden), "page contains {forbidden}");
    }
    // The token is never read from the URL: the page looks the same with one.
    let with_query = sbx
        .http
        .get(format!("{}/?token=abc", sbx.running.widget_url))
        .send()
        .await
        .expect("page")
        .text()
        .await
        .expect("html");
    assert_eq!(with_query, page);
    // The widget origin serves nothing else, and the API origin not the widget.
    let response = sbx
        .http
        .get(format!("{}/v1/card/bins", sbx.running.widget_url))
        .send()
        .await
        .expect("404");
    assert_eq!(response.status(), StatusCode::NOT_FOUND);
    let response = sbx
        .http
        .post(sbx.url("/card-data"))
        .send()
        .await
        .expect("404");
    assert_eq!(response.status(), StatusCode::NOT_FOUND);
}

#[tokio::test]
async fn card_data_with_a_valid_token() {
    let sbx = sandbox().await;
    let (_, token, issued) = issued_card(&sbx, json!({})).await;
    let jwt = widget_token(&sbx, &token, &issued).await;
    let (status, headers, body) = card_data(&sbx, Some(&format!("Bearer {jwt}"))).await;
    assert_eq!(status, StatusCode::OK, "{body}");
    assert_eq!(
        headers.get("cache-control").and_then(|v| v.to_str().ok()),
        Some("no-store")
    );
    assert!(
        headers.get("access-control-allow-origin").is_none(),
        "no CORS on the widget origin"
    );
    let reply = sbx
        .get(
            &token,
            &format!(
                "/v1/cards/{}?accountId={}",
                issued.card_id, issued.user.account_id
            ),
        )
        .await;
    let secret = reply.data();
    assert_eq!(
        body,
        json!({ "cardNumber": secret["cardNumber"], "expiryDate": secret["expiryDate"],
                "cvv": secret["cvv"], "label": "Primary card" })
    );
    // The token can be used again until it expires; a frozen card still shows.
    sbx.post(
        &token,
        &format!("/v1/cards/{}/freeze", issued.card_id),
        json!({ "accountId": issued.user.account_id }),
    )
    .await
    .data();
    let (status, _, _) = card_data(&sbx, Some(&format!("bearer {jwt}"))).await;
    assert_eq!(status, StatusCode::OK);
}

#[tokio::test]
async fn card_data_refuses_bad_tokens() {
    let sbx = sandbox().await;
    let (_, token, issued) = issued_card(&sbx, json!({})).await;
    let jwt = widget_token(&sbx, &token, &issued).await;
    let invalid = json!({ "error": "token_invalid" });
    let parts: Vec<&str> = jwt.split('.').collect();

    // Payload changed (another card), signature kept.
    let mut claims: Value =
        serde_json::from_slice(&URL_SAFE_NO_PAD.decode(parts[1]).expect("b64")).expect("json");
    claims["exp"] = json!(claims["exp"].as_i64().unwrap_or_default() + 3600);
    let forged_payload = URL_SAFE_NO_PAD.encode(claims.to_string());
    let forged = format!("{}.{}.{}", parts[0], forged_payload, parts[2]);
    // Signature changed.
    let mut signature = parts[2].to_owned();
    let flipped = if signature.starts_with('A') { "B" } else { "A" };
    signature.replace_range(..1, flipped);
    let resigned = format!("{}.{}.{}", parts[0], parts[1], signature);
    // alg none.
    let none = format!(
        "{}.{}.",
        URL_SAFE_NO_PAD.encode(json!({ "alg": "none", "typ": "JWT" }).to_string()),
        parts[1]
    );
    for authorization in [
        None,
        Some("Bearer".to_owned()),
        Some(format!("Basic {jwt}")),
        Some("Bearer not-a-jwt".to_owned()),
        Some(format!("Bearer {forged}")),
        Some(format!("Bearer {resigned}")),
        Some(format!("Bearer {none}")),
    ] {
        let (status, headers, body) = card_data(&sbx, authorization.as_deref()).await;
        assert_eq!(status, StatusCode::UNAUTHORIZED, "{authorization:?}");
        assert_eq!(body, invalid, "{authorization:?}");
        assert_eq!(
            headers.get("cache-control").and_then(|v| v.to_str().ok()),
            Some("no-store")
        );
    }

    // A token of another sandbox (another secret) is invalid here.
    let other = sandbox().await;
    let (_, other_token, other_issued) = issued_card(&other, json!({})).await;
    let foreign = widget_token(&other, &other_token, &other_issued).await;
    let (status, _, body) = card_data(&sbx, Some(&format!("Bearer {foreign}"))).await;
    assert_eq!((status, body), (StatusCode::UNAUTHORIZED, invalid.clone()));

    // A closed card's token stops working.
    sbx.call(
        Method::DELETE,
        &format!(
            "/v1/cards/{}?accountId={}",
            issued.card_id, issued.user.account_id
        ),
        Some(&token),
        None,
        None,
    )
    .await
    .data();
    let (status, _, body) = card_data(&sbx, Some(&format!("Bearer {jwt}"))).await;
    assert_eq!((status, body), (StatusCode::UNAUTHORIZED, invalid));
}

#[tokio::test]
async fn card_data_refuses_expired_tokens() {
    let sbx = sandbox().await;
    let (_, token, issued) = issued_card(&sbx, json!({ "widgetTokenTtlSeconds": 1 })).await;
    let reply = sbx
        .get(
            &token,
            &format!(
                "/v1/cards/{}/private-info/access-token?accountId={}",
                issued.card_id, issued.user.account_id
            ),
        )
        .await;
    assert_eq!(reply.data()["expiresIn"], json!(1));
    let jwt = reply.data()["accessToken"]
        .as_str()
        .expect("jwt")
        .to_owned();
    tokio::time::sleep(Duration::from_millis(1100)).await;
    let (status, _, body) = card_data(&sbx, Some(&format!("Bearer {jwt}"))).await;
    assert_eq!(status, StatusCode::UNAUTHORIZED);
    assert_eq!(body, json!({ "error": "token_expired" }));
    // An expired token with a broken signature is invalid, not expired.
    let last = if jwt.ends_with('A') { "B" } else { "A" };
    let broken = format!("{}{last}", &jwt[..jwt.len() - 1]);
    let (_, _, body) = card_data(&sbx, Some(&format!("Bearer {broken}"))).await;
    assert_eq!(body, json!({ "error": "token_invalid" }));
}
