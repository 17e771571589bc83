//! `StoredValueClient`: the Seamless stored-value API on the shared transport.

use crate::core::encoding::base64_encode;
use crate::core::error::{ApiError, ApiFamily, Error};
use crate::core::ids::uuid_v4;
use crate::core::json::Json;
use crate::core::retry::DEFAULT_RETRY_STATUSES;
use crate::core::schema::{self, Ty};
use crate::core::validate;
use crate::stored_value::endpoints::endpoint;
use crate::stored_value::params::{prepare, Op};
use crate::stored_value::responses::SELECTED_TRANSACTION_PAGE;
use crate::stored_value::status::describe;
use crate::transport::{Cancel, HttpRequest, HttpResponse, HttpSend, Settings, Transport};

/// `environment: "sandbox"`.
pub const SANDBOX_URL: &str = "https://sandbox.seamlesspay.com";
/// `environment: "production"`.
pub const PRODUCTION_URL: &str = "https://api.seamlesspay.com";

/// Settings of a [`StoredValueClient`].
#[derive(Debug, Clone)]
pub struct StoredValueConfig {
    /// The secret API key (sent base64-encoded as a bearer token).
    pub api_key: String,
    /// Origin, retries and timeout.
    pub settings: Settings,
}

impl StoredValueConfig {
    /// Settings from exactly one of `base_url` / `environment`, and the API key.
    pub fn new(
        base_url: Option<&str>,
        environment: Option<&str>,
        api_key: &str,
    ) -> Result<Self, Error> {
        let base_url = validate::origin(base_url, environment, SANDBOX_URL, PRODUCTION_URL)?;
        if api_key.is_empty() || api_key.len() > 512 || api_key.chars().any(char::is_control) {
            return Err(Error::invalid(
                "config.apiKey",
                "must be a non-empty API key",
            ));
        }
        Ok(Self {
            settings: Settings::at(base_url),
            api_key: api_key.to_owned(),
        })
    }
}

/// Client of the stored-value (gift card) API.
#[derive(Debug)]
pub struct StoredValueClient<S> {
    transport: Transport<S>,
    base_url: String,
    authorization: String,
}

impl<S: HttpSend> StoredValueClient<S> {
    /// A client sending through `sender`.
    pub fn new(config: StoredValueConfig, sender: S) -> Self {
        Self {
            transport: Transport::new(sender, &config.settings, DEFAULT_RETRY_STATUSES),
            authorization: format!("Bearer {}", base64_encode(config.api_key.as_bytes())),
            base_url: config.settings.base_url,
        }
    }

    /// The `idempotencyKey` a call of `op` carries: the caller's (checked) or a UUIDv4 for the
    /// side-effecting operations. Resolved before the call so that every error can name it.
    pub fn idempotency_key(op: Op, caller: Option<String>) -> Result<Option<String>, Error> {
        match caller {
            Some(_) if !op.takes_key() => Err(Error::invalid(
                "options.idempotencyKey",
                "applies only to create, reload, redeem and cancel",
            )),
            Some(k) => {
                validate::header_token("options.idempotencyKey", &k, 255)?;
                Ok(Some(k))
            }
            None if op.takes_key() => Ok(Some(uuid_v4()?)),
            None => Ok(None),
        }
    }

    /// Runs `op` with `params` (a JSON object) and returns the response body (JSON text).
    /// Side-effecting operations carry `idempotencyKey` in their body: the caller's, or one
    /// generated here, the same on every retry.
    pub async fn call(
        &self,
        op: Op,
        params: &Json,
        idempotency_key: Option<String>,
        cancel: &Cancel,
    ) -> Result<String, Error> {
        let prepared = prepare(op, params)?;
        let key = Self::idempotency_key(op, idempotency_key)?;
        let body = match (prepared.body, key) {
            (Some(mut fields), Some(key)) if prepared.idempotent_post => {
                fields.push(("idempotencyKey".to_owned(), Json::Str(key)));
                Some(Json::Object(fields).to_json())
            }
            (Some(fields), _) => Some(Json::Object(fields).to_json()),
            (None, _) => None,
        };
        let url = format!("{}{}", self.base_url, prepared.path);
        // Everything but a side-effecting POST without a key is safe to repeat; such a POST
        // does not exist here, since every one gets a key above.
        let res = self
            .transport
            .execute(cancel, true, || {
                let credential = Some(("Authorization", self.authorization.as_str()));
                Ok(HttpRequest::json(
                    prepared.method,
                    &url,
                    credential,
                    body.as_deref(),
                    None,
                ))
            })
            .await?;
        if res.is_success() {
            schema::check_text(Some(response_type(op, params)), &res.body)?;
            Ok(res.body)
        } else {
            Err(Error::Api(api_error(&res)))
        }
    }
}

/// The documented type of `op`'s answer: its row's, or, for a `transactions.list` that
/// `$select`s fields, a page whose items hold only those.
fn response_type(op: Op, params: &Json) -> &'static Ty {
    let selects = params
        .get("query")
        .is_some_and(|q| q.get("$select").is_some_and(|s| *s != Json::Null));
    match endpoint(op).response {
        _ if op == Op::ListTransactions && selects => &SELECTED_TRANSACTION_PAGE,
        Some(ty) => ty,
        None => &Ty::Any,
    }
}

/// A non-2xx answer → `StoredValueError` fields: the body's `name`, `message`, `code`,
/// `className`, `data.statusCode` and `data.statusDescription` (the documented description
/// when the body has none). An unreadable body is not echoed.
fn api_error(res: &HttpResponse) -> ApiError {
    let body = res.error_json().filter(|b| matches!(b, Json::Object(_)));
    let field = |name: &str| {
        body.as_ref()
            .and_then(|b| b.str_field(name))
            .map(str::to_owned)
    };
    let data = body
        .as_ref()
        .and_then(|b| b.get("data"))
        .cloned()
        .unwrap_or(Json::Object(Vec::new()));
    let status_code = data.str_field("statusCode").map(str::to_owned);
    let status_description = data
        .str_field("statusDescription")
        .map(str::to_owned)
        .or_else(|| status_code.as_deref().and_then(describe).map(str::to_owned));
    let message = match (field("message"), &status_description) {
        (Some(m), Some(d)) if m == "Error" => d.clone(),
        (Some(m), _) => m,
        (None, Some(d)) => d.clone(),
        (None, None) => format!("HTTP {} with an unexpected body", res.status),
    };
    let code = body
        .as_ref()
        .and_then(|b| b.get("code"))
        .filter(|c| matches!(c, Json::Number(_)))
        .cloned()
        .unwrap_or_else(|| Json::Number(res.status.to_string()));
    let opt = |v: Option<String>| v.map_or(Json::Null, Json::Str);
    ApiError {
        family: ApiFamily::StoredValue,
        status: res.status,
        code: status_code
            .clone()
            .unwrap_or_else(|| field("className").unwrap_or_default()),
        message,
        request_id: res.header("x-request-id").map(str::to_owned),
        extra: vec![
            ("code".to_owned(), code),
            ("errorName".to_owned(), opt(field("name"))),
            ("className".to_owned(), opt(field("className"))),
            ("statusCode".to_owned(), opt(status_code)),
            ("statusDescription".to_owned(), opt(status_description)),
            ("data".to_owned(), data),
        ],
    }
}
