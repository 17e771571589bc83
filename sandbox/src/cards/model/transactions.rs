//! Card transactions: an authorization and its settlement (or decline).

use serde_json::{json, Value};

use super::USD;
use crate::common::money::format_cents;

/// Status of a card transaction.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(crate) enum TxStatus {
    /// Authorized, not captured.
    Pending,
    /// Settled.
    Closed,
    /// Declined.
    Fail,
}

impl TxStatus {
    /// Wire name.
    pub(crate) fn as_str(self) -> &'static str {
        match self {
            Self::Pending => "PENDING",
            Self::Closed => "CLOSED",
            Self::Fail => "FAIL",
        }
    }

    /// Parses a wire name.
    pub(crate) fn parse(text: &str) -> Option<Self> {
        match text {
            "PENDING" => Some(Self::Pending),
            "CLOSED" => Some(Self::Closed),
            "FAIL" => Some(Self::Fail),
            _ => None,
        }
    }
}

/// Transaction type code of a purchase ("Consumption").
pub(crate) const CONSUMPTION: &str = "1";

/// A card transaction (authorization and its settlement).
#[derive(Debug, Clone)]
pub(crate) struct Transaction {
    /// Transaction UUID.
    pub id: String,
    /// Card charged.
    pub card_id: String,
    /// Budget charged.
    pub budget_id: String,
    /// Caller's id, when the simulation was given one.
    pub client_transaction_id: Option<String>,
    /// State.
    pub status: TxStatus,
    /// Amount in cents.
    pub amount_cents: i64,
    /// Merchant shown on the statement.
    pub merchant_name: String,
    /// Why it failed.
    pub decline_reason: Option<String>,
    /// Creation time, Unix ms.
    pub created_ms: i64,
    /// Last change, Unix ms.
    pub updated_ms: i64,
    /// Creation order (ties of `created_ms`).
    pub seq: u64,
}

impl Transaction {
    /// The transaction object of lists and webhooks.
    pub(crate) fn to_json(&self) -> Value {
        let mut object = json!({
            "id": self.id,
            "cardId": self.card_id,
            "type": CONSUMPTION,
            "status": self.status.as_str(),
            "amount": format_cents(self.amount_cents),
            "currency": USD,
            "merchantName": self.merchant_name,
            "createdAt": self.created_ms,
            "updatedAt": self.updated_ms,
        });
        if let Some(map) = object.as_object_mut() {
            if let Some(reason) = &self.decline_reason {
                map.insert("declineReason".into(), Value::from(reason.as_str()));
            }
            if let Some(id) = &self.client_transaction_id {
                map.insert("clientTransactionId".into(), Value::from(id.as_str()));
            }
        }
        object
    }
}
