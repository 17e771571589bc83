//! What an org trades: quote snapshots (ranked priced legs) and the orders
//! accepted quotes become.

use serde_json::{json, Map, Value};

use crate::orchestration::pricing::Leg;
use crate::orchestration::time::iso;

/// A quote snapshot.
#[derive(Debug, Clone)]
pub(crate) struct Snapshot {
    /// UUID.
    pub id: String,
    /// Owning org.
    pub org_id: String,
    /// Creation, ms.
    pub created_ms: i64,
    /// When pricing "lands", ms.
    pub ready_ms: i64,
    /// When the quotes stop being honored, ms.
    pub expires_ms: i64,
    /// The request as sent.
    pub request: Value,
    /// Ranked legs, best first.
    pub legs: Vec<Leg>,
    /// The order it became.
    pub order_id: Option<String>,
}

impl Snapshot {
    /// `pending`, `ready` or `expired`.
    fn status(&self, now: i64) -> &'static str {
        if now < self.ready_ms {
            "pending"
        } else if self.order_id.is_none() && now >= self.expires_ms {
            "expired"
        } else {
            "ready"
        }
    }

    /// The wire `AsyncQuoteSnapshot`.
    pub(crate) fn to_json(&self, now: i64) -> Value {
        let status = self.status(now);
        let mut map = Map::new();
        map.insert("id".into(), Value::from(self.id.as_str()));
        map.insert("status".into(), Value::from(status));
        map.insert("created_at".into(), Value::from(iso(self.created_ms)));
        map.insert("request".into(), self.request.clone());
        let quotes: Vec<Value> = if status == "pending" {
            Vec::new()
        } else {
            self.legs
                .iter()
                .map(|leg| leg.to_json(self.expires_ms))
                .collect()
        };
        map.insert("quotes".into(), Value::Array(quotes));
        if status != "pending" {
            if let Some(best) = self.legs.first() {
                map.insert("best_quote_id".into(), Value::from(best.id.as_str()));
            }
        }
        if let Some(order_id) = &self.order_id {
            map.insert("order_id".into(), Value::from(order_id.as_str()));
        }
        Value::Object(map)
    }
}

/// A ramp order.
#[derive(Debug, Clone)]
pub(crate) struct Order {
    /// UUID.
    pub id: String,
    /// Owning org.
    pub org_id: String,
    /// Initiating user.
    pub user_id: String,
    /// The end-user customer, when an attached account identified one.
    pub customer_id: Option<String>,
    /// Routing id.
    pub provider: String,
    /// Platform reference.
    pub provider_order_id: String,
    /// `on_ramp` or `off_ramp`.
    pub direction: &'static str,
    /// `OrderStatus`.
    pub status: &'static str,
    /// Source currency.
    pub source_currency: String,
    /// Fee-inclusive source amount.
    pub source_amount: String,
    /// Destination currency.
    pub destination_currency: String,
    /// Destination chain for crypto destinations.
    pub destination_chain: Option<String>,
    /// Destination wallet.
    pub destination_address: Option<String>,
    /// Source account.
    pub source_account_id: Option<String>,
    /// Destination account.
    pub destination_account_id: Option<String>,
    /// Idempotency key the order was placed under.
    pub idempotency_key: String,
    /// Bank funding instructions, or `null`.
    pub funding_instructions: Value,
    /// Caller reference.
    pub reference: Option<String>,
    /// Caller comment.
    pub comment: Option<String>,
    /// Creation, ms.
    pub created_ms: i64,
}

impl Order {
    /// The wire `RampOrder`.
    pub(crate) fn to_json(&self) -> Value {
        json!({
            "id": self.id,
            "user_id": self.user_id,
            "ramp_customer_id": self.customer_id,
            "provider": self.provider,
            "provider_order_id": self.provider_order_id,
            "direction": self.direction,
            "status": self.status,
            "source_currency": self.source_currency,
            "source_amount": self.source_amount,
            "destination_currency": self.destination_currency,
            "destination_chain": self.destination_chain,
            "destination_address": self.destination_address,
            "source_account_id": self.source_account_id,
            "destination_account_id": self.destination_account_id,
            "idempotency_key": self.idempotency_key,
            "funding_instructions": self.funding_instructions,
            "reference": self.reference,
            "comment": self.comment,
            "created_at": iso(self.created_ms),
            "updated_at": iso(self.created_ms),
        })
    }
}
