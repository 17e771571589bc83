//! In-memory state of the envelope API: tenants and everything they own.

use std::collections::{HashMap, HashSet, VecDeque};
use std::sync::{Arc, Mutex, RwLock};
use std::time::{Duration, Instant};

use axum::http::StatusCode;
use serde_json::{Map, Value};

use crate::common::{lock, random};

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

/// When an injected fault fires relative to real processing.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(crate) enum FaultTiming {
    /// Answer without processing.
    Before,
    /// Process fully, then answer with the fault instead.
    After,
}

/// One queued injected fault.
#[derive(Debug, Clone)]
pub(crate) struct Fault {
    /// HTTP status to answer with.
    pub status: StatusCode,
    /// Before or after processing.
    pub timing: FaultTiming,
    /// Optional `Retry-After` seconds.
    pub retry_after: Option<u64>,
    /// How long to hold the request before answering (a slow upstream, for client timeouts).
    pub delay_ms: u64,
}

impl Fault {
    /// Holds the request for the fault's delay.
    pub async fn stall(&self) {
        if self.delay_ms > 0 {
            tokio::time::sleep(std::time::Duration::from_millis(self.delay_ms)).await;
        }
    }
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
    pub faults: HashMap<String, VecDeque<Fault>>,
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
            faults: HashMap::new(),
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

    /// Takes the next queued fault for `path`, if any.
    pub(crate) fn take_fault(&mut self, path: &str) -> Option<Fault> {
        let queue = self.faults.get_mut(path)?;
        let fault = queue.pop_front();
        if queue.is_empty() {
            self.faults.remove(path);
        }
        fault
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
    tenants: RwLock<HashMap<String, Arc<Mutex<Tenant>>>>,
    no_access: RwLock<HashSet<String>>,
}

impl Registry {
    /// Adds (or replaces) a tenant under `api_key`.
    pub(crate) fn insert(&self, api_key: String, tenant: Tenant) {
        let mut tenants = self
            .tenants
            .write()
            .unwrap_or_else(std::sync::PoisonError::into_inner);
        tenants.insert(api_key, Arc::new(Mutex::new(tenant)));
    }

    /// Registers a key that is valid but lacks access.
    pub(crate) fn insert_no_access(&self, api_key: String) {
        let mut keys = self
            .no_access
            .write()
            .unwrap_or_else(std::sync::PoisonError::into_inner);
        keys.insert(api_key);
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
        let tenants = self
            .tenants
            .read()
            .unwrap_or_else(std::sync::PoisonError::into_inner);
        tenants.get(api_key).cloned()
    }

    /// Classifies an `API-KEY` header value.
    pub(crate) fn lookup(&self, api_key: &str) -> Lookup {
        let no_access = self
            .no_access
            .read()
            .unwrap_or_else(std::sync::PoisonError::into_inner)
            .contains(api_key);
        if no_access {
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

    #[test]
    fn faults_are_consumed_in_order() {
        let mut tenant = Tenant::new([0u8; 32], 0);
        let queue = tenant.faults.entry("/p".into()).or_default();
        for status in [StatusCode::BAD_GATEWAY, StatusCode::SERVICE_UNAVAILABLE] {
            queue.push_back(Fault {
                status,
                timing: FaultTiming::Before,
                retry_after: None,
                delay_ms: 0,
            });
        }
        assert_eq!(
            tenant.take_fault("/p").map(|f| f.status),
            Some(StatusCode::BAD_GATEWAY)
        );
        assert_eq!(
            tenant.take_fault("/p").map(|f| f.status),
            Some(StatusCode::SERVICE_UNAVAILABLE)
        );
        assert!(tenant.take_fault("/p").is_none());
    }
}
