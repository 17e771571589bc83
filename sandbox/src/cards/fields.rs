//! Reading and validating request fields (JSON body and query string);
//! every failure is a 40001 naming the field.

use std::collections::HashMap;

use serde_json::{Map, Value};

use super::errors::ApiError;
use crate::common::money::parse_cents;
use crate::common::text::is_digits;

/// Query parameters.
pub(crate) type Query = HashMap<String, String>;

/// A required, non-empty string field of the body.
pub(crate) fn required<'a>(body: &'a Map<String, Value>, name: &str) -> Result<&'a str, ApiError> {
    match body.get(name) {
        Some(Value::String(text)) if !text.trim().is_empty() => Ok(text),
        _ => Err(ApiError::invalid(name)),
    }
}

/// An optional string field: absent or `null` is `None`, anything but a
/// string is an error.
pub(crate) fn optional<'a>(
    body: &'a Map<String, Value>,
    name: &str,
) -> Result<Option<&'a str>, ApiError> {
    match body.get(name) {
        None | Some(Value::Null) => Ok(None),
        Some(Value::String(text)) => Ok(Some(text)),
        Some(_) => Err(ApiError::invalid(name)),
    }
}

/// A required, non-empty query parameter.
pub(crate) fn query<'a>(query: &'a Query, name: &str) -> Result<&'a str, ApiError> {
    query
        .get(name)
        .map(String::as_str)
        .filter(|value| !value.trim().is_empty())
        .ok_or_else(|| ApiError::invalid(name))
}

/// A positive amount given as a decimal string with at most two decimals,
/// in cents.
pub(crate) fn amount(body: &Map<String, Value>, name: &str) -> Result<i64, ApiError> {
    match body.get(name) {
        Some(Value::String(text)) => {
            parse_cents(text).filter(|cents| *cents > 0).ok_or_else(|| {
                ApiError::invalid(format!(
                    "{name} must be a positive decimal string with at most 2 decimals"
                ))
            })
        }
        _ => Err(ApiError::invalid(name)),
    }
}

/// `currency`, when given, must be `USD`.
pub(crate) fn usd(body: &Map<String, Value>, name: &str) -> Result<(), ApiError> {
    match optional(body, name)? {
        None | Some("USD") => Ok(()),
        Some(_) => Err(ApiError::invalid(format!("{name} must be USD"))),
    }
}

/// ASCII letters only, non-empty.
pub(crate) fn is_letters(text: &str) -> bool {
    !text.is_empty() && text.bytes().all(|b| b.is_ascii_alphabetic())
}

/// E.164: `+` then 6 to 15 digits.
pub(crate) fn is_e164(text: &str) -> bool {
    text.strip_prefix('+')
        .is_some_and(|digits| is_digits(digits, 6..=15))
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::common::object_of as body;
    use crate::common::text::is_email;
    use serde_json::json;

    #[test]
    fn strings() {
        let b = body(json!({ "a": "x", "e": "", "n": 5, "z": null }));
        assert_eq!(required(&b, "a"), Ok("x"));
        assert_eq!(required(&b, "e"), Err(ApiError::invalid("e")));
        assert_eq!(required(&b, "n"), Err(ApiError::invalid("n")));
        assert_eq!(required(&b, "missing"), Err(ApiError::invalid("missing")));
        assert_eq!(optional(&b, "z"), Ok(None));
        assert_eq!(optional(&b, "missing"), Ok(None));
        assert_eq!(optional(&b, "a"), Ok(Some("x")));
        assert!(optional(&b, "n").is_err());
    }

    #[test]
    fn amounts() {
        let ok = |v: Value| amount(&body(json!({ "amount": v })), "amount");
        assert_eq!(ok(json!("10.5")), Ok(1050));
        assert_eq!(ok(json!("0.01")), Ok(1));
        for bad in [
            json!("0"),
            json!("0.00"),
            json!("-1"),
            json!("1.234"),
            json!(10),
            json!(""),
        ] {
            assert!(ok(bad.clone()).is_err(), "{bad}");
        }
    }

    #[test]
    fn formats() {
        assert!(is_letters("John"));
        assert!(!is_letters("Jo hn"));
        assert!(!is_letters("Jöhn"));
        assert!(!is_letters(""));
        assert!(is_digits("1", 1..=4));
        assert!(!is_digits("+1", 1..=4));
        assert!(!is_digits("12345", 1..=4));
        assert!(is_email("a@b.co"));
        assert!(!is_email("a@b"));
        assert!(!is_email("a b@c.d"));
        assert!(is_e164("+15551234567"));
        assert!(!is_e164("15551234567"));
        assert!(!is_e164("+1"));
    }
}
