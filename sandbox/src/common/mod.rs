//! Building blocks shared by every simulated API: ids, clocks, money,
//! JSON error helpers, CORS and the response-stamping middleware.

pub(crate) mod clock;
pub(crate) mod cors;
pub(crate) mod json_error;
pub(crate) mod jwt;
pub mod money;
pub(crate) mod random;
pub(crate) mod stamp;

use std::sync::{Mutex, MutexGuard};

/// Locks a mutex, recovering the data if a previous holder panicked.
///
/// The sandbox never leaves state half-written across a panic point, so a
/// poisoned lock is still safe to use and keeps the server answering.
pub(crate) fn lock<T>(mutex: &Mutex<T>) -> MutexGuard<'_, T> {
    mutex
        .lock()
        .unwrap_or_else(std::sync::PoisonError::into_inner)
}
