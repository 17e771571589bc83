//! The org phases: the org, its members and API keys, and KYB from nothing and on an
//! approved org.

use super::{first, items, quoted, text, Auth, Sandbox, TestResult};
use seismic_sdk::core::json::Json;

/// The KYB profile example of the docs (`GET /org/kyb/profile`), used as a `PUT` body.
const PROFILE: &str = r#"{ "business": { "legal_name": "Acme Inc.", "entity_type": "corporation", "industry": "software_blockchain_crypto", "registration_number": "1234567", "tax_id": "82-1234567", "country_of_registration": "US", "state_of_incorporation": "DE", "formation_date": "2020-04-12" }, "addresses": { "registered": { "line1": "1 Wall St", "city": "New York", "state": "NY", "postal_code": "10005", "country": "US" } }, "contact": { "email": "ops@acme.com", "phone": "+12025550100" }, "operations": { "business_jurisdictions": ["US"], "funds_movement_jurisdictions": ["US", "GB"], "primary_source_of_funds": "company_capital", "regulated_status": "unregistered" }, "volumes": { "monthly_deposits": 35, "monthly_withdrawals": 30 }, "counterparties": { "counterparties": ["customers", "merchants_suppliers"] }, "associated_persons": [ { "first_name": "Alice", "last_name": "Liddell", "date_of_birth": "1985-06-15", "email": "alice@acme.com", "phone": "+12025550100", "address": { "line1": "1 Wall St", "city": "New York", "state": "NY", "postal_code": "10005", "country": "US" }, "tax_id": "123-45-6789", "nationality": "US", "citizenship": "US", "ownership_percent": 100, "roles": { "has_control": true, "is_signer": true, "is_director": true } } ] }"#;

/// The org, its members and API keys, with an API key and with a tenant owner's session.
pub async fn org_and_keys(s: &Sandbox) -> TestResult {
    let t = s.tenant("{}").await?;
    let key = Auth::Key(&t.key);
    s.op("auth.me", key, "GET", "/auth/me", None).await?;
    s.op("users.me", key, "GET", "/user", None).await?;
    let orgs = s.op("orgs.list", key, "GET", "/orgs", None).await?;
    assert!(first(&orgs, "orgs").is_ok(), "{}", orgs.to_json());
    s.op("orgs.get", key, "GET", "/org", None).await?;
    s.op(
        "orgs.update",
        key,
        "PATCH",
        "/org",
        Some(r#"{"name":"Acme International Inc."}"#),
    )
    .await?;

    let owner = format!(
        r#"{{"email":{},"password":{}}}"#,
        quoted(&t.email),
        quoted(&t.password)
    );
    let pair = s
        .op(
            "auth.login",
            Auth::None,
            "POST",
            "/auth/login",
            Some(&owner),
        )
        .await?;
    let session = text(&pair, "access_token")?;
    let orgs = s
        .op("orgs.list", Auth::Bearer(&session), "GET", "/orgs", None)
        .await?;
    assert!(first(&orgs, "orgs").is_ok(), "{}", orgs.to_json());
    s.op("orgs.get", Auth::Bearer(&session), "GET", "/org", None)
        .await?;

    let invite = s
        .op(
            "orgs.members.invite",
            key,
            "POST",
            "/org/members",
            Some(r#"{"email":"carol@acme.com","role":"member"}"#),
        )
        .await?;
    let carol = text(&invite, "user_id")?;
    s.op("orgs.members.list", key, "GET", "/org/members", None)
        .await?;
    let member = format!("/org/members/{carol}");
    s.op(
        "orgs.members.updateRole",
        key,
        "PATCH",
        &member,
        Some(r#"{"role":"viewer"}"#),
    )
    .await?;
    s.op("orgs.members.remove", key, "DELETE", &member, None)
        .await?;

    let minted = s
        .op(
            "apiKeys.mint",
            key,
            "POST",
            "/auth/api-keys",
            Some(r#"{"label":"ci-pipeline","environment":"production"}"#),
        )
        .await?;
    s.op(
        "apiKeys.list",
        Auth::Key(&text(&minted, "secret")?),
        "GET",
        "/auth/api-keys",
        None,
    )
    .await?;
    let revoke = format!("/auth/api-keys/{}", text(&minted, "id")?);
    s.op("apiKeys.revoke", key, "DELETE", &revoke, None).await?;
    let keys = s
        .op("apiKeys.list", key, "GET", "/auth/api-keys", None)
        .await?;
    assert!(
        keys.to_json().contains(r#""revoked_at":"20"#),
        "{}",
        keys.to_json()
    );
    Ok(())
}

/// KYB from nothing (rows not started, then submitted with hosted links) and on an approved
/// org.
pub async fn kyb(s: &Sandbox) -> TestResult {
    let fresh = s
        .tenant(r#"{"kybApproved":false,"kycDelayMs":600000}"#)
        .await?;
    let key = Auth::Key(&fresh.key);
    let rows = s
        .op("orgs.kyb.providers", key, "GET", "/org/kyb/providers", None)
        .await?;
    assert_eq!(
        first(&rows, "providers")?.str_field("kyb_status"),
        Some("not_started")
    );
    s.op(
        "orgs.kyb.setProfile",
        key,
        "PUT",
        "/org/kyb/profile",
        Some(PROFILE),
    )
    .await?;
    s.op("orgs.kyb.profile", key, "GET", "/org/kyb/profile", None)
        .await?;
    let rows = s
        .op("orgs.kyb.submit", key, "POST", "/org/kyb/submit", None)
        .await?;
    let hosted = items(rows.get("providers").unwrap_or(&Json::Null))
        .iter()
        .find(|row| matches!(row.get("kyb_link"), Some(Json::Object(_))))
        .ok_or_else(|| format!("no hosted row with a link: {}", rows.to_json()))?;
    let hosted = text(hosted, "provider")?;
    let link = format!("/org/kyb/providers/{hosted}/link");
    s.op("orgs.kyb.refreshLink", key, "POST", &link, None)
        .await?;
    for row in items(rows.get("providers").unwrap_or(&Json::Null)) {
        let resync = format!("/org/kyb/providers/{}/resync", text(row, "provider")?);
        s.op("orgs.kyb.resync", key, "POST", &resync, None).await?;
    }
    s.op("orgs.kyb.providers", key, "GET", "/org/kyb/providers", None)
        .await?;

    let approved = s.tenant("{}").await?;
    let key = Auth::Key(&approved.key);
    s.op("orgs.kyb.profile", key, "GET", "/org/kyb/profile", None)
        .await?;
    s.op("orgs.kyb.submit", key, "POST", "/org/kyb/submit", None)
        .await?;
    s.op("orgs.kyb.providers", key, "GET", "/org/kyb/providers", None)
        .await?;
    Ok(())
}
