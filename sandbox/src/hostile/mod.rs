//! Hostile servers: extra origins of this same sandbox for the SDK's fault
//! tests, which run in Node, browsers and workerd and so can only reach a
//! misbehaving server over HTTP.
//!
//! `POST /__sandbox/hostile/servers {rules?}` binds a new loopback
//! listener serving the full sandbox app over the shared state (every
//! tenant and key works there too), behind a layer that lets the first
//! matching [rule](rules) answer instead (a redirect, a huge or slow body,
//! a late head, a slow upstream). Everything the origin receives is
//! recorded; `GET /__sandbox/hostile/servers/{id}` shows it and `DELETE`
//! stops the listener. The servers run on the sandbox's runtime, so they
//! end with it.

mod body;
mod record;
mod rules;

use std::collections::HashMap;
use std::net::{Ipv4Addr, SocketAddr};
use std::sync::{Arc, Mutex};
use std::time::Duration;

use axum::body::{Body, Bytes};
use axum::extract::{Path, Request, State};
use axum::http::header::ACCESS_CONTROL_REQUEST_METHOD;
use axum::http::{Method, StatusCode};
use axum::middleware::{from_fn_with_state, Next};
use axum::response::Response;
use axum::routing::{get, post};
use axum::Router;
use serde_json::json;
use tokio::net::TcpListener;
use tokio::sync::oneshot;
use tokio::task::JoinHandle;

use self::record::Record;
use self::rules::Rules;
use crate::common::admin::{parse_object, Rejection};
use crate::common::json_error::{json, plain};
use crate::common::{lock, random};
use crate::AppState;

/// Most hostile servers alive at once per sandbox: each is a listener and
/// a task, and a test suite leaking them should fail loudly, not exhaust
/// the machine's ports.
const MAX_SERVERS: usize = 64;
/// Largest request body a hostile server buffers (it needs the whole body
/// to record it and to replay it to the real app). The real app already
/// refuses far smaller bodies, so only rule-answered paths see the
/// difference.
const MAX_REQUEST_BODY: usize = 64 * 1024 * 1024;
/// How long `DELETE` waits for in-flight requests before it stops waiting
/// (they still finish on their own; the listener is closed either way).
const STOP_GRACE: Duration = Duration::from_secs(1);

/// The hostile servers of one sandbox, by id.
#[derive(Debug, Default)]
pub(crate) struct Registry {
    /// Live servers.
    servers: Mutex<HashMap<String, Server>>,
}

/// A live hostile server.
#[derive(Debug)]
struct Server {
    /// `http://127.0.0.1:<port>`.
    origin: String,
    /// Its rules and record, shared with its request layer.
    hostile: Arc<Hostile>,
    /// Starts the graceful shutdown.
    stop: oneshot::Sender<()>,
    /// The accept loop.
    task: JoinHandle<std::io::Result<()>>,
}

impl Server {
    /// Closes the listener and lets in-flight requests finish, waiting at
    /// most [`STOP_GRACE`] for them.
    async fn stop(self) {
        // The receiver only disappears once the server has stopped anyway.
        let _ = self.stop.send(());
        let mut task = self.task;
        if tokio::time::timeout(STOP_GRACE, &mut task).await.is_err() {
            // Connections run on their own tasks and keep going; aborting
            // only guarantees the listener is gone when `DELETE` answers.
            task.abort();
            let _ = task.await;
        }
    }
}

/// What the request layer of one server needs.
#[derive(Debug)]
struct Hostile {
    /// The rules, in order.
    rules: Rules,
    /// Requests received and bodies generated.
    record: Record,
}

/// Routes of the hostile-server admin API.
pub(crate) fn router() -> Router<Arc<AppState>> {
    Router::new()
        .route("/__sandbox/hostile/servers", post(create))
        .route("/__sandbox/hostile/servers/{id}", get(show).delete(remove))
}

/// `429` once [`MAX_SERVERS`] are alive.
fn too_many() -> Rejection {
    Rejection(
        StatusCode::TOO_MANY_REQUESTS,
        format!("at most {MAX_SERVERS} hostile servers can be alive; DELETE some first"),
    )
}

/// `404` for an id that is not (or no longer) a live server.
fn unknown() -> Rejection {
    Rejection(StatusCode::NOT_FOUND, "unknown hostile server".into())
}

/// `POST /__sandbox/hostile/servers` `{ "rules"?: [Rule, ...] }` →
/// `{ "id", "origin" }`.
async fn create(State(app): State<Arc<AppState>>, body: Bytes) -> Result<Response, Rejection> {
    let body = parse_object(&body)?;
    if let Some(unknown) = body.keys().find(|key| *key != "rules") {
        return Err(Rejection::bad_request(format!("unknown field {unknown:?}")));
    }
    let rules = Rules::parse(body.get("rules")).map_err(Rejection::bad_request)?;
    // Checked before binding so a full registry costs no port, and again
    // below because another request may have filled it meanwhile.
    if lock(&app.hostile.servers).len() >= MAX_SERVERS {
        return Err(too_many());
    }
    let bind_error = |error: std::io::Error| {
        Rejection(
            StatusCode::INTERNAL_SERVER_ERROR,
            format!("cannot bind a hostile server: {error}"),
        )
    };
    let listener = TcpListener::bind(SocketAddr::from((Ipv4Addr::LOCALHOST, 0)))
        .await
        .map_err(bind_error)?;
    let origin = crate::url_for(listener.local_addr().map_err(bind_error)?);
    let hostile = Arc::new(Hostile {
        rules,
        record: Record::default(),
    });
    // The full sandbox app over the same state, so a client pointed here
    // talks to the real sandbox wherever no rule steps in.
    let app_router =
        crate::router(Arc::clone(&app)).layer(from_fn_with_state(Arc::clone(&hostile), intercept));
    let mut servers = lock(&app.hostile.servers);
    if servers.len() >= MAX_SERVERS {
        return Err(too_many());
    }
    let id = random::id::<8>("hostile_");
    let (stop, stopped) = oneshot::channel();
    let task = crate::serve(listener, app_router, stopped);
    servers.insert(
        id.clone(),
        Server {
            origin: origin.clone(),
            hostile,
            stop,
            task,
        },
    );
    Ok(json(StatusCode::OK, &json!({ "id": id, "origin": origin })))
}

/// `GET /__sandbox/hostile/servers/{id}` →
/// `{ id, origin, requests: [...], responses: [{rule, bytesSent, finished}] }`.
async fn show(
    State(app): State<Arc<AppState>>,
    Path(id): Path<String>,
) -> Result<Response, Rejection> {
    let (origin, hostile) = {
        let servers = lock(&app.hostile.servers);
        let server = servers.get(&id).ok_or_else(unknown)?;
        (server.origin.clone(), Arc::clone(&server.hostile))
    };
    let (requests, responses) = hostile.record.snapshot();
    Ok(json(
        StatusCode::OK,
        &json!({ "id": id, "origin": origin, "requests": requests, "responses": responses }),
    ))
}

/// `DELETE /__sandbox/hostile/servers/{id}` → `{ "ok": true }` once the
/// listener is closed.
async fn remove(
    State(app): State<Arc<AppState>>,
    Path(id): Path<String>,
) -> Result<Response, Rejection> {
    let server = lock(&app.hostile.servers).remove(&id);
    server.ok_or_else(unknown)?.stop().await;
    Ok(json(StatusCode::OK, &json!({ "ok": true })))
}

/// The request layer of a hostile server: records the request, then lets
/// the first matching rule answer (after its delay), or hands the request
/// on to the real app (unmatched, or a `pass` rule after its delay).
async fn intercept(State(hostile): State<Arc<Hostile>>, request: Request, next: Next) -> Response {
    let (parts, body) = request.into_parts();
    let Ok(body) = axum::body::to_bytes(body, MAX_REQUEST_BODY).await else {
        hostile.record.request(&parts, b"", None);
        return plain(
            StatusCode::PAYLOAD_TOO_LARGE,
            "request body unreadable or over 64 MiB (hostile server)",
        );
    };
    let preflight = parts.method == Method::OPTIONS
        && parts.headers.contains_key(ACCESS_CONTROL_REQUEST_METHOD);
    let taken = hostile
        .rules
        .take(&parts.method, parts.uri.path(), preflight);
    hostile
        .record
        .request(&parts, &body, taken.map(|(index, _)| index));
    // The buffered body goes on unchanged, so the app sees the request
    // exactly as the client sent it.
    let request = Request::from_parts(parts, Body::from(body));
    let Some((index, rule)) = taken else {
        return next.run(request).await;
    };
    if !rule.delay.is_zero() {
        tokio::time::sleep(rule.delay).await;
    }
    if rule.pass {
        return next.run(request).await;
    }
    rule.answer(index, &hostile.record)
}
