//! Cards OAuth: codes, tokens, expiry, revocation, isolation between
//! programs, stats and injected faults.

mod support;

use std::time::Duration;

use reqwest::{Method, StatusCode};
use serde_json::json;
use support::cards::{sandbox, unique};

#[tokio::test]
async fn authorize_needs_a_known_client_id() {
    let sbx = sandbox().await;
    for path in [
        "/v1/oauth/authorize",
        "/v1/oauth/authorize?clientId=",
        "/v1/oauth/authorize?clientId=nope",
    ] {
        sbx.call(Method::GET, path, None, None, None)
            .await
            .assert_message(400, "40001", "Invalid parameter: clientId");
    }
}

#[tokio::test]
async fn access_token_errors() {
    let sbx = sandbox().await;
    let program = sbx.default_program();
    let code = sbx.authorize(&program).await;
    let exchange = |body| {
        sbx.call(
            Method::POST,
            "/v1/oauth/access-token",
            None,
            Some(body),
            None,
        )
    };
    exchange(json!({ "clientId": program.client_id, "clientSecret": "wrong", "code": code }))
        .await
        .assert_message(403, "40399", "permission denied");
    exchange(json!({ "clientId": "unknown", "clientSecret": program.client_secret, "code": code }))
        .await
        .assert_error(403, "40399");
    exchange(json!({ "clientId": program.client_id, "clientSecret": program.client_secret }))
        .await
        .assert_invalid("code");
    exchange(json!({ "clientSecret": program.client_secret, "code": code }))
        .await
        .assert_invalid("clientId");
    // The failed attempts did not consume the code.
    let reply = sbx.exchange(&program, &code).await;
    assert_eq!(reply.data()["accessToken"].as_str().map(str::len), Some(40));
}

#[tokio::test]
async fn codes_are_single_use() {
    let sbx = sandbox().await;
    let program = sbx.default_program();
    let code = sbx.authorize(&program).await;
    let first = sbx.exchange(&program, &code).await;
    assert_eq!(first.data()["accessToken"].as_str().map(str::len), Some(40));
    let second = sbx.exchange(&program, &code).await;
    assert_eq!(second.data()["accessToken"], json!(""));
    let unknown = sbx
        .exchange(&program, "0123456789abcdef0123456789abcdef")
        .await;
    assert_eq!(unknown.data()["accessToken"], json!(""));
    // Two codes are independent.
    let a = sbx.authorize(&program).await;
    let b = sbx.authorize(&program).await;
    assert_ne!(a, b);
    assert_eq!(
        sbx.exchange(&program, &b).await.data()["accessToken"]
            .as_str()
            .map(str::len),
        Some(40)
    );
    assert_eq!(
        sbx.exchange(&program, &a).await.data()["accessToken"]
            .as_str()
            .map(str::len),
        Some(40)
    );
}

#[tokio::test]
async fn codes_and_tokens_expire() {
    let sbx = sandbox().await;
    let program = sbx
        .program(json!({ "authCodeTtlSeconds": 1, "tokenTtlSeconds": 1 }))
        .await;
    let stale = sbx.authorize(&program).await;
    let fresh = sbx.authorize(&program).await;
    let reply = sbx.exchange(&program, &fresh).await;
    assert_eq!(reply.data()["expiresIn"], json!(1));
    let token = reply.data()["accessToken"]
        .as_str()
        .expect("token")
        .to_owned();
    let bins = format!("/v1/card/bins?accountId={}", program.parent_account_id);
    sbx.get(&token, &bins).await.data();
    tokio::time::sleep(Duration::from_millis(1100)).await;
    let reply = sbx.exchange(&program, &stale).await;
    assert_eq!(reply.status, StatusCode::OK);
    assert_eq!(reply.body["code"], json!("000000"));
    assert_eq!(reply.data()["accessToken"], json!(""));
    sbx.get(&token, &bins)
        .await
        .assert_message(403, "40399", "permission denied");
}

#[tokio::test]
async fn every_api_call_needs_a_live_token() {
    let sbx = sandbox().await;
    let program = sbx.default_program();
    let bins = format!("/v1/card/bins?accountId={}", program.parent_account_id);
    sbx.call(Method::GET, &bins, None, None, None)
        .await
        .assert_message(403, "40399", "permission denied");
    sbx.get("0000000000000000000000000000000000000000", &bins)
        .await
        .assert_error(403, "40399");
    sbx.call(Method::POST, "/v1/budgets", None, Some(json!({})), None)
        .await
        .assert_error(403, "40399");
    // Unknown endpoints still need the token first, then 40401.
    sbx.call(Method::GET, "/v1/nothing-here", None, None, None)
        .await
        .assert_error(403, "40399");
    let token = sbx.token(&program).await;
    sbx.get(&token, "/v1/nothing-here")
        .await
        .assert_message(404, "40401", "Endpoint not found");
}

#[tokio::test]
async fn revoked_tokens_are_refused() {
    let sbx = sandbox().await;
    let program = sbx.fast_program().await;
    let first = sbx.token(&program).await;
    let second = sbx.token(&program).await;
    let bins = format!("/v1/card/bins?accountId={}", program.parent_account_id);
    sbx.get(&first, &bins).await.data();
    let (status, body) = sbx
        .admin_post(
            "/__sandbox/cards/revoke-tokens",
            json!({ "clientId": program.client_id }),
        )
        .await;
    assert_eq!(status, StatusCode::OK, "{body}");
    assert_eq!(body["revoked"], json!(2));
    for token in [&first, &second] {
        sbx.get(token, &bins).await.assert_error(403, "40399");
    }
    let fresh = sbx.token(&program).await;
    sbx.get(&fresh, &bins).await.data();
    let (status, _) = sbx
        .admin_post(
            "/__sandbox/cards/revoke-tokens",
            json!({ "clientId": "nope" }),
        )
        .await;
    assert_eq!(status, StatusCode::NOT_FOUND);
}

#[tokio::test]
async fn programs_are_isolated() {
    let sbx = sandbox().await;
    let a = sbx.fast_program().await;
    let b = sbx.fast_program().await;
    let token_a = sbx.token(&a).await;
    let token_b = sbx.token(&b).await;
    let account = sbx.register(&a, &token_a).await;
    sbx.get(&token_b, &format!("/v1/accounts/cdd/detail/{account}"))
        .await
        .assert_message(404, "40401", "Account not found");
    sbx.get(
        &token_b,
        &format!("/v1/card/bins?accountId={}", a.parent_account_id),
    )
    .await
    .assert_error(404, "40401");
    // A's parent account id is not B's.
    sbx.post(
        &token_b,
        "/v1/accounts/register",
        json!({ "name": "X", "email": format!("{}@example.com", unique("x")), "parentAccountId": a.parent_account_id }),
    )
    .await
    .assert_invalid("parentAccountId");
}

#[tokio::test]
async fn stats_count_calls() {
    let sbx = sandbox().await;
    let program = sbx.fast_program().await;
    let token = sbx.token(&program).await;
    let _ = sbx.token(&program).await;
    sbx.get(
        &token,
        &format!("/v1/card/bins?accountId={}", program.parent_account_id),
    )
    .await
    .data();
    let (status, body) = sbx
        .admin_get(&format!(
            "/__sandbox/cards/stats?clientId={}",
            program.client_id
        ))
        .await;
    assert_eq!(status, StatusCode::OK);
    assert_eq!(
        body,
        json!({ "authorizeCalls": 2, "tokenCalls": 2, "requests": 5 })
    );
    let (status, _) = sbx.admin_get("/__sandbox/cards/stats?clientId=nope").await;
    assert_eq!(status, StatusCode::NOT_FOUND);
    let (status, _) = sbx.admin_get("/__sandbox/cards/stats").await;
    assert_eq!(status, StatusCode::BAD_REQUEST);
}

#[tokio::test]
async fn faults_before_and_after() {
    let sbx = sandbox().await;
    let program = sbx.fast_program().await;
    let token = sbx.token(&program).await;
    let (status, body) = sbx
        .admin_post(
            "/__sandbox/cards/faults",
            json!({ "clientId": program.client_id, "path": "/v1/accounts/register", "status": 503,
                    "count": 1, "when": "before", "retryAfter": 2 }),
        )
        .await;
    assert_eq!(status, StatusCode::OK, "{body}");
    let email = format!("{}@example.com", unique("f"));
    let register =
        json!({ "name": "F", "email": email, "parentAccountId": program.parent_account_id });
    let reply = sbx
        .post(&token, "/v1/accounts/register", register.clone())
        .await;
    assert_eq!(reply.status, StatusCode::SERVICE_UNAVAILABLE);
    assert_eq!(
        reply
            .headers
            .get("retry-after")
            .and_then(|v| v.to_str().ok()),
        Some("2")
    );
    let reply = sbx
        .get(&token, &format!("/v1/accounts?email={email}"))
        .await;
    assert_eq!(
        reply.data()["list"],
        json!([]),
        "a 'before' fault does not process"
    );

    sbx.admin_post(
        "/__sandbox/cards/faults",
        json!({ "clientId": program.client_id, "path": "/v1/accounts/register", "status": 502, "when": "after" }),
    )
    .await;
    let idem = support::cards::key();
    let reply = sbx
        .call(
            Method::POST,
            "/v1/accounts/register",
            Some(&token),
            Some(register.clone()),
            Some(&idem),
        )
        .await;
    assert_eq!(reply.status, StatusCode::BAD_GATEWAY);
    let reply = sbx
        .get(&token, &format!("/v1/accounts?email={email}"))
        .await;
    let account = reply.data()["list"][0]["accountId"].clone();
    assert!(account.is_string(), "an 'after' fault processes");
    // The retry with the same key gets the stored answer, not 010001.
    let reply = sbx
        .call(
            Method::POST,
            "/v1/accounts/register",
            Some(&token),
            Some(register),
            Some(&idem),
        )
        .await;
    assert_eq!(reply.data()["accountId"], account);

    // OAuth calls are attributed by clientId.
    sbx.admin_post(
        "/__sandbox/cards/faults",
        json!({ "clientId": program.client_id, "path": "/v1/oauth/authorize", "status": 500 }),
    )
    .await;
    let reply = sbx
        .call(
            Method::GET,
            &format!("/v1/oauth/authorize?clientId={}", program.client_id),
            None,
            None,
            None,
        )
        .await;
    assert_eq!(reply.status, StatusCode::INTERNAL_SERVER_ERROR);
    let (status, _) = sbx
        .admin_post(
            "/__sandbox/cards/faults",
            json!({ "clientId": program.client_id, "path": "no-slash", "status": 500 }),
        )
        .await;
    assert_eq!(status, StatusCode::BAD_REQUEST);
}

#[tokio::test]
async fn admin_tenant_settings_are_validated() {
    let sbx = sandbox().await;
    for bad in [
        json!({ "tokenTtlSeconds": 0 }),
        json!({ "kycDelayMs": -1 }),
        json!({ "widgetTokenTtlSeconds": "300" }),
        json!({ "cardholderDelayMs": 600_001 }),
    ] {
        let (status, body) = sbx
            .admin_post("/__sandbox/cards/tenants", bad.clone())
            .await;
        assert_eq!(status, StatusCode::BAD_REQUEST, "{bad} → {body}");
    }
    let (status, body) = sbx.admin_post("/__sandbox/cards/tenants", json!({})).await;
    assert_eq!(status, StatusCode::OK);
    assert_eq!(body["widgetOrigin"], json!(sbx.running.widget_url));
    let program = sbx.program(json!({ "tokenTtlSeconds": 60 })).await;
    assert!(program.client_id.starts_with("sbx_cards_"));
    assert!(program.webhook_secret.starts_with("whsec_"));
    assert_ne!(program.client_id, sbx.default_program().client_id);
    let reply = sbx.exchange(&program, &sbx.authorize(&program).await).await;
    assert_eq!(reply.data()["expiresIn"], json!(60));
}
