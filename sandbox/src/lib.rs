//! `seismic-sandbox`: a local, in-memory HTTP server that simulates the
//! Seismic APIs for tests and demos (in the spirit of `stripe-mock`).
//!
//! Use it in-process from Rust tests:
//!
//! ```no_run
//! # async fn demo() -> std::io::Result<()> {
//! let running = seismic_sandbox::start(seismic_sandbox::Config::random()).await?;
//! println!("sandbox at {} with API key {}", running.url, running.config.envelope_api_key);
//! # Ok(())
//! # }
//! ```
//!
//! or run the `seismic-sandbox` binary and read its `ready` line.

mod admin;
pub(crate) mod common;
mod envelope;
mod stored_value;

use std::net::{IpAddr, Ipv4Addr, Ipv6Addr, SocketAddr};
use std::sync::Arc;

use axum::http::{HeaderMap, StatusCode};
use axum::response::Response;
use axum::Router;
use tokio::net::TcpListener;
use tokio::sync::oneshot;
use tokio::task::JoinHandle;

pub use common::money::{format_cents, parse_cents};

use common::random;
use envelope::state::{Registry, Tenant};

/// Default master balance of the default tenant: $10,000.00.
const DEFAULT_MASTER_BALANCE_CENTS: i64 = 1_000_000;

/// Server configuration: where to listen and the default envelope tenant.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Config {
    /// Interface to bind.
    pub host: IpAddr,
    /// Port to bind; `0` picks a free port.
    pub port: u16,
    /// `API-KEY` of the default envelope tenant.
    pub envelope_api_key: String,
    /// 32-byte secretbox key of the default envelope tenant.
    pub envelope_encryption_key: [u8; 32],
    /// A valid key that gets `403 You do not have access to this API.`.
    pub envelope_no_access_key: String,
    /// Master balance of the default tenant, in US cents.
    pub envelope_master_balance_cents: i64,
    /// API key of the default stored-value (gift card) merchant; clients
    /// send it base64-encoded as `Authorization: Bearer …`.
    pub stored_value_api_key: String,
}

impl Config {
    /// Loopback, ephemeral port, random keys (`sbx_env_<hex>`,
    /// `sbx_env_noaccess_<hex>`, `sbx_sv_<hex>`) and a $10,000.00 master
    /// balance.
    pub fn random() -> Self {
        Self {
            host: IpAddr::V4(Ipv4Addr::LOCALHOST),
            port: 0,
            envelope_api_key: random::id::<16>("sbx_env_"),
            envelope_encryption_key: random::bytes::<32>(),
            envelope_no_access_key: random::id::<16>("sbx_env_noaccess_"),
            envelope_master_balance_cents: DEFAULT_MASTER_BALANCE_CENTS,
            stored_value_api_key: random::id::<16>("sbx_sv_"),
        }
    }
}

/// A started sandbox. Dropping it leaves the server running until the
/// tokio runtime shuts down; call [`Running::shutdown`] to stop it early.
#[derive(Debug)]
pub struct Running {
    /// Address actually bound (real port even when `Config::port` was 0).
    pub addr: SocketAddr,
    /// Base URL, e.g. `http://127.0.0.1:4010` (loopback when bound to an
    /// unspecified address).
    pub url: String,
    /// The configuration the server runs with.
    pub config: Config,
    stop: oneshot::Sender<()>,
    task: JoinHandle<std::io::Result<()>>,
}

impl Running {
    /// Stops accepting connections, lets in-flight requests finish and
    /// waits for the server task.
    pub async fn shutdown(self) -> std::io::Result<()> {
        // The receiver only disappears once the server has already stopped.
        let _ = self.stop.send(());
        match self.task.await {
            Ok(result) => result,
            Err(error) => Err(std::io::Error::other(error)),
        }
    }
}

/// Shared state of every route.
#[derive(Debug, Default)]
pub(crate) struct AppState {
    /// Envelope API tenants.
    pub envelope: Registry,
    /// Stored-value API tenants (merchants).
    pub stored_value: stored_value::state::Registry,
}

impl AppState {
    /// Clock offset of whichever tenant the request headers identify
    /// (0 = real time when none does).
    pub(crate) fn clock_offset_ms(&self, headers: &HeaderMap) -> i64 {
        headers
            .get(envelope::routes::API_KEY)
            .and_then(|value| value.to_str().ok())
            .and_then(|key| self.envelope.clock_offset_ms(key))
            .unwrap_or(0)
    }
}

/// Builds the state holding the default tenant from `config`.
fn state_from(config: &Config) -> AppState {
    let state = AppState::default();
    state.envelope.insert(
        config.envelope_api_key.clone(),
        Tenant::new(
            config.envelope_encryption_key,
            config.envelope_master_balance_cents,
        ),
    );
    state
        .envelope
        .insert_no_access(config.envelope_no_access_key.clone());
    state.stored_value.insert(
        config.stored_value_api_key.clone(),
        stored_value::state::Tenant::new(
            stored_value::state::DEFAULT_MERCHANT_ID.to_owned(),
            std::time::SystemTime::now(),
        ),
    );
    state
}

/// `404 {"error": "not found"}` for anything no API claims.
async fn fallback() -> Response {
    common::json_error::plain(StatusCode::NOT_FOUND, "not found")
}

/// Assembles all APIs, CORS and the response stamping.
fn router(state: Arc<AppState>) -> Router {
    Router::new()
        .merge(envelope::router())
        .merge(stored_value::router())
        .merge(admin::router())
        .fallback(fallback)
        .layer(common::cors::layer())
        .layer(axum::middleware::from_fn_with_state(
            Arc::clone(&state),
            common::stamp::stamp,
        ))
        .with_state(state)
}

/// The URL clients should use for a bound address.
fn url_for(addr: SocketAddr) -> String {
    let ip = match addr.ip() {
        IpAddr::V4(ip) if ip.is_unspecified() => IpAddr::V4(Ipv4Addr::LOCALHOST),
        IpAddr::V6(ip) if ip.is_unspecified() => IpAddr::V6(Ipv6Addr::LOCALHOST),
        ip => ip,
    };
    format!("http://{}", SocketAddr::new(ip, addr.port()))
}

/// Binds `config.host:config.port`, spawns the server on the current tokio
/// runtime and returns as soon as it is accepting connections.
pub async fn start(config: Config) -> std::io::Result<Running> {
    let listener = TcpListener::bind(SocketAddr::new(config.host, config.port)).await?;
    let addr = listener.local_addr()?;
    let app = router(Arc::new(state_from(&config)));
    let (stop, stopped) = oneshot::channel::<()>();
    let task = tokio::spawn(async move {
        axum::serve(listener, app)
            .with_graceful_shutdown(async move {
                // A dropped `Running` must not stop the server: only an
                // explicit `shutdown` does.
                if stopped.await.is_err() {
                    std::future::pending::<()>().await;
                }
            })
            .await
    });
    Ok(Running {
        addr,
        url: url_for(addr),
        config,
        stop,
        task,
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn random_config_shape() {
        let config = Config::random();
        assert_eq!(config.host, IpAddr::V4(Ipv4Addr::LOCALHOST));
        assert_eq!(config.port, 0);
        assert!(config.envelope_api_key.starts_with("sbx_env_"));
        assert!(config
            .envelope_no_access_key
            .starts_with("sbx_env_noaccess_"));
        assert_ne!(config.envelope_encryption_key, [0u8; 32]);
        assert_eq!(config.envelope_master_balance_cents, 1_000_000);
        assert!(config.stored_value_api_key.starts_with("sbx_sv_"));
        assert_ne!(
            config.stored_value_api_key,
            Config::random().stored_value_api_key
        );
        assert_ne!(config.envelope_api_key, Config::random().envelope_api_key);
    }

    #[test]
    fn urls_use_loopback_for_unspecified() {
        let any = SocketAddr::new(IpAddr::V4(Ipv4Addr::UNSPECIFIED), 80);
        assert_eq!(url_for(any), "http://127.0.0.1:80");
        let any6 = SocketAddr::new(IpAddr::V6(Ipv6Addr::UNSPECIFIED), 81);
        assert_eq!(url_for(any6), "http://[::1]:81");
    }
}
