//! Stored-value cards: issue, delete, info, the seeded test cards, card
//! number / track two rules, form bodies, auth, BIN lookup and the headers
//! every `/v2` answer carries.

mod support;

use reqwest::Method;
use serde_json::json;
use support::stored_value::{
    bearer, fresh_card, is_iso_millis, Body, Sv, CARD_A, SVS_CARD, TCC_CARD,
};

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

#[tokio::test]
async fn form_bodies_like_the_spec_curl_examples() {
    let sbx = Sv::start().await;
    let m = sbx.merchant().await;
    let number = fresh_card();
    let form =
        format!("cardNumber={number}&amount=99.99&idempotencyKey=7c62e63ab7fb6d10166b70945dc48b52");
    let created = sbx
        .send(Method::POST, CREATE, &m, Body::Form(form.clone()))
        .await;
    assert_eq!(created.ok()["amount"], json!("99.99"));
    // The same form again replays the first answer.
    let again = sbx.send(Method::POST, CREATE, &m, Body::Form(form)).await;
    assert_eq!(again.ok(), created.ok());
    let info = sbx
        .send(
            Method::POST,
            INFO,
            &m,
            Body::Form(format!("cardNumber={number}&currency=USD")),
        )
        .await;
    assert_eq!(info.ok()["amount"], json!("99.99"));
    let track = sbx
        .send(
            Method::POST,
            INFO,
            &m,
            Body::Form(format!("cardTrackTwo=%3B{number}%3D2512101%3F")),
        )
        .await;
    assert_eq!(track.ok()["cardNumber"], json!(number));
    let reload = sbx
        .send(
            Method::POST,
            "/v2/transactions",
            &m,
            Body::Form(format!(
                "type=GIFT&method=reload&amount=10&currency=USD&cardNumber={number}"
            )),
        )
        .await;
    assert_eq!(reload.ok()["amount"], json!("10.00"));
    // Without a content type, a form-looking body is read as a form.
    let untyped = sbx
        .send(
            Method::POST,
            INFO,
            &m,
            Body::Raw("text/plain", format!("cardNumber={number}")),
        )
        .await;
    assert_eq!(untyped.ok()["amount"], json!("109.99"));
    // Unreadable bodies.
    for (content_type, text) in [
        ("application/json", "{not json"),
        ("application/json", "[1,2]"),
        ("text/plain", "nonsense"),
    ] {
        sbx.send(
            Method::POST,
            INFO,
            &m,
            Body::Raw(content_type, text.to_owned()),
        )
        .await
        .assert_error(
            400,
            "BadRequest",
            "bad-request",
            "Request body must be a JSON object or form fields",
        );
    }
}

#[tokio::test]
async fn auth_is_bearer_base64() {
    let sbx = Sv::start().await;
    let m = sbx.merchant().await;
    let body = || Body::Json(json!({ "cardNumber": CARD_A }));
    for authorization in [
        None,
        Some("Bearer".to_owned()),
        Some(format!("Bearer {}", m.api_key)),
        Some(format!(
            "Basic {}",
            bearer(&m.api_key).trim_start_matches("Bearer ")
        )),
        Some(bearer("sbx_sv_unknown")),
        Some("Bearer !!!".to_owned()),
    ] {
        let reply = sbx
            .send_raw(Method::POST, INFO, authorization.as_deref(), body())
            .await;
        reply.assert_unauthenticated();
    }
    // Unknown routes and methods are hidden behind auth too.
    sbx.send_raw(Method::GET, "/v2/nowhere", None, Body::None)
        .await
        .assert_unauthenticated();
    sbx.send_raw(Method::GET, "/v2/transactions", None, Body::None)
        .await
        .assert_unauthenticated();
    // Case-insensitive scheme, unpadded base64.
    let unpadded = bearer(&m.api_key)
        .trim_end_matches('=')
        .replace("Bearer", "bearer");
    let reply = sbx
        .send_raw(Method::POST, INFO, Some(&unpadded), body())
        .await;
    assert_eq!(reply.ok()["amount"], json!("100.00"));
    // Nothing above counted for the tenant except the last request.
    assert_eq!(sbx.stats(&m).await["requests"], json!(1));

    let authorized = sbx.get(&m, "/v2/nowhere").await;
    authorized.assert_error(404, "NotFound", "not-found", "Page not found");
    let wrong_method = sbx
        .send(Method::PUT, "/v2/transactions", &m, Body::None)
        .await;
    wrong_method.assert_error(
        405,
        "MethodNotAllowed",
        "method-not-allowed",
        "Method PUT is not supported by this endpoint.",
    );
}

#[tokio::test]
async fn bin_lookup_table() {
    let sbx = Sv::start().await;
    let m = sbx.merchant().await;
    let expected = json!({
        "Bin": "411111",
        "IssuingBank": "Bank Name",
        "Country": "USA",
        "CardBrand": "Visa",
        "CardType": "Credit",
        "CardDetail": "True credit (No PIN/Signature capability).",
        "DebitNetwork": "ACCEL FISERV – Pinned POS",
        "DebitSignatureNetworkParticipant": "",
        "FSA": "No",
        "PrepaidIndicator": "No",
        "ProductID": "Visa Classic",
        "RegulatorIndicator": "N",
        "CardClass": "Consumer"
    });
    // Without auth, and with auth (counted for the tenant).
    let anonymous = sbx
        .send_raw(Method::GET, "/v2/bin-lookup/411111", None, Body::None)
        .await;
    assert_eq!(anonymous.ok(), &expected);
    let bad_auth = sbx
        .send_raw(
            Method::GET,
            "/v2/bin-lookup/411111",
            Some("Bearer nope"),
            Body::None,
        )
        .await;
    assert_eq!(bad_auth.ok(), &expected);
    assert_eq!(sbx.get(&m, "/v2/bin-lookup/41111111").await.ok(), &expected);
    assert_eq!(sbx.stats(&m).await["requests"], json!(1));

    for (bin, brand, card_type) in [
        ("400005", "Visa", "Debit"),
        ("555555", "MasterCard", "Credit"),
        ("520082", "MasterCard", "Debit"),
        ("378282", "American Express", "Credit"),
        ("601111", "Discover", "Credit"),
        ("400056", "Visa", "Debit"),
    ] {
        let reply = sbx.get(&m, &format!("/v2/bin-lookup/{bin}")).await;
        let body = reply.ok();
        assert_eq!(body.as_object().map(|o| o.len()), Some(13), "{body}");
        assert_eq!(
            (
                &body["Bin"],
                &body["CardBrand"],
                &body["CardType"],
                &body["Country"]
            ),
            (&json!(bin), &json!(brand), &json!(card_type), &json!("USA")),
        );
        for field in [
            "IssuingBank",
            "CardDetail",
            "FSA",
            "PrepaidIndicator",
            "ProductID",
            "CardClass",
        ] {
            assert!(
                body[field].as_str().is_some_and(|v| !v.is_empty()),
                "{bin} {field}"
            );
        }
    }
    for bad in [
        "99999999",
        "41111",
        "411111111",
        "41111a",
        "%34%31%31%31%31",
    ] {
        sbx.get(&m, &format!("/v2/bin-lookup/{bad}"))
            .await
            .assert_error(404, "NotFound", "not-found", "BIN not found");
    }
}

#[tokio::test]
async fn responses_carry_request_id_date_and_cors() {
    let sbx = Sv::start().await;
    let m = sbx.merchant().await;
    let ok = sbx.post(&m, INFO, json!({ "cardNumber": CARD_A })).await;
    let error = sbx.post(&m, INFO, json!({})).await;
    let unauthenticated = sbx
        .send_raw(Method::GET, "/v2/transactions", None, Body::None)
        .await;
    let mut ids = Vec::new();
    for reply in [&ok, &error, &unauthenticated] {
        let id = reply
            .header("x-request-id")
            .expect("X-Request-Id")
            .to_owned();
        assert!(id.starts_with("req_") && id.len() == 20, "{id}");
        let date = reply.header("date").expect("Date");
        assert!(httpdate::parse_http_date(date).is_ok(), "{date}");
        assert_eq!(reply.header("content-type"), Some("application/json"));
        ids.push(id);
    }
    ids.dedup();
    assert_eq!(ids.len(), 3);

    let preflight = sbx
        .http
        .request(Method::OPTIONS, sbx.url("/v2/transactions"))
        .header("Origin", "http://localhost:5173")
        .header("Access-Control-Request-Method", "POST")
        .header(
            "Access-Control-Request-Headers",
            "authorization,content-type",
        )
        .send()
        .await
        .expect("preflight");
    assert!(preflight.status().is_success(), "{}", preflight.status());
    let allowed = preflight
        .headers()
        .get("access-control-allow-headers")
        .and_then(|v| v.to_str().ok())
        .unwrap_or_default()
        .to_ascii_lowercase();
    assert!(allowed.contains("authorization"), "{allowed}");
    // A preflight is answered by CORS, not counted as an API request.
    assert_eq!(sbx.stats(&m).await["requests"], json!(2));
}
