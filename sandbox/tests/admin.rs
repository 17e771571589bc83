//! The `/__sandbox` admin API: tenants, faults, clock, stats, health, and
//! CORS.

mod support;

use reqwest::StatusCode;
use serde_json::json;
use support::envelope::{now_us, sandbox};

const TOPUP: &str = "/api/v1/cards/topup";

#[tokio::test]
async fn health_and_tenants() {
    let sbx = sandbox().await;
    let (status, body) = sbx.admin_get("/__sandbox/health").await;
    assert_eq!(status, StatusCode::OK);
    assert_eq!(body, json!({ "ok": true }));

    let (status, body) = sbx
        .admin_post(
            "/__sandbox/envelope/tenants",
            json!({ "masterBalance": "100.5" }),
        )
        .await;
    assert_eq!(status, StatusCode::OK);
    assert_eq!(body["masterBalance"], json!("100.50"));
    assert!(body["apiKey"]
        .as_str()
        .is_some_and(|k| k.starts_with("sbx_env_")));
    let (status, body) = sbx
        .admin_post("/__sandbox/envelope/tenants", json!({}))
        .await;
    assert_eq!(status, StatusCode::OK);
    assert_eq!(body["masterBalance"], json!("10000.00"));
    let (status, _) = sbx
        .admin_post(
            "/__sandbox/envelope/tenants",
            json!({ "masterBalance": "-1" }),
        )
        .await;
    assert_eq!(status, StatusCode::BAD_REQUEST);
}

#[tokio::test]
async fn unknown_tenant_in_admin_calls() {
    let sbx = sandbox().await;
    let unknown = json!({ "error": "unknown tenant" });
    let (status, body) = sbx
        .admin_post(
            "/__sandbox/envelope/clock",
            json!({ "apiKey": "nope", "offsetMs": 1 }),
        )
        .await;
    assert_eq!((status, body), (StatusCode::NOT_FOUND, unknown.clone()));
    let (status, body) = sbx
        .admin_post(
            "/__sandbox/envelope/faults",
            json!({ "apiKey": "nope", "path": TOPUP, "status": 503 }),
        )
        .await;
    assert_eq!((status, body), (StatusCode::NOT_FOUND, unknown.clone()));
    let (status, body) = sbx.admin_get("/__sandbox/envelope/stats?apiKey=nope").await;
    assert_eq!((status, body), (StatusCode::NOT_FOUND, unknown));
}

#[tokio::test]
async fn fault_before_skips_processing() {
    let sbx = sandbox().await;
    let t = sbx.new_tenant("100.00").await;
    let card = sbx.create_card(&t, "gina", "0").await;
    let (status, _) = sbx
        .admin_post(
            "/__sandbox/envelope/faults",
            json!({ "apiKey": t.api_key, "path": TOPUP, "status": 503, "count": 2,
                    "when": "before", "retryAfter": 7 }),
        )
        .await;
    assert_eq!(status, StatusCode::OK);
    let payload = json!({ "card_id": card, "amount": "10" });
    for _ in 0..2 {
        let reply = sbx.call(&t, TOPUP, payload.clone(), Some("k1")).await;
        reply.assert_plain(503, "sandbox injected fault");
        assert_eq!(reply.header("retry-after"), Some("7"));
    }
    let stats = sbx.stats(&t).await;
    assert_eq!(stats["masterBalance"], json!("100.00"));
    assert_eq!(stats["orders"], json!(1));
    // Faults only hit their path; the queue is now empty.
    let reply = sbx.call(&t, TOPUP, payload, Some("k1")).await;
    assert_eq!(reply.data()["card_balance"], json!("10.00"));
    let stats = sbx.stats(&t).await;
    assert_eq!(stats["masterBalance"], json!("90.00"));
    // create + 2 faulted + 1 topup
    assert_eq!(stats["requests"], json!(4));
}

#[tokio::test]
async fn fault_after_processes_then_loses_response() {
    let sbx = sandbox().await;
    let t = sbx.new_tenant("100.00").await;
    let card = sbx.create_card(&t, "hank", "0").await;
    let (status, _) = sbx
        .admin_post(
            "/__sandbox/envelope/faults",
            json!({ "apiKey": t.api_key, "path": TOPUP, "status": 502, "when": "after" }),
        )
        .await;
    assert_eq!(status, StatusCode::OK);
    let payload = json!({ "card_id": card, "amount": "25.00" });
    let lost = sbx.call(&t, TOPUP, payload.clone(), Some("retry-me")).await;
    lost.assert_plain(502, "sandbox injected fault");
    assert_eq!(lost.header("retry-after"), None);
    assert_eq!(sbx.stats(&t).await["masterBalance"], json!("75.00"));
    // The retry replays the stored answer: same order, no second debit.
    let retry = sbx.call(&t, TOPUP, payload, Some("retry-me")).await;
    assert_eq!(retry.data()["card_balance"], json!("25.00"));
    let stats = sbx.stats(&t).await;
    assert_eq!(stats["masterBalance"], json!("75.00"));
    assert_eq!(stats["orders"], json!(2));
}

#[tokio::test]
async fn fault_validation() {
    let sbx = sandbox().await;
    let t = sbx.new_tenant("1.00").await;
    for bad in [
        json!({ "apiKey": t.api_key, "path": TOPUP }),
        json!({ "apiKey": t.api_key, "path": TOPUP, "status": 99 }),
        json!({ "apiKey": t.api_key, "path": "nope", "status": 503 }),
        json!({ "apiKey": t.api_key, "path": TOPUP, "status": 503, "when": "during" }),
        json!({ "apiKey": t.api_key, "path": TOPUP, "status": 503, "count": 0 }),
    ] {
        let (status, body) = sbx.admin_post("/__sandbox/envelope/faults", bad).await;
        assert_eq!(status, StatusCode::BAD_REQUEST, "{body}");
        assert!(body["error"].is_string());
    }
}

#[tokio::test]
async fn clock_offset_moves_window_and_date_header() {
    let sbx = sandbox().await;
    let t = sbx.new_tenant("1.00").await;
    let (status, body) = sbx
        .admin_post(
            "/__sandbox/envelope/clock",
            json!({ "apiKey": t.api_key, "offsetMs": 120_000 }),
        )
        .await;
    assert_eq!((status, body), (StatusCode::OK, json!({ "ok": true })));

    let balance = "/api/v1/master/balance";
    let reply = sbx.call(&t, balance, json!({}), None).await;
    reply.assert_plain(400, "Request timestamp outside allowed window");
    let date = httpdate::parse_http_date(reply.header("date").expect("Date")).expect("IMF-fixdate");
    let skew = date
        .duration_since(std::time::SystemTime::now())
        .expect("Date is in the future")
        .as_secs();
    assert!((115..=121).contains(&skew), "skew {skew}s");

    let shifted = json!({ "request_timestamp": now_us() + 120_000_000 });
    sbx.send(&t, balance, &shifted, None).await.data();

    // The default tenant and admin routes still use real time.
    let admin = sbx
        .http
        .get(sbx.url("/__sandbox/health"))
        .send()
        .await
        .expect("health");
    let date = admin
        .headers()
        .get("date")
        .and_then(|v| v.to_str().ok())
        .expect("Date");
    let date = httpdate::parse_http_date(date).expect("IMF-fixdate");
    let now = std::time::SystemTime::now();
    let diff = now
        .duration_since(date)
        .unwrap_or_else(|e| e.duration())
        .as_secs();
    assert!(diff <= 2, "admin Date off by {diff}s");
}

#[tokio::test]
async fn cors_preflight_and_exposed_headers() {
    let sbx = sandbox().await;
    let response = sbx
        .http
        .request(reqwest::Method::OPTIONS, sbx.url("/api/v1/cards/create"))
        .header("Origin", "http://localhost:5173")
        .header("Access-Control-Request-Method", "POST")
        .header(
            "Access-Control-Request-Headers",
            "api-key,idempotency-key,content-type,authorization",
        )
        .send()
        .await
        .expect("preflight");
    assert!(response.status().is_success(), "{}", response.status());
    let header = |name: &str| {
        response
            .headers()
            .get(name)
            .and_then(|v| v.to_str().ok())
            .unwrap_or_default()
            .to_ascii_lowercase()
    };
    assert_eq!(header("access-control-allow-origin"), "*");
    for method in ["get", "post", "put", "patch", "delete", "options"] {
        assert!(header("access-control-allow-methods").contains(method));
    }
    for name in [
        "api-key",
        "idempotency-key",
        "content-type",
        "authorization",
    ] {
        assert!(
            header("access-control-allow-headers").contains(name),
            "{name}"
        );
    }
    assert!(!header("access-control-max-age").is_empty());
    assert!(header("x-request-id").starts_with("req_"));

    let response = sbx
        .http
        .get(sbx.url("/__sandbox/health"))
        .header("Origin", "http://localhost:5173")
        .send()
        .await
        .expect("health");
    let exposed = response
        .headers()
        .get("access-control-expose-headers")
        .and_then(|v| v.to_str().ok())
        .unwrap_or_default()
        .to_ascii_lowercase();
    for name in ["date", "x-request-id", "retry-after"] {
        assert!(exposed.contains(name), "{exposed}");
    }
    assert_eq!(
        response
            .headers()
            .get("access-control-allow-origin")
            .and_then(|v| v.to_str().ok()),
        Some("*")
    );
}

#[tokio::test]
async fn unknown_route_is_json_404() {
    let sbx = sandbox().await;
    let (status, body) = sbx.admin_get("/nowhere").await;
    assert_eq!(status, StatusCode::NOT_FOUND);
    assert_eq!(body, json!({ "error": "not found" }));
}

#[tokio::test]
async fn fault_delay_holds_the_answer() {
    let sbx = sandbox().await;
    let t = sbx.new_tenant("100.00").await;
    let card = sbx.create_card(&t, "iris", "0").await;
    let (status, _) = sbx
        .admin_post(
            "/__sandbox/envelope/faults",
            json!({ "apiKey": t.api_key, "path": TOPUP, "status": 503, "delayMs": 400 }),
        )
        .await;
    assert_eq!(status, StatusCode::OK);
    let payload = json!({ "card_id": card, "amount": "1.00" });
    let started = std::time::Instant::now();
    sbx.call(&t, TOPUP, payload.clone(), Some("slow"))
        .await
        .assert_plain(503, "sandbox injected fault");
    assert!(started.elapsed() >= std::time::Duration::from_millis(400));
    let (status, body) = sbx
        .admin_post(
            "/__sandbox/envelope/faults",
            json!({ "apiKey": t.api_key, "path": TOPUP, "status": 503, "delayMs": 60_001 }),
        )
        .await;
    assert_eq!(status, StatusCode::BAD_REQUEST, "{body}");
}
