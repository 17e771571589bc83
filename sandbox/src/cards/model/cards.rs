//! What money is spent through: budgets and the cards issued on them, with
//! their status and velocity limits.

use serde_json::{json, Value};

use super::USD;
use crate::cards::calendar::Period;
use crate::common::money::format_cents;

/// A spending pool for cards.
#[derive(Debug, Clone)]
pub(crate) struct Budget {
    /// Budget UUID.
    pub id: String,
    /// Owning account.
    pub account_id: String,
    /// Internal label.
    pub name: String,
    /// Total balance, cents (pending authorizations included).
    pub available_cents: i64,
    /// Part of `available_cents` held by pending authorizations.
    pub locked_cents: i64,
}

impl Budget {
    /// Money that can still be spent or withdrawn.
    pub(crate) fn spendable_cents(&self) -> i64 {
        self.available_cents - self.locked_cents
    }

    /// `{available, locked}`.
    pub(crate) fn balance_json(&self) -> Value {
        json!({
            "available": format_cents(self.available_cents),
            "locked": format_cents(self.locked_cents),
        })
    }

    /// The budget object.
    pub(crate) fn to_json(&self) -> Value {
        json!({
            "budgetId": self.id,
            "accountId": self.account_id,
            "name": self.name,
            "currency": USD,
            "status": "ACTIVE",
            "balance": self.balance_json(),
        })
    }
}

/// Card life-cycle state.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(crate) enum CardStatus {
    /// Usable.
    Active,
    /// Temporarily declining authorizations.
    Frozen,
    /// Permanently closed.
    Closed,
}

impl CardStatus {
    /// Wire name.
    pub(crate) fn as_str(self) -> &'static str {
        match self {
            Self::Active => "ACTIVE",
            Self::Frozen => "FROZEN",
            Self::Closed => "CLOSED",
        }
    }
}

/// The period a velocity limit covers.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(crate) enum LimitKind {
    /// Per authorization.
    Transaction,
    /// Per calendar period (GMT+8).
    Period(Period),
    /// Ever.
    Lifetime,
    /// No limit.
    None,
}

impl LimitKind {
    /// Parses a `transactionLimitsType`.
    pub(crate) fn parse(text: &str) -> Option<Self> {
        Some(match text {
            "TRANSACTION" => Self::Transaction,
            "DAY" => Self::Period(Period::Day),
            "WEEK" => Self::Period(Period::Week),
            "MONTH" => Self::Period(Period::Month),
            "QUARTER" => Self::Period(Period::Quarter),
            "YEAR" => Self::Period(Period::Year),
            "LIFETIME" => Self::Lifetime,
            "NA" => Self::None,
            _ => return None,
        })
    }

    /// Wire name.
    pub(crate) fn as_str(self) -> &'static str {
        match self {
            Self::Transaction => "TRANSACTION",
            Self::Period(Period::Day) => "DAY",
            Self::Period(Period::Week) => "WEEK",
            Self::Period(Period::Month) => "MONTH",
            Self::Period(Period::Quarter) => "QUARTER",
            Self::Period(Period::Year) => "YEAR",
            Self::Lifetime => "LIFETIME",
            Self::None => "NA",
        }
    }
}

/// A card's spending limit.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(crate) struct Velocity {
    /// Period.
    pub kind: LimitKind,
    /// Limit in cents.
    pub amount_cents: i64,
}

/// An issued card.
#[derive(Debug, Clone)]
pub(crate) struct Card {
    /// Card UUID.
    pub id: String,
    /// Owning account.
    pub account_id: String,
    /// BIN it was issued on.
    pub bin_id: String,
    /// `VIRTUAL_CARD` or `PHYSICAL_CARD`.
    pub mode: String,
    /// Cardholder.
    pub cardholder_id: String,
    /// Backing budget.
    pub budget_id: String,
    /// Caller's reference.
    pub reference_id: String,
    /// Display label.
    pub label: Option<String>,
    /// Free-form reporting tag.
    pub use_type: Option<String>,
    /// Physical card design, for physical cards.
    pub physical_design_id: Option<String>,
    /// Full card number.
    pub pan: String,
    /// `MM/YY`.
    pub expiry: String,
    /// Security code.
    pub cvv: String,
    /// Life-cycle state.
    pub status: CardStatus,
    /// Current spending limit.
    pub velocity: Option<Velocity>,
    /// Creation time, Unix ms.
    pub created_ms: i64,
    /// Creation order.
    pub seq: u64,
}

impl Card {
    /// Last four digits of the number.
    pub(crate) fn last4(&self) -> &str {
        self.pan
            .get(self.pan.len().saturating_sub(4)..)
            .unwrap_or("")
    }

    /// The answer of `POST /v1/budget-card`.
    pub(crate) fn issued_json(&self) -> Value {
        json!({
            "cardId": self.id,
            "status": self.status.as_str(),
            "cardMode": self.mode,
            "label": self.label,
            "last4": self.last4(),
            "expiry": self.expiry,
            "budgetId": self.budget_id,
            "cardholderId": self.cardholder_id,
        })
    }

    /// The card without sensitive data, as listed by `GET /v1/card-list`.
    pub(crate) fn to_json(&self) -> Value {
        let velocity = self.velocity.map(|limit| {
            json!({
                "transactionLimitsType": limit.kind.as_str(),
                "amountLimit": format_cents(limit.amount_cents),
            })
        });
        json!({
            "cardId": self.id,
            "accountId": self.account_id,
            "status": self.status.as_str(),
            "cardMode": self.mode,
            "label": self.label,
            "last4": self.last4(),
            "expiry": self.expiry,
            "binId": self.bin_id,
            "budgetId": self.budget_id,
            "cardholderId": self.cardholder_id,
            "referenceId": self.reference_id,
            "useType": self.use_type,
            "physicalCardDesignId": self.physical_design_id,
            "velocityControl": velocity,
            "createdAt": self.created_ms,
        })
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn limit_kinds_round_trip() {
        for name in [
            "TRANSACTION",
            "DAY",
            "WEEK",
            "MONTH",
            "QUARTER",
            "YEAR",
            "LIFETIME",
            "NA",
        ] {
            assert_eq!(LimitKind::parse(name).map(LimitKind::as_str), Some(name));
        }
        assert_eq!(LimitKind::parse("day"), None);
    }
}
