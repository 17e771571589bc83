//! Orchestration quotes: pending → ready (`QuoteNotReady` before), `wait=1`,
//! ranked legs and the fee invariant across currencies, quote request
//! errors, the catalog and health. Accepting quotes and the orders they
//! become are in `orchestration_orders.rs`.

mod support;

use std::time::{Duration, Instant};

use serde_json::{json, Value};
use support::eventually;
use support::orchestration::quotes::{assert_invariant, preview};
use support::orchestration::{sandbox, Auth};

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
