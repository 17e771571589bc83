//! Native sender on reqwest, so client logic is tested with `cargo test` against the sandbox.

use std::sync::atomic::{AtomicBool, Ordering};
use std::sync::Arc;
use std::time::Duration;

use tokio::sync::Notify;

use super::{HttpRequest, HttpResponse, HttpSend, RESPONSE_HEADERS};
use crate::core::error::Error;

/// A cancellation token: the native counterpart of an `AbortSignal`.
#[derive(Clone, Default, Debug)]
pub struct Cancel(Option<Arc<(AtomicBool, Notify)>>);

impl Cancel {
    /// A token that never fires.
    pub fn none() -> Self {
        Self(None)
    }

    /// A token that fires when [`Cancel::abort`] is called on it or a clone.
    pub fn new() -> Self {
        Self(Some(Arc::new((AtomicBool::new(false), Notify::new()))))
    }

    /// Fires the token.
    pub fn abort(&self) {
        if let Some(inner) = &self.0 {
            inner.0.store(true, Ordering::SeqCst);
            inner.1.notify_waiters();
        }
    }

    /// Whether the token has fired.
    pub fn is_aborted(&self) -> bool {
        self.0.as_ref().is_some_and(|i| i.0.load(Ordering::SeqCst))
    }

    async fn fired(&self) {
        match &self.0 {
            Some(inner) => loop {
                let notified = inner.1.notified();
                if inner.0.load(Ordering::SeqCst) {
                    return;
                }
                notified.await;
            },
            None => std::future::pending().await,
        }
    }
}

/// Sends with a shared reqwest client that never follows a redirect itself (the transport's
/// redirect policy decides), reading at most `max_response_bytes` of an answer.
#[derive(Clone, Debug)]
pub struct NativeSender {
    client: reqwest::Client,
    /// Longest answer read; longer ones fail with [`Error::TooLarge`].
    pub max_response_bytes: u64,
}

impl Default for NativeSender {
    fn default() -> Self {
        let client = reqwest::Client::builder()
            .redirect(reqwest::redirect::Policy::none())
            .build()
            .unwrap_or_default();
        Self {
            client,
            max_response_bytes: super::DEFAULT_MAX_RESPONSE_BYTES,
        }
    }
}

impl HttpSend for NativeSender {
    async fn send(
        &self,
        req: &HttpRequest,
        cancel: &Cancel,
        timeout_ms: u64,
    ) -> Result<HttpResponse, Error> {
        let method = reqwest::Method::from_bytes(req.method.as_bytes())
            .map_err(|_| Error::invalid("method", req.method))?;
        let mut builder = self.client.request(method, &req.url);
        for (name, value) in &req.headers {
            builder = builder.header(*name, value);
        }
        if let Some(body) = &req.body {
            builder = builder.body(body.clone());
        }
        let attempt = async {
            let res = builder.send().await.map_err(network)?;
            let status = res.status().as_u16();
            let headers = RESPONSE_HEADERS
                .iter()
                .filter_map(|n| {
                    res.headers()
                        .get(*n)
                        .and_then(|v| v.to_str().ok())
                        .map(|v| (*n, v.to_owned()))
                })
                .collect();
            let limit = self.max_response_bytes;
            if res.content_length().is_some_and(|n| n > limit) {
                return Err(Error::TooLarge { limit });
            }
            let mut res = res;
            let mut bytes = Vec::new();
            while let Some(chunk) = res.chunk().await.map_err(network)? {
                if (bytes.len() + chunk.len()) as u64 > limit {
                    return Err(Error::TooLarge { limit });
                }
                bytes.extend_from_slice(&chunk);
            }
            let body = String::from_utf8_lossy(&bytes).into_owned();
            Ok(HttpResponse {
                status,
                headers,
                body,
                js_body: (),
            })
        };
        tokio::select! {
            r = tokio::time::timeout(Duration::from_millis(timeout_ms), attempt) => {
                r.unwrap_or(Err(Error::Timeout { timeout_ms }))
            }
            _ = cancel.fired() => Err(Error::Aborted),
        }
    }

    async fn sleep(&self, ms: u64, cancel: &Cancel) -> Result<(), Error> {
        tokio::select! {
            _ = tokio::time::sleep(Duration::from_millis(ms)) => Ok(()),
            _ = cancel.fired() => Err(Error::Aborted),
        }
    }

    fn now_ms(&self) -> f64 {
        std::time::SystemTime::now()
            .duration_since(std::time::UNIX_EPOCH)
            .map(|d| d.as_secs_f64() * 1000.0)
            .unwrap_or(0.0)
    }
}

fn network(e: reqwest::Error) -> Error {
    Error::Network {
        message: e.to_string(),
    }
}
