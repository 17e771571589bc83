//! Dashboard sessions: the token pair and where it is kept.

use std::cell::RefCell;

use crate::core::clock::parse_rfc3339_ms;
use crate::core::error::Error;
use crate::core::json::Json;

/// An access + refresh token pair, as `login`, `mfa.verify` and `refresh` return it.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct TokenPair {
    /// Sent as `Authorization: Bearer …`.
    pub access_token: String,
    /// Spent (and rotated) by `/auth/refresh`.
    pub refresh_token: String,
    /// RFC 3339, when the server said.
    pub access_expires_at: Option<String>,
    /// RFC 3339, when the server said.
    pub refresh_expires_at: Option<String>,
}

/// Refresh this long before `access_expires_at` rather than waiting for a 401.
pub const REFRESH_AHEAD_MS: i64 = 30_000;

impl TokenPair {
    /// The pair inside a response body, if it holds one.
    pub fn from_json(body: &Json) -> Option<Self> {
        Some(Self {
            access_token: body.str_field("access_token")?.to_owned(),
            refresh_token: body.str_field("refresh_token")?.to_owned(),
            access_expires_at: body.str_field("access_expires_at").map(str::to_owned),
            refresh_expires_at: body.str_field("refresh_expires_at").map(str::to_owned),
        })
    }

    /// Whether the access token expires within [`REFRESH_AHEAD_MS`] of `now_ms` (false when
    /// the expiry is unknown: then only a 401 triggers a refresh).
    pub fn access_due(&self, now_ms: f64) -> bool {
        self.access_expires_at
            .as_deref()
            .and_then(parse_rfc3339_ms)
            .is_some_and(|at| (at as f64) - now_ms < REFRESH_AHEAD_MS as f64)
    }
}

/// Where a session's tokens live: memory, `localStorage`, or the caller's own store (which
/// may be asynchronous, e.g. Workers KV or a cookie jar).
#[allow(async_fn_in_trait)]
pub trait TokenStore {
    /// The current pair, if any.
    async fn load(&self) -> Result<Option<TokenPair>, Error>;
    /// Replaces the pair.
    async fn save(&self, pair: &TokenPair) -> Result<(), Error>;
    /// Forgets the pair.
    async fn clear(&self) -> Result<(), Error>;
    /// Exclusive right to spend the refresh token, across every client sharing this store
    /// (browser tabs on one `localStorage`): a rotating refresh token spent twice logs the
    /// user out. Held until the returned guard drops; `None` when the store is not shared.
    async fn lock(&self) -> Result<Option<StoreLock>, Error> {
        Ok(None)
    }
}

/// A held [`TokenStore::lock`]; releases on drop.
pub struct StoreLock(Option<Box<dyn FnOnce()>>);

impl StoreLock {
    /// A lock released by calling `release`.
    pub fn new(release: Box<dyn FnOnce()>) -> Self {
        Self(Some(release))
    }
}

impl Drop for StoreLock {
    fn drop(&mut self) {
        if let Some(release) = self.0.take() {
            release();
        }
    }
}

/// A store in memory, optionally seeded.
#[derive(Debug, Default)]
pub struct MemoryTokenStore(RefCell<Option<TokenPair>>);

impl MemoryTokenStore {
    /// A store holding `initial`.
    pub fn new(initial: Option<TokenPair>) -> Self {
        Self(RefCell::new(initial))
    }
}

impl TokenStore for MemoryTokenStore {
    async fn load(&self) -> Result<Option<TokenPair>, Error> {
        Ok(self.0.borrow().clone())
    }
    async fn save(&self, pair: &TokenPair) -> Result<(), Error> {
        *self.0.borrow_mut() = Some(pair.clone());
        Ok(())
    }
    async fn clear(&self) -> Result<(), Error> {
        *self.0.borrow_mut() = None;
        Ok(())
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn reads_a_pair_and_knows_when_it_is_due() {
        let body = Json::parse(r#"{"status":"tokens","access_token":"a","refresh_token":"r","access_expires_at":"2026-11-22T03:02:07Z"}"#)
            .unwrap_or(Json::Null);
        let pair = TokenPair::from_json(&body);
        assert_eq!(pair.as_ref().map(|p| p.access_token.as_str()), Some("a"));
        let at = 1_795_316_527_000.0;
        assert_eq!(
            pair.as_ref().map(|p| p.access_due(at - 60_000.0)),
            Some(false)
        );
        assert_eq!(
            pair.as_ref().map(|p| p.access_due(at - 10_000.0)),
            Some(true)
        );
        assert!(TokenPair::from_json(
            &Json::parse(r#"{"status":"mfa_required","challenge_id":"c"}"#).unwrap_or(Json::Null)
        )
        .is_none());
    }
}
