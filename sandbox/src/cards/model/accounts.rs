//! Who a program serves: accounts (parent, merchant, users) with their KYC
//! state and USD wallets, and cardholder profiles.

use serde_json::{json, Map, Value};

use super::USD;
use crate::common::money::format_cents;

/// What kind of account an account is.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(crate) enum AccountKind {
    /// The program's top-level partner account.
    Parent,
    /// The master merchant account.
    Merchant,
    /// A user sub-account created by `register`.
    User,
}

/// KYC state of an account.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(crate) enum KycStatus {
    /// Nothing submitted.
    None,
    /// Under review.
    Pending,
    /// Cleared.
    Approved,
    /// Failed.
    Rejected,
}

impl KycStatus {
    /// Wire name.
    pub(crate) fn as_str(self) -> &'static str {
        match self {
            Self::None => "NONE",
            Self::Pending => "PENDING",
            Self::Approved => "APPROVED",
            Self::Rejected => "REJECTED",
        }
    }
}

/// An account of the program.
#[derive(Debug, Clone)]
pub(crate) struct Account {
    /// Account UUID.
    pub id: String,
    /// Internal user id.
    pub user_id: String,
    /// Parent, merchant or user.
    pub kind: AccountKind,
    /// Display name.
    pub name: String,
    /// Email as registered.
    pub email: String,
    /// Optional E.164 phone.
    pub phone: Option<String>,
    /// KYC state.
    pub kyc: KycStatus,
    /// Current KYC case, once one was submitted.
    pub case_id: Option<String>,
    /// The USD wallet, once initialized.
    pub wallet_id: Option<String>,
}

impl Account {
    /// The `GET /v1/accounts` entry.
    pub(crate) fn to_json(&self) -> Value {
        json!({
            "accountId": self.id,
            "userId": self.user_id,
            "name": self.name,
            "email": self.email,
            "phone": self.phone,
        })
    }
}

/// A USD wallet.
#[derive(Debug, Clone)]
pub(crate) struct Wallet {
    /// Wallet UUID.
    pub id: String,
    /// Owner.
    pub account_id: String,
    /// Balance in cents.
    pub balance_cents: i64,
}

impl Wallet {
    /// The `GET /v1/cards/wallets` entry.
    pub(crate) fn to_json(&self) -> Value {
        json!({
            "id": self.id,
            "objectType": 0,
            "currency": USD,
            "balance": { "available": format_cents(self.balance_cents) },
        })
    }
}

/// Review state of a cardholder.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(crate) enum CardholderStatus {
    /// Just created.
    Pending,
    /// Cards may be issued.
    Approved,
}

impl CardholderStatus {
    /// Wire name.
    pub(crate) fn as_str(self) -> &'static str {
        match self {
            Self::Pending => "PENDING",
            Self::Approved => "APPROVED",
        }
    }
}

/// A cardholder profile.
#[derive(Debug, Clone)]
pub(crate) struct Cardholder {
    /// Cardholder id.
    pub id: String,
    /// Owning account.
    pub account_id: String,
    /// Review state.
    pub status: CardholderStatus,
    /// The validated request fields (`accountId`, `binId`, names, …).
    pub fields: Map<String, Value>,
    /// Creation order.
    pub seq: u64,
}

impl Cardholder {
    /// `{cardholderId, status, ...fields}`.
    pub(crate) fn to_json(&self) -> Value {
        let mut object = Map::new();
        object.insert("cardholderId".into(), Value::from(self.id.as_str()));
        object.insert("status".into(), Value::from(self.status.as_str()));
        for (key, value) in &self.fields {
            object.insert(key.clone(), value.clone());
        }
        Value::Object(object)
    }

    /// A stored string field ("" when absent).
    pub(crate) fn field(&self, name: &str) -> &str {
        self.fields
            .get(name)
            .and_then(Value::as_str)
            .unwrap_or_default()
    }
}
