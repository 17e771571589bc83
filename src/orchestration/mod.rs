//! Seismic Orchestration: the `SeismicOrchestrationClient` core — every documented method as
//! a row (`endpoints`) and its call built from the caller's arguments (`ops`), responses checked against the documented types (`schema`), and sessions
//! with single-flight refresh (`client`, `session`).

mod client;
pub mod endpoints;
pub mod ops;
#[cfg(not(target_arch = "wasm32"))]
pub mod requests;
pub mod schema;
mod schema_types;
mod session;
#[cfg(not(target_arch = "wasm32"))]
pub mod typescript;

pub use client::{
    api_error, KeySource, OrchestrationClient, OrchestrationConfig, Reply, PRODUCTION_URL,
    SANDBOX_URL,
};
pub use session::{MemoryTokenStore, StoreLock, TokenPair, TokenStore, REFRESH_AHEAD_MS};
