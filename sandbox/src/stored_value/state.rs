//! In-memory state of the stored-value API: merchants (one per API key),
//! their gift cards, transactions, idempotency records and faults.

use std::collections::{BTreeMap, HashMap};
use std::sync::{Arc, Mutex};
use std::time::SystemTime;

use axum::http::StatusCode;
use serde_json::{json, Map, Number, Value};

use super::codes::Code;
use super::ids;
use super::test_cards;
use crate::common::clock::unix_ms;
use crate::common::fault::Faults;
use crate::common::money::format_cents;
use crate::common::random;
use crate::common::tenants::TenantMap;

/// Name of every sandbox merchant.
pub(crate) const MERCHANT_NAME: &str = "Awesome Hardware";
/// Merchant id of the tenant from `Config` (the spec's example).
pub(crate) const DEFAULT_MERCHANT_ID: &str = "12345678954";
/// Address recorded on every transaction.
const IP_ADDRESS: &str = "127.0.0.1";

/// A stored-value account.
#[derive(Debug, Clone)]
pub(crate) struct Card {
    /// Working balance in cents.
    pub balance_cents: i64,
    /// Card currency.
    pub currency: &'static str,
    /// When it was issued (ISO with milliseconds).
    pub created_at: String,
}

/// What a transaction did.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(crate) enum Kind {
    /// Value added.
    Reload,
    /// Value deducted.
    Redemption,
    /// A previous transaction reversed.
    Cancel,
}

impl Kind {
    /// `transactionType` value.
    pub(crate) fn as_str(self) -> &'static str {
        match self {
            Self::Reload => "reload",
            Self::Redemption => "redemption",
            Self::Cancel => "cancel",
        }
    }
}

/// A recorded gift transaction.
#[derive(Debug, Clone)]
pub(crate) struct Transaction {
    /// `GCT_…` object id.
    pub id: String,
    /// `TXN_…` id returned when it was created.
    pub trans_id: String,
    /// Reload, redemption or cancel.
    pub kind: Kind,
    /// Card concerned.
    pub card_number: String,
    /// Amount applied, in cents (what was redeemed for a partial one).
    pub amount_cents: i64,
    /// Amount requested, in cents.
    pub original_cents: i64,
    /// Remainder to collect another way (status `109` only).
    pub customer_payment_cents: Option<i64>,
    /// Transaction currency.
    pub currency: &'static str,
    /// `status` / `statusMessage`.
    pub status: &'static str,
    /// Description of `status`.
    pub status_message: &'static str,
    /// Third-party authorization code.
    pub auth_code: String,
    /// Creation time, ms since the epoch (for date comparisons).
    pub created_ms: i64,
    /// Creation time, ISO with milliseconds.
    pub created_at: String,
    /// Whether a later cancel reversed it.
    pub cancelled: bool,
}

impl Transaction {
    /// A new transaction with fresh ids, created `now`.
    pub(crate) fn new(
        kind: Kind,
        card_number: &str,
        currency: &'static str,
        now: SystemTime,
    ) -> Self {
        Self {
            id: ids::ulid("GCT_", now),
            trans_id: ids::ulid("TXN_", now),
            kind,
            card_number: card_number.to_owned(),
            amount_cents: 0,
            original_cents: 0,
            customer_payment_cents: None,
            currency,
            status: Code::Approval.as_str(),
            status_message: Code::Approval.description(),
            auth_code: ids::auth_code(),
            created_ms: unix_ms(now),
            created_at: ids::iso_millis(now),
            cancelled: false,
        }
    }

    /// The spec's transaction object.
    pub(crate) fn object(&self, merchant_id: &str) -> Map<String, Value> {
        let mut object = json!({
            "id": self.id,
            "transactionType": self.kind.as_str(),
            "cardNumber": self.card_number,
            "amount": amount_number(self.amount_cents),
            "merchantId": merchant_id,
            "tranDate": self.created_at,
            "ipAddress": IP_ADDRESS,
            "amountOriginal": amount_number(self.original_cents),
            "status": self.status,
            "statusMessage": self.status_message,
            "authCode": self.auth_code,
            "transId": self.trans_id,
            "updatedAt": self.created_at,
            "createdAt": self.created_at,
            "currency": self.currency,
        });
        if let (Some(cents), Some(map)) = (self.customer_payment_cents, object.as_object_mut()) {
            map.insert("customerPayment".to_owned(), json!(format_cents(cents)));
        }
        match object {
            Value::Object(map) => map,
            _ => Map::new(),
        }
    }
}

/// Cents as a JSON number: an integer for whole amounts (`5`), otherwise
/// the shortest float that prints with the exact two decimals (`10.5`).
pub(crate) fn amount_number(cents: i64) -> Value {
    if cents % 100 == 0 {
        return Value::from(cents / 100);
    }
    format_cents(cents)
        .parse::<f64>()
        .ok()
        .and_then(Number::from_f64)
        .map_or(Value::Null, Value::Number)
}

/// A stored first answer for an `idempotencyKey`.
#[derive(Debug, Clone)]
pub(crate) struct IdempotencyRecord {
    /// Path of the first request.
    pub path: String,
    /// Its body without `idempotencyKey`, scalars as text.
    pub payload: Map<String, Value>,
    /// Status of the first answer.
    pub status: StatusCode,
    /// Body of the first answer.
    pub body: Value,
}

/// Everything one stored-value API key (merchant) owns.
#[derive(Debug)]
pub(crate) struct Tenant {
    /// Merchant identifier reported in responses.
    pub merchant_id: String,
    /// Cards by number.
    pub cards: BTreeMap<String, Card>,
    /// Transactions in creation order.
    pub transactions: Vec<Transaction>,
    /// `GCT_…` and `TXN_…` ids → index in `transactions`.
    index: HashMap<String, usize>,
    /// First answers by idempotency key.
    pub idempotency: HashMap<String, IdempotencyRecord>,
    /// Injected faults queued per path.
    pub faults: Faults,
    /// `/v2` requests received (including faulted ones).
    pub requests: u64,
}

impl Tenant {
    /// A merchant with every documented test card issued at $100.00 USD.
    pub(crate) fn new(merchant_id: String, now: SystemTime) -> Self {
        let created_at = ids::iso_millis(now);
        let cards = test_cards::all()
            .map(|number| {
                let card = Card {
                    balance_cents: test_cards::START_BALANCE_CENTS,
                    currency: "USD",
                    created_at: created_at.clone(),
                };
                (number.to_owned(), card)
            })
            .collect();
        Self {
            merchant_id,
            cards,
            transactions: Vec::new(),
            index: HashMap::new(),
            idempotency: HashMap::new(),
            faults: Faults::default(),
            requests: 0,
        }
    }

    /// Stores a transaction and returns its index.
    pub(crate) fn record(&mut self, transaction: Transaction) -> usize {
        let position = self.transactions.len();
        self.index.insert(transaction.id.clone(), position);
        self.index.insert(transaction.trans_id.clone(), position);
        self.transactions.push(transaction);
        position
    }

    /// Index of the transaction with `GCT_…` id or `TXN_…` transId `id`.
    pub(crate) fn find(&self, id: &str) -> Option<usize> {
        self.index.get(id).copied()
    }

    /// `{requests, transactions, cards: {number: balance}}` for the admin
    /// stats route.
    pub(crate) fn stats(&self) -> Value {
        let cards: Map<String, Value> = self
            .cards
            .iter()
            .map(|(number, card)| (number.clone(), json!(format_cents(card.balance_cents))))
            .collect();
        json!({
            "requests": self.requests,
            "transactions": self.transactions.len(),
            "cards": cards,
        })
    }
}

/// All stored-value tenants, by API key.
#[derive(Debug, Default)]
pub(crate) struct Registry {
    /// Tenants by API key.
    tenants: TenantMap<Tenant>,
}

impl Registry {
    /// Adds (or replaces) a tenant under `api_key`.
    pub(crate) fn insert(&self, api_key: String, tenant: Tenant) {
        self.tenants.insert(api_key, tenant);
    }

    /// Creates a tenant with a random API key and merchant id.
    /// Returns `(api_key, merchant_id)`.
    pub(crate) fn create(&self) -> (String, String) {
        let api_key = random::id::<16>("sbx_sv_");
        let merchant_id = ids::merchant_id();
        self.insert(
            api_key.clone(),
            Tenant::new(merchant_id.clone(), SystemTime::now()),
        );
        (api_key, merchant_id)
    }

    /// The tenant for `api_key`, if any.
    pub(crate) fn get(&self, api_key: &str) -> Option<Arc<Mutex<Tenant>>> {
        self.tenants.get(api_key)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn new_tenants_hold_every_test_card() {
        let tenant = Tenant::new("1".into(), SystemTime::now());
        assert_eq!(tenant.cards.len(), 24);
        for number in [
            "4242424242424242",
            "6006493880499919454",
            "2063025100999300",
        ] {
            let card = tenant
                .cards
                .get(number)
                .map(|c| (c.balance_cents, c.currency));
            assert_eq!(card, Some((10_000, "USD")), "{number}");
        }
    }

    #[test]
    fn amounts_as_numbers() {
        assert_eq!(amount_number(500).to_string(), "5");
        assert_eq!(amount_number(1050).to_string(), "10.5");
        assert_eq!(amount_number(1).to_string(), "0.01");
        assert_eq!(amount_number(999_999).to_string(), "9999.99");
        assert_eq!(amount_number(10).to_string(), "0.1");
    }

    #[test]
    fn records_are_found_by_both_ids() {
        let mut tenant = Tenant::new("1".into(), SystemTime::now());
        let tx = Transaction::new(Kind::Reload, "4242", "USD", SystemTime::now());
        let (id, trans_id) = (tx.id.clone(), tx.trans_id.clone());
        let at = tenant.record(tx);
        assert_eq!(tenant.find(&id), Some(at));
        assert_eq!(tenant.find(&trans_id), Some(at));
        assert_eq!(tenant.find("GCT_nope"), None);
    }
}
