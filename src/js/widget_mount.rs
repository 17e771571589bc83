//! The browser half of the PCI card widget: an iframe on the widget's own origin that gets a
//! short-lived per-card token by `postMessage` to exactly that origin and shows the card
//! itself; the host page never sees card data. Messages from anything but that frame are
//! ignored; an expired token is replaced; `unmount()` tears everything down.

use std::cell::RefCell;
use std::rc::Rc;

use gloo_net::http::Request;
use js_sys::{Function, Object, Reflect};
use serde::Serialize;
use wasm_bindgen::prelude::*;
use wasm_bindgen_futures::{spawn_local, JsFuture};
use web_sys::{Element, HtmlIFrameElement, MessageEvent, RequestCredentials, Window};

use crate::core::jwt;
use crate::js::convert::{get, settled};
use crate::js::errors::card_widget_error;

/// How long the frame may take to say it loaded.
const LOAD_TIMEOUT_MS: i32 = 10_000;
/// A token this close to its expiry is replaced before it is sent.
const EXPIRY_MARGIN_MS: f64 = 5_000.0;

struct Token {
    value: String,
    exp: Option<f64>,
}

/// One mounted widget.
struct Widget {
    window: Window,
    element: Element,
    options: JsValue,
    url: String,
    origin: String,
    iframe: Option<HtmlIFrameElement>,
    current: Option<Token>,
    load_timer: Option<i32>,
    frame_loaded: bool,
    retried_expired: bool,
    disposed: bool,
    on_message: Option<Closure<dyn FnMut(MessageEvent)>>,
    on_load: Option<Closure<dyn FnMut()>>,
    on_timeout: Option<Closure<dyn FnMut()>>,
}

type Shared = Rc<RefCell<Widget>>;

/// A failure as `CardWidgetError` to the integrator's `onError`, if any.
fn fail(options: &JsValue, code: &str, message: &str) {
    if let Ok(f) = get(options, "onError").dyn_into::<Function>() {
        let _ = f.call1(&JsValue::NULL, &card_widget_error(code, message));
    }
}

fn message_of(e: &JsValue) -> String {
    get(e, "message")
        .as_string()
        .or_else(|| e.as_string())
        .unwrap_or_else(|| "failed".into())
}

/// The body POSTed to `tokenUrl`.
#[derive(Serialize)]
struct TokenAsk<'a> {
    #[serde(rename = "cardId")]
    card_id: &'a str,
}

/// A token from the integrator's `fetchToken(cardId)` or a POST of `{ cardId }` to `tokenUrl`
/// (same-origin credentials: the endpoint authorizes the signed-in user by their cookie). The
/// answer is the token itself or `{ token, expiresAt? }`; it is read as a JS value, not through
/// a typed serde deserializer, whose error path formats floats (about 30 KB of wasm measured).
async fn fetch_token(options: &JsValue) -> Result<Token, (&'static str, String)> {
    let card_id = get(options, "cardId");
    let failed = |e: &dyn std::fmt::Display| {
        (
            "token_fetch_failed",
            format!("could not get a widget token: {e}"),
        )
    };
    let js_failed = |e: JsValue| failed(&message_of(&e));
    let answer = match get(options, "fetchToken").dyn_into::<Function>() {
        Ok(f) => settled(f.call1(&JsValue::NULL, &card_id).map_err(js_failed)?)
            .await
            .map_err(js_failed)?,
        Err(_) => {
            let url = get(options, "tokenUrl").as_string().unwrap_or_default();
            let card_id = card_id.as_string().unwrap_or_default();
            let res = Request::post(&url)
                .credentials(RequestCredentials::SameOrigin)
                .json(&TokenAsk { card_id: &card_id })
                .map_err(|e| failed(&e))?
                .send()
                .await
                .map_err(|e| failed(&e))?;
            if !res.ok() {
                let status = format!("token endpoint answered HTTP {}", res.status());
                return Err(failed(&status));
            }
            let res: web_sys::Response = res.into();
            JsFuture::from(res.json().map_err(js_failed)?)
                .await
                .map_err(js_failed)?
        }
    };
    let value = answer
        .as_string()
        .or_else(|| get(&answer, "token").as_string())
        .filter(|t| !t.is_empty())
        .ok_or((
            "token_fetch_failed",
            "the token endpoint returned no token".to_owned(),
        ))?;
    let expires_at = get(&answer, "expiresAt").as_f64();
    let exp = jwt::expiry_ms(&value).or(expires_at);
    if exp.is_some_and(|exp| exp <= js_sys::Date::now()) {
        return Err((
            "token_expired",
            "the token endpoint returned an expired token".to_owned(),
        ));
    }
    Ok(Token { value, exp })
}

/// Sends a usable token to the frame, fetching one first when none is held or it is due.
fn send_token(widget: &Shared) {
    let widget = widget.clone();
    spawn_local(async move {
        let options = widget.borrow().options.clone();
        let due = widget.borrow().current.as_ref().is_none_or(|t| {
            t.exp
                .is_some_and(|exp| exp - js_sys::Date::now() < EXPIRY_MARGIN_MS)
        });
        if due {
            // An endpoint that handed out a stale token (a cache, a slow hop) gets one more ask.
            let token = match fetch_token(&options).await {
                Err(("token_expired", _)) => fetch_token(&options).await,
                other => other,
            };
            match token {
                Ok(t) => widget.borrow_mut().current = Some(t),
                Err((code, message)) => return fail(&options, code, &message),
            }
        }
        let w = widget.borrow();
        let (Some(frame), Some(token), false) = (
            w.iframe
                .as_ref()
                .and_then(HtmlIFrameElement::content_window),
            w.current.as_ref(),
            w.disposed,
        ) else {
            return;
        };
        let message = Object::new();
        let _ = Reflect::set(&message, &"type".into(), &"seismic-widget:init".into());
        let _ = Reflect::set(&message, &"token".into(), &token.value.as_str().into());
        let _ = Reflect::set(&message, &"style".into(), &get(&options, "style"));
        // The exact widget origin: the token can reach nothing else.
        let _ = frame.post_message(&message, &w.origin);
    });
}

fn on_message(widget: &Shared, event: MessageEvent) {
    let (options, from_frame) = {
        let w = widget.borrow();
        let frame = w
            .iframe
            .as_ref()
            .and_then(HtmlIFrameElement::content_window)
            .map(JsValue::from);
        let source = event.source().map(JsValue::from);
        let ok = event.origin() == w.origin && frame.is_some() && source == frame;
        (w.options.clone(), ok)
    };
    if !from_frame {
        return;
    }
    let data = event.data();
    let kind = get(&data, "type").as_string().unwrap_or_default();
    let callback = |name: &'static str| get(&options, name).dyn_into::<Function>().ok();
    match kind.as_str() {
        "seismic-widget:loaded" => {
            let timer = widget.borrow_mut().load_timer.take();
            if let Some(t) = timer {
                widget.borrow().window.clear_timeout_with_handle(t);
            }
            send_token(widget);
        }
        "seismic-widget:ready" => {
            widget.borrow_mut().retried_expired = false;
            if let Some(f) = callback("onReady") {
                let _ = f.call0(&JsValue::NULL);
            }
        }
        "seismic-widget:error" => {
            let code = get(&data, "code").as_string().unwrap_or_default();
            let retry = code == "token_expired" && !widget.borrow().retried_expired;
            if retry {
                // An expired token gets a fresh one, not a broken frame.
                let mut w = widget.borrow_mut();
                w.retried_expired = true;
                w.current = None;
                drop(w);
                send_token(widget);
            } else {
                let mapped = if code == "token_expired" {
                    "token_expired"
                } else {
                    "token_invalid"
                };
                fail(
                    &options,
                    mapped,
                    &format!("the widget refused the token ({code})"),
                );
            }
        }
        "seismic-widget:copy" => {
            if let Some(f) = callback("onCopy") {
                let field = if get(&data, "field").as_string().as_deref() == Some("cvv") {
                    "cvv"
                } else {
                    "number"
                };
                let arg = Object::new();
                let _ = Reflect::set(&arg, &"field".into(), &field.into());
                let _ = f.call1(&JsValue::NULL, &arg);
            }
        }
        _ => {}
    }
}

/// (Re)creates the frame. The URL carries no token: it would reach logs, history and Referer.
fn load(widget: &Shared) -> Result<(), JsValue> {
    let mut w = widget.borrow_mut();
    w.frame_loaded = false;
    if let Some(old) = w.iframe.take() {
        old.remove();
    }
    let document = w
        .window
        .document()
        .ok_or_else(|| JsValue::from_str("no document"))?;
    let iframe: HtmlIFrameElement = document.create_element("iframe")?.unchecked_into();
    iframe.set_title("Card details");
    iframe.set_src(&w.url);
    iframe.set_attribute("sandbox", "allow-scripts allow-same-origin")?;
    iframe.set_attribute("allow", "clipboard-write")?;
    iframe.set_attribute("referrerpolicy", "no-referrer")?;
    iframe.set_attribute("style", "border:0;width:100%;height:220px;display:block")?;
    if let Some(on_load) = &w.on_load {
        iframe.add_event_listener_with_callback("load", on_load.as_ref().unchecked_ref())?;
    }
    if let Some(t) = w.load_timer.take() {
        w.window.clear_timeout_with_handle(t);
    }
    if let Some(on_timeout) = &w.on_timeout {
        w.load_timer = Some(
            w.window
                .set_timeout_with_callback_and_timeout_and_arguments_0(
                    on_timeout.as_ref().unchecked_ref(),
                    LOAD_TIMEOUT_MS,
                )?,
        );
    }
    w.element.append_child(&iframe)?;
    w.iframe = Some(iframe);
    Ok(())
}

fn unmount(widget: &Shared) {
    let mut w = widget.borrow_mut();
    w.disposed = true;
    if let Some(t) = w.load_timer.take() {
        w.window.clear_timeout_with_handle(t);
    }
    if let Some(listener) = &w.on_message {
        let _ = w
            .window
            .remove_event_listener_with_callback("message", listener.as_ref().unchecked_ref());
    }
    if let Some(frame) = w.iframe.take() {
        frame.remove();
    }
    w.current = None;
}

/// Mounts the widget; `url` is the absolute widget URL (validated by the caller).
pub fn mount(element: JsValue, options: JsValue, url: &str) -> Result<JsValue, JsValue> {
    let window =
        web_sys::window().ok_or_else(|| JsValue::from_str("mountCardWidget needs a page"))?;
    let origin = web_sys::Url::new(url)?.origin();
    let widget: Shared = Rc::new(RefCell::new(Widget {
        window: window.clone(),
        element: element.unchecked_into(),
        options,
        url: url.to_owned(),
        origin,
        iframe: None,
        current: None,
        load_timer: None,
        frame_loaded: false,
        retried_expired: false,
        disposed: false,
        on_message: None,
        on_load: None,
        on_timeout: None,
    }));
    // The page's listener holds the widget while it is mounted (the integrator may drop the
    // handle); it stays in the widget after unmount, as dropping a closure that may be running
    // (an `onError` that unmounts) would trap: a mount costs its few closures once.
    let held = widget.clone();
    let on_message = Closure::<dyn FnMut(MessageEvent)>::new(move |event: MessageEvent| {
        on_message(&held, event);
    });
    let w = Rc::downgrade(&widget);
    let on_load = Closure::<dyn FnMut()>::new(move || {
        if let Some(widget) = w.upgrade() {
            widget.borrow_mut().frame_loaded = true;
        }
    });
    let w = Rc::downgrade(&widget);
    let on_timeout = Closure::<dyn FnMut()>::new(move || {
        if let Some(widget) = w.upgrade() {
            let (loaded, options) = {
                let mut w = widget.borrow_mut();
                w.load_timer = None;
                (w.frame_loaded, w.options.clone())
            };
            if loaded {
                fail(
                    &options,
                    "widget_blocked",
                    "the widget frame loaded but never answered (blocked by a policy?)",
                );
            } else {
                fail(
                    &options,
                    "widget_load_failed",
                    "the widget frame did not load",
                );
            }
        }
    });
    window.add_event_listener_with_callback("message", on_message.as_ref().unchecked_ref())?;
    {
        let mut w = widget.borrow_mut();
        w.on_message = Some(on_message);
        w.on_load = Some(on_load);
        w.on_timeout = Some(on_timeout);
    }
    load(&widget)?;
    let handle = Object::new();
    let held = widget.clone();
    let unmount_fn = Closure::<dyn FnMut()>::new(move || unmount(&held));
    let held = widget;
    let refresh_fn = Closure::<dyn FnMut()>::new(move || {
        if held.borrow().disposed {
            return;
        }
        {
            let mut w = held.borrow_mut();
            w.current = None;
            w.retried_expired = false;
        }
        let _ = load(&held);
    });
    Reflect::set(&handle, &"unmount".into(), &unmount_fn.into_js_value())?;
    Reflect::set(&handle, &"refresh".into(), &refresh_fn.into_js_value())?;
    Ok(handle.into())
}
