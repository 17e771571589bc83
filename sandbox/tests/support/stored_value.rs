//! Helpers for the stored-value API tests: create merchants through the
//! admin API, and call `/v2` with `Authorization: Bearer <base64 key>`.

use base64::engine::general_purpose::STANDARD;
use base64::Engine;
use reqwest::header::HeaderMap;
use reqwest::Method;
use serde_json::{json, Value};

/// The first documented test cards (each starts at 100.00 USD).
pub const CARD_A: &str = "4242424242424242";
pub const CARD_B: &str = "4012888888881881";
pub const CARD_C: &str = "4000056655665556";
pub const SVS_CARD: &str = "6006493880499919454";
pub const TCC_CARD: &str = "2063025100129939";

/// Marker of the stored-value API's helpers.
pub enum StoredValue {}

/// A running sandbox with the stored-value API's helpers (`Sv::start()`
/// starts one).
pub type Sv = super::With<StoredValue>;

/// One stored-value merchant.
#[derive(Clone, Debug)]
pub struct Merchant {
    pub api_key: String,
    pub merchant_id: String,
}

/// A decoded answer.
#[derive(Debug)]
pub struct Reply {
    pub status: u16,
    pub headers: HeaderMap,
    pub body: Value,
}

/// A request body.
pub enum Body {
    None,
    Json(Value),
    /// `application/x-www-form-urlencoded`, already encoded.
    Form(String),
    /// Any content type and text.
    Raw(&'static str, String),
}

impl Reply {
    pub fn header(&self, name: &str) -> Option<&str> {
        self.headers.get(name).and_then(|v| v.to_str().ok())
    }

    /// Asserts a 200 and returns the body.
    pub fn ok(&self) -> &Value {
        assert_eq!(self.status, 200, "body: {}", self.body);
        &self.body
    }

    /// Asserts the spec's 422 body with a status code and description.
    pub fn assert_unprocessable(&self, code: &str, description: &str) {
        assert_eq!(
            (self.status, &self.body),
            (
                422,
                &json!({
                    "name": "Unprocessable",
                    "message": "Error",
                    "code": 422,
                    "className": "unprocessable",
                    "data": { "statusCode": code, "statusDescription": description },
                    "errors": {}
                })
            )
        );
    }

    /// Asserts an error body with empty `data`.
    pub fn assert_error(&self, status: u16, name: &str, class_name: &str, message: &str) {
        assert_eq!(
            (self.status, &self.body),
            (
                status,
                &json!({
                    "name": name,
                    "message": message,
                    "code": status,
                    "className": class_name,
                    "data": {},
                    "errors": {}
                })
            )
        );
    }

    /// Asserts the 401 answer.
    pub fn assert_unauthenticated(&self) {
        self.assert_error(
            401,
            "NotAuthenticated",
            "not-authenticated",
            "Invalid API key",
        );
    }

    /// Asserts an injected fault.
    pub fn assert_fault(&self, status: u16) {
        self.assert_error(
            status,
            "GeneralError",
            "general-error",
            "sandbox injected fault",
        );
    }
}

/// `Bearer <base64(key)>`.
pub fn bearer(api_key: &str) -> String {
    format!("Bearer {}", STANDARD.encode(api_key))
}

/// Whether `text` is `PREFIX` + 26 upper-case alphanumerics.
pub fn is_ulid(text: &str, prefix: &str) -> bool {
    text.strip_prefix(prefix).is_some_and(|rest| {
        rest.len() == 26
            && rest
                .bytes()
                .all(|b| b.is_ascii_digit() || b.is_ascii_uppercase())
    })
}

/// Whether `text` looks like `2017-07-14T14:10:31.259Z`.
pub fn is_iso_millis(text: &str) -> bool {
    let bytes = text.as_bytes();
    bytes.len() == 24
        && bytes.get(10) == Some(&b'T')
        && bytes.get(19) == Some(&b'.')
        && bytes.get(23) == Some(&b'Z')
        && bytes
            .iter()
            .enumerate()
            .all(|(i, b)| [4, 7, 10, 13, 16, 19, 23].contains(&i) || b.is_ascii_digit())
}

/// A 19-digit card number no tenant has issued.
pub fn fresh_card() -> String {
    let mut bytes = [0u8; 18];
    getrandom::fill(&mut bytes).expect("os randomness");
    let digits: String = bytes.iter().map(|b| char::from(b'0' + b % 10)).collect();
    format!("7{digits}")
}

impl Sv {
    /// The merchant from `Config`.
    pub fn default_merchant(&self) -> Merchant {
        Merchant {
            api_key: self.running.config.stored_value_api_key.clone(),
            merchant_id: "12345678954".to_owned(),
        }
    }

    /// Sends a request with an optional raw `Authorization` value.
    pub async fn send_raw(
        &self,
        method: Method,
        path: &str,
        authorization: Option<&str>,
        body: Body,
    ) -> Reply {
        let mut request = self.http.request(method, self.url(path));
        if let Some(value) = authorization {
            request = request.header("Authorization", value);
        }
        request = match body {
            Body::None => request,
            Body::Json(value) => request
                .header("Content-Type", "application/json")
                .body(value.to_string()),
            Body::Form(text) => request
                .header("Content-Type", "application/x-www-form-urlencoded")
                .body(text),
            Body::Raw(content_type, text) => {
                request.header("Content-Type", content_type).body(text)
            }
        };
        let response = request.send().await.expect("request");
        let status = response.status().as_u16();
        let headers = response.headers().clone();
        let text = response.text().await.expect("body");
        let body = serde_json::from_str(&text)
            .unwrap_or_else(|_| panic!("response is JSON: {status} {text:?}"));
        Reply {
            status,
            headers,
            body,
        }
    }

    /// Sends a request as `merchant`.
    pub async fn send(&self, method: Method, path: &str, merchant: &Merchant, body: Body) -> Reply {
        let auth = bearer(&merchant.api_key);
        self.send_raw(method, path, Some(&auth), body).await
    }

    pub async fn post(&self, merchant: &Merchant, path: &str, body: Value) -> Reply {
        self.send(Method::POST, path, merchant, Body::Json(body))
            .await
    }

    pub async fn get(&self, merchant: &Merchant, path: &str) -> Reply {
        self.send(Method::GET, path, merchant, Body::None).await
    }

    pub async fn delete(&self, merchant: &Merchant, path: &str) -> Reply {
        self.send(Method::DELETE, path, merchant, Body::None).await
    }

    /// `POST /v2/transactions` with `type: GIFT` added.
    pub async fn transaction(&self, merchant: &Merchant, body: Value) -> Reply {
        let mut body = body;
        if body.get("type").is_none() {
            body["type"] = json!("GIFT");
        }
        self.post(merchant, "/v2/transactions", body).await
    }

    /// A successful reload.
    pub async fn reload(&self, merchant: &Merchant, card: &str, amount: &str) -> Value {
        self.transaction(
            merchant,
            json!({ "method": "reload", "cardNumber": card, "amount": amount }),
        )
        .await
        .ok()
        .clone()
    }

    /// A successful (possibly partial) redemption.
    pub async fn redeem(&self, merchant: &Merchant, card: &str, amount: &str) -> Value {
        self.transaction(
            merchant,
            json!({ "method": "redemption", "cardNumber": card, "amount": amount }),
        )
        .await
        .ok()
        .clone()
    }

    /// The card's balance through `/v2/stored-value/info`.
    pub async fn balance(&self, merchant: &Merchant, card: &str) -> String {
        let reply = self
            .post(
                merchant,
                "/v2/stored-value/info",
                json!({ "cardNumber": card }),
            )
            .await;
        reply.ok()["amount"]
            .as_str()
            .expect("amount string")
            .to_owned()
    }

    /// Lists transactions with a raw query string.
    pub async fn list(&self, merchant: &Merchant, query: &str) -> Value {
        self.get(merchant, &format!("/v2/transactions?{query}"))
            .await
            .ok()
            .clone()
    }

    /// POSTs JSON to an admin route (the status as a number, as these
    /// suites compare it).
    pub async fn admin_post(&self, path: &str, body: Value) -> (u16, Value) {
        let (status, body) = (**self).admin_post(path, body).await;
        (status.as_u16(), body)
    }

    /// GETs an admin route (the status as a number).
    pub async fn admin_get(&self, path: &str) -> (u16, Value) {
        let (status, body) = (**self).admin_get(path).await;
        (status.as_u16(), body)
    }

    /// A fresh isolated merchant.
    pub async fn merchant(&self) -> Merchant {
        let (status, body) = self
            .admin_post("/__sandbox/stored-value/tenants", json!({}))
            .await;
        assert_eq!(status, 200, "{body}");
        Merchant {
            api_key: body["apiKey"].as_str().expect("apiKey").to_owned(),
            merchant_id: body["merchantId"].as_str().expect("merchantId").to_owned(),
        }
    }

    /// Queues faults for a merchant (`fault` without `apiKey`).
    pub async fn fault(&self, merchant: &Merchant, fault: Value) {
        let mut fault = fault;
        fault["apiKey"] = json!(merchant.api_key);
        let (status, body) = self
            .admin_post("/__sandbox/stored-value/faults", fault)
            .await;
        assert_eq!((status, body), (200, json!({ "ok": true })));
    }

    /// `GET /__sandbox/stored-value/stats`.
    pub async fn stats(&self, merchant: &Merchant) -> Value {
        let (status, body) = self
            .admin_get(&format!(
                "/__sandbox/stored-value/stats?apiKey={}",
                merchant.api_key
            ))
            .await;
        assert_eq!(status, 200, "{body}");
        body
    }
}
