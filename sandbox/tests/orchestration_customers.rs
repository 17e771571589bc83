//! Orchestration end-user customers (`UNIQUE(org, external_id)`, KYC
//! progressing over time, hosted links) and their accounts (validation,
//! `ProviderMismatch`, `KycNotApproved`, `RailNotSupported`, filters).

mod support;

use std::time::Duration;

use serde_json::{json, Value};
use support::eventually;
use support::orchestration::{individual, sandbox, unique, Auth};

#[tokio::test]
async fn customers_are_unique_per_org_and_kyc_progresses() {
    let sbx = sandbox().await;
    let tenant = sbx.tenant(json!({ "kycDelayMs": 800 })).await;
    let key = Auth::Key(&tenant.api_key);
    let external_id = unique("user_");

    let created = sbx
        .post("/customers", key, individual(&external_id))
        .await
        .ok()
        .clone();
    let customer = &created["customer"];
    let id = customer["id"].as_str().expect("id").to_owned();
    assert_eq!(id.len(), 36, "UUID");
    assert_eq!(customer["org_id"], json!(tenant.org_id));
    assert_eq!(customer["external_id"], json!(external_id));
    assert_eq!(customer["type"], json!("individual"));
    assert_eq!(customer["first_name"], json!("Alice"));
    assert!(customer.get("legal_name").is_none(), "{customer}");
    let rows = created["providers"].as_array().cloned().expect("providers");
    assert_eq!(rows.len(), 2);
    for row in &rows {
        assert_eq!(row["status"], json!("pending"), "{row}");
        assert_eq!(row["kyc"]["status"], json!("submitted"), "{row}");
        assert!(row["provider_customer_id"].is_string());
    }
    assert!(
        rows[0]["kyc"]["link"]["url"].is_string(),
        "hosted row has a link"
    );
    assert_eq!(rows[1]["kyc"]["link"], Value::Null);

    // UNIQUE(org, external_id): the 409 names the existing row.
    let reply = sbx.post("/customers", key, individual(&external_id)).await;
    let error = reply.assert_error(409, "EndUserCustomerExists");
    assert_eq!(error["customer_id"], json!(id));
    assert!(error["message"].as_str().unwrap_or_default().contains(&id));
    let other = sbx.tenant(json!({})).await;
    sbx.post(
        "/customers",
        Auth::Key(&other.api_key),
        individual(&external_id),
    )
    .await
    .ok();

    // Scoping: unknown ids 404, another org's customer 403.
    sbx.get(&format!("/customers/{id}"), Auth::Key(&other.api_key))
        .await
        .assert_error(403, "Forbidden");
    sbx.get("/customers/00000000-0000-4000-8000-000000000000", key)
        .await
        .assert_error(404, "CustomerNotFound");

    // KYC moves submitted → under_review → approved.
    let path = format!("/customers/{id}");
    eventually(Duration::from_secs(5), || async {
        let body = sbx.get(&path, key).await.ok().clone();
        (body["providers"][0]["kyc"]["status"] == json!("under_review")).then_some(())
    })
    .await;
    let links = sbx
        .post(&format!("/customers/{id}/kyc-link"), key, json!({}))
        .await
        .ok()
        .clone();
    let links = links["links"].as_array().cloned().expect("links");
    assert_eq!(links.len(), 2);
    assert_eq!(links[0]["status"], json!("under_review"));
    assert!(links[0]["link"]["url"].is_string());
    assert_eq!(links[1]["link"], Value::Null);
    let approved = eventually(Duration::from_secs(5), || async {
        let body = sbx.get(&path, key).await.ok().clone();
        (body["providers"][0]["kyc"]["status"] == json!("approved")).then_some(body)
    })
    .await;
    for row in approved["providers"].as_array().expect("rows") {
        assert_eq!(row["status"], json!("active"), "{row}");
        assert_eq!(row["kyc"]["link"], Value::Null, "{row}");
    }
    assert_eq!(approved["customer"], created["customer"]);

    // Filters on kyc-link.
    let provider = rows[1]["provider"].as_str().expect("provider");
    let filtered = sbx
        .post(
            &format!("/customers/{id}/kyc-link"),
            key,
            json!({ "providers": [provider] }),
        )
        .await;
    assert_eq!(filtered.ok()["links"].as_array().map(Vec::len), Some(1));
    sbx.post(
        &format!("/customers/{id}/kyc-link"),
        key,
        json!({ "providers": ["prv_nope"] }),
    )
    .await
    .assert_error(404, "ProviderNotFound");
}

#[tokio::test]
async fn customer_validation() {
    let sbx = sandbox().await;
    let tenant = sbx.fast_tenant().await;
    let key = Auth::Key(&tenant.api_key);

    let reply = sbx
        .post("/customers", key, json!({ "type": "individual" }))
        .await;
    let error = reply.assert_error(400, "InvalidRequest");
    assert_eq!(
        error["missing"],
        json!(["external_id", "email", "first_name", "last_name"])
    );
    let reply = sbx
        .post(
            "/customers",
            key,
            json!({ "external_id": "b1", "type": "business", "email": "ops@acme.com" }),
        )
        .await;
    assert_eq!(
        reply.assert_error(400, "InvalidRequest")["missing"],
        json!(["legal_name", "tax_id"])
    );
    let business = sbx
        .post(
            "/customers",
            key,
            json!({ "external_id": "b2", "type": "business", "email": "ops@acme.com", "legal_name": "Acme Inc.", "tax_id": "82-1" }),
        )
        .await;
    let business = business.ok().clone();
    assert_eq!(business["customer"]["legal_name"], json!("Acme Inc."));
    assert!(business["customer"].get("first_name").is_none());

    let mut bad = individual("t1");
    bad["type"] = json!("robot");
    sbx.post("/customers", key, bad)
        .await
        .assert_error(400, "InvalidRequest");
    let mut bad = individual("t2");
    bad["email"] = json!("nope");
    sbx.post("/customers", key, bad)
        .await
        .assert_error(400, "InvalidRequest");
    let mut bad = individual("t3");
    bad["address"].as_object_mut().map(|a| a.remove("city"));
    let reply = sbx.post("/customers", key, bad).await;
    assert_eq!(
        reply.assert_error(400, "InvalidRequest")["missing"],
        json!(["address.city"])
    );
    let mut bad = individual("t4");
    bad["government_id"] = json!({ "type": "drivers_license", "number": "D1", "country": "US", "front_image": "data:image/png;base64,AA" });
    let reply = sbx.post("/customers", key, bad).await;
    assert_eq!(
        reply.assert_error(400, "InvalidRequest")["missing"],
        json!(["government_id.back_image"])
    );
    let mut blocked = individual("t5");
    blocked["address"]["country"] = json!("KP");
    sbx.post("/customers", key, blocked)
        .await
        .assert_error(422, "NoEligibleProviders");

    // Emails with `+reject` end in a rejected review.
    let mut rejected = individual("t6");
    rejected["email"] = json!("mallory+reject@example.com");
    let id = sbx.post("/customers", key, rejected).await.ok()["customer"]["id"]
        .as_str()
        .expect("id")
        .to_owned();
    let body = eventually(Duration::from_secs(5), || async {
        let body = sbx.get(&format!("/customers/{id}"), key).await.ok().clone();
        (body["providers"][0]["kyc"]["status"] == json!("rejected")).then_some(body)
    })
    .await;
    assert_eq!(body["providers"][0]["status"], json!("disabled"));
}

#[tokio::test]
async fn accounts_attach_list_and_get() {
    let sbx = sandbox().await;
    let tenant = sbx.tenant(json!({ "kycDelayMs": 300 })).await;
    let key = Auth::Key(&tenant.api_key);
    let created = sbx.customer(&tenant.api_key, &unique("u_")).await;
    let customer_id = created["customer"]["id"].as_str().expect("id").to_owned();
    let provider = created["providers"][0]["provider"]
        .as_str()
        .expect("provider")
        .to_owned();
    let path = format!("/customers/{customer_id}/accounts");
    let bank = json!({
        "provider": provider, "account_type": "us_bank_account", "currencies": ["USD"],
        "rails": ["ach", "wire"], "routing_number": "021000021",
        "account_number": "0123456789", "account_holder_name": "Alice Liddell"
    });

    // Before KYC is approved.
    sbx.post(&path, key, bank.clone())
        .await
        .assert_error(422, "KycNotApproved");
    let mut wrong = bank.clone();
    wrong["provider"] = json!("prv_nope");
    sbx.post(&path, key, wrong)
        .await
        .assert_error(400, "ProviderMismatch");
    let reply = sbx
        .post(
            &path,
            key,
            json!({ "provider": provider, "account_type": "us_bank_account" }),
        )
        .await;
    assert_eq!(
        reply.assert_error(400, "InvalidRequest")["missing"],
        json!([
            "currencies",
            "rails",
            "routing_number",
            "account_number",
            "account_holder_name"
        ])
    );
    let usdc_eth = json!({
        "provider": provider, "account_type": "external_digital_asset_wallet",
        "currencies": ["USDC"], "rails": ["ethereum"], "address": "0xabc"
    });
    sbx.post(&path, key, usdc_eth)
        .await
        .assert_error(400, "RailNotSupported");
    let mut usd_sepa = bank.clone();
    usd_sepa["rails"] = json!(["sepa"]);
    sbx.post(&path, key, usd_sepa)
        .await
        .assert_error(400, "RailNotSupported");
    let mut coin_in_bank = bank.clone();
    coin_in_bank["currencies"] = json!(["USDC"]);
    sbx.post(&path, key, coin_in_bank)
        .await
        .assert_error(400, "InvalidRequest");

    let kyc_path = format!("/customers/{customer_id}");
    eventually(Duration::from_secs(5), || async {
        let body = sbx.get(&kyc_path, key).await.ok().clone();
        (body["providers"][0]["kyc"]["status"] == json!("approved")).then_some(())
    })
    .await;

    let account = sbx.post(&path, key, bank).await.ok().clone();
    assert_eq!(account["ramp_customer_id"], json!(customer_id));
    assert_eq!(account["provider"], json!(provider));
    assert_eq!(account["currencies"], json!(["USD"]));
    assert_eq!(account["rails"], json!(["ach", "wire"]));
    assert_eq!(account["status"], json!("active"));
    assert!(account["provider_account_id"].is_string());
    let bank_id = account["id"].as_str().expect("id").to_owned();
    let wallet = sbx
        .account(
            &tenant.api_key,
            &customer_id,
            json!({ "provider": provider, "account_type": "external_digital_asset_wallet", "currencies": "USDC", "rails": "base", "address": "0xabc" }),
        )
        .await;
    assert_eq!(
        wallet["currencies"],
        json!(["USDC"]),
        "single strings are normalized"
    );
    let multi = sbx
        .account(
            &tenant.api_key,
            &customer_id,
            json!({ "provider": provider, "account_type": "external_digital_asset_wallet", "currencies": ["USDC", "USDT"], "rails": ["base", "ethereum"], "address": "0xdef" }),
        )
        .await;
    let multi_id = multi["id"].as_str().expect("id").to_owned();

    let all = sbx.get(&path, key).await.ok().clone();
    assert_eq!(all["accounts"].as_array().map(Vec::len), Some(3));
    let usdt = sbx
        .get(&format!("{path}?currency=USDT"), key)
        .await
        .ok()
        .clone();
    assert_eq!(usdt["accounts"][0]["id"], json!(multi_id));
    assert_eq!(usdt["accounts"].as_array().map(Vec::len), Some(1));
    let either = sbx
        .get(&format!("{path}?currency=USD&currency=USDT"), key)
        .await
        .ok()
        .clone();
    assert_eq!(either["accounts"].as_array().map(Vec::len), Some(2));
    let ethereum = sbx
        .get(&format!("{path}?rail=ethereum&status=active"), key)
        .await
        .ok()
        .clone();
    assert_eq!(ethereum["accounts"].as_array().map(Vec::len), Some(1));
    let none = sbx
        .get(&format!("{path}?status=disabled"), key)
        .await
        .ok()
        .clone();
    assert_eq!(none["accounts"], json!([]));
    sbx.get(&format!("{path}?status=weird"), key)
        .await
        .assert_error(400, "InvalidRequest");

    let org_wide = sbx
        .get(&format!("/accounts?customer_id={customer_id}"), key)
        .await
        .ok()
        .clone();
    assert_eq!(org_wide["accounts"].as_array().map(Vec::len), Some(3));
    let org_usdc = sbx.get("/accounts?currency=USDC", key).await.ok().clone();
    assert_eq!(org_usdc["accounts"].as_array().map(Vec::len), Some(2));
    let one = sbx
        .get(&format!("/accounts/{bank_id}"), key)
        .await
        .ok()
        .clone();
    assert_eq!(one, account);

    let other = sbx.tenant(json!({})).await;
    sbx.get(&format!("/accounts/{bank_id}"), Auth::Key(&other.api_key))
        .await
        .assert_error(404, "AccountNotFound");
    let other_list = sbx
        .get("/accounts", Auth::Key(&other.api_key))
        .await
        .ok()
        .clone();
    assert_eq!(other_list["accounts"], json!([]));
    sbx.get(&path, Auth::Key(&other.api_key))
        .await
        .assert_error(403, "Forbidden");
    sbx.get("/customers/nope/accounts", key)
        .await
        .assert_error(404, "CustomerNotFound");
}
