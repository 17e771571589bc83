//! The PCI widget flow for JS: argument checks here, the edge token handler in
//! `widget_handler` and the browser frame in `widget_mount` (both on web-sys).

use wasm_bindgen::prelude::*;

use crate::core::error::Error;
use crate::core::validate;
use crate::js::convert::{self, get};
use crate::js::errors::to_js;

/// An edge handler for the widget token: `(request: Request) => Promise<Response>`, usable as a
/// Worker's `fetch` or in Node.
///
/// Reads `cardId` (JSON body `{ cardId }` on POST, `?cardId=` on GET), asks your `authorize(request)`
/// for the caller's `{ accountId, cardIds }` (or `null`), and answers `{ token, expiresAt }`
/// (ms since the epoch) with `Cache-Control: no-store`; `401` when authorize refuses, `403`
/// for a card not in `cardIds`, `502` `{ error: "upstream_error" }` when the API fails (its text,
/// which could carry account or card details, is never passed on).
///
/// @throws {ValidationError} when `cards` is not a SeismicCardsClient or `authorize` not a function.
#[wasm_bindgen(js_name = createWidgetTokenHandler, unchecked_return_type = "(request: Request) => Promise<Response>")]
pub fn create_widget_token_handler(
    #[wasm_bindgen(unchecked_param_type = "WidgetTokenHandlerOptions")] options: JsValue,
) -> Result<JsValue, JsValue> {
    let run = || -> Result<JsValue, Error> {
        let cards = get(&options, "cards");
        if !get(&get(&cards, "cards"), "widgetToken").is_function() {
            return Err(Error::invalid(
                "options.cards",
                "must be a SeismicCardsClient",
            ));
        }
        let authorize = convert::opt_function(&options, "authorize", "options.authorize")?
            .ok_or_else(|| {
                Error::invalid(
                    "options.authorize",
                    "is required: (request) => { accountId, cardIds } | null",
                )
            })?;
        Ok(crate::js::widget_handler::handler(cards, authorize))
    };
    run().map_err(to_js)
}

/// Mounts the PCI card widget for `cardId` into `element` and returns `{ unmount, refresh }`.
///
/// Gets a token from your endpoint (`tokenUrl`, POSTed `{ cardId }`, or your `fetchToken`),
/// creates an iframe on `widgetOrigin` and hands it the token by `postMessage` to exactly that
/// origin, never in the URL. Messages from anything but that frame are ignored. An expired token
/// is replaced with a fresh one; `refresh()` reloads with a new token. Errors reach `onError`
/// as `CardWidgetError` (`token_fetch_failed`, `token_expired`, `token_invalid`,
/// `widget_load_failed`, `widget_blocked`).
///
/// @throws {ValidationError} for bad options (exactly one of tokenUrl / fetchToken; an https
/// widgetOrigin, or http on loopback).
#[wasm_bindgen(js_name = mountCardWidget, unchecked_return_type = "CardWidgetHandle")]
pub fn mount_card_widget(
    #[wasm_bindgen(unchecked_param_type = "CardWidgetHost")] element: JsValue,
    #[wasm_bindgen(unchecked_param_type = "CardWidgetOptions")] options: JsValue,
) -> Result<JsValue, JsValue> {
    let run = || -> Result<String, Error> {
        if !get(&element, "appendChild").is_function() {
            return Err(Error::invalid("element", "must be a DOM element"));
        }
        let card_id = convert::string(&options, "cardId", "options.cardId")?;
        if card_id.trim().is_empty() {
            return Err(Error::invalid("options.cardId", "must not be empty"));
        }
        let token_url = convert::opt_string(&options, "tokenUrl", "options.tokenUrl")?;
        let fetch_token = convert::opt_function(&options, "fetchToken", "options.fetchToken")?;
        if token_url.is_some() == fetch_token.is_some() {
            return Err(Error::invalid(
                "options.tokenUrl",
                "give exactly one of tokenUrl or fetchToken",
            ));
        }
        let widget_url = validate::base_url(
            "options.widgetOrigin",
            &convert::string(&options, "widgetOrigin", "options.widgetOrigin")?,
        )? + "/";
        for callback in ["onReady", "onError", "onCopy"] {
            convert::opt_function(&options, callback, &format!("options.{callback}"))?;
        }
        Ok(widget_url)
    };
    let widget_url = run().map_err(to_js)?;
    crate::js::widget_mount::mount(element, options, &widget_url)
}
