//! Stored-value over HTTP: form bodies like the spec's curl examples,
//! bearer base64 auth, the BIN lookup table, and the request id, date and
//! CORS headers every `/v2` answer carries.

mod support;

use reqwest::Method;
use serde_json::json;
use support::stored_value::{bearer, fresh_card, Body, Sv, CARD_A};

const CREATE: &str = "/v2/stored-value";
const INFO: &str = "/v2/stored-value/info";

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
