//! Orchestration orders: accept / acceptBest with `AlreadyAccepted`,
//! `QuoteExpired` and `QuoteIdInvalid`, account disambiguation on quotes
//! over attached accounts, and the order feeds. Quoting itself is in
//! `orchestration_quotes.rs`.

mod support;

use std::time::Duration;

use serde_json::{json, Value};
use support::orchestration::quotes::{assert_invariant, preview};
use support::orchestration::{num, sandbox, Auth, Sandbox};

#[tokio::test]
async fn accept_best_by_id_and_errors() {
    let sbx = sandbox().await;
    let tenant = sbx.tenant(json!({ "quoteDelayMs": 0 })).await;
    let key = Auth::Key(&tenant.api_key);

    let snapshot = sbx.post("/quotes", key, preview("1000")).await.ok().clone();
    let id = snapshot["id"].as_str().expect("id").to_owned();
    let accepted = sbx
        .post(&format!("/quotes/{id}/accept"), key, json!({}))
        .await
        .ok()
        .clone();
    let order_id = accepted["order_id"].as_str().expect("order_id").to_owned();
    assert_eq!(accepted["quote_id"], snapshot["best_quote_id"]);
    sbx.post(&format!("/quotes/{id}/accept"), key, json!({}))
        .await
        .assert_error(409, "AlreadyAccepted");
    let reread = sbx.get(&format!("/quotes/{id}"), key).await.ok().clone();
    assert_eq!(reread["order_id"], json!(order_id));

    // Accept a specific (non-best) leg; unknown leg ids are refused.
    let snapshot = sbx.post("/quotes", key, preview("500")).await.ok().clone();
    let id = snapshot["id"].as_str().expect("id").to_owned();
    sbx.post(
        &format!("/quotes/{id}/accept"),
        key,
        json!({ "quote_id": "q_nope" }),
    )
    .await
    .assert_error(400, "QuoteIdInvalid");
    let last = snapshot["quotes"]
        .as_array()
        .and_then(|q| q.last())
        .expect("quotes")
        .clone();
    let accepted = sbx
        .post(
            &format!("/quotes/{id}/accept"),
            key,
            json!({ "quote_id": last["id"], "reference": "invoice-1" }),
        )
        .await
        .ok()
        .clone();
    assert_eq!(accepted["quote_id"], last["id"]);
    sbx.post(
        &format!("/quotes/{id}/accept"),
        key,
        json!({ "quote_id": last["id"] }),
    )
    .await
    .assert_error(409, "AlreadyAccepted");
    sbx.post(
        "/quotes/00000000-0000-4000-8000-000000000000/accept",
        key,
        json!({}),
    )
    .await
    .assert_error(404, "QuoteNotFound");
    let other = sbx.tenant(json!({})).await;
    sbx.post(
        &format!("/quotes/{id}/accept"),
        Auth::Key(&other.api_key),
        json!({}),
    )
    .await
    .assert_error(404, "QuoteNotFound");

    // Orders: newest first, the accepted leg's numbers.
    let orders = sbx.get("/user/orders", key).await.ok().clone();
    let orders = orders.as_array().cloned().expect("array");
    assert_eq!(orders.len(), 2);
    assert_eq!(orders[0]["id"], accepted["order_id"]);
    assert_eq!(orders[1]["id"], json!(order_id));
    let order = &orders[0];
    assert_eq!(order["user_id"], json!(tenant.user_id));
    assert_eq!(order["reference"], json!("invoice-1"));
    assert_eq!(order["source_currency"], json!("USD"));
    assert_eq!(num(&order["source_amount"]), num(&last["in"]["amount"]));
    assert_eq!(order["direction"], json!("on_ramp"));
    assert_eq!(order["status"], json!("awaiting_funds"));
    assert_eq!(order["destination_chain"], json!("base"));
    assert!(
        order["funding_instructions"]["bank_account_number"].is_string(),
        "{order}"
    );
    assert!(order["idempotency_key"].is_string());
}

#[tokio::test]
async fn quotes_expire() {
    let sbx = sandbox().await;
    let tenant = sbx
        .tenant(json!({ "quoteDelayMs": 0, "quoteTtlMs": 300 }))
        .await;
    let key = Auth::Key(&tenant.api_key);
    let snapshot = sbx.post("/quotes", key, preview("1000")).await.ok().clone();
    let id = snapshot["id"].as_str().expect("id").to_owned();
    let expires = snapshot["quotes"][0]["expires_at"]
        .as_str()
        .expect("expires_at");
    assert!(expires >= snapshot["created_at"].as_str().unwrap_or_default());
    tokio::time::sleep(Duration::from_millis(400)).await;
    let reread = sbx.get(&format!("/quotes/{id}"), key).await.ok().clone();
    assert_eq!(reread["status"], json!("expired"));
    sbx.post(&format!("/quotes/{id}/accept"), key, json!({}))
        .await
        .assert_error(422, "QuoteExpired");
    let quote_id = snapshot["quotes"][0]["id"].clone();
    sbx.post(
        &format!("/quotes/{id}/accept"),
        key,
        json!({ "quote_id": quote_id }),
    )
    .await
    .assert_error(422, "QuoteExpired");
}

/// A tenant with an approved customer holding a US bank account, a
/// USDC-on-base wallet, a USDC+USDT wallet on base+ethereum and a USDC
/// wallet on base+polygon. Returns (tenant key, customer id, [bank,
/// usdc, multi, two-rail]).
async fn accounts(sbx: &Sandbox) -> (String, String, [String; 4]) {
    let tenant = sbx
        .tenant(json!({ "quoteDelayMs": 0, "kycDelayMs": 0 }))
        .await;
    let (customer_id, provider) = sbx.approved_customer(&tenant.api_key).await;
    let mut ids = Vec::new();
    for body in [
        json!({ "account_type": "us_bank_account", "currencies": ["USD"], "rails": ["ach", "wire"], "routing_number": "021000021", "account_number": "0123456789", "account_holder_name": "Alice" }),
        json!({ "account_type": "external_digital_asset_wallet", "currencies": ["USDC"], "rails": ["base"], "address": "0xaaa" }),
        json!({ "account_type": "external_digital_asset_wallet", "currencies": ["USDC", "USDT"], "rails": ["base", "ethereum"], "address": "0xbbb" }),
        json!({ "account_type": "external_digital_asset_wallet", "currencies": ["USDC"], "rails": ["base", "polygon"], "address": "0xccc" }),
    ] {
        let mut body = body;
        body["provider"] = json!(provider);
        let account = sbx.account(&tenant.api_key, &customer_id, body).await;
        ids.push(account["id"].as_str().expect("id").to_owned());
    }
    let ids: [String; 4] = ids.try_into().expect("four accounts");
    (tenant.api_key, customer_id, ids)
}

#[tokio::test]
async fn account_disambiguation() {
    let sbx = sandbox().await;
    let (api_key, customer_id, [bank, usdc, multi, two_rail]) = accounts(&sbx).await;
    let key = Auth::Key(&api_key);
    let usd_ach = json!({ "currency": "USD", "rail": "ach" });

    // Bare id of a multi-currency wallet.
    let reply = sbx
        .post(
            "/quotes",
            key,
            json!({ "amount": "200", "source": multi, "destination": usd_ach }),
        )
        .await;
    let error = reply.assert_error(400, "AmbiguousCurrency");
    assert_eq!(error["account_id"], json!(multi));
    assert_eq!(error["currencies"], json!(["USDC", "USDT"]));
    // Bare id of a multi-rail account.
    let reply = sbx
        .post(
            "/quotes",
            key,
            json!({ "amount": "200", "source": two_rail, "destination": usd_ach }),
        )
        .await;
    let error = reply.assert_error(400, "AmbiguousRail");
    assert_eq!(error["account_id"], json!(two_rail));
    assert_eq!(error["currency"], json!("USDC"));
    assert_eq!(error["rails"], json!(["base", "polygon"]));
    let reply = sbx
        .post(
            "/quotes",
            key,
            json!({ "amount": "200", "source": usd_ach, "destination": bank }),
        )
        .await;
    assert_eq!(
        reply.assert_error(400, "AmbiguousRail")["rails"],
        json!(["ach", "wire"])
    );
    // The object form without a currency is still ambiguous.
    let reply = sbx
        .post(
            "/quotes",
            key,
            json!({ "amount": "200", "source": { "account": multi }, "destination": usd_ach }),
        )
        .await;
    reply.assert_error(400, "AmbiguousCurrency");
    let reply = sbx
        .post("/quotes", key, json!({ "amount": "200", "source": { "account": multi, "currency": "EUR" }, "destination": usd_ach }))
        .await;
    reply.assert_error(400, "InvalidRequest");

    // Pinning the currency fans out over the account's rails for it.
    let snapshot = sbx
        .post("/quotes", key, json!({ "amount": "200", "source": { "account": two_rail, "currency": "USDC" }, "destination": usd_ach }))
        .await
        .ok()
        .clone();
    assert_invariant(&snapshot, 1.0);
    let mut rails: Vec<String> = snapshot["quotes"]
        .as_array()
        .expect("quotes")
        .iter()
        .map(|q| q["in"]["rail"].as_str().unwrap_or_default().to_owned())
        .collect();
    rails.sort();
    rails.dedup();
    assert_eq!(rails, ["base", "polygon"]);
    let quote = &snapshot["quotes"][0];
    assert_eq!(quote["in"]["account"]["id"], json!(two_rail));
    assert_eq!(
        quote["in"]["account"]["account_type"],
        json!("external_digital_asset_wallet")
    );
    assert!(quote["in"]["account"]["provider_account_id"].is_string());
    assert_eq!(quote["in"]["address"], json!("0xccc"));

    // Fully pinned: one rail only.
    let snapshot = sbx
        .post("/quotes", key, json!({ "amount": "200", "source": { "account": multi, "currency": "USDC", "rail": "base" }, "destination": usd_ach }))
        .await
        .ok()
        .clone();
    assert!(snapshot["quotes"]
        .as_array()
        .expect("quotes")
        .iter()
        .all(|q| q["in"]["rail"] == json!("base")));

    // Settlement-ready: attached accounts on both sides.
    let snapshot = sbx
        .post("/quotes", key, json!({ "amount": "500", "source": { "account": bank, "rail": "ach" }, "destination": usdc }))
        .await
        .ok()
        .clone();
    assert_invariant(&snapshot, 1.0);
    let quote = &snapshot["quotes"][0];
    assert_eq!(quote["in"]["account"]["id"], json!(bank));
    assert_eq!(quote["out"]["account"]["id"], json!(usdc));
    assert_eq!(quote["out"]["address"], json!("0xaaa"));
    let id = snapshot["id"].as_str().expect("id");
    let accepted = sbx
        .post(&format!("/quotes/{id}/accept"), key, json!({}))
        .await
        .ok()
        .clone();

    // Off-ramp from a wallet to the bank.
    let snapshot = sbx
        .post("/quotes", key, json!({ "amount": "50", "source": usdc, "destination": { "account": bank, "rail": "wire" } }))
        .await
        .ok()
        .clone();
    let id = snapshot["id"].as_str().expect("id");
    sbx.post(&format!("/quotes/{id}/accept"), key, json!({}))
        .await
        .ok();

    // The org-wide order feed and its filters.
    let feed = sbx.get("/customers/orders", key).await.ok().clone();
    let feed = feed.as_array().cloned().expect("array");
    assert_eq!(feed.len(), 2);
    assert_eq!(feed[0]["direction"], json!("off_ramp"));
    assert_eq!(feed[0]["status"], json!("pending"));
    assert_eq!(feed[0]["funding_instructions"], Value::Null);
    assert_eq!(feed[0]["destination_chain"], Value::Null);
    assert_eq!(feed[1]["id"], accepted["order_id"]);
    assert_eq!(feed[1]["ramp_customer_id"], json!(customer_id));
    assert_eq!(feed[1]["source_account_id"], json!(bank));
    assert_eq!(feed[1]["destination_account_id"], json!(usdc));
    assert_eq!(feed[1]["destination_address"], json!("0xaaa"));
    let on_ramps = sbx
        .get("/customers/orders?direction=on_ramp", key)
        .await
        .ok()
        .clone();
    assert_eq!(on_ramps.as_array().map(Vec::len), Some(1));
    let mine = sbx
        .get(
            &format!("/customers/orders?customer_id={customer_id}&status=awaiting_funds"),
            key,
        )
        .await
        .ok()
        .clone();
    assert_eq!(mine.as_array().map(Vec::len), Some(1));
    let nobody = sbx
        .get("/customers/orders?customer_id=nobody", key)
        .await
        .ok()
        .clone();
    assert_eq!(nobody, json!([]));
    sbx.get("/customers/orders?status=done", key)
        .await
        .assert_error(400, "InvalidRequest");
    sbx.get("/customers/orders?direction=sideways", key)
        .await
        .assert_error(400, "InvalidRequest");
}
