//! Stored-value cards: issue, delete, info, the seeded test cards, and the
//! card number / track two and amount rules. How `/v2` is spoken (form
//! bodies, auth, BIN lookup, the headers of every answer) is in
//! `stored_value_http.rs`.

mod support;

use serde_json::json;
use support::stored_value::{fresh_card, is_iso_millis, Sv, CARD_A, SVS_CARD, TCC_CARD};

const CREATE: &str = "/v2/stored-value";
const INFO: &str = "/v2/stored-value/info";

/// Every documented test card (generic, SVS, TCC).
const TEST_CARDS: [&str; 24] = [
    "4242424242424242",
    "4012888888881881",
    "4000056655665556",
    "5555555555554444",
    "5200828282828210",
    "5105105105105100",
    "378282246310005",
    "371449635398431",
    "6011111111111117",
    "6011000990139424",
    "30569309025904",
    "38520000023237",
    "3530111333300000",
    "3566002020360505",
    "6006493880499919454",
    "2063025100129939",
    "2063025100208604",
    "2063025100319447",
    "2063025100489025",
    "2063025100553531",
    "2063025100624857",
    "2063025100793656",
    "2063025100806258",
    "2063025100999300",
];

#[tokio::test]
async fn every_tenant_starts_with_all_test_cards() {
    let sbx = Sv::start().await;
    let merchant = sbx.merchant().await;
    let stats = sbx.stats(&merchant).await;
    let cards = stats["cards"].as_object().expect("cards object");
    assert_eq!(cards.len(), TEST_CARDS.len(), "{stats}");
    for number in TEST_CARDS {
        assert_eq!(cards.get(number), Some(&json!("100.00")), "{number}");
    }
    assert_eq!(
        (stats["requests"].clone(), stats["transactions"].clone()),
        (json!(0), json!(0))
    );
    for number in [CARD_A, SVS_CARD, TCC_CARD] {
        let info = sbx
            .post(
                &merchant,
                INFO,
                json!({ "cardNumber": number, "currency": "USD" }),
            )
            .await;
        let body = info.ok();
        assert_eq!(body["merchantId"], json!(merchant.merchant_id));
        assert_eq!(body["cardNumber"], json!(number));
        assert_eq!(body["amount"], json!("100.00"));
        assert_eq!(body["currency"], json!("USD"));
        assert_eq!(body["cardStatus"], json!("Active"));
        assert!(
            is_iso_millis(body["createdAt"].as_str().unwrap_or_default()),
            "{body}"
        );
        assert_eq!(body.as_object().map(|o| o.len()), Some(6), "{body}");
    }
    // The default merchant from Config is a tenant too, with the spec's id.
    let default = sbx.default_merchant();
    let info = sbx
        .post(&default, INFO, json!({ "cardNumber": CARD_A }))
        .await;
    assert_eq!(info.ok()["merchantId"], json!("12345678954"));
}

#[tokio::test]
async fn create_then_info_then_delete() {
    let sbx = Sv::start().await;
    let merchant = sbx.merchant().await;
    let number = fresh_card();
    let created = sbx
        .post(
            &merchant,
            CREATE,
            json!({ "cardNumber": number, "amount": "99.99" }),
        )
        .await;
    let body = created.ok().clone();
    assert_eq!(body["amount"], json!("99.99"));
    assert_eq!(body["cardNumber"], json!(number));
    assert_eq!(body["merchantId"], json!(merchant.merchant_id));
    assert_eq!(body["merchantName"], json!("Awesome Hardware"));
    let created_at = body["createdAt"].as_str().expect("createdAt").to_owned();
    assert!(is_iso_millis(&created_at), "{created_at}");
    assert_eq!(body.as_object().map(|o| o.len()), Some(5), "{body}");
    assert_eq!(sbx.balance(&merchant, &number).await, "99.99");
    assert_eq!(sbx.stats(&merchant).await["cards"][&number], json!("99.99"));

    // Issuing it again: 21.
    sbx.post(
        &merchant,
        CREATE,
        json!({ "cardNumber": number, "amount": "1" }),
    )
    .await
    .assert_unprocessable("21", "Card Already Issued");
    // Another merchant does not see it.
    let other = sbx.merchant().await;
    sbx.post(&other, INFO, json!({ "cardNumber": number }))
        .await
        .assert_unprocessable("103", "Gift card not found");

    let deleted = sbx.delete(&merchant, &format!("{CREATE}/{number}")).await;
    assert_eq!(
        deleted.ok(),
        &json!({
            "cardNumber": number,
            "amount": "99.99",
            "merchantName": "Awesome Hardware",
            "merchantId": merchant.merchant_id,
            "createdAt": created_at,
        })
    );
    sbx.delete(&merchant, &format!("{CREATE}/{number}"))
        .await
        .assert_unprocessable("103", "Gift card not found");
    sbx.post(&merchant, INFO, json!({ "cardNumber": number }))
        .await
        .assert_unprocessable("103", "Gift card not found");
    let stats = sbx.stats(&merchant).await;
    assert!(stats["cards"].get(&number).is_none(), "{stats}");

    // A deleted test card can be issued again.
    sbx.delete(&merchant, &format!("{CREATE}/{CARD_A}"))
        .await
        .ok();
    sbx.post(
        &merchant,
        CREATE,
        json!({ "cardNumber": CARD_A, "amount": 5 }),
    )
    .await
    .ok();
    assert_eq!(sbx.balance(&merchant, CARD_A).await, "5.00");
}

#[tokio::test]
async fn track_two_everywhere() {
    let sbx = Sv::start().await;
    let merchant = sbx.merchant().await;
    let number = fresh_card();
    let track = format!(";{number}=2512101?");
    let created = sbx
        .post(
            &merchant,
            CREATE,
            json!({ "cardTrackTwo": track, "amount": "10.5" }),
        )
        .await;
    assert_eq!(created.ok()["cardNumber"], json!(number));
    assert_eq!(created.ok()["amount"], json!("10.50"));
    let info = sbx
        .post(&merchant, INFO, json!({ "cardTrackTwo": track }))
        .await;
    assert_eq!(info.ok()["amount"], json!("10.50"));
    let reload = sbx
        .transaction(
            &merchant,
            json!({ "method": "reload", "cardTrackTwo": format!("{number}=99"), "amount": "1" }),
        )
        .await;
    assert_eq!(reload.ok()["cardNumber"], json!(number));
    // DELETE with the track data percent-encoded in the path.
    let encoded = track
        .replace(';', "%3B")
        .replace('=', "%3D")
        .replace('?', "%3F");
    let deleted = sbx.delete(&merchant, &format!("{CREATE}/{encoded}")).await;
    assert_eq!(deleted.ok()["cardNumber"], json!(number));
    assert_eq!(deleted.ok()["amount"], json!("11.50"));

    for bad in [
        "4242424242424242",
        ";=1",
        ";42a2=1?",
        ";12345678901234567890=1",
    ] {
        sbx.post(&merchant, INFO, json!({ "cardTrackTwo": bad }))
            .await
            .assert_unprocessable("100", "Card number or Track Two required");
    }
    sbx.delete(&merchant, &format!("{CREATE}/%3B%3D1"))
        .await
        .assert_unprocessable("100", "Card number or Track Two required");
}

#[tokio::test]
async fn card_and_amount_errors() {
    let sbx = Sv::start().await;
    let m = sbx.merchant().await;
    let no_card = ("100", "Card number or Track Two required");
    let number = fresh_card();
    for (body, (code, description)) in [
        (json!({ "amount": "1.00" }), no_card),
        (json!({ "cardNumber": "", "amount": "1.00" }), no_card),
        (
            json!({ "cardNumber": number, "cardTrackTwo": format!(";{number}=1"), "amount": "1" }),
            no_card,
        ),
        (json!({ "cardNumber": "42-42", "amount": "1" }), no_card),
        (json!({ "cardNumber": number }), ("105", "Amount required")),
        (
            json!({ "cardNumber": number, "amount": "" }),
            ("105", "Amount required"),
        ),
        (
            json!({ "cardNumber": number, "amount": null }),
            ("105", "Amount required"),
        ),
        (
            json!({ "cardNumber": number, "amount": "0" }),
            ("07", "Invalid Message"),
        ),
        (
            json!({ "cardNumber": number, "amount": "-1.00" }),
            ("07", "Invalid Message"),
        ),
        (
            json!({ "cardNumber": number, "amount": "1.005" }),
            ("07", "Invalid Message"),
        ),
        (
            json!({ "cardNumber": number, "amount": "abc" }),
            ("07", "Invalid Message"),
        ),
        (
            json!({ "cardNumber": number, "amount": -2 }),
            ("07", "Invalid Message"),
        ),
        (
            json!({ "cardNumber": CARD_A, "amount": "1" }),
            ("21", "Card Already Issued"),
        ),
    ] {
        sbx.post(&m, CREATE, body)
            .await
            .assert_unprocessable(code, description);
    }
    for (body, (code, description)) in [
        (json!({}), no_card),
        (
            json!({ "cardNumber": CARD_A, "currency": "EUR" }),
            ("31", "Invalid currency code"),
        ),
        (
            json!({ "cardNumber": CARD_A, "pinNumber": "1234" }),
            ("20", "Invalid PIN Number or PIN Locked"),
        ),
        (
            json!({ "cardNumber": CARD_A, "pinNumber": "1234567a" }),
            ("20", "Invalid PIN Number or PIN Locked"),
        ),
        (
            json!({ "cardNumber": "123456789012" }),
            ("103", "Gift card not found"),
        ),
    ] {
        sbx.post(&m, INFO, body)
            .await
            .assert_unprocessable(code, description);
    }
    let info = sbx
        .post(
            &m,
            INFO,
            json!({ "cardNumber": CARD_A, "currency": "CAD", "pinNumber": "00120007" }),
        )
        .await;
    assert_eq!(info.ok()["amount"], json!("100.00"));
    // Nothing was issued by the failed calls.
    let stats = sbx.stats(&m).await;
    assert_eq!(
        stats["cards"].as_object().map(|c| c.len()),
        Some(24),
        "{stats}"
    );
}
