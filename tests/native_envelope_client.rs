//! EnvelopeClient (native transport) against the in-process sandbox over loopback HTTP.

use seismic_sdk::core::envelope::EnvelopeKey;
use seismic_sdk::core::error::Error;
use seismic_sdk::envelope::{EnvelopeClient, EnvelopeConfig};
use seismic_sdk::transport::{Cancel, PlatformSender};
use serde_json::{json, Map, Value};

type TestResult = Result<(), Box<dyn std::error::Error>>;

struct Tenant {
    url: String,
    api_key: String,
    key_b64: String,
    http: reqwest::Client,
}

impl Tenant {
    async fn new() -> Result<Self, Box<dyn std::error::Error>> {
        let running = seismic_sandbox::start(seismic_sandbox::Config::random()).await?;
        let http = reqwest::Client::new();
        let body = http
            .post(format!("{}/__sandbox/envelope/tenants", running.url))
            .header("content-type", "application/json")
            .body(r#"{"masterBalance":"100.00"}"#)
            .send()
            .await?
            .text()
            .await?;
        let v: Value = serde_json::from_str(&body)?;
        Ok(Self {
            url: running.url.clone(),
            api_key: v["apiKey"].as_str().ok_or("apiKey")?.to_owned(),
            key_b64: v["encryptionKey"]
                .as_str()
                .ok_or("encryptionKey")?
                .to_owned(),
            http,
        })
    }

    fn client(&self) -> Result<EnvelopeClient<PlatformSender>, Error> {
        self.client_with(&self.api_key, &self.key_b64)
    }

    fn client_with(
        &self,
        api_key: &str,
        key: &str,
    ) -> Result<EnvelopeClient<PlatformSender>, Error> {
        let config = EnvelopeConfig::new(&self.url, api_key, EnvelopeKey::parse(key)?)?;
        Ok(EnvelopeClient::new(config, PlatformSender::default()))
    }

    async fn admin(&self, path: &str, body: Value) -> Result<(), Box<dyn std::error::Error>> {
        let mut body = body;
        body["apiKey"] = self.api_key.clone().into();
        let res = self
            .http
            .post(format!("{}/__sandbox/envelope/{path}", self.url))
            .body(body.to_string())
            .header("content-type", "application/json")
            .send()
            .await?;
        assert!(res.status().is_success(), "admin {path}: {}", res.status());
        Ok(())
    }

    async fn stats(&self) -> Result<Value, Box<dyn std::error::Error>> {
        let text = self
            .http
            .get(format!(
                "{}/__sandbox/envelope/stats?apiKey={}",
                self.url, self.api_key
            ))
            .send()
            .await?
            .text()
            .await?;
        Ok(serde_json::from_str(&text)?)
    }
}

fn obj(v: Value) -> Map<String, Value> {
    match v {
        Value::Object(m) => m,
        _ => Map::new(),
    }
}

fn api_code(r: Result<Map<String, Value>, Error>) -> Option<(u16, String)> {
    match r {
        Err(Error::Api(e)) => Some((e.status, e.code)),
        _ => None,
    }
}

#[tokio::test]
async fn create_topup_and_idempotent_replay_charges_once() -> TestResult {
    let t = Tenant::new().await?;
    let c = t.client()?;
    let none = Cancel::none();
    let card = c
        .request(
            "/cards/create",
            &obj(json!({"external_user_id": "u1", "amount": "10.00"})),
            None,
            &none,
        )
        .await?;
    let card_id = card["data"]["card_id"]
        .as_str()
        .ok_or("card_id")?
        .to_owned();
    let topup = obj(json!({"card_id": card_id, "amount": "5.25"}));
    let first = c
        .request("/cards/topup", &topup, Some("key-1".into()), &none)
        .await?;
    let again = c
        .request("/cards/topup", &topup, Some("key-1".into()), &none)
        .await?;
    assert_eq!(first["data"]["order_id"], again["data"]["order_id"]);
    assert_eq!(t.stats().await?["masterBalance"], "84.75");
    Ok(())
}

#[tokio::test]
async fn lost_response_is_retried_with_the_same_key_without_a_second_charge() -> TestResult {
    let t = Tenant::new().await?;
    let c = t.client()?;
    t.admin(
        "faults",
        json!({"path": "/api/v1/cards/create", "status": 502, "count": 1, "when": "after"}),
    )
    .await?;
    let card = c
        .request(
            "/cards/create",
            &obj(json!({"external_user_id": "u1", "amount": "20.00"})),
            None,
            &Cancel::none(),
        )
        .await?;
    assert_eq!(card["data"]["amount"], "20.00");
    let stats = t.stats().await?;
    assert_eq!(stats["requests"], 2);
    assert_eq!(stats["orders"], 1);
    assert_eq!(stats["masterBalance"], "80.00");
    Ok(())
}

#[tokio::test]
async fn errors_that_are_final_are_not_retried() -> TestResult {
    let t = Tenant::new().await?;
    let c = t.client()?;
    let none = Cancel::none();
    let r = c
        .request(
            "/cards/topup",
            &obj(json!({"card_id": "card_nope", "amount": "1.00"})),
            None,
            &none,
        )
        .await;
    assert_eq!(api_code(r), Some((404, "card_not_found".into())));
    t.admin(
        "faults",
        json!({"path": "/api/v1/master/balance", "status": 503, "count": 1}),
    )
    .await?;
    let r = c.request("/master/balance", &Map::new(), None, &none).await;
    assert_eq!(
        api_code(r),
        Some((503, "unexpected_response".into())),
        "no key: sent once"
    );
    assert_eq!(t.stats().await?["requests"], 2);
    let r = c
        .request(
            "/cards/create",
            &obj(json!({"external_user_id": "u", "amount": "1000.00"})),
            None,
            &none,
        )
        .await;
    assert_eq!(api_code(r), Some((403, "insufficient_funds".into())));
    Ok(())
}

#[tokio::test]
async fn skewed_clock_is_corrected_from_the_date_header() -> TestResult {
    let t = Tenant::new().await?;
    t.admin("clock", json!({"offsetMs": 120_000})).await?;
    let c = t.client()?;
    let balance = c
        .request("/master/balance", &Map::new(), None, &Cancel::none())
        .await?;
    assert_eq!(balance["data"]["balance"], "100.00");
    assert!(
        (c.clock_offset_ms() - 120_000).abs() < 2_000,
        "offset {}",
        c.clock_offset_ms()
    );
    assert_eq!(t.stats().await?["requests"], 2);
    Ok(())
}

#[tokio::test]
async fn credentials_errors_get_stable_slugs() -> TestResult {
    let t = Tenant::new().await?;
    let none = Cancel::none();
    let r = t
        .client_with("sbx_env_unknown", &t.key_b64)?
        .request("/master/balance", &Map::new(), None, &none)
        .await;
    assert_eq!(api_code(r), Some((404, "api_key_not_found".into())));
    let other_key = "AQEBAQEBAQEBAQEBAQEBAQEBAQEBAQEBAQEBAQEBAQE=";
    let r = t
        .client_with(&t.api_key, other_key)?
        .request("/master/balance", &Map::new(), None, &none)
        .await;
    assert_eq!(api_code(r), Some((400, "encrypted_payload_invalid".into())));
    Ok(())
}

#[tokio::test]
async fn abort_and_timeout_are_distinct_errors() -> TestResult {
    // A server that accepts connections and never answers.
    let listener = tokio::net::TcpListener::bind("127.0.0.1:0").await?;
    let url = format!("http://{}", listener.local_addr()?);
    tokio::spawn(async move {
        let mut held = Vec::new();
        while let Ok((sock, _)) = listener.accept().await {
            held.push(sock);
        }
    });
    let key = EnvelopeKey::from_bytes(&[1; 32])?;
    let mut config = EnvelopeConfig::new(&url, "k", key)?;
    config.settings.timeout_ms = 200;
    let c = EnvelopeClient::new(config, PlatformSender::default());
    let r = c
        .request("/master/balance", &Map::new(), None, &Cancel::none())
        .await;
    assert_eq!(r.err(), Some(Error::Timeout { timeout_ms: 200 }));
    let cancel = Cancel::new();
    let trigger = cancel.clone();
    tokio::spawn(async move {
        tokio::time::sleep(std::time::Duration::from_millis(50)).await;
        trigger.abort();
    });
    let r = c
        .request("/master/balance", &Map::new(), None, &cancel)
        .await;
    assert_eq!(r.err(), Some(Error::Aborted));
    Ok(())
}

#[tokio::test]
async fn bad_arguments_fail_before_sending() -> TestResult {
    let key = EnvelopeKey::from_bytes(&[1; 32])?;
    assert!(matches!(
        EnvelopeConfig::new("http://example.com", "k", key.clone()),
        Err(Error::InvalidArgument { .. })
    ));
    let c = EnvelopeClient::new(
        EnvelopeConfig::new("http://127.0.0.1:9", "k", key)?,
        PlatformSender::default(),
    );
    let r = c
        .request("no-slash", &Map::new(), None, &Cancel::none())
        .await;
    assert!(matches!(r, Err(Error::InvalidArgument { ref field, .. }) if field == "path"));
    let r = c
        .request(
            "/x",
            &obj(json!({"request_timestamp": 1})),
            None,
            &Cancel::none(),
        )
        .await;
    assert!(matches!(r, Err(Error::Envelope { .. })));
    let r = c
        .request("/x", &Map::new(), Some("bad key".into()), &Cancel::none())
        .await;
    assert!(
        matches!(r, Err(Error::InvalidArgument { ref field, .. }) if field == "idempotencyKey")
    );
    Ok(())
}
