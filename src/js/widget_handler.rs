//! The edge half of the PCI card widget: a `(request) => Promise<Response>` handler that mints
//! a short-lived per-card token for a caller the integrator's `authorize` vouches for. Its
//! answers never carry the upstream's text (it could hold account or card details).

use js_sys::{Function, Object, Promise, Reflect, JSON};
use wasm_bindgen::prelude::*;
use wasm_bindgen_futures::{future_to_promise, JsFuture};
use web_sys::{Request, Response, ResponseInit, Url};

use crate::core::{jwt, number};
use crate::js::convert::{get, settled};

/// Lifetime assumed for a token that is no JWT and comes without `expiresIn`.
const DEFAULT_TTL_SECS: f64 = 300.0;

/// The handler function, holding `cards` (a `SeismicCardsClient`) and `authorize`.
pub fn handler(cards: JsValue, authorize: Function) -> JsValue {
    let handle = Closure::<dyn FnMut(Request) -> Promise>::new(move |request: Request| {
        let (cards, authorize) = (cards.clone(), authorize.clone());
        future_to_promise(async move { Ok(answer(&cards, &authorize, &request).await.into()) })
    });
    // Lives as long as the integrator holds the handler (usually the Worker's lifetime).
    handle.into_js_value()
}

/// A JSON answer that no cache keeps.
fn json(status: u16, body: &JsValue) -> Response {
    let init = ResponseInit::new();
    init.set_status(status);
    let headers = Object::new();
    let _ = Reflect::set(&headers, &"content-type".into(), &"application/json".into());
    let _ = Reflect::set(&headers, &"cache-control".into(), &"no-store".into());
    init.set_headers(&headers);
    let text = JSON::stringify(body).ok().and_then(|t| t.as_string());
    Response::new_with_opt_str_and_init(text.as_deref(), &init)
        .or_else(|_| Response::new())
        .unwrap_or_else(|_| JsValue::NULL.unchecked_into())
}

fn error(status: u16, code: &str) -> Response {
    let body = Object::new();
    let _ = Reflect::set(&body, &"error".into(), &code.into());
    json(status, &body.into())
}

/// The `cardId` of a GET's query or a POST's JSON body.
async fn card_id(request: &Request) -> Option<String> {
    let id = if request.method() == "GET" {
        Url::new(&request.url()).ok()?.search_params().get("cardId")
    } else {
        let body = JsFuture::from(request.json().ok()?).await.ok()?;
        get(&body, "cardId").as_string()
    };
    id.filter(|id| !id.is_empty())
}

async fn answer(cards: &JsValue, authorize: &Function, request: &Request) -> Response {
    if !matches!(request.method().as_str(), "GET" | "POST") {
        return error(405, "method_not_allowed");
    }
    let Some(card_id) = card_id(request).await else {
        return error(400, "invalid_request");
    };
    let grant = match authorize.call1(&JsValue::NULL, request) {
        Ok(v) => settled(v).await,
        Err(e) => Err(e),
    };
    let Ok(grant) = grant else {
        return error(500, "authorize_failed");
    };
    if !grant.is_truthy() {
        return error(401, "unauthorized");
    }
    let account_id = get(&grant, "accountId");
    let allowed = js_sys::Array::is_array(&get(&grant, "cardIds"))
        && js_sys::Array::from(&get(&grant, "cardIds")).includes(&card_id.as_str().into(), 0);
    if !account_id.is_string() || !allowed {
        return error(403, "forbidden");
    }
    let params = Object::new();
    let _ = Reflect::set(&params, &"cardId".into(), &card_id.as_str().into());
    let _ = Reflect::set(&params, &"accountId".into(), &account_id);
    let mint = get(&get(cards, "cards"), "widgetToken")
        .dyn_into::<Function>()
        .ok()
        .and_then(|f| f.call1(&get(cards, "cards"), &params).ok());
    let data = match mint {
        Some(p) => settled(p).await.ok(),
        None => None,
    };
    let Some(token) = data
        .as_ref()
        .and_then(|d| get(d, "accessToken").as_string())
        .filter(|t| !t.is_empty())
    else {
        // Upstream text is never passed on: it could carry account or card details.
        return error(502, "upstream_error");
    };
    let ttl = data
        .as_ref()
        // `Number(expiresIn)`, as the API may send it as text.
        .and_then(|d| {
            let v = get(d, "expiresIn");
            v.as_f64()
                .or_else(|| v.as_string().and_then(|s| number::parse_exact(&s)))
        })
        .filter(|s| s.is_finite() && *s > 0.0)
        .unwrap_or(DEFAULT_TTL_SECS);
    let expires_at = jwt::expiry_ms(&token).unwrap_or_else(|| js_sys::Date::now() + ttl * 1000.0);
    let body = Object::new();
    let _ = Reflect::set(&body, &"token".into(), &token.into());
    let _ = Reflect::set(&body, &"expiresAt".into(), &expires_at.into());
    json(200, &body.into())
}
