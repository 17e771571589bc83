//! In-memory state of the Orchestration API: the store of every record
//! (users, orgs, memberships, credentials and everything orgs own; see
//! `model`) behind one lock, with its lookups, plus per-org request
//! activity (stats, log, injected faults).

use std::collections::{HashMap, VecDeque};
use std::sync::Mutex;

use serde_json::Value;

use super::fields::email_key;
use super::model::{
    Account, ApiKey, Challenge, Customer, Membership, Order, Org, RefreshToken, Role, Snapshot,
    User,
};
use crate::common::fault::Faults;
use crate::common::random;

/// Requests kept in each org's log.
pub(crate) const LOG_CAPACITY: usize = 1000;

/// Request activity attributed to one org.
#[derive(Debug, Default)]
pub(crate) struct Activity {
    /// `/api/v0` requests (including faulted ones).
    pub requests: u64,
    /// `POST /auth/refresh` calls, successful or not.
    pub refresh_calls: u64,
    /// `POST /auth/login` calls, successful or not.
    pub login_calls: u64,
    /// The most recent requests, oldest first.
    pub log: VecDeque<Value>,
    /// Queued injected faults by path.
    pub faults: Faults,
}

impl Activity {
    /// Appends a log entry, dropping the oldest beyond capacity.
    pub(crate) fn record(&mut self, entry: Value) {
        if self.log.len() >= LOG_CAPACITY {
            self.log.pop_front();
        }
        self.log.push_back(entry);
    }
}

/// Everything, behind the registry lock.
#[derive(Debug, Default)]
pub(crate) struct Store {
    /// Users by id.
    pub users: HashMap<String, User>,
    /// User ids by lower-cased email.
    pub emails: HashMap<String, String>,
    /// Orgs by id.
    pub orgs: HashMap<String, Org>,
    /// Memberships, in creation order.
    pub memberships: Vec<Membership>,
    /// API keys by id.
    pub api_keys: HashMap<String, ApiKey>,
    /// API key ids by secret hash.
    pub key_hashes: HashMap<String, String>,
    /// Refresh tokens by value.
    pub refresh_tokens: HashMap<String, RefreshToken>,
    /// MFA challenges by id.
    pub challenges: HashMap<String, Challenge>,
    /// End-user customers by id.
    pub customers: HashMap<String, Customer>,
    /// Attached accounts by id.
    pub accounts: HashMap<String, Account>,
    /// Quote snapshots by id.
    pub snapshots: HashMap<String, Snapshot>,
    /// Orders, oldest first.
    pub orders: Vec<Order>,
    /// Request activity by org id.
    pub activity: HashMap<String, Activity>,
}

impl Store {
    /// Adds a user and indexes their email.
    pub(crate) fn insert_user(&mut self, user: User) {
        self.emails.insert(email_key(&user.email), user.id.clone());
        self.users.insert(user.id.clone(), user);
    }

    /// The user registered under `email` (case-insensitive).
    pub(crate) fn user_id_by_email(&self, email: &str) -> Option<&str> {
        self.emails.get(&email_key(email)).map(String::as_str)
    }

    /// The active membership of `user_id` in `org_id`.
    pub(crate) fn membership(&self, org_id: &str, user_id: &str) -> Option<&Membership> {
        self.memberships
            .iter()
            .find(|m| m.org_id == org_id && m.user_id == user_id && m.deleted_ms.is_none())
    }

    /// The active membership of `user_id` in `org_id`, mutably.
    pub(crate) fn membership_mut(
        &mut self,
        org_id: &str,
        user_id: &str,
    ) -> Option<&mut Membership> {
        self.memberships
            .iter_mut()
            .find(|m| m.org_id == org_id && m.user_id == user_id && m.deleted_ms.is_none())
    }

    /// The role of `user_id` in `org_id`, if an active member.
    pub(crate) fn role_of(&self, org_id: &str, user_id: &str) -> Option<Role> {
        self.membership(org_id, user_id).map(|m| m.role)
    }

    /// Active memberships of a user, oldest first.
    pub(crate) fn memberships_of<'a>(
        &'a self,
        user_id: &'a str,
    ) -> impl Iterator<Item = &'a Membership> + 'a {
        self.memberships
            .iter()
            .filter(move |m| m.user_id == user_id && m.deleted_ms.is_none())
    }

    /// Active memberships of an org, oldest first.
    pub(crate) fn members_of<'a>(
        &'a self,
        org_id: &'a str,
    ) -> impl Iterator<Item = &'a Membership> + 'a {
        self.memberships
            .iter()
            .filter(move |m| m.org_id == org_id && m.deleted_ms.is_none())
    }

    /// The user's primary org: their oldest active membership.
    pub(crate) fn primary_org(&self, user_id: &str) -> Option<String> {
        self.memberships_of(user_id)
            .next()
            .map(|m| m.org_id.clone())
    }

    /// The activity record of an org (created on first use).
    pub(crate) fn activity_mut(&mut self, org_id: &str) -> &mut Activity {
        self.activity.entry(org_id.to_owned()).or_default()
    }
}

/// The Orchestration API's shared state.
#[derive(Debug)]
pub(crate) struct Registry {
    /// HS256 key of access tokens.
    pub jwt_secret: [u8; 32],
    /// Everything else.
    pub store: Mutex<Store>,
}

impl Default for Registry {
    fn default() -> Self {
        Self {
            jwt_secret: random::bytes::<32>(),
            store: Mutex::new(Store::default()),
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::orchestration::model::{hash_secret, Settings};

    #[test]
    fn passwords_and_memberships() {
        let mut store = Store::default();
        let mut user = User::new("A@x.io", Some("correct horse"), Settings::default(), 1);
        assert!(user.password_matches("correct horse"));
        assert!(!user.password_matches("wrong"));
        user.set_password("another one");
        assert!(user.password_matches("another one"));
        let id = user.id.clone();
        store.insert_user(user);
        assert_eq!(store.user_id_by_email("a@X.io"), Some(id.as_str()));
        for (org, deleted) in [("o1", Some(5)), ("o2", None), ("o3", None)] {
            store.memberships.push(Membership {
                org_id: org.into(),
                user_id: id.clone(),
                role: Role::Member,
                created_ms: 1,
                deleted_ms: deleted,
            });
        }
        assert_eq!(store.primary_org(&id).as_deref(), Some("o2"));
        assert_eq!(store.role_of("o1", &id), None);
        assert_eq!(store.role_of("o3", &id), Some(Role::Member));
        assert_eq!(hash_secret("abc").len(), 64);
    }
}
