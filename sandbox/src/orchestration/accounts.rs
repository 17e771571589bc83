//! Attached accounts: `POST /customers/{id}/accounts` (validated against
//! the catalog and the stablecoin wallet whitelist, tied to one of the
//! customer's routing rows, KYC must be approved), `GET
//! /customers/{id}/accounts`, `GET /accounts` and `GET /accounts/{id}`.

use serde_json::{json, Value};

use super::access::Scope;
use super::catalog;
use super::customers::customer_in;
use super::errors::{ok, Answer, ApiError, Code};
use super::fields::{opt_str, Body, Query};
use super::ids;
use super::model::{Account, Stage};
use super::state::Store;

/// Account types and the fields each requires.
const TYPES: [(&str, &[&str]); 5] = [
    (
        "us_bank_account",
        &["routing_number", "account_number", "account_holder_name"],
    ),
    ("iban", &["account_number", "account_holder_name"]),
    ("upi", &["vpa"]),
    ("external_digital_asset_wallet", &["address"]),
    ("virtual_digital_asset_wallet", &["address"]),
];
/// Account statuses.
const STATUSES: [&str; 3] = ["pending", "active", "disabled"];

/// A string-or-array field as a list (the SDK always sends arrays).
fn list_field(body: &Body, name: &str) -> Result<Option<Vec<String>>, ApiError> {
    let problem = || ApiError::invalid(format!("{name} must be a non-empty array of strings"));
    match body.get(name) {
        None | Some(Value::Null) => Ok(None),
        Some(Value::String(text)) if !text.trim().is_empty() => {
            Ok(Some(vec![text.trim().to_owned()]))
        }
        Some(Value::Array(items)) if !items.is_empty() => items
            .iter()
            .map(|item| {
                item.as_str()
                    .map(str::trim)
                    .filter(|text| !text.is_empty())
                    .map(str::to_owned)
                    .ok_or_else(problem)
            })
            .collect::<Result<Vec<_>, _>>()
            .map(Some),
        Some(_) => Err(problem()),
    }
}

/// `POST /customers/{id}/accounts`.
pub(crate) fn create(
    store: &mut Store,
    scope: &Scope,
    customer_id: &str,
    body: &Body,
    now: i64,
) -> Answer {
    let customer = customer_in(store, scope, customer_id)?;
    let mut missing = Vec::new();
    let provider = opt_str(body, "provider")?;
    if provider.is_none() {
        missing.push("provider".to_owned());
    }
    let account_type = opt_str(body, "account_type")?;
    let required = match account_type {
        None => {
            missing.push("account_type".to_owned());
            &[][..]
        }
        Some(kind) => TYPES
            .iter()
            .find(|(name, _)| *name == kind)
            .map(|(_, fields)| *fields)
            .ok_or_else(|| {
                let names: Vec<&str> = TYPES.iter().map(|(name, _)| *name).collect();
                ApiError::invalid(format!("account_type must be one of {}", names.join(", ")))
            })?,
    };
    let currencies = list_field(body, "currencies")?;
    let rails = list_field(body, "rails")?;
    if currencies.is_none() {
        missing.push("currencies".to_owned());
    }
    if rails.is_none() {
        missing.push("rails".to_owned());
    }
    for field in required {
        if opt_str(body, field)?.is_none() {
            missing.push((*field).to_owned());
        }
    }
    let (Some(provider), Some(account_type), Some(currencies), Some(rails)) =
        (provider, account_type, currencies, rails)
    else {
        return Err(ApiError::missing(missing));
    };
    if !missing.is_empty() {
        return Err(ApiError::missing(missing));
    }
    let wallet = account_type.ends_with("_wallet");
    let mut codes: Vec<String> = Vec::new();
    let mut allowed: Vec<&str> = Vec::new();
    for code in &currencies {
        let currency = catalog::currency(code)
            .ok_or_else(|| ApiError::invalid(format!("unsupported currency {code}")))?;
        if currency.is_stablecoin() != wallet {
            return Err(ApiError::invalid(format!(
                "{} cannot be held by a {account_type} account",
                currency.code
            )));
        }
        if !codes.iter().any(|c| c == currency.code) {
            codes.push(currency.code.to_owned());
        }
        let rails = if wallet {
            currency.wallet_rails
        } else {
            currency.rails
        };
        allowed.extend(rails.iter().copied());
    }
    let mut names: Vec<String> = Vec::new();
    for rail in &rails {
        let (name, _) =
            catalog::rail(rail).ok_or_else(|| ApiError::invalid(format!("unknown rail {rail}")))?;
        if !allowed.contains(&name) {
            return Err(ApiError::new(
                Code::RailNotSupported,
                format!(
                    "rail {name} is not supported for {} (allowed: {})",
                    codes.join("/"),
                    allowed.join(", ")
                ),
            ));
        }
        if !names.iter().any(|n| n == name) {
            names.push(name.to_owned());
        }
    }
    let row = customer.row(provider).ok_or_else(|| {
        ApiError::new(
            Code::ProviderMismatch,
            format!("provider {provider} is not attached to customer {customer_id}"),
        )
    })?;
    if customer.stage(now) != Stage::Approved {
        return Err(ApiError::new(
            Code::KycNotApproved,
            format!(
                "customer {customer_id} KYC is {}; accounts need it approved",
                customer.stage(now).as_str()
            ),
        ));
    }
    let account = Account {
        id: ids::uuid(),
        org_id: scope.org_id.clone(),
        customer_id: customer_id.to_owned(),
        provider: row.provider,
        provider_account_id: ids::prefixed::<8>(if wallet { "wa_" } else { "ext_" }),
        account_type: account_type.to_owned(),
        currencies: codes,
        rails: names,
        status: "active".to_owned(),
        address: opt_str(body, "address")?
            .filter(|_| wallet)
            .map(str::to_owned),
        created_ms: now,
    };
    let answer = account.to_json();
    store.accounts.insert(account.id.clone(), account);
    ok(answer)
}

/// Accounts of the scope's org matching the query filters, oldest first.
fn filtered(
    store: &Store,
    scope: &Scope,
    customer_id: Option<&str>,
    query: &Query,
) -> Result<Vec<Value>, ApiError> {
    let currencies = query.list(&["currency", "currencies"]);
    let rails = query.list(&["rail", "rails"]);
    let status = query.first("status");
    if status.is_some_and(|s| !STATUSES.contains(&s)) {
        return Err(ApiError::invalid(
            "status must be one of pending, active, disabled",
        ));
    }
    let mut accounts: Vec<&Account> = store
        .accounts
        .values()
        .filter(|a| a.org_id == scope.org_id)
        .filter(|a| customer_id.is_none_or(|id| a.customer_id == id))
        .filter(|a| {
            currencies.is_empty()
                || a.currencies
                    .iter()
                    .any(|c| currencies.iter().any(|f| f.eq_ignore_ascii_case(c)))
        })
        .filter(|a| {
            rails.is_empty()
                || a.rails
                    .iter()
                    .any(|r| rails.iter().any(|f| f.eq_ignore_ascii_case(r)))
        })
        .filter(|a| status.is_none_or(|s| a.status == s))
        .collect();
    accounts.sort_by(|a, b| a.created_ms.cmp(&b.created_ms).then(a.id.cmp(&b.id)));
    Ok(accounts.into_iter().map(Account::to_json).collect())
}

/// `GET /customers/{id}/accounts` → `{accounts}`.
pub(crate) fn list_for_customer(
    store: &Store,
    scope: &Scope,
    customer_id: &str,
    query: &Query,
) -> Answer {
    customer_in(store, scope, customer_id)?;
    ok(json!({ "accounts": filtered(store, scope, Some(customer_id), query)? }))
}

/// `GET /accounts` → `{accounts}`.
pub(crate) fn list(store: &Store, scope: &Scope, query: &Query) -> Answer {
    let customer_id = query.first("customer_id");
    ok(json!({ "accounts": filtered(store, scope, customer_id, query)? }))
}

/// The account `id` of the scope's org.
pub(crate) fn account_in<'a>(
    store: &'a Store,
    scope: &Scope,
    id: &str,
) -> Result<&'a Account, ApiError> {
    store
        .accounts
        .get(id)
        .filter(|a| a.org_id == scope.org_id)
        .ok_or_else(|| {
            ApiError::new(
                Code::AccountNotFound,
                format!("no account found for id {id}"),
            )
        })
}

/// `GET /accounts/{id}`.
pub(crate) fn get(store: &Store, scope: &Scope, id: &str) -> Answer {
    ok(account_in(store, scope, id)?.to_json())
}
