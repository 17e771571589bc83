//! The one HTTP layer every client uses: a platform sender for single attempts, and the
//! retry loop that applies [`RetryPolicy`] around it.

use crate::core::error::Error;
use crate::core::ids::random_u32;
use crate::core::retry::{parse_retry_after_ms, Outcome, RetryPolicy};

#[cfg(target_arch = "wasm32")]
mod fetch;
#[cfg(target_arch = "wasm32")]
mod fetch_sys;
#[cfg(not(target_arch = "wasm32"))]
mod native;
mod redirect;
#[cfg(target_arch = "wasm32")]
mod settle;
pub mod single_flight;

#[cfg(target_arch = "wasm32")]
pub use fetch::{js_message as fetch_message, Cancel, FetchSender as PlatformSender};
#[cfg(not(target_arch = "wasm32"))]
pub use native::{Cancel, NativeSender as PlatformSender};

/// Response headers the clients read; the sender copies only these. The request id names
/// any answer in an error (the Cards API errs with 200); the others matter only on non-2xx
/// answers (clock skew, backoff), so the wasm sender reads them only there.
pub const RESPONSE_HEADERS: &[&str] = &["x-request-id", "date", "retry-after", "location"];

/// Longest answer a client reads unless configured otherwise (`maxResponseBytes`): far above
/// any documented answer, far below what kills a 128 MB Workers isolate.
pub const DEFAULT_MAX_RESPONSE_BYTES: u64 = 16 * 1024 * 1024;

/// Per-attempt timeout when the caller sets none.
pub const DEFAULT_TIMEOUT_MS: u64 = 30_000;

/// One HTTP request, rebuilt for every attempt.
#[derive(Debug, Clone)]
pub struct HttpRequest {
    /// `GET`, `POST`, …
    pub method: &'static str,
    /// Absolute URL.
    pub url: String,
    /// Request headers.
    pub headers: Vec<(&'static str, String)>,
    /// JSON body text.
    pub body: Option<String>,
}

impl HttpRequest {
    /// The one way every client builds a request to its JSON API: `Accept: application/json`,
    /// the credential header when there is one, `Content-Type: application/json` when there
    /// is a body, and `Idempotency-Key` when the call carries one.
    pub fn json(
        method: &'static str,
        url: &str,
        credential: Option<(&'static str, &str)>,
        body: Option<&str>,
        idempotency_key: Option<&str>,
    ) -> Self {
        let mut headers = vec![("Accept", "application/json".to_owned())];
        if let Some((name, value)) = credential {
            headers.push((name, value.to_owned()));
        }
        if body.is_some() {
            headers.push(("Content-Type", "application/json".to_owned()));
        }
        if let Some(key) = idempotency_key {
            headers.push(("Idempotency-Key", key.to_owned()));
        }
        Self {
            method,
            url: url.to_owned(),
            headers,
            body: body.map(str::to_owned),
        }
    }
}

/// One HTTP answer with the headers of [`RESPONSE_HEADERS`].
#[derive(Debug, Clone)]
pub struct HttpResponse {
    /// Status code.
    pub status: u16,
    /// Lower-case header names and their values.
    pub headers: Vec<(&'static str, String)>,
    /// Body text.
    pub body: String,
    /// The same body as the platform holds it (in wasm: the engine's string, so a caller can
    /// `JSON.parse` it without copying it back out of wasm memory).
    pub js_body: PlatformBody,
}

/// The platform's own copy of a response body (`()` natively).
#[cfg(target_arch = "wasm32")]
pub type PlatformBody = wasm_bindgen::JsValue;
/// The platform's own copy of a response body (`()` natively).
#[cfg(not(target_arch = "wasm32"))]
pub type PlatformBody = ();

/// Longest error body read as a tree: error bodies are a few hundred bytes, and a hostile
/// server's long one must not cost a tree of 16 MiB (it is then "unreadable", never echoed).
pub const MAX_ERROR_BODY_BYTES: usize = 64 * 1024;

impl HttpResponse {
    /// The body parsed as JSON, when it is short enough to be an error body
    /// ([`MAX_ERROR_BODY_BYTES`]) and valid JSON.
    pub fn error_json(&self) -> Option<crate::core::json::Json> {
        (self.body.len() <= MAX_ERROR_BODY_BYTES)
            .then(|| crate::core::json::Json::parse(&self.body))
            .flatten()
    }

    /// A response header by lower-case name.
    pub fn header(&self, name: &str) -> Option<&str> {
        self.headers
            .iter()
            .find(|(n, _)| *n == name)
            .map(|(_, v)| v.as_str())
    }

    /// True for 2xx.
    pub fn is_success(&self) -> bool {
        (200..300).contains(&self.status)
    }
}

/// Sends single attempts on one platform (global `fetch` in wasm, reqwest natively).
#[allow(async_fn_in_trait)] // clients are single-threaded in wasm; no Send bound wanted.
pub trait HttpSend {
    /// Sends one attempt; aborts with [`Error::Timeout`] after `timeout_ms` and with
    /// [`Error::Aborted`] when `cancel` fires.
    async fn send(
        &self,
        req: &HttpRequest,
        cancel: &Cancel,
        timeout_ms: u64,
    ) -> Result<HttpResponse, Error>;
    /// Waits `ms`, or fails with [`Error::Aborted`] when `cancel` fires first.
    async fn sleep(&self, ms: u64, cancel: &Cancel) -> Result<(), Error>;
    /// Wall clock, milliseconds since the epoch.
    fn now_ms(&self) -> f64;
}

/// What every client is configured with, whichever API it speaks: where it sends, how often
/// it retries and how long an attempt may take (`fetch` and `maxResponseBytes` belong to the
/// sender).
#[derive(Debug, Clone, PartialEq)]
pub struct Settings {
    /// The API origin or root, validated (https, or http on loopback), no trailing slash.
    pub base_url: String,
    /// Retries after the first attempt (default 2).
    pub max_retries: u32,
    /// Per-attempt timeout (default 30 s).
    pub timeout_ms: u64,
}

impl Settings {
    /// Defaults for an already validated `base_url`.
    pub fn at(base_url: String) -> Self {
        Self {
            base_url,
            max_retries: 2,
            timeout_ms: DEFAULT_TIMEOUT_MS,
        }
    }
}

/// A sender plus the retry policy and timeout of one client.
#[derive(Debug, Clone)]
pub struct Transport<S> {
    /// The platform sender.
    pub sender: S,
    /// When to retry.
    pub policy: RetryPolicy,
    /// Per-attempt timeout.
    pub timeout_ms: u64,
}

impl<S> Transport<S> {
    /// A transport for `settings`, retrying `retry_statuses` (and network failures).
    pub fn new(sender: S, settings: &Settings, retry_statuses: &'static [u16]) -> Self {
        Self {
            sender,
            policy: RetryPolicy {
                max_retries: settings.max_retries,
                retry_statuses,
                ..RetryPolicy::default()
            },
            timeout_ms: settings.timeout_ms,
        }
    }
}

impl<S: HttpSend> Transport<S> {
    /// Runs one call: builds and sends attempts until one is final. `repeatable` says the
    /// request may be sent more than once (idempotent method or idempotency key); `build`
    /// is called once per attempt so each can carry fresh values (timestamps, nonces).
    pub async fn execute(
        &self,
        cancel: &Cancel,
        repeatable: bool,
        mut build: impl FnMut() -> Result<HttpRequest, Error>,
    ) -> Result<HttpResponse, Error> {
        let mut attempt = 0;
        loop {
            if cancel.is_aborted() {
                return Err(Error::Aborted);
            }
            let request = build()?;
            check_headers(&request)?;
            let result = self.follow(request, cancel).await;
            let (outcome, retry_after) = match &result {
                Ok(res) => (
                    Outcome::Status(res.status),
                    res.header("retry-after")
                        .and_then(|v| parse_retry_after_ms(v, self.sender.now_ms())),
                ),
                // A timeout is as ambiguous as a lost connection: retried only when the
                // request is safe to repeat (idempotent, or carrying its key).
                Err(e) if e.is_ambiguous() => (Outcome::NetworkError, None),
                Err(_) => return result,
            };
            if !self.policy.should_retry(attempt, outcome, repeatable) {
                return result;
            }
            let delay = self.policy.delay_ms(attempt, retry_after, random_u32()?);
            self.sender.sleep(delay, cancel).await?;
            attempt += 1;
        }
    }

    // One attempt, following the redirects [`redirect::next`] allows (same origin only).
    async fn follow(
        &self,
        mut request: HttpRequest,
        cancel: &Cancel,
    ) -> Result<HttpResponse, Error> {
        let mut hops = 0;
        loop {
            let res = self.sender.send(&request, cancel, self.timeout_ms).await?;
            if !redirect::is_redirect(res.status) {
                return Ok(res);
            }
            request = redirect::next(request, &res, hops)?;
            hops += 1;
        }
    }
}

/// Refuses a header value no header can carry (controls, DEL, non-ASCII), before anything is
/// sent and without the value in the message: a line break would let a value add headers,
/// and a platform's own refusal would quote the value (it may be a key or a token).
pub fn check_headers(req: &HttpRequest) -> Result<(), Error> {
    for (name, value) in &req.headers {
        if value
            .bytes()
            .any(|b| !(b == b'\t' || (0x20..0x7f).contains(&b)))
        {
            return Err(Error::invalid(
                format!("headers.{name}"),
                "must hold only visible ASCII characters, spaces and tabs",
            ));
        }
    }
    if req.url.bytes().any(|b| b <= 0x20 || b == 0x7f) {
        return Err(Error::invalid(
            "url",
            "must not contain spaces or control characters",
        ));
    }
    Ok(())
}

#[cfg(test)]
mod tests {
    use super::*;

    fn res(body: String) -> HttpResponse {
        HttpResponse {
            status: 400,
            headers: Vec::new(),
            body,
            js_body: Default::default(),
        }
    }

    #[test]
    fn long_error_bodies_are_not_parsed() {
        assert!(res(r#"{"error":{"code":"X"}}"#.into())
            .error_json()
            .is_some());
        let long = format!(
            r#"{{"error":{{"code":"X","pad":"{}"}}}}"#,
            "a".repeat(MAX_ERROR_BODY_BYTES)
        );
        assert!(res(long).error_json().is_none());
    }

    #[test]
    fn header_values_with_controls_or_non_ascii_are_refused_without_the_value() {
        for bad in ["a\u{0}b", "a\u{7}b", "a\rb", "a\nb", "a\u{7f}", "caf\u{e9}"] {
            let req = HttpRequest {
                method: "GET",
                url: "https://x.example/a".into(),
                headers: vec![("Authorization", format!("Bearer secret-{bad}"))],
                body: None,
            };
            match check_headers(&req) {
                Err(Error::InvalidArgument { field, message }) => {
                    assert_eq!(field, "headers.Authorization");
                    assert!(!message.contains("secret"));
                }
                other => panic!("{bad:?}: {other:?}"),
            }
        }
        let tab = HttpRequest {
            method: "GET",
            url: "https://x.example/a".into(),
            headers: vec![("X", "a\tb c~".into())],
            body: None,
        };
        assert!(check_headers(&tab).is_ok());
    }
}
