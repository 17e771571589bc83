//! The driver of `native_orchestration_schema`: one in-process sandbox spoken to over plain
//! HTTP (reqwest, not the SDK client: what is checked is the sandbox against the tables), each
//! answer checked against the documented type, and the phases that drive every operation.

pub mod auth;
pub mod money;
pub mod orgs;

use std::cell::RefCell;
use std::collections::BTreeSet;

use seismic_sdk::core::json::Json;
use seismic_sdk::orchestration::schema;

/// What each phase answers: the first failure, with the body that caused it.
pub type TestResult = Result<(), Box<dyn std::error::Error>>;
/// A value, or that failure.
pub type Res<T> = Result<T, Box<dyn std::error::Error>>;

/// How a request authenticates.
#[derive(Clone, Copy)]
pub enum Auth<'a> {
    None,
    Key(&'a str),
    Bearer(&'a str),
}

/// One sandbox, plain HTTP, and the set of operations checked so far.
pub struct Sandbox {
    root: String,
    http: reqwest::Client,
    pub checked: RefCell<BTreeSet<&'static str>>,
}

/// A tenant of the admin API.
pub struct Tenant {
    pub email: String,
    pub password: String,
    pub key: String,
}

/// String field `name` of `value`, or an error that shows the body.
pub fn text(value: &Json, name: &str) -> Res<String> {
    value
        .str_field(name)
        .map(str::to_owned)
        .ok_or_else(|| format!("no string {name} in {}", value.to_json()).into())
}

/// The first item of the array field `list` of `value`.
pub fn first<'a>(value: &'a Json, list: &str) -> Res<&'a Json> {
    match value.get(list) {
        Some(Json::Array(items)) => items.first().ok_or_else(|| format!("empty {list}").into()),
        _ => Err(format!("no array {list} in {}", value.to_json()).into()),
    }
}

/// The items of an array (none for anything else).
pub fn items(value: &Json) -> &[Json] {
    match value {
        Json::Array(items) => items,
        _ => &[],
    }
}

/// Whether some object anywhere in `value` maps `key` to an object.
pub fn has_object(value: &Json, key: &str) -> bool {
    match value {
        Json::Object(fields) => fields
            .iter()
            .any(|(k, v)| (k == key && matches!(v, Json::Object(_))) || has_object(v, key)),
        Json::Array(items) => items.iter().any(|v| has_object(v, key)),
        _ => false,
    }
}

/// A JSON string literal.
pub fn quoted(s: &str) -> String {
    Json::Str(s.to_owned()).to_json()
}

impl Sandbox {
    /// A fresh sandbox on a random port, nothing checked yet.
    pub async fn start() -> Res<Self> {
        let running = seismic_sandbox::start(seismic_sandbox::Config::random()).await?;
        Ok(Self {
            root: running.url,
            http: reqwest::Client::new(),
            checked: RefCell::new(BTreeSet::new()),
        })
    }

    /// One plain request: the status and the body text.
    async fn send(
        &self,
        auth: Auth<'_>,
        method: &str,
        url: &str,
        body: Option<&str>,
    ) -> Res<(u16, String)> {
        let method = reqwest::Method::from_bytes(method.as_bytes())?;
        let mut request = self.http.request(method, url);
        request = match auth {
            Auth::None => request,
            Auth::Key(key) => request.header("Api-Key", key),
            Auth::Bearer(token) => request.header("Authorization", format!("Bearer {token}")),
        };
        if let Some(body) = body {
            request = request
                .header("content-type", "application/json")
                .body(body.to_owned());
        }
        let response = request.send().await?;
        let status = response.status().as_u16();
        Ok((status, response.text().await?))
    }

    /// POSTs to an admin route, which must answer 200 with JSON.
    async fn admin(&self, path: &str, body: &str) -> Res<Json> {
        let url = format!("{}/__sandbox/orchestration/{path}", self.root);
        let (status, text) = self.send(Auth::None, "POST", &url, Some(body)).await?;
        if status != 200 {
            return Err(format!("admin {path}: {status} {text}").into());
        }
        Json::parse(&text).ok_or_else(|| format!("admin {path}: {text}").into())
    }

    /// A new tenant with the given admin settings (a JSON object).
    pub async fn tenant(&self, settings: &str) -> Res<Tenant> {
        let t = self.admin("tenants", settings).await?;
        Ok(Tenant {
            email: text(&t, "email")?,
            password: text(&t, "password")?,
            key: text(&t, "apiKey")?,
        })
    }

    /// The current TOTP code of `secret`, as the sandbox computes it.
    pub async fn totp(&self, secret: &str) -> Res<String> {
        text(
            &self
                .admin("totp", &format!(r#"{{"secret":{}}}"#, quoted(secret)))
                .await?,
            "code",
        )
    }

    /// Calls `op` at `path` (under `/api/v0`) and checks its answer: a 204 for the ops that
    /// have no body, otherwise a 200 whose body passes `schema::check(op, …)`.
    pub async fn op(
        &self,
        op: &'static str,
        auth: Auth<'_>,
        method: &str,
        path: &str,
        body: Option<&str>,
    ) -> Res<Json> {
        let url = format!("{}/api/v0{path}", self.root);
        let (status, answer) = self.send(auth, method, &url, body).await?;
        if schema::no_body(op) {
            if status != 204 {
                return Err(format!("{op}: expected 204, got {status} {answer}").into());
            }
            self.checked.borrow_mut().insert(op);
            return Ok(Json::Null);
        }
        if status != 200 {
            return Err(format!("{op} {method} {path}: {status} {answer}").into());
        }
        let json = Json::parse(&answer).ok_or_else(|| format!("{op}: not JSON: {answer}"))?;
        schema::check(op, &json).map_err(|e| format!("{op}: {e}\n{answer}"))?;
        self.checked.borrow_mut().insert(op);
        Ok(json)
    }
}
