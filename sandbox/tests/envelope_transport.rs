//! Auth, envelope, timestamp and replay checks of `/api/v1` (the plain,
//! unencrypted errors), plus the headers every response carries.

mod support;

use serde_json::json;
use support::envelope::{now_us, sandbox, seal, seal_bytes};

const BALANCE: &str = "/api/v1/master/balance";

#[tokio::test]
async fn unknown_missing_and_no_access_keys() {
    let sbx = sandbox().await;
    let tenant = sbx.default_tenant();
    let body = json!({ "encrypted": seal(&tenant.key, &json!({ "request_timestamp": now_us() })) })
        .to_string();

    let reply = sbx
        .raw(BALANCE, Some("nope"), None, body.clone(), &tenant.key)
        .await;
    reply.assert_plain(404, "API key not found");
    let reply = sbx
        .raw(BALANCE, None, None, body.clone(), &tenant.key)
        .await;
    reply.assert_plain(404, "API key not found");
    let no_access = sbx.running.config.envelope_no_access_key.clone();
    let reply = sbx
        .raw(BALANCE, Some(&no_access), None, body, &tenant.key)
        .await;
    reply.assert_plain(403, "You do not have access to this API.");
}

#[tokio::test]
async fn missing_or_malformed_envelope() {
    let sbx = sandbox().await;
    let t = sbx.default_tenant();
    let key = Some(t.api_key.as_str());
    for body in [
        "not json",
        "",
        "{}",
        "[]",
        r#"{"encrypted": 5}"#,
        r#"{"other": "x"}"#,
    ] {
        let reply = sbx.raw(BALANCE, key, None, body.to_owned(), &t.key).await;
        reply.assert_plain(400, "Encrypted payload not found");
    }
    let wrong_key = [9u8; 32];
    let bad = [
        "!!!not base64!!!".to_owned(),
        "AAAA".to_owned(),
        seal(&wrong_key, &json!({ "request_timestamp": now_us() })),
        seal_bytes(&t.key, b"[1,2,3]"),
        seal_bytes(&t.key, b"not json at all"),
    ];
    for encrypted in bad {
        let body = json!({ "encrypted": encrypted }).to_string();
        let reply = sbx.raw(BALANCE, key, None, body, &t.key).await;
        reply.assert_plain(400, "Invalid encrypted payload format");
    }
}

#[tokio::test]
async fn timestamp_presence_format_and_window() {
    let sbx = sandbox().await;
    let t = sbx.default_tenant();
    sbx.send(&t, BALANCE, &json!({}), None)
        .await
        .assert_plain(400, "Request timestamp not found in encrypted payload");
    for bad in [
        json!("abc"),
        json!(1.5),
        json!(true),
        json!("-5"),
        json!({}),
    ] {
        sbx.send(&t, BALANCE, &json!({ "request_timestamp": bad }), None)
            .await
            .assert_plain(400, "Invalid timestamp format");
    }
    for off in [-31_000_000_i64, 31_000_000] {
        sbx.send(
            &t,
            BALANCE,
            &json!({ "request_timestamp": now_us() + off }),
            None,
        )
        .await
        .assert_plain(400, "Request timestamp outside allowed window");
    }
    // Inside the window, as an integer or as a digit string.
    let reply = sbx
        .send(
            &t,
            BALANCE,
            &json!({ "request_timestamp": now_us() - 25_000_000 }),
            None,
        )
        .await;
    assert_eq!(reply.data()["balance"], json!("10000.00"));
    let reply = sbx
        .send(
            &t,
            BALANCE,
            &json!({ "request_timestamp": now_us().to_string() }),
            None,
        )
        .await;
    assert_eq!(reply.data()["currency"], json!("USD"));
}

#[tokio::test]
async fn duplicate_timestamp_rejected_per_path() {
    let sbx = sandbox().await;
    let t = sbx.default_tenant();
    let ts = now_us();
    let payload = json!({ "request_timestamp": ts });
    sbx.send(&t, BALANCE, &payload, None).await.data();
    sbx.send(&t, BALANCE, &payload, None)
        .await
        .assert_plain(400, "Duplicate request detected");
    // Same timestamp as a string is the same request.
    sbx.send(
        &t,
        BALANCE,
        &json!({ "request_timestamp": ts.to_string() }),
        None,
    )
    .await
    .assert_plain(400, "Duplicate request detected");
    // Another path with the same timestamp is a different request.
    sbx.send(&t, "/api/v1/nowhere", &payload, None)
        .await
        .assert_slug(404, "invalid_request");
    // Another tenant with the same timestamp is unaffected.
    let other = sbx.new_tenant("1.00").await;
    sbx.send(&other, BALANCE, &payload, None).await.data();
}

#[tokio::test]
async fn unknown_endpoint_is_encrypted_404() {
    let sbx = sandbox().await;
    let t = sbx.default_tenant();
    let reply = sbx.call(&t, "/api/v1/cards/explode", json!({}), None).await;
    reply.assert_slug(404, "invalid_request");
}

#[tokio::test]
async fn every_response_has_request_id_and_date() {
    let sbx = sandbox().await;
    let t = sbx.default_tenant();
    let plain = sbx
        .raw(BALANCE, Some("nope"), None, "{}".into(), &t.key)
        .await;
    let encrypted = sbx.call(&t, BALANCE, json!({}), None).await;
    let admin = sbx
        .http
        .get(sbx.url("/__sandbox/health"))
        .send()
        .await
        .expect("health");
    let mut ids = Vec::new();
    for headers in [&plain.headers, &encrypted.headers, admin.headers()] {
        let id = headers
            .get("x-request-id")
            .and_then(|v| v.to_str().ok())
            .expect("X-Request-Id present")
            .to_owned();
        assert!(id.starts_with("req_") && id.len() == 20, "{id}");
        assert!(id[4..].bytes().all(|b| b.is_ascii_hexdigit()), "{id}");
        ids.push(id);
        let date = headers
            .get("date")
            .and_then(|v| v.to_str().ok())
            .expect("Date present");
        assert!(httpdate::parse_http_date(date).is_ok(), "{date}");
    }
    ids.sort();
    ids.dedup();
    assert_eq!(ids.len(), 3, "request ids must be unique");
    assert_eq!(encrypted.header("content-type"), Some("application/json"));
}
