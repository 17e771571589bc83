//! The Seamless stored-value (gift card) API.

mod client;
mod params;
mod query;
mod responses;
mod status;

pub use client::{StoredValueClient, StoredValueConfig, PRODUCTION_URL, SANDBOX_URL};
pub use params::{prepare, Op, Prepared};
pub use status::{describe, STATUS_CODES};
