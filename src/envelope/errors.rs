//! Turning the API's error answers into [`ApiError`]s.

use crate::core::envelope::EnvelopeKey;
use crate::core::error::{ApiError, ApiFamily};
use crate::core::json::string_field;
use crate::transport::HttpResponse;

/// Stable slugs for the API's unencrypted auth and encryption errors, which carry only a
/// message. Matched case-insensitively on the documented message text.
const PLAIN_SLUGS: &[(&str, &str)] = &[
    ("api key not found", "api_key_not_found"),
    ("you do not have access to this api", "api_access_denied"),
    ("encrypted payload not found", "encrypted_payload_missing"),
    (
        "invalid encrypted payload format",
        "encrypted_payload_invalid",
    ),
    (
        "request timestamp not found in encrypted payload",
        "request_timestamp_missing",
    ),
    ("invalid timestamp format", "request_timestamp_invalid"),
    (
        "request timestamp outside allowed window",
        "request_timestamp_outside_window",
    ),
    ("duplicate request detected", "duplicate_request"),
];

/// The slug of a timestamp rejected as outside the server's 30-second window.
pub const OUTSIDE_WINDOW: &str = "request_timestamp_outside_window";

/// Our stable slug for an unencrypted error message; `unexpected_response` when unknown.
pub fn slug_for_plain_message(message: &str) -> &'static str {
    let m = message.trim().trim_end_matches('.').to_ascii_lowercase();
    PLAIN_SLUGS
        .iter()
        .find(|(text, _)| m == text.trim_end_matches('.'))
        .map_or("unexpected_response", |(_, slug)| slug)
}

/// Reads a non-2xx answer: the encrypted standard error object, or a plain auth/encryption
/// error. Never echoes an unrecognised body: it could hold data the caller should not log.
pub fn api_error(res: &HttpResponse, key: &EnvelopeKey) -> ApiError {
    let request_id = res.header("x-request-id").map(str::to_owned);
    let make = |code: &str, message: String| ApiError {
        family: ApiFamily::Envelope,
        status: res.status,
        code: code.to_owned(),
        message,
        request_id: request_id.clone(),
        extra: Vec::new(),
    };
    if let Some(text) = string_field(&res.body, "encrypted") {
        let plain = key
            .open(&text)
            .ok()
            .and_then(|p| String::from_utf8(p).ok())
            .unwrap_or_default();
        return match string_field(&plain, "error_slug") {
            Some(slug) => {
                let message = string_field(&plain, "error").unwrap_or_else(|| slug.clone());
                make(&slug, message)
            }
            None => make(
                "unexpected_response",
                format!("HTTP {} with an unreadable encrypted body", res.status),
            ),
        };
    }
    let message = string_field(&res.body, "error")
        .or_else(|| string_field(&res.body, "message"))
        .unwrap_or_else(|| res.body.trim().to_owned());
    let slug = slug_for_plain_message(&message);
    if slug == "unexpected_response" {
        return make(slug, format!("HTTP {} with an unexpected body", res.status));
    }
    make(slug, message)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn plain_messages_map_to_stable_slugs() {
        assert_eq!(
            slug_for_plain_message("API key not found"),
            "api_key_not_found"
        );
        assert_eq!(
            slug_for_plain_message("You do not have access to this API."),
            "api_access_denied"
        );
        assert_eq!(
            slug_for_plain_message("Duplicate request detected"),
            "duplicate_request"
        );
        assert_eq!(
            slug_for_plain_message("request timestamp outside allowed window"),
            "request_timestamp_outside_window"
        );
        assert_eq!(
            slug_for_plain_message("<html>bad gateway</html>"),
            "unexpected_response"
        );
    }

    #[test]
    fn unknown_bodies_are_not_echoed() -> Result<(), crate::core::error::Error> {
        let key = EnvelopeKey::from_bytes(&[1; 32])?;
        let res = HttpResponse {
            status: 502,
            headers: vec![],
            body: "4111111111111111".into(),
            js_body: Default::default(),
        };
        let e = api_error(&res, &key);
        assert_eq!(e.code, "unexpected_response");
        assert!(!e.message.contains("4111"));
        Ok(())
    }
}
