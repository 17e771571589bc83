//! `POST /v1/business/transfer/external`: moves money between two USD
//! wallets of the program (e.g. master merchant → user).

use serde_json::{json, Map, Value};

use super::errors::ApiError;
use super::fields;
use super::ids;
use super::request::{Answer, Ctx};
use super::state::Program;
use crate::common::money::format_cents;

/// Reads `from` / `to` and returns the wallet id after checking that it
/// belongs to the named account.
fn endpoint(program: &Program, body: &Map<String, Value>, side: &str) -> Result<String, ApiError> {
    let Some(Value::Object(object)) = body.get(side) else {
        return Err(ApiError::invalid(side));
    };
    let field = |name: &str| {
        fields::required(object, name).map_err(|_| ApiError::invalid(format!("{side}.{name}")))
    };
    let account_id = field("accountId")?;
    let wallet_id = field("id")?;
    if field("currency")? != "USD" {
        return Err(ApiError::invalid(format!("{side}.currency must be USD")));
    }
    if !program.accounts.contains_key(account_id) {
        return Err(ApiError::NotFound("Account"));
    }
    program
        .wallets
        .get(wallet_id)
        .filter(|wallet| wallet.account_id == account_id)
        .map(|wallet| wallet.id.clone())
        .ok_or(ApiError::NotFound("Wallet"))
}

/// Performs the transfer.
pub(crate) fn external(program: &mut Program, ctx: &Ctx<'_>) -> Answer {
    let client_transaction_id = fields::required(ctx.body, "clientTransactionId")?;
    let amount = fields::amount(ctx.body, "amount")?;
    if let Some(Value::Object(from)) = ctx.body.get("from") {
        match from.get("businessType") {
            None | Some(Value::Null | Value::Number(_) | Value::String(_)) => {}
            Some(_) => return Err(ApiError::invalid("from.businessType")),
        }
    }
    let from = endpoint(program, ctx.body, "from")?;
    let to = endpoint(program, ctx.body, "to")?;
    if from == to {
        return Err(ApiError::invalid("from and to must be different wallets"));
    }
    let balance = program
        .wallets
        .get(&from)
        .map(|wallet| wallet.balance_cents)
        .unwrap_or_default();
    if balance < amount {
        return Err(ApiError::InsufficientBalance);
    }
    for (id, delta) in [(&from, -amount), (&to, amount)] {
        if let Some(wallet) = program.wallets.get_mut(id) {
            wallet.balance_cents += delta;
        }
    }
    Ok(json!({
        "transactionId": ids::uuid(),
        "clientTransactionId": client_transaction_id,
        "amount": format_cents(amount),
        "status": "SUCCESS",
    }))
}
