//! Rust [`Error`]s become instances of the classes in `js/errors.js`.

use js_sys::{Object, Reflect};
use wasm_bindgen::prelude::*;

use crate::core::error::{ApiFamily, Error};

#[wasm_bindgen(module = "/js/errors.js")]
extern "C" {
    #[wasm_bindgen(js_name = makeError)]
    fn make_error(kind: &str, message: &str, fields: &Object) -> JsValue;
}

fn set(obj: &Object, key: &str, value: JsValue) {
    // Setting a property on a fresh plain object cannot fail.
    let _ = Reflect::set(obj, &JsValue::from_str(key), &value);
}

/// A `CardWidgetError` with its stable `code`.
pub fn card_widget_error(code: &str, message: &str) -> JsValue {
    let fields = Object::new();
    set(&fields, "code", code.into());
    make_error("card_widget", message, &fields)
}

/// A `ValidationError` (`code: "invalid_argument"`, `field`) whose message is `message` as
/// given, for the few that do not read "invalid {field}: …".
pub fn validation_error(field: &str, message: &str) -> JsValue {
    let fields = Object::new();
    set(&fields, "code", "invalid_argument".into());
    set(&fields, "field", field.into());
    make_error("validation", message, &fields)
}

/// The JS error for `e`.
pub fn to_js(e: Error) -> JsValue {
    to_js_keyed(e, None)
}

/// The JS error for `e`, a failure of a call that carried `idempotency_key`: the key is on the
/// error (`idempotencyKey`), so the caller can retry the same call as a replay, never as a
/// second charge.
pub fn to_js_keyed(e: Error, idempotency_key: Option<&str>) -> JsValue {
    let fields = Object::new();
    let (kind, message) = describe(e, &fields);
    // Set last: an error body's own field of that name never replaces the key sent.
    if let Some(key) = idempotency_key {
        set(&fields, "idempotencyKey", key.into());
    }
    make_error(kind, &message, &fields)
}

/// The JS error kind and message of `e`, its fields written into `fields`.
fn describe(e: Error, fields: &Object) -> (&'static str, String) {
    let message = e.to_string();
    let kind = match e {
        Error::InvalidArgument { field, .. } => {
            set(fields, "code", "invalid_argument".into());
            set(fields, "field", field.into());
            "validation"
        }
        Error::Envelope { code, .. } => {
            set(fields, "code", code.as_str().into());
            "envelope"
        }
        Error::Network { .. } => {
            set(fields, "code", "network_error".into());
            "network"
        }
        Error::Timeout { timeout_ms } => {
            set(fields, "code", "timeout".into());
            set(fields, "timeoutMs", (timeout_ms as f64).into());
            "timeout"
        }
        Error::Response { field, .. } => {
            set(fields, "code", "unexpected_response".into());
            set(fields, "field", field.into());
            "response"
        }
        Error::Webhook { code, .. } => {
            set(fields, "code", code.into());
            "webhook"
        }
        Error::Aborted => {
            set(fields, "code", "aborted".into());
            "aborted"
        }
        Error::Redirect { status, location } => {
            set(fields, "code", "redirect_not_followed".into());
            set(fields, "status", status.into());
            set(
                fields,
                "location",
                location.map_or(JsValue::NULL, JsValue::from),
            );
            "redirect"
        }
        Error::TooLarge { limit } => {
            set(fields, "code", "response_too_large".into());
            set(fields, "maxResponseBytes", (limit as f64).into());
            "too_large"
        }
        Error::Api(api) => {
            set(fields, "status", api.status.into());
            set(fields, "code", api.code.as_str().into());
            set(
                fields,
                "requestId",
                api.request_id.map_or(JsValue::UNDEFINED, JsValue::from),
            );
            for (name, value) in &api.extra {
                let js = js_sys::JSON::parse(&value.to_json()).unwrap_or(JsValue::NULL);
                set(fields, name, js);
            }
            let kind = match api.family {
                ApiFamily::Envelope => {
                    set(fields, "slug", api.code.into());
                    "envelope_api"
                }
                ApiFamily::StoredValue => "stored_value_api",
                ApiFamily::Cards => "cards_api",
                ApiFamily::Orchestration => "orchestration_api",
            };
            return (kind, api.message);
        }
    };
    (kind, message)
}
