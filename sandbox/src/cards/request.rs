//! What a business handler gets to see of one request, and delayed jobs
//! (KYC decisions, cardholder approvals).

use std::sync::Arc;
use std::time::{Duration, SystemTime};

use serde_json::{Map, Value};

use super::errors::ApiError;
use super::fields::Query;
use super::state::{Program, SharedProgram};
use crate::common::lock;

/// A handler's answer: the `data` of a success, or an error.
pub(crate) type Answer = Result<Value, ApiError>;

/// One authenticated request, as handlers see it.
#[derive(Debug, Clone, Copy)]
pub(crate) struct Ctx<'a> {
    /// Decoded query parameters.
    pub query: &'a Query,
    /// JSON body (empty for bodiless requests).
    pub body: &'a Map<String, Value>,
    /// Server time.
    pub now: SystemTime,
    /// The program, for scheduling delayed jobs on it.
    pub program: &'a SharedProgram,
    /// Key signing widget JWTs.
    pub widget_secret: &'a [u8],
}

impl Ctx<'_> {
    /// Runs `job` on the program after `delay_ms`, on the current tokio
    /// runtime (nothing happens outside one).
    pub(crate) fn after(&self, delay_ms: u64, job: impl FnOnce(&mut Program) + Send + 'static) {
        let Ok(runtime) = tokio::runtime::Handle::try_current() else {
            return;
        };
        let program = Arc::clone(self.program);
        runtime.spawn(async move {
            tokio::time::sleep(Duration::from_millis(delay_ms)).await;
            job(&mut lock(&program));
        });
    }
}
