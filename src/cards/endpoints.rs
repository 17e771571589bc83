//! Every endpoint of the Cards API as data: method, path, fields, idempotency. One generic
//! caller serves them all; the per-field rules live in `fields.rs`.

use crate::core::error::Error;
use crate::core::json::Json;

/// How an endpoint treats `Idempotency-Key`.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Idempotency {
    /// Not used.
    None,
    /// Sent on every call (generated when the caller gives none).
    Required,
}

/// One endpoint.
#[derive(Debug)]
pub struct Endpoint {
    /// The JS method name, e.g. `cards.freeze`.
    pub name: &'static str,
    /// HTTP method.
    pub method: &'static str,
    /// Path with `{param}` placeholders filled from the params object.
    pub path: &'static str,
    /// Fields that must be present (path params included).
    pub required: &'static [&'static str],
    /// Fields that may be present.
    pub optional: &'static [&'static str],
    /// Idempotency-Key handling.
    pub idempotency: Idempotency,
}

const fn ep(
    name: &'static str,
    method: &'static str,
    path: &'static str,
    required: &'static [&'static str],
    optional: &'static [&'static str],
    idempotency: Idempotency,
) -> Endpoint {
    Endpoint {
        name,
        method,
        path,
        required,
        optional,
        idempotency,
    }
}

use Idempotency::{None as No, Required as Key};

/// The Cards API, grouped as the client exposes it.
pub const ENDPOINTS: &[Endpoint] = &[
    ep(
        "accounts.register",
        "POST",
        "/v1/accounts/register",
        &["name", "email", "parentAccountId"],
        &["phone"],
        Key,
    ),
    ep(
        "accounts.findByEmail",
        "GET",
        "/v1/accounts",
        &["email"],
        &[],
        No,
    ),
    ep(
        "accounts.submitKyc",
        "POST",
        "/v1/accounts/{accountId}/kyc",
        &["accountId", "sourceType", "sumsubShareToken"],
        &[
            "ipAddress",
            "occupation",
            "annualSalary",
            "accountPurpose",
            "expectedMonthlyVolume",
        ],
        No,
    ),
    ep(
        "accounts.kycStatus",
        "GET",
        "/v1/accounts/cdd/detail/{accountId}",
        &["accountId"],
        &[],
        No,
    ),
    ep(
        "accounts.init",
        "POST",
        "/v1/accounts/{accountId}/init",
        &["accountId"],
        &[],
        No,
    ),
    ep(
        "cardholders.create",
        "POST",
        "/v1/cardholders",
        &[
            "accountId",
            "binId",
            "businessModel",
            "referenceId",
            "firstName",
            "lastName",
            "email",
            "phoneCountryCode",
            "phoneNumber",
            "address",
        ],
        &[],
        Key,
    ),
    ep(
        "cardholders.list",
        "GET",
        "/v1/cardholders",
        &["accountId"],
        &[],
        No,
    ),
    ep(
        "cardholders.get",
        "GET",
        "/v1/cardholders/{cardholderId}",
        &["cardholderId", "accountId"],
        &[],
        No,
    ),
    ep(
        "cardholders.update",
        "PATCH",
        "/v1/cardholders/{cardholderId}",
        &["cardholderId", "accountId"],
        &[
            "email",
            "phoneCountryCode",
            "phoneNumber",
            "firstName",
            "lastName",
            "address",
        ],
        No,
    ),
    ep("bins.list", "GET", "/v1/card/bins", &["accountId"], &[], No),
    ep(
        "budgets.create",
        "POST",
        "/v1/budgets",
        &["accountId", "name"],
        &["currency"],
        Key,
    ),
    ep(
        "budgets.get",
        "GET",
        "/v1/budgets/{budgetId}",
        &["budgetId", "accountId"],
        &[],
        No,
    ),
    ep(
        "budgets.transferIn",
        "POST",
        "/v1/budgets/{budgetId}/transfer-in",
        &["budgetId", "accountId", "amount"],
        &["clientTransactionId"],
        Key,
    ),
    ep(
        "budgets.transferOut",
        "POST",
        "/v1/budgets/{budgetId}/transfer-out",
        &["budgetId", "accountId", "amount"],
        &["clientTransactionId"],
        Key,
    ),
    ep(
        "transfers.external",
        "POST",
        "/v1/business/transfer/external",
        &["amount", "from", "to"],
        &["clientTransactionId"],
        Key,
    ),
    ep(
        "wallets.list",
        "GET",
        "/v1/cards/wallets",
        &["accountId"],
        &[],
        No,
    ),
    ep(
        "cards.issue",
        "POST",
        "/v1/budget-card",
        &[
            "accountId",
            "binId",
            "cardMode",
            "cardholderId",
            "budgetId",
            "referenceId",
        ],
        &["label", "useType", "physicalCardDesignId"],
        Key,
    ),
    ep(
        "cards.get",
        "GET",
        "/v1/card-list",
        &["accountId", "cardId"],
        &[],
        No,
    ),
    ep(
        "cards.sensitiveData",
        "GET",
        "/v1/cards/{cardId}",
        &["cardId", "accountId"],
        &[],
        No,
    ),
    ep(
        "cards.widgetToken",
        "GET",
        "/v1/cards/{cardId}/private-info/access-token",
        &["cardId", "accountId"],
        &[],
        No,
    ),
    ep(
        "cards.updateLabel",
        "PUT",
        "/v1/cards/{cardId}",
        &["cardId", "accountId", "label"],
        &[],
        No,
    ),
    ep(
        "cards.setVelocityControl",
        "PUT",
        "/v1/cards/{cardId}/velocity-control",
        &[
            "cardId",
            "accountId",
            "transactionLimitsType",
            "amountLimit",
        ],
        &[],
        No,
    ),
    ep(
        "cards.freeze",
        "POST",
        "/v1/cards/{cardId}/freeze",
        &["cardId", "accountId"],
        &[],
        No,
    ),
    ep(
        "cards.unfreeze",
        "POST",
        "/v1/cards/{cardId}/unfreeze",
        &["cardId", "accountId"],
        &[],
        No,
    ),
    ep(
        "cards.delete",
        "DELETE",
        "/v1/cards/{cardId}",
        &["cardId", "accountId"],
        &[],
        No,
    ),
    ep(
        "transactions.list",
        "GET",
        "/v1/cards/transaction-list",
        &["accountId", "cardId"],
        &[
            "page",
            "limit",
            "id",
            "clientTransactionId",
            "type",
            "status",
            "startTime",
            "endTime",
        ],
        No,
    ),
];

/// The endpoint called `name`.
pub fn endpoint(name: &str) -> Result<&'static Endpoint, Error> {
    ENDPOINTS
        .iter()
        .find(|e| e.name == name)
        .ok_or_else(|| Error::invalid("method", format!("unknown Cards method {name}")))
}

impl Endpoint {
    /// Whether a retry may resend this call: reads, PUTs (they set state) and calls that carry
    /// an Idempotency-Key.
    pub fn repeatable(&self) -> bool {
        matches!(self.method, "GET" | "DELETE" | "PUT") || self.idempotency == Idempotency::Required
    }

    /// The params object's fields, every key checked against this endpoint's fields.
    pub fn fields<'a>(&self, params: &'a Json) -> Result<&'a [(String, Json)], Error> {
        let fields: &[(String, Json)] = match params {
            Json::Object(f) => f,
            _ => return Err(Error::invalid("params", "must be an object")),
        };
        for (name, _) in fields {
            if !self.required.contains(&name.as_str()) && !self.optional.contains(&name.as_str()) {
                let mut known: Vec<&str> = self.required.to_vec();
                known.extend_from_slice(self.optional);
                return Err(Error::invalid(
                    format!("params.{name}"),
                    format!(
                        "unknown field for {} (expected: {})",
                        self.name,
                        known.join(", ")
                    ),
                ));
            }
        }
        for name in self.required {
            if !fields.iter().any(|(n, v)| n == name && *v != Json::Null) {
                return Err(Error::invalid(format!("params.{name}"), "is required"));
            }
        }
        Ok(fields)
    }
}
