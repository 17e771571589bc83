//! Compact HS256 JSON Web Tokens: the signing and checking both APIs share (the Cards widget
//! token and the Orchestration access token differ only in their claims).

use base64::engine::general_purpose::URL_SAFE_NO_PAD;
use base64::Engine;
use serde_json::{json, Value};

use super::signing::{hmac_sha256, hmac_sha256_verify};

/// Why a token was refused.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(crate) enum TokenError {
    /// Malformed, wrong algorithm, bad signature or missing claims.
    Invalid,
    /// Well signed but past `exp`.
    Expired,
}

/// Signs `payload` with HS256 under `secret`.
pub(crate) fn sign(secret: &[u8], payload: &Value) -> String {
    let header = json!({ "alg": "HS256", "typ": "JWT" });
    let input = format!(
        "{}.{}",
        URL_SAFE_NO_PAD.encode(header.to_string()),
        URL_SAFE_NO_PAD.encode(payload.to_string())
    );
    let signature = hmac_sha256(secret, input.as_bytes());
    format!("{input}.{}", URL_SAFE_NO_PAD.encode(signature))
}

/// Decodes one base64url JSON segment.
pub(crate) fn segment(text: &str) -> Result<Value, TokenError> {
    let raw = URL_SAFE_NO_PAD
        .decode(text)
        .map_err(|_| TokenError::Invalid)?;
    serde_json::from_slice(&raw).map_err(|_| TokenError::Invalid)
}

/// Checks the signature (constant time) and the algorithm, and returns the payload.
pub(crate) fn verify(secret: &[u8], token: &str) -> Result<Value, TokenError> {
    let mut parts = token.split('.');
    let (Some(header), Some(payload), Some(signature), None) =
        (parts.next(), parts.next(), parts.next(), parts.next())
    else {
        return Err(TokenError::Invalid);
    };
    let signature = URL_SAFE_NO_PAD
        .decode(signature)
        .map_err(|_| TokenError::Invalid)?;
    let input = format!("{header}.{payload}");
    if !hmac_sha256_verify(secret, input.as_bytes(), &signature) {
        return Err(TokenError::Invalid);
    }
    if segment(header)?.get("alg").and_then(Value::as_str) != Some("HS256") {
        return Err(TokenError::Invalid);
    }
    segment(payload)
}
