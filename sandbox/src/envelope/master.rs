//! `POST /api/v1/master/balance` (sandbox-only helper).

use serde_json::json;

use super::outcome::Outcome;
use super::state::Tenant;
use crate::common::money::format_cents;

/// The tenant's master wallet balance.
pub(crate) fn balance(tenant: &Tenant) -> Outcome {
    Outcome::ok(json!({
        "balance": format_cents(tenant.master_balance_cents),
        "currency": "USD",
    }))
}
