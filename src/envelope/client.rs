//! `EnvelopeClient`: POSTs sealed payloads to `/api/v1/*` and opens the answers.

use std::cell::Cell;

use crate::core::clock::{parse_http_date_ms, TimestampSource};
use crate::core::endpoint::Idempotency;
use crate::core::envelope::{timestamp_field_error, EnvelopeKey, NONCE_LEN, TIMESTAMP_FIELD};
use crate::core::error::Error;
use crate::core::ids::{random_bytes, random_u32, uuid_v4};
use crate::core::json::string_field;
use crate::core::schema;
use crate::core::validate;
use crate::envelope::endpoints::{by_path, response_type};
use crate::envelope::errors::{api_error, OUTSIDE_WINDOW};
use crate::transport::{Cancel, HttpRequest, HttpSend, Settings, Transport};

/// The API retries only gateway failures; everything else is final.
/// 504 too: a gateway that timed out may have passed the call on, and only calls carrying
/// their key are retried (the API replays the first answer).
const RETRY_STATUSES: &[u16] = &[502, 503, 504];

/// Settings of an [`EnvelopeClient`].
#[derive(Debug, Clone)]
pub struct EnvelopeConfig {
    /// Sent as `API-KEY`.
    pub api_key: String,
    /// The 32-byte envelope key.
    pub key: EnvelopeKey,
    /// Origin, retries and timeout.
    pub settings: Settings,
}

impl EnvelopeConfig {
    /// Validated settings with default retries and timeout.
    pub fn new(base_url: &str, api_key: &str, key: EnvelopeKey) -> Result<Self, Error> {
        validate::header_token("config.apiKey", api_key, 512)?;
        Ok(Self {
            settings: Settings::at(validate::base_url("config.baseUrl", base_url)?),
            api_key: api_key.to_owned(),
            key,
        })
    }
}

/// Client of the encrypted-envelope API.
#[derive(Debug)]
pub struct EnvelopeClient<S> {
    transport: Transport<S>,
    config: EnvelopeConfig,
    /// Server clock minus ours, learned from a rejected timestamp's `Date` header.
    clock_offset_ms: Cell<i64>,
    timestamps: TimestampSource,
}

impl<S: HttpSend> EnvelopeClient<S> {
    /// A client sending through `sender`.
    pub fn new(config: EnvelopeConfig, sender: S) -> Self {
        let transport = Transport::new(sender, &config.settings, RETRY_STATUSES);
        Self {
            transport,
            config,
            clock_offset_ms: Cell::new(0),
            timestamps: TimestampSource::default(),
        }
    }

    /// The clock correction in use (server minus local, ms).
    pub fn clock_offset_ms(&self) -> i64 {
        self.clock_offset_ms.get()
    }

    /// Sends a payload given as a Rust JSON object and returns the decrypted answer.
    pub async fn request(
        &self,
        path: &str,
        payload: &serde_json::Map<String, serde_json::Value>,
        idempotency_key: Option<String>,
        cancel: &Cancel,
    ) -> Result<serde_json::Map<String, serde_json::Value>, Error> {
        if payload.contains_key(TIMESTAMP_FIELD) {
            return Err(timestamp_field_error());
        }
        let json =
            serde_json::to_string(payload).map_err(|e| Error::invalid("payload", e.to_string()))?;
        let plain = self
            .request_json(path, json.as_bytes(), idempotency_key, cancel)
            .await?;
        match serde_json::from_slice(&plain) {
            Ok(serde_json::Value::Object(map)) => Ok(map),
            _ => Err(plaintext_not_object()),
        }
    }

    /// The `Idempotency-Key` a call to `path` carries: the caller's (checked), or a UUIDv4 for
    /// the paths that require one. Resolved before the call so that every error can name it.
    pub fn idempotency_key(path: &str, caller: Option<String>) -> Result<Option<String>, Error> {
        match caller {
            Some(key) => {
                validate::header_token("idempotencyKey", &key, 255)?;
                Ok(Some(key))
            }
            None if by_path(path).is_some_and(|e| e.idempotency == Idempotency::Required) => {
                Ok(Some(uuid_v4()?))
            }
            None => Ok(None),
        }
    }

    /// Sends `payload_json` (the JSON text of an object without `request_timestamp`) to
    /// `/api/v1{path}` and returns the decrypted response bytes.
    pub async fn request_json(
        &self,
        path: &str,
        payload_json: &[u8],
        idempotency_key: Option<String>,
        cancel: &Cancel,
    ) -> Result<Vec<u8>, Error> {
        validate::api_path("path", path)?;
        let idempotency_key = Self::idempotency_key(path, idempotency_key)?;
        let url = format!("{}/api/v1{}", self.config.settings.base_url, path);
        let mut clock_corrected = false;
        loop {
            let res = self
                .transport
                .execute(cancel, idempotency_key.is_some(), || {
                    self.build(&url, payload_json, idempotency_key.as_deref())
                })
                .await?;
            if res.is_success() {
                let plain = match string_field(&res.body, "encrypted") {
                    Some(text) => self.config.key.open(&text)?,
                    None => return Err(Error::response("response", "has no encrypted body")),
                };
                return check_plaintext(path, &plain).map(|()| plain);
            }
            let error = api_error(&res, &self.config.key);
            let server_ms = res.header("date").and_then(parse_http_date_ms);
            match server_ms {
                Some(server_ms) if error.code == OUTSIDE_WINDOW && !clock_corrected => {
                    clock_corrected = true;
                    let offset = server_ms - self.transport.sender.now_ms() as i64;
                    self.clock_offset_ms.set(offset);
                }
                _ => return Err(Error::Api(error)),
            }
        }
    }

    // Each attempt: a fresh timestamp and nonce, the same idempotency key.
    fn build(
        &self,
        url: &str,
        payload_json: &[u8],
        idempotency_key: Option<&str>,
    ) -> Result<HttpRequest, Error> {
        let timestamp = self.timestamps.next(
            self.transport.sender.now_ms(),
            self.clock_offset_ms.get(),
            random_u32()?,
        );
        let mut nonce = [0u8; NONCE_LEN];
        random_bytes(&mut nonce)?;
        let sealed = self
            .config
            .key
            .seal_object(payload_json, timestamp, &nonce)?;
        let body = format!("{{\"encrypted\":\"{sealed}\"}}");
        let credential = Some(("API-KEY", self.config.api_key.as_str()));
        Ok(HttpRequest::json(
            "POST",
            url,
            credential,
            Some(&body),
            idempotency_key,
        ))
    }
}

/// Checks a decrypted answer of `path` against its documented type; one that is no JSON
/// object at all is [`plaintext_not_object`].
fn check_plaintext(path: &str, plain: &[u8]) -> Result<(), Error> {
    let text = std::str::from_utf8(plain).map_err(|_| plaintext_not_object())?;
    match schema::check_text(Some(response_type(path)), text) {
        Err(Error::Response { field, .. }) if field == "response" => Err(plaintext_not_object()),
        other => other,
    }
}

/// A 2xx answer that decrypts to something other than a JSON object: the response broke its
/// documented shape (the same class of error as in every client), not the caller's envelope.
pub fn plaintext_not_object() -> Error {
    Error::response("response.encrypted", "does not decrypt to a JSON object")
}
