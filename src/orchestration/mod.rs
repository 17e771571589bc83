//! Seismic Orchestration: the `SeismicOrchestrationClient` core — every documented method as
//! data (`ops`), responses checked against the documented types (`schema`), and sessions
//! with single-flight refresh (`client`, `session`).

mod client;
pub mod ops;
pub mod schema;
mod schema_types;
mod session;

pub use client::{
    api_error, KeySource, OrchestrationClient, OrchestrationConfig, Reply, PRODUCTION_URL,
    SANDBOX_URL,
};
pub use session::{MemoryTokenStore, StoreLock, TokenPair, TokenStore, REFRESH_AHEAD_MS};
