//! `GET /v1/cards/wallets`: an account's USD wallet (none before init).

use serde_json::{json, Value};

use super::accounts;
use super::fields;
use super::request::{Answer, Ctx};
use super::state::Program;

/// Lists the account's wallets.
pub(crate) fn list(program: &Program, ctx: &Ctx<'_>) -> Answer {
    let account_id = fields::query(ctx.query, "accountId")?;
    let account = accounts::find(program, account_id)?;
    let list: Vec<Value> = account
        .wallet_id
        .as_ref()
        .and_then(|id| program.wallets.get(id))
        .map(|wallet| wallet.to_json())
        .into_iter()
        .collect();
    Ok(json!({ "list": list }))
}
