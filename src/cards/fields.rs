//! Field rules of the Cards API, checked before anything is sent, and the request builder.

use crate::cards::endpoints::Endpoint;
use crate::core::encoding::percent_encode;
use crate::core::error::Error;
use crate::core::json::Json;
use crate::core::validate;

/// A checked request.
#[derive(Debug, Clone, PartialEq)]
pub struct Built {
    /// HTTP method.
    pub method: &'static str,
    /// Path and query.
    pub path: String,
    /// JSON body text, for POST/PUT/PATCH.
    pub body: Option<String>,
}

pub(crate) const CARD_MODES: &[&str] = &["VIRTUAL_CARD", "PHYSICAL_CARD"];
pub(crate) const LIMIT_TYPES: &[&str] = &[
    "TRANSACTION",
    "DAY",
    "WEEK",
    "MONTH",
    "QUARTER",
    "YEAR",
    "LIFETIME",
    "NA",
];
pub(crate) const BUSINESS_MODELS: &[&str] = &["B2C_GATEWAY"];
pub(crate) const TRANSACTION_STATUSES: &[&str] = &["PENDING", "CLOSED", "FAIL"];
/// Card embossing limit: first name, a space and last name.
const MAX_NAME_LEN: usize = 23;

fn text<'a>(field: &str, v: &'a Json) -> Result<&'a str, Error> {
    v.as_str()
        .ok_or_else(|| Error::invalid(format!("params.{field}"), "must be a string"))
}

fn one_of(field: &str, v: &Json, allowed: &[&str]) -> Result<(), Error> {
    let s = text(field, v)?;
    if allowed.contains(&s) {
        Ok(())
    } else {
        Err(Error::invalid(
            format!("params.{field}"),
            format!("must be one of {}", allowed.join(", ")),
        ))
    }
}

fn digits(field: &str, v: &Json, max: usize, hint: &str) -> Result<(), Error> {
    let s = text(field, v)?;
    if s.is_empty() || s.len() > max || !s.bytes().all(|b| b.is_ascii_digit()) {
        return Err(Error::invalid(format!("params.{field}"), hint.to_owned()));
    }
    Ok(())
}

fn name_part(field: &str, v: &Json) -> Result<usize, Error> {
    let s = text(field, v)?;
    if s.is_empty() || !s.bytes().all(|b| b.is_ascii_alphabetic()) {
        return Err(Error::invalid(
            format!("params.{field}"),
            "must be letters A–Z only (no spaces, digits, accents or punctuation)",
        ));
    }
    Ok(s.len())
}

fn integer(field: &str, v: &Json, min: u64, max: u64) -> Result<(), Error> {
    let n = match v {
        Json::Number(n) => n.as_str(),
        Json::Str(s) => s.as_str(),
        _ => "",
    };
    match n.parse::<u64>() {
        Ok(x) if (min..=max).contains(&x) => Ok(()),
        _ => Err(Error::invalid(
            format!("params.{field}"),
            format!("must be an integer from {min} to {max}"),
        )),
    }
}

fn address(field: &str, v: &Json, required: &[&str]) -> Result<(), Error> {
    const KNOWN: &[&str] = &[
        "addressLine1",
        "addressLine2",
        "city",
        "state",
        "country",
        "postalCode",
    ];
    let Json::Object(fields) = v else {
        return Err(Error::invalid(
            format!("params.{field}"),
            "must be an object",
        ));
    };
    for (k, val) in fields {
        if !KNOWN.contains(&k.as_str()) {
            return Err(Error::invalid(
                format!("params.{field}.{k}"),
                format!("unknown field (expected: {})", KNOWN.join(", ")),
            ));
        }
        if val.as_str().is_none() {
            return Err(Error::invalid(
                format!("params.{field}.{k}"),
                "must be a string",
            ));
        }
    }
    for k in required {
        if v.str_field(k).is_none_or(|s| s.trim().is_empty()) {
            return Err(Error::invalid(format!("params.{field}.{k}"), "is required"));
        }
    }
    Ok(())
}

// The rule of each field, wherever it appears.
fn check_field(endpoint: &Endpoint, name: &str, v: &Json) -> Result<(), Error> {
    match name {
        "amount" | "amountLimit" => validate::amount(&format!("params.{name}"), text(name, v)?, 2),
        "firstName" | "lastName" => name_part(name, v).map(|_| ()),
        "phoneCountryCode" => digits(
            name,
            v,
            4,
            "must be the country calling code as digits, without + (\"1\", not \"+1\")",
        ),
        "phoneNumber" => digits(
            name,
            v,
            15,
            "must be at most 15 digits, without the country code",
        ),
        "businessModel" => one_of(name, v, BUSINESS_MODELS),
        "cardMode" => one_of(name, v, CARD_MODES),
        "transactionLimitsType" => one_of(name, v, LIMIT_TYPES),
        "currency" => one_of(name, v, &["USD"]),
        "status" => one_of(name, v, TRANSACTION_STATUSES),
        "label" => match text(name, v)?.chars().count() {
            1..=50 => Ok(()),
            _ => Err(Error::invalid("params.label", "must be 1 to 50 characters")),
        },
        "email" => match text(name, v)? {
            e if e.contains('@') && !e.contains(char::is_whitespace) => Ok(()),
            _ => Err(Error::invalid("params.email", "must be an email address")),
        },
        "page" => integer(name, v, 1, 1_000_000),
        "limit" => integer(name, v, 1, 100),
        "startTime" | "endTime" => integer(name, v, 0, u64::MAX / 2),
        "address" => {
            let required: &[&str] = if endpoint.method == "POST" {
                &["addressLine1", "city", "country", "postalCode"]
            } else {
                &[]
            };
            address(name, v, required)
        }
        "from" | "to" => match v {
            Json::Object(_)
                if v.str_field("accountId").is_some() && v.str_field("id").is_some() =>
            {
                Ok(())
            }
            _ => Err(Error::invalid(
                format!("params.{name}"),
                "must be { accountId, id, currency } of a USD wallet",
            )),
        },
        _ => match v {
            Json::Str(s) if !s.trim().is_empty() => Ok(()),
            _ => Err(Error::invalid(
                format!("params.{name}"),
                "must be a non-empty string",
            )),
        },
    }
}

/// Checks `params` for `endpoint` and builds the request. `generated_id` fills a missing
/// `clientTransactionId` (the same value on every retry of the call).
pub fn build(endpoint: &Endpoint, params: &Json, generated_id: &str) -> Result<Built, Error> {
    let fields = endpoint.params.check(endpoint.name, params)?;
    let mut first_len = None;
    let mut last_len = None;
    for (name, v) in fields {
        if *v == Json::Null {
            continue;
        }
        check_field(endpoint, name, v)?;
        match name.as_str() {
            "firstName" => first_len = Some(name_part(name, v)?),
            "lastName" => last_len = Some(name_part(name, v)?),
            _ => {}
        }
    }
    if let (Some(f), Some(l)) = (first_len, last_len) {
        if f + 1 + l > MAX_NAME_LEN {
            return Err(Error::invalid("params.lastName", format!("firstName, a space and lastName must be at most {MAX_NAME_LEN} characters (card embossing)")));
        }
    }
    if params.str_field("cardMode") == Some("PHYSICAL_CARD")
        && params.str_field("physicalCardDesignId").is_none()
    {
        return Err(Error::invalid(
            "params.physicalCardDesignId",
            "is required when cardMode is PHYSICAL_CARD",
        ));
    }

    // Path params come out of the object; the rest is the query (GET/DELETE) or the body.
    let (mut path, used) = endpoint.fill_path(|name| params.str_field(name).unwrap_or_default());
    let remaining: Vec<(String, Json)> = fields
        .iter()
        .filter(|(n, v)| !used.contains(&n.as_str()) && *v != Json::Null)
        .cloned()
        .collect();
    let wants_id = endpoint.params.optional.contains(&"clientTransactionId");
    if matches!(endpoint.method, "GET" | "DELETE") {
        let query: Vec<String> = remaining
            .iter()
            .map(|(n, v)| {
                let value = match v {
                    Json::Str(s) => percent_encode(s),
                    other => percent_encode(&other.to_json()),
                };
                format!("{}={value}", percent_encode(n))
            })
            .collect();
        if !query.is_empty() {
            path.push('?');
            path.push_str(&query.join("&"));
        }
        return Ok(Built {
            method: endpoint.method,
            path,
            body: None,
        });
    }
    let mut body = remaining;
    if wants_id && !body.iter().any(|(n, _)| n == "clientTransactionId") {
        body.insert(
            0,
            (
                "clientTransactionId".into(),
                Json::Str(generated_id.to_owned()),
            ),
        );
    }
    Ok(Built {
        method: endpoint.method,
        path,
        body: Some(Json::Object(body).to_json()),
    })
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::cards::endpoints::endpoint;

    fn run(name: &str, json: &str) -> Result<Built, Error> {
        build(
            endpoint(name)?,
            &Json::parse(json).unwrap_or(Json::Null),
            "gen-1",
        )
    }

    fn field(r: Result<Built, Error>) -> String {
        match r {
            Err(Error::InvalidArgument { field, .. }) => field,
            other => format!("{other:?}"),
        }
    }

    const HOLDER: &str = r#""accountId":"a1","binId":"b1","businessModel":"B2C_GATEWAY","referenceId":"r1","email":"j@x.io","phoneCountryCode":"1","phoneNumber":"5551234567","address":{"addressLine1":"1 Main","city":"NY","country":"US","postalCode":"10001"}"#;

    #[test]
    fn builds_paths_queries_and_bodies() -> Result<(), Error> {
        let b = run("cards.freeze", r#"{"cardId":"c/1","accountId":"a1"}"#)?;
        assert_eq!(
            (b.method, b.path.as_str(), b.body.as_deref()),
            (
                "POST",
                "/v1/cards/c%2F1/freeze",
                Some(r#"{"accountId":"a1"}"#)
            )
        );
        let b = run("cards.delete", r#"{"cardId":"c1","accountId":"a1"}"#)?;
        assert_eq!(
            (b.path.as_str(), b.body),
            ("/v1/cards/c1?accountId=a1", None)
        );
        let b = run(
            "budgets.transferIn",
            r#"{"budgetId":"bu1","accountId":"a1","amount":"100.00"}"#,
        )?;
        assert_eq!(
            b.body.as_deref(),
            Some(r#"{"clientTransactionId":"gen-1","accountId":"a1","amount":"100.00"}"#)
        );
        let b = run(
            "transactions.list",
            r#"{"accountId":"a1","cardId":"c1","page":2,"limit":100,"status":"PENDING"}"#,
        )?;
        assert_eq!(
            b.path,
            "/v1/cards/transaction-list?accountId=a1&cardId=c1&page=2&limit=100&status=PENDING"
        );
        run(
            "cardholders.create",
            &format!(r#"{{{HOLDER},"firstName":"John","lastName":"Doe"}}"#),
        )?;
        Ok(())
    }

    #[test]
    fn every_documented_rule_names_its_field() {
        let holder = |extra: &str| run("cardholders.create", &format!("{{{HOLDER},{extra}}}"));
        assert_eq!(
            field(holder(r#""firstName":"Jöhn","lastName":"Doe""#)),
            "params.firstName"
        );
        assert_eq!(
            field(holder(r#""firstName":"John","lastName":"O Neil""#)),
            "params.lastName"
        );
        assert_eq!(
            field(holder(
                r#""firstName":"Maximilianus","lastName":"Oppenheimerr""#
            )),
            "params.lastName",
            "25 > 23"
        );
        assert!(
            holder(r#""firstName":"Maximiliano","lastName":"Oppenheimer""#).is_ok(),
            "exactly 23"
        );
        let h = format!(
            r#"{{{},"firstName":"J","lastName":"D"}}"#,
            HOLDER.replace(r#""phoneCountryCode":"1""#, r#""phoneCountryCode":"+1""#)
        );
        assert_eq!(
            field(run("cardholders.create", &h)),
            "params.phoneCountryCode"
        );
        let h = format!(
            r#"{{{},"firstName":"J","lastName":"D"}}"#,
            HOLDER.replace("5551234567", "5551234567890123")
        );
        assert_eq!(field(run("cardholders.create", &h)), "params.phoneNumber");
        let h = format!(
            r#"{{{},"firstName":"J","lastName":"D"}}"#,
            HOLDER.replace("B2C_GATEWAY", "B2B")
        );
        assert_eq!(field(run("cardholders.create", &h)), "params.businessModel");
        assert_eq!(
            field(run(
                "budgets.transferIn",
                r#"{"budgetId":"b","accountId":"a","amount":"1.001"}"#
            )),
            "params.amount"
        );
        assert_eq!(
            field(run(
                "budgets.transferIn",
                r#"{"budgetId":"b","accountId":"a","amount":"0"}"#
            )),
            "params.amount"
        );
        assert_eq!(
            field(run(
                "cards.updateLabel",
                &format!(
                    r#"{{"cardId":"c","accountId":"a","label":"{}"}}"#,
                    "x".repeat(51)
                )
            )),
            "params.label"
        );
        let issue =
            r#""accountId":"a","binId":"b","cardholderId":"h","budgetId":"u","referenceId":"r""#;
        assert_eq!(
            field(run(
                "cards.issue",
                &format!(r#"{{{issue},"cardMode":"PLASTIC"}}"#)
            )),
            "params.cardMode"
        );
        assert_eq!(
            field(run(
                "cards.issue",
                &format!(r#"{{{issue},"cardMode":"PHYSICAL_CARD"}}"#)
            )),
            "params.physicalCardDesignId"
        );
        assert_eq!(
            field(run(
                "cards.setVelocityControl",
                r#"{"cardId":"c","accountId":"a","transactionLimitsType":"HOUR","amountLimit":"5.00"}"#
            )),
            "params.transactionLimitsType"
        );
        assert_eq!(
            field(run(
                "transactions.list",
                r#"{"accountId":"a","cardId":"c","limit":101}"#
            )),
            "params.limit"
        );
        assert_eq!(
            field(run("cards.freeze", r#"{"cardId":"c"}"#)),
            "params.accountId"
        );
        assert_eq!(
            field(run(
                "cards.freeze",
                r#"{"cardId":"c","accountId":"a","acountId":"x"}"#
            )),
            "params.acountId"
        );
    }
}
