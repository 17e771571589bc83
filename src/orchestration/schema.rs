//! Response validation: every 2xx body is checked against the type the docs give for its
//! operation, so a server-side drift surfaces as a [`Error::Response`] naming the field
//! (`response.quotes[2].fees.total`) instead of an `undefined` deep inside the caller's code.
//!
//! The types are static tables (`schema_types`) in a small schema language ([`Ty`],
//! [`Field`]). Checking walks the parsed body once and allocates nothing unless it fails: the
//! failure carries its path segments outwards and the path text is only built at the top.
//! Only what the docs name is checked; every other field passes through untouched.

use std::borrow::Cow;

use crate::core::error::Error;
use crate::core::json::Json;
use crate::orchestration::schema_types as types;

/// A documented JSON type.
#[derive(Debug)]
pub enum Ty {
    /// A JSON string (ids, timestamps, and money: amounts are strings on the wire).
    Str,
    /// `true` / `false`.
    Bool,
    /// A JSON number.
    Num,
    /// Anything, `null` included (a body the docs do not describe).
    Any,
    /// An array whose every element is of the inner type.
    Arr(&'static Ty),
    /// An object with these documented fields; other fields pass through. `Obj(&[])` is any
    /// object.
    Obj(&'static [Field]),
    /// The inner type or `null`.
    Nullable(&'static Ty),
    /// One of these strings exactly (closed enums callers branch on).
    Enum(&'static [&'static str]),
    /// An object discriminated by its string field `tag`: each variant lists the fields its
    /// tag value brings (the tag itself is checked against the variant names).
    Tagged {
        /// Name of the discriminating field.
        tag: &'static str,
        /// Tag value → that variant's fields.
        variants: &'static [(&'static str, &'static [Field])],
    },
    /// Any one of these types (e.g. a quote endpoint: an account id string or an object).
    OneOf(&'static [Ty]),
}

/// One documented field of an object.
#[derive(Debug)]
pub struct Field {
    /// The wire name.
    pub name: &'static str,
    /// Its type.
    pub ty: Ty,
    /// Required fields must be present (and, unless [`Ty::Nullable`], not `null`); optional
    /// ones are checked only when present and not `null`.
    pub required: bool,
}

/// A required field.
pub const fn req(name: &'static str, ty: Ty) -> Field {
    Field {
        name,
        ty,
        required: true,
    }
}

/// An optional field.
pub const fn opt(name: &'static str, ty: Ty) -> Field {
    Field {
        name,
        ty,
        required: false,
    }
}

/// Checks a 2xx body of `op` against the documented type. Unknown fields pass through.
///
/// `op` is the SDK method path (`quotes.create`, `orgs.kyb.resync`, …); an op answering
/// 204 (see [`no_body`]) accepts anything. An unknown op is a bug in the caller and answers
/// [`Error::InvalidArgument`].
pub fn check(op: &str, body: &Json) -> Result<(), Error> {
    match lookup(op) {
        Some(Some(ty)) => walk(ty, body).map_err(|fail| fail.into_error()),
        Some(None) => Ok(()),
        None => Err(Error::invalid("op", format!("unknown operation {op:?}"))),
    }
}

/// [`check`] run on the body's JSON text, without building a [`Json`] tree: one pass over
/// the bytes that allocates nothing unless the body fails.
///
/// Answers exactly what `Json::parse` then [`check`] answer: the same failure (path and
/// message) for the same body, and `Error::response("response", "is not JSON")` for a text
/// `Json::parse` refuses (trailing garbage, bad escapes, nesting past its bound, …), whatever
/// the op. An unknown op answers [`Error::InvalidArgument`]; a 204 op accepts any JSON.
pub fn check_text(op: &str, text: &str) -> Result<(), Error> {
    super::schema_text::check_text(op, text)
}

/// Whether `op` answers 204 / no body (then `check` is not called).
pub fn no_body(op: &str) -> bool {
    matches!(lookup(op), Some(None))
}

/// The documented body type of `op`: `Some(None)` for a 204, `None` for an unknown op.
pub(super) fn lookup(op: &str) -> Option<Option<&'static Ty>> {
    types::OPS
        .iter()
        .find(|(name, _)| *name == op)
        .map(|(_, ty)| *ty)
}

/// One step of a failure's path, innermost first while unwinding.
#[derive(Debug)]
pub(super) enum Seg {
    Key(&'static str),
    Index(usize),
}

/// A failed check: boxed so that the success path returns a single word.
#[derive(Debug)]
pub(super) struct Fail {
    /// Path segments, innermost first.
    pub(super) rev: Vec<Seg>,
    pub(super) message: Cow<'static, str>,
}

pub(super) type Checked = Result<(), Box<Fail>>;

impl Fail {
    pub(super) fn new(message: impl Into<Cow<'static, str>>) -> Box<Self> {
        Box::new(Self {
            rev: Vec::new(),
            message: message.into(),
        })
    }

    pub(super) fn into_error(self) -> Error {
        let mut path = String::from("response");
        for seg in self.rev.iter().rev() {
            match seg {
                Seg::Key(name) => {
                    path.push('.');
                    path.push_str(name);
                }
                Seg::Index(i) => {
                    path.push('[');
                    path.push_str(&i.to_string());
                    path.push(']');
                }
            }
        }
        Error::response(path, self.message)
    }
}

/// Adds the segment of the value that failed to a failure coming out of it.
pub(super) fn at(seg: Seg) -> impl FnOnce(Box<Fail>) -> Box<Fail> {
    move |mut fail| {
        fail.rev.push(seg);
        fail
    }
}

/// What a value of `ty` is said to be in messages ("must be …").
pub(super) fn noun(ty: &Ty) -> Cow<'static, str> {
    match ty {
        Ty::Str => "a string".into(),
        Ty::Bool => "a boolean".into(),
        Ty::Num => "a number".into(),
        Ty::Any => "any value".into(),
        Ty::Arr(_) => "an array".into(),
        Ty::Obj(_) | Ty::Tagged { .. } => "an object".into(),
        Ty::Nullable(inner) => format!("{} or null", noun(inner)).into(),
        Ty::Enum(values) => format!("one of {}", quoted(values)).into(),
        Ty::OneOf(alternatives) => alternatives
            .iter()
            .map(noun)
            .collect::<Vec<_>>()
            .join(" or ")
            .into(),
    }
}

/// `"a", "b", "c"`.
pub(super) fn quoted(values: &[&str]) -> String {
    values
        .iter()
        .map(|v| format!("\"{v}\""))
        .collect::<Vec<_>>()
        .join(", ")
}

pub(super) fn mismatch(ty: &Ty) -> Box<Fail> {
    Fail::new(format!("must be {}", noun(ty)))
}

/// Checks `value` against `ty`.
fn walk(ty: &'static Ty, value: &Json) -> Checked {
    match (ty, value) {
        (Ty::Any, _)
        | (Ty::Str, Json::Str(_))
        | (Ty::Bool, Json::Bool(_))
        | (Ty::Num, Json::Number(_))
        | (Ty::Nullable(_), Json::Null) => Ok(()),
        (Ty::Arr(item), Json::Array(items)) => {
            for (i, v) in items.iter().enumerate() {
                walk(item, v).map_err(at(Seg::Index(i)))?;
            }
            Ok(())
        }
        (Ty::Obj(fields), Json::Object(entries)) => object(fields, entries),
        (Ty::Nullable(inner), _) => walk(inner, value).map_err(|mut fail| {
            // A wrong value right here (not deeper inside it): say that null was fine too.
            if fail.rev.is_empty() {
                fail.message = format!("must be {}", noun(ty)).into();
            }
            fail
        }),
        (Ty::Enum(values), Json::Str(s)) if values.contains(&s.as_str()) => Ok(()),
        (Ty::Tagged { tag, variants }, Json::Object(entries)) => {
            let found = entries.iter().rev().find(|(name, _)| name == tag);
            let Some((_, tag_value)) = found else {
                return Err(Fail::new("is required")).map_err(at(Seg::Key(tag)));
            };
            let variant = variants
                .iter()
                .find(|(name, _)| matches!(tag_value, Json::Str(s) if s == name));
            match variant {
                Some((_, fields)) => object(fields, entries),
                None => {
                    let names: Vec<&str> = variants.iter().map(|(name, _)| *name).collect();
                    Err(Fail::new(format!("must be one of {}", quoted(&names))))
                        .map_err(at(Seg::Key(tag)))
                }
            }
        }
        (Ty::OneOf(alternatives), _) => {
            let mut nearest = None;
            for alternative in alternatives.iter() {
                match walk(alternative, value) {
                    Ok(()) => return Ok(()),
                    // The alternative of the right kind that failed deeper explains best.
                    Err(fail) if !fail.rev.is_empty() && nearest.is_none() => nearest = Some(fail),
                    Err(_) => {}
                }
            }
            Err(nearest.unwrap_or_else(|| mismatch(ty)))
        }
        _ => Err(mismatch(ty)),
    }
}

/// Checks the documented `fields` of an object, reading its `entries` once.
///
/// Entries are visited last to first so that a repeated key is judged by its last
/// occurrence, as `JSON.parse` keeps it; a bit per documented field records what was seen.
/// The server writes fields in a stable order, so the field expected next is tried before
/// a scan.
fn object(fields: &'static [Field], entries: &[(String, Json)]) -> Checked {
    debug_assert!(fields.len() <= 64, "an object type has at most 64 fields");
    if fields.is_empty() {
        return Ok(());
    }
    let mut seen: u64 = 0;
    let mut hint = fields.len();
    for (name, value) in entries.iter().rev() {
        let index = match hint.checked_sub(1).and_then(|i| fields.get(i)) {
            Some(field) if field.name == name => Some(hint - 1),
            _ => fields.iter().position(|field| field.name == name),
        };
        let Some(index) = index else { continue };
        hint = index;
        let bit = 1u64 << index;
        if seen & bit != 0 {
            continue;
        }
        seen |= bit;
        let field = &fields[index];
        if !field.required && matches!(value, Json::Null) {
            continue;
        }
        walk(&field.ty, value).map_err(at(Seg::Key(field.name)))?;
    }
    for (index, field) in fields.iter().enumerate() {
        if field.required && seen & (1u64 << index) == 0 {
            return Err(Fail::new("is required")).map_err(at(Seg::Key(field.name)));
        }
    }
    Ok(())
}

#[cfg(test)]
mod tests {
    use super::*;

    /// Every response example of the API reference, verbatim, with the op it answers.
    const EXAMPLES: &[(&str, &str)] = &[
        (
            "currencies",
            r#"{ "currencies": [ { "currency": "USD", "kind": "fiat", "rails": [ { "rail": "ach" }, { "rail": "wire" } ] }, { "currency": "EUR", "kind": "fiat", "rails": [ { "rail": "sepa" }, { "rail": "swift" } ] }, { "currency": "INR", "kind": "fiat", "rails": [{ "rail": "upi" }] }, { "currency": "USDC", "kind": "stablecoin", "rails": [ { "rail": "base" }, { "rail": "ethereum" }, { "rail": "polygon" }, { "rail": "solana" } ] }, { "currency": "USDT", "kind": "stablecoin", "rails": [ { "rail": "ethereum" }, { "rail": "arbitrum" } ] } ] }"#,
        ),
        (
            "rails",
            r#"{ "rails": [ { "rail": "ach", "kind": "fiat" }, { "rail": "wire", "kind": "fiat" }, { "rail": "sepa", "kind": "fiat" }, { "rail": "swift", "kind": "fiat" }, { "rail": "upi", "kind": "fiat" }, { "rail": "pix", "kind": "fiat" }, { "rail": "base", "kind": "crypto" }, { "rail": "ethereum", "kind": "crypto" }, { "rail": "polygon", "kind": "crypto" }, { "rail": "solana", "kind": "crypto" }, { "rail": "arbitrum", "kind": "crypto" } ] }"#,
        ),
        (
            "users.myOrders",
            r#"[ { "id": "ord_2f10…", "user_id": "0a2a3f…", "ramp_customer_id": "cus_7c4b…", "provider": "prv_…", "provider_order_id": "WP-9d8c0a1b", "direction": "on_ramp", "status": "completed", "source_currency": "USD", "source_amount": "1000.00", "destination_currency": "USDC", "destination_chain": "base", "destination_address": "0xabc…123", "source_account_id": "acc_5e3a…", "destination_account_id": null, "idempotency_key": "8b3c4d5e-…", "funding_instructions": null, "reference": "invoice-2026-04-001", "comment": null, "created_at": "2026-04-23T10:15:00Z", "updated_at": "2026-04-23T10:18:42Z" } ]"#,
        ),
        (
            "users.me",
            r#"{ "id": "0a2a3f…", "email": "alice@example.com", "mfa_required": false, "mfa_active": true, "created_at": "2026-04-01T14:22:00Z", "memberships": [ { "org_id": "b3c7…", "org_name": "Acme Inc.", "role": "admin" } ] }"#,
        ),
        ("quotes.accept", r#"{ "order_id": "f01e…" }"#),
        (
            "quotes.create",
            r#"{ "id": "9d8c…", "status": "ready", "created_at": "2026-04-23T10:20:00Z", "request": { "amount": "1000", "source": { "currency": "USD" }, "destination": { "currency": "USDC", "rail": "base" } }, "quotes": [ { "id": "q_7f3a…", "in": { "amount": "1000", "currency": "USD", "rail": "ach" }, "out": { "amount": "997", "currency": "USDC", "rail": "base" }, "fees": { "items": [{ "type": "flat", "amount": "3.00", "currency": "USD" }], "total": "3.00", "currency": "USD" }, "rate": "0.997", "expires_at": "2026-04-23T10:21:00Z" }, { "id": "q_2c1b…", "in": { "amount": "1000", "currency": "USD", "rail": "ach" }, "out": { "amount": "995", "currency": "USDC", "rail": "base" }, "fees": { "items": [{ "type": "flat", "amount": "2.50", "currency": "USD" }], "total": "2.50", "currency": "USD" }, "rate": "0.995" }, { "id": "q_9e4d…", "in": { "amount": "1000", "currency": "USD", "rail": "wire" }, "out": { "amount": "974", "currency": "USDC", "rail": "base" }, "fees": { "items": [{ "type": "flat", "amount": "25.00", "currency": "USD", "description": "Wire transfer fee" }], "total": "25.00", "currency": "USD" }, "rate": "0.974" } ], "best_quote_id": "q_7f3a…" }"#,
        ),
        (
            "orgs.list",
            r#"{ "orgs": [ { "org": { "id": "0a2a…", "name": "Acme Inc.", "created_at": "2026-04-01T10:00:00Z", "updated_at": "2026-04-23T10:00:00Z" }, "role": "owner" }, { "org": { "id": "1b3b…", "name": "Acme Labs", "created_at": "2026-04-22T10:00:00Z", "updated_at": "2026-04-23T10:00:00Z" }, "role": "admin" } ] }"#,
        ),
        (
            "orgs.get",
            r#"{ "id": "0a2a…", "name": "Acme Inc.", "created_at": "2026-04-01T10:00:00Z", "updated_at": "2026-04-23T10:00:00Z" }"#,
        ),
        (
            "orgs.members.list",
            r#"{ "members": [ { "org_id": "0a2a…", "user_id": "9d11…", "email": "alice@acme.com", "role": "owner", "created_at": "2026-04-01T10:00:00Z" }, { "org_id": "0a2a…", "user_id": "ad22…", "email": "bob@acme.com", "role": "admin", "created_at": "2026-04-12T10:00:00Z" } ] }"#,
        ),
        (
            "orgs.kyb.profile",
            r#"{ "business": { "legal_name": "Acme Inc.", "entity_type": "corporation", "industry": "software_blockchain_crypto", "registration_number": "1234567", "tax_id": "82-1234567", "country_of_registration": "US", "state_of_incorporation": "DE", "formation_date": "2020-04-12" }, "addresses": { "registered": { "line1": "1 Wall St", "city": "New York", "state": "NY", "postal_code": "10005", "country": "US" } }, "contact": { "email": "ops@acme.com", "phone": "+12025550100" }, "operations": { "business_jurisdictions": ["US"], "funds_movement_jurisdictions": ["US", "GB"], "primary_source_of_funds": "company_capital", "regulated_status": "unregistered" }, "volumes": { "monthly_deposits": 35, "monthly_withdrawals": 30 }, "counterparties": { "counterparties": ["customers", "merchants_suppliers"] }, "associated_persons": [ { "first_name": "Alice", "last_name": "Liddell", "date_of_birth": "1985-06-15", "email": "alice@acme.com", "phone": "+12025550100", "address": { "line1": "1 Wall St", "city": "New York", "state": "NY", "postal_code": "10005", "country": "US" }, "tax_id": "123-45-6789", "nationality": "US", "citizenship": "US", "ownership_percent": 100, "roles": { "has_control": true, "is_signer": true, "is_director": true } } ] }"#,
        ),
        (
            "orgs.kyb.providers",
            r#"{ "providers": [ { "provider": "prv_a", "kyb_status": "approved", "kyb_link": null, "missing_fields": [], "last_synced_at": "2026-04-24T08:00:00Z", "provider_customer_id": "biz_…", "rejection_reason": null } ] }"#,
        ),
        (
            "orgs.kyb.refreshLink",
            r#"{ "url": "https://…", "expires_at": "2026-04-25T11:00:00Z" }"#,
        ),
        (
            "orgs.kyb.resync",
            r#"{ "provider": "prv_b", "kyb_status": "approved", "kyb_link": null, "missing_fields": [], "last_synced_at": "2026-04-24T15:30:00Z", "provider_customer_id": "biz_…", "rejection_reason": null }"#,
        ),
        (
            "customers.create",
            r#"{ "customer": { "id": "2f10…", "org_id": "0a2a…", "external_id": "user_abc123", "type": "individual", "email": "alice@example.com", "first_name": "Alice", "last_name": "Liddell", "created_at": "2026-04-23T10:20:00Z", "updated_at": "2026-04-23T10:20:00Z" } }"#,
        ),
        (
            "customers.refreshKycLinks",
            r#"{ "links": [ { "status": "under_review", "link": { "url": "https://…", "expires_at": "2026-04-24T10:20:00Z" } } ] }"#,
        ),
        (
            "customers.listAccounts",
            r#"{ "accounts": [ { "id": "5e3a…", "ramp_customer_id": "2f10…", "provider": "prv_…", "provider_account_id": "ext_…", "account_type": "external_digital_asset_wallet", "currencies": ["USDC", "USDT"], "rails": ["base", "ethereum"], "status": "active", "created_at": "2026-04-23T10:25:00Z", "updated_at": "2026-04-23T10:25:00Z" } ] }"#,
        ),
        (
            "customers.orders",
            r#"[ { "id": "ord_2f10…", "user_id": "0a2a3f…", "ramp_customer_id": "cus_7c4b…", "provider": "prv_…", "provider_order_id": "WP-9d8c0a1b", "direction": "on_ramp", "status": "completed", "source_currency": "USD", "source_amount": "1000.00", "destination_currency": "USDC", "destination_chain": "base", "destination_address": "0xabc…123", "source_account_id": "acc_5e3a…", "destination_account_id": null, "idempotency_key": "8b3c4d5e-…", "funding_instructions": null, "reference": "invoice-2026-04-001", "comment": null, "created_at": "2026-04-23T10:15:00Z", "updated_at": "2026-04-23T10:18:42Z" } ]"#,
        ),
        (
            "customers.get",
            r#"{ "customer": { "id": "2f10…", "org_id": "0a2a…", "external_id": "user_abc123", "type": "individual", "email": "alice@example.com", "first_name": "Alice", "last_name": "Liddell", "created_at": "2026-04-23T10:20:00Z", "updated_at": "2026-04-23T10:25:00Z" } }"#,
        ),
        (
            "auth.login",
            r#"{ "status": "mfa_required", "challenge_id": "mfa_b4bd0c1d8e2f4a6b9d3c" }"#,
        ),
        (
            "auth.login",
            r#"{ "status": "tokens", "access_token": "eyJhbGciOi…", "refresh_token": "rt_…", "access_expires_at": "2026-04-23T10:15:00Z", "refresh_expires_at": "2026-05-23T10:00:00Z" }"#,
        ),
        ("auth.me", r#"{ "user_id": "0a2a3f…", "mfa_passed": true }"#),
        (
            "auth.mfa.enroll",
            r#"{ "provisioning_uri": "otpauth://totp/Seismic:alice@example.com?secret=…", "secret_base32": "JBSWY3DPEHPK3PXP" }"#,
        ),
        ("auth.signup", r#"{ "user_id": "0a2a3f…" }"#),
        (
            "apiKeys.list",
            r#"{ "api_keys": [ { "id": "k_2f10…", "org_id": "0a2a…", "prefix": "seismic_prod_abc12…", "label": "ci-pipeline", "environment": "production", "created_by": "9d11…", "created_at": "2026-04-29T15:00:00Z", "last_used_at": "2026-04-30T09:14:22Z", "revoked_at": null }, { "id": "k_8b3a…", "org_id": "0a2a…", "prefix": "seismic_sandbox_xyz78…", "label": "local-dev (alice)", "environment": "sandbox", "created_by": "9d11…", "created_at": "2026-04-12T12:00:00Z", "last_used_at": null, "revoked_at": "2026-04-25T14:00:00Z" } ] }"#,
        ),
        (
            "apiKeys.mint",
            r#"{ "id": "k_2f10…", "org_id": "0a2a…", "prefix": "seismic_prod_abc12…", "label": "ci-pipeline", "environment": "production", "created_by": "9d11…", "created_at": "2026-04-29T15:00:00Z", "last_used_at": null, "revoked_at": null, "secret": "seismic_prod_abc12_3f9d8e0a4b6c2e1d0f8a3b7c5d6e4f2a" }"#,
        ),
        (
            "accounts.list",
            r#"{ "accounts": [ { "id": "5e3a…", "ramp_customer_id": "2f10…", "provider": "prv_…", "provider_account_id": "wa_1a2b", "account_type": "external_digital_asset_wallet", "currencies": ["USDC", "USDT"], "rails": ["base", "polygon"], "status": "active", "created_at": "2026-04-23T10:25:00Z", "updated_at": "2026-04-23T10:25:00Z" } ] }"#,
        ),
        (
            "accounts.get",
            r#"{ "id": "5e3a…", "ramp_customer_id": "2f10…", "provider": "prv_…", "provider_account_id": "wa_1a2b", "account_type": "external_digital_asset_wallet", "currencies": ["USDC", "USDT"], "rails": ["base", "polygon"], "status": "active", "created_at": "2026-04-23T10:25:00Z", "updated_at": "2026-04-23T10:25:00Z" }"#,
        ),
    ];

    /// Every op the SDK exposes (the JS method paths).
    const ALL_OPS: &[&str] = crate::orchestration::ops::OPS;

    /// The error of a body that is not JSON.
    fn not_json() -> Error {
        Error::response("response", "is not JSON")
    }

    /// What the client answered before `check_text`: parse, then check the tree.
    fn expected(op: &str, text: &str) -> Result<(), Error> {
        Json::parse(text).map_or_else(|| Err(not_json()), |body| check(op, &body))
    }

    /// `check` of the parsed `text`, asserting that `check_text` answers the same.
    fn both(op: &str, text: &str) -> Result<(), Error> {
        let tree = check(op, &parse(text));
        assert_eq!(
            check_text(op, text),
            tree,
            "check_text disagrees: {op}: {text}"
        );
        tree
    }

    fn parse(text: &str) -> Json {
        let body = Json::parse(text);
        assert!(body.is_some(), "not JSON: {text}");
        body.unwrap_or(Json::Null)
    }

    fn example(op: &str) -> &'static str {
        EXAMPLES
            .iter()
            .find(|(name, _)| *name == op)
            .map_or("", |(_, text)| text)
    }

    /// The last example of `op` (`auth.login` has two: the challenge, then the tokens).
    fn last_example(op: &str) -> &'static str {
        EXAMPLES
            .iter()
            .rev()
            .find(|(name, _)| *name == op)
            .map_or("", |(_, text)| text)
    }

    /// `(field, message)` of the check of `text`, or a description of what came instead.
    fn failure(op: &str, text: &str) -> (String, String) {
        match both(op, text) {
            Err(Error::Response { field, message }) => (field, message),
            other => (format!("{other:?}"), String::new()),
        }
    }

    /// The failure of `op`'s documented example with its first `from` replaced by `to`.
    fn mutated(op: &str, from: &str, to: &str) -> (String, String) {
        let text = example(op);
        assert!(text.contains(from), "{op} example has no {from}");
        failure(op, &text.replacen(from, to, 1))
    }

    fn passes_with(op: &str, from: &str, to: &str) -> bool {
        let text = example(op);
        assert!(text.contains(from), "{op} example has no {from}");
        both(op, &text.replacen(from, to, 1)).is_ok()
    }

    fn is(field: &str, message: &str) -> (String, String) {
        (field.to_owned(), message.to_owned())
    }

    #[test]
    fn every_documented_example_passes() {
        for (op, text) in EXAMPLES {
            assert_eq!(both(op, text), Ok(()), "{op}: {text}");
        }
        // Ops whose docs show no example of their own answer with a documented sibling's type.
        for (op, like) in [
            ("orgs.update", "orgs.get"),
            ("orgs.kyb.setProfile", "orgs.kyb.profile"),
            ("orgs.kyb.submit", "orgs.kyb.providers"),
            ("quotes.get", "quotes.create"),
            ("quotes.acceptBest", "quotes.accept"),
            ("customers.createAccount", "accounts.get"),
            ("auth.mfa.verify", "auth.login"),
            ("auth.refresh", "auth.login"),
        ] {
            let text = last_example(like);
            assert_eq!(both(op, text), Ok(()), "{op}");
        }
        let member = r#"{ "org_id": "0a2a…", "user_id": "ad22…", "email": "bob@acme.com", "role": "admin", "created_at": "2026-04-12T10:00:00Z" }"#;
        for op in ["orgs.members.invite", "orgs.members.updateRole"] {
            assert_eq!(both(op, member), Ok(()), "{op}");
        }
        assert_eq!(both("health", r#"{"status":"ok"}"#), Ok(()));
    }

    #[test]
    fn every_op_is_known_once_and_204s_take_no_body() {
        for op in ALL_OPS {
            assert_eq!(
                types::OPS.iter().filter(|(name, _)| name == op).count(),
                1,
                "{op}"
            );
        }
        assert_eq!(types::OPS.len(), ALL_OPS.len());
        let empty: Vec<&str> = ALL_OPS.iter().copied().filter(|op| no_body(op)).collect();
        assert_eq!(
            empty,
            [
                "auth.mfa.activate",
                "auth.logout",
                "apiKeys.revoke",
                "orgs.members.remove"
            ]
        );
        assert_eq!(both("apiKeys.revoke", "null"), Ok(()));
        assert_eq!(check("apiKeys.revoke", &Json::Null), Ok(()));
        assert!(!no_body("nope"));
        assert!(matches!(
            both("nope", "null"),
            Err(Error::InvalidArgument { .. })
        ));
        // The text must be JSON whatever the op, as parsing it first requires.
        for op in ["apiKeys.revoke", "nope", "health"] {
            assert_eq!(check_text(op, "{"), Err(not_json()), "{op}");
        }
    }

    #[test]
    fn object_types_fit_the_seen_mask() {
        fn visit(ty: &Ty) {
            match ty {
                Ty::Arr(inner) | Ty::Nullable(inner) => visit(inner),
                Ty::Obj(fields) => {
                    assert!(fields.len() <= 64);
                    fields.iter().for_each(|f| visit(&f.ty));
                }
                Ty::Tagged { variants, .. } => {
                    for (_, fields) in variants.iter() {
                        assert!(fields.len() <= 64);
                        fields.iter().for_each(|f| visit(&f.ty));
                    }
                }
                Ty::OneOf(alternatives) => alternatives.iter().for_each(visit),
                _ => {}
            }
        }
        types::OPS.iter().filter_map(|(_, ty)| *ty).for_each(visit);
    }

    #[test]
    fn missing_required_fields_are_named() {
        assert_eq!(
            mutated("quotes.create", r#""total": "25.00", "#, ""),
            is("response.quotes[2].fees.total", "is required")
        );
        assert_eq!(
            mutated("auth.me", r#", "mfa_passed": true"#, ""),
            is("response.mfa_passed", "is required")
        );
        assert_eq!(
            mutated("apiKeys.list", r#", "revoked_at": null }"#, "}"),
            is("response.api_keys[0].revoked_at", "is required")
        );
        assert_eq!(
            mutated("customers.get", r#""customer": {"#, r#""client": {"#),
            is("response.customer", "is required")
        );
        assert_eq!(
            failure("auth.signup", "{}"),
            is("response.user_id", "is required")
        );
    }

    #[test]
    fn wrong_types_are_named() {
        assert_eq!(
            mutated("quotes.create", r#""total": "25.00""#, r#""total": 25.00"#),
            is("response.quotes[2].fees.total", "must be a string")
        );
        assert_eq!(
            mutated("users.myOrders", r#""1000.00""#, "1000.00"),
            is("response[0].source_amount", "must be a string")
        );
        assert_eq!(
            mutated("auth.me", "true", r#""true""#),
            is("response.mfa_passed", "must be a boolean")
        );
        assert_eq!(
            mutated(
                "orgs.kyb.profile",
                r#""monthly_deposits": 35"#,
                r#""monthly_deposits": "35""#
            ),
            is("response.volumes.monthly_deposits", "must be a number")
        );
        assert_eq!(
            mutated(
                "apiKeys.list",
                r#""last_used_at": null"#,
                r#""last_used_at": 7"#
            ),
            is(
                "response.api_keys[1].last_used_at",
                "must be a string or null"
            )
        );
        assert_eq!(
            mutated(
                "quotes.create",
                r#""source": { "currency": "USD" }"#,
                r#""source": 5"#
            ),
            is("response.request.source", "must be a string or an object")
        );
        assert_eq!(
            mutated(
                "customers.orders",
                r#""funding_instructions": null"#,
                r#""funding_instructions": "wire""#
            ),
            is(
                "response[0].funding_instructions",
                "must be an object or null"
            )
        );
        assert_eq!(
            failure("orgs.get", "[]"),
            is("response", "must be an object")
        );
        assert_eq!(
            failure("users.myOrders", "{}"),
            is("response", "must be an array")
        );
        assert_eq!(
            failure("accounts.list", r#"{"accounts": {}}"#),
            is("response.accounts", "must be an array")
        );
    }

    #[test]
    fn nested_array_elements_are_indexed() {
        assert_eq!(
            mutated("accounts.list", r#"["USDC", "USDT"]"#, r#"["USDC", 5]"#),
            is("response.accounts[0].currencies[1]", "must be a string")
        );
        assert_eq!(
            mutated("currencies", r#"{ "rail": "upi" }"#, r#"{ "rial": "upi" }"#),
            is("response.currencies[2].rails[0].rail", "is required")
        );
        assert_eq!(
            mutated(
                "orgs.kyb.providers",
                r#""kyb_link": null"#,
                r#""kyb_link": { "url": 5, "expires_at": "x" }"#
            ),
            is("response.providers[0].kyb_link.url", "must be a string")
        );
        assert_eq!(
            mutated(
                "orgs.kyb.profile",
                r#""is_signer": true"#,
                r#""is_signer": null"#
            ),
            is(
                "response.associated_persons[0].roles.is_signer",
                "must be a boolean"
            )
        );
    }

    #[test]
    fn closed_enums_are_strict() {
        assert_eq!(
            mutated(
                "quotes.create",
                r#""status": "ready""#,
                r#""status": "done""#
            ),
            is(
                "response.status",
                r#"must be one of "pending", "ready", "expired""#
            )
        );
        assert_eq!(
            mutated("users.myOrders", r#""completed""#, r#""settled""#),
            is(
                "response[0].status",
                r#"must be one of "awaiting_funds", "pending", "processing", "completed", "expired", "failed", "canceled", "unknown""#
            )
        );
        assert_eq!(
            mutated("orgs.list", r#""role": "admin""#, r#""role": "boss""#),
            is(
                "response.orgs[1].role",
                r#"must be one of "owner", "admin", "member", "viewer""#
            )
        );
        assert_eq!(
            mutated(
                "customers.refreshKycLinks",
                r#""under_review""#,
                r#""reviewing""#
            )
            .0,
            "response.links[0].status"
        );
        assert_eq!(
            mutated("accounts.get", r#""active""#, "1"),
            is(
                "response.status",
                r#"must be one of "pending", "active", "disabled""#
            )
        );
        assert_eq!(
            mutated("rails", r#""kind": "crypto""#, r#""kind": "chain""#).0,
            "response.rails[6].kind"
        );
    }

    #[test]
    fn unions_are_checked_per_variant() {
        assert_eq!(
            mutated("auth.login", r#""mfa_required""#, r#""weird""#),
            is(
                "response.status",
                r#"must be one of "tokens", "mfa_required""#
            )
        );
        assert_eq!(
            failure("auth.login", r#"{"challenge_id": "mfa_1"}"#),
            is("response.status", "is required")
        );
        assert_eq!(
            failure("auth.login", r#"{"status": "mfa_required"}"#),
            is("response.challenge_id", "is required")
        );
        let tokens = last_example("auth.login");
        assert_eq!(
            failure(
                "auth.login",
                &tokens.replacen(r#""refresh_token": "rt_…", "#, "", 1)
            ),
            is("response.refresh_token", "is required")
        );
        // A tokens answer carries no challenge, and a challenge no tokens.
        assert!(both("auth.login", r#"{"status": "tokens", "challenge_id": "x"}"#).is_err());
        assert_eq!(
            mutated(
                "quotes.create",
                r#"{ "type": "flat", "amount": "25.00""#,
                r#"{ "type": "bogus", "amount": "25.00""#
            ),
            is(
                "response.quotes[2].fees.items[0].type",
                r#"must be one of "flat", "percentage", "network", "other""#
            )
        );
        assert_eq!(
            mutated(
                "quotes.create",
                r#""type": "flat", "amount": "25.00", "currency": "USD", "description": "Wire transfer fee""#,
                r#""type": "other", "amount": "25.00", "currency": "USD""#
            ),
            is(
                "response.quotes[2].fees.items[0].description",
                "is required"
            )
        );
        assert_eq!(
            mutated(
                "quotes.create",
                r#""type": "flat", "amount": "3.00""#,
                r#""type": "percentage", "amount": "3.00""#
            ),
            is("response.quotes[0].fees.items[0].bps", "is required")
        );
        assert!(passes_with(
            "quotes.create",
            r#""type": "flat", "amount": "3.00""#,
            r#""type": "percentage", "bps": 30, "amount": "3.00""#
        ));
        assert!(passes_with(
            "quotes.create",
            r#""type": "flat", "amount": "3.00""#,
            r#""type": "network", "amount": "3.00""#
        ));
    }

    #[test]
    fn optional_and_nullable_fields() {
        // Optional: absent or null passes, anything else must have the type.
        assert!(passes_with(
            "quotes.create",
            r#""expires_at": "2026-04-23T10:21:00Z""#,
            r#""expires_at": null"#
        ));
        assert_eq!(
            mutated(
                "quotes.create",
                r#""expires_at": "2026-04-23T10:21:00Z""#,
                r#""expires_at": 5"#
            ),
            is("response.quotes[0].expires_at", "must be a string")
        );
        assert_eq!(
            mutated(
                "orgs.get",
                r#""name": "Acme Inc.", "#,
                r#""name": "Acme Inc.", "providers": [{ "provider": "p", "kyb_status": "done" }], "#
            ),
            is(
                "response.providers[0].kyb_status",
                r#"must be one of "not_started", "submitted", "under_review", "approved", "rejected""#
            )
        );
        let envelope = r#"{ "status": "pending", "kyc": { "status": "submitted", "link": null } }"#;
        let with_row = |row: &str| {
            example("customers.get").replacen(
                "} }",
                &format!(r#"}}, "providers": [{{ "provider": "prv_a", "provider_customer_id": "pc_1", {row} }}] }}"#),
                1,
            )
        };
        let text = with_row(&envelope[2..envelope.len() - 2]);
        assert_eq!(both("customers.get", &text), Ok(()), "{text}");
        assert_eq!(
            failure(
                "customers.get",
                &text.replacen(r#""status": "submitted""#, r#""status": "done""#, 1)
            )
            .0,
            "response.providers[0].kyc.status"
        );
        assert_eq!(
            failure(
                "customers.get",
                &text.replacen(r#""link": null"#, r#""link": { "expires_at": "x" }"#, 1)
            ),
            is("response.providers[0].kyc.link.url", "is required")
        );
        // An order of a pricing-only quote has no customer.
        assert!(passes_with("users.myOrders", r#""cus_7c4b…""#, "null"));
        assert!(passes_with(
            "users.myOrders",
            r#""destination_account_id": null"#,
            r#""destination_account_id": "acc_1""#
        ));
    }

    #[test]
    fn unknown_fields_pass_through() {
        let extra = r#""surprise": { "deep": [1, null, "x"] }, "ok": true, "#;
        for (op, text) in EXAMPLES {
            let body = match text.strip_prefix('[') {
                Some(rest) => format!("[{}", rest.replacen('{', &format!("{{{extra}"), 1)),
                None => text.replacen('{', &format!("{{{extra}"), 1),
            };
            assert_eq!(both(op, &body), Ok(()), "{op}: {body}");
        }
        assert!(passes_with(
            "quotes.create",
            r#""rate": "0.997""#,
            r#""rate": "0.997", "routing": { "leg": 1 }"#
        ));
    }

    #[test]
    fn a_repeated_key_counts_once_by_its_last_value() {
        assert_eq!(
            both("auth.signup", r#"{"user_id": 5, "user_id": "u1"}"#),
            Ok(())
        );
        assert_eq!(
            failure("auth.signup", r#"{"user_id": "u1", "user_id": 5}"#),
            is("response.user_id", "must be a string")
        );
    }

    #[test]
    fn the_error_reads_as_a_sentence() {
        let error = check("orgs.get", &Json::Array(vec![])).err();
        assert_eq!(
            error.map(|e| e.to_string()).as_deref(),
            Some("unexpected response: response must be an object")
        );
        assert_eq!(
            check_text("orgs.get", " [ ] ").err().map(|e| e.to_string()),
            Some("unexpected response: response must be an object".to_owned())
        );
        assert_eq!(
            check_text("orgs.get", "{} x").err().map(|e| e.to_string()),
            Some("unexpected response: response is not JSON".to_owned())
        );
    }

    // ---- check_text against parse + check --------------------------------------------

    /// A deterministic generator (xorshift64*) for the differential test.
    struct Rng(u64);

    impl Rng {
        fn next(&mut self) -> u64 {
            self.0 ^= self.0 >> 12;
            self.0 ^= self.0 << 25;
            self.0 ^= self.0 >> 27;
            self.0.wrapping_mul(0x2545_F491_4F6C_DD1D)
        }

        /// A number below `n` (0 when `n` is 0).
        fn below(&mut self, n: usize) -> usize {
            (self.next() % (n.max(1) as u64)) as usize
        }

        /// True `percent`% of the time.
        fn chance(&mut self, percent: u64) -> bool {
            self.next() % 100 < percent
        }

        fn pick<T: Copy>(&mut self, items: &[T]) -> T {
            items[self.below(items.len())]
        }
    }

    /// An order as the sandbox answers it (keys sorted, funding instructions filled in),
    /// with distinct ids: the shape of the benchmark's 200-order `customers.orders()` body.
    fn order(i: usize) -> String {
        let id = |salt: usize| {
            let x = (i as u64 + 1).wrapping_mul(0x9E37_79B9_7F4A_7C15) ^ (salt as u64) << 40;
            format!(
                "{:08x}-{:04x}-4{:03x}-a{:03x}-{:012x}",
                x >> 32,
                (x >> 16) & 0xffff,
                x & 0xfff,
                (x >> 4) & 0xfff,
                x & 0xffff_ffff_ffff
            )
        };
        let order_id = id(1);
        let reference = &order_id[..8].to_uppercase();
        format!(
            r#"{{"comment":null,"created_at":"2026-11-22T07:48:22Z","destination_account_id":"{}","destination_address":"0x71C7656EC7ab88b098defB751B7401B5f6d8976F","destination_chain":"base","destination_currency":"USDC","direction":"on_ramp","funding_instructions":{{"amount":"1000.00","bank_account_number":"5349860390","bank_beneficiary_name":"Seismic Systems Inc.","bank_name":"Sandbox Bank, N.A.","bank_routing_number":"021000021","currency":"USD","deposit_message":"SBX-{reference}","payment_rail":"ach"}},"id":"{order_id}","idempotency_key":"{}","provider":"prv_sandbox_a","provider_order_id":"SBX-{reference}","ramp_customer_id":"{}","reference":null,"source_account_id":null,"source_amount":"1000.00","source_currency":"USD","status":"awaiting_funds","updated_at":"2026-11-22T07:48:22Z","user_id":"{}"}}"#,
            id(2),
            id(3),
            id(4),
            id(5)
        )
    }

    /// `n` orders as a compact JSON array (200 make ~180 KB, like the benchmark's body).
    fn orders(n: usize) -> String {
        format!("[{}]", (0..n).map(order).collect::<Vec<_>>().join(","))
    }

    /// Values that mutations put in place of others: every kind, and strings the closed
    /// enums and tags of the tables accept (so variants switch and enums stay valid).
    fn pool(rng: &mut Rng) -> Json {
        let strings = [
            "x",
            "completed",
            "tokens",
            "mfa_required",
            "flat",
            "percentage",
            "other",
            "ready",
            "admin",
            "active",
            "fiat",
            "on_ramp",
            "",
            "a\"b\\c\u{1}\u{7f}é…😀",
        ];
        match rng.below(9) {
            0 => Json::Null,
            1 => Json::Bool(rng.chance(50)),
            2 => Json::Number(
                rng.pick(&["0", "-5", "12.50", "1e3", "-0.5E-2"])
                    .to_string(),
            ),
            3 | 4 => Json::Str(rng.pick(&strings).to_string()),
            5 => Json::Array(vec![]),
            6 => Json::Array(vec![Json::Str("x".into()), Json::Number("1".into())]),
            7 => Json::Object(vec![]),
            _ => Json::Object(vec![("k".into(), Json::Null)]),
        }
    }

    /// A value nested `depth` times, unknown to every table.
    fn nested(depth: usize) -> Json {
        (0..depth).fold(Json::Str("deep".into()), |inner, i| {
            if i % 2 == 0 {
                Json::Array(vec![Json::Null, inner])
            } else {
                Json::Object(vec![("n".into(), inner), ("m".into(), Json::Bool(false))])
            }
        })
    }

    fn size(value: &Json) -> usize {
        1 + match value {
            Json::Array(items) => items.iter().map(size).sum(),
            Json::Object(entries) => entries.iter().map(|(_, v)| size(v)).sum(),
            _ => 0,
        }
    }

    /// The `k`th value of `value` in preorder.
    fn node(value: &mut Json, mut k: usize) -> Option<&mut Json> {
        if k == 0 {
            return Some(value);
        }
        k -= 1;
        let children: Vec<&mut Json> = match value {
            Json::Array(items) => items.iter_mut().collect(),
            Json::Object(entries) => entries.iter_mut().map(|(_, v)| v).collect(),
            _ => return None,
        };
        for child in children {
            let n = size(child);
            if k < n {
                return node(child, k);
            }
            k -= n;
        }
        None
    }

    /// Names the mutations give keys: documented ones (to move or repeat them) and others.
    const KEYS: &[&str] = &[
        "status", "type", "id", "amount", "quotes", "fees", "total", "user_id", "kind", "rails",
        "role", "surprise", "", "é😀\"",
    ];

    /// One change to a random value of `body`.
    fn mutate(body: &mut Json, rng: &mut Rng) {
        let k = rng.below(size(body));
        let op = rng.below(8);
        let replacement = pool(rng);
        let Some(target) = node(body, k) else { return };
        match (op, target) {
            (1, Json::Object(entries)) if !entries.is_empty() => {
                let i = rng.below(entries.len());
                entries.remove(i);
            }
            (2, Json::Object(entries)) if !entries.is_empty() => {
                // A repeated key, its value kept or changed, before or after the first.
                let (name, value) = entries[rng.below(entries.len())].clone();
                let value = if rng.chance(50) { value } else { replacement };
                let at = rng.below(entries.len() + 1);
                entries.insert(at, (name, value));
            }
            (3, Json::Object(entries)) => {
                if rng.chance(50) {
                    entries.reverse();
                } else if !entries.is_empty() {
                    let at = rng.below(entries.len());
                    entries.rotate_left(at);
                }
            }
            (4, Json::Object(entries)) => {
                let value = if rng.chance(50) {
                    nested(1 + rng.below(12))
                } else {
                    replacement
                };
                let at = rng.below(entries.len() + 1);
                entries.insert(at, (rng.pick(KEYS).to_string(), value));
            }
            (5, Json::Object(entries)) if !entries.is_empty() => {
                let i = rng.below(entries.len());
                entries[i].0 = rng.pick(KEYS).to_string();
            }
            (6, Json::Array(items)) => match rng.below(3) {
                0 if !items.is_empty() => {
                    let i = rng.below(items.len());
                    items.remove(i);
                }
                1 if !items.is_empty() => {
                    let item = items[rng.below(items.len())].clone();
                    items.push(item);
                }
                _ => items.insert(rng.below(items.len() + 1), replacement),
            },
            (7, Json::Str(s)) => s.push_str(rng.pick(&["\"\\/", "\u{0}\u{1f}", "😀é", "…"])),
            (_, target) => *target = replacement,
        }
    }

    /// JSON text of `value`, escaping some characters of strings and keys (`\uXXXX`,
    /// surrogate pairs, short escapes) and spacing some tokens, as a server might.
    fn render(value: &Json, rng: &mut Rng, escapes: u64, spaces: u64, out: &mut String) {
        let space = |rng: &mut Rng, out: &mut String| {
            if rng.chance(spaces) {
                out.push_str(rng.pick(&[" ", "\n  ", "\t", "\r\n"]));
            }
        };
        let string = |s: &str, rng: &mut Rng, out: &mut String| {
            out.push('"');
            for c in s.chars() {
                let escape = rng.chance(escapes);
                match c {
                    '"' => out.push_str("\\\""),
                    '\\' => out.push_str("\\\\"),
                    '/' if escape => out.push_str("\\/"),
                    '\n' => out.push_str("\\n"),
                    c if (c as u32) < 0x20 || escape => {
                        let mut units = [0u16; 2];
                        for unit in c.encode_utf16(&mut units) {
                            if rng.chance(50) {
                                out.push_str(&format!("\\u{unit:04x}"));
                            } else {
                                out.push_str(&format!("\\u{unit:04X}"));
                            }
                        }
                    }
                    c => out.push(c),
                }
            }
            out.push('"');
        };
        space(rng, out);
        match value {
            Json::Null => out.push_str("null"),
            Json::Bool(b) => out.push_str(if *b { "true" } else { "false" }),
            Json::Number(n) => out.push_str(n),
            Json::Str(s) => string(s, rng, out),
            Json::Array(items) => {
                out.push('[');
                for (i, item) in items.iter().enumerate() {
                    if i > 0 {
                        out.push(',');
                    }
                    render(item, rng, escapes, spaces, out);
                }
                space(rng, out);
                out.push(']');
            }
            Json::Object(entries) => {
                out.push('{');
                for (i, (name, item)) in entries.iter().enumerate() {
                    if i > 0 {
                        out.push(',');
                    }
                    space(rng, out);
                    string(name, rng, out);
                    space(rng, out);
                    out.push(':');
                    render(item, rng, escapes, spaces, out);
                }
                space(rng, out);
                out.push('}');
            }
        }
        space(rng, out);
    }

    /// One change to the text itself: mostly breaking it, sometimes not.
    fn damage(text: &mut String, rng: &mut Rng) {
        let mut at = rng.below(text.len() + 1);
        while !text.is_char_boundary(at) {
            at -= 1;
        }
        match rng.below(6) {
            0 => text.truncate(at),
            1 => {
                text.push_str(rng.pick(&["x", ",", "}", "]", " 1", "{}", " ", "\n", "\"", "\u{0}"]))
            }
            2 => text.insert_str(
                at,
                rng.pick(&[
                    "{", "}", "[", "]", ",", ":", "\"", "\\", " ", "0", "-", "\\u", "\u{1}",
                ]),
            ),
            3 => {
                let mut end = (at + 1 + rng.below(4)).min(text.len());
                while !text.is_char_boundary(end) {
                    end += 1;
                }
                text.replace_range(at..end, "");
            }
            4 => *text = text.replacen("\\u", rng.pick(&["\\x", "\\u00", "\\ud800\\u", "\\U"]), 1),
            _ => {
                *text = text.replacen(
                    rng.pick(&["true", "null", "0", "\"", "e"]),
                    rng.pick(&["tru", "nul", "01", "'", "E+"]),
                    1,
                )
            }
        }
    }

    /// Every documented body with the op it answers, the sibling ops that share a type, and
    /// a row-carrying `customers.get`.
    fn bodies() -> Vec<(&'static str, String)> {
        let mut all: Vec<(&str, String)> = EXAMPLES
            .iter()
            .map(|(op, text)| (*op, text.to_string()))
            .collect();
        for (op, like) in [
            ("orgs.update", "orgs.get"),
            ("orgs.kyb.submit", "orgs.kyb.providers"),
            ("quotes.get", "quotes.create"),
            ("auth.refresh", "auth.login"),
        ] {
            all.push((op, last_example(like).to_string()));
        }
        all.push((
            "customers.get",
            example("customers.get").replacen(
                "} }",
                r#"}, "providers": [{ "provider": "prv_a", "provider_customer_id": "pc_1", "status": "pending", "kyc": { "status": "submitted", "link": { "url": "https://k", "expires_at": "x" } } }] }"#,
                1,
            ),
        ));
        all.push(("health", r#"{"status":"ok"}"#.to_string()));
        all
    }

    /// Outcome counts of the differential test: (passed, not JSON, failed a check).
    fn tally(result: &Result<(), Error>, counts: &mut [usize; 3]) {
        match result {
            Ok(()) => counts[0] += 1,
            Err(e) if *e == not_json() => counts[1] += 1,
            Err(_) => counts[2] += 1,
        }
    }

    fn agree(op: &str, text: &str, counts: &mut [usize; 3]) {
        let want = expected(op, text);
        assert_eq!(check_text(op, text), want, "{op}: {text}");
        tally(&want, counts);
    }

    #[test]
    fn check_text_agrees_with_parse_then_check_on_mutated_bodies() {
        let mut rng = Rng(0x5EED_CAFE_F00D_1234);
        let mut counts = [0usize; 3];
        let mut cases = 0;
        for (op, text) in bodies() {
            let original = parse(&text);
            agree(op, &text, &mut counts);
            for round in 0..400 {
                let mut body = original.clone();
                for _ in 0..=rng.below(3) {
                    mutate(&mut body, &mut rng);
                }
                // Some rounds leave the body as it was, only rendered differently.
                if round % 10 == 0 {
                    body = original.clone();
                }
                let escapes = rng.pick(&[0, 0, 5, 30, 100]);
                let spaces = rng.pick(&[0, 0, 10, 60]);
                let mut text = String::new();
                render(&body, &mut rng, escapes, spaces, &mut text);
                if rng.chance(25) {
                    damage(&mut text, &mut rng);
                }
                // Now and then the body goes to another op (other types, 204s, unknown).
                let op = if rng.chance(15) {
                    rng.pick(&[ALL_OPS, &["nope"]].concat())
                } else {
                    op
                };
                agree(op, &text, &mut counts);
                cases += 1;
            }
        }
        println!("passed, not JSON, failed a check: {counts:?} of {cases}");
        assert!(
            counts.iter().all(|&n| n > cases / 20),
            "{counts:?} of {cases}"
        );
    }

    #[test]
    fn check_text_agrees_on_a_200_order_list() {
        let list = orders(200);
        assert!((150_000..200_000).contains(&list.len()), "{}", list.len());
        assert_eq!(both("customers.orders", &list), Ok(()));
        let original = parse(&list);
        let mut rng = Rng(0x00DD_BA11_2000);
        let mut counts = [0usize; 3];
        for round in 0..40 {
            let mut body = original.clone();
            for _ in 0..=rng.below(4) {
                mutate(&mut body, &mut rng);
            }
            let mut text = String::new();
            render(
                &body,
                &mut rng,
                if round % 4 == 0 { 2 } else { 0 },
                0,
                &mut text,
            );
            if round % 5 == 4 {
                damage(&mut text, &mut rng);
            }
            for op in ["customers.orders", "users.myOrders"] {
                agree(op, &text, &mut counts);
            }
        }
        // A failure late in the list is named by its index, after the other 199 pass.
        let at = list
            .match_indices(r#""status":"awaiting_funds""#)
            .nth(198)
            .map_or(0, |(i, _)| i);
        let late = format!(
            r#"{}"status":"settled"{}"#,
            &list[..at],
            &list[at + r#""status":"awaiting_funds""#.len()..]
        );
        assert_eq!(
            both("customers.orders", &late).map_err(|e| e.to_string()),
            Err(r#"unexpected response: response[198].status must be one of "awaiting_funds", "pending", "processing", "completed", "expired", "failed", "canceled", "unknown""#.to_owned())
        );
        println!("200 orders, passed, not JSON, failed a check: {counts:?}");
        assert!(counts.iter().all(|&n| n > 0), "{counts:?}");
    }

    #[test]
    fn check_text_decodes_escaped_keys_and_enum_values() {
        assert_eq!(
            both(
                "auth.login",
                r#"{"st\u0061tus": "mfa_\u0072equired", "challenge\u005fid": "c"}"#
            ),
            Ok(())
        );
        assert_eq!(
            both(
                "auth.login",
                r#"{"status": "mfa_required", "challenge\u005fid": 5}"#
            ),
            Err(Error::response("response.challenge_id", "must be a string"))
        );
        assert_eq!(
            both(
                "orgs.list",
                r#"{"orgs": [{"org": {"id": "a", "name": "n", "created_at": "c", "updated_at": "u"}, "r\u006fle": "ad\u006din"}]}"#
            ),
            Ok(())
        );
        // The tag is read from its last occurrence, before or after the variant's fields.
        assert_eq!(
            both(
                "auth.login",
                r#"{"challenge_id": "c", "status": "tokens", "status": "mfa_required"}"#
            ),
            Ok(())
        );
        assert_eq!(
            failure("auth.login", r#"{"status": "mfa_required", "status": 1}"#),
            is(
                "response.status",
                r#"must be one of "tokens", "mfa_required""#
            )
        );
        // Of several failing fields the one written last is named (the tree is read from its
        // end); a later occurrence that passes clears its key's earlier failure.
        assert_eq!(
            failure("auth.me", r#"{"user_id": 1, "mfa_passed": 2}"#),
            is("response.mfa_passed", "must be a boolean")
        );
        assert_eq!(
            failure(
                "auth.me",
                r#"{"mfa_passed": 2, "user_id": 1, "mfa_passed": true}"#
            ),
            is("response.user_id", "must be a string")
        );
        assert_eq!(
            failure(
                "auth.me",
                r#"{"user_id": 1, "mfa_passed": 2, "user_id": "u"}"#
            ),
            is("response.mfa_passed", "must be a boolean")
        );
        assert_eq!(
            failure("auth.me", r#"{"user_id": 1, "user_id": "u"}"#),
            is("response.mfa_passed", "is required")
        );
    }

    #[test]
    fn hostile_nesting_is_not_json_not_a_stack_overflow() {
        let deep_arrays = "[".repeat(100_000);
        let deep_objects = "{\"a\":".repeat(100_000);
        let closed = format!("{}{}", "[".repeat(100_000), "]".repeat(100_000));
        let in_a_fee = example("quotes.create").replacen(
            r#""type": "flat","#,
            &format!(
                r#""type": "flat", "x": {}{},"#,
                "[".repeat(50_000),
                "]".repeat(50_000)
            ),
            1,
        );
        let in_a_tag = format!(r#"{{"status": {}"#, "[".repeat(100_000));
        for op in ALL_OPS.iter().chain(&["nope"]) {
            for text in [&deep_arrays, &deep_objects, &closed, &in_a_fee, &in_a_tag] {
                assert_eq!(check_text(op, text), Err(not_json()), "{op}");
                assert_eq!(expected(op, text), Err(not_json()), "{op}");
            }
        }
        // Nesting up to the bound is fine, inside an unknown field too (the fee item is at
        // depth 5, so its field's value at 6 and 123 arrays reach 128).
        let bounded = example("quotes.create").replacen(
            r#""type": "flat","#,
            &format!(
                r#""type": "flat", "x": {}{},"#,
                "[".repeat(123),
                "]".repeat(123)
            ),
            1,
        );
        assert_eq!(both("quotes.create", &bounded), Ok(()));
        let over = bounded.replacen("[[", "[[[", 1).replacen("]]", "]]]", 1);
        assert_eq!(check_text("quotes.create", &over), Err(not_json()));
        assert_eq!(expected("quotes.create", &over), Err(not_json()));
    }
}
