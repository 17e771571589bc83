//! Reading JS arguments into Rust values, with typed errors naming the argument.

use std::cell::RefCell;

use js_sys::{Function, Object, Reflect, Uint8Array, JSON};
use wasm_bindgen::{JsCast, JsValue};

use crate::core::envelope::{timestamp_field_error, EnvelopeKey, TIMESTAMP_FIELD};
use crate::core::error::{EnvelopeErrorCode as Code, Error};
use crate::core::json::Json;
use crate::transport::{fetch_message, Cancel};

#[wasm_bindgen::prelude::wasm_bindgen]
extern "C" {
    type TextEncoder;
    #[wasm_bindgen(constructor)]
    fn new() -> TextEncoder;
    #[wasm_bindgen(method)]
    fn encode(this: &TextEncoder, text: &JsValue) -> Uint8Array;
}

#[wasm_bindgen::prelude::wasm_bindgen(module = "/js/json.js")]
extern "C" {
    #[wasm_bindgen(js_name = stringifyParams, catch)]
    fn stringify_params(value: &JsValue) -> Result<String, JsValue>;
}

thread_local! {
    static ENCODER: TextEncoder = TextEncoder::new();
}

/// The UTF-8 bytes of a JS string, through the engine's native `TextEncoder` and one copy.
/// (wasm-bindgen's own string passing walks ASCII text char by char in JS: 4× slower on
/// megabyte envelopes.)
pub fn utf8(text: &JsValue) -> Vec<u8> {
    ENCODER.with(|e| e.encode(text).to_vec())
}

/// `obj[name]`, or `undefined` when `obj` is not an object.
pub fn get(obj: &JsValue, name: &'static str) -> JsValue {
    if !obj.is_object() {
        return JsValue::UNDEFINED;
    }
    Reflect::get(obj, &js_name(name)).unwrap_or(JsValue::UNDEFINED)
}

/// `name` as a JS string, made once per name: every Rust string sent to JS costs a
/// TextDecoder call, and property names are sent on every request.
pub fn js_name(name: &'static str) -> JsValue {
    thread_local! {
        static NAMES: RefCell<Vec<(&'static str, JsValue)>> = const { RefCell::new(Vec::new()) };
    }
    NAMES.with(|names| {
        let mut names = names.borrow_mut();
        if let Some((_, v)) = names.iter().find(|(n, _)| *n == name) {
            return v.clone();
        }
        let v = JsValue::from_str(name);
        names.push((name, v.clone()));
        v
    })
}

/// An options bag: `undefined`/`null` or an object.
pub fn options(value: &JsValue, field: &str) -> Result<JsValue, Error> {
    if value.is_undefined() || value.is_null() || value.is_object() {
        Ok(value.clone())
    } else {
        Err(Error::invalid(field, "must be an object"))
    }
}

/// A required string property.
pub fn string(obj: &JsValue, name: &'static str, field: &str) -> Result<String, Error> {
    get(obj, name)
        .as_string()
        .ok_or_else(|| Error::invalid(field, "must be a string"))
}

/// An optional string property.
pub fn opt_string(obj: &JsValue, name: &'static str, field: &str) -> Result<Option<String>, Error> {
    let v = get(obj, name);
    if v.is_undefined() || v.is_null() {
        return Ok(None);
    }
    v.as_string()
        .map(Some)
        .ok_or_else(|| Error::invalid(field, "must be a string"))
}

/// An optional non-negative integer property no larger than `max`.
pub fn opt_uint(
    obj: &JsValue,
    name: &'static str,
    field: &str,
    max: u64,
) -> Result<Option<u64>, Error> {
    let v = get(obj, name);
    if v.is_undefined() || v.is_null() {
        return Ok(None);
    }
    match v.as_f64() {
        Some(n) if n.fract() == 0.0 && n >= 0.0 && n <= max as f64 => Ok(Some(n as u64)),
        _ => Err(Error::invalid(
            field,
            format!("must be an integer from 0 to {max}"),
        )),
    }
}

/// An optional function property.
pub fn opt_function(
    obj: &JsValue,
    name: &'static str,
    field: &str,
) -> Result<Option<Function>, Error> {
    let v = get(obj, name);
    if v.is_undefined() || v.is_null() {
        return Ok(None);
    }
    v.dyn_into::<Function>()
        .map(Some)
        .map_err(|_| Error::invalid(field, "must be a function"))
}

/// The transport settings every client config shares: `maxRetries`, `timeoutMs`, `fetch`.
pub struct TransportSettings {
    /// `maxRetries`, 0–10.
    pub max_retries: Option<u32>,
    /// `timeoutMs`, 1–600000.
    pub timeout_ms: Option<u64>,
    /// The sender, with the caller's `fetch` if any.
    pub sender: crate::transport::PlatformSender,
}

impl TransportSettings {
    /// Puts the config's `maxRetries` / `timeoutMs`, when given, over a client's defaults.
    pub fn apply(&self, settings: &mut crate::transport::Settings) {
        settings.max_retries = self.max_retries.unwrap_or(settings.max_retries);
        settings.timeout_ms = self.timeout_ms.unwrap_or(settings.timeout_ms);
    }
}

/// Reads [`TransportSettings`] from a client config.
pub fn transport_settings(config: &JsValue) -> Result<TransportSettings, Error> {
    let max_retries = opt_uint(config, "maxRetries", "config.maxRetries", 10)?.map(|n| n as u32);
    let timeout_ms = opt_uint(config, "timeoutMs", "config.timeoutMs", 600_000)?;
    if timeout_ms == Some(0) {
        return Err(Error::invalid("config.timeoutMs", "must be greater than 0"));
    }
    let max_response_bytes = opt_uint(
        config,
        "maxResponseBytes",
        "config.maxResponseBytes",
        1 << 30,
    )?
    .unwrap_or(crate::transport::DEFAULT_MAX_RESPONSE_BYTES);
    if max_response_bytes == 0 {
        return Err(Error::invalid(
            "config.maxResponseBytes",
            "must be greater than 0",
        ));
    }
    let sender = crate::transport::PlatformSender {
        fetch: opt_function(config, "fetch", "config.fetch")?,
        max_response_bytes,
    };
    Ok(TransportSettings {
        max_retries,
        timeout_ms,
        sender,
    })
}

/// The `signal` of a request-options bag.
pub fn signal(opts: &JsValue) -> Result<Cancel, Error> {
    let v = get(opts, "signal");
    if v.is_undefined() || v.is_null() {
        return Ok(Cancel::none());
    }
    if get(&v, "aborted").as_bool().is_none() {
        return Err(Error::invalid("options.signal", "must be an AbortSignal"));
    }
    Ok(Cancel(Some(v.unchecked_into())))
}

/// An envelope key: a 32-byte `Uint8Array`, or a string of base64 or 64 hex characters.
pub fn key(value: &JsValue) -> Result<EnvelopeKey, Error> {
    if let Some(s) = value.as_string() {
        return EnvelopeKey::parse(&s);
    }
    match value.dyn_ref::<Uint8Array>() {
        Some(bytes) => EnvelopeKey::from_bytes(&bytes.to_vec()),
        None => Err(Error::envelope(
            Code::InvalidKey,
            "encryption key must be a Uint8Array or a string",
        )),
    }
}

/// The JSON text of a plain object (object literal or null-prototype), rejecting arrays,
/// class instances, primitives, cycles and a caller-set `request_timestamp`.
pub fn payload_json(value: &JsValue) -> Result<Vec<u8>, Error> {
    let not_plain = || Error::envelope(Code::InvalidPayload, "payload must be a plain object");
    if !value.is_object() || js_sys::Array::is_array(value) {
        return Err(not_plain());
    }
    let proto = Object::get_prototype_of(value);
    let object_proto = Object::get_prototype_of(&Object::new().into());
    if !(proto.is_null() || JsValue::from(proto) == JsValue::from(object_proto)) {
        return Err(not_plain());
    }
    let obj: &Object = value.unchecked_ref();
    if Object::has_own(obj, &JsValue::from_str(TIMESTAMP_FIELD)) {
        return Err(timestamp_field_error());
    }
    let text = JSON::stringify(value).map_err(|e| {
        let m = fetch_message(&e);
        if m.to_ascii_lowercase().contains("circular") {
            Error::envelope(
                Code::InvalidPayload,
                "payload contains a circular reference",
            )
        } else {
            Error::envelope(
                Code::InvalidPayload,
                format!("payload cannot be serialized to JSON: {m}"),
            )
        }
    })?;
    Ok(utf8(&text))
}

/// A params object as [`Json`] (through `JSON.stringify`, so `undefined` fields drop out);
/// `undefined`/`null` give `Json::Null`.
pub fn params(value: &JsValue, field: &str) -> Result<Json, Error> {
    if value.is_undefined() || value.is_null() {
        return Ok(Json::Null);
    }
    if !value.is_object() || js_sys::Array::is_array(value) {
        return Err(Error::invalid(field, "must be an object"));
    }
    let text = stringify_params(value).map_err(|e| match get(&e, "path").as_string() {
        Some(path) if !path.is_empty() => {
            Error::invalid(format!("{field}.{path}"), fetch_message(&e))
        }
        _ => Error::invalid(field, fetch_message(&e)),
    })?;
    Json::parse(&text).ok_or_else(|| Error::invalid(field, "cannot be serialized to JSON"))
}

/// Positional arguments (a JS array) as [`Json`] values, errors naming the parameter as the
/// docs do (`req.amount`, `quoteId`); `undefined` arguments become `Json::Null`.
pub fn args(value: &JsValue, names: &[&str]) -> Result<Vec<Json>, Error> {
    if !js_sys::Array::is_array(value) {
        return Err(Error::invalid("arguments", "must be an array"));
    }
    if value.unchecked_ref::<js_sys::Array>().length() == 0 {
        return Ok(Vec::new());
    }
    let name = |i: usize| names.get(i).copied().unwrap_or("argument");
    let text = stringify_params(value).map_err(|e| {
        let path = get(&e, "path").as_string().unwrap_or_default();
        // "[1].source.rail" → "quoteId…"-style names: the index becomes the parameter name.
        let field = path
            .strip_prefix('[')
            .and_then(|rest| rest.split_once(']'))
            .and_then(|(i, tail)| {
                i.parse::<usize>()
                    .ok()
                    .map(|i| format!("{}{tail}", name(i)))
            })
            .unwrap_or_else(|| "arguments".to_owned());
        Error::invalid(field, fetch_message(&e))
    })?;
    match Json::parse(&text) {
        Some(Json::Array(items)) => Ok(items),
        _ => Err(Error::invalid("arguments", "cannot be serialized to JSON")),
    }
}

/// True in a browser page (a `window.document` exists), where secrets must not be.
pub fn in_browser_page() -> bool {
    let window = Reflect::get(&js_sys::global(), &"window".into()).unwrap_or(JsValue::UNDEFINED);
    window.is_object() && get(&window, "document").is_object()
}

/// Refuses to hold `what` in a browser page unless `config.dangerouslyAllowBrowser` is true.
pub fn refuse_in_browser(config: &JsValue, what: &str) -> Result<(), Error> {
    if in_browser_page() && get(config, "dangerouslyAllowBrowser") != JsValue::TRUE {
        return Err(Error::invalid(
            "config.dangerouslyAllowBrowser",
            format!("{what} is a server-side secret: anyone who opens this page can read it. Call the API from your server or edge function; pass dangerouslyAllowBrowser: true only for tools that must hold it in a browser"),
        ));
    }
    Ok(())
}

/// Parses decrypted bytes, which must be the JSON text of an object.
pub fn json_object(bytes: &[u8]) -> Result<JsValue, Error> {
    let not_object = || {
        Error::envelope(
            Code::InvalidPlaintext,
            "decrypted envelope is not a JSON object",
        )
    };
    let text = seismic_hotpath::utf8(bytes).ok_or_else(not_object)?;
    let parsed = JSON::parse(text).map_err(|_| not_object())?;
    if !parsed.is_object() || js_sys::Array::is_array(&parsed) {
        return Err(not_object());
    }
    Ok(parsed)
}

/// Calls a callback that holds a secret (a token store's or token cache's method, named
/// `field` in errors) on `this`, awaiting its Promise if it returns one. A throw or rejection
/// becomes a `ValidationError` without its message: it may quote the token.
pub async fn call_secret_holder(
    f: &js_sys::Function,
    this: &JsValue,
    arg: Option<&JsValue>,
    field: &str,
) -> Result<JsValue, Error> {
    let hidden = |what: &str| {
        Error::invalid(
            field,
            format!("{what} (its message is not copied: it may hold a token)"),
        )
    };
    let out = match arg {
        Some(a) => f.call1(this, a),
        None => f.call0(this),
    }
    .map_err(|_| hidden("threw"))?;
    settled(out).await.map_err(|_| hidden("rejected"))
}

/// Awaits `value` when it is a Promise: the integrator's callbacks may answer either way.
pub async fn settled(value: JsValue) -> Result<JsValue, JsValue> {
    if value.has_type::<js_sys::Promise>() {
        wasm_bindgen_futures::JsFuture::from(js_sys::Promise::from(value)).await
    } else {
        Ok(value)
    }
}
