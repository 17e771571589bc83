//! The Orchestration admin tools: the per-org request log and stats,
//! injected faults (before and after processing), and admin validation.

mod support;

use serde_json::{json, Value};
use support::orchestration::{sandbox, Auth};

#[tokio::test]
async fn request_log_stats_and_faults() {
    let sbx = sandbox().await;
    let tenant = sbx.tenant(json!({})).await;
    let pair = sbx.login(&tenant.email, &tenant.password).await;
    let access = pair["access_token"].as_str().expect("access").to_owned();
    sbx.get("/org", Auth::Key(&tenant.api_key)).await.ok();
    sbx.get(
        "/accounts?currency=USDC&currency=USDT",
        Auth::Bearer(&access),
    )
    .await
    .ok();

    let log = sbx.log(&tenant.org_id, 3).await;
    assert_eq!(log.len(), 3);
    assert_eq!(log[0]["method"], json!("POST"));
    assert_eq!(log[0]["path"], json!("/api/v0/auth/login"));
    assert_eq!(log[0]["authHeader"], json!("none"));
    assert_eq!(log[0]["body"]["email"], json!(tenant.email));
    assert_eq!(log[1]["path"], json!("/api/v0/org"));
    assert_eq!(log[1]["authHeader"], json!("api-key"));
    assert_eq!(log[1]["query"], json!(""));
    assert_eq!(log[1]["body"], Value::Null);
    assert_eq!(log[2]["authHeader"], json!("bearer"));
    assert_eq!(log[2]["query"], json!("currency=USDC&currency=USDT"));
    assert_eq!(sbx.log(&tenant.org_id, 1).await.len(), 1);

    // A fault before processing, with Retry-After; the next call is fine.
    let (status, body) = sbx
        .admin_post(
            "/__sandbox/orchestration/faults",
            json!({ "orgId": tenant.org_id, "path": "/org", "status": 503, "when": "before", "retryAfter": 2 }),
        )
        .await;
    assert_eq!(status, 200, "{body}");
    let reply = sbx.get("/org", Auth::Key(&tenant.api_key)).await;
    reply.assert_error(503, "ProviderError");
    assert_eq!(
        reply
            .headers
            .get("retry-after")
            .and_then(|v| v.to_str().ok()),
        Some("2")
    );
    sbx.get("/org", Auth::Key(&tenant.api_key)).await.ok();

    // A fault after processing: the customer exists despite the 500.
    let (status, _) = sbx
        .admin_post(
            "/__sandbox/orchestration/faults",
            json!({ "orgId": tenant.org_id, "path": "/api/v0/customers", "status": 500, "when": "after" }),
        )
        .await;
    assert_eq!(status, 200);
    let customer = support::orchestration::individual("ext-fault");
    let reply = sbx
        .post("/customers", Auth::Key(&tenant.api_key), customer.clone())
        .await;
    reply.assert_error(500, "InternalError");
    let reply = sbx
        .post("/customers", Auth::Key(&tenant.api_key), customer)
        .await;
    reply.assert_error(409, "EndUserCustomerExists");

    let stats = sbx.stats(&tenant.org_id).await;
    assert_eq!(stats["requests"], json!(7), "{stats}");

    // Admin validation.
    let (status, _) = sbx
        .admin_get("/__sandbox/orchestration/stats?orgId=nope")
        .await;
    assert_eq!(status, 404);
    let (status, _) = sbx.admin_get("/__sandbox/orchestration/stats").await;
    assert_eq!(status, 400);
    let (status, _) = sbx
        .admin_post(
            "/__sandbox/orchestration/tenants",
            json!({ "quoteDelayMs": -1 }),
        )
        .await;
    assert_eq!(status, 400);
    let (status, _) = sbx
        .admin_post("/__sandbox/orchestration/totp", json!({ "secret": "!!" }))
        .await;
    assert_eq!(status, 400);
}
