//! HS256 access tokens: `{sub, mfa_passed, iat, exp, jti}` signed with the
//! registry's secret. Stateless — logout cannot revoke them.

use serde_json::{json, Value};

pub(crate) use crate::common::jwt::TokenError;
use crate::common::{jwt, random};

/// What an access token says.
#[derive(Debug, Clone, PartialEq, Eq)]
pub(crate) struct Claims {
    /// The user id (`sub`).
    pub user_id: String,
    /// Whether the session passed a TOTP challenge.
    pub mfa_passed: bool,
    /// Issued at, Unix seconds.
    pub iat: i64,
    /// Expires at, Unix seconds.
    pub exp: i64,
}

/// Signs `claims` (plus a random `jti`) under `secret`.
pub(crate) fn sign(secret: &[u8], claims: &Claims) -> String {
    jwt::sign(
        secret,
        &json!({
            "sub": claims.user_id,
            "mfa_passed": claims.mfa_passed,
            "iat": claims.iat,
            "exp": claims.exp,
            "jti": random::hex(&random::bytes::<12>()),
        }),
    )
}

/// Verifies signature, algorithm and expiry: the token is expired once
/// `now_ms >= exp * 1000`.
pub(crate) fn verify(secret: &[u8], token: &str, now_ms: i64) -> Result<Claims, TokenError> {
    let claims = verify_signature(secret, token)?;
    if now_ms >= claims.exp.saturating_mul(1000) {
        return Err(TokenError::Expired);
    }
    Ok(claims)
}

/// Verifies signature and algorithm only (expired tokens pass).
pub(crate) fn verify_signature(secret: &[u8], token: &str) -> Result<Claims, TokenError> {
    let payload = jwt::verify(secret, token)?;
    let number = |name: &str| payload.get(name).and_then(Value::as_i64);
    let claims = Claims {
        user_id: payload
            .get("sub")
            .and_then(Value::as_str)
            .filter(|sub| !sub.is_empty())
            .ok_or(TokenError::Invalid)?
            .to_owned(),
        mfa_passed: payload
            .get("mfa_passed")
            .and_then(Value::as_bool)
            .unwrap_or(false),
        iat: number("iat").ok_or(TokenError::Invalid)?,
        exp: number("exp").ok_or(TokenError::Invalid)?,
    };
    Ok(claims)
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::common::jwt::segment;
    use base64::engine::general_purpose::URL_SAFE_NO_PAD;
    use base64::Engine;

    fn claims(exp: i64) -> Claims {
        Claims {
            user_id: "u-1".into(),
            mfa_passed: true,
            iat: 1000,
            exp,
        }
    }

    #[test]
    fn round_trip_and_expiry() {
        let token = sign(b"k", &claims(1300));
        assert_eq!(verify(b"k", &token, 1_299_999), Ok(claims(1300)));
        assert_eq!(verify(b"k", &token, 1_300_000), Err(TokenError::Expired));
        assert_eq!(verify_signature(b"k", &token), Ok(claims(1300)));
        assert_eq!(verify(b"x", &token, 1_000_000), Err(TokenError::Invalid));
        for bad in ["", "a.b", "a.b.c.d", "!!.??.**"] {
            assert_eq!(verify(b"k", bad, 0), Err(TokenError::Invalid), "{bad}");
        }
        let parts: Vec<&str> = token.split('.').collect();
        let header = segment(parts[0]).unwrap_or_default();
        assert_eq!(header, json!({ "alg": "HS256", "typ": "JWT" }));
        let forged = URL_SAFE_NO_PAD.encode(
            json!({ "sub": "u-2", "mfa_passed": true, "iat": 1000, "exp": 1300 }).to_string(),
        );
        let forged = format!("{}.{}.{}", parts[0], forged, parts[2]);
        assert_eq!(verify(b"k", &forged, 0), Err(TokenError::Invalid));
    }
}
