//! Resolving a `QuoteEndpoint` (a bare account id, `{account, currency?,
//! rail?}` or an inline `{currency, rail?, address?}`) into the sides to
//! price, with the documented disambiguation errors.

use serde_json::{json, Map, Value};

use super::access::Scope;
use super::accounts::account_in;
use super::catalog::{self, Currency, RailKind};
use super::errors::{ApiError, Code};
use super::fields::opt_str;
use super::model::Account;
use super::pricing::Side;
use super::state::Store;

/// A side built from a currency and a catalog rail.
fn side(
    currency: &'static Currency,
    rail: &'static str,
    address: Option<String>,
    account: Option<&Account>,
) -> Side {
    let kind = catalog::rail_kind(rail).unwrap_or(RailKind::Fiat);
    Side {
        currency,
        rail,
        kind,
        address: address.filter(|_| kind == RailKind::Crypto),
        account: account.map(Account::reference),
    }
}

/// The `AmbiguousCurrency` error for `account`.
fn ambiguous_currency(account: &Account) -> ApiError {
    ApiError::new(
        Code::AmbiguousCurrency,
        format!(
            "Account {} supports multiple currencies — pin one via {{ account, currency }}.",
            account.id
        ),
    )
    .with("account_id", Value::from(account.id.as_str()))
    .with("currencies", json!(account.currencies))
}

/// The account's currency named `code` (400 when it does not hold it).
fn account_currency(
    account: &Account,
    code: &str,
    name: &str,
) -> Result<&'static Currency, ApiError> {
    catalog::currency(code)
        .filter(|currency| account.currencies.iter().any(|c| c == currency.code))
        .ok_or_else(|| {
            ApiError::invalid(format!(
                "{name}.currency {code} is not one of account {}'s currencies ({})",
                account.id,
                account.currencies.join(", ")
            ))
        })
}

/// A bare account id: exactly one currency and one rail, or an error.
fn bare_account(account: &Account) -> Result<Vec<Side>, ApiError> {
    let [code] = account.currencies.as_slice() else {
        return Err(ambiguous_currency(account));
    };
    let currency = account_currency(account, code, "account")?;
    let rails = account.rails_for(currency);
    match rails.as_slice() {
        [rail] => Ok(vec![side(currency, rail, account.address.clone(), Some(account))]),
        [] => Err(ApiError::new(
            Code::RailNotSupported,
            format!("account {} has no rail carrying {}", account.id, currency.code),
        )),
        _ => Err(ApiError::new(
            Code::AmbiguousRail,
            format!(
                "Account {} supports multiple rails for {} — pin one via {{ account, currency, rail }} or omit `rail` to price every supported rail for this account.",
                account.id, currency.code
            ),
        )
        .with("account_id", Value::from(account.id.as_str()))
        .with("currency", Value::from(currency.code))
        .with("rails", json!(rails))),
    }
}

/// `{account, currency?, rail?}`: fans out over the account's rails for
/// the currency when `rail` is omitted.
fn pinned_account(
    account: &Account,
    map: &Map<String, Value>,
    name: &str,
) -> Result<Vec<Side>, ApiError> {
    let currency = match opt_str(map, "currency")? {
        Some(code) => account_currency(account, code, name)?,
        None => match account.currencies.as_slice() {
            [code] => account_currency(account, code, name)?,
            _ => return Err(ambiguous_currency(account)),
        },
    };
    let supported = account.rails_for(currency);
    let rails = match opt_str(map, "rail")? {
        Some(rail) => {
            let pinned = catalog::rail(rail)
                .map(|(name, _)| name)
                .filter(|rail| account.rails.iter().any(|r| r == rail))
                .ok_or_else(|| {
                    ApiError::invalid(format!(
                        "{name}.rail {rail} is not one of account {}'s rails ({})",
                        account.id,
                        account.rails.join(", ")
                    ))
                })?;
            if !supported.contains(&pinned) {
                return Err(ApiError::new(
                    Code::RailNotSupported,
                    format!("{} is not carried on {pinned}", currency.code),
                ));
            }
            vec![pinned]
        }
        None if supported.is_empty() => {
            return Err(ApiError::new(
                Code::RailNotSupported,
                format!(
                    "account {} has no rail carrying {}",
                    account.id, currency.code
                ),
            ))
        }
        None => supported,
    };
    Ok(rails
        .into_iter()
        .map(|rail| side(currency, rail, account.address.clone(), Some(account)))
        .collect())
}

/// `{currency, rail?, address?}`: every catalog rail of the currency when
/// `rail` is omitted.
fn descriptor(map: &Map<String, Value>, name: &str) -> Result<Vec<Side>, ApiError> {
    let code = opt_str(map, "currency")?
        .ok_or_else(|| ApiError::missing(vec![format!("{name}.currency")]))?;
    let currency = catalog::currency(code).ok_or_else(|| {
        ApiError::invalid(format!("{name}.currency: unsupported currency {code}"))
    })?;
    let address = opt_str(map, "address")?.map(str::to_owned);
    let rails: Vec<&'static str> = match opt_str(map, "rail")? {
        Some(rail) => {
            let (rail, _) = catalog::rail(rail)
                .ok_or_else(|| ApiError::invalid(format!("{name}.rail: unknown rail {rail}")))?;
            if !currency.rails.contains(&rail) {
                return Err(ApiError::new(
                    Code::RailNotSupported,
                    format!(
                        "{} is not carried on {rail} (rails: {})",
                        currency.code,
                        currency.rails.join(", ")
                    ),
                ));
            }
            vec![rail]
        }
        None => currency.rails.to_vec(),
    };
    if address.is_some() && !currency.is_stablecoin() {
        return Err(ApiError::invalid(format!(
            "{name}.address is only valid for crypto rails"
        )));
    }
    Ok(rails
        .into_iter()
        .map(|rail| side(currency, rail, address.clone(), None))
        .collect())
}

/// Resolves the `name` (`source`/`destination`) endpoint of a quote
/// request.
pub(crate) fn resolve(
    store: &Store,
    scope: &Scope,
    value: Option<&Value>,
    name: &str,
) -> Result<Vec<Side>, ApiError> {
    match value {
        None | Some(Value::Null) => Err(ApiError::missing(vec![name.to_owned()])),
        Some(Value::String(id)) => bare_account(account_in(store, scope, id)?),
        Some(Value::Object(map)) => match map.get("account") {
            None | Some(Value::Null) => descriptor(map, name),
            Some(Value::String(id)) => pinned_account(account_in(store, scope, id)?, map, name),
            Some(_) => Err(ApiError::invalid(format!(
                "{name}.account must be a string"
            ))),
        },
        Some(_) => Err(ApiError::invalid(format!(
            "{name} must be an account id or an object"
        ))),
    }
}
