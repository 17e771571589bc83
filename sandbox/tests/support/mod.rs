//! Shared helpers for the sandbox's HTTP tests: start a sandbox in-process,
//! call its admin routes, wait for eventual states and make unique values.
//! Each API's own helpers (its credentials, request shapes and answer
//! assertions) are in the submodule named after it, on top of the shared
//! [`Sandbox`] (every `With<Api>` derefs to it).
#![allow(dead_code, reason = "each test file uses a different subset")]

pub mod cards;
pub mod envelope;
pub mod orchestration;
pub mod stored_value;

use std::future::Future;
use std::marker::PhantomData;
use std::ops::Deref;
use std::sync::atomic::{AtomicU64, Ordering};
use std::time::{Duration, Instant};

use reqwest::StatusCode;
use seismic_sandbox::{start, Config, Running};
use serde_json::Value;

/// A running sandbox plus an HTTP client.
pub struct Sandbox {
    pub running: Running,
    pub http: reqwest::Client,
}

/// A running sandbox with the helpers of the API `A` (a marker type of
/// one submodule); everything shared is reached through `Deref`.
pub struct With<A> {
    core: Sandbox,
    api: PhantomData<A>,
}

impl<A> Deref for With<A> {
    type Target = Sandbox;

    fn deref(&self) -> &Sandbox {
        &self.core
    }
}

impl<A> With<A> {
    /// Starts a sandbox with a random config.
    pub async fn start() -> Self {
        Self {
            core: sandbox().await,
            api: PhantomData,
        }
    }
}

/// Starts a sandbox with a random config.
pub async fn sandbox() -> Sandbox {
    let running = start(Config::random()).await.expect("sandbox starts");
    Sandbox {
        running,
        http: reqwest::Client::new(),
    }
}

impl Sandbox {
    pub fn url(&self, path: &str) -> String {
        format!("{}{}", self.running.url, path)
    }

    /// POSTs JSON to an admin route.
    pub async fn admin_post(&self, path: &str, body: Value) -> (StatusCode, Value) {
        let response = self
            .http
            .post(self.url(path))
            .json(&body)
            .send()
            .await
            .expect("admin request");
        let status = response.status();
        (status, response.json().await.expect("admin JSON"))
    }

    /// GETs an admin route.
    pub async fn admin_get(&self, path: &str) -> (StatusCode, Value) {
        let response = self
            .http
            .get(self.url(path))
            .send()
            .await
            .expect("admin request");
        let status = response.status();
        (status, response.json().await.expect("admin JSON"))
    }
}

/// Polls `check` every 25 ms until it returns `Some` or `timeout` passes.
pub async fn eventually<T, F, Fut>(timeout: Duration, mut check: F) -> T
where
    F: FnMut() -> Fut,
    Fut: Future<Output = Option<T>>,
{
    let deadline = Instant::now() + timeout;
    loop {
        if let Some(value) = check().await {
            return value;
        }
        assert!(
            Instant::now() < deadline,
            "condition not met in {timeout:?}"
        );
        tokio::time::sleep(Duration::from_millis(25)).await;
    }
}

/// A number no earlier call in this test binary returned (so values built
/// from it never collide, even when the random part does).
pub fn next_count() -> u64 {
    static COUNTER: AtomicU64 = AtomicU64::new(0);
    COUNTER.fetch_add(1, Ordering::Relaxed)
}

/// `bytes` random bytes as lower-case hex.
pub fn random_hex(bytes: usize) -> String {
    let mut raw = vec![0u8; bytes];
    getrandom::fill(&mut raw).expect("os randomness");
    raw.iter().map(|b| format!("{b:02x}")).collect()
}
