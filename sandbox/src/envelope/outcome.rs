//! Business answers before encryption: status plus plaintext JSON.

use axum::http::StatusCode;
use serde_json::{json, Value};

/// Machine-readable error codes from the spec's "Common error slugs".
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(crate) enum Slug {
    /// 400 — payload failed validation.
    InvalidRequest,
    /// 400 — amount invalid or negative.
    InvalidAmount,
    /// 400 — missing `Idempotency-Key` on a mutation.
    IdempotencyKeyRequired,
    /// 403 — master balance too low.
    InsufficientFunds,
    /// 404 — unknown `card_id`.
    CardNotFound,
    /// 422 — card belongs to another user.
    CardUserMismatch,
    /// 500 — unhandled server error.
    InternalError,
}

impl Slug {
    /// The slug string.
    pub(crate) fn as_str(self) -> &'static str {
        match self {
            Self::InvalidRequest => "invalid_request",
            Self::InvalidAmount => "invalid_amount",
            Self::IdempotencyKeyRequired => "idempotency_key_required",
            Self::InsufficientFunds => "insufficient_funds",
            Self::CardNotFound => "card_not_found",
            Self::CardUserMismatch => "card_user_mismatch",
            Self::InternalError => "internal_error",
        }
    }

    /// The HTTP status the spec assigns to the slug.
    pub(crate) fn status(self) -> StatusCode {
        match self {
            Self::InvalidRequest | Self::InvalidAmount | Self::IdempotencyKeyRequired => {
                StatusCode::BAD_REQUEST
            }
            Self::InsufficientFunds => StatusCode::FORBIDDEN,
            Self::CardNotFound => StatusCode::NOT_FOUND,
            Self::CardUserMismatch => StatusCode::UNPROCESSABLE_ENTITY,
            Self::InternalError => StatusCode::INTERNAL_SERVER_ERROR,
        }
    }
}

/// A business answer, encrypted before it is sent.
#[derive(Debug, Clone)]
pub(crate) struct Outcome {
    /// HTTP status.
    pub status: StatusCode,
    /// Plaintext JSON body.
    pub body: Value,
}

impl Outcome {
    /// `200 {"success": true, "data": data}`.
    pub(crate) fn ok(data: Value) -> Self {
        Self {
            status: StatusCode::OK,
            body: json!({ "success": true, "data": data }),
        }
    }

    /// Standard error object with the slug's own status.
    pub(crate) fn error(slug: Slug, message: &str) -> Self {
        Self::error_with_status(slug.status(), slug, message)
    }

    /// Standard error object with an explicit status.
    pub(crate) fn error_with_status(status: StatusCode, slug: Slug, message: &str) -> Self {
        Self {
            status,
            body: json!({ "success": false, "error": message, "error_slug": slug.as_str() }),
        }
    }
}
