//! Pure Rust, no wasm-bindgen: everything here runs and is tested natively.

pub mod clock;
pub mod encoding;
pub mod endpoint;
pub mod envelope;
pub mod error;
pub mod ids;
pub mod json;
pub mod jwt;
pub mod number;
pub mod retry;
pub mod schema;
pub mod validate;
pub mod webhook;
