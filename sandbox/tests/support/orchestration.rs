//! Helpers for the Orchestration API tests: create tenants through the
//! admin API, call `/api/v0` with either credential, and compute TOTP
//! codes independently of the server.

pub mod quotes;

use std::time::{Duration, SystemTime, UNIX_EPOCH};

use reqwest::header::HeaderMap;
use reqwest::{Method, StatusCode};
use serde_json::{json, Value};

use super::{eventually, next_count, random_hex};

/// Marker of the Orchestration API's helpers.
pub enum Orchestration {}

/// A running sandbox with the Orchestration API's helpers.
pub type Sandbox = super::With<Orchestration>;

/// Credentials of one tenant.
#[derive(Clone, Debug)]
pub struct Tenant {
    pub email: String,
    pub password: String,
    pub api_key: String,
    pub org_id: String,
    pub user_id: String,
}

/// How a request authenticates.
#[derive(Clone, Copy, Debug)]
pub enum Auth<'a> {
    None,
    Key(&'a str),
    Bearer(&'a str),
    /// A bearer token plus `X-Org-Id`.
    BearerOrg(&'a str, &'a str),
    /// An API key and a bearer token at once.
    Both(&'a str, &'a str),
}

/// A decoded answer.
#[derive(Debug)]
pub struct Reply {
    pub status: StatusCode,
    pub headers: HeaderMap,
    pub body: Value,
}

impl Reply {
    /// Asserts a 200 and returns the body.
    pub fn ok(&self) -> &Value {
        assert_eq!(self.status, StatusCode::OK, "body: {}", self.body);
        assert!(
            self.body.get("ok").is_none(),
            "success bodies have no ok: {}",
            self.body
        );
        &self.body
    }

    /// Asserts `204 No Content` with an empty body.
    pub fn no_content(&self) {
        assert_eq!(self.status, StatusCode::NO_CONTENT, "body: {}", self.body);
        assert_eq!(self.body, Value::Null);
    }

    /// Asserts the documented error envelope with this status and code.
    pub fn assert_error(&self, status: u16, code: &str) -> &Value {
        assert_eq!(self.status.as_u16(), status, "body: {}", self.body);
        assert_eq!(self.body["ok"], json!(false), "body: {}", self.body);
        assert_eq!(
            self.body["error"]["code"],
            json!(code),
            "body: {}",
            self.body
        );
        assert!(
            self.body["error"]["message"]
                .as_str()
                .is_some_and(|m| !m.is_empty()),
            "body: {}",
            self.body
        );
        &self.body["error"]
    }
}

/// A unique string for emails and external ids.
pub fn unique(prefix: &str) -> String {
    format!("{prefix}{}{}", next_count(), random_hex(6))
}

/// Starts a sandbox with a random config.
pub async fn sandbox() -> Sandbox {
    Sandbox::start().await
}

/// A decimal string as f64 (for tolerance checks only).
pub fn num(value: &Value) -> f64 {
    value
        .as_str()
        .and_then(|text| text.parse::<f64>().ok())
        .unwrap_or_else(|| panic!("not a decimal string: {value}"))
}

/// Unix seconds now.
pub fn unix_now() -> i64 {
    SystemTime::now()
        .duration_since(UNIX_EPOCH)
        .expect("clock after 1970")
        .as_secs() as i64
}

impl Sandbox {
    /// Calls `/api/v0{path}`.
    pub async fn call(
        &self,
        method: Method,
        path: &str,
        auth: Auth<'_>,
        body: Option<Value>,
    ) -> Reply {
        let mut request = self
            .http
            .request(method, self.url(&format!("/api/v0{path}")));
        request = match auth {
            Auth::None => request,
            Auth::Key(key) => request.header("Api-Key", key),
            Auth::Bearer(token) => request.bearer_auth(token),
            Auth::BearerOrg(token, org) => request.bearer_auth(token).header("X-Org-Id", org),
            Auth::Both(key, token) => request.header("Api-Key", key).bearer_auth(token),
        };
        if let Some(body) = body {
            request = request.json(&body);
        }
        let response = request.send().await.expect("request reaches the sandbox");
        let status = response.status();
        let headers = response.headers().clone();
        let text = response.text().await.expect("body");
        let body = if text.is_empty() {
            Value::Null
        } else {
            serde_json::from_str(&text).unwrap_or_else(|e| panic!("{e}: {text}"))
        };
        Reply {
            status,
            headers,
            body,
        }
    }

    pub async fn get(&self, path: &str, auth: Auth<'_>) -> Reply {
        self.call(Method::GET, path, auth, None).await
    }

    pub async fn post(&self, path: &str, auth: Auth<'_>, body: Value) -> Reply {
        self.call(Method::POST, path, auth, Some(body)).await
    }

    pub async fn patch(&self, path: &str, auth: Auth<'_>, body: Value) -> Reply {
        self.call(Method::PATCH, path, auth, Some(body)).await
    }

    pub async fn put(&self, path: &str, auth: Auth<'_>, body: Value) -> Reply {
        self.call(Method::PUT, path, auth, Some(body)).await
    }

    pub async fn delete(&self, path: &str, auth: Auth<'_>) -> Reply {
        self.call(Method::DELETE, path, auth, None).await
    }

    /// A fresh tenant (`settings` as for `/__sandbox/orchestration/tenants`).
    pub async fn tenant(&self, settings: Value) -> Tenant {
        let (status, body) = self
            .admin_post("/__sandbox/orchestration/tenants", settings)
            .await;
        assert_eq!(status, StatusCode::OK, "{body}");
        let text = |name: &str| body[name].as_str().expect(name).to_owned();
        Tenant {
            email: text("email"),
            password: text("password"),
            api_key: text("apiKey"),
            org_id: text("orgId"),
            user_id: text("userId"),
        }
    }

    /// A tenant whose quotes and reviews are quick.
    pub async fn fast_tenant(&self) -> Tenant {
        self.tenant(json!({ "quoteDelayMs": 50, "kycDelayMs": 100 }))
            .await
    }

    /// `{requests, refreshCalls, loginCalls}` of an org.
    pub async fn stats(&self, org_id: &str) -> Value {
        let (status, body) = self
            .admin_get(&format!("/__sandbox/orchestration/stats?orgId={org_id}"))
            .await;
        assert_eq!(status, StatusCode::OK, "{body}");
        body
    }

    /// The last `limit` logged requests of an org.
    pub async fn log(&self, org_id: &str, limit: usize) -> Vec<Value> {
        let (status, body) = self
            .admin_get(&format!(
                "/__sandbox/orchestration/log?orgId={org_id}&limit={limit}"
            ))
            .await;
        assert_eq!(status, StatusCode::OK, "{body}");
        body.as_array().cloned().expect("log array")
    }

    /// Logs in (MFA not enrolled) and returns the token pair.
    pub async fn login(&self, email: &str, password: &str) -> Value {
        let reply = self
            .post(
                "/auth/login",
                Auth::None,
                json!({ "email": email, "password": password }),
            )
            .await;
        let body = reply.ok().clone();
        assert_eq!(body["status"], json!("tokens"), "{body}");
        body
    }

    /// Creates an individual customer and returns its envelope.
    pub async fn customer(&self, key: &str, external_id: &str) -> Value {
        self.post("/customers", Auth::Key(key), individual(external_id))
            .await
            .ok()
            .clone()
    }

    /// Creates a customer and waits until its KYC is approved; returns
    /// `(customer_id, provider)` for the hosted provider row.
    pub async fn approved_customer(&self, key: &str) -> (String, String) {
        let created = self.customer(key, &unique("ext_")).await;
        let id = created["customer"]["id"].as_str().expect("id").to_owned();
        let path = format!("/customers/{id}");
        eventually(Duration::from_secs(10), || async {
            let body = self.get(&path, Auth::Key(key)).await.ok().clone();
            (body["providers"][0]["kyc"]["status"] == json!("approved")).then_some(())
        })
        .await;
        let provider = created["providers"][0]["provider"]
            .as_str()
            .expect("provider")
            .to_owned();
        (id, provider)
    }

    /// Attaches an account and returns it.
    pub async fn account(&self, key: &str, customer_id: &str, body: Value) -> Value {
        self.post(
            &format!("/customers/{customer_id}/accounts"),
            Auth::Key(key),
            body,
        )
        .await
        .ok()
        .clone()
    }
}

/// A valid individual customer request.
pub fn individual(external_id: &str) -> Value {
    json!({
        "external_id": external_id,
        "type": "individual",
        "email": format!("{}@example.com", unique("alice")),
        "first_name": "Alice",
        "last_name": "Liddell",
        "date_of_birth": "1990-04-12",
        "address": {
            "line1": "123 Main St", "city": "Brooklyn", "state": "NY",
            "postal_code": "11201", "country": "US"
        }
    })
}

/// A complete KYB profile (the documented example).
pub fn kyb_profile(legal_name: &str) -> Value {
    let address = json!({
        "line1": "1 Wall St", "city": "New York", "state": "NY",
        "postal_code": "10005", "country": "US"
    });
    json!({
        "business": {
            "legal_name": legal_name, "entity_type": "corporation",
            "industry": "software_blockchain_crypto", "registration_number": "1234567",
            "tax_id": "82-1234567", "country_of_registration": "US",
            "state_of_incorporation": "DE", "formation_date": "2020-04-12"
        },
        "addresses": { "registered": address },
        "contact": { "email": "ops@acme.com", "phone": "+12025550100" },
        "operations": {
            "business_jurisdictions": ["US"], "funds_movement_jurisdictions": ["US", "GB"],
            "primary_source_of_funds": "company_capital", "regulated_status": "unregistered"
        },
        "volumes": { "monthly_deposits": 35, "monthly_withdrawals": 30 },
        "counterparties": { "counterparties": ["customers", "merchants_suppliers"] },
        "associated_persons": [{
            "first_name": "Alice", "last_name": "Liddell", "date_of_birth": "1985-06-15",
            "email": "alice@acme.com", "phone": "+12025550100", "address": address,
            "tax_id": "123-45-6789", "nationality": "US", "citizenship": "US",
            "ownership_percent": 100,
            "roles": { "has_control": true, "is_signer": true, "is_director": true }
        }]
    })
}

// ---------------------------------------------------------------------
// TOTP, implemented here independently of the server (RFC 6238 / 4226,
// HMAC-SHA-1, 30 s steps, 6 digits).

/// SHA-1 (FIPS 180-4).
fn sha1(message: &[u8]) -> [u8; 20] {
    let mut state = [
        0x67452301u32,
        0xEFCDAB89,
        0x98BADCFE,
        0x10325476,
        0xC3D2E1F0,
    ];
    let mut data = message.to_vec();
    let length_bits = (message.len() as u64) * 8;
    data.push(0x80);
    while data.len() % 64 != 56 {
        data.push(0);
    }
    data.extend(length_bits.to_be_bytes());
    for chunk in data.chunks(64) {
        let mut schedule: Vec<u32> = chunk
            .chunks(4)
            .map(|b| u32::from_be_bytes([b[0], b[1], b[2], b[3]]))
            .collect();
        for t in 16..80 {
            let word = schedule[t - 3] ^ schedule[t - 8] ^ schedule[t - 14] ^ schedule[t - 16];
            schedule.push(word.rotate_left(1));
        }
        let mut v = state;
        for (t, word) in schedule.iter().enumerate() {
            let (f, k) = if t < 20 {
                ((v[1] & v[2]) | (!v[1] & v[3]), 0x5A827999)
            } else if t < 40 {
                (v[1] ^ v[2] ^ v[3], 0x6ED9EBA1)
            } else if t < 60 {
                ((v[1] & v[2]) | (v[1] & v[3]) | (v[2] & v[3]), 0x8F1BBCDC)
            } else {
                (v[1] ^ v[2] ^ v[3], 0xCA62C1D6)
            };
            let next = v[0]
                .rotate_left(5)
                .wrapping_add(f)
                .wrapping_add(v[4])
                .wrapping_add(k)
                .wrapping_add(*word);
            v = [next, v[0], v[1].rotate_left(30), v[2], v[3]];
        }
        for i in 0..5 {
            state[i] = state[i].wrapping_add(v[i]);
        }
    }
    let mut out = [0u8; 20];
    for (i, word) in state.iter().enumerate() {
        out[i * 4..i * 4 + 4].copy_from_slice(&word.to_be_bytes());
    }
    out
}

/// HMAC-SHA-1 (RFC 2104), keys up to 64 bytes.
fn hmac_sha1(key: &[u8], message: &[u8]) -> [u8; 20] {
    let mut padded = [0u8; 64];
    padded[..key.len()].copy_from_slice(key);
    let ipad: Vec<u8> = padded
        .iter()
        .map(|b| b ^ 0x36)
        .chain(message.iter().copied())
        .collect();
    let inner = sha1(&ipad);
    let opad: Vec<u8> = padded.iter().map(|b| b ^ 0x5c).chain(inner).collect();
    sha1(&opad)
}

/// Decodes RFC 4648 base32 (no padding).
pub fn base32_decode(text: &str) -> Vec<u8> {
    let alphabet = "ABCDEFGHIJKLMNOPQRSTUVWXYZ234567";
    let mut bits = String::new();
    for ch in text.trim_end_matches('=').chars() {
        let value = alphabet
            .find(ch.to_ascii_uppercase())
            .expect("base32 character");
        bits.push_str(&format!("{value:05b}"));
    }
    bits.as_bytes()
        .chunks(8)
        .filter(|chunk| chunk.len() == 8)
        .map(|chunk| {
            u8::from_str_radix(std::str::from_utf8(chunk).expect("bits"), 2).expect("byte")
        })
        .collect()
}

/// The TOTP code of a base32 secret at `unix_secs`.
pub fn totp(secret_base32: &str, unix_secs: i64) -> String {
    let key = base32_decode(secret_base32);
    let counter = (unix_secs / 30) as u64;
    let mac = hmac_sha1(&key, &counter.to_be_bytes());
    let offset = (mac[19] & 0x0f) as usize;
    let code = u32::from_be_bytes([
        mac[offset] & 0x7f,
        mac[offset + 1],
        mac[offset + 2],
        mac[offset + 3],
    ]);
    format!("{:06}", code % 1_000_000)
}
