//! Request rules more than one method shares: the closed value sets, account filters, quote
//! requests, customers, accounts and e-mail addresses.

use super::args::{field, one_of, opt_enum, opt_str, req_str, string_list};
use crate::core::error::Error;
use crate::core::json::Json;
use crate::core::validate;

/// `OrgRole`.
pub(super) const ROLES: &[&str] = &["owner", "admin", "member", "viewer"];
/// Account statuses the `status` filter takes.
const ACCOUNT_STATUSES: &[&str] = &["pending", "active", "disabled"];
/// `account_type` values of `customers.createAccount`.
const ACCOUNT_TYPES: &[&str] = &[
    "us_bank_account",
    "external_digital_asset_wallet",
    "virtual_digital_asset_wallet",
    "iban",
    "upi",
];
/// `direction` values of the order filter.
pub(super) const ORDER_DIRECTIONS: &[&str] = &["on_ramp", "off_ramp"];
/// Quote amounts: decimal strings in the source currency (stablecoins carry up to 18 places).
const AMOUNT_DECIMALS: usize = 18;

/// Filters of `accounts.list` / `customers.listAccounts` → the repeatable query parameters.
pub(super) fn account_filters(
    filter: &[(String, Json)],
    at: &str,
    with_customer: bool,
) -> Result<Vec<(String, String)>, Error> {
    let mut query = Vec::new();
    if with_customer {
        if let Some(c) = opt_str(filter, at, "customer_id")? {
            query.push(("customer_id".to_owned(), c.to_owned()));
        }
    }
    for (name, wire) in [("currencies", "currency"), ("rails", "rail")] {
        if let Some(v) = field(filter, name) {
            for item in string_list(v, &format!("{at}.{name}"))? {
                query.push((wire.to_owned(), item));
            }
        }
    }
    opt_enum(filter, at, "status", ACCOUNT_STATUSES)?;
    if let Some(s) = opt_str(filter, at, "status")? {
        query.push(("status".to_owned(), s.to_owned()));
    }
    Ok(query)
}

/// One side of a quote: an account id, `{ account, currency?, rail? }`, or
/// `{ currency, rail?, address? }`.
fn quote_endpoint(value: Option<&Json>, at: &str) -> Result<(), Error> {
    match value {
        Some(Json::Str(s)) if !s.trim().is_empty() => Ok(()),
        Some(Json::Object(fields)) => {
            if field(fields, "account").is_some() {
                req_str(fields, at, "account")?;
                opt_str(fields, at, "currency")?;
            } else {
                req_str(fields, at, "currency")?;
                opt_str(fields, at, "address")?;
            }
            opt_str(fields, at, "rail").map(|_| ())
        }
        None => Err(Error::invalid(at, "is required")),
        Some(_) => Err(Error::invalid(
            at,
            "must be an account id or an object with `account` or `currency`",
        )),
    }
}

/// `quotes.create`'s request: a decimal-string amount and both sides of the quote.
pub(super) fn quote_request(req: &[(String, Json)]) -> Result<(), Error> {
    let amount = match field(req, "amount") {
        Some(Json::Str(s)) => s,
        Some(Json::Number(_)) => {
            return Err(Error::invalid(
                "req.amount",
                "must be a decimal string like \"1000.00\", not a number (money never travels as a float)",
            ))
        }
        None => return Err(Error::invalid("req.amount", "is required")),
        Some(_) => return Err(Error::invalid("req.amount", "must be a decimal string")),
    };
    validate::amount("req.amount", amount, AMOUNT_DECIMALS)?;
    quote_endpoint(field(req, "source"), "req.source")?;
    quote_endpoint(field(req, "destination"), "req.destination")?;
    opt_enum(req, "req", "named", &["require"])
}

/// `customers.create`'s request: `external_id`, `type`, an e-mail, and the names its type needs.
pub(super) fn customer_request(req: &[(String, Json)]) -> Result<(), Error> {
    req_str(req, "req", "external_id")?;
    let kind = req_str(req, "req", "type")?;
    one_of("req.type".into(), kind, &["individual", "business"])?;
    let email = req_str(req, "req", "email")?;
    email_shape("req.email", email)?;
    if kind == "individual" {
        req_str(req, "req", "first_name")?;
        req_str(req, "req", "last_name")?;
    } else {
        req_str(req, "req", "legal_name")?;
    }
    Ok(())
}

/// A plausible e-mail address (`user@domain.tld`, no spaces): typos fail before sending.
pub(super) fn email_shape(at: &str, email: &str) -> Result<(), Error> {
    match email.split_once('@') {
        Some((user, domain))
            if !user.is_empty()
                && domain.contains('.')
                && !domain.contains('@')
                && !email.contains(char::is_whitespace) =>
        {
            Ok(())
        }
        _ => Err(Error::invalid(at, "must be an email address")),
    }
}

/// `customers.createAccount`'s body, with `currencies` / `rails` given as one string turned
/// into the arrays the wire wants.
pub(super) fn account_request(req: &[(String, Json)]) -> Result<Json, Error> {
    req_str(req, "req", "provider")?;
    let kind = req_str(req, "req", "account_type")?;
    one_of("req.account_type".into(), kind, ACCOUNT_TYPES)?;
    let mut body = Vec::with_capacity(req.len());
    for (name, value) in req {
        let value = match name.as_str() {
            "currencies" | "rails" => Json::Array(
                string_list(value, &format!("req.{name}"))?
                    .into_iter()
                    .map(Json::Str)
                    .collect(),
            ),
            _ => value.clone(),
        };
        body.push((name.clone(), value));
    }
    for name in ["currencies", "rails"] {
        if field(req, name).is_none() {
            return Err(Error::invalid(format!("req.{name}"), "is required"));
        }
    }
    Ok(Json::Object(body))
}
