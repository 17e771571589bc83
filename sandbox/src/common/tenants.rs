//! The lookup every API keeps of its tenants: one entry per key (API key,
//! `clientId`), each tenant behind its own lock so that requests of
//! different tenants never wait on each other.

use std::collections::HashMap;
use std::sync::{Arc, Mutex, RwLock};

use super::{read, write};

/// Tenants by key.
#[derive(Debug)]
pub(crate) struct TenantMap<T> {
    /// The write lock is only taken to add a tenant.
    tenants: RwLock<HashMap<String, Arc<Mutex<T>>>>,
}

impl<T> Default for TenantMap<T> {
    fn default() -> Self {
        Self {
            tenants: RwLock::default(),
        }
    }
}

impl<T> TenantMap<T> {
    /// Adds (or replaces) the tenant under `key` and returns it shared.
    pub(crate) fn insert(&self, key: String, tenant: T) -> Arc<Mutex<T>> {
        let shared = Arc::new(Mutex::new(tenant));
        write(&self.tenants).insert(key, Arc::clone(&shared));
        shared
    }

    /// The tenant under `key`, if any.
    pub(crate) fn get(&self, key: &str) -> Option<Arc<Mutex<T>>> {
        read(&self.tenants).get(key).cloned()
    }

    /// Every tenant, in no particular order.
    pub(crate) fn all(&self) -> Vec<Arc<Mutex<T>>> {
        read(&self.tenants).values().cloned().collect()
    }
}
