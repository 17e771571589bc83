//! Org members under `/org/members`: list, invite, change role, remove
//! (soft delete). Every org keeps at least one owner (`409 LastOwner`);
//! admins may only manage `member`/`viewer` rows.

use serde_json::{json, Value};

use super::access::Scope;
use super::errors::{ok, Answer, ApiError, Code, Reply};
use super::fields::{email_key, opt_str, req_str, valid_email, Body};
use super::model::{Membership, Role, User};
use super::state::Store;
use super::time::iso;

/// The wire `OrgMembership`.
fn membership_json(store: &Store, membership: &Membership) -> Value {
    let email = store
        .users
        .get(&membership.user_id)
        .map(|user| user.email.clone())
        .unwrap_or_default();
    json!({
        "org_id": membership.org_id,
        "user_id": membership.user_id,
        "email": email,
        "role": membership.role.as_str(),
        "created_at": iso(membership.created_ms),
    })
}

/// Active owners of an org.
fn owners(store: &Store, org_id: &str) -> usize {
    store
        .members_of(org_id)
        .filter(|m| m.role == Role::Owner)
        .count()
}

/// The 404 for users who are not active members.
fn not_member(user_id: &str) -> ApiError {
    ApiError::new(
        Code::MemberNotFound,
        format!("user {user_id} is not an active member of this org"),
    )
}

/// The 409 guarding the last owner.
fn last_owner() -> ApiError {
    ApiError::new(
        Code::LastOwner,
        "the org must keep at least one owner; promote someone else first",
    )
}

/// Whether a plain admin may touch a row with this role.
fn admin_may_manage(role: Role) -> bool {
    matches!(role, Role::Member | Role::Viewer)
}

/// `GET /org/members` → `{members: [OrgMembership]}`.
pub(crate) fn list(store: &Store, scope: &Scope) -> Answer {
    let members: Vec<Value> = store
        .members_of(&scope.org_id)
        .map(|m| membership_json(store, m))
        .collect();
    ok(json!({ "members": members }))
}

/// `POST /org/members {email, role?}` → the new `OrgMembership`.
pub(crate) fn invite(store: &mut Store, scope: &Scope, body: &Body, now: i64) -> Answer {
    let email = req_str(body, "email")?.trim();
    if !valid_email(email) {
        return Err(ApiError::invalid(format!("invalid email: {email}")));
    }
    let role = match opt_str(body, "role")? {
        None => Role::Member,
        Some("owner") => return Err(ApiError::invalid(
            "cannot invite as owner; promote an existing member with PATCH /org/members/{user_id}",
        )),
        Some(text) => Role::parse(text).ok_or_else(|| {
            ApiError::invalid("role must be one of \"admin\", \"member\", \"viewer\"")
        })?,
    };
    if scope.role == Role::Admin && !admin_may_manage(role) {
        return Err(ApiError::forbidden("only an owner can invite an admin"));
    }
    let user_id = match store.user_id_by_email(email) {
        Some(id) => id.to_owned(),
        None => {
            let settings = store
                .orgs
                .get(&scope.org_id)
                .map(|org| org.settings)
                .unwrap_or_default();
            let user = User::new(email, None, settings, now);
            let id = user.id.clone();
            store.insert_user(user);
            id
        }
    };
    if store.membership(&scope.org_id, &user_id).is_some() {
        return Err(ApiError::new(
            Code::AlreadyMember,
            format!("{} is already a member of this org", email_key(email)),
        ));
    }
    let membership = Membership {
        org_id: scope.org_id.clone(),
        user_id,
        role,
        created_ms: now,
        deleted_ms: None,
    };
    let answer = membership_json(store, &membership);
    store.memberships.push(membership);
    ok(answer)
}

/// `PATCH /org/members/{user_id} {role}` → the updated `OrgMembership`.
pub(crate) fn update_role(store: &mut Store, scope: &Scope, user_id: &str, body: &Body) -> Answer {
    let role = req_str(body, "role")?;
    let role = Role::parse(role).ok_or_else(|| {
        ApiError::invalid("role must be one of \"owner\", \"admin\", \"member\", \"viewer\"")
    })?;
    let current = store
        .role_of(&scope.org_id, user_id)
        .ok_or_else(|| not_member(user_id))?;
    if scope.role != Role::Owner && !(admin_may_manage(current) && admin_may_manage(role)) {
        return Err(ApiError::forbidden(
            "only an owner can change roles involving admin or owner",
        ));
    }
    if current == Role::Owner && role != Role::Owner && owners(store, &scope.org_id) <= 1 {
        return Err(last_owner());
    }
    let membership = store
        .membership_mut(&scope.org_id, user_id)
        .ok_or_else(|| not_member(user_id))?;
    membership.role = role;
    let membership = membership.clone();
    ok(membership_json(store, &membership))
}

/// `DELETE /org/members/{user_id}` → 204 (soft delete).
pub(crate) fn remove(store: &mut Store, scope: &Scope, user_id: &str, now: i64) -> Answer {
    let current = store
        .role_of(&scope.org_id, user_id)
        .ok_or_else(|| not_member(user_id))?;
    if scope.role != Role::Owner && !admin_may_manage(current) {
        return Err(ApiError::forbidden(
            "only an owner can remove an admin or owner",
        ));
    }
    if current == Role::Owner && owners(store, &scope.org_id) <= 1 {
        return Err(last_owner());
    }
    if let Some(membership) = store.membership_mut(&scope.org_id, user_id) {
        membership.deleted_ms = Some(now);
    }
    Ok(Reply::NoContent)
}
