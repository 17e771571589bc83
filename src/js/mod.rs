//! The JS boundary: the only code that touches `JsValue`. Each file wraps one Rust client
//! or concern; conversions and errors are shared.
//!
//! The rule (ARCHITECTURE.md): JavaScript holds only the package loaders (with their guard
//! against use after `free()`, `pkg-template/freed.js`), the error classes
//! (for `instanceof`), the one HTTP attempt of `js/fetch.js` (the Node `node:http` wire) and
//! JSON parsing of a body the engine already holds; no API rule. A call crosses once each
//! way for its request and once each way for its answer.

mod cards;
mod convert;
mod envelope;
mod errors;
mod namespaces;
mod orchestration;
mod orchestration_class;
mod pages;
mod stored_value;
mod token_stores;
mod types;
mod types_cards;
mod webhook;
mod widget;
mod widget_handler;
mod widget_mount;
