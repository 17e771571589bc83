//! Business error codes of the Cards API and the `{code, message, data}`
//! envelope every `/v1` answer is wrapped in.

use axum::http::StatusCode;
use axum::response::{IntoResponse, Response};
use serde_json::{json, Value};

use crate::common::json_error::json;

/// Success code of the envelope.
pub(crate) const SUCCESS: &str = "000000";

/// Every error the Cards API answers with.
#[derive(Debug, Clone, PartialEq, Eq)]
pub(crate) enum ApiError {
    /// 40001 — a parameter is missing or malformed; the text names it.
    InvalidParameter(String),
    /// 40399 — missing, unknown, expired or revoked `x-access-token`, or a
    /// wrong `clientSecret`.
    PermissionDenied,
    /// 40401 — the named resource does not exist for this account.
    NotFound(&'static str),
    /// 40901 — an `Idempotency-Key` replayed with a different body.
    IdempotencyConflict,
    /// 010001 — the email is already registered under the parent account.
    EmailRegistered,
    /// 010002 — the BIN does not support the operation.
    BinUnsupported,
    /// 010003 — the `referenceId` is already used.
    ReferenceUsed,
    /// 030001 — not enough money.
    InsufficientBalance,
    /// 030003 — the money is there but locked by pending authorizations.
    FundsLocked,
    /// 050001 — the account's KYC is not approved (or it is not initialized).
    KycNotApproved,
    /// 050002 — the cardholder is not approved yet.
    CardholderNotApproved,
    /// 020002 — the card is closed.
    CardClosed,
}

impl ApiError {
    /// A 40001 naming what is wrong.
    pub(crate) fn invalid(detail: impl Into<String>) -> Self {
        Self::InvalidParameter(detail.into())
    }

    /// The envelope `code`.
    pub(crate) fn code(&self) -> &'static str {
        match self {
            Self::InvalidParameter(_) => "40001",
            Self::PermissionDenied => "40399",
            Self::NotFound(_) => "40401",
            Self::IdempotencyConflict => "40901",
            Self::EmailRegistered => "010001",
            Self::BinUnsupported => "010002",
            Self::ReferenceUsed => "010003",
            Self::InsufficientBalance => "030001",
            Self::FundsLocked => "030003",
            Self::KycNotApproved => "050001",
            Self::CardholderNotApproved => "050002",
            Self::CardClosed => "020002",
        }
    }

    /// The HTTP status.
    pub(crate) fn status(&self) -> StatusCode {
        match self {
            Self::PermissionDenied => StatusCode::FORBIDDEN,
            Self::NotFound(_) => StatusCode::NOT_FOUND,
            Self::IdempotencyConflict | Self::EmailRegistered | Self::ReferenceUsed => {
                StatusCode::CONFLICT
            }
            Self::InvalidParameter(_)
            | Self::BinUnsupported
            | Self::InsufficientBalance
            | Self::FundsLocked
            | Self::KycNotApproved
            | Self::CardholderNotApproved
            | Self::CardClosed => StatusCode::BAD_REQUEST,
        }
    }

    /// The human-readable `message`.
    pub(crate) fn message(&self) -> String {
        match self {
            Self::InvalidParameter(detail) => format!("Invalid parameter: {detail}"),
            Self::PermissionDenied => "permission denied".to_owned(),
            Self::NotFound(resource) => format!("{resource} not found"),
            Self::IdempotencyConflict => "Idempotency-Key reused with a different body".to_owned(),
            Self::EmailRegistered => "Email already registered".to_owned(),
            Self::BinUnsupported => "Operation not supported for this BIN".to_owned(),
            Self::ReferenceUsed => "referenceId already used".to_owned(),
            Self::InsufficientBalance => "Insufficient balance".to_owned(),
            Self::FundsLocked => {
                "Amount exceeds available balance: funds are locked by pending authorizations"
                    .to_owned()
            }
            Self::KycNotApproved => "KYC not approved".to_owned(),
            Self::CardholderNotApproved => "Cardholder not approved".to_owned(),
            Self::CardClosed => "Card is closed".to_owned(),
        }
    }
}

/// A complete `/v1` answer: status plus envelope body. Kept as data so
/// that idempotent replays can store and repeat it.
#[derive(Debug, Clone, PartialEq)]
pub(crate) struct Outcome {
    /// HTTP status.
    pub status: StatusCode,
    /// `{code, message, data}`.
    pub body: Value,
}

impl Outcome {
    /// `200 {"code":"000000","message":"success","data":data}`.
    pub(crate) fn ok(data: Value) -> Self {
        Self {
            status: StatusCode::OK,
            body: json!({ "code": SUCCESS, "message": "success", "data": data }),
        }
    }

    /// The error's status with `{"code", "message", "data": null}`.
    pub(crate) fn error(error: &ApiError) -> Self {
        Self {
            status: error.status(),
            body: json!({ "code": error.code(), "message": error.message(), "data": null }),
        }
    }
}

impl From<ApiError> for Outcome {
    fn from(error: ApiError) -> Self {
        Self::error(&error)
    }
}

impl From<Result<Value, ApiError>> for Outcome {
    fn from(result: Result<Value, ApiError>) -> Self {
        match result {
            Ok(data) => Self::ok(data),
            Err(error) => Self::error(&error),
        }
    }
}

impl IntoResponse for Outcome {
    fn into_response(self) -> Response {
        json(self.status, &self.body)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn error_envelopes() {
        let outcome = Outcome::error(&ApiError::invalid("amount"));
        assert_eq!(outcome.status, StatusCode::BAD_REQUEST);
        assert_eq!(
            outcome.body,
            json!({ "code": "40001", "message": "Invalid parameter: amount", "data": null })
        );
        let outcome = Outcome::error(&ApiError::NotFound("Card"));
        assert_eq!(outcome.status, StatusCode::NOT_FOUND);
        assert_eq!(outcome.body["message"], json!("Card not found"));
        assert_eq!(ApiError::ReferenceUsed.status(), StatusCode::CONFLICT);
        assert_eq!(ApiError::FundsLocked.code(), "030003");
        assert_eq!(ApiError::PermissionDenied.status(), StatusCode::FORBIDDEN);
    }

    #[test]
    fn success_envelope() {
        let outcome = Outcome::ok(json!({ "a": 1 }));
        assert_eq!(outcome.status, StatusCode::OK);
        assert_eq!(
            outcome.body,
            json!({ "code": "000000", "message": "success", "data": { "a": 1 } })
        );
    }
}
