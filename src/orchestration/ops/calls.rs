//! The per-method request builders the rows of `endpoints.rs` name: each checks its
//! positional arguments (beyond the path parameters, which the row fills) and builds the
//! query and body. A method without either uses [`none`].

use super::args::{obj, object, one_of, opt_enum, opt_str, req_str, string_list, totp_code, Args};
use super::rules::{
    account_filters, account_request, customer_request, email_shape, quote_request,
    ORDER_DIRECTIONS, ROLES,
};
use crate::core::error::Error;
use crate::core::json::Json;

/// What a builder adds to the row's method and path.
#[derive(Debug, Default)]
pub struct Parts {
    /// Query pairs, repeatable keys repeated.
    pub query: Vec<(String, String)>,
    /// JSON body.
    pub body: Option<Json>,
}

/// Checks the arguments of a call and builds its query and body; `wait` is `quotes.create`'s
/// `{ wait: true }`.
pub type Build = fn(&Args<'_>, bool) -> Result<Parts, Error>;

fn body(json: Json) -> Result<Parts, Error> {
    Ok(Parts {
        query: Vec::new(),
        body: Some(json),
    })
}

fn query(query: Vec<(String, String)>) -> Result<Parts, Error> {
    Ok(Parts { query, body: None })
}

/// No query, no body.
pub fn none(_: &Args<'_>, _: bool) -> Result<Parts, Error> {
    Ok(Parts::default())
}

/// An empty JSON object as the body.
pub fn empty_object(_: &Args<'_>, _: bool) -> Result<Parts, Error> {
    body(obj(vec![]))
}

/// The one object argument, sent as it is.
pub fn object_arg(a: &Args<'_>, _: bool) -> Result<Parts, Error> {
    body(object(a.object(0)?))
}

pub fn signup(a: &Args<'_>, _: bool) -> Result<Parts, Error> {
    let (email, password) = (a.string(0)?, a.string(1)?);
    email_shape("email", &email)?;
    if password.chars().count() < 10 {
        return Err(Error::invalid("password", "must be at least 10 characters"));
    }
    body(obj(vec![
        ("email", Json::Str(email)),
        ("password", Json::Str(password)),
    ]))
}

pub fn login(a: &Args<'_>, _: bool) -> Result<Parts, Error> {
    body(obj(vec![
        ("email", Json::Str(a.string(0)?)),
        ("password", Json::Str(a.string(1)?)),
    ]))
}

pub fn mfa_activate(a: &Args<'_>, _: bool) -> Result<Parts, Error> {
    body(obj(vec![("code", Json::Str(totp_code(a, 0)?))]))
}

pub fn mfa_verify(a: &Args<'_>, _: bool) -> Result<Parts, Error> {
    let challenge = a.string(0)?;
    body(obj(vec![
        ("challenge_id", Json::Str(challenge)),
        ("code", Json::Str(totp_code(a, 1)?)),
    ]))
}

pub fn refresh(a: &Args<'_>, _: bool) -> Result<Parts, Error> {
    body(obj(vec![("refresh_token", Json::Str(a.string(0)?))]))
}

pub fn logout(a: &Args<'_>, _: bool) -> Result<Parts, Error> {
    match a.get(0) {
        None => body(obj(vec![])),
        Some(_) => refresh(a, false),
    }
}

pub fn api_key_mint(a: &Args<'_>, _: bool) -> Result<Parts, Error> {
    let req = a.object(0)?;
    let label = req_str(req, "req", "label")?;
    if label.chars().count() > 80 {
        return Err(Error::invalid("req.label", "must be at most 80 characters"));
    }
    opt_enum(req, "req", "environment", &["production", "sandbox"])?;
    body(object(req))
}

pub fn org_update(a: &Args<'_>, _: bool) -> Result<Parts, Error> {
    let req = a.object(0)?;
    opt_str(req, "req", "name")?;
    body(object(req))
}

pub fn member_invite(a: &Args<'_>, _: bool) -> Result<Parts, Error> {
    let req = a.object(0)?;
    email_shape("req.email", req_str(req, "req", "email")?)?;
    opt_enum(req, "req", "role", &["admin", "member", "viewer"])?;
    body(object(req))
}

pub fn member_role(a: &Args<'_>, _: bool) -> Result<Parts, Error> {
    let role = a.string(1)?;
    one_of("role".into(), &role, ROLES)?;
    body(obj(vec![("role", Json::Str(role))]))
}

pub fn customer_create(a: &Args<'_>, _: bool) -> Result<Parts, Error> {
    let req = a.object(0)?;
    customer_request(req)?;
    body(object(req))
}

pub fn kyc_links(a: &Args<'_>, _: bool) -> Result<Parts, Error> {
    match a.get(1) {
        None => body(obj(vec![])),
        Some(list @ Json::Array(_)) => body(obj(vec![(
            "providers",
            Json::Array(
                string_list(list, "providers")?
                    .into_iter()
                    .map(Json::Str)
                    .collect(),
            ),
        )])),
        Some(_) => Err(Error::invalid("providers", "must be an array of strings")),
    }
}

pub fn account_create(a: &Args<'_>, _: bool) -> Result<Parts, Error> {
    body(account_request(a.object(1)?)?)
}

pub fn customer_accounts(a: &Args<'_>, _: bool) -> Result<Parts, Error> {
    query(account_filters(a.opt_object(1)?, "filter", false)?)
}

pub fn customer_orders(a: &Args<'_>, _: bool) -> Result<Parts, Error> {
    let filter = a.opt_object(0)?;
    let mut pairs = Vec::new();
    if let Some(c) = opt_str(filter, "filter", "customer_id")? {
        pairs.push(("customer_id".into(), c.into()));
    }
    opt_enum(filter, "filter", "direction", ORDER_DIRECTIONS)?;
    for name in ["direction", "status"] {
        if let Some(v) = opt_str(filter, "filter", name)? {
            pairs.push((name.into(), v.into()));
        }
    }
    query(pairs)
}

pub fn accounts(a: &Args<'_>, _: bool) -> Result<Parts, Error> {
    query(account_filters(a.opt_object(0)?, "filter", true)?)
}

pub fn quote_create(a: &Args<'_>, wait: bool) -> Result<Parts, Error> {
    let req = a.object(0)?;
    quote_request(req)?;
    Ok(Parts {
        query: if wait {
            vec![("wait".into(), "1".into())]
        } else {
            Vec::new()
        },
        body: Some(object(req)),
    })
}

pub fn quote_accept(a: &Args<'_>, _: bool) -> Result<Parts, Error> {
    body(obj(vec![("quote_id", Json::Str(a.string(1)?))]))
}
