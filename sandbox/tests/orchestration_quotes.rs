//! Orchestration quotes (pending → ready, `wait=1`, ranked legs and the
//! fee invariant, accept / acceptBest with `AlreadyAccepted`,
//! `QuoteExpired`, `QuoteIdInvalid`, `QuoteNotReady`, account
//! disambiguation), orders, the catalog and health.

mod support;

use std::time::{Duration, Instant};

use serde_json::{json, Value};
use support::eventually;
use support::orchestration::{num, sandbox, Auth, Sandbox};

/// The documented multi-rail pricing preview.
fn preview(amount: &str) -> Value {
    json!({ "amount": amount, "source": { "currency": "USD" }, "destination": { "currency": "USDC", "rail": "base" } })
}

/// Checks ranking and the fee invariant on every quote of a snapshot;
/// `mid` is the mid-market rate from source to destination.
fn assert_invariant(snapshot: &Value, mid: f64) {
    let quotes = snapshot["quotes"].as_array().expect("quotes");
    assert!(!quotes.is_empty(), "{snapshot}");
    assert_eq!(snapshot["best_quote_id"], quotes[0]["id"], "{snapshot}");
    let requested = num(&snapshot["request"]["amount"]);
    let mut previous = f64::INFINITY;
    for quote in quotes {
        let input = num(&quote["in"]["amount"]);
        let output = num(&quote["out"]["amount"]);
        let total = num(&quote["fees"]["total"]);
        assert_eq!(
            input, requested,
            "in.amount is the fee-inclusive request: {quote}"
        );
        let items = quote["fees"]["items"].as_array().expect("items");
        assert!(!items.is_empty(), "{quote}");
        let sum: f64 = items.iter().map(|item| num(&item["amount"])).sum();
        assert!((sum - total).abs() < 1e-9, "items sum to total: {quote}");
        for item in items {
            assert!(["flat", "percentage", "network", "other"]
                .contains(&item["type"].as_str().unwrap_or_default()));
            assert_eq!(item["currency"], quote["fees"]["currency"]);
        }
        assert_eq!(
            quote["fees"]["currency"], quote["in"]["currency"],
            "fees in the source currency"
        );
        assert!(
            output > 0.0 && output <= (input - total) * mid + 1e-9,
            "nothing added on top: {quote}"
        );
        let rate = num(&quote["rate"]);
        assert!(
            (rate - output / input).abs() < 1e-6,
            "rate = out / in: {quote}"
        );
        assert!(quote["in"]["rail"].is_string() && quote["out"]["rail"].is_string());
        assert!(quote["id"].as_str().is_some_and(|id| id.starts_with("q_")));
        assert!(quote["provider"].is_string() && quote["expires_at"].is_string());
        assert!(output <= previous, "ranked by out.amount: {snapshot}");
        previous = output;
    }
}

#[tokio::test]
async fn quotes_go_pending_then_ready_with_ranked_legs() {
    let sbx = sandbox().await;
    let tenant = sbx.tenant(json!({ "quoteDelayMs": 400 })).await;
    let key = Auth::Key(&tenant.api_key);

    let created = sbx.post("/quotes", key, preview("1000")).await.ok().clone();
    assert_eq!(created["status"], json!("pending"));
    assert_eq!(created["quotes"], json!([]));
    assert!(created.get("best_quote_id").is_none());
    assert_eq!(created["request"], preview("1000"), "the request is echoed");
    let id = created["id"].as_str().expect("id").to_owned();
    sbx.post(&format!("/quotes/{id}/accept"), key, json!({}))
        .await
        .assert_error(422, "QuoteNotReady");

    let ready = eventually(Duration::from_secs(5), || async {
        let body = sbx.get(&format!("/quotes/{id}"), key).await.ok().clone();
        (body["status"] == json!("ready")).then_some(body)
    })
    .await;
    assert_invariant(&ready, 1.0);
    let quotes = ready["quotes"].as_array().expect("quotes");
    // Every USD rail is priced, with several rows for the same inbound rail.
    let ach = quotes
        .iter()
        .filter(|q| q["in"]["rail"] == json!("ach"))
        .count();
    let wire = quotes
        .iter()
        .filter(|q| q["in"]["rail"] == json!("wire"))
        .count();
    assert!(ach >= 2 && wire >= 1, "{ready}");
    // The best leg: $3.00 flat ACH, no spread → 997 USDC at rate 0.997.
    assert_eq!(
        quotes[0]["in"],
        json!({ "amount": "1000", "currency": "USD", "rail": "ach" })
    );
    assert_eq!(
        quotes[0]["out"],
        json!({ "amount": "997", "currency": "USDC", "rail": "base" })
    );
    assert_eq!(quotes[0]["fees"]["total"], json!("3.00"));
    assert_eq!(quotes[0]["rate"], json!("0.997"));

    // Other orgs cannot read it.
    let other = sbx.tenant(json!({})).await;
    sbx.get(&format!("/quotes/{id}"), Auth::Key(&other.api_key))
        .await
        .assert_error(404, "QuoteNotFound");
}

#[tokio::test]
async fn wait_blocks_until_ready() {
    let sbx = sandbox().await;
    let tenant = sbx.tenant(json!({ "quoteDelayMs": 300 })).await;
    let started = Instant::now();
    let reply = sbx
        .post(
            "/quotes?wait=1",
            Auth::Key(&tenant.api_key),
            preview("250.50"),
        )
        .await;
    let snapshot = reply.ok().clone();
    assert!(
        started.elapsed() >= Duration::from_millis(250),
        "{:?}",
        started.elapsed()
    );
    assert_eq!(snapshot["status"], json!("ready"));
    assert_invariant(&snapshot, 1.0);
    for value in ["true", "yes"] {
        let reply = sbx
            .post(
                &format!("/quotes?wait={value}"),
                Auth::Key(&tenant.api_key),
                preview("10"),
            )
            .await;
        assert_eq!(reply.ok()["status"], json!("ready"));
    }
    let reply = sbx
        .post("/quotes?wait=0", Auth::Key(&tenant.api_key), preview("10"))
        .await;
    assert_eq!(reply.ok()["status"], json!("pending"));
}

#[tokio::test]
async fn offramps_swaps_and_invariant_across_currencies() {
    let sbx = sandbox().await;
    let tenant = sbx.tenant(json!({ "quoteDelayMs": 0 })).await;
    let key = Auth::Key(&tenant.api_key);
    let cases = [
        (
            json!({ "currency": "USDC", "rail": "base" }),
            json!({ "currency": "EUR" }),
            1.0 / 1.08,
        ),
        (
            json!({ "currency": "USDC" }),
            json!({ "currency": "USD", "rail": "wire" }),
            1.0,
        ),
        (
            json!({ "currency": "INR", "rail": "upi" }),
            json!({ "currency": "USDT" }),
            0.012,
        ),
        (
            json!({ "currency": "USDC", "rail": "base" }),
            json!({ "currency": "USDT", "rail": "ethereum", "address": "0xabc" }),
            1.0,
        ),
    ];
    for (source, destination, mid) in cases {
        let request = json!({ "amount": "50000", "source": source, "destination": destination });
        let snapshot = sbx.post("/quotes", key, request).await.ok().clone();
        assert_eq!(snapshot["status"], json!("ready"), "delay 0");
        assert_invariant(&snapshot, mid);
    }
    // A one-off address is echoed on the crypto leg; swaps carry a
    // network fee line on ethereum.
    let request = json!({ "amount": "100", "source": { "currency": "USDC", "rail": "base" }, "destination": { "currency": "USDT", "rail": "ethereum", "address": "0xabc" } });
    let snapshot = sbx.post("/quotes", key, request).await.ok().clone();
    let quote = &snapshot["quotes"][0];
    assert_eq!(quote["out"]["address"], json!("0xabc"));
    let kinds: Vec<&Value> = quote["fees"]["items"]
        .as_array()
        .expect("items")
        .iter()
        .map(|i| &i["type"])
        .collect();
    assert!(kinds.contains(&&json!("network")), "{quote}");

    // Named virtual accounts only.
    let mut named = preview("1000");
    named["named"] = json!("require");
    let snapshot = sbx.post("/quotes", key, named).await.ok().clone();
    let providers: Vec<&Value> = snapshot["quotes"]
        .as_array()
        .expect("quotes")
        .iter()
        .map(|q| &q["provider"])
        .collect();
    assert!(
        providers.windows(2).all(|p| p[0] == p[1]),
        "one named provider: {snapshot}"
    );
    let mut bogus = preview("1000");
    bogus["named"] = json!("prefer");
    sbx.post("/quotes", key, bogus)
        .await
        .assert_error(400, "InvalidRequest");
}

#[tokio::test]
async fn quote_request_errors() {
    let sbx = sandbox().await;
    let tenant = sbx.tenant(json!({ "quoteDelayMs": 0 })).await;
    let key = Auth::Key(&tenant.api_key);
    for amount in [
        json!("abc"),
        json!("-5"),
        json!("0"),
        json!(100),
        json!("1.1234567"),
    ] {
        let mut request = preview("1");
        request["amount"] = amount;
        sbx.post("/quotes", key, request)
            .await
            .assert_error(400, "InvalidRequest");
    }
    let reply = sbx
        .post(
            "/quotes",
            key,
            json!({ "amount": "10", "source": { "currency": "USD" } }),
        )
        .await;
    assert_eq!(
        reply.assert_error(400, "InvalidRequest")["missing"],
        json!(["destination"])
    );
    let unknown = json!({ "amount": "10", "source": { "currency": "DAI" }, "destination": { "currency": "USDC" } });
    sbx.post("/quotes", key, unknown)
        .await
        .assert_error(400, "InvalidRequest");
    let wrong_rail = json!({ "amount": "10", "source": { "currency": "USD", "rail": "sepa" }, "destination": { "currency": "USDC" } });
    sbx.post("/quotes", key, wrong_rail)
        .await
        .assert_error(400, "RailNotSupported");
    let fiat_address = json!({ "amount": "10", "source": { "currency": "USDC" }, "destination": { "currency": "USD", "address": "0x1" } });
    sbx.post("/quotes", key, fiat_address)
        .await
        .assert_error(400, "InvalidRequest");
    // Fiat to fiat, or fees above the amount: nothing prices.
    let fiat = json!({ "amount": "1000", "source": { "currency": "USD" }, "destination": { "currency": "EUR" } });
    sbx.post("/quotes", key, fiat)
        .await
        .assert_error(422, "NoEligibleProviders");
    sbx.post("/quotes", key, preview("1"))
        .await
        .assert_error(422, "NoEligibleProviders");
    sbx.post(
        "/quotes",
        key,
        json!({ "amount": "10", "source": "nope", "destination": { "currency": "USDC" } }),
    )
    .await
    .assert_error(404, "AccountNotFound");
}

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

#[tokio::test]
async fn catalog_health_and_routing() {
    let sbx = sandbox().await;
    let rails = sbx.get("/rails", Auth::None).await.ok().clone();
    let rails = rails["rails"].as_array().cloned().expect("rails");
    assert!(rails.contains(&json!({ "rail": "ach", "kind": "fiat" })));
    assert!(rails.contains(&json!({ "rail": "base", "kind": "crypto" })));
    assert_eq!(rails.len(), 11);
    let currencies = sbx
        .get("/currencies", Auth::Key("seismic_sandbox_revoked_or_bogus"))
        .await
        .ok()
        .clone();
    let usdc = currencies["currencies"]
        .as_array()
        .and_then(|list| list.iter().find(|c| c["currency"] == json!("USDC")))
        .cloned()
        .expect("USDC listed");
    assert_eq!(usdc["kind"], json!("stablecoin"));
    assert!(usdc["rails"]
        .as_array()
        .expect("rails")
        .contains(&json!({ "rail": "base" })));
    // Every currency rail is a catalog rail.
    for currency in currencies["currencies"].as_array().expect("list") {
        for rail in currency["rails"].as_array().expect("rails") {
            assert!(rails.iter().any(|r| r["rail"] == rail["rail"]), "{rail}");
        }
    }
    assert_eq!(
        sbx.get("/health", Auth::None).await.ok(),
        &json!({ "status": "ok" })
    );

    sbx.get("/nope", Auth::None)
        .await
        .assert_error(404, "NotFound");
    sbx.delete("/rails", Auth::None)
        .await
        .assert_error(405, "MethodNotAllowed");
    let reply = sbx.get("/rails", Auth::None).await;
    assert!(reply.headers.get("x-request-id").is_some());
    assert!(reply.headers.get("date").is_some());
    assert_eq!(
        reply
            .headers
            .get("content-type")
            .and_then(|v| v.to_str().ok()),
        Some("application/json")
    );
}
