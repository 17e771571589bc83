//! The Seamless stored-value (gift card) API.

mod client;
mod endpoints;
mod params;
mod query;
#[cfg(not(target_arch = "wasm32"))]
pub mod requests;
mod responses;
mod status;
#[cfg(not(target_arch = "wasm32"))]
pub mod typescript;

pub use client::{StoredValueClient, StoredValueConfig, PRODUCTION_URL, SANDBOX_URL};
pub use endpoints::{endpoint, Endpoint, ENDPOINTS};
pub use params::{prepare, Op, Prepared};
pub use status::{describe, STATUS_CODES};
