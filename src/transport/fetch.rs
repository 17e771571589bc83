//! Sender on the global `fetch` (or one the caller supplies): browsers, Node and workerd.

use js_sys::{Array, Function, Object, Promise, Reflect};
use wasm_bindgen::{JsCast, JsValue};
use wasm_bindgen_futures::JsFuture;

use super::fetch_sys::{self, AbortSignal, Response};
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
#[derive(Clone, Debug, Default)]
pub struct FetchSender {
    /// A caller-supplied `fetch` implementation.
    pub fetch: Option<Function>,
}

impl FetchSender {
    fn start(&self, req: &HttpRequest, signal: &AbortSignal) -> Result<Promise, JsValue> {
        let headers = Object::new();
        for (name, value) in &req.headers {
            Reflect::set(
                &headers,
                &JsValue::from_str(name),
                &JsValue::from_str(value),
            )?;
        }
        let init = Object::new();
        Reflect::set(&init, &"method".into(), &req.method.into())?;
        Reflect::set(&init, &"headers".into(), &headers)?;
        if let Some(body) = &req.body {
            Reflect::set(&init, &"body".into(), &JsValue::from_str(body))?;
        }
        Reflect::set(&init, &"signal".into(), signal)?;
        match &self.fetch {
            // A custom fetch may return a Response or a Promise of one.
            Some(f) => Ok(Promise::resolve(&f.call2(
                &JsValue::UNDEFINED,
                &JsValue::from_str(&req.url),
                &init,
            )?)),
            None => Ok(fetch_sys::global_fetch(&req.url, &init)),
        }
    }
}

impl HttpSend for FetchSender {
    async fn send(
        &self,
        req: &HttpRequest,
        cancel: &Cancel,
        timeout_ms: u64,
    ) -> Result<HttpResponse, Error> {
        let timer = AbortSignal::timeout(timeout_ms as f64);
        let signal = match &cancel.0 {
            Some(user) => AbortSignal::any(&Array::of2(user, &timer)),
            None => timer.clone(),
        };
        let classify = |e: JsValue| {
            if cancel.is_aborted() {
                Error::Aborted
            } else if timer.aborted() {
                Error::Timeout { timeout_ms }
            } else {
                Error::Network {
                    message: js_message(&e),
                }
            }
        };
        if signal.aborted() {
            return Err(classify(JsValue::UNDEFINED));
        }
        let promise = self.start(req, &signal).map_err(classify)?;
        let response: Response = JsFuture::from(abortable(promise, &signal))
            .await
            .map_err(classify)?
            .unchecked_into();
        let status = response.status();
        let js_headers = response.headers();
        let headers = RESPONSE_HEADERS
            .iter()
            .filter_map(|n| js_headers.get(n).map(|v| (*n, v)))
            .collect();
        let text = response.text().map_err(classify)?;
        let body = JsFuture::from(abortable(text, &signal))
            .await
            .map_err(classify)?
            .as_string()
            .unwrap_or_default();
        Ok(HttpResponse {
            status,
            headers,
            body,
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

// Settles with `promise`, or rejects when `signal` fires: the timeout and the caller's abort
// hold even for a custom `fetch` that ignores its signal. `signal` is per attempt, so the
// listener goes away with it (and AbortSignal.timeout does not keep Node alive).
fn abortable(promise: Promise, signal: &AbortSignal) -> Promise {
    let on_abort =
        Promise::new(&mut |_resolve, reject| signal.add_event_listener("abort", &reject));
    Promise::race(&Array::of2(&promise, &on_abort))
}

/// The `message` of a thrown JS value, or its string form.
pub fn js_message(e: &JsValue) -> String {
    Reflect::get(e, &"message".into())
        .ok()
        .and_then(|m| m.as_string())
        .or_else(|| e.as_string())
        .unwrap_or_else(|| "fetch failed".to_owned())
}
