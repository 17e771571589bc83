//! `POST /v2/stored-value`, `DELETE /v2/stored-value/{card}` and
//! `POST /v2/stored-value/info`.

use std::time::SystemTime;

use serde_json::{json, Map, Value};

use super::codes::Code;
use super::fields;
use super::ids;
use super::outcome::Outcome;
use super::state::{Card, Tenant, MERCHANT_NAME};
use crate::common::money::format_cents;

/// Issues a new card holding `amount`.
pub(crate) fn create(
    tenant: &mut Tenant,
    payload: &Map<String, Value>,
    now: SystemTime,
) -> Outcome {
    let checked =
        fields::card_number(payload).and_then(|number| Ok((number, fields::amount(payload)?)));
    let (number, amount_cents) = match checked {
        Ok(found) => found,
        Err(code) => return Outcome::unprocessable(code),
    };
    if tenant.cards.contains_key(&number) {
        return Outcome::unprocessable(Code::CardAlreadyIssued);
    }
    let created_at = ids::iso_millis(now);
    tenant.cards.insert(
        number.clone(),
        Card {
            balance_cents: amount_cents,
            currency: fields::DEFAULT_CURRENCY,
            created_at: created_at.clone(),
        },
    );
    Outcome::ok(json!({
        "amount": format_cents(amount_cents),
        "cardNumber": number,
        "createdAt": created_at,
        "merchantId": tenant.merchant_id,
        "merchantName": MERCHANT_NAME,
    }))
}

/// Removes the card named by a (percent-decoded) path segment holding a
/// card number or track two data, answering with the card as it was.
pub(crate) fn delete(tenant: &mut Tenant, reference: &str) -> Outcome {
    let Some(number) = fields::card_from_reference(reference) else {
        return Outcome::unprocessable(Code::CardRequired);
    };
    let Some(card) = tenant.cards.remove(&number) else {
        return Outcome::unprocessable(Code::CardNotFound);
    };
    Outcome::ok(json!({
        "cardNumber": number,
        "amount": format_cents(card.balance_cents),
        "merchantName": MERCHANT_NAME,
        "merchantId": tenant.merchant_id,
        "createdAt": card.created_at,
    }))
}

/// Balance and status of a card.
pub(crate) fn info(tenant: &Tenant, payload: &Map<String, Value>) -> Outcome {
    let checked = fields::card_number(payload).and_then(|number| {
        fields::currency(payload)?;
        fields::check_pin(payload)?;
        Ok(number)
    });
    let number = match checked {
        Ok(number) => number,
        Err(code) => return Outcome::unprocessable(code),
    };
    let Some(card) = tenant.cards.get(&number) else {
        return Outcome::unprocessable(Code::CardNotFound);
    };
    Outcome::ok(json!({
        "merchantId": tenant.merchant_id,
        "cardNumber": number,
        "amount": format_cents(card.balance_cents),
        "currency": card.currency,
        "cardStatus": "Active",
        "createdAt": card.created_at,
    }))
}
