//! In-memory state of the Orchestration API: users, orgs, memberships,
//! credentials and everything orgs own, behind one lock, plus per-org
//! request activity (stats, log, injected faults).

use std::collections::{HashMap, VecDeque};
use std::sync::Mutex;

use serde_json::Value;
use sha2::{Digest, Sha256};

use super::accounts::Account;
use super::customers::Customer;
use super::kyb::Kyb;
use super::orders::Order;
use super::quotes::Snapshot;
use crate::common::random;
use crate::envelope::state::Fault;

/// Requests kept in each org's log.
pub(crate) const LOG_CAPACITY: usize = 1000;

/// Per-tenant timings.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(crate) struct Settings {
    /// Access-token lifetime, seconds.
    pub access_ttl_secs: u64,
    /// Refresh-token lifetime, seconds.
    pub refresh_ttl_secs: u64,
    /// Delay before a quote snapshot is ready, milliseconds.
    pub quote_delay_ms: u64,
    /// How long ready quotes are honored, milliseconds.
    pub quote_ttl_ms: u64,
    /// Time for KYC/KYB reviews to reach a decision, milliseconds.
    pub kyc_delay_ms: u64,
}

impl Default for Settings {
    fn default() -> Self {
        Self {
            access_ttl_secs: 900,
            refresh_ttl_secs: 30 * 86_400,
            quote_delay_ms: 1500,
            quote_ttl_ms: 60_000,
            kyc_delay_ms: 1500,
        }
    }
}

/// A member's role, ordered by privilege.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord)]
pub(crate) enum Role {
    /// Read-only.
    Viewer,
    /// Operational: keys, quotes, customers.
    Member,
    /// Plus KYB, org settings and invitations.
    Admin,
    /// Everything, including role changes.
    Owner,
}

impl Role {
    /// Parses a wire role.
    pub(crate) fn parse(text: &str) -> Option<Self> {
        match text {
            "viewer" => Some(Self::Viewer),
            "member" => Some(Self::Member),
            "admin" => Some(Self::Admin),
            "owner" => Some(Self::Owner),
            _ => None,
        }
    }

    /// Wire name.
    pub(crate) fn as_str(self) -> &'static str {
        match self {
            Self::Viewer => "viewer",
            Self::Member => "member",
            Self::Admin => "admin",
            Self::Owner => "owner",
        }
    }
}

/// A dashboard user.
#[derive(Debug, Clone)]
pub(crate) struct User {
    /// UUID.
    pub id: String,
    /// Email as given.
    pub email: String,
    /// Salted SHA-256 of the password; `None` for invited users who have
    /// not signed up yet.
    pub password_hash: Option<[u8; 32]>,
    /// Password salt.
    pub salt: [u8; 16],
    /// The active TOTP secret.
    pub mfa_secret: Option<Vec<u8>>,
    /// A secret enrolled but not activated yet.
    pub pending_secret: Option<Vec<u8>>,
    /// Creation time, ms.
    pub created_ms: i64,
    /// Token lifetimes come from here.
    pub settings: Settings,
}

impl User {
    /// A user with `password` (or none, for an invitation placeholder).
    pub(crate) fn new(email: &str, password: Option<&str>, settings: Settings, now: i64) -> Self {
        let salt = random::bytes::<16>();
        Self {
            id: super::ids::uuid(),
            email: email.trim().to_owned(),
            password_hash: password.map(|password| hash_password(&salt, password)),
            salt,
            mfa_secret: None,
            pending_secret: None,
            created_ms: now,
            settings,
        }
    }

    /// Whether TOTP is active.
    pub(crate) fn mfa_active(&self) -> bool {
        self.mfa_secret.is_some()
    }

    /// Sets the password.
    pub(crate) fn set_password(&mut self, password: &str) {
        self.password_hash = Some(hash_password(&self.salt, password));
    }

    /// Whether `password` matches.
    pub(crate) fn password_matches(&self, password: &str) -> bool {
        self.password_hash
            .is_some_and(|hash| hash == hash_password(&self.salt, password))
    }
}

/// Salted SHA-256 of a password.
fn hash_password(salt: &[u8], password: &str) -> [u8; 32] {
    let mut hasher = Sha256::new();
    hasher.update(salt);
    hasher.update(password.as_bytes());
    hasher.finalize().into()
}

/// Hex SHA-256 of an API key secret (the only form we keep).
pub(crate) fn hash_secret(secret: &str) -> String {
    random::hex(&Sha256::digest(secret.as_bytes()))
}

/// An org (tenant).
#[derive(Debug, Clone)]
pub(crate) struct Org {
    /// UUID.
    pub id: String,
    /// Display name.
    pub name: String,
    /// Creation time, ms.
    pub created_ms: i64,
    /// Last update, ms.
    pub updated_ms: i64,
    /// Review and quote timings.
    pub settings: Settings,
    /// KYB profile and verification rows.
    pub kyb: Kyb,
}

/// A user's membership in an org (soft-deleted rows are kept).
#[derive(Debug, Clone)]
pub(crate) struct Membership {
    /// The org.
    pub org_id: String,
    /// The user.
    pub user_id: String,
    /// Current role.
    pub role: Role,
    /// Creation time, ms.
    pub created_ms: i64,
    /// Removal time, ms.
    pub deleted_ms: Option<i64>,
}

/// An org-scoped API key (the secret is only kept hashed).
#[derive(Debug, Clone)]
pub(crate) struct ApiKey {
    /// UUID.
    pub id: String,
    /// Owning org.
    pub org_id: String,
    /// Public prefix of the secret.
    pub prefix: String,
    /// Human label.
    pub label: String,
    /// `production` or `sandbox`.
    pub environment: String,
    /// Minting user.
    pub created_by: String,
    /// Mint time, ms.
    pub created_ms: i64,
    /// Last authenticated use, ms.
    pub last_used_ms: Option<i64>,
    /// Revocation time, ms.
    pub revoked_ms: Option<i64>,
}

/// A refresh token (rotated tokens are kept, marked revoked, so that their
/// reuse is recognised).
#[derive(Debug, Clone)]
pub(crate) struct RefreshToken {
    /// Owner.
    pub user_id: String,
    /// Expiry, ms.
    pub expires_ms: i64,
    /// Rotated or logged out.
    pub revoked: bool,
    /// Whether the session passed a TOTP challenge.
    pub mfa_passed: bool,
}

/// An MFA login challenge.
#[derive(Debug, Clone)]
pub(crate) struct Challenge {
    /// The user who passed the password step.
    pub user_id: String,
    /// Expiry, ms.
    pub expires_ms: i64,
    /// Wrong codes so far.
    pub failures: u32,
}

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
    pub faults: HashMap<String, VecDeque<Fault>>,
}

impl Activity {
    /// Appends a log entry, dropping the oldest beyond capacity.
    pub(crate) fn record(&mut self, entry: Value) {
        if self.log.len() >= LOG_CAPACITY {
            self.log.pop_front();
        }
        self.log.push_back(entry);
    }

    /// Pops the next fault queued for `path`.
    pub(crate) fn take_fault(&mut self, path: &str) -> Option<Fault> {
        let queue = self.faults.get_mut(path)?;
        let fault = queue.pop_front();
        if queue.is_empty() {
            self.faults.remove(path);
        }
        fault
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
        self.emails
            .insert(super::fields::email_key(&user.email), user.id.clone());
        self.users.insert(user.id.clone(), user);
    }

    /// The user registered under `email` (case-insensitive).
    pub(crate) fn user_id_by_email(&self, email: &str) -> Option<&str> {
        self.emails
            .get(&super::fields::email_key(email))
            .map(String::as_str)
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

    #[test]
    fn roles_order_and_parse() {
        assert!(Role::Owner > Role::Admin && Role::Admin > Role::Member);
        assert!(Role::Member > Role::Viewer);
        for role in [Role::Viewer, Role::Member, Role::Admin, Role::Owner] {
            assert_eq!(Role::parse(role.as_str()), Some(role));
        }
        assert_eq!(Role::parse("root"), None);
    }

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
