//! `POST /api/v1/cards/create` and `POST /api/v1/cards/topup`.

use std::time::SystemTime;

use serde_json::{json, Map, Value};

use super::outcome::{Outcome, Slug};
use super::state::{Card, Order, Tenant};
use crate::common::clock::rfc3339;
use crate::common::money::{format_cents, parse_cents};
use crate::common::random;

/// The only supported currency.
const CURRENCY: &str = "USD";

/// Reads an amount given as a decimal string (or a plain JSON number) into
/// cents. `None` when malformed, negative or with more than two decimals.
fn amount_cents(value: &Value) -> Option<i64> {
    match value {
        Value::String(text) => parse_cents(text),
        Value::Number(number) => parse_cents(&number.to_string()),
        _ => None,
    }
}

/// A required non-empty string field.
fn required_str<'a>(payload: &'a Map<String, Value>, field: &str) -> Option<&'a str> {
    payload
        .get(field)
        .and_then(Value::as_str)
        .filter(|text| !text.is_empty())
}

/// Debits the master balance, records the order and returns its id.
fn record_order(
    tenant: &mut Tenant,
    kind: &'static str,
    card_id: &str,
    amount_cents: i64,
) -> String {
    tenant.master_balance_cents -= amount_cents;
    let order_id = random::id::<12>("ord_");
    tenant.orders.insert(
        order_id.clone(),
        Order {
            kind,
            card_id: card_id.to_owned(),
            amount_cents,
        },
    );
    order_id
}

/// Issues a card, optionally with an initial load debited from the master
/// balance.
pub(crate) fn create(
    tenant: &mut Tenant,
    payload: &Map<String, Value>,
    now: SystemTime,
) -> Outcome {
    let Some(external_user_id) = required_str(payload, "external_user_id") else {
        return Outcome::error(Slug::InvalidRequest, "external_user_id is required");
    };
    match payload.get("currency") {
        None | Some(Value::Null) => {}
        Some(Value::String(currency)) if currency == CURRENCY => {}
        Some(_) => return Outcome::error(Slug::InvalidRequest, "Only USD is supported"),
    }
    let amount_cents = match payload.get("amount") {
        None | Some(Value::Null) => 0,
        Some(value) => match amount_cents(value) {
            Some(cents) => cents,
            None => return Outcome::error(Slug::InvalidAmount, "Amount is invalid or negative"),
        },
    };
    if tenant.master_balance_cents < amount_cents {
        return Outcome::error(Slug::InsufficientFunds, "Insufficient master balance");
    }
    let card_id = random::id::<12>("card_");
    tenant.cards.insert(
        card_id.clone(),
        Card {
            external_user_id: external_user_id.to_owned(),
            balance_cents: amount_cents,
        },
    );
    let order_id = record_order(tenant, "card_create", &card_id, amount_cents);
    Outcome::ok(json!({
        "order_id": order_id,
        "type": "card_create",
        "status": "completed",
        "card_id": card_id,
        "external_user_id": external_user_id,
        "amount": format_cents(amount_cents),
        "currency": CURRENCY,
        "card_balance": format_cents(amount_cents),
        "created_at": rfc3339(now),
    }))
}

/// Moves `amount` from the master balance onto a card.
pub(crate) fn topup(tenant: &mut Tenant, payload: &Map<String, Value>, now: SystemTime) -> Outcome {
    let (Some(card_id), Some(amount)) = (required_str(payload, "card_id"), payload.get("amount"))
    else {
        return Outcome::error(Slug::InvalidRequest, "card_id and amount are required");
    };
    let external_user_id = match payload.get("external_user_id") {
        None | Some(Value::Null) => None,
        Some(Value::String(id)) => Some(id.as_str()),
        Some(_) => {
            return Outcome::error(Slug::InvalidRequest, "external_user_id must be a string")
        }
    };
    let Some(amount_cents) = amount_cents(amount).filter(|cents| *cents > 0) else {
        return Outcome::error(Slug::InvalidAmount, "Amount is invalid or negative");
    };
    let Some(card) = tenant.cards.get(card_id) else {
        return Outcome::error(Slug::CardNotFound, "Card not found");
    };
    if external_user_id.is_some_and(|id| id != card.external_user_id) {
        return Outcome::error(
            Slug::CardUserMismatch,
            "Card does not belong to the specified user",
        );
    }
    if tenant.master_balance_cents < amount_cents {
        return Outcome::error(Slug::InsufficientFunds, "Insufficient master balance");
    }
    let order_id = record_order(tenant, "card_topup", card_id, amount_cents);
    let Some(card) = tenant.cards.get_mut(card_id) else {
        return Outcome::error(Slug::InternalError, "Card disappeared");
    };
    card.balance_cents += amount_cents;
    let card_balance = card.balance_cents;
    Outcome::ok(json!({
        "order_id": order_id,
        "type": "card_topup",
        "status": "completed",
        "card_id": card_id,
        "amount": format_cents(amount_cents),
        "currency": CURRENCY,
        "card_balance": format_cents(card_balance),
        "created_at": rfc3339(now),
    }))
}
