//! `StoredValueClient` for JS.

use std::rc::Rc;

use js_sys::{Promise, JSON};
use wasm_bindgen::prelude::*;
use wasm_bindgen_futures::future_to_promise;

use crate::core::error::Error;
use crate::js::convert;
use crate::js::errors::{to_js, to_js_keyed};
use crate::stored_value::{
    describe, Op, StoredValueClient as Client, StoredValueConfig, STATUS_CODES,
};
use crate::transport::PlatformSender;

type Inner = Rc<Client<PlatformSender>>;

#[wasm_bindgen(module = "/js/pagination.js")]
extern "C" {
    #[wasm_bindgen(js_name = pageIterator)]
    fn page_iterator(
        namespace: JsValue,
        method: &str,
        params: JsValue,
        options: JsValue,
    ) -> JsValue;
}

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
        let sender = transport.sender;
        Ok(JsStoredValueClient {
            inner: Rc::new(Client::new(settings, sender)),
        })
    }

    /// Gift cards: create, delete, info.
    #[wasm_bindgen(getter, js_name = giftCards)]
    pub fn gift_cards(&self) -> StoredValueGiftCards {
        StoredValueGiftCards {
            inner: self.inner.clone(),
        }
    }

    /// Gift transactions: reload, redeem, cancel, get, list, listAll.
    #[wasm_bindgen(getter)]
    pub fn transactions(&self) -> StoredValueTransactions {
        StoredValueTransactions {
            inner: self.inner.clone(),
        }
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

/// `client.giftCards`.
#[wasm_bindgen]
pub struct StoredValueGiftCards {
    inner: Inner,
}

#[wasm_bindgen]
impl StoredValueGiftCards {
    /// Issues a gift card with an initial `amount` (`POST /v2/stored-value`). Idempotent.
    #[wasm_bindgen(unchecked_return_type = "Promise<GiftCard>")]
    pub fn create(
        &self,
        #[wasm_bindgen(unchecked_param_type = "GiftCardCreateParams")] params: JsValue,
        #[wasm_bindgen(unchecked_optional_param_type = "StoredValueRequestOptions")]
        options: Option<JsValue>,
    ) -> Promise {
        call(&self.inner, Op::CreateCard, params, options)
    }

    /// Removes a gift card (`DELETE /v2/stored-value/{cardNumber|cardTrackTwo}`).
    #[wasm_bindgen(unchecked_return_type = "Promise<GiftCard>")]
    pub fn delete(
        &self,
        #[wasm_bindgen(unchecked_param_type = "CardRef")] params: JsValue,
        #[wasm_bindgen(unchecked_optional_param_type = "StoredValueRequestOptions")]
        options: Option<JsValue>,
    ) -> Promise {
        call(&self.inner, Op::DeleteCard, params, options)
    }

    /// Balance and status of a card (`POST /v2/stored-value/info`, a read).
    #[wasm_bindgen(unchecked_return_type = "Promise<GiftCardInfo>")]
    pub fn info(
        &self,
        #[wasm_bindgen(unchecked_param_type = "GiftCardInfoParams")] params: JsValue,
        #[wasm_bindgen(unchecked_optional_param_type = "StoredValueRequestOptions")]
        options: Option<JsValue>,
    ) -> Promise {
        call(&self.inner, Op::CardInfo, params, options)
    }
}

/// `client.transactions`.
#[wasm_bindgen]
pub struct StoredValueTransactions {
    inner: Inner,
}

#[wasm_bindgen]
impl StoredValueTransactions {
    /// Adds value to a card (`method: "reload"`). Idempotent.
    #[wasm_bindgen(unchecked_return_type = "Promise<TransactionResult>")]
    pub fn reload(
        &self,
        #[wasm_bindgen(unchecked_param_type = "GiftTransactionParams")] params: JsValue,
        #[wasm_bindgen(unchecked_optional_param_type = "StoredValueRequestOptions")]
        options: Option<JsValue>,
    ) -> Promise {
        call(&self.inner, Op::Reload, params, options)
    }

    /// Deducts from a card (`method: "redemption"`). More than the balance gives status `"109"`
    /// with `customerPayment`, the amount to collect another way. Idempotent.
    #[wasm_bindgen(unchecked_return_type = "Promise<TransactionResult>")]
    pub fn redeem(
        &self,
        #[wasm_bindgen(unchecked_param_type = "GiftTransactionParams")] params: JsValue,
        #[wasm_bindgen(unchecked_optional_param_type = "StoredValueRequestOptions")]
        options: Option<JsValue>,
    ) -> Promise {
        call(&self.inner, Op::Redeem, params, options)
    }

    /// Cancels a transaction with its `transactionId` and original `amount` (status `"107"`). Idempotent.
    #[wasm_bindgen(unchecked_return_type = "Promise<TransactionResult>")]
    pub fn cancel(
        &self,
        #[wasm_bindgen(unchecked_param_type = "GiftCancelParams")] params: JsValue,
        #[wasm_bindgen(unchecked_optional_param_type = "StoredValueRequestOptions")]
        options: Option<JsValue>,
    ) -> Promise {
        call(&self.inner, Op::Cancel, params, options)
    }

    /// One transaction (`GET /v2/transactions/{id}`).
    #[wasm_bindgen(unchecked_return_type = "Promise<GiftTransaction>")]
    pub fn get(
        &self,
        #[wasm_bindgen(unchecked_param_type = "{ id: string }")] params: JsValue,
        #[wasm_bindgen(unchecked_optional_param_type = "StoredValueRequestOptions")]
        options: Option<JsValue>,
    ) -> Promise {
        call(&self.inner, Op::GetTransaction, params, options)
    }

    /// One page of transactions, filtered with the typed `query` (`$in`, `$sort`, `$or`…).
    #[wasm_bindgen(unchecked_return_type = "Promise<TransactionPage>")]
    pub fn list(
        &self,
        #[wasm_bindgen(unchecked_optional_param_type = "TransactionListParams")] params: Option<
            JsValue,
        >,
        #[wasm_bindgen(unchecked_optional_param_type = "StoredValueRequestOptions")]
        options: Option<JsValue>,
    ) -> Promise {
        call(
            &self.inner,
            Op::ListTransactions,
            params.unwrap_or(JsValue::UNDEFINED),
            options,
        )
    }

    /// Every transaction matching `params`, page after page: `for await (const t of client.transactions.listAll({ query }))`.
    #[wasm_bindgen(js_name = listAll, unchecked_return_type = "AsyncIterable<GiftTransaction>")]
    pub fn list_all(
        &self,
        #[wasm_bindgen(unchecked_optional_param_type = "TransactionListParams")] params: Option<
            JsValue,
        >,
        #[wasm_bindgen(unchecked_optional_param_type = "StoredValueRequestOptions")]
        options: Option<JsValue>,
    ) -> JsValue {
        let namespace = StoredValueTransactions {
            inner: self.inner.clone(),
        };
        page_iterator(
            namespace.into(),
            "list",
            params.unwrap_or(JsValue::UNDEFINED),
            options.unwrap_or(JsValue::UNDEFINED),
        )
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
