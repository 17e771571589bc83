//! What a hostile server saw and sent: every request it received and, for
//! every body a rule generated, how much of it was actually handed to the
//! connection. Tests read it through `GET /__sandbox/hostile/servers/{id}`.

use std::sync::atomic::{AtomicBool, AtomicU64, Ordering};
use std::sync::{Arc, Mutex};

use axum::http::request::Parts;
use serde_json::{json, Map, Value};

use crate::common::lock;

/// Most requests (and most rule responses) kept per server: a runaway
/// client must not grow the sandbox's memory without bound, and a test
/// never needs more. The first ones are kept, so indices stay stable.
const MAX_RECORDED: usize = 1000;
/// Longest request body prefix kept as text; `bodyLength` still tells the
/// real size.
const MAX_BODY_TEXT: usize = 64 * 1024;

/// The request and response log of one hostile server.
#[derive(Debug, Default)]
pub(super) struct Record {
    /// One JSON object per received request, in arrival order.
    requests: Mutex<Vec<Value>>,
    /// Live counters of every rule-generated body, in creation order.
    responses: Mutex<Vec<Arc<Progress>>>,
}

impl Record {
    /// Logs a request (its head, its body as lossy text and the index of
    /// the rule that took it, if any), unless the log is full.
    pub(super) fn request(&self, parts: &Parts, body: &[u8], rule: Option<usize>) {
        let mut requests = lock(&self.requests);
        if requests.len() >= MAX_RECORDED {
            return;
        }
        requests.push(request_json(parts, body, rule));
    }

    /// Registers the counters of a rule body about to be streamed (kept
    /// even if the log is full, so the stream can always update them).
    pub(super) fn response(&self, rule: usize, total: u64) -> Arc<Progress> {
        let progress = Arc::new(Progress {
            rule,
            // An empty body has nothing left to yield, and the connection
            // may never poll it (e.g. `Content-Length: 0`).
            finished: AtomicBool::new(total == 0),
            bytes_sent: AtomicU64::new(0),
        });
        let mut responses = lock(&self.responses);
        if responses.len() < MAX_RECORDED {
            responses.push(Arc::clone(&progress));
        }
        progress
    }

    /// `{ requests: [...], responses: [{rule, bytesSent, finished}] }` as
    /// of now (the counters of a body still streaming keep moving).
    pub(super) fn snapshot(&self) -> (Value, Value) {
        let requests = Value::Array(lock(&self.requests).clone());
        let responses = lock(&self.responses)
            .iter()
            .map(|progress| {
                json!({
                    "rule": progress.rule,
                    "bytesSent": progress.bytes_sent.load(Ordering::Acquire),
                    "finished": progress.finished.load(Ordering::Acquire),
                })
            })
            .collect();
        (requests, Value::Array(responses))
    }
}

/// How far a rule-generated body got. The body stream itself updates it,
/// so a stream dropped early (client gone) leaves `finished` false and
/// `bytes_sent` at what was really yielded.
#[derive(Debug)]
pub(super) struct Progress {
    /// Index of the rule that produced the body.
    rule: usize,
    /// Bytes yielded by the stream so far.
    bytes_sent: AtomicU64,
    /// Whether the stream yielded its last byte.
    finished: AtomicBool,
}

impl Progress {
    /// Records that the stream has now yielded `sent` bytes in total, and
    /// whether that was all of it.
    pub(super) fn advance(&self, sent: u64, finished: bool) {
        self.bytes_sent.store(sent, Ordering::Release);
        if finished {
            self.finished.store(true, Ordering::Release);
        }
    }
}

/// `{ method, path, query, headers, body, bodyLength, rule }` of a request.
fn request_json(parts: &Parts, body: &[u8], rule: Option<usize>) -> Value {
    let mut headers = Map::new();
    for name in parts.headers.keys() {
        // Repeated headers are folded like HTTP itself allows (RFC 9110
        // §5.3), so the record stays a flat name → string object.
        let value = parts
            .headers
            .get_all(name)
            .iter()
            .map(|value| String::from_utf8_lossy(value.as_bytes()).into_owned())
            .collect::<Vec<_>>()
            .join(", ");
        // `HeaderName`s are already lower-case.
        headers.insert(name.as_str().to_owned(), Value::String(value));
    }
    let text = body.get(..MAX_BODY_TEXT).unwrap_or(body);
    json!({
        "method": parts.method.as_str(),
        "path": parts.uri.path(),
        "query": parts.uri.query(),
        "headers": headers,
        "body": String::from_utf8_lossy(text),
        "bodyLength": body.len(),
        "rule": rule,
    })
}

#[cfg(test)]
mod tests {
    use super::*;
    use axum::http::Request;

    /// The head of a request built in memory.
    fn parts(uri: &str) -> Parts {
        let (parts, ()) = Request::post(uri)
            .header("X-One", "a")
            .header("x-one", "b")
            .body(())
            .map(Request::into_parts)
            .unwrap_or_else(|_| Request::new(()).into_parts());
        parts
    }

    #[test]
    fn requests_are_folded_truncated_and_capped() {
        let record = Record::default();
        let big = vec![b'z'; MAX_BODY_TEXT + 10];
        record.request(&parts("/a/b?x=1"), &big, Some(2));
        let (requests, _) = record.snapshot();
        let first = &requests[0];
        assert_eq!(first["method"], "POST");
        assert_eq!(first["path"], "/a/b");
        assert_eq!(first["query"], "x=1");
        assert_eq!(first["headers"]["x-one"], "a, b");
        assert_eq!(first["bodyLength"], MAX_BODY_TEXT + 10);
        assert_eq!(first["body"].as_str().map(str::len), Some(MAX_BODY_TEXT));
        assert_eq!(first["rule"], 2);
        for _ in 0..MAX_RECORDED + 5 {
            record.request(&parts("/c"), b"", None);
        }
        let (requests, _) = record.snapshot();
        assert_eq!(requests.as_array().map(Vec::len), Some(MAX_RECORDED));
        assert_eq!(requests[1]["query"], Value::Null);
    }

    #[test]
    fn progress_tracks_the_stream() {
        let record = Record::default();
        let empty = record.response(0, 0);
        let body = record.response(1, 10);
        body.advance(4, false);
        let (_, responses) = record.snapshot();
        assert_eq!(
            responses,
            json!([
                { "rule": 0, "bytesSent": 0, "finished": true },
                { "rule": 1, "bytesSent": 4, "finished": false },
            ])
        );
        body.advance(10, true);
        drop(empty);
        let (_, responses) = record.snapshot();
        assert_eq!(responses[1]["finished"], true);
    }
}
