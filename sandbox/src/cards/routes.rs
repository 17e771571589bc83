//! The `/v1/*` request pipeline: routing, program identification (OAuth
//! `clientId` or `x-access-token`), request counting, injected faults,
//! idempotency and dispatch to the business handlers.

use std::collections::HashMap;
use std::sync::Arc;
use std::time::SystemTime;

use axum::body::Bytes;
use axum::extract::{Query, State};
use axum::http::{HeaderMap, Method, Uri};
use axum::response::{IntoResponse, Response};
use serde_json::{Map, Value};

use super::budgets::Direction;
use super::errors::{ApiError, Outcome};
use super::fields;
use super::idempotency::{self, KeyRule};
use super::request::Ctx;
use super::state::{Program, Registry, SharedProgram};
use super::{accounts, bins, budgets, cardholders, cards, oauth, transactions, transfers, wallets};
use crate::common::fault::{self, Fault};
use crate::common::lock;
use crate::AppState;

/// Header carrying the access token.
pub(crate) const ACCESS_TOKEN: &str = "x-access-token";
/// Header carrying the idempotency key.
const IDEMPOTENCY_KEY: &str = "idempotency-key";

/// What a method and path ask for.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum Route<'a> {
    Authorize,
    AccessToken,
    Register,
    FindAccounts,
    SubmitKyc(&'a str),
    KycDetail(&'a str),
    Init(&'a str),
    CreateCardholder,
    ListCardholders,
    GetCardholder(&'a str),
    UpdateCardholder(&'a str),
    Bins,
    CreateBudget,
    GetBudget(&'a str),
    Transfer(&'a str, Direction),
    ExternalTransfer,
    Wallets,
    IssueCard,
    CardList,
    TransactionList,
    Sensitive(&'a str),
    Relabel(&'a str),
    Close(&'a str),
    WidgetToken(&'a str),
    Velocity(&'a str),
    Freeze(&'a str, bool),
    NotFound,
}

impl<'a> Route<'a> {
    /// Routes a path under `/v1/`.
    fn of(method: &Method, path: &'a str) -> Self {
        let Some(rest) = path.strip_prefix("/v1/") else {
            return Self::NotFound;
        };
        let segments: Vec<&'a str> = rest.split('/').collect();
        if segments.iter().any(|segment| segment.is_empty()) {
            return Self::NotFound;
        }
        match (method.as_str(), segments.as_slice()) {
            ("GET", ["oauth", "authorize"]) => Self::Authorize,
            ("POST", ["oauth", "access-token"]) => Self::AccessToken,
            ("POST", ["accounts", "register"]) => Self::Register,
            ("GET", ["accounts"]) => Self::FindAccounts,
            ("GET", ["accounts", "cdd", "detail", id]) => Self::KycDetail(id),
            ("POST", ["accounts", id, "kyc"]) => Self::SubmitKyc(id),
            ("POST", ["accounts", id, "init"]) => Self::Init(id),
            ("POST", ["cardholders"]) => Self::CreateCardholder,
            ("GET", ["cardholders"]) => Self::ListCardholders,
            ("GET", ["cardholders", id]) => Self::GetCardholder(id),
            ("PATCH", ["cardholders", id]) => Self::UpdateCardholder(id),
            ("GET", ["card", "bins"]) => Self::Bins,
            ("POST", ["budgets"]) => Self::CreateBudget,
            ("GET", ["budgets", id]) => Self::GetBudget(id),
            ("POST", ["budgets", id, "transfer-in"]) => Self::Transfer(id, Direction::In),
            ("POST", ["budgets", id, "transfer-out"]) => Self::Transfer(id, Direction::Out),
            ("POST", ["business", "transfer", "external"]) => Self::ExternalTransfer,
            ("GET", ["cards", "wallets"]) => Self::Wallets,
            ("POST", ["budget-card"]) => Self::IssueCard,
            ("GET", ["card-list"]) => Self::CardList,
            ("GET", ["cards", "transaction-list"]) => Self::TransactionList,
            ("GET", ["cards", id]) => Self::Sensitive(id),
            ("PUT", ["cards", id]) => Self::Relabel(id),
            ("DELETE", ["cards", id]) => Self::Close(id),
            ("GET", ["cards", id, "private-info", "access-token"]) => Self::WidgetToken(id),
            ("PUT", ["cards", id, "velocity-control"]) => Self::Velocity(id),
            ("POST", ["cards", id, "freeze"]) => Self::Freeze(id, true),
            ("POST", ["cards", id, "unfreeze"]) => Self::Freeze(id, false),
            _ => Self::NotFound,
        }
    }

    /// Whether the endpoint replays on `Idempotency-Key`, and whether the
    /// key is mandatory.
    fn key_rule(self) -> Option<KeyRule> {
        match self {
            Self::CreateCardholder
            | Self::IssueCard
            | Self::CreateBudget
            | Self::Transfer(..)
            | Self::ExternalTransfer => Some(KeyRule::Required),
            Self::Register => Some(KeyRule::Optional),
            _ => None,
        }
    }
}

/// Parses a JSON object body; an empty body is `{}`.
fn parse_body(body: &[u8]) -> Result<Map<String, Value>, ApiError> {
    if body.iter().all(u8::is_ascii_whitespace) {
        return Ok(Map::new());
    }
    match serde_json::from_slice(body) {
        Ok(Value::Object(map)) => Ok(map),
        _ => Err(ApiError::invalid("body must be a JSON object")),
    }
}

/// Finds the program a request belongs to.
fn identify(
    registry: &Registry,
    route: Route<'_>,
    headers: &HeaderMap,
    query: &fields::Query,
    body: &Result<Map<String, Value>, ApiError>,
    now: SystemTime,
) -> Result<SharedProgram, ApiError> {
    match route {
        Route::Authorize => {
            let client_id = fields::query(query, "clientId")?;
            registry
                .get(client_id)
                .ok_or_else(|| ApiError::invalid("clientId"))
        }
        Route::AccessToken => {
            let body = body.as_ref().map_err(Clone::clone)?;
            let client_id = fields::required(body, "clientId")?;
            registry.get(client_id).ok_or(ApiError::PermissionDenied)
        }
        _ => headers
            .get(ACCESS_TOKEN)
            .and_then(|value| value.to_str().ok())
            .map(str::trim)
            .filter(|token| !token.is_empty())
            .and_then(|token| registry.by_token(token, now))
            .ok_or(ApiError::PermissionDenied),
    }
}

/// Handles every request under `/v1/`.
pub(crate) async fn handle(
    State(app): State<Arc<AppState>>,
    method: Method,
    uri: Uri,
    headers: HeaderMap,
    body: Bytes,
) -> Response {
    let now = SystemTime::now();
    let path = uri.path();
    let route = Route::of(&method, path);
    let query: fields::Query = match Query::<HashMap<String, String>>::try_from_uri(&uri) {
        Ok(Query(query)) => query,
        Err(_) => return Outcome::from(ApiError::invalid("query string")).into_response(),
    };
    let body = parse_body(&body);
    let registry = &app.cards;
    let program = match identify(registry, route, &headers, &query, &body, now) {
        Ok(program) => program,
        Err(error) => return Outcome::from(error).into_response(),
    };
    let fault = {
        let mut program = lock(&program);
        program.stats.requests += 1;
        match route {
            Route::Authorize => program.stats.authorize_calls += 1,
            Route::AccessToken => program.stats.token_calls += 1,
            _ => {}
        }
        program.faults.take(path)
    };
    let work = async {
        let outcome = match body {
            Ok(body) => {
                let ctx = Ctx {
                    query: &query,
                    body: &body,
                    now,
                    program: &program,
                    widget_secret: &registry.widget_secret,
                };
                let key = headers
                    .get(IDEMPOTENCY_KEY)
                    .and_then(|value| value.to_str().ok());
                let mut guard = lock(&program);
                match route.key_rule() {
                    Some(rule) => {
                        let request = Value::Object(body.clone());
                        idempotency::run(&mut guard, path, key, rule, &request, |program| {
                            dispatch(registry, program, route, &ctx)
                        })
                    }
                    None => dispatch(registry, &mut guard, route, &ctx),
                }
            }
            Err(error) => Outcome::from(error),
        };
        outcome.into_response()
    };
    fault::apply(fault, Fault::plain_response, work).await
}

/// Runs the business handler of a route.
fn dispatch(
    registry: &Registry,
    program: &mut Program,
    route: Route<'_>,
    ctx: &Ctx<'_>,
) -> Outcome {
    let answer = match route {
        Route::Authorize => oauth::authorize(program, ctx.now),
        Route::AccessToken => oauth::access_token(registry, program, ctx.body, ctx.now),
        Route::Register => accounts::register(program, ctx),
        Route::FindAccounts => accounts::find_by_email(program, ctx),
        Route::SubmitKyc(id) => accounts::submit_kyc(program, ctx, id),
        Route::KycDetail(id) => accounts::kyc_detail(program, id),
        Route::Init(id) => accounts::init(program, id),
        Route::CreateCardholder => cardholders::create(program, ctx),
        Route::ListCardholders => cardholders::list(program, ctx),
        Route::GetCardholder(id) => cardholders::get(program, ctx, id),
        Route::UpdateCardholder(id) => cardholders::update(program, ctx, id),
        Route::Bins => bins::list(program, ctx),
        Route::CreateBudget => budgets::create(program, ctx),
        Route::GetBudget(id) => budgets::get(program, ctx, id),
        Route::Transfer(id, direction) => budgets::transfer(program, ctx, id, direction),
        Route::ExternalTransfer => transfers::external(program, ctx),
        Route::Wallets => wallets::list(program, ctx),
        Route::IssueCard => cards::issue(program, ctx),
        Route::CardList => cards::list(program, ctx),
        Route::TransactionList => transactions::list(program, ctx),
        Route::Sensitive(id) => cards::sensitive(program, ctx, id),
        Route::Relabel(id) => cards::relabel(program, ctx, id),
        Route::Close(id) => cards::close(program, ctx, id),
        Route::WidgetToken(id) => cards::widget_token(program, ctx, id),
        Route::Velocity(id) => cards::velocity(program, ctx, id),
        Route::Freeze(id, frozen) => cards::set_frozen(program, ctx, id, frozen),
        Route::NotFound => Err(ApiError::NotFound("Endpoint")),
    };
    Outcome::from(answer)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn routes() {
        let get = Method::GET;
        let post = Method::POST;
        assert_eq!(Route::of(&get, "/v1/oauth/authorize"), Route::Authorize);
        assert_eq!(
            Route::of(&get, "/v1/cards/transaction-list"),
            Route::TransactionList
        );
        assert_eq!(Route::of(&get, "/v1/cards/wallets"), Route::Wallets);
        assert_eq!(Route::of(&get, "/v1/cards/abc"), Route::Sensitive("abc"));
        assert_eq!(
            Route::of(&Method::DELETE, "/v1/cards/abc"),
            Route::Close("abc")
        );
        assert_eq!(
            Route::of(&post, "/v1/budgets/b/transfer-out"),
            Route::Transfer("b", Direction::Out)
        );
        assert_eq!(
            Route::of(&get, "/v1/accounts/cdd/detail/a"),
            Route::KycDetail("a")
        );
        assert_eq!(Route::of(&post, "/v1/cards/abc"), Route::NotFound);
        assert_eq!(Route::of(&get, "/v1/cards//x"), Route::NotFound);
        assert_eq!(Route::of(&get, "/v1/cardholders/"), Route::NotFound);
        assert_eq!(Route::CreateBudget.key_rule(), Some(KeyRule::Required));
        assert_eq!(Route::Register.key_rule(), Some(KeyRule::Optional));
        assert_eq!(Route::Bins.key_rule(), None);
    }

    #[test]
    fn bodies() {
        assert_eq!(parse_body(b"  "), Ok(Map::new()));
        assert!(parse_body(b"[1]").is_err());
        assert!(parse_body(b"{").is_err());
        assert_eq!(parse_body(b"{\"a\":1}").map(|m| m.len()), Ok(1));
    }
}
