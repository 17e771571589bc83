//! Card transactions: the `GET /v1/cards/transaction-list` query, and the
//! sandbox-only purchase simulation (authorization, settlement, decline)
//! with its `CARD_TRANSACTION.*` webhooks.

use std::time::SystemTime;

use serde_json::{json, Map, Value};

use super::calendar::period_start;
use super::cards::{self, paging};
use super::errors::ApiError;
use super::fields;
use super::ids;
use super::model::{CardStatus, LimitKind, Transaction, TxStatus, CONSUMPTION};
use super::request::{Answer, Ctx};
use super::state::Program;
use crate::common::clock::unix_ms;
use crate::common::money::parse_cents;

/// Default look-back of the transaction list: 180 days.
const DEFAULT_WINDOW_MS: i64 = 180 * 86_400_000;
/// Merchant name when the simulation names none.
const DEFAULT_MERCHANT: &str = "Sandbox Merchant";
/// Longest merchant name.
const MAX_MERCHANT: usize = 100;

/// Decline reasons of simulated authorizations.
pub(crate) mod reasons {
    /// The card is closed.
    pub(crate) const CARD_CLOSED: &str = "CARD_CLOSED";
    /// The card is frozen.
    pub(crate) const CARD_FROZEN: &str = "CARD_FROZEN";
    /// The card's velocity control refuses the amount.
    pub(crate) const VELOCITY: &str = "VELOCITY_LIMIT_EXCEEDED";
    /// The budget cannot cover the amount.
    pub(crate) const INSUFFICIENT_FUNDS: &str = "INSUFFICIENT_FUNDS";
    /// Declined on request (`outcome: "decline"`).
    pub(crate) const DECLINED: &str = "DECLINED_BY_ISSUER";
}

/// A Unix-ms bound from the query.
fn time_bound(query: &fields::Query, name: &str) -> Result<Option<i64>, ApiError> {
    match query.get(name).filter(|text| !text.is_empty()) {
        None => Ok(None),
        Some(text) => text
            .parse::<i64>()
            .ok()
            .filter(|ms| *ms >= 0)
            .map(Some)
            .ok_or_else(|| ApiError::invalid(format!("{name} must be a Unix timestamp in ms"))),
    }
}

/// `GET /v1/cards/transaction-list`: newest first, paginated, filtered.
pub(crate) fn list(program: &Program, ctx: &Ctx<'_>) -> Answer {
    let query = ctx.query;
    let account_id = fields::query(query, "accountId")?;
    let card_id = fields::query(query, "cardId")?;
    let (page, limit) = paging(query)?;
    let status = match query.get("status").filter(|text| !text.is_empty()) {
        None => None,
        Some(text) => Some(
            TxStatus::parse(text)
                .ok_or_else(|| ApiError::invalid("status must be PENDING, CLOSED or FAIL"))?,
        ),
    };
    let start = time_bound(query, "startTime")?
        .unwrap_or_else(|| unix_ms(ctx.now).saturating_sub(DEFAULT_WINDOW_MS));
    let end = time_bound(query, "endTime")?.unwrap_or(i64::MAX);
    let filter = |name: &str| query.get(name).filter(|text| !text.is_empty());
    let (id, client_id, kind) = (filter("id"), filter("clientTransactionId"), filter("type"));
    cards::find(program, account_id, card_id)?;
    let mut matches: Vec<&Transaction> = program
        .transactions
        .values()
        .filter(|tx| tx.card_id == card_id)
        .filter(|tx| id.is_none_or(|id| *id == tx.id))
        .filter(|tx| client_id.is_none_or(|c| tx.client_transaction_id.as_ref() == Some(c)))
        .filter(|_| kind.is_none_or(|kind| kind == CONSUMPTION))
        .filter(|tx| status.is_none_or(|status| status == tx.status))
        .filter(|tx| (start..=end).contains(&tx.created_ms))
        .collect();
    matches.sort_by_key(|tx| std::cmp::Reverse((tx.created_ms, tx.seq)));
    let total = matches.len();
    let list: Vec<Value> = matches
        .into_iter()
        .skip((page - 1).saturating_mul(limit))
        .take(limit)
        .map(Transaction::to_json)
        .collect();
    Ok(json!({ "total": total, "list": list }))
}

/// Why a sandbox purchase request was refused (answered as plain JSON).
#[derive(Debug, Clone, PartialEq, Eq)]
pub(crate) enum SimulationError {
    /// 400 with a message.
    Invalid(String),
    /// 404 with a message.
    NotFound(&'static str),
    /// 409 with a message.
    Conflict(&'static str),
}

/// Emits a `CARD_TRANSACTION.*` webhook for `tx`.
fn announce(program: &mut Program, event: &str, tx: &Transaction, now: SystemTime) {
    let data = json!({ "transaction": tx.to_json() });
    program.webhooks.emit(event, data, now);
}

/// The decline reason of an authorization, if it must fail.
fn decline_reason(
    program: &Program,
    card_id: &str,
    amount: i64,
    now_ms: i64,
) -> Option<&'static str> {
    let card = program.cards.get(card_id)?;
    match card.status {
        CardStatus::Closed => return Some(reasons::CARD_CLOSED),
        CardStatus::Frozen => return Some(reasons::CARD_FROZEN),
        CardStatus::Active => {}
    }
    if let Some(limit) = card.velocity {
        let since = match limit.kind {
            LimitKind::Transaction | LimitKind::None => None,
            LimitKind::Lifetime => Some(i64::MIN),
            LimitKind::Period(period) => Some(period_start(period, now_ms)),
        };
        let exceeded = match limit.kind {
            LimitKind::None => false,
            LimitKind::Transaction => amount > limit.amount_cents,
            _ => {
                let since = since.unwrap_or(i64::MIN);
                let spent: i64 = program
                    .transactions
                    .values()
                    .filter(|tx| tx.card_id == card_id && tx.status != TxStatus::Fail)
                    .filter(|tx| tx.created_ms >= since)
                    .map(|tx| tx.amount_cents)
                    .sum();
                spent.saturating_add(amount) > limit.amount_cents
            }
        };
        if exceeded {
            return Some(reasons::VELOCITY);
        }
    }
    let spendable = program
        .budgets
        .get(&card.budget_id)
        .map(|budget| budget.spendable_cents())
        .unwrap_or_default();
    (spendable < amount).then_some(reasons::INSUFFICIENT_FUNDS)
}

/// Moves a PENDING transaction to CLOSED (money leaves the budget) or
/// FAIL (the lock is released) and announces it.
fn finish(program: &mut Program, id: &str, settle: bool, now: SystemTime) -> Option<Value> {
    let tx = program.transactions.get_mut(id)?;
    tx.status = if settle {
        TxStatus::Closed
    } else {
        TxStatus::Fail
    };
    if !settle {
        tx.decline_reason = Some(reasons::DECLINED.to_owned());
    }
    tx.updated_ms = unix_ms(now).max(tx.created_ms);
    let (budget_id, amount) = (tx.budget_id.clone(), tx.amount_cents);
    let tx = tx.clone();
    if let Some(budget) = program.budgets.get_mut(&budget_id) {
        budget.locked_cents -= amount;
        if settle {
            budget.available_cents -= amount;
        }
    }
    announce(program, "CARD_TRANSACTION.UPDATED", &tx, now);
    Some(tx.to_json())
}

/// `POST /__sandbox/cards/purchase {accountId, cardId, amount,
/// merchantName?, outcome?: "settle"|"decline"|"pending", clientTransactionId?}`.
pub(crate) fn purchase(
    program: &mut Program,
    body: &Map<String, Value>,
    now: SystemTime,
) -> Result<Value, SimulationError> {
    let text = |name: &str| -> Result<&str, SimulationError> {
        match body.get(name) {
            Some(Value::String(text)) if !text.is_empty() => Ok(text),
            _ => Err(SimulationError::Invalid(format!("{name} is required"))),
        }
    };
    let optional = |name: &str| -> Result<Option<&str>, SimulationError> {
        match body.get(name) {
            None | Some(Value::Null) => Ok(None),
            Some(Value::String(text)) => Ok(Some(text)),
            Some(_) => Err(SimulationError::Invalid(format!("{name} must be a string"))),
        }
    };
    let account_id = text("accountId")?;
    let card_id = text("cardId")?;
    let amount = match body.get("amount") {
        Some(Value::String(text)) => parse_cents(text).filter(|cents| *cents > 0),
        _ => None,
    }
    .ok_or_else(|| {
        SimulationError::Invalid(
            "amount must be a positive decimal string with at most 2 decimals".into(),
        )
    })?;
    let merchant = optional("merchantName")?
        .filter(|name| !name.is_empty())
        .unwrap_or(DEFAULT_MERCHANT);
    if merchant.chars().count() > MAX_MERCHANT {
        return Err(SimulationError::Invalid(
            "merchantName must be at most 100 characters".into(),
        ));
    }
    let outcome = optional("outcome")?.unwrap_or("settle");
    if !matches!(outcome, "settle" | "decline" | "pending") {
        return Err(SimulationError::Invalid(
            "outcome must be \"settle\", \"decline\" or \"pending\"".into(),
        ));
    }
    let client_transaction_id = optional("clientTransactionId")?;
    let card = cards::find(program, account_id, card_id)
        .map_err(|_| SimulationError::NotFound("unknown card"))?;
    let budget_id = card.budget_id.clone();
    let now_ms = unix_ms(now);
    let reason = decline_reason(program, card_id, amount, now_ms);
    let tx = Transaction {
        id: ids::uuid(),
        card_id: card_id.to_owned(),
        budget_id: budget_id.clone(),
        client_transaction_id: client_transaction_id.map(str::to_owned),
        status: if reason.is_some() {
            TxStatus::Fail
        } else {
            TxStatus::Pending
        },
        amount_cents: amount,
        merchant_name: merchant.to_owned(),
        decline_reason: reason.map(str::to_owned),
        created_ms: now_ms,
        updated_ms: now_ms,
        seq: program.seq(),
    };
    if reason.is_none() {
        if let Some(budget) = program.budgets.get_mut(&budget_id) {
            budget.locked_cents += amount;
        }
    }
    let id = tx.id.clone();
    announce(program, "CARD_TRANSACTION.CREATED", &tx, now);
    let created = tx.to_json();
    program.transactions.insert(id.clone(), tx);
    if reason.is_some() || outcome == "pending" {
        return Ok(created);
    }
    finish(program, &id, outcome == "settle", now)
        .ok_or(SimulationError::NotFound("unknown transaction"))
}

/// `POST /__sandbox/cards/settle {transactionId}`: captures a PENDING
/// authorization.
pub(crate) fn settle(
    program: &mut Program,
    body: &Map<String, Value>,
    now: SystemTime,
) -> Result<Value, SimulationError> {
    let id = match body.get("transactionId") {
        Some(Value::String(id)) if !id.is_empty() => id.as_str(),
        _ => return Err(SimulationError::Invalid("transactionId is required".into())),
    };
    let tx = program
        .transactions
        .get(id)
        .ok_or(SimulationError::NotFound("unknown transaction"))?;
    if tx.status != TxStatus::Pending {
        return Err(SimulationError::Conflict("transaction is not PENDING"));
    }
    finish(program, id, true, now).ok_or(SimulationError::NotFound("unknown transaction"))
}
