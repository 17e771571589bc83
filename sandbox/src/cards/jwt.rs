//! Compact HS256 JSON Web Tokens for the PCI widget: issued by
//! `GET /v1/cards/{id}/private-info/access-token`, verified by the widget
//! server's `POST /card-data`.

use serde_json::{json, Value};

pub(crate) use crate::common::jwt::TokenError;
use crate::common::{jwt, random};

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

/// Signs `claims` (plus a random `jti`) with HS256 under `secret`.
pub(crate) fn sign(secret: &[u8], claims: &WidgetClaims) -> String {
    jwt::sign(
        secret,
        &json!({
            "sub": claims.card_id,
            "accountId": claims.account_id,
            "iat": claims.iat,
            "exp": claims.exp,
            "jti": random::hex(&random::bytes::<16>()),
        }),
    )
}

/// Verifies signature, algorithm and expiry (`now_secs >= exp` is expired).
pub(crate) fn verify(
    secret: &[u8],
    token: &str,
    now_secs: i64,
) -> Result<WidgetClaims, TokenError> {
    let payload = jwt::verify(secret, token)?;
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
    use crate::common::jwt::segment;
    use base64::engine::general_purpose::URL_SAFE_NO_PAD;
    use base64::Engine;

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
