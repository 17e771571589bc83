//! In-memory state of the envelope API: tenants and everything they own.

use std::collections::{HashMap, HashSet};
use std::sync::{Arc, Mutex, RwLock};
use std::time::{Duration, Instant};

use axum::http::StatusCode;
use serde_json::{Map, Value};

use crate::common::fault::Faults;
use crate::common::tenants::TenantMap;
use crate::common::{lock, random, read, write};

/// How long a `(path, request_timestamp)` pair is remembered for replay
/// protection.
pub(crate) const REPLAY_WINDOW: Duration = Duration::from_secs(30);

/// A card issued to an external user.
#[derive(Debug, Clone)]
pub(crate) struct Card {
    /// Owner as given at creation.
    pub external_user_id: String,
    /// Current balance in cents.
    pub balance_cents: i64,
}

/// A completed card order (creation or topup).
#[derive(Debug, Clone)]
#[allow(
    dead_code,
    reason = "kept whole for order-status endpoints; only counted today"
)]
pub(crate) struct Order {
    /// `card_create` or `card_topup`.
    pub kind: &'static str,
    /// Card the order applies to.
    pub card_id: String,
    /// Amount moved, in cents.
    pub amount_cents: i64,
}

/// A stored first answer for an `Idempotency-Key`.
#[derive(Debug, Clone)]
pub(crate) struct IdempotencyRecord {
    /// Decrypted payload without `request_timestamp`.
    pub payload: Map<String, Value>,
    /// Status of the first answer.
    pub status: StatusCode,
    /// Plaintext body of the first answer.
    pub body: Value,
}

/// Everything one envelope API key owns.
#[derive(Debug)]
pub(crate) struct Tenant {
    /// The 32-byte secretbox key.
    pub encryption_key: [u8; 32],
    /// Master wallet balance in cents.
    pub master_balance_cents: i64,
    /// Cards by id.
    pub cards: HashMap<String, Card>,
    /// Orders by id.
    pub orders: HashMap<String, Order>,
    /// First answers by `(path, Idempotency-Key)`.
    pub idempotency: HashMap<(String, String), IdempotencyRecord>,
    /// Replay cache: `(path, request_timestamp)` → when first seen.
    pub replay: HashMap<(String, i64), Instant>,
    /// Server clock offset in milliseconds.
    pub clock_offset_ms: i64,
    /// Injected faults queued per path.
    pub faults: Faults,
    /// `/api/v1` requests received (including faulted ones).
    pub requests: u64,
}

impl Tenant {
    /// A fresh tenant with no cards.
    pub(crate) fn new(encryption_key: [u8; 32], master_balance_cents: i64) -> Self {
        Self {
            encryption_key,
            master_balance_cents,
            cards: HashMap::new(),
            orders: HashMap::new(),
            idempotency: HashMap::new(),
            replay: HashMap::new(),
            clock_offset_ms: 0,
            faults: Faults::default(),
            requests: 0,
        }
    }

    /// Records `(path, timestamp)`; returns `false` if it was already seen
    /// within [`REPLAY_WINDOW`]. Prunes expired entries.
    pub(crate) fn remember_request(&mut self, path: &str, timestamp: i64, now: Instant) -> bool {
        self.replay
            .retain(|_, seen| now.saturating_duration_since(*seen) <= REPLAY_WINDOW);
        let key = (path.to_owned(), timestamp);
        if self.replay.contains_key(&key) {
            return false;
        }
        self.replay.insert(key, now);
        true
    }
}

/// Result of looking up an `API-KEY` header value.
pub(crate) enum Lookup {
    /// A known tenant.
    Tenant(Arc<Mutex<Tenant>>),
    /// A valid key without access to this API.
    NoAccess,
    /// Not a key we know.
    Unknown,
}

/// All envelope tenants, by API key.
#[derive(Debug, Default)]
pub(crate) struct Registry {
    /// Tenants by API key.
    tenants: TenantMap<Tenant>,
    /// Valid keys without access to this API (answered with 403).
    no_access: RwLock<HashSet<String>>,
}

impl Registry {
    /// Adds (or replaces) a tenant under `api_key`.
    pub(crate) fn insert(&self, api_key: String, tenant: Tenant) {
        self.tenants.insert(api_key, tenant);
    }

    /// Registers a key that is valid but lacks access.
    pub(crate) fn insert_no_access(&self, api_key: String) {
        write(&self.no_access).insert(api_key);
    }

    /// Creates a tenant with a random API key and encryption key.
    /// Returns `(api_key, encryption_key)`.
    pub(crate) fn create(&self, master_balance_cents: i64) -> (String, [u8; 32]) {
        let api_key = random::id::<16>("sbx_env_");
        let encryption_key = random::bytes::<32>();
        self.insert(
            api_key.clone(),
            Tenant::new(encryption_key, master_balance_cents),
        );
        (api_key, encryption_key)
    }

    /// The tenant for `api_key`, if any.
    pub(crate) fn get(&self, api_key: &str) -> Option<Arc<Mutex<Tenant>>> {
        self.tenants.get(api_key)
    }

    /// Classifies an `API-KEY` header value.
    pub(crate) fn lookup(&self, api_key: &str) -> Lookup {
        if read(&self.no_access).contains(api_key) {
            return Lookup::NoAccess;
        }
        match self.get(api_key) {
            Some(tenant) => Lookup::Tenant(tenant),
            None => Lookup::Unknown,
        }
    }

    /// Clock offset of the tenant owning `api_key`, if any.
    pub(crate) fn clock_offset_ms(&self, api_key: &str) -> Option<i64> {
        self.get(api_key)
            .map(|tenant| lock(&tenant).clock_offset_ms)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn replay_cache_detects_and_expires() {
        let mut tenant = Tenant::new([0u8; 32], 0);
        let t0 = Instant::now();
        assert!(tenant.remember_request("/a", 1, t0));
        assert!(!tenant.remember_request("/a", 1, t0));
        assert!(tenant.remember_request("/b", 1, t0));
        let later = t0 + REPLAY_WINDOW + Duration::from_secs(1);
        assert!(tenant.remember_request("/a", 1, later));
        assert_eq!(tenant.replay.len(), 1);
    }
}
