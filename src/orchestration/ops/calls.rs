//! The per-method arms of [`build`]: how each op's positional arguments become its [`Call`].

use super::args::{obj, object, one_of, opt_enum, opt_str, req_str, string_list, totp_code, Args};
use super::rules::{
    account_filters, account_request, customer_request, email_shape, quote_request,
    ORDER_DIRECTIONS, ROLES,
};
use super::table::{canonical, param_names};
use super::{Call, Effect};
use crate::core::error::Error;
use crate::core::json::Json;

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
