//! Every documented `SeismicOrchestrationClient` method as data: its HTTP method, path, query
//! and body built from the caller's positional arguments, checked before anything is sent.

use crate::core::encoding::percent_encode;
use crate::core::error::Error;
use crate::core::json::Json;
use crate::core::validate;

/// What to do with a successful answer besides returning it.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Effect {
    /// Nothing.
    None,
    /// Persist the token pair it holds (`login` when it returns tokens, `mfa.verify`, `refresh`).
    StorePair,
}

/// One request, ready to send.
#[derive(Debug, Clone, PartialEq)]
pub struct Call {
    /// The documented method name, e.g. `quotes.accept`.
    pub op: &'static str,
    /// HTTP method.
    pub method: &'static str,
    /// Path under the base URL, ids percent-encoded.
    pub path: String,
    /// Query pairs, repeatable keys repeated.
    pub query: Vec<(String, String)>,
    /// JSON body.
    pub body: Option<Json>,
    /// The answer is `204 No Content`: the method resolves to `undefined`.
    pub empty: bool,
    /// The SDK method returns this field of the body (list endpoints wrap their arrays).
    pub unwrap: Option<&'static str>,
    /// Side effect on success.
    pub effect: Effect,
}

/// Positional arguments of one call, named as the docs name them (for error messages).
struct Args<'a> {
    values: &'a [Json],
    names: &'static [&'static str],
}

impl<'a> Args<'a> {
    fn name(&self, i: usize) -> &'static str {
        self.names.get(i).copied().unwrap_or("argument")
    }

    fn get(&self, i: usize) -> Option<&'a Json> {
        match self.values.get(i) {
            None | Some(Json::Null) => None,
            Some(v) => Some(v),
        }
    }

    /// A required non-empty string.
    fn string(&self, i: usize) -> Result<String, Error> {
        match self.get(i) {
            Some(Json::Str(s)) if !s.trim().is_empty() => Ok(s.clone()),
            Some(Json::Str(_)) => Err(Error::invalid(self.name(i), "must not be empty")),
            None => Err(Error::invalid(self.name(i), "is required")),
            Some(_) => Err(Error::invalid(self.name(i), "must be a string")),
        }
    }

    /// A required string, percent-encoded for use as one path segment.
    fn segment(&self, i: usize) -> Result<String, Error> {
        self.string(i).map(|s| percent_encode(&s))
    }

    /// A required object.
    fn object(&self, i: usize) -> Result<&'a [(String, Json)], Error> {
        match self.get(i) {
            Some(Json::Object(fields)) => Ok(fields),
            None => Err(Error::invalid(self.name(i), "is required")),
            Some(_) => Err(Error::invalid(self.name(i), "must be an object")),
        }
    }

    /// An optional object (absent → empty).
    fn opt_object(&self, i: usize) -> Result<&'a [(String, Json)], Error> {
        match self.get(i) {
            None => Ok(&[]),
            Some(_) => self.object(i),
        }
    }
}

fn field<'a>(fields: &'a [(String, Json)], name: &str) -> Option<&'a Json> {
    fields
        .iter()
        .find(|(k, _)| k == name)
        .map(|(_, v)| v)
        .filter(|v| !matches!(v, Json::Null))
}

fn req_str<'a>(fields: &'a [(String, Json)], at: &str, name: &str) -> Result<&'a str, Error> {
    match field(fields, name) {
        Some(Json::Str(s)) if !s.trim().is_empty() => Ok(s),
        Some(Json::Str(_)) => Err(Error::invalid(format!("{at}.{name}"), "must not be empty")),
        None => Err(Error::invalid(format!("{at}.{name}"), "is required")),
        Some(_) => Err(Error::invalid(format!("{at}.{name}"), "must be a string")),
    }
}

fn opt_str<'a>(
    fields: &'a [(String, Json)],
    at: &str,
    name: &str,
) -> Result<Option<&'a str>, Error> {
    match field(fields, name) {
        None => Ok(None),
        Some(_) => req_str(fields, at, name).map(Some),
    }
}

fn one_of(at: String, value: &str, allowed: &[&str]) -> Result<(), Error> {
    if allowed.contains(&value) {
        return Ok(());
    }
    let list: Vec<String> = allowed.iter().map(|a| format!("\"{a}\"")).collect();
    Err(Error::invalid(
        at,
        format!("must be one of {}", list.join(", ")),
    ))
}

fn opt_enum(
    fields: &[(String, Json)],
    at: &str,
    name: &str,
    allowed: &[&str],
) -> Result<(), Error> {
    match opt_str(fields, at, name)? {
        Some(v) => one_of(format!("{at}.{name}"), v, allowed),
        None => Ok(()),
    }
}

/// `string | string[]` → a non-empty list of non-empty strings (the wire wants arrays).
fn string_list(value: &Json, at: &str) -> Result<Vec<String>, Error> {
    let items: Vec<&Json> = match value {
        Json::Array(items) => items.iter().collect(),
        one => vec![one],
    };
    if items.is_empty() {
        return Err(Error::invalid(at, "must not be an empty list"));
    }
    items
        .into_iter()
        .map(|v| match v {
            Json::Str(s) if !s.trim().is_empty() => Ok(s.clone()),
            _ => Err(Error::invalid(
                at,
                "must be a non-empty string or an array of them",
            )),
        })
        .collect()
}

const ROLES: &[&str] = &["owner", "admin", "member", "viewer"];
const ACCOUNT_STATUSES: &[&str] = &["pending", "active", "disabled"];
const ACCOUNT_TYPES: &[&str] = &[
    "us_bank_account",
    "external_digital_asset_wallet",
    "virtual_digital_asset_wallet",
    "iban",
    "upi",
];
const ORDER_DIRECTIONS: &[&str] = &["on_ramp", "off_ramp"];
/// Quote amounts: decimal strings in the source currency (stablecoins carry up to 18 places).
const AMOUNT_DECIMALS: usize = 18;

/// Filters of `accounts.list` / `customers.listAccounts` → the repeatable query parameters.
fn account_filters(
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

fn quote_request(req: &[(String, Json)]) -> Result<(), Error> {
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

fn customer_request(req: &[(String, Json)]) -> Result<(), Error> {
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

fn email_shape(at: &str, email: &str) -> Result<(), Error> {
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

fn account_request(req: &[(String, Json)]) -> Result<Json, Error> {
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

fn object(fields: &[(String, Json)]) -> Json {
    Json::Object(fields.to_vec())
}

fn obj(pairs: Vec<(&str, Json)>) -> Json {
    Json::Object(pairs.into_iter().map(|(k, v)| (k.to_owned(), v)).collect())
}

/// The parameter names of `op`, for error messages (`None` for an unknown method).
pub fn param_names(op: &str) -> Option<&'static [&'static str]> {
    Some(match op {
        "auth.signup" | "auth.login" => &["email", "password"],
        "auth.mfa.activate" => &["code"],
        "auth.mfa.verify" => &["challenge_id", "code"],
        "auth.refresh" | "auth.logout" => &["refresh_token"],
        "apiKeys.mint" | "orgs.update" | "orgs.members.invite" | "customers.create" => &["req"],
        "apiKeys.revoke" | "customers.get" | "accounts.get" | "quotes.get"
        | "quotes.acceptBest" => &["id"],
        "orgs.members.updateRole" => &["userId", "role"],
        "orgs.members.remove" => &["userId"],
        "orgs.kyb.setProfile" => &["profile"],
        "orgs.kyb.refreshLink" | "orgs.kyb.resync" => &["provider"],
        "customers.refreshKycLinks" => &["id", "providers"],
        "customers.createAccount" => &["customerId", "req"],
        "customers.listAccounts" => &["customerId", "filter"],
        "customers.orders" | "accounts.list" => &["filter"],
        "quotes.create" => &["req"],
        "quotes.accept" => &["id", "quoteId"],
        "auth.mfa.enroll" | "auth.me" | "apiKeys.list" | "users.me" | "users.myOrders"
        | "orgs.list" | "orgs.get" | "orgs.members.list" | "orgs.kyb.profile"
        | "orgs.kyb.submit" | "orgs.kyb.providers" | "rails" | "currencies" | "health" => &[],
        _ => return None,
    })
}

/// Builds the request of `op` from its positional `args`, or says which argument is wrong.
/// `wait` is `quotes.create`'s `{ wait: true }`.
pub fn build(op: &str, args: &[Json], wait: bool) -> Result<Call, Error> {
    let names =
        param_names(op).ok_or_else(|| Error::invalid("method", format!("unknown method {op}")))?;
    let a = Args {
        values: args,
        names,
    };
    let mut call = Call {
        op: "",
        method: "GET",
        path: String::new(),
        query: Vec::new(),
        body: None,
        empty: false,
        unwrap: None,
        effect: Effect::None,
    };
    let post = |path: &str, body: Json| (("POST"), path.to_owned(), Some(body));
    let (method, path, body): (&'static str, String, Option<Json>) = match op {
        "auth.signup" => {
            let (email, password) = (a.string(0)?, a.string(1)?);
            email_shape("email", &email)?;
            if password.chars().count() < 10 {
                return Err(Error::invalid("password", "must be at least 10 characters"));
            }
            post(
                "/v0/auth/signup",
                obj(vec![
                    ("email", Json::Str(email)),
                    ("password", Json::Str(password)),
                ]),
            )
        }
        "auth.login" => {
            call.effect = Effect::StorePair;
            post(
                "/v0/auth/login",
                obj(vec![
                    ("email", Json::Str(a.string(0)?)),
                    ("password", Json::Str(a.string(1)?)),
                ]),
            )
        }
        "auth.mfa.enroll" => ("POST", "/v0/auth/mfa/enroll".into(), None),
        "auth.mfa.activate" => {
            call.empty = true;
            post(
                "/v0/auth/mfa/activate",
                obj(vec![("code", Json::Str(totp_code(&a, 0)?))]),
            )
        }
        "auth.mfa.verify" => {
            call.effect = Effect::StorePair;
            let challenge = a.string(0)?;
            post(
                "/v0/auth/mfa/verify",
                obj(vec![
                    ("challenge_id", Json::Str(challenge)),
                    ("code", Json::Str(totp_code(&a, 1)?)),
                ]),
            )
        }
        "auth.refresh" => {
            call.effect = Effect::StorePair;
            post(
                "/v0/auth/refresh",
                obj(vec![("refresh_token", Json::Str(a.string(0)?))]),
            )
        }
        "auth.logout" => {
            call.empty = true;
            let body = match a.get(0) {
                None => obj(vec![]),
                Some(_) => obj(vec![("refresh_token", Json::Str(a.string(0)?))]),
            };
            post("/v0/auth/logout", body)
        }
        "auth.me" => ("GET", "/v0/auth/me".into(), None),
        "apiKeys.mint" => {
            let req = a.object(0)?;
            let label = req_str(req, "req", "label")?;
            if label.chars().count() > 80 {
                return Err(Error::invalid("req.label", "must be at most 80 characters"));
            }
            opt_enum(req, "req", "environment", &["production", "sandbox"])?;
            post("/v0/auth/api-keys", object(req))
        }
        "apiKeys.list" => {
            call.unwrap = Some("api_keys");
            ("GET", "/v0/auth/api-keys".into(), None)
        }
        "apiKeys.revoke" => {
            call.empty = true;
            (
                "DELETE",
                format!("/v0/auth/api-keys/{}", a.segment(0)?),
                None,
            )
        }
        "users.me" => ("GET", "/v0/user".into(), None),
        "users.myOrders" => ("GET", "/v0/user/orders".into(), None),
        "orgs.list" => {
            call.unwrap = Some("orgs");
            ("GET", "/v0/orgs".into(), None)
        }
        "orgs.get" => ("GET", "/v0/org".into(), None),
        "orgs.update" => {
            let req = a.object(0)?;
            opt_str(req, "req", "name")?;
            ("PATCH", "/v0/org".into(), Some(object(req)))
        }
        "orgs.members.list" => {
            call.unwrap = Some("members");
            ("GET", "/v0/org/members".into(), None)
        }
        "orgs.members.invite" => {
            let req = a.object(0)?;
            email_shape("req.email", req_str(req, "req", "email")?)?;
            opt_enum(req, "req", "role", &["admin", "member", "viewer"])?;
            post("/v0/org/members", object(req))
        }
        "orgs.members.updateRole" => {
            let user = a.segment(0)?;
            let role = a.string(1)?;
            one_of("role".into(), &role, ROLES)?;
            (
                "PATCH",
                format!("/v0/org/members/{user}"),
                Some(obj(vec![("role", Json::Str(role))])),
            )
        }
        "orgs.members.remove" => {
            call.empty = true;
            ("DELETE", format!("/v0/org/members/{}", a.segment(0)?), None)
        }
        "orgs.kyb.profile" => ("GET", "/v0/org/kyb/profile".into(), None),
        "orgs.kyb.setProfile" => (
            "PUT",
            "/v0/org/kyb/profile".into(),
            Some(object(a.object(0)?)),
        ),
        "orgs.kyb.submit" => {
            call.unwrap = Some("providers");
            ("POST", "/v0/org/kyb/submit".into(), None)
        }
        "orgs.kyb.providers" => {
            call.unwrap = Some("providers");
            ("GET", "/v0/org/kyb/providers".into(), None)
        }
        "orgs.kyb.refreshLink" => (
            "POST",
            format!("/v0/org/kyb/providers/{}/link", a.segment(0)?),
            None,
        ),
        "orgs.kyb.resync" => (
            "POST",
            format!("/v0/org/kyb/providers/{}/resync", a.segment(0)?),
            None,
        ),
        "customers.create" => {
            let req = a.object(0)?;
            customer_request(req)?;
            post("/v0/customers", object(req))
        }
        "customers.get" => ("GET", format!("/v0/customers/{}", a.segment(0)?), None),
        "customers.refreshKycLinks" => {
            let id = a.segment(0)?;
            let body = match a.get(1) {
                None => obj(vec![]),
                Some(Json::Array(_)) => obj(vec![(
                    "providers",
                    Json::Array(
                        string_list(a.get(1).unwrap_or(&Json::Null), "providers")?
                            .into_iter()
                            .map(Json::Str)
                            .collect(),
                    ),
                )]),
                Some(_) => return Err(Error::invalid("providers", "must be an array of strings")),
            };
            post(&format!("/v0/customers/{id}/kyc-link"), body)
        }
        "customers.createAccount" => {
            let id = a.segment(0)?;
            let body = account_request(a.object(1)?)?;
            post(&format!("/v0/customers/{id}/accounts"), body)
        }
        "customers.listAccounts" => {
            call.unwrap = Some("accounts");
            let id = a.segment(0)?;
            call.query = account_filters(a.opt_object(1)?, "filter", false)?;
            ("GET", format!("/v0/customers/{id}/accounts"), None)
        }
        "customers.orders" => {
            let filter = a.opt_object(0)?;
            if let Some(c) = opt_str(filter, "filter", "customer_id")? {
                call.query.push(("customer_id".into(), c.into()));
            }
            opt_enum(filter, "filter", "direction", ORDER_DIRECTIONS)?;
            for name in ["direction", "status"] {
                if let Some(v) = opt_str(filter, "filter", name)? {
                    call.query.push((name.into(), v.into()));
                }
            }
            ("GET", "/v0/customers/orders".into(), None)
        }
        "accounts.list" => {
            call.unwrap = Some("accounts");
            call.query = account_filters(a.opt_object(0)?, "filter", true)?;
            ("GET", "/v0/accounts".into(), None)
        }
        "accounts.get" => ("GET", format!("/v0/accounts/{}", a.segment(0)?), None),
        "quotes.create" => {
            let req = a.object(0)?;
            quote_request(req)?;
            if wait {
                call.query.push(("wait".into(), "1".into()));
            }
            post("/v0/quotes", object(req))
        }
        "quotes.get" => ("GET", format!("/v0/quotes/{}", a.segment(0)?), None),
        "quotes.accept" => {
            let id = a.segment(0)?;
            let quote = a.string(1)?;
            post(
                &format!("/v0/quotes/{id}/accept"),
                obj(vec![("quote_id", Json::Str(quote))]),
            )
        }
        "quotes.acceptBest" => post(&format!("/v0/quotes/{}/accept", a.segment(0)?), obj(vec![])),
        "rails" => ("GET", "/v0/rails".into(), None),
        "currencies" => ("GET", "/v0/currencies".into(), None),
        "health" => ("GET", "/v0/health".into(), None),
        _ => return Err(Error::invalid("method", format!("unknown method {op}"))),
    };
    call.op = canonical(op);
    call.method = method;
    call.path = path;
    call.body = body;
    Ok(call)
}

/// A 6-digit TOTP code.
fn totp_code(a: &Args<'_>, i: usize) -> Result<String, Error> {
    let code = a.string(i)?;
    if code.len() != 6 || !code.bytes().all(|b| b.is_ascii_digit()) {
        return Err(Error::invalid(
            a.name(i),
            "must be the 6-digit code from the authenticator app",
        ));
    }
    Ok(code)
}

/// `op` as a `'static` name (every name [`param_names`] knows).
fn canonical(op: &str) -> &'static str {
    OPS.iter().copied().find(|o| *o == op).unwrap_or("unknown")
}

/// Every method of the client, as dotted paths.
pub const OPS: &[&str] = &[
    "auth.signup",
    "auth.login",
    "auth.mfa.enroll",
    "auth.mfa.activate",
    "auth.mfa.verify",
    "auth.refresh",
    "auth.logout",
    "auth.me",
    "apiKeys.mint",
    "apiKeys.list",
    "apiKeys.revoke",
    "users.me",
    "users.myOrders",
    "orgs.list",
    "orgs.get",
    "orgs.update",
    "orgs.members.list",
    "orgs.members.invite",
    "orgs.members.updateRole",
    "orgs.members.remove",
    "orgs.kyb.profile",
    "orgs.kyb.setProfile",
    "orgs.kyb.submit",
    "orgs.kyb.providers",
    "orgs.kyb.refreshLink",
    "orgs.kyb.resync",
    "customers.create",
    "customers.get",
    "customers.refreshKycLinks",
    "customers.createAccount",
    "customers.listAccounts",
    "customers.orders",
    "accounts.list",
    "accounts.get",
    "quotes.create",
    "quotes.get",
    "quotes.accept",
    "quotes.acceptBest",
    "rails",
    "currencies",
    "health",
];

#[cfg(test)]
mod tests {
    use super::*;

    fn parse(text: &str) -> Vec<Json> {
        match Json::parse(text) {
            Some(Json::Array(items)) => items,
            _ => panic!("bad test args {text}"),
        }
    }

    fn built(op: &str, args: &str) -> Call {
        match build(op, &parse(args), false) {
            Ok(call) => call,
            Err(e) => panic!("{op}: {e}"),
        }
    }

    fn refused(op: &str, args: &str) -> String {
        match build(op, &parse(args), false) {
            Err(Error::InvalidArgument { field, .. }) => field,
            other => panic!("{op} {args}: expected a ValidationError, got {other:?}"),
        }
    }

    #[test]
    fn every_method_is_known_and_named() {
        for op in OPS {
            assert!(param_names(op).is_some(), "{op}");
            assert_eq!(canonical(op), *op);
        }
        assert_eq!(refused("quotes.delete", "[]"), "method");
    }

    #[test]
    fn paths_bodies_and_queries_follow_the_docs() {
        let c = built("quotes.accept", r#"["9d8c", "q_9e4d"]"#);
        assert_eq!(
            (c.method, c.path.as_str()),
            ("POST", "/v0/quotes/9d8c/accept")
        );
        assert_eq!(
            c.body.map(|b| b.to_json()),
            Some(r#"{"quote_id":"q_9e4d"}"#.into())
        );
        let c = built("quotes.acceptBest", r#"["9d8c"]"#);
        assert_eq!(c.body.map(|b| b.to_json()), Some("{}".into()));
        let c = built("users.me", "[]");
        assert_eq!(c.path, "/v0/user");
        let c = built(
            "accounts.list",
            r#"[{"customer_id":"c1","currencies":["USDC","USDT"],"rails":"base","status":"active"}]"#,
        );
        assert_eq!(c.unwrap, Some("accounts"));
        let q: Vec<String> = c.query.iter().map(|(k, v)| format!("{k}={v}")).collect();
        assert_eq!(
            q,
            [
                "customer_id=c1",
                "currency=USDC",
                "currency=USDT",
                "rail=base",
                "status=active"
            ]
        );
        let c = built(
            "customers.createAccount",
            r#"["c/1", {"provider":"p","account_type":"upi","currencies":"INR","rails":"upi","vpa":"a@b"}]"#,
        );
        assert_eq!(
            c.path, "/v0/customers/c%2F1/accounts",
            "ids are one path segment"
        );
        assert_eq!(
            c.body.map(|b| b.to_json()),
            Some(r#"{"provider":"p","account_type":"upi","currencies":["INR"],"rails":["upi"],"vpa":"a@b"}"#.into())
        );
        let c = built("customers.refreshKycLinks", r#"["c1"]"#);
        assert_eq!(c.body.map(|b| b.to_json()), Some("{}".into()));
        let c = built("orgs.members.updateRole", r#"["u1", "admin"]"#);
        assert_eq!((c.method, c.path.as_str()), ("PATCH", "/v0/org/members/u1"));
        let c = built("auth.logout", "[]");
        assert!(c.empty);
        let c = build(
            "quotes.create",
            &parse(
                r#"[{"amount":"1000","source":{"currency":"USD"},"destination":{"currency":"USDC","rail":"base"}}]"#,
            ),
            true,
        );
        assert_eq!(
            c.map(|c| c.query),
            Ok(vec![("wait".to_owned(), "1".to_owned())])
        );
    }

    #[test]
    fn bad_arguments_are_refused_naming_the_parameter() {
        assert_eq!(refused("quotes.accept", r#"["9d8c"]"#), "quoteId");
        assert_eq!(refused("quotes.accept", r#"["9d8c", ""]"#), "quoteId");
        assert_eq!(
            refused(
                "quotes.create",
                r#"[{"amount":1000,"source":"a","destination":"b"}]"#
            ),
            "req.amount"
        );
        assert_eq!(
            refused(
                "quotes.create",
                r#"[{"amount":"-5","source":"a","destination":"b"}]"#
            ),
            "req.amount"
        );
        assert_eq!(
            refused(
                "quotes.create",
                r#"[{"amount":"1e3","source":"a","destination":"b"}]"#
            ),
            "req.amount"
        );
        assert_eq!(
            refused(
                "quotes.create",
                r#"[{"amount":"10","source":{"rail":"ach"},"destination":"b"}]"#
            ),
            "req.source.currency"
        );
        assert_eq!(
            refused("quotes.create", r#"[{"amount":"10","source":"a"}]"#),
            "req.destination"
        );
        assert_eq!(
            refused("auth.signup", r#"["alice@example.com", "short"]"#),
            "password"
        );
        assert_eq!(
            refused("auth.signup", r#"["alice", "hunter22!hunter22"]"#),
            "email"
        );
        assert_eq!(refused("auth.mfa.activate", r#"["12345"]"#), "code");
        assert_eq!(
            refused("orgs.members.updateRole", r#"["u1", "god"]"#),
            "role"
        );
        assert_eq!(
            refused(
                "orgs.members.invite",
                r#"[{"email":"c@acme.com","role":"owner"}]"#
            ),
            "req.role"
        );
        assert_eq!(refused("apiKeys.mint", r#"[{"label":""}]"#), "req.label");
        assert_eq!(
            refused(
                "customers.createAccount",
                r#"["c1", {"provider":"p","account_type":"upi","currencies":[],"rails":"upi"}]"#
            ),
            "req.currencies"
        );
        assert_eq!(
            refused(
                "customers.create",
                r#"[{"external_id":"x","type":"individual","email":"a@b.co","first_name":"A"}]"#
            ),
            "req.last_name"
        );
        assert_eq!(
            refused("accounts.list", r#"[{"status":"open"}]"#),
            "filter.status"
        );
        assert_eq!(refused("customers.get", "[42]"), "id");
    }
}
