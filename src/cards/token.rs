//! The OAuth access token: cached as data (never as an in-flight future, which workerd cannot
//! share between requests), renewed within 60 s of expiry, one renewal at a time.

use crate::core::error::Error;

/// A cached access token.
#[derive(Debug, Clone, PartialEq, serde::Serialize)]
pub struct CachedToken {
    /// The `x-access-token` value.
    #[serde(rename = "accessToken")]
    pub access_token: String,
    /// Expiry, milliseconds since the epoch.
    #[serde(rename = "expiresAt")]
    pub expires_at_ms: f64,
}

/// Renew this long before expiry, as the API documentation recommends.
pub const RENEW_BEFORE_MS: f64 = 60_000.0;

impl CachedToken {
    /// Whether the token is still good for a request at `now_ms`.
    pub fn fresh(&self, now_ms: f64) -> bool {
        !self.access_token.is_empty() && self.expires_at_ms - now_ms > RENEW_BEFORE_MS
    }
}

/// Where tokens are kept across client instances (Workers KV, Redis…). The client keeps its
/// own in-memory copy too, so the cache is read only when that copy is missing or stale.
#[allow(async_fn_in_trait)]
pub trait TokenCache {
    /// The stored token, if any.
    async fn get(&self) -> Result<Option<CachedToken>, Error>;
    /// Stores a new token.
    async fn set(&self, token: &CachedToken) -> Result<(), Error>;
}

/// No shared cache: the client's in-memory copy only.
#[derive(Debug, Default, Clone, Copy)]
pub struct MemoryOnly;

impl TokenCache for MemoryOnly {
    async fn get(&self) -> Result<Option<CachedToken>, Error> {
        Ok(None)
    }
    async fn set(&self, _token: &CachedToken) -> Result<(), Error> {
        Ok(())
    }
}
