//! Who acts: dashboard users and their per-tenant timings, roles and
//! memberships, and the credentials they hold (API keys, refresh tokens,
//! MFA challenges).

use serde_json::{json, Value};
use sha2::{Digest, Sha256};

use crate::common::random;
use crate::orchestration::ids;
use crate::orchestration::time::iso;

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
            id: ids::uuid(),
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

impl ApiKey {
    /// The wire `ApiKey` (no secret).
    pub(crate) fn to_json(&self) -> Value {
        json!({
            "id": self.id,
            "org_id": self.org_id,
            "prefix": self.prefix,
            "label": self.label,
            "environment": self.environment,
            "created_by": self.created_by,
            "created_at": iso(self.created_ms),
            "last_used_at": self.last_used_ms.map(iso),
            "revoked_at": self.revoked_ms.map(iso),
        })
    }
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
}
