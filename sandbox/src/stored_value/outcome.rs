//! Answers of the stored-value API: status plus JSON body, with the
//! spec's Feathers-style error object
//! `{"name","message","code","className","data","errors"}`.

use axum::http::StatusCode;
use axum::response::{IntoResponse, Response};
use serde_json::{json, Value};

use super::codes::Code;
use crate::common::json_error::json;

/// A status and JSON body, kept as data so idempotency can store it.
#[derive(Debug, Clone, PartialEq)]
pub(crate) struct Outcome {
    /// HTTP status.
    pub status: StatusCode,
    /// JSON body.
    pub body: Value,
}

impl Outcome {
    /// `200` with `body`.
    pub(crate) fn ok(body: Value) -> Self {
        Self {
            status: StatusCode::OK,
            body,
        }
    }

    /// An error object with the Feathers name and class of `status`.
    pub(crate) fn error(status: StatusCode, message: &str, data: Value) -> Self {
        let (name, class_name) = names(status);
        Self::named_error(status, name, class_name, message, data)
    }

    /// An error object with an explicit name and class.
    pub(crate) fn named_error(
        status: StatusCode,
        name: &str,
        class_name: &str,
        message: &str,
        data: Value,
    ) -> Self {
        Self {
            status,
            body: json!({
                "name": name,
                "message": message,
                "code": status.as_u16(),
                "className": class_name,
                "data": data,
                "errors": {},
            }),
        }
    }

    /// `422 Unprocessable` carrying a gift-card status code.
    pub(crate) fn unprocessable(code: Code) -> Self {
        Self::error(StatusCode::UNPROCESSABLE_ENTITY, "Error", status_data(code))
    }

    /// `404 NotFound` with `message` and optional status code data.
    pub(crate) fn not_found(message: &str, code: Option<Code>) -> Self {
        let data = code.map_or_else(|| json!({}), status_data);
        Self::error(StatusCode::NOT_FOUND, message, data)
    }

    /// `400 BadRequest` with `message`.
    pub(crate) fn bad_request(message: &str) -> Self {
        Self::error(StatusCode::BAD_REQUEST, message, json!({}))
    }

    /// `401 NotAuthenticated` for a missing or unknown API key.
    pub(crate) fn not_authenticated() -> Self {
        Self::error(StatusCode::UNAUTHORIZED, "Invalid API key", json!({}))
    }
}

impl IntoResponse for Outcome {
    fn into_response(self) -> Response {
        json(self.status, &self.body)
    }
}

/// `{"statusCode", "statusDescription"}`.
fn status_data(code: Code) -> Value {
    json!({ "statusCode": code.as_str(), "statusDescription": code.description() })
}

/// Feathers error `name` and `className` for an HTTP status.
fn names(status: StatusCode) -> (&'static str, &'static str) {
    match status.as_u16() {
        400 => ("BadRequest", "bad-request"),
        401 => ("NotAuthenticated", "not-authenticated"),
        402 => ("PaymentError", "payment-error"),
        403 => ("Forbidden", "forbidden"),
        404 => ("NotFound", "not-found"),
        405 => ("MethodNotAllowed", "method-not-allowed"),
        406 => ("NotAcceptable", "not-acceptable"),
        408 => ("Timeout", "timeout"),
        409 => ("Conflict", "conflict"),
        411 => ("LengthRequired", "length-required"),
        422 => ("Unprocessable", "unprocessable"),
        429 => ("TooManyRequests", "too-many-requests"),
        501 => ("NotImplemented", "not-implemented"),
        502 => ("BadGateway", "bad-gateway"),
        503 => ("Unavailable", "unavailable"),
        _ => ("GeneralError", "general-error"),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn unprocessable_body() {
        let outcome = Outcome::unprocessable(Code::CardAlreadyIssued);
        assert_eq!(outcome.status, StatusCode::UNPROCESSABLE_ENTITY);
        assert_eq!(
            outcome.body,
            json!({
                "name": "Unprocessable", "message": "Error", "code": 422,
                "className": "unprocessable",
                "data": { "statusCode": "21", "statusDescription": "Card Already Issued" },
                "errors": {}
            })
        );
    }

    #[test]
    fn auth_body() {
        assert_eq!(
            Outcome::not_authenticated().body,
            json!({ "name": "NotAuthenticated", "message": "Invalid API key", "code": 401,
                    "className": "not-authenticated", "data": {}, "errors": {} })
        );
    }
}
