//! The core behind `SeismicOrchestrationClient` (the wasm-bindgen class and its namespaces
//! are in `orchestration_class`): the config, one call of a documented method, the choice of
//! token store (`tokenStore`: the built-in memory and localStorage stores of `token_stores`,
//! or the caller's own), and the adapter that lets a JS `TokenStore` — values or Promises —
//! back the Rust session logic.

use std::rc::Rc;

use js_sys::{Function, Promise};
use wasm_bindgen::prelude::*;
use wasm_bindgen_futures::future_to_promise;

use crate::core::error::Error;
use crate::core::json::Json;
use crate::core::validate;
use crate::js::convert::{self, get};
use crate::js::errors::to_js;
use crate::js::token_stores::{self, Backend, BuiltinTokenStore};
use crate::orchestration::{
    ops, KeySource, OrchestrationClient, OrchestrationConfig, Reply, StoreLock, TokenPair,
    TokenStore,
};
use crate::transport::PlatformSender;

/// A `TokenStore` object from JS, or the config's `getAccessToken` / `getRefreshToken` /
/// `onTokensRefreshed` overrides in its place.
pub struct JsTokenStore {
    store: JsValue,
    get_access: Option<Function>,
    get_refresh: Option<Function>,
    on_refreshed: Option<Function>,
}

impl JsTokenStore {
    /// Calls `f` (on the store) and awaits the result when it is a Promise.
    async fn invoke(
        &self,
        f: &Function,
        what: &str,
        arg: Option<&JsValue>,
    ) -> Result<JsValue, Error> {
        convert::call_secret_holder(f, &self.store, arg, &format!("tokenStore.{what}")).await
    }

    async fn method(&self, name: &'static str, arg: Option<&JsValue>) -> Result<JsValue, Error> {
        match get(&self.store, name).dyn_into::<Function>() {
            Ok(f) => self.invoke(&f, name, arg).await,
            Err(_) => Ok(JsValue::UNDEFINED),
        }
    }

    async fn token(
        &self,
        over: &Option<Function>,
        name: &'static str,
    ) -> Result<Option<String>, Error> {
        let v = match over {
            Some(f) => self.invoke(f, name, None).await?,
            None => self.method(name, None).await?,
        };
        Ok(v.as_string().filter(|s| !s.is_empty()))
    }
}

impl TokenStore for JsTokenStore {
    async fn load(&self) -> Result<Option<TokenPair>, Error> {
        let Some(access_token) = self.token(&self.get_access, "accessToken").await? else {
            return Ok(None);
        };
        let refresh_token = self
            .token(&self.get_refresh, "refreshToken")
            .await?
            .unwrap_or_default();
        let access_expires_at = self.method("accessExpiresAt", None).await?.as_string();
        Ok(Some(TokenPair {
            access_token,
            refresh_token,
            access_expires_at,
            refresh_expires_at: None,
        }))
    }

    async fn save(&self, pair: &TokenPair) -> Result<(), Error> {
        let obj = token_stores::plain_pair(pair);
        match &self.on_refreshed {
            Some(f) => self.invoke(f, "onTokensRefreshed", Some(&obj)).await,
            None => self.method("save", Some(&obj)).await,
        }
        .map(|_| ())
    }

    async fn clear(&self) -> Result<(), Error> {
        self.method("clear", None).await.map(|_| ())
    }

    async fn lock(&self) -> Result<Option<StoreLock>, Error> {
        let release = self.method("lock", None).await?;
        Ok(release.dyn_into::<Function>().ok().map(|f| {
            StoreLock::new(Box::new(move || {
                let _ = f.call0(&JsValue::NULL);
            }))
        }))
    }
}

/// The session store of one client: a built-in one, used directly, or the caller's.
pub enum SessionStore {
    /// Memory or localStorage, read without leaving wasm.
    Builtin(Rc<Backend>),
    /// The caller's `TokenStore` (or a built-in one behind the config's overrides).
    Js(JsTokenStore),
}

impl TokenStore for SessionStore {
    async fn load(&self) -> Result<Option<TokenPair>, Error> {
        match self {
            Self::Builtin(b) => b.load().await,
            Self::Js(j) => j.load().await,
        }
    }
    async fn save(&self, pair: &TokenPair) -> Result<(), Error> {
        match self {
            Self::Builtin(b) => b.save(pair).await,
            Self::Js(j) => j.save(pair).await,
        }
    }
    async fn clear(&self) -> Result<(), Error> {
        match self {
            Self::Builtin(b) => b.clear().await,
            Self::Js(j) => j.clear().await,
        }
    }
    async fn lock(&self) -> Result<Option<StoreLock>, Error> {
        match self {
            Self::Builtin(b) => b.lock().await,
            Self::Js(j) => j.lock().await,
        }
    }
}

/// `config.tokenStore`: `"memory"` (the default), `"localStorage"` or a `TokenStore` object.
/// With a fixed API key the store is never read, so `"localStorage"` must not fail in Node.
fn session_store(config: &JsValue) -> Result<SessionStore, Error> {
    let given = get(config, "tokenStore");
    let fixed_key = get(config, "apiKey")
        .as_string()
        .is_some_and(|k| !k.is_empty());
    let builtin = match given.as_string().as_deref() {
        _ if fixed_key || given.is_undefined() || given.is_null() => Some(token_stores::memory()),
        Some("memory") => Some(token_stores::memory()),
        Some("localStorage") => Some(Rc::new(Backend::local()?)),
        None if given.is_object() => {
            for method in ["save", "clear", "accessToken", "refreshToken"] {
                if !get(&given, method).is_function() {
                    return Err(Error::invalid(
                        format!("config.tokenStore.{method}"),
                        "must be a function",
                    ));
                }
            }
            None
        }
        _ => {
            return Err(Error::invalid(
                "config.tokenStore",
                r#"must be "memory", "localStorage" or a TokenStore object"#,
            ))
        }
    };
    let get_access = convert::opt_function(config, "getAccessToken", "config.getAccessToken")?;
    let get_refresh = convert::opt_function(config, "getRefreshToken", "config.getRefreshToken")?;
    let on_refreshed =
        convert::opt_function(config, "onTokensRefreshed", "config.onTokensRefreshed")?;
    let overridden = get_access.is_some() || get_refresh.is_some() || on_refreshed.is_some();
    Ok(match builtin {
        Some(backend) if !overridden => SessionStore::Builtin(backend),
        builtin => SessionStore::Js(JsTokenStore {
            store: builtin.map_or(given, |backend| BuiltinTokenStore::from(backend).into()),
            get_access,
            get_refresh,
            on_refreshed,
        }),
    })
}

#[wasm_bindgen(module = "/js/json.js")]
extern "C" {
    /// `JSON.parse` on the JS string as it is (js_sys's takes `&str`, a copy out of wasm),
    /// then its `field`; `undefined` when it is not JSON.
    #[wasm_bindgen(js_name = parseReply)]
    fn parse_reply(text: &JsValue, field: &JsValue) -> JsValue;
}

type Inner = Rc<OrchestrationClient<PlatformSender, SessionStore>>;

/// The Rust client behind one `SeismicOrchestrationClient` (`orchestration_class`), shared by
/// its namespace functions.
#[derive(Clone)]
pub struct OrchestrationCore {
    inner: Inner,
}

fn api_key(config: &JsValue) -> Result<Option<KeySource>, Error> {
    let v = get(config, "apiKey");
    if v.is_undefined() || v.is_null() {
        return Ok(None);
    }
    if let Some(key) = v.as_string() {
        validate::header_token("config.apiKey", &key, 512)?;
        return Ok(Some(Box::new(move || Some(key.clone()))));
    }
    let getter: Function = v.dyn_into().map_err(|_| {
        Error::invalid(
            "config.apiKey",
            "must be a string or a function returning one",
        )
    })?;
    // Asked on every request, so a rotated key is picked up without a new client; a getter
    // that throws or gives nothing means "no key" (the session path then applies).
    Ok(Some(Box::new(move || {
        getter
            .call0(&JsValue::NULL)
            .ok()
            .and_then(|k| k.as_string())
            .filter(|k| validate::header_token("config.apiKey", k, 512).is_ok())
    })))
}

impl OrchestrationCore {
    /// Validates `config` (an object) and opens its token store.
    pub fn new(config: &JsValue) -> Result<OrchestrationCore, Error> {
        if !config.is_object() {
            return Err(Error::invalid("config", "must be an object"));
        }
        let store = session_store(config)?;
        let base = convert::string(config, "baseUrl", "config.baseUrl")?;
        let mut settings = OrchestrationConfig::new(&base)?;
        settings.api_key = api_key(config)?;
        if settings.api_key.is_some() && !get(config, "apiKey").is_function() {
            convert::refuse_in_browser(config, "The org API key")?;
        }
        if let Some(hook) =
            convert::opt_function(config, "onRefreshFailed", "config.onRefreshFailed")?
        {
            settings.on_refresh_failed = Some(Box::new(move || {
                let _ = hook.call0(&JsValue::NULL);
            }));
        }
        let transport = convert::transport_settings(config)?;
        transport.apply(&mut settings.settings);
        Ok(OrchestrationCore {
            inner: Rc::new(OrchestrationClient::new(settings, transport.sender, store)),
        })
    }

    /// Calls the documented method `op` with its positional arguments (`args`, at most its
    /// arity; missing ones are `undefined`, which counts as absent) and its options bag;
    /// resolves to its result.
    pub fn call(&self, op: &'static str, args: &[JsValue], options: JsValue) -> Promise {
        let client = self.inner.clone();
        // Trailing `undefined`s are absent arguments: none at all skips the JSON round trip.
        let given = args
            .iter()
            .rposition(|a| !a.is_undefined())
            .map_or(0, |i| i + 1);
        let args: Option<js_sys::Array> = (given > 0).then(|| args[..given].iter().collect());
        future_to_promise(async move {
            let run = async {
                let names = ops::param_names(op)
                    .ok_or_else(|| Error::invalid("method", format!("unknown method {op}")))?;
                let args = match &args {
                    Some(args) => convert::args(args, names)?,
                    None => Vec::new(),
                };
                let options = convert::options(&options, "options")?;
                let wait = match get(&options, "wait") {
                    v if v.is_undefined() || v.is_null() => false,
                    v => v
                        .as_bool()
                        .ok_or_else(|| Error::invalid("options.wait", "must be a boolean"))?,
                };
                let cancel = convert::signal(&options)?;
                let reply = client.call(op, &args, wait, &cancel).await?;
                reply_value(reply)
            };
            run.await.map_err(to_js)
        })
    }

    /// `quotes.waitUntilReady(id, { intervalMs, timeoutMs, signal })`.
    pub fn wait_until_ready(&self, id: JsValue, options: JsValue) -> Promise {
        let client = self.inner.clone();
        future_to_promise(async move {
            let run = async {
                let id = match id.as_string() {
                    Some(s) if !s.trim().is_empty() => Json::Str(s),
                    _ => return Err(Error::invalid("id", "must be a non-empty string")),
                };
                let options = convert::options(&options, "options")?;
                let interval =
                    convert::opt_uint(&options, "intervalMs", "options.intervalMs", 60_000)?
                        .unwrap_or(500)
                        .max(50);
                let timeout =
                    convert::opt_uint(&options, "timeoutMs", "options.timeoutMs", 3_600_000)?
                        .unwrap_or(30_000);
                let cancel = convert::signal(&options)?;
                let reply = client
                    .wait_until_ready(&id, interval, timeout, &cancel)
                    .await?;
                reply_value(reply)
            };
            run.await.map_err(to_js)
        })
    }
}

/// The JS result of a call: the parsed body, or the field the method returns, or `undefined`.
fn reply_value(reply: Reply) -> Result<JsValue, Error> {
    if reply.text.is_none() {
        return Ok(JsValue::UNDEFINED);
    }
    // The engine's own copy of the body: parsed where it is, never copied back out of wasm.
    // The text was checked as JSON already; `undefined` would mean the engine disagrees.
    let field = reply.unwrap.map_or(JsValue::UNDEFINED, convert::js_name);
    let value = parse_reply(&reply.js_body, &field);
    if value.is_undefined() {
        return Err(Error::response("response", "is not JSON"));
    }
    Ok(value)
}
