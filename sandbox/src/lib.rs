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
mod cards;
pub(crate) mod common;
mod envelope;
mod hostile;
mod orchestration;
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
    /// `clientId` of the default Cards program.
    pub cards_client_id: String,
    /// `clientSecret` of the default Cards program.
    pub cards_client_secret: String,
    /// Parent (partner) account id of the default Cards program.
    pub cards_parent_account_id: String,
    /// Master merchant account id of the default Cards program (its USD
    /// wallet starts with $100,000.00).
    pub cards_merchant_id: String,
    /// Budget BIN id of the default Cards program.
    pub cards_default_bin_id: String,
    /// Webhook signing secret of the default Cards program.
    pub cards_webhook_secret: String,
    /// Port of the PCI card widget listener (its own origin); `0` picks a
    /// free port.
    pub widget_port: u16,
    /// Owner email of the default Orchestration tenant.
    pub orchestration_email: String,
    /// Owner password of the default Orchestration tenant (MFA not
    /// enrolled).
    pub orchestration_password: String,
    /// Org API key of the default Orchestration tenant (`Api-Key` header).
    pub orchestration_api_key: String,
    /// Org id of the default Orchestration tenant (KYB approved).
    pub orchestration_org_id: String,
}

impl Config {
    /// Loopback, ephemeral ports, random keys (`sbx_env_<hex>`,
    /// `sbx_env_noaccess_<hex>`, `sbx_sv_<hex>`), a $10,000.00 master
    /// balance, a random Cards program (`sbx_cards_<hex>`) and a random
    /// Orchestration tenant (`seismic_sandbox_…` key).
    pub fn random() -> Self {
        let cards = cards::model::Credentials::random();
        let (
            orchestration_email,
            orchestration_password,
            orchestration_api_key,
            orchestration_org_id,
        ) = orchestration::tenants::random_identity();
        Self {
            host: IpAddr::V4(Ipv4Addr::LOCALHOST),
            port: 0,
            envelope_api_key: random::id::<16>("sbx_env_"),
            envelope_encryption_key: random::bytes::<32>(),
            envelope_no_access_key: random::id::<16>("sbx_env_noaccess_"),
            envelope_master_balance_cents: DEFAULT_MASTER_BALANCE_CENTS,
            stored_value_api_key: random::id::<16>("sbx_sv_"),
            cards_client_id: cards.client_id,
            cards_client_secret: cards.client_secret,
            cards_parent_account_id: cards.parent_account_id,
            cards_merchant_id: cards.merchant_id,
            cards_default_bin_id: cards.default_bin_id,
            cards_webhook_secret: cards.webhook_secret,
            widget_port: 0,
            orchestration_email,
            orchestration_password,
            orchestration_api_key,
            orchestration_org_id,
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
    /// Address of the PCI card widget listener.
    pub widget_addr: SocketAddr,
    /// Origin of the PCI card widget, e.g. `http://127.0.0.1:4011`.
    pub widget_url: String,
    /// The configuration the server runs with.
    pub config: Config,
    stop: oneshot::Sender<()>,
    task: JoinHandle<std::io::Result<()>>,
    widget_stop: oneshot::Sender<()>,
    widget_task: JoinHandle<std::io::Result<()>>,
}

impl Running {
    /// Stops accepting connections, lets in-flight requests finish and
    /// waits for the server tasks (API and widget).
    pub async fn shutdown(self) -> std::io::Result<()> {
        // A receiver only disappears once its server has already stopped.
        let _ = self.stop.send(());
        let _ = self.widget_stop.send(());
        let main = self.task.await;
        let widget = self.widget_task.await;
        for result in [main, widget] {
            match result {
                Ok(Ok(())) => {}
                Ok(Err(error)) => return Err(error),
                Err(error) => return Err(std::io::Error::other(error)),
            }
        }
        Ok(())
    }
}

/// Shared state of every route.
#[derive(Debug, Default)]
pub(crate) struct AppState {
    /// Envelope API tenants.
    pub envelope: Registry,
    /// Stored-value API tenants (merchants).
    pub stored_value: stored_value::state::Registry,
    /// Cards API programs.
    pub cards: cards::state::Registry,
    /// Orchestration API users, orgs and everything they own.
    pub orchestration: orchestration::state::Registry,
    /// Hostile servers (extra origins with fault rules) started by tests.
    pub hostile: hostile::Registry,
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
    state.cards.insert(cards::state::Program::new(
        cards::model::Credentials {
            client_id: config.cards_client_id.clone(),
            client_secret: config.cards_client_secret.clone(),
            parent_account_id: config.cards_parent_account_id.clone(),
            merchant_id: config.cards_merchant_id.clone(),
            default_bin_id: config.cards_default_bin_id.clone(),
            webhook_secret: config.cards_webhook_secret.clone(),
        },
        cards::model::Settings::default(),
    ));
    // The registry is empty, so the default tenant cannot collide.
    let _ = orchestration::tenants::create(
        &state.orchestration,
        orchestration::model::Settings::default(),
        true,
        (
            config.orchestration_email.clone(),
            config.orchestration_password.clone(),
            config.orchestration_api_key.clone(),
            config.orchestration_org_id.clone(),
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
        .merge(cards::router())
        .merge(admin::router())
        .merge(cards::admin::router())
        .merge(orchestration::router())
        .merge(orchestration::admin::router())
        .merge(hostile::router())
        .fallback(fallback)
        .layer(common::cors::layer())
        .layer(axum::middleware::from_fn_with_state(
            Arc::clone(&state),
            common::stamp::stamp,
        ))
        .with_state(state)
}

/// The widget server: its own origin, no CORS, stamped like the API.
fn widget_router(state: Arc<AppState>) -> Router {
    cards::widget::router()
        .layer(axum::middleware::from_fn_with_state(
            Arc::clone(&state),
            common::stamp::stamp,
        ))
        .with_state(state)
}

/// Serves `app` on `listener` until `stopped` fires (a dropped sender
/// does not stop it).
fn serve(
    listener: TcpListener,
    app: Router,
    stopped: oneshot::Receiver<()>,
) -> JoinHandle<std::io::Result<()>> {
    tokio::spawn(async move {
        axum::serve(listener, app)
            .with_graceful_shutdown(async move {
                // A dropped `Running` must not stop the server: only an
                // explicit `shutdown` does.
                if stopped.await.is_err() {
                    std::future::pending::<()>().await;
                }
            })
            .await
    })
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

/// Binds `config.host:config.port` (and `config.widget_port` for the card
/// widget), spawns the servers on the current tokio runtime and returns as
/// soon as they are accepting connections.
pub async fn start(config: Config) -> std::io::Result<Running> {
    let listener = TcpListener::bind(SocketAddr::new(config.host, config.port)).await?;
    let addr = listener.local_addr()?;
    let widget_listener =
        TcpListener::bind(SocketAddr::new(config.host, config.widget_port)).await?;
    let widget_addr = widget_listener.local_addr()?;
    let state = Arc::new(state_from(&config));
    let widget_url = url_for(widget_addr);
    // Only set here, right after creation: it cannot be set already.
    let _ = state.cards.widget_origin.set(widget_url.clone());
    let (stop, stopped) = oneshot::channel::<()>();
    let task = serve(listener, router(Arc::clone(&state)), stopped);
    let (widget_stop, widget_stopped) = oneshot::channel::<()>();
    let widget_task = serve(widget_listener, widget_router(state), widget_stopped);
    Ok(Running {
        addr,
        url: url_for(addr),
        widget_addr,
        widget_url,
        config,
        stop,
        task,
        widget_stop,
        widget_task,
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
