//! The user behind the credential: `GET /user` and `GET /user/orders`.

use serde_json::{json, Value};

use super::access::Caller;
use super::errors::{ok, Answer, ApiError};
use super::orders;
use super::state::Store;
use super::time::iso;

/// `GET /user` → profile, memberships and MFA state.
pub(crate) fn me(store: &Store, caller: &Caller) -> Answer {
    let user = store
        .users
        .get(&caller.user_id)
        .ok_or_else(|| ApiError::unauthorized("unknown user"))?;
    let memberships: Vec<Value> = store
        .memberships_of(&user.id)
        .filter_map(|membership| {
            let org = store.orgs.get(&membership.org_id)?;
            Some(json!({
                "org_id": org.id,
                "org_name": org.name,
                "role": membership.role.as_str(),
            }))
        })
        .collect();
    ok(json!({
        "id": user.id,
        "email": user.email,
        "mfa_required": false,
        "mfa_active": user.mfa_active(),
        "created_at": iso(user.created_ms),
        "memberships": memberships,
    }))
}

/// `GET /user/orders` → the user's orders, newest first, at most 200.
pub(crate) fn orders(store: &Store, caller: &Caller) -> Answer {
    let list = orders::newest_first(store, |order| order.user_id == caller.user_id);
    ok(Value::Array(list))
}
