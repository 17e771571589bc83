//! `verifyWebhook` for JS.

use js_sys::{Uint8Array, JSON};
use wasm_bindgen::prelude::*;

use crate::core::error::Error;
use crate::core::webhook::{verify, WebhookError};
use crate::js::convert::{self, get};
use crate::js::errors::to_js;

#[wasm_bindgen]
extern "C" {
    /// `JSON.parse` of the caller's own string: a string body is parsed as it came, not
    /// decoded again from the UTF-8 copy the signature was checked over.
    #[wasm_bindgen(js_namespace = JSON, js_name = parse, catch)]
    fn parse_string(text: &JsValue) -> Result<JsValue, JsValue>;
}

fn refused(e: WebhookError) -> Error {
    Error::Webhook {
        code: e.as_str(),
        message: e.message().to_owned(),
    }
}

/// Verifies a Seismic Cards webhook and returns the parsed event.
///
/// The header is `t=<unix seconds>,v1=<hex>[,v1=<hex>…]`; each `v1` is an HMAC-SHA256 of
/// `t + "." + rawBody` under your webhook secret, compared in constant time. Several `v1`
/// appear while a secret rotates; any match passes. Timestamps further than
/// `toleranceSeconds` (default 300) from now, in either direction, are refused (replays).
///
/// Pass the body exactly as received (`await request.text()`, or the raw `Buffer`): a parsed
/// and re-serialized object will not verify, and is refused with `raw_body_required`.
///
/// `t` is verified as the text that was sent. A signed body that is not a JSON object is no
/// event and is refused with `invalid_payload`.
///
/// @throws {WebhookVerificationError} with `code` `invalid_header`, `no_signature_match`,
/// `timestamp_outside_tolerance`, `invalid_secret` (also for a secret that is not a string),
/// `raw_body_required` or `invalid_payload`.
#[wasm_bindgen(js_name = verifyWebhook, unchecked_return_type = "WebhookEvent")]
pub fn verify_webhook(
    #[wasm_bindgen(unchecked_param_type = "string | Uint8Array")] raw_body: JsValue,
    #[wasm_bindgen(unchecked_param_type = "string | null | undefined")] signature_header: JsValue,
    // A JsValue checked here: wasm-bindgen's own `&str` conversion of a number traps.
    #[wasm_bindgen(unchecked_param_type = "string")] secret: JsValue,
    #[wasm_bindgen(
        unchecked_optional_param_type = "{ toleranceSeconds?: number; now?: number | Date }"
    )]
    options: Option<JsValue>,
) -> Result<JsValue, JsValue> {
    let run = || {
        let secret = secret.as_string().ok_or_else(|| Error::Webhook {
            code: "invalid_secret",
            message: "webhook secret must be a non-empty string".into(),
        })?;
        run(
            &raw_body,
            &signature_header,
            &secret,
            &options.unwrap_or(JsValue::UNDEFINED),
        )
    };
    run().map_err(to_js)
}

fn run(
    raw_body: &JsValue,
    header: &JsValue,
    secret: &str,
    options: &JsValue,
) -> Result<JsValue, Error> {
    let options = convert::options(options, "options")?;
    let body: Vec<u8> = if raw_body.is_string() {
        convert::utf8(raw_body)
    } else if let Some(bytes) = raw_body.dyn_ref::<Uint8Array>() {
        bytes.to_vec()
    } else {
        return Err(Error::Webhook {
            code: "raw_body_required",
            message: "verifyWebhook needs the raw request body (a string or Uint8Array, exactly as received), not a parsed object: re-serialized JSON does not match the signature".into(),
        });
    };
    let header = header
        .as_string()
        .ok_or_else(|| refused(WebhookError::InvalidHeader))?;
    let tolerance = convert::opt_uint(
        &options,
        "toleranceSeconds",
        "options.toleranceSeconds",
        86_400 * 365,
    )?
    .unwrap_or(300);
    let now = get(&options, "now");
    let now_ms = if now.is_undefined() {
        js_sys::Date::now()
    } else if let Some(d) = now.dyn_ref::<js_sys::Date>() {
        d.get_time()
    } else {
        now.as_f64().ok_or_else(|| {
            Error::invalid(
                "options.now",
                "must be milliseconds since the epoch or a Date",
            )
        })?
    };
    verify(
        &body,
        &header,
        secret.as_bytes(),
        tolerance,
        (now_ms / 1000.0).floor() as i64,
    )
    .map_err(refused)?;
    let not_json = |_| Error::Webhook {
        code: "invalid_payload",
        message: "webhook body is not JSON".into(),
    };
    let event = if raw_body.is_string() {
        parse_string(raw_body).map_err(not_json)?
    } else {
        let text = seismic_hotpath::utf8(&body).ok_or_else(|| Error::Webhook {
            code: "invalid_payload",
            message: "webhook body is not UTF-8 JSON".into(),
        })?;
        JSON::parse(text).map_err(not_json)?
    };
    // Signed is not well-formed: a signed `null` or array is no event to act on.
    if !event.is_object() || js_sys::Array::is_array(&event) {
        return Err(Error::Webhook {
            code: "invalid_payload",
            message: "webhook body is not a JSON object (an event)".into(),
        });
    }
    Ok(event)
}
