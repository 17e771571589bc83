//! The one error model of the SDK. Every client returns [`Error`]; the JS layer maps each
//! variant to a real JS `Error` subclass. Messages never carry keys, tokens or card data.

use std::fmt;

/// Why an envelope could not be sealed or opened. The `as_str` names are stable and
/// are what JS sees as `EnvelopeError.code`.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum EnvelopeErrorCode {
    /// The key is not 32 bytes, or not valid base64/hex.
    InvalidKey,
    /// The payload is not a plain JSON object.
    InvalidPayload,
    /// The envelope's `encrypted` text is not valid base64.
    InvalidBase64,
    /// Fewer bytes than a nonce plus a MAC tag.
    CiphertextTooShort,
    /// The MAC did not verify: the envelope was altered or sealed with another key.
    DecryptionFailed,
    /// The decrypted bytes are not a JSON object.
    InvalidPlaintext,
}

impl EnvelopeErrorCode {
    /// The stable machine-readable code.
    pub fn as_str(self) -> &'static str {
        match self {
            Self::InvalidKey => "invalid_key",
            Self::InvalidPayload => "invalid_payload",
            Self::InvalidBase64 => "invalid_base64",
            Self::CiphertextTooShort => "ciphertext_too_short",
            Self::DecryptionFailed => "decryption_failed",
            Self::InvalidPlaintext => "invalid_plaintext",
        }
    }
}

/// Which API produced an [`ApiError`]; decides the JS error class it becomes.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum ApiFamily {
    /// The encrypted-envelope card issuing API (`EnvelopeApiError`, code = error slug).
    Envelope,
    /// The Seamless stored-value API (`StoredValueError`).
    StoredValue,
    /// The Seismic Cards API (`CardsApiError`: code, message, httpStatus).
    Cards,
    /// The Seismic Orchestration API (`ApiError`: status, code, message, extra body fields).
    Orchestration,
}

/// A non-success answer from an API, after the client has read its body.
#[derive(Debug, Clone, PartialEq)]
pub struct ApiError {
    /// Which API answered.
    pub family: ApiFamily,
    /// HTTP status.
    pub status: u16,
    /// The API's own machine-readable code (an error slug, an error code…).
    pub code: String,
    /// The API's human-readable message.
    pub message: String,
    /// The `X-Request-Id` response header, when present.
    pub request_id: Option<String>,
    /// Further fields of the API's error body, set on the JS error as they are.
    pub extra: Vec<(String, crate::core::json::Json)>,
}

/// Every failure the SDK reports.
#[derive(Debug, Clone, PartialEq)]
pub enum Error {
    /// An argument failed validation before anything was sent.
    InvalidArgument {
        /// The offending field or parameter, as the caller named it.
        field: String,
        /// What is wrong with it.
        message: String,
    },
    /// Envelope sealing or opening failed.
    Envelope {
        /// Stable reason.
        code: EnvelopeErrorCode,
        /// Human-readable detail.
        message: String,
    },
    /// The request never got an HTTP answer (DNS, connection reset, CORS, …).
    Network {
        /// Detail from the platform.
        message: String,
    },
    /// An attempt took longer than the client's `timeoutMs`.
    Timeout {
        /// The limit that was exceeded.
        timeout_ms: u64,
    },
    /// The caller's `AbortSignal` fired.
    Aborted,
    /// The server answered with a redirect the SDK does not follow: to another origin, from
    /// https to http, a method change that would drop the body, or too many hops. Nothing
    /// was sent to the new location.
    Redirect {
        /// The redirect status (0 when the platform hides it: a browser's opaque redirect,
        /// or a custom `fetch` that followed one).
        status: u16,
        /// Where it pointed, without query, fragment or credentials; `None` when unknown.
        location: Option<String>,
    },
    /// The answer was longer than the client's `maxResponseBytes`; reading stopped there.
    TooLarge {
        /// The limit that was exceeded.
        limit: u64,
    },
    /// The API answered with an error.
    Api(ApiError),
    /// A 2xx response did not have the documented shape (`field` is its path, e.g.
    /// `response.quotes[2].fees.total`): a server-side drift surfaces here, not as `undefined`.
    Response {
        /// Path of the offending field inside the response body.
        field: String,
        /// What is wrong with it.
        message: String,
    },
    /// A webhook failed verification (`code` is stable, e.g. `no_signature_match`).
    Webhook {
        /// Stable reason.
        code: &'static str,
        /// Human-readable detail.
        message: String,
    },
}

impl Error {
    /// Shorthand for [`Error::InvalidArgument`].
    pub fn invalid(field: impl Into<String>, message: impl Into<String>) -> Self {
        Self::InvalidArgument {
            field: field.into(),
            message: message.into(),
        }
    }

    /// Shorthand for [`Error::Response`].
    pub fn response(field: impl Into<String>, message: impl Into<String>) -> Self {
        Self::Response {
            field: field.into(),
            message: message.into(),
        }
    }

    /// Shorthand for [`Error::Envelope`].
    pub fn envelope(code: EnvelopeErrorCode, message: impl Into<String>) -> Self {
        Self::Envelope {
            code,
            message: message.into(),
        }
    }

    /// True for failures where no HTTP answer arrived and a retry may succeed.
    pub fn is_network(&self) -> bool {
        matches!(self, Self::Network { .. })
    }

    /// True when the request may have been processed without the answer arriving (a
    /// network failure or a timeout): a retry is safe only with an idempotency key.
    pub fn is_ambiguous(&self) -> bool {
        matches!(self, Self::Network { .. } | Self::Timeout { .. })
    }
}

impl fmt::Display for Error {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            Self::InvalidArgument { field, message } => write!(f, "invalid {field}: {message}"),
            Self::Envelope { message, .. } => f.write_str(message),
            Self::Network { message } => write!(f, "network error: {message}"),
            Self::Timeout { timeout_ms } => write!(f, "request timed out after {timeout_ms} ms"),
            Self::Aborted => f.write_str("request aborted"),
            Self::Redirect { status, location } => {
                let status = match status {
                    0 => String::new(),
                    s => format!(" {s}"),
                };
                match location {
                    Some(l) => write!(f, "redirect{status} to {l} not followed: the SDK sends credentials and bodies only to the configured origin"),
                    None => write!(f, "redirect{status} not followed: the SDK sends credentials and bodies only to the configured origin"),
                }
            }
            Self::TooLarge { limit } => {
                write!(
                    f,
                    "the response is longer than maxResponseBytes ({limit} bytes)"
                )
            }
            Self::Api(e) => write!(f, "{} ({}, HTTP {})", e.message, e.code, e.status),
            Self::Response { field, message } => {
                write!(f, "unexpected response: {field} {message}")
            }
            Self::Webhook { message, .. } => f.write_str(message),
        }
    }
}

impl std::error::Error for Error {}
