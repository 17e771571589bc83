//! Seismic Orchestration: the session and request core of the `SeismicOrchestrationClient`
//! drop-in (the JS surface is not exposed yet).

mod client;
mod session;

pub use client::{
    api_error, KeySource, OrchestrationClient, OrchestrationConfig, PRODUCTION_URL, SANDBOX_URL,
};
pub use session::{MemoryTokenStore, TokenPair, TokenStore, REFRESH_AHEAD_MS};
