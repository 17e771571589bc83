//! Building blocks shared by every simulated API: ids, clocks, money,
//! text checks, form decoding, HMAC signing and JWTs, injected faults and
//! the admin helpers around them, tenant lookup, JSON error helpers, CORS
//! and the response-stamping middleware.
//!
//! Nothing here knows any one API: the API modules import from `common`,
//! never the other way round.

pub(crate) mod admin;
pub(crate) mod clock;
pub(crate) mod cors;
pub(crate) mod fault;
pub(crate) mod json_error;
pub(crate) mod jwt;
pub mod money;
pub(crate) mod random;
pub(crate) mod signing;
pub(crate) mod stamp;
pub(crate) mod tenants;
pub(crate) mod text;
pub(crate) mod urlencoded;

use std::sync::{Mutex, MutexGuard, RwLock, RwLockReadGuard, RwLockWriteGuard};

/// Locks a mutex, recovering the data if a previous holder panicked.
///
/// The sandbox never leaves state half-written across a panic point, so a
/// poisoned lock is still safe to use and keeps the server answering.
pub(crate) fn lock<T>(mutex: &Mutex<T>) -> MutexGuard<'_, T> {
    mutex
        .lock()
        .unwrap_or_else(std::sync::PoisonError::into_inner)
}

/// Read-locks an `RwLock`, recovering the data if a writer panicked (see
/// [`lock`]).
pub(crate) fn read<T>(lock: &RwLock<T>) -> RwLockReadGuard<'_, T> {
    lock.read()
        .unwrap_or_else(std::sync::PoisonError::into_inner)
}

/// Write-locks an `RwLock`, recovering the data if a writer panicked (see
/// [`lock`]).
pub(crate) fn write<T>(lock: &RwLock<T>) -> RwLockWriteGuard<'_, T> {
    lock.write()
        .unwrap_or_else(std::sync::PoisonError::into_inner)
}

/// The object inside `value` (an empty one for anything else), so that unit
/// tests can write request bodies with `json!`.
#[cfg(test)]
pub(crate) fn object_of(value: serde_json::Value) -> serde_json::Map<String, serde_json::Value> {
    match value {
        serde_json::Value::Object(map) => map,
        _ => serde_json::Map::new(),
    }
}
