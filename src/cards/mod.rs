//! The Seismic Cards issuing API: OAuth, accounts, cardholders, budgets, cards, transactions.

mod client;
mod endpoints;
mod fields;
#[cfg(not(target_arch = "wasm32"))]
pub mod requests;
mod responses;
mod token;
#[cfg(not(target_arch = "wasm32"))]
pub mod typescript;

pub use crate::core::endpoint::Idempotency;
pub use client::{envelope_data, CardsClient, CardsConfig, PRODUCTION_URL, SANDBOX_URL};
pub use endpoints::{endpoint, Endpoint, ENDPOINTS};
pub use fields::{build, Built};
pub use token::{CachedToken, MemoryOnly, TokenCache, RENEW_BEFORE_MS};
