//! The JS boundary: the only code that touches `JsValue`. Each file wraps one Rust client
//! or concern; conversions and errors are shared.

mod cards;
mod convert;
mod envelope;
mod errors;
mod orchestration;
mod stored_value;
mod token_stores;
mod types;
mod types_cards;
mod webhook;
mod widget;
