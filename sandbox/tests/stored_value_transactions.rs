//! Gift transactions: reload, redemption (full and partial), cancel,
//! the transaction object, every `POST /v2/transactions` error code and
//! idempotent replays.

mod support;

use serde_json::{json, Value};
use support::stored_value::{fresh_card, is_iso_millis, is_ulid, Sv, CARD_A, CARD_B, CARD_C};

const CARD_REQUIRED: (&str, &str) = ("100", "Card number or Track Two required");

#[tokio::test]
async fn reload_adds_and_answers_the_spec_shape() {
    let sbx = Sv::start().await;
    let m = sbx.merchant().await;
    let reply = sbx
        .transaction(
            &m,
            json!({ "method": "reload", "cardNumber": CARD_A, "amount": 10, "currency": "USD" }),
        )
        .await;
    let body = reply.ok().clone();
    let transaction_id = body["transactionId"]
        .as_str()
        .expect("transactionId")
        .to_owned();
    assert!(is_ulid(&transaction_id, "TXN_"), "{transaction_id}");
    let created_at = body["createdAt"].as_str().expect("createdAt").to_owned();
    assert!(is_iso_millis(&created_at), "{created_at}");
    assert_eq!(
        body,
        json!({
            "merchantId": m.merchant_id,
            "cardNumber": CARD_A,
            "amount": "10.00",
            "currency": "USD",
            "status": "01",
            "statusDescription": "Approval",
            "createdAt": created_at,
            "transactionType": "reload",
            "transactionId": transaction_id,
        })
    );
    assert_eq!(sbx.balance(&m, CARD_A).await, "110.00");
    // CAD is accepted (no conversion), and the currency is echoed.
    let cad = sbx
        .transaction(
            &m,
            json!({ "method": "reload", "cardNumber": CARD_A, "amount": "0.05", "currency": "CAD" }),
        )
        .await;
    assert_eq!(
        (&cad.ok()["currency"], &cad.ok()["amount"]),
        (&json!("CAD"), &json!("0.05"))
    );
    assert_eq!(sbx.balance(&m, CARD_A).await, "110.05");
    let stats = sbx.stats(&m).await;
    assert_eq!(stats["transactions"], json!(2));
    assert_eq!(stats["cards"][CARD_A], json!("110.05"));
}

#[tokio::test]
async fn redemption_full_partial_and_empty() {
    let sbx = Sv::start().await;
    let m = sbx.merchant().await;
    let within = sbx.redeem(&m, CARD_B, "30.25").await;
    assert_eq!(
        (&within["status"], &within["amount"]),
        (&json!("01"), &json!("30.25"))
    );
    assert_eq!(within["transactionType"], json!("redemption"));
    assert!(within.get("customerPayment").is_none(), "{within}");
    assert_eq!(sbx.balance(&m, CARD_B).await, "69.75");

    // More than the balance: the whole balance is redeemed, the rest is
    // left to another payment.
    let partial = sbx.redeem(&m, CARD_B, "100.00").await;
    assert_eq!(partial["status"], json!("109"));
    assert_eq!(
        partial["statusDescription"],
        json!("Additional payment required to complete transaction")
    );
    assert_eq!(partial["amount"], json!("69.75"));
    assert_eq!(partial["customerPayment"], json!("30.25"));
    assert_eq!(partial["cardNumber"], json!(CARD_B));
    assert_eq!(sbx.balance(&m, CARD_B).await, "0.00");

    // Balance 0: 05.
    sbx.transaction(
        &m,
        json!({ "method": "redemption", "cardNumber": CARD_B, "amount": "1" }),
    )
    .await
    .assert_unprocessable("05", "Insufficient Funds");
    // Exactly the balance is an approval.
    let exact = sbx.redeem(&m, CARD_C, "100").await;
    assert_eq!(
        (&exact["status"], &exact["amount"]),
        (&json!("01"), &json!("100.00"))
    );
    assert_eq!(sbx.balance(&m, CARD_C).await, "0.00");
    assert_eq!(sbx.stats(&m).await["transactions"], json!(3));
}

#[tokio::test]
async fn cancel_restores_a_partial_redemption_and_takes_back_a_reload() {
    let sbx = Sv::start().await;
    let m = sbx.merchant().await;
    sbx.redeem(&m, CARD_C, "40.00").await;
    let partial = sbx.redeem(&m, CARD_C, "100.00").await;
    assert_eq!(
        (&partial["amount"], &partial["customerPayment"]),
        (&json!("60.00"), &json!("40.00"))
    );
    assert_eq!(sbx.balance(&m, CARD_C).await, "0.00");

    let cancel = sbx
        .transaction(
            &m,
            json!({ "method": "cancel", "transactionId": partial["transactionId"], "amount": "60" }),
        )
        .await;
    let body = cancel.ok().clone();
    let id = body["transactionId"]
        .as_str()
        .expect("transactionId")
        .to_owned();
    assert!(
        is_ulid(&id, "TXN_") && id != partial["transactionId"],
        "{id}"
    );
    assert_eq!(
        body,
        json!({
            "merchantId": m.merchant_id,
            "amount": "60.00",
            "currency": "USD",
            "status": "107",
            "statusDescription": "Cancelled",
            "createdAt": body["createdAt"],
            "transactionType": "cancel",
            "transactionId": id,
        })
    );
    assert!(is_iso_millis(
        body["createdAt"].as_str().unwrap_or_default()
    ));
    assert_eq!(sbx.balance(&m, CARD_C).await, "60.00");

    let reload = sbx.reload(&m, CARD_C, "15.00").await;
    assert_eq!(sbx.balance(&m, CARD_C).await, "75.00");
    let cancel = sbx
        .transaction(
            &m,
            json!({ "method": "cancel", "transactionId": reload["transactionId"], "amount": 15 }),
        )
        .await;
    assert_eq!(cancel.ok()["status"], json!("107"));
    assert_eq!(sbx.balance(&m, CARD_C).await, "60.00");
    let stats = sbx.stats(&m).await;
    assert_eq!(
        (&stats["transactions"], &stats["cards"][CARD_C]),
        (&json!(5), &json!("60.00"))
    );
}

#[tokio::test]
async fn cancel_errors() {
    let sbx = Sv::start().await;
    let m = sbx.merchant().await;
    let redeemed = sbx.redeem(&m, CARD_A, "20.00").await;
    let id = redeemed["transactionId"].clone();
    let cancel =
        |amount: Value| json!({ "method": "cancel", "transactionId": id, "amount": amount });
    sbx.transaction(&m, cancel(json!("19.99")))
        .await
        .assert_unprocessable("12", "Invalid Authorization Number");
    sbx.transaction(&m, json!({ "method": "cancel", "transactionId": id }))
        .await
        .assert_unprocessable("105", "Amount required");
    sbx.transaction(&m, cancel(json!("2.001")))
        .await
        .assert_unprocessable("07", "Invalid Message");
    assert_eq!(
        sbx.balance(&m, CARD_A).await,
        "80.00",
        "failed cancels change nothing"
    );
    let done = sbx.transaction(&m, cancel(json!("20.00"))).await;
    assert_eq!(done.ok()["status"], json!("107"));
    assert_eq!(sbx.balance(&m, CARD_A).await, "100.00");
    sbx.transaction(&m, cancel(json!("20.00")))
        .await
        .assert_unprocessable("107", "Transaction cancelled");
    assert_eq!(
        sbx.balance(&m, CARD_A).await,
        "100.00",
        "not restored twice"
    );
    for body in [
        json!({ "method": "cancel", "transactionId": "TXN_01ARZ3NDEKTSV4RRFFQ69G5FAV", "amount": "1.00" }),
        json!({ "method": "cancel", "amount": "1.00" }),
        // A cancel cannot itself be cancelled.
        json!({ "method": "cancel", "transactionId": done.ok()["transactionId"], "amount": "20.00" }),
    ] {
        sbx.transaction(&m, body)
            .await
            .assert_unprocessable("108", "Transaction not found");
    }
    // Another merchant cannot cancel it.
    let other = sbx.merchant().await;
    sbx.transaction(&other, cancel(json!("20.00")))
        .await
        .assert_unprocessable("108", "Transaction not found");
    // Taking back a reload whose value was spent: 05.
    let reload = sbx.reload(&m, CARD_B, "50").await;
    sbx.redeem(&m, CARD_B, "120").await;
    sbx.transaction(
        &m,
        json!({ "method": "cancel", "transactionId": reload["transactionId"], "amount": "50" }),
    )
    .await
    .assert_unprocessable("05", "Insufficient Funds");
}

#[tokio::test]
async fn transaction_errors() {
    let sbx = Sv::start().await;
    let m = sbx.merchant().await;
    let reload = |extra: Value| {
        let mut body =
            json!({ "type": "GIFT", "method": "reload", "cardNumber": CARD_A, "amount": "1" });
        if let (Some(body), Some(extra)) = (body.as_object_mut(), extra.as_object()) {
            for (name, value) in extra {
                if value.is_null() {
                    body.remove(name);
                } else {
                    body.insert(name.clone(), value.clone());
                }
            }
        }
        body
    };
    let cases = [
        (reload(json!({ "type": null })), ("104", "Type required")),
        (
            reload(json!({ "type": "CREDIT" })),
            ("26", "Transaction Type Unknown"),
        ),
        (
            reload(json!({ "type": "gift" })),
            ("26", "Transaction Type Unknown"),
        ),
        (
            reload(json!({ "method": "refund" })),
            ("26", "Transaction Type Unknown"),
        ),
        (
            reload(json!({ "method": null })),
            ("26", "Transaction Type Unknown"),
        ),
        (
            reload(json!({ "currency": "EUR" })),
            ("31", "Invalid currency code"),
        ),
        (
            reload(json!({ "currency": "usd" })),
            ("31", "Invalid currency code"),
        ),
        (reload(json!({ "cardNumber": null })), CARD_REQUIRED),
        (
            reload(json!({ "cardTrackTwo": format!(";{CARD_A}=2512") })),
            CARD_REQUIRED,
        ),
        (
            reload(json!({ "amount": null })),
            ("105", "Amount required"),
        ),
        (
            reload(json!({ "amount": "1.234" })),
            ("07", "Invalid Message"),
        ),
        (
            reload(json!({ "amount": "0.00" })),
            ("07", "Invalid Message"),
        ),
        (
            reload(json!({ "amount": "1e2" })),
            ("07", "Invalid Message"),
        ),
        (
            reload(json!({ "pinNumber": "1234567" })),
            ("20", "Invalid PIN Number or PIN Locked"),
        ),
        (
            reload(json!({ "pinNumber": "123456789" })),
            ("20", "Invalid PIN Number or PIN Locked"),
        ),
        (
            reload(json!({ "cardNumber": fresh_card() })),
            ("103", "Gift card not found"),
        ),
        (
            reload(json!({ "method": "redemption", "cardNumber": fresh_card() })),
            ("103", "Gift card not found"),
        ),
        (
            reload(json!({ "method": "redemption", "pinNumber": "12" })),
            ("20", "Invalid PIN Number or PIN Locked"),
        ),
        (
            reload(json!({ "amount": "92233720368547758.00" })),
            ("14", "Maximum Working Balance Exceeded"),
        ),
    ];
    for (body, (code, description)) in cases {
        let reply = sbx.post(&m, "/v2/transactions", body.clone()).await;
        assert_eq!(reply.status, 422, "{body} -> {}", reply.body);
        reply.assert_unprocessable(code, description);
    }
    let stats = sbx.stats(&m).await;
    assert_eq!(stats["transactions"], json!(0), "{stats}");
    assert_eq!(stats["cards"][CARD_A], json!("100.00"));
    // A valid PIN is accepted.
    let ok = sbx
        .post(
            &m,
            "/v2/transactions",
            reload(json!({ "pinNumber": "00120007" })),
        )
        .await;
    assert_eq!(ok.ok()["status"], json!("01"));
}

#[tokio::test]
async fn transaction_objects_by_either_id() {
    let sbx = Sv::start().await;
    let m = sbx.merchant().await;
    let reload = sbx.reload(&m, CARD_A, "5").await;
    let partial = sbx.redeem(&m, CARD_B, "100.50").await;
    let listed = sbx.list(&m, "").await;
    let data = listed["data"].as_array().expect("data");
    assert_eq!(data.len(), 2);
    let first = data[0].clone();
    let id = first["id"].as_str().expect("id").to_owned();
    assert!(is_ulid(&id, "GCT_"), "{id}");
    let auth_code = first["authCode"].as_str().expect("authCode").to_owned();
    assert!(auth_code.len() == 4 && auth_code.bytes().all(|b| b.is_ascii_digit()));
    assert_eq!(
        first,
        json!({
            "id": id,
            "transactionType": "reload",
            "cardNumber": CARD_A,
            "amount": 5,
            "merchantId": m.merchant_id,
            "tranDate": reload["createdAt"],
            "ipAddress": "127.0.0.1",
            "amountOriginal": 5,
            "status": "01",
            "statusMessage": "Approval",
            "authCode": auth_code,
            "transId": reload["transactionId"],
            "updatedAt": reload["createdAt"],
            "createdAt": reload["createdAt"],
            "currency": "USD",
        })
    );
    assert_eq!(
        sbx.get(&m, &format!("/v2/transactions/{id}")).await.ok(),
        &first
    );
    let by_trans_id = sbx
        .get(
            &m,
            &format!(
                "/v2/transactions/{}",
                reload["transactionId"].as_str().unwrap_or_default()
            ),
        )
        .await;
    assert_eq!(by_trans_id.ok(), &first);

    let second = &data[1];
    assert_eq!(second["transId"], partial["transactionId"]);
    assert_eq!(
        (&second["status"], &second["statusMessage"]),
        (&json!("109"), &partial["statusDescription"])
    );
    assert_eq!(second["amount"], json!(100), "what was redeemed");
    assert_eq!(second["amountOriginal"], json!(100.5), "what was asked");
    assert_eq!(second["customerPayment"], json!("0.50"));

    let not_found = json!({
        "name": "NotFound", "message": "Transaction not found", "code": 404, "className": "not-found",
        "data": { "statusCode": "108", "statusDescription": "Transaction not found" }, "errors": {}
    });
    for unknown in ["GCT_01BSV680614QDGSNA9GEKKBQ9M", "nope"] {
        let reply = sbx.get(&m, &format!("/v2/transactions/{unknown}")).await;
        assert_eq!((reply.status, &reply.body), (404, &not_found));
    }
    let other = sbx.merchant().await;
    let reply = sbx.get(&other, &format!("/v2/transactions/{id}")).await;
    assert_eq!((reply.status, &reply.body), (404, &not_found));
}

#[tokio::test]
async fn idempotent_replay_applies_once() {
    let sbx = Sv::start().await;
    let m = sbx.merchant().await;
    let body = json!({ "method": "reload", "cardNumber": CARD_A, "amount": "10.00", "idempotencyKey": "k-1" });
    let first = sbx.transaction(&m, body.clone()).await;
    let second = sbx.transaction(&m, body.clone()).await;
    assert_eq!(second.ok(), first.ok(), "the replay is the first answer");
    assert_eq!(sbx.balance(&m, CARD_A).await, "110.00", "reloaded once");
    assert_eq!(sbx.stats(&m).await["transactions"], json!(1));
    // Same key, different body (another amount, or another endpoint): 07.
    let mut changed = body.clone();
    changed["amount"] = json!("11.00");
    sbx.transaction(&m, changed)
        .await
        .assert_unprocessable("07", "Invalid Message");
    sbx.post(
        &m,
        "/v2/stored-value",
        json!({ "cardNumber": fresh_card(), "amount": "1", "idempotencyKey": "k-1" }),
    )
    .await
    .assert_unprocessable("07", "Invalid Message");
    // A JSON number and its text (as a form would send it) are the same body.
    let numeric =
        json!({ "method": "reload", "cardNumber": CARD_B, "amount": 2, "idempotencyKey": "k-n" });
    let textual =
        json!({ "method": "reload", "cardNumber": CARD_B, "amount": "2", "idempotencyKey": "k-n" });
    let n1 = sbx.transaction(&m, numeric).await;
    assert_eq!(sbx.transaction(&m, textual).await.ok(), n1.ok());
    assert_eq!(sbx.balance(&m, CARD_B).await, "102.00");
    // Errors are replayed too: the card is still not issued on retry.
    let missing = fresh_card();
    let failing = json!({ "method": "reload", "cardNumber": missing, "amount": "1", "idempotencyKey": "k-2" });
    sbx.transaction(&m, failing.clone())
        .await
        .assert_unprocessable("103", "Gift card not found");
    sbx.post(
        &m,
        "/v2/stored-value",
        json!({ "cardNumber": missing, "amount": "5" }),
    )
    .await
    .ok();
    sbx.transaction(&m, failing)
        .await
        .assert_unprocessable("103", "Gift card not found");
    assert_eq!(sbx.balance(&m, &missing).await, "5.00");
    // Keys are per tenant.
    let other = sbx.merchant().await;
    let theirs = sbx.transaction(&other, body).await;
    assert_ne!(theirs.ok()["transactionId"], first.ok()["transactionId"]);
    assert_eq!(sbx.balance(&other, CARD_A).await, "110.00");
    // Cancels replay their answer rather than "already cancelled".
    let redeemed = sbx.redeem(&m, CARD_C, "7").await;
    let cancel = json!({ "method": "cancel", "transactionId": redeemed["transactionId"], "amount": "7", "idempotencyKey": "k-3" });
    let once = sbx.transaction(&m, cancel.clone()).await;
    assert_eq!(sbx.transaction(&m, cancel).await.ok(), once.ok());
    assert_eq!(sbx.balance(&m, CARD_C).await, "100.00");
    // Card creation replays without 21.
    let number = fresh_card();
    let create = json!({ "cardNumber": number, "amount": "3", "idempotencyKey": "k-4" });
    let created = sbx.post(&m, "/v2/stored-value", create.clone()).await;
    assert_eq!(
        sbx.post(&m, "/v2/stored-value", create).await.ok(),
        created.ok()
    );
}
