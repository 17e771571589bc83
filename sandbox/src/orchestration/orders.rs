//! Orders (`RampOrder`): created by accepting a quote, listed by
//! `GET /user/orders` and `GET /customers/orders` (newest first, at most
//! 200). Bank-funded orders wait for funds with funding instructions;
//! crypto-funded ones are pending.

use serde_json::{json, Value};

use super::access::Scope;
use super::amounts;
use super::catalog::RailKind;
use super::errors::{ok, Answer, ApiError};
use super::fields::Query;
use super::ids;
use super::model::Order;
use super::pricing::Leg;
use super::state::Store;
use crate::common::random::digits;

/// Most orders a listing returns.
pub(crate) const LIST_CAP: usize = 200;
/// Every `OrderStatus`.
const STATUSES: [&str; 8] = [
    "awaiting_funds",
    "pending",
    "processing",
    "completed",
    "expired",
    "failed",
    "canceled",
    "unknown",
];

/// The order an accepted leg becomes, placed by the scope's user.
pub(crate) fn from_leg(
    leg: &Leg,
    scope: &Scope,
    idempotency_key: Option<String>,
    reference: Option<String>,
    comment: Option<String>,
    now: i64,
) -> Order {
    let source = &leg.source;
    let destination = &leg.destination;
    let customer_id = source
        .account
        .as_ref()
        .or(destination.account.as_ref())
        .map(|account| account.customer_id.clone());
    let provider_order_id = format!("SBX-{}", ids::prefixed::<4>("").to_uppercase());
    let bank_funded = source.kind == RailKind::Fiat;
    let funding_instructions = if bank_funded {
        json!({
            "payment_rail": source.rail,
            "amount": amounts::money(leg.in_micros),
            "currency": source.currency.code,
            "bank_name": "Sandbox Bank, N.A.",
            "bank_routing_number": "021000021",
            "bank_account_number": digits(10),
            "bank_beneficiary_name": "Seismic Systems Inc.",
            "deposit_message": provider_order_id,
        })
    } else {
        Value::Null
    };
    let crypto_destination = destination.kind == RailKind::Crypto;
    Order {
        id: ids::uuid(),
        org_id: scope.org_id.clone(),
        user_id: scope.user_id.clone(),
        customer_id,
        provider: leg.provider.to_owned(),
        provider_order_id,
        direction: if crypto_destination {
            "on_ramp"
        } else {
            "off_ramp"
        },
        status: if bank_funded {
            "awaiting_funds"
        } else {
            "pending"
        },
        source_currency: source.currency.code.to_owned(),
        source_amount: amounts::money(leg.in_micros),
        destination_currency: destination.currency.code.to_owned(),
        destination_chain: crypto_destination.then(|| destination.rail.to_owned()),
        destination_address: destination.address.clone(),
        source_account_id: source.account.as_ref().map(|a| a.id.clone()),
        destination_account_id: destination.account.as_ref().map(|a| a.id.clone()),
        idempotency_key: idempotency_key.unwrap_or_else(ids::uuid),
        funding_instructions,
        reference,
        comment,
        created_ms: now,
    }
}

/// Orders matching `keep`, newest first, at most [`LIST_CAP`].
pub(crate) fn newest_first(store: &Store, keep: impl Fn(&Order) -> bool) -> Vec<Value> {
    store
        .orders
        .iter()
        .rev()
        .filter(|order| keep(order))
        .take(LIST_CAP)
        .map(Order::to_json)
        .collect()
}

/// `GET /customers/orders?customer_id&direction&status`.
pub(crate) fn for_org(store: &Store, scope: &Scope, query: &Query) -> Answer {
    let customer_id = query.first("customer_id");
    let direction = query.first("direction");
    if direction.is_some_and(|d| !matches!(d, "on_ramp" | "off_ramp")) {
        return Err(ApiError::invalid(
            "direction must be \"on_ramp\" or \"off_ramp\"",
        ));
    }
    let status = query.first("status");
    if status.is_some_and(|s| !STATUSES.contains(&s)) {
        return Err(ApiError::invalid(format!(
            "status must be one of {}",
            STATUSES.join(", ")
        )));
    }
    let list = newest_first(store, |order| {
        order.org_id == scope.org_id
            && customer_id.is_none_or(|id| order.customer_id.as_deref() == Some(id))
            && direction.is_none_or(|d| order.direction == d)
            && status.is_none_or(|s| order.status == s)
    });
    ok(Value::Array(list))
}
