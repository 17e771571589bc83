//! Injected faults, the same for every API: what one queued fault does, the
//! per-path queues tenants keep, how an admin body describes faults, and how
//! a request pipeline applies the next one around its real work.
//!
//! Each API only decides what a faulted answer's body looks like (its own
//! error envelope); everything else about faults lives here so that the
//! four `/__sandbox/*/faults` routes behave alike.

use std::collections::{HashMap, VecDeque};
use std::future::Future;
use std::time::Duration;

use axum::http::{header, HeaderValue, StatusCode};
use axum::response::Response;
use serde_json::{Map, Value};

use super::json_error::plain;

/// Upper bound on faults queued by one admin call, to keep memory bounded.
const MAX_FAULT_COUNT: u64 = 10_000;
/// Longest `delayMs` of an injected fault.
const MAX_FAULT_DELAY_MS: u64 = 60_000;

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
    pub(crate) async fn stall(&self) {
        if self.delay_ms > 0 {
            tokio::time::sleep(Duration::from_millis(self.delay_ms)).await;
        }
    }

    /// `response` with the fault's `Retry-After`, when it has one.
    pub(crate) fn with_retry_after(&self, mut response: Response) -> Response {
        if let Some(seconds) = self.retry_after {
            response
                .headers_mut()
                .insert(header::RETRY_AFTER, HeaderValue::from(seconds));
        }
        response
    }

    /// The plain `{"error": "sandbox injected fault"}` answer (the envelope
    /// and Cards APIs use it; the others wrap the status in their own
    /// error envelope).
    pub(crate) fn plain_response(&self) -> Response {
        self.with_retry_after(plain(self.status, "sandbox injected fault"))
    }
}

/// Faults queued per request path, each queue consumed in order.
#[derive(Debug, Default)]
pub(crate) struct Faults(HashMap<String, VecDeque<Fault>>);

impl Faults {
    /// Queues `count` copies of `fault` for `path`.
    pub(crate) fn queue(&mut self, path: String, count: u64, fault: &Fault) {
        let queue = self.0.entry(path).or_default();
        for _ in 0..count {
            queue.push_back(fault.clone());
        }
    }

    /// Takes the next queued fault for `path`, if any.
    pub(crate) fn take(&mut self, path: &str) -> Option<Fault> {
        let queue = self.0.get_mut(path)?;
        let fault = queue.pop_front();
        if queue.is_empty() {
            // Empty queues are dropped so that paths never faulted again do
            // not accumulate.
            self.0.remove(path);
        }
        fault
    }
}

/// Reads a fault description from an admin body:
/// `{path, status, count?, when?, retryAfter?, delayMs?}` → `(path, count,
/// fault)`, or the message of the first invalid field.
pub(crate) fn parse_fault_fields(
    body: &Map<String, Value>,
) -> Result<(String, u64, Fault), &'static str> {
    let path = body
        .get("path")
        .and_then(Value::as_str)
        .filter(|path| path.starts_with('/'))
        .ok_or("path must start with /")?;
    let status = body
        .get("status")
        .and_then(Value::as_u64)
        .and_then(|code| u16::try_from(code).ok())
        .and_then(|code| StatusCode::from_u16(code).ok())
        .filter(|code| code.as_u16() >= 200)
        .ok_or("status must be an HTTP status between 200 and 999")?;
    let count = match body.get("count") {
        None | Some(Value::Null) => 1,
        Some(value) => value
            .as_u64()
            .filter(|count| (1..=MAX_FAULT_COUNT).contains(count))
            .ok_or("count must be an integer from 1 to 10000")?,
    };
    let timing = match body.get("when").and_then(Value::as_str) {
        None | Some("before") => FaultTiming::Before,
        Some("after") => FaultTiming::After,
        Some(_) => return Err("when must be \"before\" or \"after\""),
    };
    let retry_after = match body.get("retryAfter") {
        None | Some(Value::Null) => None,
        Some(value) => Some(
            value
                .as_u64()
                .ok_or("retryAfter must be a non-negative integer")?,
        ),
    };
    let delay_ms = match body.get("delayMs") {
        None | Some(Value::Null) => 0,
        Some(value) => value
            .as_u64()
            .filter(|ms| *ms <= MAX_FAULT_DELAY_MS)
            .ok_or("delayMs must be an integer from 0 to 60000")?,
    };
    let fault = Fault {
        status,
        timing,
        retry_after,
        delay_ms,
    };
    Ok((path.to_owned(), count, fault))
}

/// Runs a request's real `work` under the fault taken for it (if any):
/// the fault's delay first, then either its answer instead of the work
/// (`before`: `work` is dropped unpolled, so nothing happens) or the work
/// to its end followed by the fault's answer (`after`: the side effects
/// stay, the client just never sees them). `respond` renders the fault in
/// the API's own error shape.
pub(crate) async fn apply<W>(
    fault: Option<Fault>,
    respond: impl FnOnce(&Fault) -> Response,
    work: W,
) -> Response
where
    W: Future<Output = Response>,
{
    let Some(fault) = fault else {
        return work.await;
    };
    fault.stall().await;
    if fault.timing == FaultTiming::After {
        // The answer is what the fault replaces; only its side effects count.
        let _ = work.await;
    }
    respond(&fault)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn faults_are_consumed_in_order() {
        let mut faults = Faults::default();
        for status in [StatusCode::BAD_GATEWAY, StatusCode::SERVICE_UNAVAILABLE] {
            let fault = Fault {
                status,
                timing: FaultTiming::Before,
                retry_after: None,
                delay_ms: 0,
            };
            faults.queue("/p".into(), 1, &fault);
        }
        assert_eq!(
            faults.take("/p").map(|f| f.status),
            Some(StatusCode::BAD_GATEWAY)
        );
        assert_eq!(
            faults.take("/p").map(|f| f.status),
            Some(StatusCode::SERVICE_UNAVAILABLE)
        );
        assert!(faults.take("/p").is_none());
    }
}
