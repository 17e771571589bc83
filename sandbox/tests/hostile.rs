//! Hostile servers (`/__sandbox/hostile/servers`): extra origins of the
//! same sandbox where rules answer badly on chosen paths.

mod support;

use std::time::{Duration, Instant};

use reqwest::StatusCode;
use serde_json::{json, Value};
use support::envelope::{key_from_b64, now_us, open, sandbox, seal, Sandbox, Tenant};

const SERVERS: &str = "/__sandbox/hostile/servers";
const MIB: u64 = 1024 * 1024;

/// A started hostile server.
struct Hostile {
    id: String,
    origin: String,
}

impl Hostile {
    fn url(&self, path: &str) -> String {
        format!("{}{}", self.origin, path)
    }
}

/// Starts a hostile server with `rules`, asserting success.
async fn hostile(sbx: &Sandbox, rules: Value) -> Hostile {
    let (status, body) = sbx.admin_post(SERVERS, json!({ "rules": rules })).await;
    assert_eq!(status, StatusCode::OK, "{body}");
    let origin = body["origin"].as_str().expect("origin").to_owned();
    assert!(origin.starts_with("http://127.0.0.1:"), "{origin}");
    assert_ne!(origin, sbx.running.url);
    Hostile {
        id: body["id"].as_str().expect("id").to_owned(),
        origin,
    }
}

/// `GET /__sandbox/hostile/servers/{id}`, asserting success.
async fn state(sbx: &Sandbox, server: &Hostile) -> Value {
    let (status, body) = sbx.admin_get(&format!("{SERVERS}/{}", server.id)).await;
    assert_eq!(status, StatusCode::OK, "{body}");
    assert_eq!(body["id"], json!(server.id));
    assert_eq!(body["origin"], json!(server.origin));
    body
}

/// `DELETE /__sandbox/hostile/servers/{id}`.
async fn delete(sbx: &Sandbox, id: &str) -> (StatusCode, Value) {
    let response = sbx
        .http
        .delete(sbx.url(&format!("{SERVERS}/{id}")))
        .send()
        .await
        .expect("delete request");
    let status = response.status();
    (status, response.json().await.expect("delete JSON"))
}

/// Status and JSON body of a GET.
async fn get_json(http: &reqwest::Client, url: &str) -> (StatusCode, Value) {
    let response = http.get(url).send().await.expect("request");
    let status = response.status();
    (status, response.json().await.expect("JSON body"))
}

/// A timestamped envelope call against `base`, decrypted.
async fn sealed_call(sbx: &Sandbox, base: &str, tenant: &Tenant, path: &str) -> Value {
    let payload = json!({ "request_timestamp": now_us() });
    let response = sbx
        .http
        .post(format!("{base}{path}"))
        .header("API-KEY", &tenant.api_key)
        .json(&json!({ "encrypted": seal(&tenant.key, &payload) }))
        .send()
        .await
        .expect("envelope request");
    assert_eq!(response.status(), StatusCode::OK);
    let body: Value = response.json().await.expect("envelope JSON");
    open(&tenant.key, body["encrypted"].as_str().expect("encrypted"))
}

#[tokio::test]
async fn redirect_rule_answers_and_records_the_request() {
    let sbx = sandbox().await;
    let server = hostile(
        &sbx,
        json!([{ "method": "post", "path": "/api/v1/cards/*", "status": 307,
                 "headers": { "location": "http://127.0.0.1:9/elsewhere", "X-Extra": "1" } }]),
    )
    .await;
    let http = reqwest::Client::builder()
        .redirect(reqwest::redirect::Policy::none())
        .build()
        .expect("client");
    let response = http
        .post(server.url("/api/v1/cards/topup?retry=1"))
        .header("X-Trace", "abc")
        .body("hello")
        .send()
        .await
        .expect("request");
    assert_eq!(response.status(), StatusCode::TEMPORARY_REDIRECT);
    let header = |name: &str| {
        response
            .headers()
            .get(name)
            .and_then(|value| value.to_str().ok())
            .map(str::to_owned)
    };
    assert_eq!(
        header("location").as_deref(),
        Some("http://127.0.0.1:9/elsewhere")
    );
    assert_eq!(header("x-extra").as_deref(), Some("1"));
    assert_eq!(header("content-length").as_deref(), Some("0"));
    assert_eq!(header("access-control-allow-origin").as_deref(), Some("*"));
    assert_eq!(response.text().await.expect("body"), "");

    let seen = state(&sbx, &server).await;
    let request = &seen["requests"][0];
    assert_eq!(request["method"], "POST");
    assert_eq!(request["path"], "/api/v1/cards/topup");
    assert_eq!(request["query"], "retry=1");
    assert_eq!(request["headers"]["x-trace"], "abc");
    assert_eq!(request["headers"]["content-length"], "5");
    assert_eq!(request["body"], "hello");
    assert_eq!(request["bodyLength"], 5);
    assert_eq!(request["rule"], 0);
    assert_eq!(
        seen["responses"],
        json!([{ "rule": 0, "bytesSent": 0, "finished": true }])
    );
}

#[tokio::test]
async fn unmatched_requests_reach_the_real_sandbox() {
    let sbx = sandbox().await;
    let server = hostile(&sbx, json!([{ "path": "/nothing-here" }])).await;
    for path in [
        "/__sandbox/health",
        "/no/such/route",
        "/__sandbox/envelope/stats?apiKey=nope",
    ] {
        let main = get_json(&sbx.http, &sbx.url(path)).await;
        let through = get_json(&sbx.http, &server.url(path)).await;
        assert_eq!(main, through, "{path}");
    }
    // Same state: a tenant made through the hostile origin works on the
    // main one, and the default tenant works through the hostile origin.
    let response = sbx
        .http
        .post(server.url("/__sandbox/envelope/tenants"))
        .json(&json!({ "masterBalance": "12.34" }))
        .send()
        .await
        .expect("tenant through the hostile origin");
    assert_eq!(response.status(), StatusCode::OK);
    let made: Value = response.json().await.expect("tenant JSON");
    let made = Tenant {
        api_key: made["apiKey"].as_str().expect("apiKey").to_owned(),
        key: key_from_b64(made["encryptionKey"].as_str().expect("encryptionKey")),
    };
    assert_eq!(sbx.balance(&made).await, "12.34");
    let tenant = sbx.default_tenant();
    let data = sealed_call(&sbx, &server.origin, &tenant, "/api/v1/master/balance").await;
    assert_eq!(data["data"]["balance"], "10000.00", "{data}");
    assert_eq!(sbx.balance(&tenant).await, "10000.00");
    assert_eq!(sbx.stats(&tenant).await["requests"], 2);

    let seen = state(&sbx, &server).await;
    let requests = seen["requests"].as_array().expect("requests");
    assert_eq!(requests.len(), 5);
    assert!(requests.iter().all(|request| request["rule"].is_null()));
    assert_eq!(requests[2]["query"], "apiKey=nope");
    assert_eq!(requests[3]["body"], r#"{"masterBalance":"12.34"}"#);
    assert_eq!(requests[4]["headers"]["api-key"], json!(tenant.api_key));
    assert_eq!(seen["responses"], json!([]));
}

#[tokio::test]
async fn count_exhausts_and_the_first_live_rule_wins() {
    let sbx = sandbox().await;
    let server = hostile(
        &sbx,
        json!([
            { "method": "GET", "path": "/__sandbox/health", "count": 2, "status": 503,
              "body": "{\"error\":\"busy\"}" },
            { "path": "/__sandbox/*", "count": 1, "status": 418 },
        ]),
    )
    .await;
    let health = server.url("/__sandbox/health");
    let busy = json!({ "error": "busy" });
    assert_eq!(
        get_json(&sbx.http, &health).await,
        (StatusCode::SERVICE_UNAVAILABLE, busy.clone())
    );
    assert_eq!(
        get_json(&sbx.http, &health).await,
        (StatusCode::SERVICE_UNAVAILABLE, busy)
    );
    let teapot = sbx.http.get(&health).send().await.expect("request");
    assert_eq!(teapot.status(), StatusCode::IM_A_TEAPOT);
    assert_eq!(
        get_json(&sbx.http, &health).await,
        (StatusCode::OK, json!({ "ok": true }))
    );
    let seen = state(&sbx, &server).await;
    let rules: Vec<&Value> = seen["requests"]
        .as_array()
        .expect("requests")
        .iter()
        .map(|request| &request["rule"])
        .collect();
    assert_eq!(rules, [&json!(0), &json!(0), &json!(1), &Value::Null]);
}

#[tokio::test]
async fn big_bodies_arrive_whole_with_and_without_content_length() {
    let sbx = sandbox().await;
    let total = 8 * MIB;
    let server = hostile(
        &sbx,
        json!([
            { "path": "/sized", "bodyBytes": total },
            { "path": "/chunked", "bodyBytes": total, "contentLength": false },
        ]),
    )
    .await;
    for (path, sized) in [("/sized", true), ("/chunked", false)] {
        let response = sbx.http.get(server.url(path)).send().await.expect("get");
        assert_eq!(response.status(), StatusCode::OK);
        let headers = response.headers().clone();
        let length = headers
            .get("content-length")
            .and_then(|value| value.to_str().ok());
        let chunked = headers
            .get("transfer-encoding")
            .and_then(|value| value.to_str().ok());
        if sized {
            assert_eq!(length, Some("8388608"));
            assert_eq!(chunked, None);
        } else {
            assert_eq!(length, None);
            assert_eq!(chunked, Some("chunked"));
        }
        let body = response.bytes().await.expect("body");
        assert_eq!(body.len() as u64, total, "{path}");
        assert!(body.starts_with(br#"{"pad":"a"#));
        assert!(body.ends_with(br#"a"}"#));
        let parsed: Value = serde_json::from_slice(&body).expect("filler is JSON");
        assert_eq!(
            parsed["pad"].as_str().map(str::len),
            Some(8 * 1024 * 1024 - 10)
        );
    }
    let seen = state(&sbx, &server).await;
    assert_eq!(
        seen["responses"],
        json!([
            { "rule": 0, "bytesSent": total, "finished": true },
            { "rule": 1, "bytesSent": total, "finished": true },
        ])
    );
}

#[tokio::test]
async fn a_client_hanging_up_leaves_the_body_unfinished() {
    let sbx = sandbox().await;
    let total = 64 * MIB;
    let server = hostile(
        &sbx,
        json!([{ "path": "/huge", "bodyBytes": total, "chunkDelayMs": 2 }]),
    )
    .await;
    // A client of its own, so its connection goes away with it.
    let http = reqwest::Client::new();
    let mut response = http.get(server.url("/huge")).send().await.expect("get");
    let first = response
        .chunk()
        .await
        .expect("chunk")
        .expect("a first chunk");
    assert!(!first.is_empty());
    drop(response);
    drop(http);
    tokio::time::sleep(Duration::from_millis(400)).await;
    let before = state(&sbx, &server).await["responses"][0].clone();
    tokio::time::sleep(Duration::from_millis(400)).await;
    let after = state(&sbx, &server).await["responses"][0].clone();
    // Unchanged although 400 ms more would have yielded ~200 chunks: the
    // stream is gone, not merely waiting.
    assert_eq!(before, after);
    assert_eq!(after["finished"], false);
    let sent = after["bytesSent"].as_u64().expect("bytesSent");
    assert!(sent >= first.len() as u64, "{after}");
    assert!(sent < total, "{after}");
}

#[tokio::test]
async fn delays_hold_the_head_the_chunks_or_the_upstream() {
    let sbx = sandbox().await;
    let server = hostile(
        &sbx,
        json!([
            { "path": "/late", "delayMs": 300, "status": 202, "body": "late" },
            { "path": "/__sandbox/health", "pass": true, "delayMs": 300, "status": 500 },
            { "path": "/drip", "bodyBytes": 3 * 65536, "chunkDelayMs": 150 },
        ]),
    )
    .await;
    let started = Instant::now();
    let response = sbx.http.get(server.url("/late")).send().await.expect("get");
    assert!(started.elapsed() >= Duration::from_millis(300));
    assert_eq!(response.status(), StatusCode::ACCEPTED);
    assert_eq!(response.text().await.expect("body"), "late");

    let started = Instant::now();
    let passed = get_json(&sbx.http, &server.url("/__sandbox/health")).await;
    assert!(started.elapsed() >= Duration::from_millis(300));
    assert_eq!(passed, (StatusCode::OK, json!({ "ok": true })));

    let started = Instant::now();
    let body = sbx
        .http
        .get(server.url("/drip"))
        .send()
        .await
        .expect("get")
        .bytes()
        .await
        .expect("body");
    assert!(started.elapsed() >= Duration::from_millis(300));
    assert_eq!(body.len(), 3 * 65536);

    let seen = state(&sbx, &server).await;
    assert_eq!(seen["requests"][1]["rule"], 1);
    // `pass` forwards instead of generating a body.
    assert_eq!(
        seen["responses"],
        json!([
            { "rule": 0, "bytesSent": 4, "finished": true },
            { "rule": 2, "bytesSent": 3 * 65536, "finished": true },
        ])
    );
}

#[tokio::test]
async fn bad_input_is_rejected() {
    let sbx = sandbox().await;
    let response = sbx
        .http
        .post(sbx.url(SERVERS))
        .header("content-type", "application/json")
        .body("{")
        .send()
        .await
        .expect("post");
    assert_eq!(response.status(), StatusCode::BAD_REQUEST);
    let body: Value = response.json().await.expect("JSON");
    assert_eq!(body, json!({ "error": "body must be a JSON object" }));
    for (request, needle) in [
        (json!({ "rules": "x" }), "rules must be an array"),
        (json!({ "rules": [], "extra": 1 }), "unknown field"),
        (json!({ "rules": [{ "status": 307 }] }), "rules[0]: path"),
        (
            json!({ "rules": [{ "path": "/", "method": "G T" }] }),
            "method",
        ),
        (json!({ "rules": [{ "path": "/", "count": -1 }] }), "count"),
        (
            json!({ "rules": [{ "path": "/", "status": 1000 }] }),
            "status",
        ),
        (
            json!({ "rules": [{ "path": "/", "headers": { "x": 1 } }] }),
            "headers.x",
        ),
        (
            json!({ "rules": [{ "path": "/", "body": 1 }] }),
            "body must be",
        ),
        (
            json!({ "rules": [{ "path": "/", "bodyBytes": 512 * MIB + 1 }] }),
            "bodyBytes",
        ),
        (
            json!({ "rules": [{ "path": "/", "delayMs": 60_001 }] }),
            "delayMs",
        ),
        (
            json!({ "rules": [{ "path": "/", "chunkDelayMs": 10_001 }] }),
            "chunkDelayMs",
        ),
        (
            json!({ "rules": [{ "path": "/", "contentLength": "no" }] }),
            "contentLength",
        ),
        (json!({ "rules": [{ "path": "/", "pass": 1 }] }), "pass"),
    ] {
        let (status, body) = sbx.admin_post(SERVERS, request.clone()).await;
        assert_eq!(status, StatusCode::BAD_REQUEST, "{request}: {body}");
        let message = body["error"].as_str().expect("error message");
        assert!(message.contains(needle), "{request}: {message}");
    }
    // Limits themselves are fine, and so is an empty body.
    hostile(
        &sbx,
        json!([{ "path": "/", "bodyBytes": 512 * MIB, "delayMs": 60_000, "chunkDelayMs": 10_000 }]),
    )
    .await;
    let (status, _) = sbx.admin_post(SERVERS, json!({})).await;
    assert_eq!(status, StatusCode::OK);
    let unknown = json!({ "error": "unknown hostile server" });
    assert_eq!(
        sbx.admin_get(&format!("{SERVERS}/nope")).await,
        (StatusCode::NOT_FOUND, unknown.clone())
    );
    assert_eq!(delete(&sbx, "nope").await, (StatusCode::NOT_FOUND, unknown));
}

#[tokio::test]
async fn delete_closes_the_listener() {
    let sbx = sandbox().await;
    let server = hostile(&sbx, json!([{ "path": "/slow", "delayMs": 2500 }])).await;
    let (status, _) = get_json(&sbx.http, &server.url("/__sandbox/health")).await;
    assert_eq!(status, StatusCode::OK);
    // A request still in flight must not keep the listener open.
    let in_flight = tokio::spawn({
        let url = server.url("/slow");
        async move { reqwest::get(url).await.map(|response| response.status()) }
    });
    tokio::time::sleep(Duration::from_millis(200)).await;
    let started = Instant::now();
    assert_eq!(
        delete(&sbx, &server.id).await,
        (StatusCode::OK, json!({ "ok": true }))
    );
    assert!(started.elapsed() < Duration::from_millis(2000));
    let error = reqwest::Client::new()
        .get(server.url("/__sandbox/health"))
        .send()
        .await
        .expect_err("listener is closed");
    assert!(error.is_connect(), "{error:?}");
    let (status, _) = sbx.admin_get(&format!("{SERVERS}/{}", server.id)).await;
    assert_eq!(status, StatusCode::NOT_FOUND);
    // The in-flight request still gets its answer.
    let finished = in_flight.await.expect("task").expect("in-flight answer");
    assert_eq!(finished, StatusCode::OK);
}

#[tokio::test]
async fn at_most_64_servers_are_alive() {
    let sbx = sandbox().await;
    let mut ids = Vec::new();
    for _ in 0..64 {
        ids.push(hostile(&sbx, json!([])).await.id);
    }
    let (status, body) = sbx.admin_post(SERVERS, json!({})).await;
    assert_eq!(status, StatusCode::TOO_MANY_REQUESTS, "{body}");
    assert!(body["error"].as_str().is_some_and(|e| e.contains("64")));
    let (status, _) = delete(&sbx, &ids[0]).await;
    assert_eq!(status, StatusCode::OK);
    hostile(&sbx, json!([])).await;
}
