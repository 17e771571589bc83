//! The Orchestration client core: API key or bearer session, refresh-on-401 shared by every
//! concurrent caller, refresh ahead of a known expiry, and the documented error envelope.

use crate::core::encoding::percent_encode;
use crate::core::error::{ApiError, ApiFamily, Error};
use crate::core::json::{self, Json};
use crate::core::retry::DEFAULT_RETRY_STATUSES;
use crate::core::validate;
use crate::orchestration::ops::{self, Effect};
use crate::orchestration::schema;
use crate::orchestration::session::{TokenPair, TokenStore};
use crate::transport::single_flight::SingleFlight;
use crate::transport::{
    Cancel, HttpRequest, HttpResponse, HttpSend, PlatformBody, Settings, Transport,
};

/// `SeismicOrchestrationClient.sandbox()`.
pub const SANDBOX_URL: &str = "https://orchestration-sandbox.seismic.systems/api";
/// `SeismicOrchestrationClient.production()`.
pub const PRODUCTION_URL: &str = "https://orchestration.seismic.systems/api";

/// Paths never answered by a refresh: refreshing against them loops or means nothing (the
/// docs' list, plus `mfa/verify`, whose 401 is a wrong code, not an expired token).
const NO_REFRESH: &[&str] = &[
    "/v0/auth/login",
    "/v0/auth/signup",
    "/v0/auth/refresh",
    "/v0/auth/logout",
    "/v0/auth/mfa/verify",
];
/// The documented code of a refresh token that is expired or revoked.
const REFRESH_TOKEN_INVALID: &str = "RefreshTokenInvalid";

/// Where the API key comes from: fixed, or asked for on every request (rotation).
pub type KeySource = Box<dyn Fn() -> Option<String>>;

/// Settings of an [`OrchestrationClient`].
pub struct OrchestrationConfig {
    /// Org API key: when it yields a key, `Api-Key` is sent and sessions are bypassed.
    pub api_key: Option<KeySource>,
    /// Called once when the API refuses a refresh token (401), after the store is cleared.
    pub on_refresh_failed: Option<Box<dyn Fn()>>,
    /// Origin, retries and timeout.
    pub settings: Settings,
}

impl OrchestrationConfig {
    /// Settings for `base_url` (HTTPS, or http on loopback).
    pub fn new(base_url: &str) -> Result<Self, Error> {
        Ok(Self {
            settings: Settings::at(validate::base_url("config.baseUrl", base_url)?),
            api_key: None,
            on_refresh_failed: None,
        })
    }
}

/// A successful answer: the body text (`None` for `204 No Content`) and the field the SDK
/// method returns (list endpoints wrap their arrays).
#[derive(Debug, Clone)]
pub struct Reply {
    /// The JSON body, already checked against the documented type.
    pub text: Option<String>,
    /// The same body as the platform holds it (the JS string in wasm).
    pub js_body: PlatformBody,
    /// The field of the body the method returns, when not the whole body.
    pub unwrap: Option<&'static str>,
}

/// Client of the Orchestration API.
pub struct OrchestrationClient<S, T> {
    transport: Transport<S>,
    config: OrchestrationConfig,
    store: T,
    refreshing: SingleFlight,
}

impl<S: HttpSend, T: TokenStore> OrchestrationClient<S, T> {
    /// A client sending through `sender`, keeping sessions in `store`.
    pub fn new(config: OrchestrationConfig, sender: S, store: T) -> Self {
        Self {
            transport: Transport::new(sender, &config.settings, DEFAULT_RETRY_STATUSES),
            config,
            store,
            refreshing: SingleFlight::default(),
        }
    }

    /// The session store.
    pub fn store(&self) -> &T {
        &self.store
    }

    /// `method path` with `query` and a JSON `body`; returns the response body text.
    pub async fn request(
        &self,
        method: &'static str,
        path: &str,
        query: &[(String, String)],
        body: Option<&Json>,
        cancel: &Cancel,
    ) -> Result<String, Error> {
        self.respond(method, path, query, body, cancel)
            .await
            .map(|res| res.body)
    }

    /// [`Self::request`], keeping the whole successful response.
    async fn respond(
        &self,
        method: &'static str,
        path: &str,
        query: &[(String, String)],
        body: Option<&Json>,
        cancel: &Cancel,
    ) -> Result<HttpResponse, Error> {
        let key = self.config.api_key.as_ref().and_then(|k| k());
        let refreshable = key.is_none() && !NO_REFRESH.contains(&path);
        // The store is read once per attempt: a custom store may be a network hop (KV).
        let mut stored = match &key {
            Some(_) => None,
            None => self.store.load().await?,
        };
        if refreshable {
            if let Some(pair) = &stored {
                if pair.access_due(self.transport.sender.now_ms()) {
                    // Known to expire soon: refresh first instead of spending a 401.
                    if self
                        .refresh_shared(&pair.access_token, cancel)
                        .await
                        .unwrap_or(false)
                    {
                        stored = self.store.load().await?;
                    }
                }
            }
        }
        let mut refreshed = false;
        loop {
            let bearer = stored.take().map(|p| p.access_token);
            let auth = match (&key, &bearer) {
                (Some(k), _) => Some(("Api-Key", k.clone())),
                (None, Some(t)) => Some(("Authorization", format!("Bearer {t}"))),
                (None, None) => None,
            };
            let res = self.send(method, path, query, body, auth, cancel).await?;
            if res.status == 401 && refreshable && !refreshed {
                refreshed = true;
                if let Some(used) = &bearer {
                    // A refresh that failed for any other reason than a refused token (a
                    // timeout, a 503) is this call's error; the session stays.
                    if self.refresh_shared(used, cancel).await? {
                        stored = self.store.load().await?;
                        continue;
                    }
                }
            }
            return if res.is_success() {
                Ok(res)
            } else {
                Err(Error::Api(api_error(&res)))
            };
        }
    }

    // One call with at most one credential header (never both: the server answers 400
    // BothCredsProvided), retried per policy for GET/PUT/DELETE.
    async fn send(
        &self,
        method: &'static str,
        path: &str,
        query: &[(String, String)],
        body: Option<&Json>,
        auth: Option<(&'static str, String)>,
        cancel: &Cancel,
    ) -> Result<HttpResponse, Error> {
        let qs: Vec<String> = query
            .iter()
            .map(|(k, v)| format!("{}={}", percent_encode(k), percent_encode(v)))
            .collect();
        let url = if qs.is_empty() {
            format!("{}{path}", self.config.settings.base_url)
        } else {
            format!("{}{path}?{}", self.config.settings.base_url, qs.join("&"))
        };
        let body_text = body.map(Json::to_json);
        self.transport
            .execute(cancel, matches!(method, "GET" | "PUT" | "DELETE"), || {
                let credential = auth.as_ref().map(|(name, value)| (*name, value.as_str()));
                Ok(HttpRequest::json(
                    method,
                    &url,
                    credential,
                    body_text.as_deref(),
                    None,
                ))
            })
            .await
    }

    /// One refresh for every caller that saw `used` fail: the first refreshes, the others
    /// wait (polling, never awaiting another caller's future) and share its outcome.
    /// `Ok(true)` when a newer access token is in the store, `Ok(false)` when there is none
    /// (no refresh token, or the API refused it: the store is cleared and `onRefreshFailed`
    /// fired), and the refresh's own error when it failed otherwise (the session stays).
    async fn refresh_shared(&self, used: &str, cancel: &Cancel) -> Result<bool, Error> {
        // The longest a refresh can take: its one attempt, plus the store's lock and reads.
        let bound = 2.0 * self.transport.timeout_ms as f64 + 10_000.0;
        loop {
            match self.store.load().await? {
                Some(pair) if pair.access_token != used => return Ok(true),
                None => return Ok(false),
                Some(_) => {}
            }
            let sender = &self.transport.sender;
            let refresh = self.refresh_locked(used);
            // A refused refresh token ends the session in `refresh_locked`: no backoff needed.
            if let Some(renewed) = self
                .refreshing
                .share(sender, cancel, bound, refresh, |_| false)
                .await?
            {
                return Ok(renewed);
            }
        }
    }

    // The leader's refresh. Not under the caller's signal: others wait on it, and a rotating
    // refresh token spent without its answer kept would end the session.
    async fn refresh_locked(&self, used: &str) -> Result<bool, Error> {
        // Another client on the same store (a second tab) may be refreshing: take the store's
        // lock, then re-read — if the pair moved on meanwhile, use it instead of spending the
        // refresh token a second time.
        let _lock = self.store.lock().await?;
        let pair = match self.store.load().await? {
            Some(pair) if pair.access_token != used => return Ok(true),
            Some(pair) if !pair.refresh_token.is_empty() => pair,
            // Nothing to refresh with: the 401 stands.
            _ => return Ok(false),
        };
        match self.refresh(&pair.refresh_token, &Cancel::none()).await {
            Ok(_) => Ok(true),
            Err(Error::Api(e)) if e.status == 401 || e.code == REFRESH_TOKEN_INVALID => {
                // Only the pair that was spent is cleared: a newer one saved meanwhile (by a
                // refresh that outlived a stale wait, or another tab) is the live session.
                match self.store.load().await? {
                    Some(p) if p.refresh_token == pair.refresh_token => {
                        self.store.clear().await?;
                        if let Some(hook) = &self.config.on_refresh_failed {
                            hook();
                        }
                        Ok(false)
                    }
                    // Another client rotated it first and its pair is here now: use that.
                    Some(p) => Ok(p.access_token != used),
                    None => Ok(false),
                }
            }
            Err(e) => Err(e),
        }
    }

    /// Calls the documented method `op` with its positional `args` (`wait`: `quotes.create`'s
    /// `{ wait: true }`): arguments checked before sending, the answer checked against the
    /// documented type, token pairs persisted by `login` / `mfa.verify` / `refresh`.
    pub async fn call(
        &self,
        op: &str,
        args: &[Json],
        wait: bool,
        cancel: &Cancel,
    ) -> Result<Reply, Error> {
        let call = ops::build(op, args, wait)?;
        let res = if call.op == "auth.logout" {
            let token = match args.first() {
                Some(Json::Str(t)) => Some(t.clone()),
                _ => None,
            };
            self.logout(token, cancel).await?;
            None
        } else {
            Some(
                self.respond(
                    call.method,
                    &call.path,
                    &call.query,
                    call.body.as_ref(),
                    cancel,
                )
                .await?,
            )
        };
        let Some(res) = res.filter(|_| !call.empty) else {
            return Ok(Reply {
                text: None,
                js_body: Default::default(),
                unwrap: None,
            });
        };
        let text = res.body;
        schema::check_text(call.op, &text)?;
        if call.effect == Effect::StorePair {
            if let Some(pair) = Json::parse(&text).as_ref().and_then(TokenPair::from_json) {
                self.store.save(&pair).await?;
            }
        }
        Ok(Reply {
            text: Some(text),
            js_body: res.js_body,
            unwrap: call.unwrap,
        })
    }

    /// Polls `quotes.get(id)` every `interval_ms` until the snapshot is `ready`; a snapshot
    /// that expires first is `QuoteExpired`, and `timeout_ms` bounds the whole wait.
    pub async fn wait_until_ready(
        &self,
        id: &Json,
        interval_ms: u64,
        timeout_ms: u64,
        cancel: &Cancel,
    ) -> Result<Reply, Error> {
        let deadline = self.transport.sender.now_ms() + timeout_ms as f64;
        loop {
            let reply = self
                .call("quotes.get", std::slice::from_ref(id), false, cancel)
                .await?;
            let status = reply
                .text
                .as_deref()
                .and_then(|t| json::string_field(t, "status"));
            match status.as_deref() {
                Some("ready") => return Ok(reply),
                Some("expired") => {
                    return Err(Error::Api(ApiError {
                        family: ApiFamily::Orchestration,
                        status: 410,
                        code: "QuoteExpired".into(),
                        message:
                            "the quote snapshot expired before it was ready; request a new quote"
                                .into(),
                        request_id: None,
                        extra: Vec::new(),
                    }))
                }
                _ => {}
            }
            let now = self.transport.sender.now_ms();
            if now + interval_ms as f64 > deadline {
                return Err(Error::Timeout { timeout_ms });
            }
            self.transport.sender.sleep(interval_ms, cancel).await?;
        }
    }

    /// `POST /v0/auth/refresh`: spends `refresh_token` (it rotates) and stores the new pair.
    pub async fn refresh(&self, refresh_token: &str, cancel: &Cancel) -> Result<TokenPair, Error> {
        let body = Json::Object(vec![(
            "refresh_token".into(),
            Json::Str(refresh_token.to_owned()),
        )]);
        let res = self
            .send("POST", "/v0/auth/refresh", &[], Some(&body), None, cancel)
            .await?;
        if !res.is_success() {
            return Err(Error::Api(api_error(&res)));
        }
        self.store_pair(&res.body)
            .await?
            .ok_or_else(|| Error::invalid("response", "refresh returned no token pair"))
    }

    /// Stores the pair in a `login` / `mfa.verify` / `refresh` answer, if it holds one.
    pub async fn store_pair(&self, text: &str) -> Result<Option<TokenPair>, Error> {
        let pair = Json::parse(text).as_ref().and_then(TokenPair::from_json);
        if let Some(p) = &pair {
            self.store.save(p).await?;
        }
        Ok(pair)
    }

    /// `POST /v0/auth/logout` with `refresh_token` or the stored one, then clears the store.
    /// With no refresh token anywhere there is nothing to revoke: only the store is cleared.
    pub async fn logout(
        &self,
        refresh_token: Option<String>,
        cancel: &Cancel,
    ) -> Result<(), Error> {
        let token = match refresh_token {
            Some(t) => Some(t),
            None => self
                .store
                .load()
                .await?
                .map(|p| p.refresh_token)
                .filter(|t| !t.is_empty()),
        };
        let result = match token {
            Some(t) => {
                let body = Json::Object(vec![("refresh_token".into(), Json::Str(t))]);
                self.request("POST", "/v0/auth/logout", &[], Some(&body), cancel)
                    .await
                    .map(|_| ())
            }
            None => Ok(()),
        };
        self.store.clear().await?;
        result
    }
}

/// `{ ok: false, error: { code, message, …extra } }` → ApiError with the extra fields kept;
/// an unreadable body gives code `Unknown` (and is not echoed).
pub fn api_error(res: &HttpResponse) -> ApiError {
    let error = res.error_json().and_then(|b| b.get("error").cloned());
    let code = error
        .as_ref()
        .and_then(|e| e.str_field("code"))
        .unwrap_or("Unknown")
        .to_owned();
    let message = error
        .as_ref()
        .and_then(|e| e.str_field("message"))
        .map_or_else(|| format!("HTTP {}", res.status), str::to_owned);
    let extra = match error {
        Some(Json::Object(fields)) => fields
            .into_iter()
            // Never the fields the SDK sets itself: a body cannot pass for another status.
            .filter(|(k, _)| {
                !matches!(
                    k.as_str(),
                    "code" | "message" | "status" | "requestId" | "idempotencyKey"
                )
            })
            .collect(),
        _ => Vec::new(),
    };
    ApiError {
        family: ApiFamily::Orchestration,
        status: res.status,
        code,
        message,
        request_id: res.header("x-request-id").map(str::to_owned),
        extra,
    }
}
