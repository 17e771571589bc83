//! Each operation's parameters, checked and turned into a request before anything is sent.

use crate::core::encoding::percent_encode;
use crate::core::endpoint::Idempotency;
use crate::core::error::Error;
use crate::core::json::Json;
use crate::core::validate;
use crate::stored_value::endpoints::endpoint;
use crate::stored_value::query;

/// The operations of the stored-value API.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Op {
    /// `giftCards.create`.
    CreateCard,
    /// `giftCards.delete`.
    DeleteCard,
    /// `giftCards.info` (a read).
    CardInfo,
    /// `transactions.reload`.
    Reload,
    /// `transactions.redeem` (method `redemption`).
    Redeem,
    /// `transactions.cancel`.
    Cancel,
    /// `transactions.get`.
    GetTransaction,
    /// `transactions.list`.
    ListTransactions,
    /// `binLookup`.
    BinLookup,
}

impl Op {
    /// Whether the operation has side effects and carries an `idempotencyKey` in its body.
    pub fn takes_key(self) -> bool {
        endpoint(self).idempotency == Idempotency::Required
    }
}

/// A checked request, ready for the transport.
#[derive(Debug, Clone, PartialEq)]
pub struct Prepared {
    /// HTTP method.
    pub method: &'static str,
    /// Path and query, e.g. `/v2/transactions?page=2`.
    pub path: String,
    /// JSON body; its `idempotencyKey` is filled in by the client.
    pub body: Option<Vec<(String, Json)>>,
    /// Whether the operation has side effects and takes an `idempotencyKey`.
    pub idempotent_post: bool,
}

// The params object, with every key checked against the allowed ones.
struct Params<'a> {
    fields: &'a [(String, Json)],
}

impl<'a> Params<'a> {
    fn new(params: &'a Json, allowed: &[&str]) -> Result<Self, Error> {
        let fields: &[(String, Json)] = match params {
            Json::Object(fields) => fields,
            Json::Null => &[],
            _ => return Err(Error::invalid("params", "must be an object")),
        };
        if let Some((name, _)) = fields.iter().find(|(n, _)| !allowed.contains(&n.as_str())) {
            return Err(Error::invalid(
                format!("params.{name}"),
                format!("unknown field (expected one of: {})", allowed.join(", ")),
            ));
        }
        Ok(Self { fields })
    }

    fn get(&self, name: &str) -> Option<&'a Json> {
        self.fields
            .iter()
            .rev()
            .find(|(n, v)| n == name && *v != Json::Null)
            .map(|(_, v)| v)
    }

    fn string(&self, name: &str) -> Result<Option<&'a str>, Error> {
        match self.get(name) {
            None => Ok(None),
            Some(Json::Str(s)) => Ok(Some(s)),
            Some(_) => Err(Error::invalid(format!("params.{name}"), "must be a string")),
        }
    }

    fn required(&self, name: &str) -> Result<&'a str, Error> {
        match self.string(name)? {
            Some(s) if !s.trim().is_empty() => Ok(s),
            _ => Err(Error::invalid(format!("params.{name}"), "is required")),
        }
    }

    fn amount(&self) -> Result<Json, Error> {
        match self.get("amount") {
            Some(Json::Str(s)) => {
                validate::amount("params.amount", s, 2)?;
                Ok(Json::Str(s.clone()))
            }
            Some(Json::Number(_)) => Err(Error::invalid("params.amount", "must be a decimal string like \"10.50\", not a number (money never travels as a float)")),
            _ => Err(Error::invalid("params.amount", "is required")),
        }
    }

    fn positive_int(&self, name: &str, max: u64) -> Result<Option<u64>, Error> {
        match self.get(name) {
            None => Ok(None),
            Some(Json::Number(n)) => match n.parse::<u64>() {
                Ok(v) if (1..=max).contains(&v) => Ok(Some(v)),
                _ => Err(Error::invalid(
                    format!("params.{name}"),
                    format!("must be an integer from 1 to {max}"),
                )),
            },
            Some(_) => Err(Error::invalid(format!("params.{name}"), "must be a number")),
        }
    }

    // Exactly one of cardNumber / cardTrackTwo, checked; returns (field, value).
    fn card(&self) -> Result<(&'static str, &'a str), Error> {
        match (self.string("cardNumber")?, self.string("cardTrackTwo")?) {
            (Some(n), None) => {
                if !(12..=19).contains(&n.len()) || !n.bytes().all(|b| b.is_ascii_digit()) {
                    return Err(Error::invalid(
                        "params.cardNumber",
                        "must be 12 to 19 digits",
                    ));
                }
                Ok(("cardNumber", n))
            }
            (None, Some(t)) => {
                if t.is_empty()
                    || t.len() > 40
                    || !t
                        .bytes()
                        .all(|b| b.is_ascii_digit() || b";=?D".contains(&b))
                {
                    return Err(Error::invalid("params.cardTrackTwo", "must be unencrypted track two data (digits, ';', '=', '?', at most 40 characters)"));
                }
                Ok(("cardTrackTwo", t))
            }
            _ => Err(Error::invalid(
                "params.cardNumber",
                "give exactly one of cardNumber or cardTrackTwo",
            )),
        }
    }

    fn currency(&self) -> Result<Option<Json>, Error> {
        match self.string("currency")? {
            None => Ok(None),
            Some(c @ ("USD" | "CAD")) => Ok(Some(Json::Str(c.to_owned()))),
            Some(_) => Err(Error::invalid(
                "params.currency",
                "must be \"USD\" or \"CAD\"",
            )),
        }
    }

    // The PIN field: two right-justified, zero-filled 4-digit subfields (SSC, then PIN).
    fn pin(&self) -> Result<Option<Json>, Error> {
        let bad = || {
            Error::invalid(
                "params.pinNumber",
                "must be 8 digits (SSC then PIN) or { ssc?, pin } of 1 to 4 digits each",
            )
        };
        let subfield = |v: Option<&Json>| -> Result<String, Error> {
            match v {
                None | Some(Json::Null) => Ok("0000".into()),
                Some(Json::Str(s))
                    if (1..=4).contains(&s.len()) && s.bytes().all(|b| b.is_ascii_digit()) =>
                {
                    Ok(format!("{s:0>4}"))
                }
                _ => Err(bad()),
            }
        };
        match self.get("pinNumber") {
            None => Ok(None),
            Some(Json::Str(s)) if s.len() == 8 && s.bytes().all(|b| b.is_ascii_digit()) => {
                Ok(Some(Json::Str(s.clone())))
            }
            Some(pin @ Json::Object(fields))
                if fields.iter().all(|(k, _)| k == "ssc" || k == "pin")
                    && pin.get("pin").is_some() =>
            {
                Ok(Some(Json::Str(format!(
                    "{}{}",
                    subfield(pin.get("ssc"))?,
                    subfield(pin.get("pin"))?
                ))))
            }
            Some(_) => Err(bad()),
        }
    }
}

fn push(body: &mut Vec<(String, Json)>, name: &str, value: Option<Json>) {
    if let Some(v) = value {
        body.push((name.to_owned(), v));
    }
}

fn str_json(s: &str) -> Json {
    Json::Str(s.to_owned())
}

/// Checks `params` for `op` and builds its request on the method and path of its row.
pub fn prepare(op: Op, params: &Json) -> Result<Prepared, Error> {
    let row = endpoint(op);
    let simple = |path: String| Prepared {
        method: row.method,
        path,
        body: None,
        idempotent_post: false,
    };
    let with_body = |body| Prepared {
        method: row.method,
        path: row.path.to_owned(),
        body: Some(body),
        idempotent_post: op.takes_key(),
    };
    match op {
        Op::CreateCard => {
            let p = Params::new(params, &["amount", "cardNumber", "cardTrackTwo"])?;
            let amount = p.amount()?;
            let (card_field, card) = p.card()?;
            let body = vec![
                ("amount".to_owned(), amount),
                (card_field.to_owned(), str_json(card)),
            ];
            Ok(with_body(body))
        }
        Op::DeleteCard => {
            let p = Params::new(params, &["cardNumber", "cardTrackTwo"])?;
            let (_, card) = p.card()?;
            Ok(simple(row.fill_path(|_| card).0))
        }
        Op::CardInfo => {
            let p = Params::new(
                params,
                &["cardNumber", "cardTrackTwo", "currency", "pinNumber"],
            )?;
            let (card_field, card) = p.card()?;
            let mut body = vec![(card_field.to_owned(), str_json(card))];
            push(&mut body, "currency", p.currency()?);
            push(&mut body, "pinNumber", p.pin()?);
            Ok(with_body(body))
        }
        Op::Reload | Op::Redeem => {
            let p = Params::new(
                params,
                &[
                    "amount",
                    "cardNumber",
                    "cardTrackTwo",
                    "currency",
                    "pinNumber",
                ],
            )?;
            let amount = p.amount()?;
            let (card_field, card) = p.card()?;
            let method = if op == Op::Reload {
                "reload"
            } else {
                "redemption"
            };
            let mut body = vec![
                ("type".to_owned(), str_json("GIFT")),
                ("method".to_owned(), str_json(method)),
                (card_field.to_owned(), str_json(card)),
                ("amount".to_owned(), amount),
            ];
            push(&mut body, "currency", p.currency()?);
            push(&mut body, "pinNumber", p.pin()?);
            Ok(with_body(body))
        }
        Op::Cancel => {
            let p = Params::new(params, &["transactionId", "amount", "currency"])?;
            let id = p.required("transactionId")?;
            let amount = p.amount()?;
            let mut body = vec![
                ("type".to_owned(), str_json("GIFT")),
                ("method".to_owned(), str_json("cancel")),
                ("transactionId".to_owned(), str_json(id)),
                ("amount".to_owned(), amount),
            ];
            push(&mut body, "currency", p.currency()?);
            Ok(with_body(body))
        }
        Op::GetTransaction => {
            let p = Params::new(params, &["id"])?;
            let id = p.required("id")?;
            Ok(simple(row.fill_path(|_| id).0))
        }
        Op::ListTransactions => {
            let p = Params::new(params, &["filter", "cardNumber", "page", "count", "query"])?;
            let mut parts = Vec::new();
            if let Some(f) = p.string("filter")? {
                parts.push(format!("filter={}", percent_encode(f)));
            }
            if let Some(n) = p.string("cardNumber")? {
                if !(12..=19).contains(&n.len()) || !n.bytes().all(|b| b.is_ascii_digit()) {
                    return Err(Error::invalid(
                        "params.cardNumber",
                        "must be 12 to 19 digits",
                    ));
                }
                parts.push(format!("cardNumber={}", percent_encode(n)));
            }
            if let Some(page) = p.positive_int("page", 1_000_000)? {
                parts.push(format!("page={page}"));
            }
            if let Some(count) = p.positive_int("count", 100)? {
                parts.push(format!("count={count}"));
            }
            if let Some(q) = p.get("query") {
                query::encode(q, "params.query", &mut parts)?;
            }
            let qs = if parts.is_empty() {
                String::new()
            } else {
                format!("?{}", parts.join("&"))
            };
            Ok(simple(format!("{}{qs}", row.path)))
        }
        Op::BinLookup => {
            let p = Params::new(params, &["bin"])?;
            let bin = p.required("bin")?;
            if !(6..=8).contains(&bin.len()) || !bin.bytes().all(|b| b.is_ascii_digit()) {
                return Err(Error::invalid("params.bin", "must be 6 to 8 digits"));
            }
            Ok(simple(row.fill_path(|_| bin).0))
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn prep(op: Op, json: &str) -> Result<Prepared, Error> {
        prepare(op, &Json::parse(json).unwrap_or(Json::Null))
    }

    fn field(r: Result<Prepared, Error>) -> String {
        match r {
            Err(Error::InvalidArgument { field, .. }) => field,
            other => format!("{other:?}"),
        }
    }

    #[test]
    fn builds_the_documented_requests() -> Result<(), Error> {
        let r = prep(
            Op::Redeem,
            r#"{"cardNumber":"6006493880499919454","amount":"6.00","pinNumber":{"ssc":"12","pin":"7"}}"#,
        )?;
        assert_eq!(r.method, "POST");
        assert_eq!(r.path, "/v2/transactions");
        assert!(r.idempotent_post);
        let body = Json::Object(r.body.unwrap_or_default()).to_json();
        assert_eq!(
            body,
            r#"{"type":"GIFT","method":"redemption","cardNumber":"6006493880499919454","amount":"6.00","pinNumber":"00120007"}"#
        );
        assert_eq!(
            prep(
                Op::DeleteCard,
                r#"{"cardTrackTwo":";6006493880499919561=2512?"}"#
            )?
            .path,
            "/v2/stored-value/%3B6006493880499919561%3D2512%3F"
        );
        let list = prep(
            Op::ListTransactions,
            r#"{"query":{"currency":"USD"},"count":10,"page":2,"cardNumber":"2063025100129939","filter":"reload"}"#,
        )?;
        assert_eq!(list.path, "/v2/transactions?filter=reload&cardNumber=2063025100129939&page=2&count=10&currency=USD");
        assert_eq!(
            prep(Op::BinLookup, r#"{"bin":"411111"}"#)?.path,
            "/v2/bin-lookup/411111"
        );
        Ok(())
    }

    #[test]
    fn refuses_bad_params_naming_the_field() {
        assert_eq!(
            field(prep(Op::CreateCard, r#"{"amount":"1.00"}"#)),
            "params.cardNumber"
        );
        assert_eq!(
            field(prep(
                Op::CreateCard,
                r#"{"amount":"1.00","cardNumber":"4242424242424242","cardTrackTwo":";1=1?"}"#
            )),
            "params.cardNumber"
        );
        assert_eq!(
            field(prep(
                Op::CreateCard,
                r#"{"amount":10,"cardNumber":"4242424242424242"}"#
            )),
            "params.amount"
        );
        assert_eq!(
            field(prep(
                Op::Reload,
                r#"{"amount":"-1","cardNumber":"4242424242424242"}"#
            )),
            "params.amount"
        );
        assert_eq!(
            field(prep(
                Op::Reload,
                r#"{"amount":"1","cardNumber":"4242","currency":"USD"}"#
            )),
            "params.cardNumber"
        );
        assert_eq!(
            field(prep(
                Op::Reload,
                r#"{"amount":"1","cardNumber":"4242424242424242","currency":"EUR"}"#
            )),
            "params.currency"
        );
        assert_eq!(
            field(prep(
                Op::CardInfo,
                r#"{"cardNumber":"4242424242424242","pinNumber":"123"}"#
            )),
            "params.pinNumber"
        );
        assert_eq!(
            field(prep(
                Op::CardInfo,
                r#"{"cardNumber":"4242424242424242","pinNumber":{"pin":"12345"}}"#
            )),
            "params.pinNumber"
        );
        assert_eq!(
            field(prep(Op::Cancel, r#"{"amount":"1.00"}"#)),
            "params.transactionId"
        );
        assert_eq!(
            field(prep(Op::Cancel, r#"{"transactionId":"TXN_1"}"#)),
            "params.amount"
        );
        assert_eq!(
            field(prep(
                Op::Reload,
                r#"{"amount":"1","cardNumbr":"4242424242424242"}"#
            )),
            "params.cardNumbr"
        );
        assert_eq!(
            field(prep(Op::ListTransactions, r#"{"count":101}"#)),
            "params.count"
        );
        assert_eq!(
            field(prep(
                Op::ListTransactions,
                r#"{"query":{"a":{"$regex":"x"}}}"#
            )),
            "params.query.a.$regex"
        );
        assert_eq!(field(prep(Op::BinLookup, r#"{"bin":"41"}"#)), "params.bin");
    }
}
