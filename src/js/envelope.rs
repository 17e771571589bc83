//! `sealEnvelope`, `openEnvelope` and `EnvelopeClient` for JS.

use std::rc::Rc;

use js_sys::{Object, Promise, Reflect, Uint8Array};
use wasm_bindgen::prelude::*;
use wasm_bindgen_futures::future_to_promise;

use crate::core::clock::TimestampSource;
use crate::core::envelope::NONCE_LEN;
use crate::core::error::Error;
use crate::core::ids::{random_bytes, random_u32};
use crate::envelope::{self, plaintext_not_object, EnvelopeClient as Client, EnvelopeConfig};
use crate::js::convert::{self, get};
use crate::js::errors::{to_js, to_js_keyed};
use crate::js::namespaces::Namespaces;
use crate::transport::{Cancel, PlatformSender};

/// Seals `payload` into an encrypted-envelope body.
///
/// Adds `request_timestamp` (integer microseconds since the epoch) at the payload root,
/// beside your fields, then encrypts with XSalsa20-Poly1305 under a random 24-byte nonce.
/// `encrypted` is base64 of `nonce || secretbox(plaintext)`, which tweetnacl's
/// `nacl.secretbox.open` and PyNaCl's `SecretBox.decrypt` read.
///
/// @throws {EnvelopeError} `invalid_key` for a key that is not 32 bytes (raw, base64 or hex);
/// `invalid_payload` for anything but a plain JSON-serializable object without `request_timestamp`.
/// @throws {ValidationError} for malformed `options`.
#[wasm_bindgen(js_name = sealEnvelope, unchecked_return_type = "SealedEnvelope")]
pub fn seal_envelope(
    #[wasm_bindgen(unchecked_param_type = "EnvelopeKeyInput")] key: JsValue,
    #[wasm_bindgen(unchecked_param_type = "JsonObject")] payload: JsValue,
    #[wasm_bindgen(unchecked_optional_param_type = "SealOptions")] options: Option<JsValue>,
) -> Result<JsValue, JsValue> {
    seal(&key, &payload, &options.unwrap_or(JsValue::UNDEFINED)).map_err(to_js)
}

thread_local! {
    static STANDALONE_TIMESTAMPS: TimestampSource = TimestampSource::default();
}

fn seal(key: &JsValue, payload: &JsValue, options: &JsValue) -> Result<JsValue, Error> {
    let options = convert::options(options, "options")?;
    let key = convert::key(key)?;
    let json = convert::payload_json(payload)?;
    let nonce = match get(&options, "nonce") {
        v if v.is_undefined() => {
            let mut n = [0u8; NONCE_LEN];
            random_bytes(&mut n)?;
            n
        }
        v => v
            .dyn_ref::<Uint8Array>()
            .and_then(|b| <[u8; NONCE_LEN]>::try_from(b.to_vec()).ok())
            .ok_or_else(|| Error::invalid("options.nonce", "must be a Uint8Array of 24 bytes"))?,
    };
    let timestamp = match timestamp_option(&get(&options, "timestampMicros"))? {
        Some(t) => t,
        None => {
            let jitter = random_u32()?;
            STANDALONE_TIMESTAMPS.with(|t| t.next(js_sys::Date::now(), 0, jitter))
        }
    };
    let encrypted = key.seal_object(&json, timestamp, &nonce)?;
    let body = Object::new();
    Reflect::set(&body, &"encrypted".into(), &encrypted.into())
        .map_err(|_| Error::invalid("payload", "could not build the envelope body"))?;
    Ok(body.into())
}

fn timestamp_option(v: &JsValue) -> Result<Option<u64>, Error> {
    let bad = || {
        Error::invalid(
            "options.timestampMicros",
            "must be a non-negative integer (number or bigint)",
        )
    };
    if v.is_undefined() {
        return Ok(None);
    }
    if v.is_bigint() {
        let big: &js_sys::BigInt = v.unchecked_ref();
        return u64::try_from(big.clone()).map(Some).map_err(|_| bad());
    }
    match v.as_f64() {
        Some(n) if n.fract() == 0.0 && (0.0..=9_007_199_254_740_991.0).contains(&n) => {
            Ok(Some(n as u64))
        }
        _ => Err(bad()),
    }
}

// Declared by hand for its type parameter, which wasm-bindgen cannot write.
#[wasm_bindgen(typescript_custom_section)]
const TS_OPEN_ENVELOPE: &str = r#"
/**
 * Opens an encrypted-envelope body (`{ encrypted }` or the base64 string itself) and
 * returns the JSON object inside, `request_timestamp` included. `T` names the payload you
 * expect (`openEnvelope<CardEvent>(key, body)`); it is not checked at run time beyond being
 * a JSON object.
 *
 * @throws {EnvelopeError} `invalid_key`, `invalid_base64`, `ciphertext_too_short`,
 * `decryption_failed` (altered, or sealed with another key) or `invalid_plaintext` (not a JSON object).
 */
export function openEnvelope<T extends object = JsonObject>(key: EnvelopeKeyInput, body: SealedEnvelope | string): T;
"#;

/// Opens an encrypted-envelope body (declared in `TS_OPEN_ENVELOPE`).
#[wasm_bindgen(js_name = openEnvelope, skip_typescript)]
pub fn open_envelope(
    #[wasm_bindgen(unchecked_param_type = "EnvelopeKeyInput")] key: JsValue,
    #[wasm_bindgen(unchecked_param_type = "SealedEnvelope | string")] body: JsValue,
) -> Result<JsValue, JsValue> {
    open(&key, &body).map_err(to_js)
}

fn open(key: &JsValue, body: &JsValue) -> Result<JsValue, Error> {
    let key = convert::key(key)?;
    let text = if body.is_string() {
        body.clone()
    } else {
        get(body, "encrypted")
    };
    if !text.is_string() {
        return Err(Error::invalid(
            "body",
            "must be an envelope { encrypted: string } or its base64 string",
        ));
    }
    convert::json_object(&key.open(convert::utf8(&text))?)
}

/// Client of the encrypted-envelope card issuing API.
///
/// Every call POSTs a sealed body to `${baseUrl}/api/v1${path}` with the `API-KEY` header and
/// opens the sealed answer. Each attempt carries a fresh `request_timestamp`; when the server
/// says the timestamp is outside its 30-second window, the client learns the clock offset from
/// the `Date` header and retries once. Calls with an `Idempotency-Key` are retried on network
/// errors, timeouts, 502, 503 and 504 with exponential backoff and jitter, reusing the same key,
/// which every error of the call carries as `idempotencyKey`.
#[wasm_bindgen(js_name = EnvelopeClient)]
pub struct JsEnvelopeClient {
    inner: Rc<Client<PlatformSender>>,
    namespaces: Namespaces,
}

#[wasm_bindgen(js_class = EnvelopeClient)]
impl JsEnvelopeClient {
    /// @throws {ValidationError} for a missing or malformed config field (named in `field`).
    /// @throws {EnvelopeError} `invalid_key` for a bad `encryptionKey`.
    #[wasm_bindgen(constructor)]
    pub fn new(
        #[wasm_bindgen(unchecked_param_type = "EnvelopeClientConfig")] config: JsValue,
    ) -> Result<JsEnvelopeClient, JsValue> {
        Self::build(&config).map_err(to_js)
    }

    fn build(config: &JsValue) -> Result<JsEnvelopeClient, Error> {
        if !config.is_object() {
            return Err(Error::invalid("config", "must be an object"));
        }
        let key = convert::key(&get(config, "encryptionKey"))?;
        let mut settings = EnvelopeConfig::new(
            &convert::string(config, "baseUrl", "config.baseUrl")?,
            &convert::string(config, "apiKey", "config.apiKey")?,
            key,
        )?;
        let transport = convert::transport_settings(config)?;
        transport.apply(&mut settings.settings);
        let inner = Rc::new(Client::new(settings, transport.sender));
        let client = inner.clone();
        let names = envelope::ENDPOINTS.iter().map(|e| e.name).collect();
        let namespaces = Namespaces::new(names, move |name, [payload, options, _]| {
            let row = envelope::by_name(name);
            let path = row.map(|e| e.path.to_owned());
            call(
                client.clone(),
                path,
                payload,
                Some(options),
                row.map(|e| e.name),
            )
            .into()
        });
        Ok(JsEnvelopeClient { inner, namespaces })
    }

    /// Seals `payload`, POSTs it to `/api/v1${path}` and resolves to the decrypted answer.
    ///
    /// Rejects with `EnvelopeApiError` (status, slug, message, requestId) when the API answers
    /// with an error, `ValidationError` for bad arguments, `NetworkError`, `TimeoutError` or
    /// `AbortError`.
    #[wasm_bindgen(unchecked_return_type = "Promise<EnvelopeResponse>")]
    pub fn request(
        &self,
        #[wasm_bindgen(unchecked_param_type = "string")] path: JsValue,
        #[wasm_bindgen(unchecked_param_type = "JsonObject")] payload: JsValue,
        #[wasm_bindgen(unchecked_optional_param_type = "EnvelopeRequestOptions")] options: Option<
            JsValue,
        >,
    ) -> Promise {
        call(self.inner.clone(), path.as_string(), payload, options, None)
    }

    /// Typed helpers for the card endpoints that require an `Idempotency-Key`.
    #[wasm_bindgen(getter, unchecked_return_type = "EnvelopeCards")]
    pub fn cards(&self) -> JsValue {
        self.namespaces.get("cards")
    }
}

fn call(
    client: Rc<Client<PlatformSender>>,
    path: Option<String>,
    payload: JsValue,
    options: Option<JsValue>,
    method: Option<&'static str>,
) -> Promise {
    future_to_promise(async move {
        let mut key = None;
        let run = async {
            let path = path.ok_or_else(|| Error::invalid("path", "must be a string"))?;
            let options = convert::options(&options.unwrap_or(JsValue::UNDEFINED), "options")?;
            let json = convert::payload_json(&payload)?;
            // A typed helper's payload rules (its row's), checked on the text to be sealed.
            if let Some(row) = method.and_then(envelope::by_name) {
                row.params.check(&json)?;
            }
            let caller = convert::opt_string(&options, "idempotencyKey", "options.idempotencyKey")?;
            key = Client::<PlatformSender>::idempotency_key(&path, caller)?;
            let cancel: Cancel = convert::signal(&options)?;
            let plain = client
                .request_json(&path, &json, key.clone(), &cancel)
                .await?;
            convert::json_object(&plain).map_err(|_| plaintext_not_object())
        };
        let out = run.await;
        out.map_err(|e| to_js_keyed(e, key.as_deref()))
    })
}
