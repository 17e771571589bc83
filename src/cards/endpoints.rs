//! Every method of the Cards API as one [`Endpoint`] row: method, path, fields, idempotency
//! and the documented type of the `data` it answers. One generic caller serves them all; the
//! per-field rules live in `fields.rs`, the response types in `responses/`.

use crate::cards::responses as ty;
use crate::core::endpoint::{self, Idempotency};
use crate::core::error::Error;
use crate::core::json::Json;
use crate::core::schema::Ty;

/// The fields of a Cards method's one params object (path parameters included).
#[derive(Debug)]
pub struct Fields {
    /// Fields that must be present.
    pub required: &'static [&'static str],
    /// Fields that may be present.
    pub optional: &'static [&'static str],
}

/// One Cards method.
pub type Endpoint = endpoint::Endpoint<Fields>;

const fn ep(
    name: &'static str,
    method: &'static str,
    path: &'static str,
    required: &'static [&'static str],
    optional: &'static [&'static str],
    idempotency: Idempotency,
    response: &'static Ty,
) -> Endpoint {
    Endpoint {
        name,
        method,
        path,
        params: Fields { required, optional },
        idempotency,
        response: Some(response),
        // Every answer is the `{ code, message, data }` envelope; the method returns `data`.
        unwrap: Some("data"),
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
        &ty::REGISTERED,
    ),
    ep(
        "accounts.findByEmail",
        "GET",
        "/v1/accounts",
        &["email"],
        &[],
        No,
        &ty::ACCOUNTS_FOUND,
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
        &Ty::Any,
    ),
    ep(
        "accounts.kycStatus",
        "GET",
        "/v1/accounts/cdd/detail/{accountId}",
        &["accountId"],
        &[],
        No,
        &ty::KYC_DETAIL,
    ),
    ep(
        "accounts.init",
        "POST",
        "/v1/accounts/{accountId}/init",
        &["accountId"],
        &[],
        No,
        &Ty::Any,
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
        &ty::CARDHOLDER,
    ),
    ep(
        "cardholders.list",
        "GET",
        "/v1/cardholders",
        &["accountId"],
        &[],
        No,
        &ty::CARDHOLDERS,
    ),
    ep(
        "cardholders.get",
        "GET",
        "/v1/cardholders/{cardholderId}",
        &["cardholderId", "accountId"],
        &[],
        No,
        &ty::CARDHOLDER,
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
        &ty::CARDHOLDER,
    ),
    ep(
        "bins.list",
        "GET",
        "/v1/card/bins",
        &["accountId"],
        &[],
        No,
        &ty::BINS,
    ),
    ep(
        "budgets.create",
        "POST",
        "/v1/budgets",
        &["accountId", "name"],
        &["currency"],
        Key,
        &ty::BUDGET,
    ),
    ep(
        "budgets.get",
        "GET",
        "/v1/budgets/{budgetId}",
        &["budgetId", "accountId"],
        &[],
        No,
        &ty::BUDGET,
    ),
    ep(
        "budgets.transferIn",
        "POST",
        "/v1/budgets/{budgetId}/transfer-in",
        &["budgetId", "accountId", "amount"],
        &["clientTransactionId"],
        Key,
        &Ty::Any,
    ),
    ep(
        "budgets.transferOut",
        "POST",
        "/v1/budgets/{budgetId}/transfer-out",
        &["budgetId", "accountId", "amount"],
        &["clientTransactionId"],
        Key,
        &Ty::Any,
    ),
    ep(
        "transfers.external",
        "POST",
        "/v1/business/transfer/external",
        &["amount", "from", "to"],
        &["clientTransactionId"],
        Key,
        &Ty::Any,
    ),
    ep(
        "wallets.list",
        "GET",
        "/v1/cards/wallets",
        &["accountId"],
        &[],
        No,
        &ty::WALLETS,
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
        &ty::CARD,
    ),
    ep(
        "cards.get",
        "GET",
        "/v1/card-list",
        &["accountId", "cardId"],
        &[],
        No,
        &ty::CARD_LIST,
    ),
    ep(
        "cards.sensitiveData",
        "GET",
        "/v1/cards/{cardId}",
        &["cardId", "accountId"],
        &[],
        No,
        &ty::SENSITIVE_DATA,
    ),
    ep(
        "cards.widgetToken",
        "GET",
        "/v1/cards/{cardId}/private-info/access-token",
        &["cardId", "accountId"],
        &[],
        No,
        &ty::WIDGET_TOKEN,
    ),
    ep(
        "cards.updateLabel",
        "PUT",
        "/v1/cards/{cardId}",
        &["cardId", "accountId", "label"],
        &[],
        No,
        &Ty::Any,
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
        &Ty::Any,
    ),
    ep(
        "cards.freeze",
        "POST",
        "/v1/cards/{cardId}/freeze",
        &["cardId", "accountId"],
        &[],
        No,
        &Ty::Any,
    ),
    ep(
        "cards.unfreeze",
        "POST",
        "/v1/cards/{cardId}/unfreeze",
        &["cardId", "accountId"],
        &[],
        No,
        &Ty::Any,
    ),
    ep(
        "cards.delete",
        "DELETE",
        "/v1/cards/{cardId}",
        &["cardId", "accountId"],
        &[],
        No,
        &Ty::Any,
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
        &ty::CARD_TRANSACTIONS,
    ),
];

/// The endpoint called `name`.
pub fn endpoint(name: &str) -> Result<&'static Endpoint, Error> {
    endpoint::find(ENDPOINTS, name)
        .ok_or_else(|| Error::invalid("method", format!("unknown Cards method {name}")))
}

impl Fields {
    /// The params object's fields, every key checked against the fields of `method`.
    pub fn check<'a>(&self, method: &str, params: &'a Json) -> Result<&'a [(String, Json)], Error> {
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
                        method,
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
