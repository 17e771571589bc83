//! The encrypted-envelope card issuing API: a client on the shared transport.

mod client;
mod endpoints;
mod errors;
#[cfg(not(target_arch = "wasm32"))]
pub mod typescript;

pub use client::{plaintext_not_object, EnvelopeClient, EnvelopeConfig};
pub use endpoints::{by_name, by_path, Endpoint, Payload, ENDPOINTS};
pub use errors::slug_for_plain_message;
