//! `Authorization: Bearer <base64 of the API key>`.

use axum::http::{header, HeaderMap};
use base64::engine::general_purpose::{STANDARD, STANDARD_NO_PAD};
use base64::Engine;

/// The API key carried by the `Authorization` header, if it is a
/// `Bearer` token holding base64 (padded or not) of UTF-8 text.
pub(crate) fn api_key(headers: &HeaderMap) -> Option<String> {
    let value = headers.get(header::AUTHORIZATION)?.to_str().ok()?.trim();
    let (scheme, token) = value.split_once(' ')?;
    if !scheme.eq_ignore_ascii_case("bearer") {
        return None;
    }
    let token = token.trim();
    let bytes = STANDARD
        .decode(token)
        .or_else(|_| STANDARD_NO_PAD.decode(token))
        .ok()?;
    String::from_utf8(bytes).ok().filter(|key| !key.is_empty())
}

#[cfg(test)]
mod tests {
    use axum::http::HeaderValue;

    use super::*;

    fn key_of(value: &str) -> Option<String> {
        let mut headers = HeaderMap::new();
        if let Ok(value) = HeaderValue::from_str(value) {
            headers.insert(header::AUTHORIZATION, value);
        }
        api_key(&headers)
    }

    #[test]
    fn decodes_bearer_tokens() {
        let encoded = STANDARD.encode("sbx_sv_abc");
        assert_eq!(
            key_of(&format!("Bearer {encoded}")).as_deref(),
            Some("sbx_sv_abc")
        );
        assert_eq!(
            key_of(&format!("bearer  {encoded} ")).as_deref(),
            Some("sbx_sv_abc")
        );
        let unpadded = STANDARD_NO_PAD.encode("sbx_sv_abcd");
        assert_eq!(
            key_of(&format!("Bearer {unpadded}")).as_deref(),
            Some("sbx_sv_abcd")
        );
        assert_eq!(key_of(&format!("Basic {encoded}")), None);
        assert_eq!(key_of("Bearer !!!"), None);
        assert_eq!(key_of("Bearer"), None);
        assert_eq!(key_of(""), None);
    }
}
