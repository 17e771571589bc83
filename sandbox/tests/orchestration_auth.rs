//! Orchestration auth: signup → login → TOTP enrolment → MFA challenge,
//! rotating refresh tokens, access-token expiry, the credential rules
//! (`BothCredsProvided`, 401s), and the admin stats/log/fault/TOTP tools.

mod support;

use std::time::Duration;

use base64::engine::general_purpose::URL_SAFE_NO_PAD;
use base64::Engine;
use serde_json::{json, Value};
use support::orchestration::{sandbox, totp, unique, unix_now, Auth};

#[tokio::test]
async fn signup_login_and_mfa_with_real_totp() {
    let sbx = sandbox().await;
    let email = format!("{}@example.com", unique("alice"));
    let password = "hunter22!hunter22";
    let reply = sbx
        .post(
            "/auth/signup",
            Auth::None,
            json!({ "email": email, "password": password }),
        )
        .await;
    let user_id = reply.ok()["user_id"].as_str().expect("user_id").to_owned();
    assert_eq!(
        reply.body.as_object().map(|m| m.len()),
        Some(1),
        "only user_id: {}",
        reply.body
    );

    // No MFA yet: login returns a token pair straight away.
    let pair = sbx.login(&email, password).await;
    for field in [
        "access_token",
        "refresh_token",
        "access_expires_at",
        "refresh_expires_at",
    ] {
        assert!(
            pair[field].as_str().is_some_and(|v| !v.is_empty()),
            "{field}: {pair}"
        );
    }
    assert!(pair["refresh_token"]
        .as_str()
        .is_some_and(|t| t.starts_with("rt_")));
    let access = pair["access_token"].as_str().expect("access").to_owned();
    let me = sbx.get("/auth/me", Auth::Bearer(&access)).await;
    assert_eq!(me.ok(), &json!({ "user_id": user_id, "mfa_passed": false }));
    let profile = sbx.get("/user", Auth::Bearer(&access)).await.ok().clone();
    assert_eq!(profile["id"], json!(user_id));
    assert_eq!(profile["email"], json!(email));
    assert_eq!(profile["mfa_active"], json!(false));
    assert_eq!(profile["mfa_required"], json!(false));
    assert_eq!(profile["memberships"], json!([]));

    // Enrol: the URI carries the same base32 secret.
    let enrollment = sbx
        .post("/auth/mfa/enroll", Auth::Bearer(&access), json!({}))
        .await;
    let enrollment = enrollment.ok().clone();
    let secret = enrollment["secret_base32"]
        .as_str()
        .expect("secret")
        .to_owned();
    assert_eq!(secret.len(), 32, "20-byte secret");
    let uri = enrollment["provisioning_uri"].as_str().expect("uri");
    assert!(
        uri.starts_with(&format!("otpauth://totp/Seismic:{email}?")),
        "{uri}"
    );
    assert!(uri.contains(&format!("secret={secret}")), "{uri}");

    // A code from an hour away is refused; the current one activates.
    let wrong = totp(&secret, unix_now() + 3600);
    let reply = sbx
        .post(
            "/auth/mfa/activate",
            Auth::Bearer(&access),
            json!({ "code": wrong }),
        )
        .await;
    reply.assert_error(400, "InvalidRequest");
    let code = totp(&secret, unix_now());
    sbx.post(
        "/auth/mfa/activate",
        Auth::Bearer(&access),
        json!({ "code": code }),
    )
    .await
    .no_content();
    let profile = sbx.get("/user", Auth::Bearer(&access)).await.ok().clone();
    assert_eq!(profile["mfa_active"], json!(true));
    sbx.post("/auth/mfa/enroll", Auth::Bearer(&access), json!({}))
        .await
        .assert_error(409, "MfaAlreadyActive");

    // The admin TOTP helper agrees with this implementation (±1 step for
    // a boundary crossed between the two computations).
    let (status, body) = sbx
        .admin_post("/__sandbox/orchestration/totp", json!({ "secret": secret }))
        .await;
    assert_eq!(status, 200, "{body}");
    let now = unix_now();
    let window: Vec<String> = [-30, 0, 30]
        .iter()
        .map(|d| totp(&secret, now + d))
        .collect();
    assert!(
        window.contains(&body["code"].as_str().unwrap_or_default().to_owned()),
        "{body}"
    );

    // Now login asks for the TOTP challenge.
    let reply = sbx
        .post(
            "/auth/login",
            Auth::None,
            json!({ "email": email, "password": password }),
        )
        .await;
    let challenge = reply.ok().clone();
    assert_eq!(challenge["status"], json!("mfa_required"));
    assert!(challenge.get("access_token").is_none());
    let challenge_id = challenge["challenge_id"]
        .as_str()
        .expect("challenge")
        .to_owned();
    assert!(challenge_id.starts_with("mfa_"), "{challenge_id}");

    let reply = sbx
        .post(
            "/auth/mfa/verify",
            Auth::None,
            json!({ "challenge_id": challenge_id, "code": wrong }),
        )
        .await;
    reply.assert_error(401, "MfaChallengeInvalid");
    let code = totp(&secret, unix_now());
    let reply = sbx
        .post(
            "/auth/mfa/verify",
            Auth::None,
            json!({ "challenge_id": challenge_id, "code": code }),
        )
        .await;
    let pair = reply.ok().clone();
    assert!(pair.get("status").is_none(), "a bare TokenPair: {pair}");
    let access = pair["access_token"].as_str().expect("access").to_owned();
    let me = sbx.get("/auth/me", Auth::Bearer(&access)).await;
    assert_eq!(me.ok(), &json!({ "user_id": user_id, "mfa_passed": true }));

    // Challenges are single-use.
    let reply = sbx
        .post(
            "/auth/mfa/verify",
            Auth::None,
            json!({ "challenge_id": challenge_id, "code": code }),
        )
        .await;
    reply.assert_error(401, "MfaChallengeInvalid");
    let reply = sbx
        .post(
            "/auth/mfa/verify",
            Auth::None,
            json!({ "challenge_id": "mfa_nope", "code": code }),
        )
        .await;
    reply.assert_error(401, "MfaChallengeInvalid");
}

#[tokio::test]
async fn signup_and_login_errors() {
    let sbx = sandbox().await;
    let email = format!("{}@example.com", unique("bob"));
    let reply = sbx
        .post(
            "/auth/signup",
            Auth::None,
            json!({ "email": email, "password": "short" }),
        )
        .await;
    reply.assert_error(400, "PasswordTooShort");
    let reply = sbx
        .post(
            "/auth/signup",
            Auth::None,
            json!({ "email": "not-an-email", "password": "long enough!" }),
        )
        .await;
    reply.assert_error(400, "InvalidRequest");
    let reply = sbx
        .post("/auth/signup", Auth::None, json!({ "email": email }))
        .await;
    assert_eq!(
        reply.assert_error(400, "InvalidRequest")["missing"],
        json!(["password"])
    );
    sbx.post(
        "/auth/signup",
        Auth::None,
        json!({ "email": email, "password": "long enough!" }),
    )
    .await
    .ok();
    let reply = sbx
        .post(
            "/auth/signup",
            Auth::None,
            json!({ "email": email.to_uppercase(), "password": "long enough!" }),
        )
        .await;
    reply.assert_error(409, "EmailAlreadyExists");

    let reply = sbx
        .post(
            "/auth/login",
            Auth::None,
            json!({ "email": email, "password": "wrong password" }),
        )
        .await;
    let error = reply.assert_error(401, "InvalidCredentials");
    assert_eq!(error["message"], json!("invalid credentials"));
    let reply = sbx
        .post(
            "/auth/login",
            Auth::None,
            json!({ "email": "nobody@example.com", "password": "whatever!!" }),
        )
        .await;
    reply.assert_error(401, "InvalidCredentials");
    sbx.post("/auth/login", Auth::None, json!({ "email": email }))
        .await
        .assert_error(400, "InvalidRequest");
    // Bodies must be JSON objects.
    let reply = sbx.post("/auth/login", Auth::None, json!([1, 2])).await;
    reply.assert_error(400, "InvalidRequest");
}

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

#[tokio::test]
async fn request_log_stats_and_faults() {
    let sbx = sandbox().await;
    let tenant = sbx.tenant(json!({})).await;
    let pair = sbx.login(&tenant.email, &tenant.password).await;
    let access = pair["access_token"].as_str().expect("access").to_owned();
    sbx.get("/org", Auth::Key(&tenant.api_key)).await.ok();
    sbx.get(
        "/accounts?currency=USDC&currency=USDT",
        Auth::Bearer(&access),
    )
    .await
    .ok();

    let log = sbx.log(&tenant.org_id, 3).await;
    assert_eq!(log.len(), 3);
    assert_eq!(log[0]["method"], json!("POST"));
    assert_eq!(log[0]["path"], json!("/api/v0/auth/login"));
    assert_eq!(log[0]["authHeader"], json!("none"));
    assert_eq!(log[0]["body"]["email"], json!(tenant.email));
    assert_eq!(log[1]["path"], json!("/api/v0/org"));
    assert_eq!(log[1]["authHeader"], json!("api-key"));
    assert_eq!(log[1]["query"], json!(""));
    assert_eq!(log[1]["body"], Value::Null);
    assert_eq!(log[2]["authHeader"], json!("bearer"));
    assert_eq!(log[2]["query"], json!("currency=USDC&currency=USDT"));
    assert_eq!(sbx.log(&tenant.org_id, 1).await.len(), 1);

    // A fault before processing, with Retry-After; the next call is fine.
    let (status, body) = sbx
        .admin_post(
            "/__sandbox/orchestration/faults",
            json!({ "orgId": tenant.org_id, "path": "/org", "status": 503, "when": "before", "retryAfter": 2 }),
        )
        .await;
    assert_eq!(status, 200, "{body}");
    let reply = sbx.get("/org", Auth::Key(&tenant.api_key)).await;
    reply.assert_error(503, "ProviderError");
    assert_eq!(
        reply
            .headers
            .get("retry-after")
            .and_then(|v| v.to_str().ok()),
        Some("2")
    );
    sbx.get("/org", Auth::Key(&tenant.api_key)).await.ok();

    // A fault after processing: the customer exists despite the 500.
    let (status, _) = sbx
        .admin_post(
            "/__sandbox/orchestration/faults",
            json!({ "orgId": tenant.org_id, "path": "/api/v0/customers", "status": 500, "when": "after" }),
        )
        .await;
    assert_eq!(status, 200);
    let customer = support::orchestration::individual("ext-fault");
    let reply = sbx
        .post("/customers", Auth::Key(&tenant.api_key), customer.clone())
        .await;
    reply.assert_error(500, "InternalError");
    let reply = sbx
        .post("/customers", Auth::Key(&tenant.api_key), customer)
        .await;
    reply.assert_error(409, "EndUserCustomerExists");

    let stats = sbx.stats(&tenant.org_id).await;
    assert_eq!(stats["requests"], json!(7), "{stats}");

    // Admin validation.
    let (status, _) = sbx
        .admin_get("/__sandbox/orchestration/stats?orgId=nope")
        .await;
    assert_eq!(status, 404);
    let (status, _) = sbx.admin_get("/__sandbox/orchestration/stats").await;
    assert_eq!(status, 400);
    let (status, _) = sbx
        .admin_post(
            "/__sandbox/orchestration/tenants",
            json!({ "quoteDelayMs": -1 }),
        )
        .await;
    assert_eq!(status, 400);
    let (status, _) = sbx
        .admin_post("/__sandbox/orchestration/totp", json!({ "secret": "!!" }))
        .await;
    assert_eq!(status, 400);
}

#[tokio::test]
async fn default_tenant_from_config() {
    let sbx = sandbox().await;
    let config = &sbx.running.config;
    let org = sbx
        .get("/org", Auth::Key(&config.orchestration_api_key))
        .await;
    assert_eq!(org.ok()["id"], json!(config.orchestration_org_id));
    let pair = sbx
        .login(&config.orchestration_email, &config.orchestration_password)
        .await;
    assert_eq!(pair["status"], json!("tokens"));
}

/// The TOTP helper these suites compute codes with (independently of the
/// server) agrees with RFC 6238.
#[test]
fn totp_helper_matches_rfc6238() {
    // "12345678901234567890" in base32.
    let secret = "GEZDGNBVGY3TQOJQGEZDGNBVGY3TQOJQ";
    assert_eq!(totp(secret, 59), "287082");
    assert_eq!(totp(secret, 1_111_111_109), "081804");
    assert_eq!(totp(secret, 2_000_000_000), "279037");
}
