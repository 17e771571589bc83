//! `POST /v2/transactions` (reload, redemption, cancel) and
//! `GET /v2/transactions/{id}`.

use std::time::SystemTime;

use serde_json::{json, Map, Value};

use super::codes::Code;
use super::fields;
use super::outcome::Outcome;
use super::state::{Kind, Tenant, Transaction};
use crate::common::money::format_cents;

/// The only transaction type.
const GIFT: &str = "GIFT";
/// `statusDescription` of a successful cancel.
const CANCELLED: &str = "Cancelled";

/// Creates a gift transaction.
pub(crate) fn create(
    tenant: &mut Tenant,
    payload: &Map<String, Value>,
    now: SystemTime,
) -> Outcome {
    create_checked(tenant, payload, now).unwrap_or_else(Outcome::unprocessable)
}

/// The transaction object with `GCT_…` id or `TXN_…` transId `id`.
pub(crate) fn get(tenant: &Tenant, id: &str) -> Outcome {
    match tenant.find(id).and_then(|at| tenant.transactions.get(at)) {
        Some(transaction) => Outcome::ok(Value::Object(transaction.object(&tenant.merchant_id))),
        None => Outcome::not_found(
            Code::TransactionNotFound.description(),
            Some(Code::TransactionNotFound),
        ),
    }
}

/// [`create`] with validation failures as status codes.
fn create_checked(
    tenant: &mut Tenant,
    payload: &Map<String, Value>,
    now: SystemTime,
) -> Result<Outcome, Code> {
    let kind = fields::text(payload, "type").ok_or(Code::TypeRequired)?;
    if kind != GIFT {
        return Err(Code::TransactionTypeUnknown);
    }
    let method = fields::text(payload, "method").unwrap_or_default();
    let method = match method.as_str() {
        "reload" => Kind::Reload,
        "redemption" => Kind::Redemption,
        "cancel" => Kind::Cancel,
        _ => return Err(Code::TransactionTypeUnknown),
    };
    let currency = fields::currency(payload)?;
    match method {
        Kind::Reload => reload(tenant, payload, currency, now),
        Kind::Redemption => redeem(tenant, payload, currency, now),
        Kind::Cancel => cancel(tenant, payload, now),
    }
}

/// Card, amount and PIN of a reload or redemption.
fn card_and_amount(payload: &Map<String, Value>) -> Result<(String, i64), Code> {
    let number = fields::card_number(payload)?;
    let amount_cents = fields::amount(payload)?;
    fields::check_pin(payload)?;
    Ok((number, amount_cents))
}

/// Adds value to a card.
fn reload(
    tenant: &mut Tenant,
    payload: &Map<String, Value>,
    currency: &'static str,
    now: SystemTime,
) -> Result<Outcome, Code> {
    let (number, amount_cents) = card_and_amount(payload)?;
    let card = tenant.cards.get_mut(&number).ok_or(Code::CardNotFound)?;
    card.balance_cents = card
        .balance_cents
        .checked_add(amount_cents)
        .ok_or(Code::MaxBalanceExceeded)?;
    let mut transaction = Transaction::new(Kind::Reload, &number, currency, now);
    transaction.amount_cents = amount_cents;
    transaction.original_cents = amount_cents;
    Ok(respond(tenant, transaction))
}

/// Deducts value from a card; when the amount exceeds the balance, the
/// whole balance is redeemed and the rest is left to `customerPayment`.
fn redeem(
    tenant: &mut Tenant,
    payload: &Map<String, Value>,
    currency: &'static str,
    now: SystemTime,
) -> Result<Outcome, Code> {
    let (number, amount_cents) = card_and_amount(payload)?;
    let card = tenant.cards.get_mut(&number).ok_or(Code::CardNotFound)?;
    if card.balance_cents <= 0 {
        return Err(Code::InsufficientFunds);
    }
    let redeemed = amount_cents.min(card.balance_cents);
    card.balance_cents -= redeemed;
    let mut transaction = Transaction::new(Kind::Redemption, &number, currency, now);
    transaction.amount_cents = redeemed;
    transaction.original_cents = amount_cents;
    if redeemed < amount_cents {
        transaction.customer_payment_cents = Some(amount_cents - redeemed);
        transaction.status = Code::AdditionalPayment.as_str();
        transaction.status_message = Code::AdditionalPayment.description();
    }
    Ok(respond(tenant, transaction))
}

/// Records a reload or redemption and answers with its summary.
fn respond(tenant: &mut Tenant, transaction: Transaction) -> Outcome {
    let mut body = Map::new();
    let mut put = |name: &str, value: Value| {
        body.insert(name.to_owned(), value);
    };
    put("merchantId", json!(tenant.merchant_id));
    put("cardNumber", json!(transaction.card_number));
    put("amount", json!(format_cents(transaction.amount_cents)));
    put("currency", json!(transaction.currency));
    if let Some(cents) = transaction.customer_payment_cents {
        put("customerPayment", json!(format_cents(cents)));
    }
    put("status", json!(transaction.status));
    put("statusDescription", json!(transaction.status_message));
    put("createdAt", json!(transaction.created_at));
    put("transactionType", json!(transaction.kind.as_str()));
    put("transactionId", json!(transaction.trans_id));
    tenant.record(transaction);
    Outcome::ok(Value::Object(body))
}

/// Reverses a reload or redemption given its `transactionId` and the
/// `amount` it answered with.
fn cancel(
    tenant: &mut Tenant,
    payload: &Map<String, Value>,
    now: SystemTime,
) -> Result<Outcome, Code> {
    let id = fields::text(payload, "transactionId").ok_or(Code::TransactionNotFound)?;
    let amount_cents = fields::amount(payload)?;
    fields::check_pin(payload)?;
    let at = tenant.find(&id).ok_or(Code::TransactionNotFound)?;
    let original = tenant
        .transactions
        .get(at)
        .filter(|original| original.kind != Kind::Cancel)
        .ok_or(Code::TransactionNotFound)?;
    if original.cancelled {
        return Err(Code::TransactionCancelled);
    }
    if original.amount_cents != amount_cents {
        return Err(Code::InvalidAuthorization);
    }
    let (kind, number, currency) = (
        original.kind,
        original.card_number.clone(),
        original.currency,
    );
    let card = tenant.cards.get_mut(&number).ok_or(Code::CardNotFound)?;
    card.balance_cents = match kind {
        Kind::Reload if card.balance_cents < amount_cents => return Err(Code::InsufficientFunds),
        Kind::Reload => card.balance_cents - amount_cents,
        _ => card
            .balance_cents
            .checked_add(amount_cents)
            .ok_or(Code::MaxBalanceExceeded)?,
    };
    if let Some(original) = tenant.transactions.get_mut(at) {
        original.cancelled = true;
    }
    let mut transaction = Transaction::new(Kind::Cancel, &number, currency, now);
    transaction.amount_cents = amount_cents;
    transaction.original_cents = amount_cents;
    transaction.status = Code::TransactionCancelled.as_str();
    transaction.status_message = CANCELLED;
    let body = json!({
        "merchantId": tenant.merchant_id,
        "amount": format_cents(amount_cents),
        "currency": currency,
        "status": transaction.status,
        "statusDescription": CANCELLED,
        "createdAt": transaction.created_at,
        "transactionType": Kind::Cancel.as_str(),
        "transactionId": transaction.trans_id,
    });
    tenant.record(transaction);
    Ok(Outcome::ok(body))
}
