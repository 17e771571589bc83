//! Request bodies: a JSON object, or `application/x-www-form-urlencoded`
//! fields as the spec's curl examples send them.

use axum::http::{header, HeaderMap};
use serde_json::{Map, Value};

use super::outcome::Outcome;
use crate::common::urlencoded;

/// Parses a POST body into an object. An empty body is `{}`; form fields
/// become strings (a repeated name keeps its last value). A body that is
/// not JSON is read as a form when it is not declared as JSON.
pub(crate) fn parse(headers: &HeaderMap, body: &[u8]) -> Result<Map<String, Value>, Outcome> {
    let content_type = headers
        .get(header::CONTENT_TYPE)
        .and_then(|value| value.to_str().ok())
        .unwrap_or_default()
        .to_ascii_lowercase();
    if body.iter().all(u8::is_ascii_whitespace) {
        return Ok(Map::new());
    }
    let declared_form = content_type.starts_with("application/x-www-form-urlencoded");
    if !declared_form {
        if let Ok(value) = serde_json::from_slice::<Value>(body) {
            return match value {
                Value::Object(map) => Ok(map),
                _ => Err(invalid()),
            };
        }
        if content_type.contains("json") {
            return Err(invalid());
        }
    }
    let text = std::str::from_utf8(body).map_err(|_| invalid())?;
    if !declared_form && !text.contains('=') {
        return Err(invalid());
    }
    Ok(urlencoded::pairs(text.trim())
        .into_iter()
        .map(|(name, value)| (name, Value::String(value)))
        .collect())
}

/// `400 BadRequest` for an unreadable body.
fn invalid() -> Outcome {
    Outcome::bad_request("Request body must be a JSON object or form fields")
}

#[cfg(test)]
mod tests {
    use axum::http::HeaderValue;
    use serde_json::json;

    use super::*;

    fn with_type(content_type: &str) -> HeaderMap {
        let mut headers = HeaderMap::new();
        if let Ok(value) = HeaderValue::from_str(content_type) {
            headers.insert(header::CONTENT_TYPE, value);
        }
        headers
    }

    #[test]
    fn json_and_forms() {
        let json_type = with_type("application/json");
        let form_type = with_type("application/x-www-form-urlencoded");
        let parsed = parse(&json_type, br#"{"amount": 10}"#).ok();
        assert_eq!(parsed.map(Value::Object), Some(json!({ "amount": 10 })));
        let parsed = parse(&form_type, b"cardNumber=1&amount=99.99").ok();
        assert_eq!(
            parsed.map(Value::Object),
            Some(json!({ "cardNumber": "1", "amount": "99.99" }))
        );
        let parsed = parse(&HeaderMap::new(), b"type=GIFT").ok();
        assert_eq!(parsed.map(Value::Object), Some(json!({ "type": "GIFT" })));
        assert_eq!(parse(&json_type, b"  ").ok(), Some(Map::new()));
        assert!(parse(&json_type, b"[1]").is_err());
        assert!(parse(&json_type, b"a=1").is_err());
        assert!(parse(&HeaderMap::new(), b"nonsense").is_err());
    }
}
