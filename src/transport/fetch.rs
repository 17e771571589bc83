//! Sender on the global `fetch` (or one the caller supplies): browsers, Node and workerd.

use js_sys::{Array, Function, Promise, Reflect, Uint8Array};
use wasm_bindgen::prelude::wasm_bindgen;
use wasm_bindgen::{JsCast, JsValue};
use wasm_bindgen_futures::JsFuture;

use super::fetch_sys::{self, AbortSignal};
use super::settle::{settle_fn, Settled};
use super::{HttpRequest, HttpResponse, HttpSend, RESPONSE_HEADERS};
use crate::core::error::Error;

/// The caller's `AbortSignal`, if any.
#[derive(Clone, Debug, Default)]
pub struct Cancel(pub Option<AbortSignal>);

impl Cancel {
    /// No signal.
    pub fn none() -> Self {
        Self(None)
    }

    /// Whether the caller's signal has fired.
    pub fn is_aborted(&self) -> bool {
        self.0.as_ref().is_some_and(|s| s.aborted())
    }
}

/// Sends with the global `fetch`, or with `fetch` when the caller passed one.
#[derive(Clone, Debug)]
pub struct FetchSender {
    /// A caller-supplied `fetch` implementation.
    pub fetch: Option<Function>,
    /// Longest answer read; reading stops there with [`Error::TooLarge`].
    pub max_response_bytes: u64,
}

impl Default for FetchSender {
    fn default() -> Self {
        Self {
            fetch: None,
            max_response_bytes: super::DEFAULT_MAX_RESPONSE_BYTES,
        }
    }
}

#[wasm_bindgen(module = "/js/fetch.js")]
extern "C" {
    #[wasm_bindgen(js_name = sendOnce)]
    #[allow(clippy::too_many_arguments)]
    fn send_once(
        settle: &Function,
        id: u32,
        fetch: &JsValue,
        spec: &str,
        body: &JsValue,
        signal: &JsValue,
        timeout_ms: f64,
        header_names: &Array,
        max_bytes: f64,
    );
}

thread_local! {
    // Made once: turning Rust strings into JS strings costs a TextDecoder call each.
    static HEADER_NAMES: Array = RESPONSE_HEADERS.iter().map(|n| JsValue::from_str(n)).collect();
}

/// `method \n url (\n name \n value)*`: the request crosses into JS as one string, one
/// decode instead of one per part (each costs a TextDecoder call and a boundary crossing).
/// No part holds a line break: [`super::check_headers`] refused those before this.
fn spec(req: &HttpRequest) -> String {
    let mut spec = String::with_capacity(req.url.len() + 128);
    spec.push_str(req.method);
    spec.push('\n');
    spec.push_str(&req.url);
    for (name, value) in &req.headers {
        spec.push('\n');
        spec.push_str(name);
        spec.push('\n');
        spec.push_str(value);
    }
    spec
}

impl HttpSend for FetchSender {
    async fn send(
        &self,
        req: &HttpRequest,
        cancel: &Cancel,
        timeout_ms: u64,
    ) -> Result<HttpResponse, Error> {
        let spec = spec(req);
        let body = req
            .body
            .as_deref()
            .map_or(JsValue::UNDEFINED, JsValue::from_str);
        let signal = cancel
            .0
            .as_ref()
            .map_or(JsValue::UNDEFINED, |s| s.clone().into());
        let names = HEADER_NAMES.with(Clone::clone);
        let fetch = self
            .fetch
            .as_ref()
            .map_or(JsValue::UNDEFINED, |f| f.clone().into());
        let outcome = Settled::default();
        send_once(
            &settle_fn(),
            outcome.id(),
            &fetch,
            &spec,
            &body,
            &signal,
            timeout_ms as f64,
            &names,
            self.max_response_bytes as f64,
        );
        let out = outcome.await.map_err(|e| {
            match Reflect::get(&e, &"kind".into())
                .ok()
                .and_then(|k| k.as_string())
                .as_deref()
            {
                Some("aborted") => Error::Aborted,
                Some("timeout") => Error::Timeout { timeout_ms },
                Some("too_large") => Error::TooLarge {
                    limit: self.max_response_bytes,
                },
                Some("redirect") => Error::Redirect {
                    status: 0,
                    location: Reflect::get(&e, &"location".into())
                        .ok()
                        .and_then(|l| l.as_string())
                        .map(|l| super::redirect::shown(&l)),
                },
                _ => Error::Network {
                    message: js_message(&e),
                },
            }
        })?;
        let out: Array = out.unchecked_into();
        let status = out.get(0).as_f64().unwrap_or(0.0) as u16;
        let js_body = out.get(1);
        // The body, then the header values in RESPONSE_HEADERS order, each after a line break
        // ("" when absent; a header value holds none): one copy out of JS for all of them, and
        // the body is what remains once the values are cut off its end. Short answers come as
        // the string itself, long ones as its UTF-8 bytes (see js/fetch.js).
        let tail = out.get(2);
        let mut body = match tail.as_string() {
            Some(text) => text,
            None => {
                String::from_utf8(tail.unchecked_into::<Uint8Array>().to_vec()).unwrap_or_default()
            }
        };
        let mut headers = Vec::with_capacity(RESPONSE_HEADERS.len());
        for name in RESPONSE_HEADERS.iter().rev() {
            let Some(at) = body.rfind('\n') else {
                break;
            };
            if at + 1 < body.len() {
                headers.push((*name, body[at + 1..].to_owned()));
            }
            body.truncate(at);
        }
        Ok(HttpResponse {
            status,
            headers,
            body,
            js_body,
        })
    }

    async fn sleep(&self, ms: u64, cancel: &Cancel) -> Result<(), Error> {
        // setTimeout resolves and the signal's abort event rejects, without Rust closures.
        let wait = Promise::new(&mut |resolve, reject| {
            fetch_sys::set_timeout(&resolve, ms as f64);
            if let Some(signal) = &cancel.0 {
                signal.add_event_listener("abort", &reject);
            }
        });
        if cancel.is_aborted() {
            return Err(Error::Aborted);
        }
        JsFuture::from(wait)
            .await
            .map(|_| ())
            .map_err(|_| Error::Aborted)
    }

    fn now_ms(&self) -> f64 {
        js_sys::Date::now()
    }
}

/// The `message` of a thrown JS value, or its string form.
pub fn js_message(e: &JsValue) -> String {
    Reflect::get(e, &"message".into())
        .ok()
        .and_then(|m| m.as_string())
        .or_else(|| e.as_string())
        .unwrap_or_else(|| "fetch failed".to_owned())
}
