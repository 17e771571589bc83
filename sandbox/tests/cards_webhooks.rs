//! Signed webhooks delivered to a real HTTP receiver: KYC, cardholder and
//! card-transaction events, signature verification, several endpoints and
//! secret rotation (two `v1` values).

mod support;

use std::sync::{Arc, Mutex};
use std::time::{Duration, SystemTime, UNIX_EPOCH};

use axum::body::Bytes;
use axum::extract::State;
use axum::http::HeaderMap;
use axum::routing::post;
use axum::Router;
use hmac::{Hmac, Mac};
use reqwest::StatusCode;
use serde_json::{json, Value};
use sha2::Sha256;
use support::cards::{sandbox, Program, Sandbox};
use support::eventually;

/// One received delivery: the signature header and the raw body.
#[derive(Clone, Debug)]
struct Delivery {
    signature: String,
    body: String,
}

type Inbox = Arc<Mutex<Vec<Delivery>>>;

async fn receive(State(inbox): State<Inbox>, headers: HeaderMap, body: Bytes) -> &'static str {
    let signature = headers
        .get("seismic-signature")
        .and_then(|v| v.to_str().ok())
        .unwrap_or_default()
        .to_owned();
    inbox.lock().expect("inbox").push(Delivery {
        signature,
        body: String::from_utf8_lossy(&body).into_owned(),
    });
    "ok"
}

/// Starts a receiver; returns its URL and inbox.
async fn receiver() -> (String, Inbox) {
    let inbox: Inbox = Arc::default();
    let app = Router::new()
        .route("/hook", post(receive))
        .with_state(Arc::clone(&inbox));
    let listener = tokio::net::TcpListener::bind("127.0.0.1:0")
        .await
        .expect("bind receiver");
    let addr = listener.local_addr().expect("addr");
    tokio::spawn(async move {
        let _ = axum::serve(listener, app).await;
    });
    (format!("http://{addr}/hook"), inbox)
}

/// `(t, [v1...])` of a signature header.
fn parse_signature(header: &str) -> (i64, Vec<String>) {
    let mut t = 0;
    let mut v1 = Vec::new();
    for part in header.split(',') {
        match part.split_once('=') {
            Some(("t", value)) => t = value.parse().expect("t is an integer"),
            Some(("v1", value)) => v1.push(value.to_owned()),
            _ => panic!("unexpected signature part {part:?} in {header:?}"),
        }
    }
    (t, v1)
}

fn sign(secret: &str, t: i64, body: &str) -> String {
    let mut mac = Hmac::<Sha256>::new_from_slice(secret.as_bytes()).expect("hmac key");
    mac.update(format!("{t}.{body}").as_bytes());
    mac.finalize()
        .into_bytes()
        .iter()
        .map(|b| format!("{b:02x}"))
        .collect()
}

/// Checks the header against the secrets, in order, and returns the event.
fn verify(delivery: &Delivery, secrets: &[&str]) -> Value {
    let (t, v1) = parse_signature(&delivery.signature);
    let now = SystemTime::now()
        .duration_since(UNIX_EPOCH)
        .map(|d| i64::try_from(d.as_secs()).unwrap_or_default())
        .unwrap_or_default();
    assert!((now - t).abs() <= 60, "t={t} now={now}");
    assert_eq!(v1.len(), secrets.len(), "{}", delivery.signature);
    for (value, secret) in v1.iter().zip(secrets) {
        assert_eq!(value, &sign(secret, t, &delivery.body), "secret {secret}");
    }
    let event: Value = serde_json::from_str(&delivery.body).expect("JSON event");
    assert_eq!(event["createdAt"], json!(t));
    assert!(event["id"]
        .as_str()
        .is_some_and(|id| id.starts_with("evt_")));
    event
}

/// Waits until `count` deliveries arrived and returns them.
async fn wait_for(inbox: &Inbox, count: usize) -> Vec<Delivery> {
    eventually(Duration::from_secs(5), || async {
        let received = inbox.lock().expect("inbox").clone();
        (received.len() >= count).then_some(received)
    })
    .await
}

async fn register(sbx: &Sandbox, program: &Program, url: &str) {
    let (status, body) = sbx
        .admin_post(
            "/__sandbox/cards/webhooks",
            json!({ "clientId": program.client_id, "url": url }),
        )
        .await;
    assert_eq!(status, StatusCode::OK, "{body}");
}

#[tokio::test]
async fn events_are_signed_and_delivered_in_order() {
    let sbx = sandbox().await;
    let program = sbx.fast_program().await;
    let (url, inbox) = receiver().await;
    let (second_url, second_inbox) = receiver().await;
    register(&sbx, &program, &url).await;
    register(&sbx, &program, &second_url).await;
    let token = sbx.token(&program).await;
    let issued = sbx.issued(&program, &token, "50.00", "20.00").await;
    let account = &issued.user.account_id;

    let received = wait_for(&inbox, 2).await;
    let kyc = verify(&received[0], &[&program.webhook_secret]);
    assert_eq!(kyc["type"], json!("KYC.UPDATED"));
    assert_eq!(
        kyc["data"],
        json!({ "accountId": account, "status": "APPROVED" })
    );
    let holder = verify(&received[1], &[&program.webhook_secret]);
    assert_eq!(holder["type"], json!("CARDHOLDER.UPDATED"));
    assert_eq!(
        holder["data"],
        json!({ "cardholderId": issued.cardholder_id, "accountId": account, "status": "APPROVED" })
    );

    let tx = sbx.purchase(&program, &issued, "5.00", "settle").await;
    let received = wait_for(&inbox, 4).await;
    let created = verify(&received[2], &[&program.webhook_secret]);
    let updated = verify(&received[3], &[&program.webhook_secret]);
    assert_eq!(created["type"], json!("CARD_TRANSACTION.CREATED"));
    assert_eq!(created["data"]["transaction"]["status"], json!("PENDING"));
    assert_eq!(created["data"]["transaction"]["id"], tx["id"]);
    assert_eq!(updated["type"], json!("CARD_TRANSACTION.UPDATED"));
    assert_eq!(updated["data"]["transaction"], tx);
    assert_ne!(created["id"], updated["id"]);

    // The second endpoint got the same events.
    let second = wait_for(&second_inbox, 4).await;
    assert_eq!(second[3].body, received[3].body);

    // A tampered body no longer matches.
    let mut tampered = received[3].clone();
    tampered.body = tampered.body.replace("5.00", "500.00");
    let (t, v1) = parse_signature(&tampered.signature);
    assert_ne!(v1[0], sign(&program.webhook_secret, t, &tampered.body));

    // The admin event log holds the same events.
    let (_, log) = sbx
        .admin_get(&format!(
            "/__sandbox/cards/events?clientId={}",
            program.client_id
        ))
        .await;
    let types: Vec<&str> = log["events"]
        .as_array()
        .expect("events")
        .iter()
        .map(|e| e["type"].as_str().unwrap_or_default())
        .collect();
    assert_eq!(
        types,
        [
            "KYC.UPDATED",
            "CARDHOLDER.UPDATED",
            "CARD_TRANSACTION.CREATED",
            "CARD_TRANSACTION.UPDATED"
        ]
    );
}

#[tokio::test]
async fn rotation_signs_with_both_secrets() {
    let sbx = sandbox().await;
    let program = sbx.fast_program().await;
    let (url, inbox) = receiver().await;
    register(&sbx, &program, &url).await;
    let token = sbx.token(&program).await;
    let issued = sbx.issued(&program, &token, "50.00", "20.00").await;
    wait_for(&inbox, 2).await;

    let rotate = || async {
        let (status, body) = sbx
            .admin_post(
                "/__sandbox/cards/webhook-secret/rotate",
                json!({ "clientId": program.client_id }),
            )
            .await;
        assert_eq!(status, StatusCode::OK, "{body}");
        body["webhookSecret"].as_str().expect("secret").to_owned()
    };
    let second = rotate().await;
    assert!(second.starts_with("whsec_"));
    assert_ne!(second, program.webhook_secret);
    sbx.purchase(&program, &issued, "1.00", "pending").await;
    let received = wait_for(&inbox, 3).await;
    // New secret first, the old one second.
    verify(&received[2], &[&second, &program.webhook_secret]);

    let third = rotate().await;
    sbx.purchase(&program, &issued, "1.00", "pending").await;
    let received = wait_for(&inbox, 4).await;
    let (t, v1) = parse_signature(&received[3].signature);
    assert!(!v1.contains(&sign(&program.webhook_secret, t, &received[3].body)));
    verify(&received[3], &[&third, &second]);
}

#[tokio::test]
async fn webhook_admin_validation() {
    let sbx = sandbox().await;
    let program = sbx.default_program();
    for url in [
        json!("ftp://example.com/x"),
        json!("not a url"),
        json!(5),
        Value::Null,
    ] {
        let (status, _) = sbx
            .admin_post(
                "/__sandbox/cards/webhooks",
                json!({ "clientId": program.client_id, "url": url }),
            )
            .await;
        assert_eq!(status, StatusCode::BAD_REQUEST, "{url}");
    }
    let (status, _) = sbx
        .admin_post(
            "/__sandbox/cards/webhooks",
            json!({ "clientId": "nope", "url": "http://127.0.0.1:1/x" }),
        )
        .await;
    assert_eq!(status, StatusCode::NOT_FOUND);
    let (status, _) = sbx
        .admin_post("/__sandbox/cards/webhook-secret/rotate", json!({}))
        .await;
    assert_eq!(status, StatusCode::BAD_REQUEST);
    // An unreachable endpoint does not break the API.
    register(&sbx, &program, "http://127.0.0.1:9/unreachable").await;
    let token = sbx.token(&program).await;
    let account = sbx.register(&program, &token).await;
    sbx.approve_kyc(&token, &account).await;
    let (_, urls) = sbx
        .admin_get(&format!(
            "/__sandbox/cards/webhooks?clientId={}",
            program.client_id
        ))
        .await;
    assert_eq!(urls["urls"], json!(["http://127.0.0.1:9/unreachable"]));
}
