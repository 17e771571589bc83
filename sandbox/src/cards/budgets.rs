//! Budgets: create, get, and moving money between the account's USD
//! wallet and a budget (transfer-in / transfer-out).

use serde_json::json;

use super::accounts;
use super::errors::ApiError;
use super::fields;
use super::ids;
use super::model::Budget;
use super::request::{Answer, Ctx};
use super::state::Program;
use crate::common::money::format_cents;

/// Longest budget name.
const MAX_NAME: usize = 100;

/// `POST /v1/budgets {accountId, name, currency?}`.
pub(crate) fn create(program: &mut Program, ctx: &Ctx<'_>) -> Answer {
    let account_id = fields::required(ctx.body, "accountId")?;
    let name = fields::required(ctx.body, "name")?;
    if name.chars().count() > MAX_NAME {
        return Err(ApiError::invalid("name must be at most 100 characters"));
    }
    fields::usd(ctx.body, "currency")?;
    accounts::wallet_of(program, account_id)?;
    let budget = Budget {
        id: ids::uuid(),
        account_id: account_id.to_owned(),
        name: name.to_owned(),
        available_cents: 0,
        locked_cents: 0,
    };
    let answer = budget.to_json();
    program.budgets.insert(budget.id.clone(), budget);
    Ok(answer)
}

/// The budget `id` of `account_id`, or 40401.
pub(crate) fn find<'a>(
    program: &'a Program,
    account_id: &str,
    id: &str,
) -> Result<&'a Budget, ApiError> {
    program
        .budgets
        .get(id)
        .filter(|budget| budget.account_id == account_id)
        .ok_or(ApiError::NotFound("Budget"))
}

/// `GET /v1/budgets/{id}?accountId=`.
pub(crate) fn get(program: &Program, ctx: &Ctx<'_>, id: &str) -> Answer {
    let account_id = fields::query(ctx.query, "accountId")?;
    Ok(find(program, account_id, id)?.to_json())
}

/// Which way a budget transfer goes.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(crate) enum Direction {
    /// Wallet → budget.
    In,
    /// Budget → wallet.
    Out,
}

/// `POST /v1/budgets/{id}/transfer-in|transfer-out
/// {clientTransactionId, amount, accountId}`.
pub(crate) fn transfer(
    program: &mut Program,
    ctx: &Ctx<'_>,
    id: &str,
    direction: Direction,
) -> Answer {
    let client_transaction_id = fields::required(ctx.body, "clientTransactionId")?;
    let amount = fields::amount(ctx.body, "amount")?;
    let account_id = fields::required(ctx.body, "accountId")?;
    let budget = find(program, account_id, id)?;
    let wallet_id = accounts::wallet_of(program, account_id)?;
    let wallet_balance = program
        .wallets
        .get(&wallet_id)
        .map(|wallet| wallet.balance_cents)
        .unwrap_or_default();
    match direction {
        Direction::In if wallet_balance < amount => return Err(ApiError::InsufficientBalance),
        Direction::Out if budget.spendable_cents() < amount => {
            return Err(if budget.available_cents >= amount {
                ApiError::FundsLocked
            } else {
                ApiError::InsufficientBalance
            });
        }
        _ => {}
    }
    let delta = match direction {
        Direction::In => amount,
        Direction::Out => -amount,
    };
    if let Some(wallet) = program.wallets.get_mut(&wallet_id) {
        wallet.balance_cents -= delta;
    }
    let budget = program
        .budgets
        .get_mut(id)
        .ok_or(ApiError::NotFound("Budget"))?;
    budget.available_cents += delta;
    Ok(json!({
        "transactionId": ids::uuid(),
        "clientTransactionId": client_transaction_id,
        "budgetId": budget.id,
        "amount": format_cents(amount),
        "balance": budget.balance_json(),
    }))
}
