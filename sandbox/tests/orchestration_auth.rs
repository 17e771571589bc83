//! Orchestration auth: signup → login → TOTP enrolment → MFA challenge,
//! signup and login errors, the default tenant from the config, and the
//! TOTP helper itself. Token lifetimes and the credential rules are in
//! `orchestration_tokens.rs`; the admin log/stats/fault tools in
//! `orchestration_admin.rs`.

mod support;

use serde_json::json;
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
