//! Orchestration KYB: the org's KYB profile, its submission and the
//! provider rows, who may edit it, and a rejected review.

mod support;

use std::time::Duration;

use serde_json::{json, Value};
use support::eventually;
use support::orchestration::{kyb_profile, sandbox, unique, Auth};

#[tokio::test]
async fn kyb_profile_submit_and_providers() {
    let sbx = sandbox().await;
    let tenant = sbx
        .tenant(json!({ "kybApproved": false, "kycDelayMs": 400 }))
        .await;
    let key = Auth::Key(&tenant.api_key);

    sbx.get("/org/kyb/profile", key)
        .await
        .assert_error(404, "KybProfileNotFound");
    let rows = sbx.get("/org/kyb/providers", key).await.ok().clone();
    let rows = rows["providers"].as_array().cloned().expect("providers");
    assert_eq!(rows.len(), 2);
    for row in &rows {
        assert_eq!(row["kyb_status"], json!("not_started"), "{row}");
        assert_eq!(row["provider_customer_id"], Value::Null);
        assert_eq!(row["kyb_link"], Value::Null);
        assert!(
            row["missing_fields"]
                .as_array()
                .is_some_and(|m| !m.is_empty()),
            "{row}"
        );
        assert!(row["last_synced_at"].is_string());
    }
    let hosted = rows[0]["provider"].as_str().expect("provider").to_owned();
    let direct = rows[1]["provider"].as_str().expect("provider").to_owned();

    // Nothing that needs verification works yet.
    let quote = json!({ "amount": "100", "source": { "currency": "USD" }, "destination": { "currency": "USDC", "rail": "base" } });
    sbx.post("/quotes", key, quote.clone())
        .await
        .assert_error(422, "KybNotApproved");
    sbx.post("/customers", key, support::orchestration::individual("x"))
        .await
        .assert_error(422, "KybNotApproved");
    sbx.post("/org/kyb/submit", key, json!({}))
        .await
        .assert_error(422, "KybProfileIncomplete");
    sbx.post(&format!("/org/kyb/providers/{hosted}/link"), key, json!({}))
        .await
        .assert_error(404, "KybNotSubmitted");

    // Incomplete and malformed profiles.
    let mut incomplete = kyb_profile("Acme Inc.");
    incomplete["business"]
        .as_object_mut()
        .map(|b| b.remove("formation_date"));
    incomplete.as_object_mut().map(|p| p.remove("volumes"));
    let reply = sbx.put("/org/kyb/profile", key, incomplete).await;
    let error = reply.assert_error(422, "KybProfileIncomplete");
    assert_eq!(
        error["missing"],
        json!([
            "business.formation_date",
            "volumes.monthly_deposits",
            "volumes.monthly_withdrawals"
        ])
    );
    assert_eq!(error["message"], json!("3 required fields are missing"));
    let mut malformed = kyb_profile("Acme Inc.");
    malformed["business"]["entity_type"] = json!("guild");
    let reply = sbx.put("/org/kyb/profile", key, malformed).await;
    let error = reply.assert_error(400, "InvalidRequest");
    assert!(
        error["message"]
            .as_str()
            .unwrap_or_default()
            .starts_with("business.entity_type"),
        "{error}"
    );

    // A complete profile is saved canonicalized (physical defaults to
    // registered) and read back.
    let saved = sbx
        .put("/org/kyb/profile", key, kyb_profile("Acme Inc."))
        .await
        .ok()
        .clone();
    assert_eq!(
        saved["addresses"]["physical"],
        saved["addresses"]["registered"]
    );
    assert_eq!(sbx.get("/org/kyb/profile", key).await.ok(), &saved);
    let rows = sbx.get("/org/kyb/providers", key).await.ok().clone();
    assert_eq!(rows["providers"][0]["missing_fields"], json!([]));

    // Submit: rows advance, the hosted one carries a link.
    let submitted = sbx
        .post("/org/kyb/submit", key, json!({}))
        .await
        .ok()
        .clone();
    let rows = submitted["providers"]
        .as_array()
        .cloned()
        .expect("providers");
    assert!(
        rows.iter().all(|r| r["kyb_status"] == json!("submitted")),
        "{submitted}"
    );
    assert!(
        rows.iter().all(|r| r["provider_customer_id"].is_string()),
        "{submitted}"
    );
    assert!(rows[0]["kyb_link"]["url"]
        .as_str()
        .is_some_and(|u| u.starts_with("https://")));
    assert_eq!(rows[1]["kyb_link"], Value::Null);

    let link = sbx
        .post(&format!("/org/kyb/providers/{hosted}/link"), key, json!({}))
        .await;
    let link = link.ok().clone();
    assert!(link["url"]
        .as_str()
        .is_some_and(|u| u.starts_with("https://")));
    assert!(link["expires_at"].is_string());
    sbx.post(&format!("/org/kyb/providers/{direct}/link"), key, json!({}))
        .await
        .assert_error(422, "HostedLinkUnsupported");
    sbx.post("/org/kyb/providers/prv_nope/resync", key, json!({}))
        .await
        .assert_error(404, "ProviderNotFound");

    // Reviews finish over time; resync reports it.
    let resynced = eventually(Duration::from_secs(5), || async {
        let row = sbx
            .post(
                &format!("/org/kyb/providers/{direct}/resync"),
                key,
                json!({}),
            )
            .await
            .ok()
            .clone();
        (row["kyb_status"] == json!("approved")).then_some(row)
    })
    .await;
    assert_eq!(resynced["provider"], json!(direct));
    assert_eq!(resynced["rejection_reason"], Value::Null);
    let org = sbx.get("/org", key).await.ok().clone();
    assert!(org["providers"]
        .as_array()
        .expect("providers")
        .iter()
        .all(|p| p["kyb_status"] == json!("approved")));
    let rows = sbx.get("/org/kyb/providers", key).await.ok().clone();
    assert_eq!(
        rows["providers"][0]["kyb_link"],
        Value::Null,
        "no link once approved"
    );

    // Idempotent re-submit; quoting now works.
    let again = sbx
        .post("/org/kyb/submit", key, json!({}))
        .await
        .ok()
        .clone();
    assert!(again["providers"]
        .as_array()
        .expect("rows")
        .iter()
        .all(|r| r["kyb_status"] == json!("approved")));
    sbx.post("/quotes", key, quote).await.ok();
}

#[tokio::test]
async fn kyb_permissions_and_rejection() {
    let sbx = sandbox().await;
    let tenant = sbx
        .tenant(json!({ "kybApproved": false, "kycDelayMs": 0 }))
        .await;
    let key = Auth::Key(&tenant.api_key);
    sbx.put(
        "/org/kyb/profile",
        key,
        kyb_profile("Rejected Holdings LLC"),
    )
    .await
    .ok();
    let rows = sbx
        .post("/org/kyb/submit", key, json!({}))
        .await
        .ok()
        .clone();
    let row = &rows["providers"][0];
    assert_eq!(row["kyb_status"], json!("rejected"), "{rows}");
    assert!(row["rejection_reason"].is_string());

    // Members cannot edit KYB.
    let email = format!("{}@acme.com", unique("mia"));
    sbx.post(
        "/org/members",
        key,
        json!({ "email": email, "role": "member" }),
    )
    .await
    .ok();
    sbx.post(
        "/auth/signup",
        Auth::None,
        json!({ "email": email, "password": "long enough!" }),
    )
    .await
    .ok();
    let pair = sbx.login(&email, "long enough!").await;
    let token = pair["access_token"].as_str().expect("access").to_owned();
    sbx.get("/org/kyb/profile", Auth::Bearer(&token)).await.ok();
    sbx.put(
        "/org/kyb/profile",
        Auth::Bearer(&token),
        kyb_profile("Acme"),
    )
    .await
    .assert_error(403, "Forbidden");
    sbx.post("/org/kyb/submit", Auth::Bearer(&token), json!({}))
        .await
        .assert_error(403, "Forbidden");
    sbx.patch("/org", Auth::Bearer(&token), json!({ "name": "x" }))
        .await
        .assert_error(403, "Forbidden");
}
