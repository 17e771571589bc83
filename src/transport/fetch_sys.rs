//! Raw bindings to the web platform pieces the fetch sender needs. They exist in browsers,
//! Node ≥ 20 and workerd alike; only `fetch.rs` uses them.

use js_sys::{Array, Function, Object, Promise};
use wasm_bindgen::prelude::*;

#[wasm_bindgen]
extern "C" {
    /// The global `fetch`, called as a bare identifier (a detached `globalThis.fetch` throws
    /// "Illegal invocation" in Workers).
    #[wasm_bindgen(js_name = fetch)]
    pub fn global_fetch(url: &str, init: &Object) -> Promise;

    #[wasm_bindgen(js_name = setTimeout)]
    pub fn set_timeout(callback: &Function, ms: f64) -> JsValue;

    /// `AbortSignal`.
    #[derive(Clone, Debug)]
    pub type AbortSignal;
    #[wasm_bindgen(method, getter)]
    pub fn aborted(this: &AbortSignal) -> bool;
    #[wasm_bindgen(method, js_name = addEventListener)]
    pub fn add_event_listener(this: &AbortSignal, kind: &str, listener: &Function);
    #[wasm_bindgen(static_method_of = AbortSignal, js_name = timeout)]
    pub fn timeout(ms: f64) -> AbortSignal;
    #[wasm_bindgen(static_method_of = AbortSignal, js_name = any)]
    pub fn any(signals: &Array) -> AbortSignal;

    /// `Response` (or anything shaped like it that a custom `fetch` returns).
    pub type Response;
    #[wasm_bindgen(method, getter)]
    pub fn status(this: &Response) -> u16;
    #[wasm_bindgen(method, getter)]
    pub fn headers(this: &Response) -> Headers;
    #[wasm_bindgen(method, catch)]
    pub fn text(this: &Response) -> Result<Promise, JsValue>;

    /// `Headers`.
    pub type Headers;
    #[wasm_bindgen(method)]
    pub fn get(this: &Headers, name: &str) -> Option<String>;
}
