//! The `exp` claim of a JWT, unverified: only used to know when a token is due for renewal
//! (the widget's per-card token), never to trust it.

use crate::core::encoding::base64_decode;
use crate::core::json::Json;
use crate::core::number;

/// The token's `exp` in milliseconds since the epoch, when it is a JWT with a numeric `exp`.
pub fn expiry_ms(token: &str) -> Option<f64> {
    let payload = token.split('.').nth(1)?;
    // base64url without padding → standard padded base64.
    let mut b64: String = payload
        .chars()
        .map(|c| match c {
            '-' => '+',
            '_' => '/',
            c => c,
        })
        .collect();
    while b64.len() % 4 != 0 {
        b64.push('=');
    }
    let bytes = base64_decode(&b64)?;
    let claims = Json::parse(std::str::from_utf8(&bytes).ok()?)?;
    match claims.get("exp")? {
        Json::Number(n) => number::parse_exact(n).map(|secs| secs * 1000.0),
        _ => None,
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::core::encoding::base64_encode;

    fn jwt(claims: &str) -> String {
        let part = base64_encode(claims.as_bytes())
            .trim_end_matches('=')
            .replace('+', "-")
            .replace('/', "_");
        format!("eyJhbGciOiJIUzI1NiJ9.{part}.sig")
    }

    #[test]
    fn reads_exp_and_refuses_anything_else() {
        assert_eq!(
            expiry_ms(&jwt(r#"{"sub":"c","exp":1795316527}"#)),
            Some(1_795_316_527_000.0)
        );
        assert_eq!(
            expiry_ms(&jwt(r#"{"sub":"~~~>>>???","exp":5}"#)),
            Some(5_000.0),
            "url-safe alphabet"
        );
        assert_eq!(expiry_ms(&jwt(r#"{"exp":"5"}"#)), None);
        assert_eq!(expiry_ms(&jwt(r#"{"sub":"c"}"#)), None);
        assert_eq!(expiry_ms("opaque-token"), None);
        assert_eq!(expiry_ms("a.!!!.c"), None);
    }
}
