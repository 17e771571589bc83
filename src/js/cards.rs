//! `SeismicCardsClient` for JS, and the JS-implemented token cache.

use std::rc::Rc;

use js_sys::{Function, Promise, JSON};
use wasm_bindgen::prelude::*;
use wasm_bindgen_futures::future_to_promise;

use crate::cards::{
    endpoint, CachedToken, CardsClient as Client, CardsConfig, TokenCache, ENDPOINTS,
};
use crate::core::error::Error;
use crate::js::convert::{self, get};
use crate::js::errors::{to_js, to_js_keyed};
use crate::js::namespaces::Namespaces;
use crate::js::pages::{self, Shape};
use crate::transport::PlatformSender;

/// A `tokenCache` object from JS: `get()` and `set(token)`, each returning a value or a Promise.
pub struct JsTokenCache(Option<JsValue>);

impl JsTokenCache {
    async fn invoke(&self, method: &'static str, arg: Option<&JsValue>) -> Result<JsValue, Error> {
        let Some(obj) = &self.0 else {
            return Ok(JsValue::NULL);
        };
        let field = format!("config.tokenCache.{method}");
        let f: Function = get(obj, method)
            .dyn_into()
            .map_err(|_| Error::invalid(&field, "must be a function"))?;
        convert::call_secret_holder(&f, obj, arg, &field).await
    }
}

impl TokenCache for JsTokenCache {
    async fn get(&self) -> Result<Option<CachedToken>, Error> {
        let v = self.invoke("get", None).await?;
        let access_token = get(&v, "accessToken").as_string();
        let expires_at_ms = get(&v, "expiresAt").as_f64();
        Ok(access_token
            .zip(expires_at_ms)
            .map(|(access_token, expires_at_ms)| CachedToken {
                access_token,
                expires_at_ms,
            }))
    }

    async fn set(&self, token: &CachedToken) -> Result<(), Error> {
        // `{ accessToken, expiresAt }`, the shape a user's cache stores and `get` reads back.
        let data = serde_wasm_bindgen::to_value(token)
            .map_err(|_| Error::invalid("tokenCache", "could not hold the token"))?;
        self.invoke("set", Some(&data)).await.map(|_| ())
    }
}

type Inner = Rc<Client<PlatformSender, JsTokenCache>>;

/// Client of the Seismic Cards issuing API, for servers and edge functions.
///
/// Runs the two-step OAuth (`/v1/oauth/authorize`, then `/v1/oauth/access-token`), caches the
/// token as data (never as a shared in-flight promise, which workerd cannot await across
/// requests), renews it within 60 s of expiry with one renewal at a time, and on `40399` renews
/// once and retries the call once. Every method takes one object with the documented field
/// names (path parameters included) and optional `{ idempotencyKey, signal }`, and resolves
/// to the envelope's `data`. Refuses to run in a browser page unless `dangerouslyAllowBrowser`.
#[wasm_bindgen(js_name = SeismicCardsClient)]
pub struct JsCardsClient {
    namespaces: Namespaces,
}

#[wasm_bindgen(js_class = SeismicCardsClient)]
impl JsCardsClient {
    /// @throws {ValidationError} for a bad config field, or a `clientSecret` in a browser page.
    #[wasm_bindgen(constructor)]
    pub fn new(
        #[wasm_bindgen(unchecked_param_type = "SeismicCardsClientConfig")] config: JsValue,
    ) -> Result<JsCardsClient, JsValue> {
        Self::build(&config).map_err(to_js)
    }

    fn build(config: &JsValue) -> Result<JsCardsClient, Error> {
        if !config.is_object() {
            return Err(Error::invalid("config", "must be an object"));
        }
        convert::refuse_in_browser(config, "The Cards clientSecret")?;
        let mut settings = CardsConfig::new(
            convert::opt_string(config, "baseUrl", "config.baseUrl")?.as_deref(),
            convert::opt_string(config, "environment", "config.environment")?.as_deref(),
            &convert::string(config, "clientId", "config.clientId")?,
            &convert::string(config, "clientSecret", "config.clientSecret")?,
        )?;
        let transport = convert::transport_settings(config)?;
        transport.apply(&mut settings.settings);
        let cache = get(config, "tokenCache");
        let cache = if cache.is_undefined() || cache.is_null() {
            None
        } else if get(&cache, "get").is_function() && get(&cache, "set").is_function() {
            Some(cache)
        } else {
            return Err(Error::invalid(
                "config.tokenCache",
                "must be an object with get() and set(token) methods",
            ));
        };
        let inner: Inner = Rc::new(Client::new(settings, transport.sender, JsTokenCache(cache)));
        let names = ENDPOINTS.iter().map(|e| e.name).chain([LIST_ALL]).collect();
        let namespaces = Namespaces::new(names, move |name, [params, options, _]| {
            dispatch(&inner, name, params, options)
        });
        Ok(JsCardsClient { namespaces })
    }
}

/// The one method that is not a row: it pages through `transactions.list`.
const LIST_ALL: &str = "transactions.listAll";

/// Every namespace function lands here with its method's name.
fn dispatch(inner: &Inner, name: &'static str, params: JsValue, options: JsValue) -> JsValue {
    if name == LIST_ALL {
        let client = inner.clone();
        let list = Box::new(move |params, options| {
            call(&client, "transactions.list", params, Some(options)).into()
        });
        return pages::iterate(list, params, options, Shape::Cards);
    }
    match endpoint(name) {
        Ok(row) => call(inner, row.name, params, Some(options)).into(),
        Err(e) => Promise::reject(&to_js(e)).into(),
    }
}

/// Calls a Cards method by name; shared by every namespace.
fn call(inner: &Inner, name: &'static str, params: JsValue, options: Option<JsValue>) -> Promise {
    let client = inner.clone();
    future_to_promise(async move {
        let mut key = None;
        let run = async {
            let params = convert::params(&params, "params")?;
            let options = convert::options(&options.unwrap_or(JsValue::UNDEFINED), "options")?;
            let caller = convert::opt_string(&options, "idempotencyKey", "options.idempotencyKey")?;
            key = Client::<PlatformSender, JsTokenCache>::idempotency_key(name, caller)?;
            let cancel = convert::signal(&options)?;
            let data = client.call(name, &params, key.clone(), &cancel).await?;
            JSON::parse(&data).map_err(|_| Error::response("response.data", "is not JSON"))
        };
        let out = run.await;
        out.map_err(|e| to_js_keyed(e, key.as_deref()))
    })
}

// The namespaces, by name: their methods come from the rows (`Namespaces`), their
// TypeScript from `src/cards/typescript.rs` (the generated `cards.d.ts`).
macro_rules! getters {
    ($(($getter:ident, $js:literal, $ty:literal)),* $(,)?) => {
        #[wasm_bindgen(js_class = SeismicCardsClient)]
        impl JsCardsClient {
            $(
                #[doc = concat!("`client.", $js, "`: see [`", $ty, "`].")]
                #[wasm_bindgen(getter = $js, unchecked_return_type = $ty)]
                pub fn $getter(&self) -> JsValue {
                    self.namespaces.get($js)
                }
            )*
        }
    };
}

getters!(
    (accounts, "accounts", "CardsAccounts"),
    (cardholders, "cardholders", "CardsCardholders"),
    (bins, "bins", "CardsBins"),
    (budgets, "budgets", "CardsBudgets"),
    (transfers, "transfers", "CardsTransfers"),
    (wallets, "wallets", "CardsWallets"),
    (cards, "cards", "CardsCards"),
    (transactions, "transactions", "CardsTransactions"),
);
