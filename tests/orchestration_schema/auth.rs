//! The dashboard session phase: signup, login without and with MFA, TOTP enrolment,
//! refresh and logout.

use super::{quoted, text, Auth, Sandbox, TestResult};
use seismic_sdk::core::json::Json;

/// Signup, login without then with MFA, enrolment, refresh, logout.
pub async fn dashboard_auth(s: &Sandbox) -> TestResult {
    let email = format!("schema-{}@example.com", std::process::id());
    let credentials = format!(
        r#"{{"email":{},"password":"correct-horse-battery"}}"#,
        quoted(&email)
    );
    s.op(
        "auth.signup",
        Auth::None,
        "POST",
        "/auth/signup",
        Some(&credentials),
    )
    .await?;
    let login = s
        .op(
            "auth.login",
            Auth::None,
            "POST",
            "/auth/login",
            Some(&credentials),
        )
        .await?;
    assert_eq!(login.str_field("status"), Some("tokens"));
    let access = text(&login, "access_token")?;

    let enrolment = s
        .op(
            "auth.mfa.enroll",
            Auth::Bearer(&access),
            "POST",
            "/auth/mfa/enroll",
            None,
        )
        .await?;
    let secret = text(&enrolment, "secret_base32")?;
    let code = s.totp(&secret).await?;
    let activate = format!(r#"{{"code":{}}}"#, quoted(&code));
    s.op(
        "auth.mfa.activate",
        Auth::Bearer(&access),
        "POST",
        "/auth/mfa/activate",
        Some(&activate),
    )
    .await?;

    let challenge = s
        .op(
            "auth.login",
            Auth::None,
            "POST",
            "/auth/login",
            Some(&credentials),
        )
        .await?;
    assert_eq!(challenge.str_field("status"), Some("mfa_required"));
    let verify = format!(
        r#"{{"challenge_id":{},"code":{}}}"#,
        quoted(&text(&challenge, "challenge_id")?),
        quoted(&s.totp(&secret).await?)
    );
    let pair = s
        .op(
            "auth.mfa.verify",
            Auth::None,
            "POST",
            "/auth/mfa/verify",
            Some(&verify),
        )
        .await?;
    let access = text(&pair, "access_token")?;
    let me = s
        .op("auth.me", Auth::Bearer(&access), "GET", "/auth/me", None)
        .await?;
    assert_eq!(me.get("mfa_passed"), Some(&Json::Bool(true)));
    s.op("users.me", Auth::Bearer(&access), "GET", "/user", None)
        .await?;
    s.op("orgs.list", Auth::Bearer(&access), "GET", "/orgs", None)
        .await?;

    let refresh = format!(
        r#"{{"refresh_token":{}}}"#,
        quoted(&text(&pair, "refresh_token")?)
    );
    let pair = s
        .op(
            "auth.refresh",
            Auth::None,
            "POST",
            "/auth/refresh",
            Some(&refresh),
        )
        .await?;
    let logout = format!(
        r#"{{"refresh_token":{}}}"#,
        quoted(&text(&pair, "refresh_token")?)
    );
    s.op(
        "auth.logout",
        Auth::None,
        "POST",
        "/auth/logout",
        Some(&logout),
    )
    .await?;
    Ok(())
}
