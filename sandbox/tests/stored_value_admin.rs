//! The stored-value admin routes: tenants, injected faults (before and
//! after processing) and stats.

mod support;

use reqwest::Method;
use serde_json::json;
use support::stored_value::{fresh_card, Body, Sv, CARD_A};

const TRANSACTIONS: &str = "/v2/transactions";

#[tokio::test]
async fn tenants_are_isolated() {
    let sbx = Sv::start().await;
    let (status, body) = sbx
        .admin_post("/__sandbox/stored-value/tenants", json!({}))
        .await;
    assert_eq!(status, 200);
    let api_key = body["apiKey"].as_str().expect("apiKey");
    assert!(api_key.starts_with("sbx_sv_"), "{body}");
    let merchant_id = body["merchantId"].as_str().expect("merchantId");
    assert!(
        merchant_id.len() == 11 && merchant_id.bytes().all(|b| b.is_ascii_digit()),
        "{body}"
    );
    assert_eq!(body.as_object().map(|o| o.len()), Some(2));
    // An empty body works too.
    let response = sbx
        .http
        .post(sbx.url("/__sandbox/stored-value/tenants"))
        .send()
        .await
        .expect("request");
    assert_eq!(response.status().as_u16(), 200);

    let a = sbx.merchant().await;
    let b = sbx.merchant().await;
    assert_ne!(a.api_key, b.api_key);
    sbx.reload(&a, CARD_A, "5").await;
    assert_eq!(sbx.balance(&a, CARD_A).await, "105.00");
    assert_eq!(sbx.balance(&b, CARD_A).await, "100.00");
    let stats = sbx.stats(&b).await;
    assert_eq!(
        (&stats["requests"], &stats["transactions"]),
        (&json!(1), &json!(0))
    );
    let stats = sbx.stats(&a).await;
    assert_eq!(
        (&stats["requests"], &stats["transactions"]),
        (&json!(2), &json!(1))
    );
    assert_eq!(stats["cards"][CARD_A], json!("105.00"));
}

#[tokio::test]
async fn unknown_tenants_and_bad_faults() {
    let sbx = Sv::start().await;
    let unknown = json!({ "error": "unknown tenant" });
    let (status, body) = sbx
        .admin_get("/__sandbox/stored-value/stats?apiKey=nope")
        .await;
    assert_eq!((status, body), (404, unknown.clone()));
    let (status, body) = sbx
        .admin_post(
            "/__sandbox/stored-value/faults",
            json!({ "apiKey": "nope", "path": TRANSACTIONS, "status": 503 }),
        )
        .await;
    assert_eq!((status, body), (404, unknown));
    let (status, _) = sbx.admin_get("/__sandbox/stored-value/stats").await;
    assert_eq!(status, 400);
    let (status, _) = sbx
        .admin_post("/__sandbox/stored-value/tenants", json!([1]))
        .await;
    assert_eq!(status, 400);
    let m = sbx.merchant().await;
    for bad in [
        json!({ "path": TRANSACTIONS }),
        json!({ "path": TRANSACTIONS, "status": 99 }),
        json!({ "path": "v2/transactions", "status": 503 }),
        json!({ "path": TRANSACTIONS, "status": 503, "when": "during" }),
        json!({ "path": TRANSACTIONS, "status": 503, "count": 0 }),
        json!({ "path": TRANSACTIONS, "status": 503, "retryAfter": "soon" }),
    ] {
        let mut bad = bad;
        bad["apiKey"] = json!(m.api_key);
        let (status, body) = sbx.admin_post("/__sandbox/stored-value/faults", bad).await;
        assert_eq!(status, 400, "{body}");
        assert!(body["error"].is_string());
    }
}

#[tokio::test]
async fn fault_before_skips_processing() {
    let sbx = Sv::start().await;
    let m = sbx.merchant().await;
    sbx.fault(
        &m,
        json!({ "path": TRANSACTIONS, "status": 503, "count": 2, "when": "before", "retryAfter": 7 }),
    )
    .await;
    let body = json!({ "method": "reload", "cardNumber": CARD_A, "amount": "10" });
    for _ in 0..2 {
        let reply = sbx.transaction(&m, body.clone()).await;
        reply.assert_fault(503);
        assert_eq!(reply.header("retry-after"), Some("7"));
        assert!(reply.header("x-request-id").is_some());
    }
    let stats = sbx.stats(&m).await;
    assert_eq!(
        (&stats["requests"], &stats["transactions"]),
        (&json!(2), &json!(0))
    );
    assert_eq!(stats["cards"][CARD_A], json!("100.00"));
    // The queue is empty now; other paths were never affected.
    sbx.reload(&m, CARD_A, "10").await;
    assert_eq!(sbx.balance(&m, CARD_A).await, "110.00");
    // The path is exact and matched before routing: GET on the same path
    // and unknown paths can fault too; another tenant is unaffected.
    sbx.fault(&m, json!({ "path": TRANSACTIONS, "status": 429 }))
        .await;
    sbx.get(&m, TRANSACTIONS).await.assert_fault(429);
    sbx.fault(&m, json!({ "path": "/v2/nowhere", "status": 500 }))
        .await;
    sbx.get(&m, "/v2/nowhere").await.assert_fault(500);
    sbx.fault(&m, json!({ "path": TRANSACTIONS, "status": 502 }))
        .await;
    let other = sbx.merchant().await;
    assert_eq!(sbx.list(&other, "").await["total"], json!(0));
    sbx.get(&m, TRANSACTIONS).await.assert_fault(502);
    // Unauthenticated requests never consume a tenant's faults.
    sbx.fault(&m, json!({ "path": TRANSACTIONS, "status": 504 }))
        .await;
    sbx.send_raw(Method::GET, TRANSACTIONS, None, Body::None)
        .await
        .assert_unauthenticated();
    sbx.get(&m, TRANSACTIONS).await.assert_fault(504);
    // 2 faulted + reload + info + 429 + 500 + 502 + 504.
    assert_eq!(sbx.stats(&m).await["requests"], json!(8));
}

#[tokio::test]
async fn fault_after_processes_then_loses_the_response() {
    let sbx = Sv::start().await;
    let m = sbx.merchant().await;
    sbx.fault(
        &m,
        json!({ "path": TRANSACTIONS, "status": 502, "when": "after" }),
    )
    .await;
    let body = json!({ "method": "reload", "cardNumber": CARD_A, "amount": "25.00", "idempotencyKey": "retry-me" });
    let lost = sbx.transaction(&m, body.clone()).await;
    lost.assert_fault(502);
    assert_eq!(lost.header("retry-after"), None);
    let stats = sbx.stats(&m).await;
    assert_eq!(
        (&stats["transactions"], &stats["cards"][CARD_A]),
        (&json!(1), &json!("125.00"))
    );
    // The retry replays the stored answer: one reload only.
    let retry = sbx.transaction(&m, body).await;
    assert_eq!(retry.ok()["amount"], json!("25.00"));
    let listed = sbx.list(&m, "").await;
    assert_eq!(listed["data"][0]["transId"], retry.ok()["transactionId"]);
    let stats = sbx.stats(&m).await;
    assert_eq!(
        (&stats["transactions"], &stats["cards"][CARD_A]),
        (&json!(1), &json!("125.00"))
    );
    assert_eq!(stats["requests"], json!(3));

    // Card creation and deletion behind a lost response.
    let number = fresh_card();
    sbx.fault(
        &m,
        json!({ "path": "/v2/stored-value", "status": 504, "when": "after" }),
    )
    .await;
    let create = json!({ "cardNumber": number, "amount": "30", "idempotencyKey": "create-1" });
    sbx.post(&m, "/v2/stored-value", create.clone())
        .await
        .assert_fault(504);
    let created = sbx.post(&m, "/v2/stored-value", create).await;
    assert_eq!(
        created.ok()["cardNumber"],
        json!(number),
        "no 21 on the retry"
    );
    let path = format!("/v2/stored-value/{number}");
    sbx.fault(&m, json!({ "path": path, "status": 503, "when": "after" }))
        .await;
    sbx.delete(&m, &path).await.assert_fault(503);
    sbx.delete(&m, &path)
        .await
        .assert_unprocessable("103", "Gift card not found");
}
