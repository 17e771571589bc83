//! Orgs: `GET /orgs` (the caller's memberships), `GET /org` and
//! `PATCH /org` (the org bound to the credential).

use serde_json::{json, Value};

use super::access::{Caller, Scope};
use super::errors::{ok, Answer, ApiError, Code};
use super::fields::Body;
use super::kyb;
use super::model::Org;
use super::state::Store;
use super::time::iso;

/// Longest org name accepted.
const MAX_NAME: usize = 80;

/// The wire `Org`.
pub(crate) fn org_json(org: &Org, now: i64) -> Value {
    json!({
        "id": org.id,
        "name": org.name,
        "providers": kyb::summary(org, now),
        "created_at": iso(org.created_ms),
        "updated_at": iso(org.updated_ms),
    })
}

/// The org of a scope (404 when it vanished).
pub(crate) fn org_of<'a>(store: &'a Store, scope: &Scope) -> Result<&'a Org, ApiError> {
    store
        .orgs
        .get(&scope.org_id)
        .ok_or_else(|| ApiError::new(Code::OrgNotFound, "org not found"))
}

/// The org of a scope, mutably.
pub(crate) fn org_of_mut<'a>(store: &'a mut Store, scope: &Scope) -> Result<&'a mut Org, ApiError> {
    store
        .orgs
        .get_mut(&scope.org_id)
        .ok_or_else(|| ApiError::new(Code::OrgNotFound, "org not found"))
}

/// `GET /orgs` → `{orgs: [{org, role}]}`.
pub(crate) fn list(store: &Store, caller: &Caller, now: i64) -> Answer {
    let orgs: Vec<Value> = store
        .memberships_of(&caller.user_id)
        .filter_map(|membership| {
            let org = store.orgs.get(&membership.org_id)?;
            Some(json!({ "org": org_json(org, now), "role": membership.role.as_str() }))
        })
        .collect();
    ok(json!({ "orgs": orgs }))
}

/// `GET /org`.
pub(crate) fn get(store: &Store, scope: &Scope, now: i64) -> Answer {
    ok(org_json(org_of(store, scope)?, now))
}

/// `PATCH /org {name?}`.
pub(crate) fn update(store: &mut Store, scope: &Scope, body: &Body, now: i64) -> Answer {
    let name = match body.get("name") {
        None | Some(Value::Null) => None,
        Some(Value::String(name)) => {
            let name = name.trim();
            let length = name.chars().count();
            if length == 0 || length > MAX_NAME {
                return Err(ApiError::invalid(format!(
                    "name must be 1–{MAX_NAME} characters"
                )));
            }
            Some(name.to_owned())
        }
        Some(_) => return Err(ApiError::invalid("name must be a string")),
    };
    let org = org_of_mut(store, scope)?;
    if let Some(name) = name {
        org.name = name;
        org.updated_ms = now;
    }
    ok(org_json(org, now))
}
