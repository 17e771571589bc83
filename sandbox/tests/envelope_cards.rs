//! Card issue, topup, master balance and idempotency of the envelope API.

mod support;

use serde_json::json;
use support::envelope::{now_us, sandbox};

const CREATE: &str = "/api/v1/cards/create";
const TOPUP: &str = "/api/v1/cards/topup";

#[tokio::test]
async fn create_card_debits_master_balance() {
    let sbx = sandbox().await;
    let t = sbx.new_tenant("100.00").await;
    let reply = sbx
        .call(
            &t,
            CREATE,
            json!({ "external_user_id": "user-1", "currency": "USD", "amount": "10.5" }),
            Some("idem-create-1"),
        )
        .await;
    let data = reply.data();
    assert!(data["order_id"]
        .as_str()
        .is_some_and(|id| id.starts_with("ord_")));
    assert!(data["card_id"]
        .as_str()
        .is_some_and(|id| id.starts_with("card_")));
    assert_eq!(data["type"], json!("card_create"));
    assert_eq!(data["status"], json!("completed"));
    assert_eq!(data["external_user_id"], json!("user-1"));
    assert_eq!(data["amount"], json!("10.50"));
    assert_eq!(data["card_balance"], json!("10.50"));
    assert_eq!(data["currency"], json!("USD"));
    let created = data["created_at"].as_str().expect("created_at");
    assert_eq!(created.len(), 20, "{created}");
    assert!(
        created.ends_with('Z') && created.as_bytes()[10] == b'T',
        "{created}"
    );
    assert_eq!(sbx.balance(&t).await, "89.50");

    // Without an amount: a zero-balance card, no debit.
    let reply = sbx
        .call(
            &t,
            CREATE,
            json!({ "external_user_id": "user-2" }),
            Some("idem-create-2"),
        )
        .await;
    assert_eq!(reply.data()["card_balance"], json!("0.00"));
    assert_eq!(sbx.balance(&t).await, "89.50");
    assert_eq!(sbx.stats(&t).await["orders"], json!(2));
}

#[tokio::test]
async fn create_card_validation() {
    let sbx = sandbox().await;
    let t = sbx.new_tenant("5.00").await;
    sbx.call(&t, CREATE, json!({ "external_user_id": "u" }), None)
        .await
        .assert_slug(400, "idempotency_key_required");
    sbx.call(&t, CREATE, json!({ "external_user_id": "u" }), Some(""))
        .await
        .assert_slug(400, "idempotency_key_required");
    let cases = [
        (json!({}), 400, "invalid_request"),
        (json!({ "external_user_id": "" }), 400, "invalid_request"),
        (json!({ "external_user_id": 7 }), 400, "invalid_request"),
        (
            json!({ "external_user_id": "u", "currency": "EUR" }),
            400,
            "invalid_request",
        ),
        (
            json!({ "external_user_id": "u", "amount": "-1" }),
            400,
            "invalid_amount",
        ),
        (
            json!({ "external_user_id": "u", "amount": "1.234" }),
            400,
            "invalid_amount",
        ),
        (
            json!({ "external_user_id": "u", "amount": "ten" }),
            400,
            "invalid_amount",
        ),
        (
            json!({ "external_user_id": "u", "amount": "5.01" }),
            403,
            "insufficient_funds",
        ),
    ];
    for (payload, status, slug) in cases {
        let idem = format!("k-{}", now_us());
        sbx.call(&t, CREATE, payload, Some(&idem))
            .await
            .assert_slug(status, slug);
    }
    let reply = sbx
        .call(
            &t,
            CREATE,
            json!({ "external_user_id": "u", "amount": "0" }),
            Some("zero"),
        )
        .await;
    assert_eq!(reply.data()["amount"], json!("0.00"));
    assert_eq!(sbx.balance(&t).await, "5.00");
}

#[tokio::test]
async fn topup_moves_money_onto_card() {
    let sbx = sandbox().await;
    let t = sbx.new_tenant("50.00").await;
    let card = sbx.create_card(&t, "alice", "1.00").await;
    let reply = sbx
        .call(
            &t,
            TOPUP,
            json!({ "card_id": card, "amount": "20.25", "external_user_id": "alice" }),
            Some("topup-1"),
        )
        .await;
    let data = reply.data();
    assert_eq!(data["type"], json!("card_topup"));
    assert_eq!(data["status"], json!("completed"));
    assert_eq!(data["card_id"], json!(card));
    assert_eq!(data["amount"], json!("20.25"));
    assert_eq!(data["card_balance"], json!("21.25"));
    assert_eq!(data["currency"], json!("USD"));
    assert!(data["order_id"]
        .as_str()
        .is_some_and(|id| id.starts_with("ord_")));
    assert_eq!(sbx.balance(&t).await, "28.75");
}

#[tokio::test]
async fn topup_errors() {
    let sbx = sandbox().await;
    let t = sbx.new_tenant("10.00").await;
    let card = sbx.create_card(&t, "bob", "0").await;
    sbx.call(&t, TOPUP, json!({ "card_id": card, "amount": "1" }), None)
        .await
        .assert_slug(400, "idempotency_key_required");
    let cases = [
        (json!({ "amount": "1" }), 400, "invalid_request"),
        (json!({ "card_id": card }), 400, "invalid_request"),
        (
            json!({ "card_id": card, "amount": "0" }),
            400,
            "invalid_amount",
        ),
        (
            json!({ "card_id": card, "amount": "-3" }),
            400,
            "invalid_amount",
        ),
        (
            json!({ "card_id": card, "amount": "1.001" }),
            400,
            "invalid_amount",
        ),
        (
            json!({ "card_id": "card_missing", "amount": "1" }),
            404,
            "card_not_found",
        ),
        (
            json!({ "card_id": card, "amount": "1", "external_user_id": "mallory" }),
            422,
            "card_user_mismatch",
        ),
        (
            json!({ "card_id": card, "amount": "10.01" }),
            403,
            "insufficient_funds",
        ),
    ];
    for (payload, status, slug) in cases {
        let idem = format!("k-{}", now_us());
        sbx.call(&t, TOPUP, payload, Some(&idem))
            .await
            .assert_slug(status, slug);
    }
    assert_eq!(sbx.balance(&t).await, "10.00");
    // Exactly the whole balance is fine.
    let reply = sbx
        .call(
            &t,
            TOPUP,
            json!({ "card_id": card, "amount": "10.00" }),
            Some("all"),
        )
        .await;
    assert_eq!(reply.data()["card_balance"], json!("10.00"));
    assert_eq!(sbx.balance(&t).await, "0.00");
}

#[tokio::test]
async fn idempotent_replay_returns_same_order_without_second_debit() {
    let sbx = sandbox().await;
    let t = sbx.new_tenant("100.00").await;
    let card = sbx.create_card(&t, "carol", "0").await;
    let payload = json!({ "card_id": card, "amount": "15.00" });
    let first = sbx.call(&t, TOPUP, payload.clone(), Some("same-key")).await;
    let second = sbx.call(&t, TOPUP, payload.clone(), Some("same-key")).await;
    assert_eq!(first.data(), second.data());
    assert_eq!(sbx.balance(&t).await, "85.00");
    assert_eq!(sbx.stats(&t).await["orders"], json!(2));

    // Same key, different payload: 409, nothing charged.
    let other = json!({ "card_id": card, "amount": "16.00" });
    sbx.call(&t, TOPUP, other, Some("same-key"))
        .await
        .assert_slug(409, "invalid_request");
    assert_eq!(sbx.balance(&t).await, "85.00");

    // Idempotency is scoped per path: the key is fresh for create.
    let reply = sbx
        .call(
            &t,
            CREATE,
            json!({ "external_user_id": "carol" }),
            Some("same-key"),
        )
        .await;
    assert_eq!(reply.data()["type"], json!("card_create"));

    // Business errors are replayed too, even once they would succeed.
    let poor = sbx.new_tenant("1.00").await;
    let poor_card = sbx.create_card(&poor, "dave", "0").await;
    let big = json!({ "card_id": poor_card, "amount": "2.00" });
    sbx.call(&poor, TOPUP, big.clone(), Some("big"))
        .await
        .assert_slug(403, "insufficient_funds");
    sbx.call(&poor, TOPUP, big, Some("big"))
        .await
        .assert_slug(403, "insufficient_funds");
}

#[tokio::test]
async fn replayed_create_returns_same_card() {
    let sbx = sandbox().await;
    let t = sbx.new_tenant("100.00").await;
    let payload = json!({ "external_user_id": "erin", "amount": "30" });
    let first = sbx
        .call(&t, CREATE, payload.clone(), Some("create-once"))
        .await;
    let second = sbx.call(&t, CREATE, payload, Some("create-once")).await;
    assert_eq!(first.data()["card_id"], second.data()["card_id"]);
    assert_eq!(first.data()["order_id"], second.data()["order_id"]);
    assert_eq!(sbx.balance(&t).await, "70.00");
}

#[tokio::test]
async fn tenants_are_isolated() {
    let sbx = sandbox().await;
    let a = sbx.new_tenant("10.00").await;
    let b = sbx.new_tenant("20.00").await;
    let card = sbx.create_card(&a, "frank", "5").await;
    sbx.call(
        &b,
        TOPUP,
        json!({ "card_id": card, "amount": "1" }),
        Some("x"),
    )
    .await
    .assert_slug(404, "card_not_found");
    assert_eq!(sbx.balance(&a).await, "5.00");
    assert_eq!(sbx.balance(&b).await, "20.00");
    // The default tenant starts at the configured $10,000.00.
    assert_eq!(sbx.balance(&sbx.default_tenant()).await, "10000.00");
}
