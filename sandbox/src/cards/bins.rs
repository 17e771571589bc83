//! `GET /v1/card/bins`: the BINs a program may issue from.

use serde_json::{json, Value};

use super::accounts;
use super::fields;
use super::model::Bin;
use super::request::{Answer, Ctx};
use super::state::Program;

/// Lists the program's BINs (the same for every account of it).
pub(crate) fn list(program: &Program, ctx: &Ctx<'_>) -> Answer {
    let account_id = fields::query(ctx.query, "accountId")?;
    accounts::find(program, account_id)?;
    let list: Vec<Value> = program.bins.iter().map(Bin::to_json).collect();
    Ok(json!({ "list": list }))
}
