//! The built-in Orchestration token stores, in Rust: memory, and `localStorage` through
//! `web_sys::Storage` with Web Locks (`web_sys::LockManager`) so tabs sharing one session never
//! spend its rotating refresh token twice. The client uses them directly (no crossing into JS
//! to read a token); `memoryTokenStore()` / `localStorageTokenStore()` hand the same stores to
//! JS as objects with the documented synchronous methods.

use std::cell::RefCell;
use std::rc::Rc;

use js_sys::{Function, Object, Promise, Reflect};
use wasm_bindgen::prelude::*;
use wasm_bindgen_futures::JsFuture;

use crate::core::error::Error;
use crate::js::convert::get;
use crate::js::errors::to_js;
use crate::orchestration::{StoreLock, TokenPair, TokenStore};

/// The pair's fields, as the docs name them (and as `localStorage` keys after [`PREFIX`]).
const KEYS: [&str; 4] = [
    "access_token",
    "refresh_token",
    "access_expires_at",
    "refresh_expires_at",
];
const PREFIX: &str = "orchestration.";
/// The origin-wide Web Lock held while a tab spends the refresh token.
const LOCK_NAME: &str = "orchestration.refresh";

/// How long the refresh lock is held after the pair was written (see `lock`).
const RELEASE_DELAY_MS: f64 = 50.0;

/// The four fields, each possibly absent (a store may be seeded with an access token only).
type Slots = [Option<String>; 4];

/// Where a built-in store keeps its pair.
pub enum Backend {
    /// This client's memory.
    Memory(RefCell<Slots>),
    /// The origin's `localStorage`, shared by its tabs.
    Local(web_sys::Storage),
}

/// A pair given by JS (`initial`, or `save(p)`): an object whose known fields are strings.
fn slots_of(p: &JsValue, field: &str) -> Result<Slots, Error> {
    let mut slots = Slots::default();
    if p.is_undefined() || p.is_null() {
        return Ok(slots);
    }
    if !p.is_object() {
        return Err(Error::invalid(field, "must be an object"));
    }
    for (slot, key) in slots.iter_mut().zip(KEYS) {
        let v = get(p, key);
        if v.is_undefined() || v.is_null() {
            continue;
        }
        *slot = Some(
            v.as_string()
                .ok_or_else(|| Error::invalid(format!("{field}.{key}"), "must be a string"))?,
        );
    }
    Ok(slots)
}

fn slots_from(pair: &TokenPair) -> Slots {
    [
        Some(pair.access_token.clone()),
        Some(pair.refresh_token.clone()),
        pair.access_expires_at.clone(),
        pair.refresh_expires_at.clone(),
    ]
}

fn unusable() -> Error {
    Error::invalid(
        "tokenStore",
        r#"localStorage is not available here (Node, workers, SSR, sandboxed frames); use "memory", memoryTokenStore() or your own TokenStore"#,
    )
}

impl Backend {
    /// `localStorage`, when this context has a usable one (it may be missing, or throw on
    /// access in sandboxed frames and some privacy modes).
    pub fn local() -> Result<Self, Error> {
        // Found on the global, not through `window`: a page's, or one a test or an SSR shim
        // installed (its methods are called by name, as on a real `Storage`).
        let storage = Reflect::get(&js_sys::global(), &"localStorage".into())
            .ok()
            .filter(JsValue::is_object)
            .ok_or_else(unusable)?
            .unchecked_into::<web_sys::Storage>();
        storage
            .get_item(&format!("{PREFIX}{}", KEYS[0]))
            .map_err(|_| unusable())?;
        Ok(Self::Local(storage))
    }

    fn read(&self, index: usize) -> Option<String> {
        match self {
            Self::Memory(slots) => slots.borrow()[index].clone(),
            Self::Local(s) => s
                .get_item(&format!("{PREFIX}{}", KEYS[index]))
                .ok()
                .flatten(),
        }
    }

    fn write(&self, slots: Slots) -> Result<(), Error> {
        match self {
            Self::Memory(cell) => {
                *cell.borrow_mut() = slots;
                Ok(())
            }
            Self::Local(s) => {
                for (value, key) in slots.iter().zip(KEYS) {
                    let name = format!("{PREFIX}{key}");
                    match value {
                        Some(v) => s.set_item(&name, v),
                        None => s.remove_item(&name),
                    }
                    // The platform's message is not kept: it can quote what was written.
                    .map_err(|_| Error::invalid("tokenStore", "localStorage refused the write"))?;
                }
                Ok(())
            }
        }
    }

    /// A Promise of the release function once this tab holds the refresh lock; `None` where
    /// there is nothing to coordinate with (memory, or no Web Locks).
    fn request_lock(&self) -> Option<Promise> {
        if let Self::Memory(_) = self {
            return None;
        }
        // Engines without Web Locks (older ones, Node): then there is no lock to take.
        let navigator = Reflect::get(&js_sys::global(), &"navigator".into()).ok()?;
        let locks = get(&navigator, "locks");
        if !locks.is_object() {
            return None;
        }
        let locks = locks.unchecked_into::<web_sys::LockManager>();
        Some(Promise::new(&mut |granted, failed| {
            // The lock is held until the Promise the callback returns settles: it settles when
            // the client calls the release function it was granted.
            let hold = Closure::once_into_js(move |_lock: JsValue| {
                Promise::new(&mut |release, _| {
                    let _ = granted.call1(&JsValue::NULL, &release);
                })
            });
            let request = locks.request(LOCK_NAME, hold.unchecked_ref());
            // A refused request (e.g. an opaque origin) rejects the grant instead of hanging.
            if let Ok(catch) =
                Reflect::get(&request, &"catch".into()).and_then(|c| c.dyn_into::<Function>())
            {
                let _ = catch.call1(&request, &failed);
            }
        }))
    }
}

impl TokenStore for Backend {
    async fn load(&self) -> Result<Option<TokenPair>, Error> {
        let Some(access_token) = self.read(0).filter(|t| !t.is_empty()) else {
            return Ok(None);
        };
        Ok(Some(TokenPair {
            access_token,
            refresh_token: self.read(1).unwrap_or_default(),
            access_expires_at: self.read(2),
            refresh_expires_at: self.read(3),
        }))
    }

    async fn save(&self, pair: &TokenPair) -> Result<(), Error> {
        self.write(slots_from(pair))
    }

    async fn clear(&self) -> Result<(), Error> {
        self.write(Slots::default())
    }

    async fn lock(&self) -> Result<Option<StoreLock>, Error> {
        let Some(grant) = self.request_lock() else {
            return Ok(None);
        };
        let release: Function = JsFuture::from(grant)
            .await
            .ok()
            .and_then(|r| r.dyn_into().ok())
            .ok_or_else(|| Error::invalid("tokenStore", "the refresh lock was refused"))?;
        Ok(Some(StoreLock::new(Box::new(move || {
            // Released a little after the pair was written: another tab's copy of localStorage
            // learns of the write asynchronously, and the lock must not reach that tab first
            // (it would read the old pair and spend the rotated refresh token again).
            let later = Reflect::get(&js_sys::global(), &"setTimeout".into())
                .ok()
                .and_then(|f| f.dyn_into::<Function>().ok());
            let released = later.is_some_and(|set_timeout| {
                set_timeout
                    .call2(&JsValue::NULL, &release, &RELEASE_DELAY_MS.into())
                    .is_ok()
            });
            if !released {
                let _ = release.call0(&JsValue::NULL);
            }
        }))))
    }
}

/// A built-in token store as JS sees it (typed as `SyncTokenStore` in orchestration.d.ts).
#[wasm_bindgen(skip_typescript)]
pub struct BuiltinTokenStore {
    backend: Rc<Backend>,
}

impl From<Rc<Backend>> for BuiltinTokenStore {
    fn from(backend: Rc<Backend>) -> Self {
        Self { backend }
    }
}

#[wasm_bindgen]
impl BuiltinTokenStore {
    /// Persists a pair.
    pub fn save(&self, pair: JsValue) -> Result<(), JsValue> {
        slots_of(&pair, "pair")
            .and_then(|slots| self.backend.write(slots))
            .map_err(to_js)
    }

    /// Forgets the pair.
    pub fn clear(&self) -> Result<(), JsValue> {
        self.backend.write(Slots::default()).map_err(to_js)
    }

    /// The access token, or `null`.
    #[wasm_bindgen(js_name = accessToken)]
    pub fn access_token(&self) -> JsValue {
        self.backend.read(0).map_or(JsValue::NULL, JsValue::from)
    }

    /// The refresh token, or `null`.
    #[wasm_bindgen(js_name = refreshToken)]
    pub fn refresh_token(&self) -> JsValue {
        self.backend.read(1).map_or(JsValue::NULL, JsValue::from)
    }

    /// `access_expires_at`, or `null`.
    #[wasm_bindgen(js_name = accessExpiresAt)]
    pub fn access_expires_at(&self) -> JsValue {
        self.backend.read(2).map_or(JsValue::NULL, JsValue::from)
    }

    /// Whether an access token is held.
    #[wasm_bindgen(js_name = isAuthenticated)]
    pub fn is_authenticated(&self) -> bool {
        self.backend.read(0).is_some()
    }

    /// A Promise of the release function of the origin-wide refresh lock, or `null`.
    pub fn lock(&self) -> JsValue {
        self.backend
            .request_lock()
            .map_or(JsValue::NULL, JsValue::from)
    }
}

/// An in-memory token store, optionally seeded (typed in orchestration.d.ts).
#[wasm_bindgen(js_name = memoryTokenStore, skip_typescript)]
pub fn memory_token_store(initial: JsValue) -> Result<BuiltinTokenStore, JsValue> {
    let slots = slots_of(&initial, "initial").map_err(to_js)?;
    Ok(BuiltinTokenStore {
        backend: Rc::new(Backend::Memory(RefCell::new(slots))),
    })
}

/// A token store in `localStorage` under `orchestration.*` (typed in orchestration.d.ts).
#[wasm_bindgen(js_name = localStorageTokenStore, skip_typescript)]
pub fn local_storage_token_store() -> Result<BuiltinTokenStore, JsValue> {
    Ok(BuiltinTokenStore {
        backend: Rc::new(Backend::local().map_err(to_js)?),
    })
}

/// A fresh memory backend.
pub fn memory() -> Rc<Backend> {
    Rc::new(Backend::Memory(RefCell::default()))
}

/// Sets `key` on a fresh object (cannot fail on a plain object).
pub fn plain_pair(pair: &TokenPair) -> Object {
    let obj = Object::new();
    for (value, key) in slots_from(pair).iter().zip(KEYS) {
        if let Some(v) = value {
            let _ = Reflect::set(&obj, &key.into(), &v.into());
        }
    }
    obj
}
