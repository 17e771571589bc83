//! The documented error envelope `{"ok": false, "error": {"code",
//! "message", ...extras}}`, every code the sandbox answers with, and the
//! success replies handlers produce.

use axum::http::StatusCode;
use serde_json::{json, Map, Value};

/// Every error code, with its HTTP status.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(crate) enum Code {
    /// 400 — malformed body, invalid enum, bad field (catch-all).
    InvalidRequest,
    /// 401 — missing or invalid credential, expired access token.
    Unauthorized,
    /// 403 — authenticated but not permitted.
    Forbidden,
    /// 404 — no such route.
    NotFound,
    /// 405 — the route exists for another method.
    MethodNotAllowed,
    /// 400 — signup password below ten characters.
    PasswordTooShort,
    /// 409 — signup email already registered.
    EmailAlreadyExists,
    /// 401 — bad email/password on login.
    InvalidCredentials,
    /// 401 — wrong TOTP code, unknown/used/expired challenge.
    MfaChallengeInvalid,
    /// 409 — enrolling while TOTP is already active.
    MfaAlreadyActive,
    /// 401 — refresh token unknown, rotated, revoked or expired.
    RefreshTokenInvalid,
    /// 400 — both `Api-Key` and `Authorization: Bearer` were sent.
    BothCredsProvided,
    /// 404 — unknown API key id (or another org's).
    ApiKeyNotFound,
    /// 401 — the API key was revoked.
    ApiKeyRevoked,
    /// 409 — revoking a key that is already revoked.
    AlreadyRevoked,
    /// 404 — no org behind the credential / `X-Org-Id`.
    OrgNotFound,
    /// 403 — the user is not a member of the org.
    NotOrgMember,
    /// 409 — the change would leave the org without an owner.
    LastOwner,
    /// 404 — the user is not an active member of this org.
    MemberNotFound,
    /// 409 — inviting someone who is already a member.
    AlreadyMember,
    /// 404 — no KYB profile saved yet.
    KybProfileNotFound,
    /// 422 — required KYB fields are missing (`missing` lists them).
    KybProfileIncomplete,
    /// 422 — the action needs business verification to be approved.
    KybNotApproved,
    /// 404 — no KYB submission for that provider yet.
    KybNotSubmitted,
    /// 422 — the provider has no hosted verification flow.
    HostedLinkUnsupported,
    /// 404 — unknown provider (routing) id.
    ProviderNotFound,
    /// 404 — unknown customer id.
    CustomerNotFound,
    /// 409 — `(org, external_id)` already onboarded.
    EndUserCustomerExists,
    /// 422 — the customer's KYC is not approved.
    KycNotApproved,
    /// 404 — unknown account id (or another org's).
    AccountNotFound,
    /// 400 — rail not allowed for the currency.
    RailNotSupported,
    /// 400 — the routing id is not attached to the customer.
    ProviderMismatch,
    /// 422 — nothing priced the corridor.
    NoEligibleProviders,
    /// 404 — unknown snapshot id (or another org's).
    QuoteNotFound,
    /// 422 — the snapshot is still pending.
    QuoteNotReady,
    /// 422 — the chosen quote has expired.
    QuoteExpired,
    /// 400 — `quote_id` is not in the snapshot.
    QuoteIdInvalid,
    /// 409 — the snapshot already became an order.
    AlreadyAccepted,
    /// 400 — an account reference has several currencies and none pinned.
    AmbiguousCurrency,
    /// 400 — an account reference has several rails and none pinned.
    AmbiguousRail,
}

impl Code {
    /// The wire `code`.
    pub(crate) fn as_str(self) -> &'static str {
        match self {
            Self::InvalidRequest => "InvalidRequest",
            Self::Unauthorized => "Unauthorized",
            Self::Forbidden => "Forbidden",
            Self::NotFound => "NotFound",
            Self::MethodNotAllowed => "MethodNotAllowed",
            Self::PasswordTooShort => "PasswordTooShort",
            Self::EmailAlreadyExists => "EmailAlreadyExists",
            Self::InvalidCredentials => "InvalidCredentials",
            Self::MfaChallengeInvalid => "MfaChallengeInvalid",
            Self::MfaAlreadyActive => "MfaAlreadyActive",
            Self::RefreshTokenInvalid => "RefreshTokenInvalid",
            Self::BothCredsProvided => "BothCredsProvided",
            Self::ApiKeyNotFound => "ApiKeyNotFound",
            Self::ApiKeyRevoked => "ApiKeyRevoked",
            Self::AlreadyRevoked => "AlreadyRevoked",
            Self::OrgNotFound => "OrgNotFound",
            Self::NotOrgMember => "NotOrgMember",
            Self::LastOwner => "LastOwner",
            Self::MemberNotFound => "MemberNotFound",
            Self::AlreadyMember => "AlreadyMember",
            Self::KybProfileNotFound => "KybProfileNotFound",
            Self::KybProfileIncomplete => "KybProfileIncomplete",
            Self::KybNotApproved => "KybNotApproved",
            Self::KybNotSubmitted => "KybNotSubmitted",
            Self::HostedLinkUnsupported => "HostedLinkUnsupported",
            Self::ProviderNotFound => "ProviderNotFound",
            Self::CustomerNotFound => "CustomerNotFound",
            Self::EndUserCustomerExists => "EndUserCustomerExists",
            Self::KycNotApproved => "KycNotApproved",
            Self::AccountNotFound => "AccountNotFound",
            Self::RailNotSupported => "RailNotSupported",
            Self::ProviderMismatch => "ProviderMismatch",
            Self::NoEligibleProviders => "NoEligibleProviders",
            Self::QuoteNotFound => "QuoteNotFound",
            Self::QuoteNotReady => "QuoteNotReady",
            Self::QuoteExpired => "QuoteExpired",
            Self::QuoteIdInvalid => "QuoteIdInvalid",
            Self::AlreadyAccepted => "AlreadyAccepted",
            Self::AmbiguousCurrency => "AmbiguousCurrency",
            Self::AmbiguousRail => "AmbiguousRail",
        }
    }

    /// The HTTP status the code is answered with.
    pub(crate) fn status(self) -> StatusCode {
        match self {
            Self::InvalidRequest
            | Self::PasswordTooShort
            | Self::BothCredsProvided
            | Self::RailNotSupported
            | Self::ProviderMismatch
            | Self::QuoteIdInvalid
            | Self::AmbiguousCurrency
            | Self::AmbiguousRail => StatusCode::BAD_REQUEST,
            Self::Unauthorized
            | Self::InvalidCredentials
            | Self::MfaChallengeInvalid
            | Self::RefreshTokenInvalid
            | Self::ApiKeyRevoked => StatusCode::UNAUTHORIZED,
            Self::Forbidden | Self::NotOrgMember => StatusCode::FORBIDDEN,
            Self::NotFound
            | Self::ApiKeyNotFound
            | Self::OrgNotFound
            | Self::MemberNotFound
            | Self::KybProfileNotFound
            | Self::KybNotSubmitted
            | Self::ProviderNotFound
            | Self::CustomerNotFound
            | Self::AccountNotFound
            | Self::QuoteNotFound => StatusCode::NOT_FOUND,
            Self::MethodNotAllowed => StatusCode::METHOD_NOT_ALLOWED,
            Self::EmailAlreadyExists
            | Self::MfaAlreadyActive
            | Self::AlreadyRevoked
            | Self::LastOwner
            | Self::AlreadyMember
            | Self::EndUserCustomerExists
            | Self::AlreadyAccepted => StatusCode::CONFLICT,
            Self::KybProfileIncomplete
            | Self::KybNotApproved
            | Self::HostedLinkUnsupported
            | Self::KycNotApproved
            | Self::NoEligibleProviders
            | Self::QuoteNotReady
            | Self::QuoteExpired => StatusCode::UNPROCESSABLE_ENTITY,
        }
    }
}

/// An error answer: code, message and extra fields merged into `error`.
#[derive(Debug, Clone, PartialEq)]
pub(crate) struct ApiError {
    /// The code (and so the status).
    pub code: Code,
    /// Human-readable detail.
    pub message: String,
    /// Extra members of the `error` object (`missing`, `currencies`, …).
    pub extra: Map<String, Value>,
}

impl ApiError {
    /// An error with `code` and `message`.
    pub(crate) fn new(code: Code, message: impl Into<String>) -> Self {
        Self {
            code,
            message: message.into(),
            extra: Map::new(),
        }
    }

    /// 400 `InvalidRequest`.
    pub(crate) fn invalid(message: impl Into<String>) -> Self {
        Self::new(Code::InvalidRequest, message)
    }

    /// 403 `Forbidden`.
    pub(crate) fn forbidden(message: impl Into<String>) -> Self {
        Self::new(Code::Forbidden, message)
    }

    /// 401 `Unauthorized`.
    pub(crate) fn unauthorized(message: impl Into<String>) -> Self {
        Self::new(Code::Unauthorized, message)
    }

    /// Adds an extra member to the `error` object.
    pub(crate) fn with(mut self, key: &str, value: Value) -> Self {
        self.extra.insert(key.to_owned(), value);
        self
    }

    /// 400 `InvalidRequest` listing missing fields in `missing`.
    pub(crate) fn missing(fields: Vec<String>) -> Self {
        let message = format!("missing required fields: {}", fields.join(", "));
        Self::invalid(message).with("missing", json!(fields))
    }

    /// The HTTP status.
    pub(crate) fn status(&self) -> StatusCode {
        self.code.status()
    }

    /// The response body.
    pub(crate) fn body(&self) -> Value {
        let mut error = Map::new();
        error.insert("code".into(), Value::from(self.code.as_str()));
        error.insert("message".into(), Value::from(self.message.as_str()));
        for (key, value) in &self.extra {
            error.insert(key.clone(), value.clone());
        }
        json!({ "ok": false, "error": error })
    }
}

/// The body of an error answered with an arbitrary status (injected
/// faults): the code is derived from the status.
pub(crate) fn status_body(status: StatusCode, message: &str) -> Value {
    let code = match status.as_u16() {
        400 => "InvalidRequest",
        401 => "Unauthorized",
        403 => "Forbidden",
        404 => "NotFound",
        409 => "Conflict",
        422 => "Unprocessable",
        429 => "RateLimited",
        502..=504 => "ProviderError",
        500..=599 => "InternalError",
        _ => "Unknown",
    };
    json!({ "ok": false, "error": { "code": code, "message": message } })
}

/// A successful answer.
#[derive(Debug, Clone, PartialEq)]
pub(crate) enum Reply {
    /// `200` with a JSON body.
    Json(Value),
    /// `204 No Content`.
    NoContent,
    /// `POST /quotes?wait=1`: render the snapshot once it is ready.
    WaitForQuote {
        /// The snapshot id.
        snapshot_id: String,
        /// When it becomes ready, ms since the epoch.
        ready_ms: i64,
    },
}

/// What a handler returns.
pub(crate) type Answer = Result<Reply, ApiError>;

/// `Ok(Reply::Json(value))`.
pub(crate) fn ok(value: Value) -> Answer {
    Ok(Reply::Json(value))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn envelope() {
        let error = ApiError::new(Code::AmbiguousRail, "pick one")
            .with("rails", json!(["base", "polygon"]));
        assert_eq!(error.status(), StatusCode::BAD_REQUEST);
        assert_eq!(
            error.body(),
            json!({ "ok": false, "error": {
                "code": "AmbiguousRail", "message": "pick one", "rails": ["base", "polygon"]
            }})
        );
        let missing = ApiError::missing(vec!["email".into(), "type".into()]);
        assert_eq!(missing.body()["error"]["missing"], json!(["email", "type"]));
        assert_eq!(Code::LastOwner.status(), StatusCode::CONFLICT);
        assert_eq!(Code::ApiKeyRevoked.status(), StatusCode::UNAUTHORIZED);
        assert_eq!(
            status_body(StatusCode::BAD_GATEWAY, "x")["error"]["code"],
            json!("ProviderError")
        );
    }
}
