//! `StoredValueClient` for JS.

use std::rc::Rc;

use js_sys::{Promise, JSON};
use wasm_bindgen::prelude::*;
use wasm_bindgen_futures::future_to_promise;

use crate::core::error::Error;
use crate::js::convert;
use crate::js::errors::{to_js, to_js_keyed};
use crate::js::namespaces::Namespaces;
use crate::js::pages::{self, Shape};
use crate::stored_value::{
    describe, Op, StoredValueClient as Client, StoredValueConfig, ENDPOINTS, STATUS_CODES,
};
use crate::transport::PlatformSender;

type Inner = Rc<Client<PlatformSender>>;

/// Client of the Seamless Payments stored-value (gift card) API. Server-side: the API key is
/// secret, so in a browser page the constructor refuses unless `dangerouslyAllowBrowser: true`.
///
/// Sends `Authorization: Bearer <base64 of the API key>` over HTTPS (plain http only to a
/// loopback sandbox). Every side-effecting POST carries an `idempotencyKey` (yours, or a UUIDv4),
/// identical on every retry; reads, GETs and DELETEs retry on network errors, 408, 429 and 5xx
/// gateways with backoff and jitter.
#[wasm_bindgen(js_name = StoredValueClient)]
pub struct JsStoredValueClient {
    inner: Inner,
    namespaces: Namespaces,
}

#[wasm_bindgen(js_class = StoredValueClient)]
impl JsStoredValueClient {
    /// @throws {ValidationError} for a bad config field (named in `field`), or in a browser page
    /// without `dangerouslyAllowBrowser: true`.
    #[wasm_bindgen(constructor)]
    pub fn new(
        #[wasm_bindgen(unchecked_param_type = "StoredValueClientConfig")] config: JsValue,
    ) -> Result<JsStoredValueClient, JsValue> {
        Self::build(&config).map_err(to_js)
    }

    fn build(config: &JsValue) -> Result<JsStoredValueClient, Error> {
        if !config.is_object() {
            return Err(Error::invalid("config", "must be an object"));
        }
        convert::refuse_in_browser(config, "The stored-value API key")?;
        let mut settings = StoredValueConfig::new(
            convert::opt_string(config, "baseUrl", "config.baseUrl")?.as_deref(),
            convert::opt_string(config, "environment", "config.environment")?.as_deref(),
            &convert::string(config, "apiKey", "config.apiKey")?,
        )?;
        let transport = convert::transport_settings(config)?;
        transport.apply(&mut settings.settings);
        let inner: Inner = Rc::new(Client::new(settings, transport.sender));
        // `binLookup` is the class's own method; the namespaces hold the dotted ones.
        let dotted = ENDPOINTS.iter().map(|e| e.name).filter(|n| n.contains('.'));
        let names = dotted.chain([LIST_ALL]).collect();
        let client = inner.clone();
        let namespaces = Namespaces::new(names, move |name, [params, options, _]| {
            dispatch(&client, name, params, options)
        });
        Ok(JsStoredValueClient { inner, namespaces })
    }

    /// Gift cards: create, delete, info.
    #[wasm_bindgen(getter, js_name = giftCards, unchecked_return_type = "StoredValueGiftCards")]
    pub fn gift_cards(&self) -> JsValue {
        self.namespaces.get("giftCards")
    }

    /// Gift transactions: reload, redeem, cancel, get, list, listAll.
    #[wasm_bindgen(getter, unchecked_return_type = "StoredValueTransactions")]
    pub fn transactions(&self) -> JsValue {
        self.namespaces.get("transactions")
    }

    /// BIN details (`GET /v2/bin-lookup/{bin}`): issuing bank, brand, type, prepaid…
    #[wasm_bindgen(js_name = binLookup, unchecked_return_type = "Promise<BinInfo>")]
    pub fn bin_lookup(
        &self,
        #[wasm_bindgen(unchecked_param_type = "{ bin: string }")] params: JsValue,
        #[wasm_bindgen(unchecked_optional_param_type = "StoredValueRequestOptions")]
        options: Option<JsValue>,
    ) -> Promise {
        call(&self.inner, Op::BinLookup, params, options)
    }
}

/// The one method that is not a row: it pages through `transactions.list`.
const LIST_ALL: &str = "transactions.listAll";

/// Every namespace function lands here with its method's name.
fn dispatch(inner: &Inner, name: &'static str, params: JsValue, options: JsValue) -> JsValue {
    if name == LIST_ALL {
        let client = inner.clone();
        let list = Box::new(move |params, options| {
            call(&client, Op::ListTransactions, params, Some(options)).into()
        });
        return pages::iterate(list, params, options, Shape::StoredValue);
    }
    match ENDPOINTS.iter().find(|e| e.name == name) {
        Some(row) => call(inner, row.params, params, Some(options)).into(),
        None => {
            let e = Error::invalid("method", format!("unknown method {name}"));
            Promise::reject(&to_js(e)).into()
        }
    }
}

/// @internal The status table, for the package entry's `STORED_VALUE_STATUS`.
#[wasm_bindgen(js_name = storedValueStatusTable, unchecked_return_type = "[string, string][]")]
pub fn stored_value_status_table() -> js_sys::Array {
    STATUS_CODES
        .iter()
        .map(|(c, d)| js_sys::Array::of2(&(*c).into(), &(*d).into()))
        .collect()
}

/// The documented description of a stored-value status code (`"109"` → "Additional payment
/// required to complete transaction"), or `undefined`.
#[wasm_bindgen(js_name = describeStoredValueStatus)]
pub fn describe_stored_value_status(
    // A JsValue: wasm-bindgen's own `&str` conversion of a non-string traps.
    #[wasm_bindgen(unchecked_param_type = "string")] code: JsValue,
) -> Result<Option<String>, JsValue> {
    let code = code
        .as_string()
        .ok_or_else(|| to_js(Error::invalid("code", "must be a string")))?;
    Ok(describe(&code).map(str::to_owned))
}

fn call(inner: &Inner, op: Op, params: JsValue, options: Option<JsValue>) -> Promise {
    let client = inner.clone();
    future_to_promise(async move {
        let mut key = None;
        let run = async {
            let params = convert::params(&params, "params")?;
            let options = convert::options(&options.unwrap_or(JsValue::UNDEFINED), "options")?;
            let caller = convert::opt_string(&options, "idempotencyKey", "options.idempotencyKey")?;
            key = Client::<PlatformSender>::idempotency_key(op, caller)?;
            let cancel = convert::signal(&options)?;
            let text = client.call(op, &params, key.clone(), &cancel).await?;
            JSON::parse(&text).map_err(|_| Error::response("response", "is not JSON"))
        };
        let out = run.await;
        out.map_err(|e| to_js_keyed(e, key.as_deref()))
    })
}
