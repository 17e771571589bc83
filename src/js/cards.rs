//! `SeismicCardsClient` for JS, and the JS-implemented token cache.

use std::rc::Rc;

use js_sys::{Function, Object, Promise, Reflect, JSON};
use wasm_bindgen::prelude::*;
use wasm_bindgen_futures::future_to_promise;

use crate::cards::{CachedToken, CardsClient as Client, CardsConfig, TokenCache};
use crate::core::error::Error;
use crate::js::convert::{self, get};
use crate::js::errors::{to_js, to_js_keyed};
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
        let data = Object::new();
        let _ = Reflect::set(
            &data,
            &"accessToken".into(),
            &token.access_token.as_str().into(),
        );
        let _ = Reflect::set(&data, &"expiresAt".into(), &token.expires_at_ms.into());
        self.invoke("set", Some(&data)).await.map(|_| ())
    }
}

type Inner = Rc<Client<PlatformSender, JsTokenCache>>;

#[wasm_bindgen(module = "/js/pagination.js")]
extern "C" {
    #[wasm_bindgen(js_name = pageIterator)]
    fn page_iterator(
        namespace: JsValue,
        method: &str,
        params: JsValue,
        options: JsValue,
        shape: &str,
    ) -> JsValue;
}

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
    inner: Inner,
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
        let sender = transport.sender;
        Ok(JsCardsClient {
            inner: Rc::new(Client::new(settings, sender, JsTokenCache(cache))),
        })
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

// One namespace struct per group, each method one line: the endpoint table does the rest.
macro_rules! namespace {
    ($getter:ident, $js_getter:literal, $ty:ident, $doc:literal, [$(($method:ident, $js:literal, $name:literal, $params:literal, $ret:literal, $mdoc:literal)),* $(,)?]) => {
        #[doc = $doc]
        #[wasm_bindgen]
        pub struct $ty {
            inner: Inner,
        }

        #[wasm_bindgen]
        impl $ty {
            $(
                #[doc = $mdoc]
                #[wasm_bindgen(js_name = $js, unchecked_return_type = $ret)]
                pub fn $method(
                    &self,
                    #[wasm_bindgen(unchecked_param_type = $params)] params: JsValue,
                    #[wasm_bindgen(unchecked_optional_param_type = "CardsRequestOptions")] options: Option<JsValue>,
                ) -> Promise {
                    call(&self.inner, $name, params, options)
                }
            )*
        }

        #[wasm_bindgen(js_class = SeismicCardsClient)]
        impl JsCardsClient {
            #[doc = $doc]
            #[wasm_bindgen(getter = $js_getter)]
            pub fn $getter(&self) -> $ty {
                $ty { inner: self.inner.clone() }
            }
        }
    };
}

namespace!(accounts, "accounts", CardsAccounts, "Sub-accounts and KYC.", [
    (register, "register", "accounts.register", "AccountRegisterParams", "Promise<{ accountId: string; userId: string }>", "Creates a sub-account (`POST /v1/accounts/register`); an Idempotency-Key is sent so retries never duplicate it."),
    (find_by_email, "findByEmail", "accounts.findByEmail", "{ email: string }", "Promise<{ list: CardsAccount[] }>", "Looks a sub-account up by email (`GET /v1/accounts`)."),
    (submit_kyc, "submitKyc", "accounts.submitKyc", "KycSubmitParams", "Promise<JsonObject>", "Submits KYC with a Sumsub share token (`POST /v1/accounts/{accountId}/kyc`)."),
    (kyc_status, "kycStatus", "accounts.kycStatus", "{ accountId: string }", "Promise<{ kyc: { status: KycStatus; caseId?: string } }>", "KYC / CDD status (`GET /v1/accounts/cdd/detail/{accountId}`)."),
    (init, "init", "accounts.init", "{ accountId: string }", "Promise<JsonObject>", "Provisions the USD Wallet once KYC is APPROVED (`POST /v1/accounts/{accountId}/init`)."),
]);

namespace!(
    cardholders,
    "cardholders",
    CardsCardholders,
    "Cardholder profiles.",
    [
        (
            create,
            "create",
            "cardholders.create",
            "CardholderCreateParams",
            "Promise<Cardholder>",
            "Creates a cardholder (`POST /v1/cardholders`); PENDING, then APPROVED."
        ),
        (
            list,
            "list",
            "cardholders.list",
            "{ accountId: string }",
            "Promise<{ list: Cardholder[] }>",
            "Cardholders of a sub-account."
        ),
        (
            get,
            "get",
            "cardholders.get",
            "{ cardholderId: string; accountId: string }",
            "Promise<Cardholder>",
            "One cardholder."
        ),
        (
            update,
            "update",
            "cardholders.update",
            "CardholderUpdateParams",
            "Promise<Cardholder>",
            "Updates mutable fields (`PATCH /v1/cardholders/{cardholderId}`)."
        ),
    ]
);

namespace!(
    bins,
    "bins",
    CardsBins,
    "BINs the program issues from.",
    [(
        list,
        "list",
        "bins.list",
        "{ accountId: string }",
        "Promise<{ list: CardBin[] }>",
        "`GET /v1/card/bins`."
    ),]
);

namespace!(budgets, "budgets", CardsBudgets, "Budgets: spending pools behind cards.", [
    (create, "create", "budgets.create", "{ accountId: string; name: string; currency?: \"USD\" }", "Promise<Budget>", "Creates a budget (Idempotency-Key sent)."),
    (get, "get", "budgets.get", "{ budgetId: string; accountId: string }", "Promise<Budget>", "A budget with its balance."),
    (transfer_in, "transferIn", "budgets.transferIn", "BudgetTransferParams", "Promise<BudgetTransfer>", "Funds a budget from the USD Wallet; `clientTransactionId` is generated when omitted."),
    (transfer_out, "transferOut", "budgets.transferOut", "BudgetTransferParams", "Promise<BudgetTransfer>", "Moves funds back to the USD Wallet; `030003` when they are locked by pending authorizations."),
]);

namespace!(
    transfers,
    "transfers",
    CardsTransfers,
    "Transfers between USD Wallets.",
    [(
        external,
        "external",
        "transfers.external",
        "ExternalTransferParams",
        "Promise<JsonObject>",
        "`POST /v1/business/transfer/external` (Idempotency-Key sent)."
    ),]
);

namespace!(
    wallets,
    "wallets",
    CardsWallets,
    "USD Wallets.",
    [(
        list,
        "list",
        "wallets.list",
        "{ accountId: string }",
        "Promise<{ list: CardsWallet[] }>",
        "`GET /v1/cards/wallets`."
    ),]
);

namespace!(cards, "cards", CardsCards, "Cards.", [
    (issue, "issue", "cards.issue", "CardIssueParams", "Promise<IssuedCard>", "Issues a card on a budget (`POST /v1/budget-card`, Idempotency-Key sent)."),
    (get, "get", "cards.get", "{ accountId: string; cardId: string }", "Promise<{ total: number; list: IssuedCard[] }>", "Card details without PAN/CVV (`GET /v1/card-list`)."),
    (sensitive_data, "sensitiveData", "cards.sensitiveData", "{ cardId: string; accountId: string }", "Promise<{ cardNumber: string; expiryDate: string; cvv: string }>", "PAN, expiry and CVV (`GET /v1/cards/{cardId}`). Prefer the PCI widget: this puts card data on your server."),
    (widget_token, "widgetToken", "cards.widgetToken", "{ cardId: string; accountId: string }", "Promise<{ accessToken: string; expiresIn?: number }>", "A short-lived per-card token for the PCI widget."),
    (update_label, "updateLabel", "cards.updateLabel", "{ cardId: string; accountId: string; label: string }", "Promise<JsonObject>", "Renames a card (≤ 50 characters)."),
    (set_velocity_control, "setVelocityControl", "cards.setVelocityControl", "VelocityControlParams", "Promise<JsonObject>", "Replaces the card's spending limit."),
    (freeze, "freeze", "cards.freeze", "{ cardId: string; accountId: string }", "Promise<JsonObject>", "Declines future authorizations."),
    (unfreeze, "unfreeze", "cards.unfreeze", "{ cardId: string; accountId: string }", "Promise<JsonObject>", "Restores a frozen card."),
    (delete, "delete", "cards.delete", "{ cardId: string; accountId: string }", "Promise<JsonObject>", "Closes a card permanently (irreversible)."),
]);

namespace!(
    transactions,
    "transactions",
    CardsTransactions,
    "Card transactions.",
    [(
        list,
        "list",
        "transactions.list",
        "CardTransactionListParams",
        "Promise<{ total: number; list: CardTransaction[] }>",
        "One page, newest first (`GET /v1/cards/transaction-list`)."
    ),]
);

#[wasm_bindgen]
impl CardsTransactions {
    /// Every matching transaction, page after page: `for await (const t of cards.transactions.listAll({ accountId, cardId }))`.
    #[wasm_bindgen(js_name = listAll, unchecked_return_type = "AsyncIterable<CardTransaction>")]
    pub fn list_all(
        &self,
        #[wasm_bindgen(unchecked_param_type = "CardTransactionListParams")] params: JsValue,
        #[wasm_bindgen(unchecked_optional_param_type = "CardsRequestOptions")] options: Option<
            JsValue,
        >,
    ) -> JsValue {
        let namespace = CardsTransactions {
            inner: self.inner.clone(),
        };
        page_iterator(
            namespace.into(),
            "list",
            params,
            options.unwrap_or(JsValue::UNDEFINED),
            "cards",
        )
    }
}
