//! Compact HS256 JSON Web Tokens for the PCI widget: issued by
//! `GET /v1/cards/{id}/private-info/access-token`, verified by the widget
//! server's `POST /card-data`.

use base64::engine::general_purpose::URL_SAFE_NO_PAD;
use base64::Engine;
use serde_json::{json, Value};

use super::signing::{hmac_sha256, hmac_sha256_verify};
use crate::common::random;

/// What a widget token grants: one card of one account, until `exp`.
#[derive(Debug, Clone, PartialEq, Eq)]
pub(crate) struct WidgetClaims {
    /// The card id (`sub`).
    pub card_id: String,
    /// The account owning the card.
    pub account_id: String,
    /// Issued at, Unix seconds.
    pub iat: i64,
    /// Expires at, Unix seconds.
    pub exp: i64,
}

/// Why a token was refused.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(crate) enum TokenError {
    /// Malformed, wrong algorithm, bad signature or missing claims.
    Invalid,
    /// Well signed but past `exp`.
    Expired,
}

/// Signs `claims` (plus a random `jti`) with HS256 under `secret`.
pub(crate) fn sign(secret: &[u8], claims: &WidgetClaims) -> String {
    let header = json!({ "alg": "HS256", "typ": "JWT" });
    let payload = json!({
        "sub": claims.card_id,
        "accountId": claims.account_id,
        "iat": claims.iat,
        "exp": claims.exp,
        "jti": random::hex(&random::bytes::<16>()),
    });
    let signing_input = format!(
        "{}.{}",
        URL_SAFE_NO_PAD.encode(header.to_string()),
        URL_SAFE_NO_PAD.encode(payload.to_string())
    );
    let signature = hmac_sha256(secret, signing_input.as_bytes());
    format!("{signing_input}.{}", URL_SAFE_NO_PAD.encode(signature))
}

/// Decodes one base64url JSON segment.
fn segment(text: &str) -> Result<Value, TokenError> {
    let raw = URL_SAFE_NO_PAD
        .decode(text)
        .map_err(|_| TokenError::Invalid)?;
    serde_json::from_slice(&raw).map_err(|_| TokenError::Invalid)
}

/// Verifies signature, algorithm and expiry (`now_secs >= exp` is expired).
pub(crate) fn verify(
    secret: &[u8],
    token: &str,
    now_secs: i64,
) -> Result<WidgetClaims, TokenError> {
    let mut parts = token.split('.');
    let (Some(header), Some(payload), Some(signature), None) =
        (parts.next(), parts.next(), parts.next(), parts.next())
    else {
        return Err(TokenError::Invalid);
    };
    let signature = URL_SAFE_NO_PAD
        .decode(signature)
        .map_err(|_| TokenError::Invalid)?;
    let signing_input = &token[..header.len() + 1 + payload.len()];
    if !hmac_sha256_verify(secret, signing_input.as_bytes(), &signature) {
        return Err(TokenError::Invalid);
    }
    if segment(header)?.get("alg").and_then(Value::as_str) != Some("HS256") {
        return Err(TokenError::Invalid);
    }
    let payload = segment(payload)?;
    let text = |name: &str| {
        payload
            .get(name)
            .and_then(Value::as_str)
            .filter(|value| !value.is_empty())
            .map(str::to_owned)
            .ok_or(TokenError::Invalid)
    };
    let number = |name: &str| {
        payload
            .get(name)
            .and_then(Value::as_i64)
            .ok_or(TokenError::Invalid)
    };
    let claims = WidgetClaims {
        card_id: text("sub")?,
        account_id: text("accountId")?,
        iat: number("iat")?,
        exp: number("exp")?,
    };
    if now_secs >= claims.exp {
        return Err(TokenError::Expired);
    }
    Ok(claims)
}

#[cfg(test)]
mod tests {
    use super::*;

    fn claims(exp: i64) -> WidgetClaims {
        WidgetClaims {
            card_id: "card-1".into(),
            account_id: "acct-1".into(),
            iat: 1000,
            exp,
        }
    }

    #[test]
    fn round_trip() {
        let token = sign(b"secret", &claims(1300));
        assert_eq!(token.split('.').count(), 3);
        assert_eq!(verify(b"secret", &token, 1299), Ok(claims(1300)));
        assert_eq!(verify(b"secret", &token, 1300), Err(TokenError::Expired));
        assert_eq!(verify(b"other", &token, 1000), Err(TokenError::Invalid));
    }

    #[test]
    fn header_and_payload_are_standard() {
        let token = sign(b"k", &claims(2000));
        let parts: Vec<&str> = token.split('.').collect();
        assert_eq!(
            segment(parts[0]),
            Ok(json!({ "alg": "HS256", "typ": "JWT" }))
        );
        let payload = segment(parts[1]).unwrap_or_default();
        assert_eq!(payload["sub"], json!("card-1"));
        assert_eq!(payload["accountId"], json!("acct-1"));
        assert_eq!(payload["exp"], json!(2000));
        assert_eq!(payload["jti"].as_str().map(str::len), Some(32));
    }

    #[test]
    fn rejects_tampering_and_garbage() {
        let token = sign(b"k", &claims(2000));
        let parts: Vec<&str> = token.split('.').collect();
        let forged_payload = URL_SAFE_NO_PAD.encode(
            json!({ "sub": "card-2", "accountId": "acct-1", "iat": 1000, "exp": 2000 }).to_string(),
        );
        let forged = format!("{}.{}.{}", parts[0], forged_payload, parts[2]);
        assert_eq!(verify(b"k", &forged, 1000), Err(TokenError::Invalid));
        // alg "none" with an empty signature.
        let none = format!(
            "{}.{}.",
            URL_SAFE_NO_PAD.encode(json!({ "alg": "none" }).to_string()),
            parts[1]
        );
        assert_eq!(verify(b"k", &none, 1000), Err(TokenError::Invalid));
        for bad in ["", "a.b", "a.b.c.d", "!!.??.**"] {
            assert_eq!(verify(b"k", bad, 1000), Err(TokenError::Invalid), "{bad}");
        }
        // An expired token with a bad signature is invalid, not expired.
        let expired = sign(b"k", &claims(10));
        assert_eq!(verify(b"x", &expired, 1000), Err(TokenError::Invalid));
    }
}
