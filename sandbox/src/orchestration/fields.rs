//! Reading request bodies and query strings: typed field access with the
//! documented 400s, email checks and repeatable query filters.

use serde_json::{Map, Value};

use super::errors::ApiError;
use crate::common::text::is_email;
use crate::common::urlencoded;

/// A JSON object body (`{}` when the request had none).
pub(crate) type Body = Map<String, Value>;

/// An optional string field: absent, `null` and `""` are `None`; any other
/// non-string is a 400 naming the field.
pub(crate) fn opt_str<'a>(body: &'a Body, name: &str) -> Result<Option<&'a str>, ApiError> {
    match body.get(name) {
        None | Some(Value::Null) => Ok(None),
        Some(Value::String(text)) if text.trim().is_empty() => Ok(None),
        Some(Value::String(text)) => Ok(Some(text.as_str())),
        Some(_) => Err(ApiError::invalid(format!("{name} must be a string"))),
    }
}

/// A required string field (400 with `missing: [name]` when absent).
pub(crate) fn req_str<'a>(body: &'a Body, name: &str) -> Result<&'a str, ApiError> {
    opt_str(body, name)?.ok_or_else(|| ApiError::missing(vec![name.to_owned()]))
}

/// Whether `text` looks like an email address: one `@`, a non-empty local
/// part, a dotted domain, no whitespace, at most 254 characters.
pub(crate) fn valid_email(text: &str) -> bool {
    text.len() <= 254 && is_email(text)
}

/// Lower-cased, trimmed email used as the identity key.
pub(crate) fn email_key(text: &str) -> String {
    text.trim().to_ascii_lowercase()
}

/// A decoded query string, keeping repeated names.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub(crate) struct Query(Vec<(String, String)>);

impl Query {
    /// Parses `a=1&a=2&b=x` (without the `?`).
    pub(crate) fn parse(raw: &str) -> Self {
        Self(urlencoded::pairs(raw))
    }

    /// The first non-empty value of `name`.
    pub(crate) fn first(&self, name: &str) -> Option<&str> {
        self.0
            .iter()
            .find(|(key, value)| key == name && !value.is_empty())
            .map(|(_, value)| value.as_str())
    }

    /// Every value given under any of `names` (also `name[]`), with
    /// comma-separated lists split, empty entries dropped.
    pub(crate) fn list(&self, names: &[&str]) -> Vec<String> {
        self.0
            .iter()
            .filter(|(key, _)| {
                names
                    .iter()
                    .any(|name| key == name || key.strip_suffix("[]") == Some(name))
            })
            .flat_map(|(_, value)| value.split(','))
            .map(str::trim)
            .filter(|value| !value.is_empty())
            .map(str::to_owned)
            .collect()
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use serde_json::json;

    #[test]
    fn strings() {
        let body = json!({ "a": "x", "b": "", "c": 3, "d": null });
        let body = body.as_object().cloned().unwrap_or_default();
        assert_eq!(opt_str(&body, "a"), Ok(Some("x")));
        assert_eq!(opt_str(&body, "b"), Ok(None));
        assert_eq!(opt_str(&body, "d"), Ok(None));
        assert!(opt_str(&body, "c").is_err());
        let missing = req_str(&body, "zz").err().map(|e| e.body());
        assert_eq!(
            missing.map(|b| b["error"]["missing"].clone()),
            Some(json!(["zz"]))
        );
    }

    #[test]
    fn emails() {
        assert!(valid_email("alice@example.com"));
        for bad in [
            "",
            "alice",
            "@x.com",
            "a@b",
            "a@.com",
            "a@b.com.",
            "a b@c.com",
            "a@b@c.com",
        ] {
            assert!(!valid_email(bad), "{bad}");
        }
        assert_eq!(email_key(" Alice@Example.COM "), "alice@example.com");
    }

    #[test]
    fn queries() {
        let query = Query::parse("currency=USDC&currency=USDT,EUR&rail[]=base&status=&x=1");
        assert_eq!(
            query.list(&["currency", "currencies"]),
            ["USDC", "USDT", "EUR"]
        );
        assert_eq!(query.list(&["rail", "rails"]), ["base"]);
        assert_eq!(query.first("status"), None);
        assert_eq!(query.first("x"), Some("1"));
    }
}
