//! The `/v2/*` request pipeline: auth, request counting, injected faults,
//! body parsing, idempotency and dispatch to the business handlers.

use std::sync::{Arc, Mutex};
use std::time::SystemTime;

use axum::body::Bytes;
use axum::extract::State;
use axum::http::{HeaderMap, Method, StatusCode, Uri};
use axum::response::{IntoResponse, Response};
use serde_json::json;

use super::outcome::Outcome;
use super::state::Tenant;
use super::{auth, bin_lookup, body, cards, idempotency, listing, transactions};
use crate::common::fault::{self, Fault};
use crate::common::lock;
use crate::common::urlencoded;
use crate::AppState;

/// Card issue / balance paths.
const STORED_VALUE: &str = "/v2/stored-value";
/// Card info path.
const INFO: &str = "/v2/stored-value/info";
/// Transactions collection path.
const TRANSACTIONS: &str = "/v2/transactions";
/// BIN lookup collection (the BIN follows).
const BIN_LOOKUP: &str = "/v2/bin-lookup";

/// What a method and path ask for.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum Route<'a> {
    CreateCard,
    DeleteCard(&'a str),
    CardInfo,
    CreateTransaction,
    ListTransactions,
    GetTransaction(&'a str),
    BinLookup(&'a str),
    MethodNotAllowed,
    NotFound,
}

impl<'a> Route<'a> {
    /// Routes a raw (still percent-encoded) path.
    fn of(method: &Method, path: &'a str) -> Self {
        let post = method == Method::POST;
        let get = method == Method::GET;
        let delete = method == Method::DELETE;
        let segment = |prefix: &str| {
            path.strip_prefix(prefix)
                .and_then(|rest| rest.strip_prefix('/'))
                .filter(|rest| !rest.is_empty() && !rest.contains('/'))
        };
        let (allowed, route) = if path == STORED_VALUE {
            (post, Self::CreateCard)
        } else if path == INFO && !delete {
            (post, Self::CardInfo)
        } else if let Some(card) = segment(STORED_VALUE) {
            (delete, Self::DeleteCard(card))
        } else if path == TRANSACTIONS {
            match *method {
                Method::GET => (true, Self::ListTransactions),
                _ => (post, Self::CreateTransaction),
            }
        } else if let Some(id) = segment(TRANSACTIONS) {
            (get, Self::GetTransaction(id))
        } else if let Some(bin) = segment(BIN_LOOKUP) {
            (get, Self::BinLookup(bin))
        } else {
            (true, Self::NotFound)
        };
        if allowed {
            route
        } else {
            Self::MethodNotAllowed
        }
    }
}

/// Handles every request under `/v2/`.
pub(crate) async fn handle(
    State(app): State<Arc<AppState>>,
    method: Method,
    uri: Uri,
    headers: HeaderMap,
    body: Bytes,
) -> Response {
    let path = uri.path();
    let route = Route::of(&method, path);
    let tenant = auth::api_key(&headers)
        .and_then(|api_key| Some((app.stored_value.get(&api_key)?, api_key)));
    let Some((tenant, api_key)) = tenant else {
        return match route {
            Route::BinLookup(bin) => bin_lookup::lookup(bin).into_response(),
            _ => Outcome::not_authenticated().into_response(),
        };
    };
    let fault = {
        let mut tenant = lock(&tenant);
        tenant.requests += 1;
        tenant.faults.take(path)
    };
    // Lazy: the request time is read only once a fault's delay has passed.
    let work = async {
        let request = Request {
            route,
            method: &method,
            path,
            query: uri.query().unwrap_or_default(),
            headers: &headers,
            body: &body,
            api_key: &api_key,
            now: SystemTime::now(),
        };
        process(&request, &tenant).into_response()
    };
    fault::apply(fault, fault_response, work).await
}

/// What the business layer needs to know about one request.
struct Request<'a> {
    route: Route<'a>,
    method: &'a Method,
    path: &'a str,
    query: &'a str,
    headers: &'a HeaderMap,
    body: &'a [u8],
    api_key: &'a str,
    now: SystemTime,
}

/// Everything after auth and the "before" fault.
fn process(request: &Request<'_>, tenant: &Mutex<Tenant>) -> Outcome {
    let now = request.now;
    let path = request.path;
    match request.route {
        Route::CreateCard | Route::CardInfo | Route::CreateTransaction => {
            let payload = match body::parse(request.headers, request.body) {
                Ok(payload) => payload,
                Err(outcome) => return outcome,
            };
            let mut tenant = lock(tenant);
            idempotency::run(&mut tenant, path, &payload, |tenant| match request.route {
                Route::CreateCard => cards::create(tenant, &payload, now),
                Route::CardInfo => cards::info(tenant, &payload),
                _ => transactions::create(tenant, &payload, now),
            })
        }
        Route::DeleteCard(reference) => {
            cards::delete(&mut lock(tenant), &urlencoded::decode(reference, false))
        }
        Route::ListTransactions => listing::list(&lock(tenant), request.api_key, request.query),
        Route::GetTransaction(id) => {
            transactions::get(&lock(tenant), &urlencoded::decode(id, false))
        }
        Route::BinLookup(bin) => bin_lookup::lookup(bin),
        Route::MethodNotAllowed => Outcome::error(
            StatusCode::METHOD_NOT_ALLOWED,
            &format!(
                "Method {} is not supported by this endpoint.",
                request.method
            ),
            json!({}),
        ),
        Route::NotFound => Outcome::not_found("Page not found", None),
    }
}

/// The answer of an injected fault: a `GeneralError` body with the
/// fault's status, and `Retry-After` when asked for.
fn fault_response(fault: &Fault) -> Response {
    fault.with_retry_after(
        Outcome::named_error(
            fault.status,
            "GeneralError",
            "general-error",
            "sandbox injected fault",
            json!({}),
        )
        .into_response(),
    )
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn routes() {
        let route = |method: Method, path| Route::of(&method, path);
        assert_eq!(route(Method::POST, "/v2/stored-value"), Route::CreateCard);
        assert_eq!(
            route(Method::POST, "/v2/stored-value/info"),
            Route::CardInfo
        );
        assert_eq!(
            route(Method::DELETE, "/v2/stored-value/info"),
            Route::DeleteCard("info")
        );
        assert_eq!(
            route(Method::DELETE, "/v2/stored-value/4242"),
            Route::DeleteCard("4242")
        );
        assert_eq!(
            route(Method::GET, "/v2/stored-value/4242"),
            Route::MethodNotAllowed
        );
        assert_eq!(
            route(Method::GET, "/v2/stored-value"),
            Route::MethodNotAllowed
        );
        assert_eq!(
            route(Method::POST, "/v2/transactions"),
            Route::CreateTransaction
        );
        assert_eq!(
            route(Method::GET, "/v2/transactions"),
            Route::ListTransactions
        );
        assert_eq!(
            route(Method::PUT, "/v2/transactions"),
            Route::MethodNotAllowed
        );
        assert_eq!(
            route(Method::GET, "/v2/transactions/GCT_1"),
            Route::GetTransaction("GCT_1")
        );
        assert_eq!(
            route(Method::GET, "/v2/bin-lookup/411111"),
            Route::BinLookup("411111")
        );
        assert_eq!(route(Method::GET, "/v2/bin-lookup/"), Route::NotFound);
        assert_eq!(route(Method::GET, "/v2/transactions/a/b"), Route::NotFound);
        assert_eq!(route(Method::GET, "/v2/nowhere"), Route::NotFound);
    }
}
