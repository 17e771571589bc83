//! Orchestration tokens and credentials: rotating refresh tokens and
//! logout, refresh-token TTLs, short-lived HS256 access tokens, and the
//! credential rules (`BothCredsProvided`, 401s).

mod support;

use std::time::Duration;

use base64::engine::general_purpose::URL_SAFE_NO_PAD;
use base64::Engine;
use serde_json::{json, Value};
use support::orchestration::{sandbox, unix_now, Auth};

#[tokio::test]
async fn refresh_tokens_rotate_and_logout_revokes() {
    let sbx = sandbox().await;
    let tenant = sbx.tenant(json!({})).await;
    let first = sbx.login(&tenant.email, &tenant.password).await;
    let rt1 = first["refresh_token"].as_str().expect("rt").to_owned();

    let second = sbx
        .post("/auth/refresh", Auth::None, json!({ "refresh_token": rt1 }))
        .await;
    let second = second.ok().clone();
    let rt2 = second["refresh_token"].as_str().expect("rt").to_owned();
    assert_ne!(rt1, rt2);
    assert_ne!(second["access_token"], first["access_token"]);
    let access2 = second["access_token"].as_str().expect("access").to_owned();
    sbx.get("/org", Auth::Bearer(&access2)).await.ok();

    // The old refresh token is dead.
    let reply = sbx
        .post("/auth/refresh", Auth::None, json!({ "refresh_token": rt1 }))
        .await;
    reply.assert_error(401, "RefreshTokenInvalid");
    let third = sbx
        .post("/auth/refresh", Auth::None, json!({ "refresh_token": rt2 }))
        .await;
    let rt3 = third.ok()["refresh_token"].as_str().expect("rt").to_owned();

    sbx.post("/auth/logout", Auth::None, json!({ "refresh_token": rt3 }))
        .await
        .no_content();
    let reply = sbx
        .post("/auth/refresh", Auth::None, json!({ "refresh_token": rt3 }))
        .await;
    reply.assert_error(401, "RefreshTokenInvalid");
    let reply = sbx
        .post(
            "/auth/refresh",
            Auth::None,
            json!({ "refresh_token": "rt_unknown" }),
        )
        .await;
    reply.assert_error(401, "RefreshTokenInvalid");

    // Refresh calls are counted even when they fail (the unknown token
    // cannot be attributed to the org).
    let stats = sbx.stats(&tenant.org_id).await;
    assert_eq!(stats["refreshCalls"], json!(4), "{stats}");
    assert_eq!(stats["loginCalls"], json!(1), "{stats}");
    assert_eq!(stats["requests"], json!(7), "{stats}");
}

#[tokio::test]
async fn refresh_tokens_expire_with_their_ttl() {
    let sbx = sandbox().await;
    let tenant = sbx.tenant(json!({ "refreshTtlSeconds": 1 })).await;
    let pair = sbx.login(&tenant.email, &tenant.password).await;
    tokio::time::sleep(Duration::from_millis(1100)).await;
    let reply = sbx
        .post(
            "/auth/refresh",
            Auth::None,
            json!({ "refresh_token": pair["refresh_token"] }),
        )
        .await;
    reply.assert_error(401, "RefreshTokenInvalid");
}

#[tokio::test]
async fn access_tokens_are_short_lived_hs256_jwts() {
    let sbx = sandbox().await;
    let tenant = sbx.tenant(json!({ "accessTtlSeconds": 1 })).await;
    let pair = sbx.login(&tenant.email, &tenant.password).await;
    let access = pair["access_token"].as_str().expect("access").to_owned();

    let parts: Vec<&str> = access.split('.').collect();
    assert_eq!(parts.len(), 3, "{access}");
    let decode = |part: &str| -> Value {
        serde_json::from_slice(&URL_SAFE_NO_PAD.decode(part).expect("base64url")).expect("json")
    };
    assert_eq!(decode(parts[0])["alg"], json!("HS256"));
    let claims = decode(parts[1]);
    assert_eq!(claims["sub"], json!(tenant.user_id));
    let exp = claims["exp"].as_i64().expect("exp");
    assert!((1..=3).contains(&(exp - unix_now())), "{claims}");

    sbx.get("/user", Auth::Bearer(&access)).await.ok();
    tokio::time::sleep(Duration::from_millis(2100)).await;
    let reply = sbx.get("/user", Auth::Bearer(&access)).await;
    let error = reply.assert_error(401, "Unauthorized");
    assert!(
        error["message"]
            .as_str()
            .unwrap_or_default()
            .contains("expired"),
        "{error}"
    );

    // Refreshing recovers the session.
    let fresh = sbx
        .post(
            "/auth/refresh",
            Auth::None,
            json!({ "refresh_token": pair["refresh_token"] }),
        )
        .await;
    let access = fresh.ok()["access_token"]
        .as_str()
        .expect("access")
        .to_owned();
    sbx.get("/user", Auth::Bearer(&access)).await.ok();

    // A tampered token is refused the same way.
    let tampered = format!("{access}x");
    sbx.get("/user", Auth::Bearer(&tampered))
        .await
        .assert_error(401, "Unauthorized");
}

#[tokio::test]
async fn credential_rules() {
    let sbx = sandbox().await;
    let tenant = sbx.tenant(json!({})).await;
    let pair = sbx.login(&tenant.email, &tenant.password).await;
    let access = pair["access_token"].as_str().expect("access").to_owned();

    for path in ["/org", "/user", "/rails", "/health"] {
        let reply = sbx.get(path, Auth::Both(&tenant.api_key, &access)).await;
        reply.assert_error(400, "BothCredsProvided");
    }
    let reply = sbx
        .post(
            "/auth/api-keys",
            Auth::Both(&tenant.api_key, &access),
            json!({ "label": "x" }),
        )
        .await;
    reply.assert_error(400, "BothCredsProvided");

    sbx.get("/org", Auth::None)
        .await
        .assert_error(401, "Unauthorized");
    sbx.get("/org", Auth::Key("seismic_sandbox_nope"))
        .await
        .assert_error(401, "Unauthorized");
    sbx.get("/org", Auth::Bearer("not.a.jwt"))
        .await
        .assert_error(401, "Unauthorized");
    let reply = sbx.get("/auth/me", Auth::Key(&tenant.api_key)).await;
    assert_eq!(
        reply.ok(),
        &json!({ "user_id": tenant.user_id, "mfa_passed": false })
    );

    // Each credential alone works.
    let by_key = sbx
        .get("/org", Auth::Key(&tenant.api_key))
        .await
        .ok()
        .clone();
    let by_token = sbx.get("/org", Auth::Bearer(&access)).await.ok().clone();
    assert_eq!(by_key["id"], json!(tenant.org_id));
    assert_eq!(by_key["id"], by_token["id"]);
}
