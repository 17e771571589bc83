//! `SeismicCardsClient`: the two-step OAuth, the token cache and every endpoint.

use std::cell::RefCell;

use crate::cards::endpoints::endpoint;
use crate::cards::fields::build;
use crate::cards::token::{CachedToken, TokenCache};
use crate::core::encoding::percent_encode;
use crate::core::endpoint::Idempotency;
use crate::core::error::{ApiError, ApiFamily, Error};
use crate::core::ids::uuid_v4;
use crate::core::json::{object_fields, Field, Json};
use crate::core::number;
use crate::core::retry::DEFAULT_RETRY_STATUSES;
use crate::core::schema;
use crate::core::validate;
use crate::transport::single_flight::SingleFlight;
use crate::transport::{Cancel, HttpRequest, HttpResponse, HttpSend, Settings, Transport};

/// `environment: "sandbox"`.
pub const SANDBOX_URL: &str = "https://sandbox-api.seismic.systems";
/// `environment: "production"`.
pub const PRODUCTION_URL: &str = "https://api.seismic.systems";

/// The envelope code of success.
const OK: &str = "000000";
/// Token expired, revoked or from another environment: renew once and retry once.
const PERMISSION_DENIED: &str = "40399";

/// Settings of a [`CardsClient`].
#[derive(Debug, Clone)]
pub struct CardsConfig {
    /// Program client id (public).
    pub client_id: String,
    /// Program client secret (server-side only).
    pub client_secret: String,
    /// Origin, retries and timeout.
    pub settings: Settings,
}

impl CardsConfig {
    /// Settings from exactly one of `base_url` / `environment`.
    pub fn new(
        base_url: Option<&str>,
        environment: Option<&str>,
        client_id: &str,
        client_secret: &str,
    ) -> Result<Self, Error> {
        let base_url = validate::origin(base_url, environment, SANDBOX_URL, PRODUCTION_URL)?;
        validate::header_token("config.clientId", client_id, 256)?;
        if client_secret.is_empty() {
            return Err(Error::invalid("config.clientSecret", "is required"));
        }
        Ok(Self {
            settings: Settings::at(base_url),
            client_id: client_id.to_owned(),
            client_secret: client_secret.to_owned(),
        })
    }
}

/// Client of the Seismic Cards API.
#[derive(Debug)]
pub struct CardsClient<S, C> {
    transport: Transport<S>,
    config: CardsConfig,
    cache: C,
    token: RefCell<Option<CachedToken>>,
    renewing: SingleFlight,
}

impl<S: HttpSend, C: TokenCache> CardsClient<S, C> {
    /// A client sending through `sender`, sharing tokens through `cache`.
    pub fn new(config: CardsConfig, sender: S, cache: C) -> Self {
        Self {
            transport: Transport::new(sender, &config.settings, DEFAULT_RETRY_STATUSES),
            config,
            cache,
            token: RefCell::new(None),
            renewing: SingleFlight::default(),
        }
    }

    /// The `Idempotency-Key` a call of `name` carries: the caller's (checked), or a UUIDv4
    /// for the methods that require one. Resolved before the call so that every error of the
    /// call can name it.
    pub fn idempotency_key(name: &str, caller: Option<String>) -> Result<Option<String>, Error> {
        match (caller, endpoint(name)?.idempotency) {
            (Some(k), _) => {
                validate::header_token("options.idempotencyKey", &k, 255)?;
                Ok(Some(k))
            }
            (None, Idempotency::Required) => Ok(Some(uuid_v4()?)),
            (None, Idempotency::None) => Ok(None),
        }
    }

    /// Calls the method `name` (e.g. `cards.freeze`) with `params` and returns the envelope's
    /// `data` as JSON text. A missing `clientTransactionId` is the call's idempotency key, so
    /// the caller's retry with the same key is a replay, not a second transfer.
    pub async fn call(
        &self,
        name: &str,
        params: &Json,
        idempotency_key: Option<String>,
        cancel: &Cancel,
    ) -> Result<String, Error> {
        let endpoint = endpoint(name)?;
        let key = Self::idempotency_key(name, idempotency_key)?;
        let transaction_id = match &key {
            Some(k) => k.clone(),
            None => uuid_v4()?,
        };
        let built = build(endpoint, params, &transaction_id)?;
        let repeatable = endpoint.repeatable() || key.is_some();
        let url = format!("{}{}", self.config.settings.base_url, built.path);
        let mut renewed = false;
        loop {
            let token = self.token(cancel, false).await?;
            let res = self
                .transport
                .execute(cancel, repeatable, || {
                    Ok(HttpRequest::json(
                        built.method,
                        &url,
                        Some(("x-access-token", &token.access_token)),
                        built.body.as_deref(),
                        key.as_deref(),
                    ))
                })
                .await?;
            match envelope_data(&res) {
                Err(Error::Api(e)) if e.code == PERMISSION_DENIED && !renewed => {
                    renewed = true;
                    self.forget(&token);
                    self.token(cancel, true).await?;
                }
                // What the caller gets is `data`: checked against the documented type first.
                Ok(data) => return schema::check_text(endpoint.response, &data).map(|()| data),
                Err(e) => return Err(e),
            }
        }
    }

    /// A usable token: the in-memory copy, else the shared cache, else a renewal (waiting for
    /// one already running rather than starting a second, and sharing its failure). After the
    /// API refused the program's credentials, calls fail with that error without a round trip
    /// until a backoff (1 s, doubling to 60 s) has passed.
    pub async fn token(&self, cancel: &Cancel, force: bool) -> Result<CachedToken, Error> {
        let mut force = force;
        loop {
            let now = self.transport.sender.now_ms();
            if !force {
                if let Some(t) = self.token.borrow().as_ref().filter(|t| t.fresh(now)) {
                    return Ok(t.clone());
                }
            }
            if let Some(e) = self.renewing.refused(now) {
                return Err(e);
            }
            let before = self.token.borrow().clone();
            let renewal = self.renew_into_cache(force);
            // The API's own refusal (a wrong secret answers with a code, not a 5xx) will not
            // change by asking again at once; a transient failure is only shared.
            let refused = |e: &Error| matches!(e, Error::Api(api) if api.status < 500);
            let sender = &self.transport.sender;
            match self
                .renewing
                .share(sender, cancel, self.renewal_bound_ms(), renewal, refused)
                .await?
            {
                Some(fresh) => return Ok(fresh),
                // Another caller renewed: its token is the one to use, even when forced.
                None if self.token.borrow().as_ref() != before.as_ref() => force = false,
                None => {}
            }
        }
    }

    // The longest a renewal can take: two rounds of the authorize GET (with its retries and
    // their backoff) and the code exchange, plus the cache around them.
    fn renewal_bound_ms(&self) -> f64 {
        let policy = &self.transport.policy;
        let attempt = self.transport.timeout_ms as f64;
        let get = f64::from(policy.max_retries + 1) * attempt
            + f64::from(policy.max_retries) * policy.max_delay_ms as f64;
        2.0 * (get + attempt) + 10_000.0
    }

    // The leader's renewal: the shared cache first (unless `force`), else the OAuth flow.
    // Not under a caller's signal: others wait on it.
    async fn renew_into_cache(&self, force: bool) -> Result<CachedToken, Error> {
        if !force {
            if let Some(t) = self
                .cache
                .get()
                .await?
                .filter(|t| t.fresh(self.transport.sender.now_ms()))
            {
                *self.token.borrow_mut() = Some(t.clone());
                return Ok(t);
            }
        }
        let fresh = self.renew(&Cancel::none()).await?;
        self.cache.set(&fresh).await?;
        *self.token.borrow_mut() = Some(fresh.clone());
        Ok(fresh)
    }

    fn forget(&self, used: &CachedToken) {
        let mut slot = self.token.borrow_mut();
        if slot.as_ref().map(|t| &t.access_token) == Some(&used.access_token) {
            *slot = None;
        }
    }

    // The two-step OAuth. A used or expired code answers "000000" with an empty token (as the
    // docs warn): the flow is run again once.
    async fn renew(&self, cancel: &Cancel) -> Result<CachedToken, Error> {
        for _ in 0..2 {
            let url = format!(
                "{}/v1/oauth/authorize?clientId={}",
                self.config.settings.base_url,
                percent_encode(&self.config.client_id)
            );
            let res = self
                .transport
                .execute(cancel, true, || {
                    Ok(HttpRequest::json("GET", &url, None, None, None))
                })
                .await?;
            let data = parse_data(&envelope_data(&res)?)?;
            let code = data
                .str_field("code")
                .filter(|c| !c.is_empty())
                .ok_or_else(|| unexpected(&res, "authorize returned no code"))?
                .to_owned();
            let body = Json::Object(vec![
                ("clientId".into(), Json::Str(self.config.client_id.clone())),
                (
                    "clientSecret".into(),
                    Json::Str(self.config.client_secret.clone()),
                ),
                ("code".into(), Json::Str(code)),
            ])
            .to_json();
            let url = format!("{}/v1/oauth/access-token", self.config.settings.base_url);
            let started = self.transport.sender.now_ms();
            let res = self
                .transport
                .execute(cancel, false, || {
                    Ok(HttpRequest::json("POST", &url, None, Some(&body), None))
                })
                .await?;
            let data = parse_data(&envelope_data(&res)?)?;
            let access_token = data.str_field("accessToken").unwrap_or_default().to_owned();
            if access_token.is_empty() {
                continue;
            }
            let expires_in: f64 = match data.get("expiresIn") {
                Some(Json::Number(n)) => number::parse_exact(n).unwrap_or(0.0),
                _ => 0.0,
            };
            return Ok(CachedToken {
                access_token,
                expires_at_ms: started + expires_in * 1000.0,
            });
        }
        Err(Error::Api(ApiError {
            family: ApiFamily::Cards,
            status: 200,
            code: "empty_access_token".into(),
            message: "the OAuth exchange returned an empty access token twice (authorization code used or expired)".into(),
            request_id: None,
            extra: vec![("httpStatus".to_owned(), Json::Number("200".into()))],
        }))
    }
}

fn parse_data(text: &str) -> Result<Json, Error> {
    Json::parse(text).ok_or_else(|| Error::response("response.data", "is not JSON"))
}

fn unexpected(res: &HttpResponse, what: &str) -> Error {
    Error::Api(ApiError {
        family: ApiFamily::Cards,
        status: res.status,
        code: "unexpected_response".into(),
        message: what.into(),
        request_id: res.header("x-request-id").map(str::to_owned),
        extra: vec![(
            "httpStatus".to_owned(),
            Json::Number(res.status.to_string()),
        )],
    })
}

/// `{ code, message, data }`: `"000000"` gives `data` (raw JSON text), anything else a
/// `CardsApiError`. A body that is not the envelope is not echoed (it may hold card data).
pub fn envelope_data(res: &HttpResponse) -> Result<String, Error> {
    // A 2xx that is not the envelope is a response that broke its documented shape, the
    // same failure (and class) as in every client; an error status stays an API error.
    let shape = || {
        Error::response(
            "response",
            "is not the API envelope ({ code, message, data })",
        )
    };
    let fields = object_fields(&res.body).ok_or_else(|| {
        if res.is_success() {
            return shape();
        }
        unexpected(
            res,
            &format!(
                "HTTP {} with a body that is not the API envelope",
                res.status
            ),
        )
    })?;
    let get = |name: &str| fields.iter().rev().find(|(n, _)| n == name).map(|(_, v)| v);
    let code = match get("code") {
        Some(Field::Str(c)) => c.clone(),
        Some(Field::Other(n)) => (*n).to_owned(),
        None if res.is_success() => return Err(shape()),
        None => {
            return Err(unexpected(
                res,
                &format!(
                    "HTTP {} with a body that is not the API envelope",
                    res.status
                ),
            ))
        }
    };
    if code == OK && res.is_success() {
        return Ok(match get("data") {
            Some(Field::Other(raw)) => (*raw).to_owned(),
            Some(Field::Str(s)) => Json::Str(s.clone()).to_json(),
            None => "null".to_owned(),
        });
    }
    let message = match get("message") {
        Some(Field::Str(m)) => m.clone(),
        _ => format!("Cards API error {code}"),
    };
    Err(Error::Api(ApiError {
        family: ApiFamily::Cards,
        status: res.status,
        code,
        message,
        request_id: res.header("x-request-id").map(str::to_owned),
        extra: vec![(
            "httpStatus".to_owned(),
            Json::Number(res.status.to_string()),
        )],
    }))
}
