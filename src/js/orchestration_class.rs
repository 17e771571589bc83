//! `SeismicOrchestrationClient`, the wasm-bindgen class: the environment factories and the
//! documented namespaces (`auth`, `auth.mfa`, `apiKeys`, … `quotes`), plain objects built once
//! per client from the endpoint rows (`ops::names`) and frozen. Every namespace method is a
//! bound function of one dispatch closure per client (no eval, which workerd and CSP pages
//! forbid, and no wasm export per method), so adding a row adds the method.

use js_sys::{Object, Promise, Reflect, JSON};
use wasm_bindgen::prelude::*;

use crate::core::error::Error;
use crate::js::convert::get;
use crate::js::errors::{to_js, validation_error};
use crate::js::namespaces::Namespaces;
use crate::js::orchestration::OrchestrationCore;
use crate::orchestration::{ops, PRODUCTION_URL, SANDBOX_URL};

/// The one method that is not a row: it polls `quotes.get`.
const WAIT_UNTIL_READY: &str = "quotes.waitUntilReady";

/// Typed client of the Seismic Orchestration REST API; a drop-in for `seismic-orchestration`.
/// Use an environment factory (`sandbox()`, `production()`, `fromEnv()`) or pass `baseUrl`.
/// Its declaration is in `pkg-template/orchestration.d.ts`; its namespace interfaces are
/// rendered from the rows (`orchestration-methods.d.ts`).
#[wasm_bindgen(js_name = SeismicOrchestrationClient, skip_typescript)]
pub struct JsOrchestrationClient {
    core: OrchestrationCore,
    namespaces: Namespaces,
}

#[wasm_bindgen(js_class = SeismicOrchestrationClient)]
impl JsOrchestrationClient {
    /// A client for any deployment (private, tests); throws a `ValidationError` for a bad
    /// config.
    #[wasm_bindgen(constructor)]
    pub fn new(config: JsValue) -> Result<JsOrchestrationClient, JsValue> {
        let core = OrchestrationCore::new(&config).map_err(to_js)?;
        let owner = core.clone();
        let names = ops::names()
            .filter(|n| n.contains('.'))
            .chain([WAIT_UNTIL_READY]);
        let namespaces = Namespaces::new(names.collect(), move |name, args| {
            dispatch(&owner, name, args).into()
        });
        Ok(JsOrchestrationClient { core, namespaces })
    }

    /// A client for the sandbox environment (no real money).
    pub fn sandbox(cfg: JsValue) -> Result<JsOrchestrationClient, JsValue> {
        Self::at(cfg, SANDBOX_URL)
    }

    /// A client for production (real money).
    pub fn production(cfg: JsValue) -> Result<JsOrchestrationClient, JsValue> {
        Self::at(cfg, PRODUCTION_URL)
    }

    /// A client for `process.env.SEISMIC_ORCHESTRATION_ENV`, which must be "production" or
    /// "sandbox"; anything else (or unset) throws a `ValidationError` at once.
    #[wasm_bindgen(js_name = fromEnv)]
    pub fn from_env(cfg: JsValue) -> Result<JsOrchestrationClient, JsValue> {
        // `globalThis.process?.env?.SEISMIC_ORCHESTRATION_ENV`
        let env = get(&get(&js_sys::global(), "process"), "env");
        let env = get(&env, "SEISMIC_ORCHESTRATION_ENV");
        match env.as_string().as_deref() {
            Some("sandbox") => Self::sandbox(cfg),
            Some("production") => Self::production(cfg),
            _ => {
                // `${JSON.stringify(env)}`: `undefined` when unset, quoted when a string.
                let shown = JSON::stringify(&env)?
                    .as_string()
                    .unwrap_or_else(|| "undefined".to_owned());
                let mut message = String::from(
                    r#"SEISMIC_ORCHESTRATION_ENV must be "production" or "sandbox"; got "#,
                );
                message.push_str(&shown);
                Err(validation_error("SEISMIC_ORCHESTRATION_ENV", &message))
            }
        }
    }

    /// `Object.assign({}, cfg ?? {}, { baseUrl })`, then the constructor.
    fn at(cfg: JsValue, base_url: &str) -> Result<JsOrchestrationClient, JsValue> {
        let copy = Object::new();
        if !cfg.is_undefined() && !cfg.is_null() {
            Object::try_assign(&copy, &Object::from(cfg))?;
        }
        Reflect::set(&copy, &"baseUrl".into(), &base_url.into())?;
        Self::new(copy.into())
    }

    /// Signup, login, MFA, refresh, logout, JWT claims (`/auth`).
    #[wasm_bindgen(getter)]
    pub fn auth(&self) -> JsValue {
        self.namespaces.get("auth")
    }

    /// Org-scoped API keys (`/auth/api-keys`).
    #[wasm_bindgen(getter = apiKeys)]
    pub fn api_keys(&self) -> JsValue {
        self.namespaces.get("apiKeys")
    }

    /// The user behind the credential (`/user`).
    #[wasm_bindgen(getter)]
    pub fn users(&self) -> JsValue {
        self.namespaces.get("users")
    }

    /// Orgs, members and the org's KYB (`/orgs`, `/org`).
    #[wasm_bindgen(getter)]
    pub fn orgs(&self) -> JsValue {
        self.namespaces.get("orgs")
    }

    /// End-user customers, their KYC and accounts (`/customers`).
    #[wasm_bindgen(getter)]
    pub fn customers(&self) -> JsValue {
        self.namespaces.get("customers")
    }

    /// Accounts across the org's customers (`/accounts`).
    #[wasm_bindgen(getter)]
    pub fn accounts(&self) -> JsValue {
        self.namespaces.get("accounts")
    }

    /// Quote snapshots and accepting them (`/quotes`), and `waitUntilReady`.
    #[wasm_bindgen(getter)]
    pub fn quotes(&self) -> JsValue {
        self.namespaces.get("quotes")
    }

    /// `GET /rails`: every settlement rail. Unauthenticated.
    pub fn rails(&self, options: JsValue) -> Promise {
        self.core.call("rails", &[], options)
    }

    /// `GET /currencies`: every currency accepted on at least one rail. Unauthenticated.
    pub fn currencies(&self, options: JsValue) -> Promise {
        self.core.call("currencies", &[], options)
    }

    /// `GET /health`.
    pub fn health(&self, options: JsValue) -> Promise {
        self.core.call("health", &[], options)
    }
}

/// One call of a namespace method: `args` split into the op's positional parameters and the
/// options bag after them, as the method's arity says.
fn dispatch(core: &OrchestrationCore, name: &'static str, args: [JsValue; 3]) -> Promise {
    if name == WAIT_UNTIL_READY {
        let [id, options, _] = args;
        return core.wait_until_ready(id, options);
    }
    let arity = ops::param_names(name).map_or(0, <[_]>::len);
    // A row with three positional parameters needs a wider `Dispatch`: loud, never a shift.
    let Some(options) = args.get(arity).cloned() else {
        let e = Error::invalid(name, "takes more parameters than the dispatch passes");
        return Promise::reject(&to_js(e));
    };
    core.call(name, &args[..arity], options)
}
