//! Helpers for the encrypted-envelope API tests (and the admin and hostile
//! ones built on it): create tenants through the admin API, and speak the
//! encrypted envelope.

use std::sync::atomic::{AtomicI64, Ordering};
use std::time::{SystemTime, UNIX_EPOCH};

use base64::engine::general_purpose::STANDARD;
use base64::Engine;
use crypto_secretbox::aead::{Aead, KeyInit};
use crypto_secretbox::{Nonce, XSalsa20Poly1305};
use reqwest::header::HeaderMap;
use reqwest::StatusCode;
use serde_json::{json, Value};

/// Marker of the envelope API's helpers.
pub enum Envelope {}

/// A running sandbox with the envelope API's helpers.
pub type Sandbox = super::With<Envelope>;

/// Credentials of one envelope tenant.
#[derive(Clone)]
pub struct Tenant {
    pub api_key: String,
    pub key: [u8; 32],
}

/// A decoded response.
#[derive(Debug)]
pub struct Reply {
    pub status: StatusCode,
    pub headers: HeaderMap,
    /// Decrypted body when the response was an envelope, raw JSON otherwise.
    pub body: Value,
    /// Whether the body was `{"encrypted": ...}`.
    pub encrypted: bool,
}

impl Reply {
    pub fn header(&self, name: &str) -> Option<&str> {
        self.headers.get(name).and_then(|v| v.to_str().ok())
    }

    /// Asserts a plain `{"error": message}` answer.
    pub fn assert_plain(&self, status: u16, message: &str) {
        assert_eq!(self.status.as_u16(), status, "body: {}", self.body);
        assert!(!self.encrypted, "expected a plain body, got {}", self.body);
        assert_eq!(self.body, json!({ "error": message }));
    }

    /// Asserts an encrypted standard error object.
    pub fn assert_slug(&self, status: u16, slug: &str) {
        assert_eq!(self.status.as_u16(), status, "body: {}", self.body);
        assert!(
            self.encrypted,
            "expected an encrypted body, got {}",
            self.body
        );
        assert_eq!(self.body["success"], json!(false), "body: {}", self.body);
        assert_eq!(self.body["error_slug"], json!(slug), "body: {}", self.body);
        assert!(self.body["error"].as_str().is_some_and(|e| !e.is_empty()));
    }

    /// Asserts an encrypted success and returns its `data`.
    pub fn data(&self) -> &Value {
        assert_eq!(self.status.as_u16(), 200, "body: {}", self.body);
        assert!(
            self.encrypted,
            "expected an encrypted body, got {}",
            self.body
        );
        assert_eq!(self.body["success"], json!(true), "body: {}", self.body);
        &self.body["data"]
    }
}

/// Microseconds since the epoch, strictly increasing across calls so two
/// requests never share a timestamp by accident.
pub fn now_us() -> i64 {
    static LAST: AtomicI64 = AtomicI64::new(0);
    let real = SystemTime::now()
        .duration_since(UNIX_EPOCH)
        .map(|d| i64::try_from(d.as_micros()).unwrap_or(i64::MAX))
        .unwrap_or(0);
    let mut last = LAST.load(Ordering::Relaxed);
    loop {
        let next = real.max(last + 1);
        match LAST.compare_exchange(last, next, Ordering::Relaxed, Ordering::Relaxed) {
            Ok(_) => return next,
            Err(seen) => last = seen,
        }
    }
}

/// base64(nonce || secretbox(plaintext)).
pub fn seal_bytes(key: &[u8; 32], plaintext: &[u8]) -> String {
    let mut nonce = [0u8; 24];
    getrandom::fill(&mut nonce).expect("os randomness");
    let sealed = XSalsa20Poly1305::new(key.into())
        .encrypt(Nonce::from_slice(&nonce), plaintext)
        .expect("encrypt");
    let mut out = nonce.to_vec();
    out.extend_from_slice(&sealed);
    STANDARD.encode(out)
}

/// Seals a JSON value.
pub fn seal(key: &[u8; 32], payload: &Value) -> String {
    seal_bytes(key, payload.to_string().as_bytes())
}

/// Opens an envelope produced by the server.
pub fn open(key: &[u8; 32], encoded: &str) -> Value {
    let raw = STANDARD.decode(encoded).expect("response is base64");
    assert!(raw.len() > 40, "response envelope too short");
    let (nonce, sealed) = raw.split_at(24);
    let plain = XSalsa20Poly1305::new(key.into())
        .decrypt(Nonce::from_slice(nonce), sealed)
        .expect("response decrypts with the tenant key");
    serde_json::from_slice(&plain).expect("response plaintext is JSON")
}

/// Decodes a base64 key.
pub fn key_from_b64(text: &str) -> [u8; 32] {
    STANDARD
        .decode(text)
        .expect("key is base64")
        .try_into()
        .expect("key is 32 bytes")
}

/// Starts a sandbox with a random config.
pub async fn sandbox() -> Sandbox {
    Sandbox::start().await
}

impl Sandbox {
    /// The tenant from `Config`.
    pub fn default_tenant(&self) -> Tenant {
        Tenant {
            api_key: self.running.config.envelope_api_key.clone(),
            key: self.running.config.envelope_encryption_key,
        }
    }

    /// Creates an isolated tenant with the given master balance (dollars).
    pub async fn new_tenant(&self, balance: &str) -> Tenant {
        let (status, body) = self
            .admin_post(
                "/__sandbox/envelope/tenants",
                json!({ "masterBalance": balance }),
            )
            .await;
        assert_eq!(status, StatusCode::OK, "{body}");
        Tenant {
            api_key: body["apiKey"].as_str().expect("apiKey").to_owned(),
            key: key_from_b64(body["encryptionKey"].as_str().expect("encryptionKey")),
        }
    }

    /// `GET /__sandbox/envelope/stats` for a tenant.
    pub async fn stats(&self, tenant: &Tenant) -> Value {
        let (status, body) = self
            .admin_get(&format!(
                "/__sandbox/envelope/stats?apiKey={}",
                tenant.api_key
            ))
            .await;
        assert_eq!(status, StatusCode::OK, "{body}");
        body
    }

    /// Sends a raw body with optional headers and decodes the answer
    /// (decrypting with `key` when the answer is an envelope).
    pub async fn raw(
        &self,
        path: &str,
        api_key: Option<&str>,
        idempotency_key: Option<&str>,
        body: String,
        key: &[u8; 32],
    ) -> Reply {
        let mut request = self
            .http
            .post(self.url(path))
            .header("Content-Type", "application/json")
            .body(body);
        if let Some(api_key) = api_key {
            request = request.header("API-KEY", api_key);
        }
        if let Some(idempotency_key) = idempotency_key {
            request = request.header("Idempotency-Key", idempotency_key);
        }
        let response = request.send().await.expect("request");
        let status = response.status();
        let headers = response.headers().clone();
        let text = response.text().await.expect("body");
        let json: Value = serde_json::from_str(&text).expect("response is JSON");
        match json.get("encrypted").and_then(Value::as_str) {
            Some(encrypted) => Reply {
                status,
                headers,
                body: open(key, encrypted),
                encrypted: true,
            },
            None => Reply {
                status,
                headers,
                body: json,
                encrypted: false,
            },
        }
    }

    /// Sends an encrypted payload exactly as given (no timestamp added).
    pub async fn send(
        &self,
        tenant: &Tenant,
        path: &str,
        payload: &Value,
        idempotency_key: Option<&str>,
    ) -> Reply {
        let body = json!({ "encrypted": seal(&tenant.key, payload) }).to_string();
        self.raw(
            path,
            Some(&tenant.api_key),
            idempotency_key,
            body,
            &tenant.key,
        )
        .await
    }

    /// Sends an encrypted payload with a fresh `request_timestamp` added.
    pub async fn call(
        &self,
        tenant: &Tenant,
        path: &str,
        payload: Value,
        idempotency_key: Option<&str>,
    ) -> Reply {
        let mut payload = payload;
        payload["request_timestamp"] = json!(now_us());
        self.send(tenant, path, &payload, idempotency_key).await
    }

    /// The tenant's master balance via the encrypted balance endpoint.
    pub async fn balance(&self, tenant: &Tenant) -> String {
        let reply = self
            .call(tenant, "/api/v1/master/balance", json!({}), None)
            .await;
        let data = reply.data();
        assert_eq!(data["currency"], json!("USD"));
        data["balance"].as_str().expect("balance string").to_owned()
    }

    /// Creates a card for `user` with an initial load, returning its id.
    pub async fn create_card(&self, tenant: &Tenant, user: &str, amount: &str) -> String {
        let reply = self
            .call(
                tenant,
                "/api/v1/cards/create",
                json!({ "external_user_id": user, "amount": amount, "currency": "USD" }),
                Some(&format!("create-{}", now_us())),
            )
            .await;
        reply.data()["card_id"]
            .as_str()
            .expect("card_id")
            .to_owned()
    }
}
