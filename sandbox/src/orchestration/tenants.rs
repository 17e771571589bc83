//! Tenants: an org with an owner (MFA not enrolled), an API key minted by
//! that owner, and — unless asked otherwise — KYB approved on every
//! provider so quoting works at once.

use super::api_keys;
use super::ids;
use super::kyb;
use super::model::{hash_secret, Kyb, Membership, Org, Role, Settings, User};
use super::state::Registry;
use super::time::now_ms;
use crate::common::{lock, random};

/// What a tenant's caller needs.
#[derive(Debug, Clone, PartialEq, Eq)]
pub(crate) struct Credentials {
    /// Owner email.
    pub email: String,
    /// Owner password.
    pub password: String,
    /// An org API key minted by the owner.
    pub api_key: String,
    /// The org.
    pub org_id: String,
    /// The owner.
    pub user_id: String,
}

/// Random credentials: `owner+<hex>@sandbox.seismic.test`, a random
/// password, a `seismic_sandbox_…` key and an org UUID.
pub(crate) fn random_identity() -> (String, String, String, String) {
    let tag = random::hex(&random::bytes::<6>());
    (
        format!("owner+{tag}@sandbox.seismic.test"),
        format!("sbx-pass-{}", random::hex(&random::bytes::<8>())),
        format!(
            "seismic_sandbox_{}_{}",
            &tag[..5],
            random::hex(&random::bytes::<16>())
        ),
        ids::uuid(),
    )
}

/// Creates a tenant with the given identity.
pub(crate) fn create(
    registry: &Registry,
    settings: Settings,
    kyb_approved: bool,
    identity: (String, String, String, String),
) -> Result<Credentials, &'static str> {
    let (email, password, api_key, org_id) = identity;
    let now = now_ms();
    let mut store = lock(&registry.store);
    if store.user_id_by_email(&email).is_some() {
        return Err("email already registered");
    }
    if store.orgs.contains_key(&org_id) {
        return Err("org id already exists");
    }
    if store.key_hashes.contains_key(&hash_secret(&api_key)) {
        return Err("API key already exists");
    }
    let user = User::new(&email, Some(&password), settings, now);
    let user_id = user.id.clone();
    store.insert_user(user);
    let name = format!("Sandbox Org {}", &org_id[..8.min(org_id.len())]);
    let kyb = if kyb_approved {
        kyb::pre_approved(&name, now)
    } else {
        Kyb::unverified(now)
    };
    store.orgs.insert(
        org_id.clone(),
        Org {
            id: org_id.clone(),
            name,
            created_ms: now,
            updated_ms: now,
            settings,
            kyb,
        },
    );
    store.memberships.push(Membership {
        org_id: org_id.clone(),
        user_id: user_id.clone(),
        role: Role::Owner,
        created_ms: now,
        deleted_ms: None,
    });
    let (_, api_key) = api_keys::create(
        &mut store,
        &org_id,
        &user_id,
        "sandbox-default",
        "sandbox",
        Some(api_key),
        now,
    );
    Ok(Credentials {
        email,
        password,
        api_key,
        org_id,
        user_id,
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn creates_isolated_tenants() {
        let registry = Registry::default();
        let first = create(&registry, Settings::default(), true, random_identity());
        let first = first.unwrap_or_else(|e| panic!("{e}"));
        assert!(first.api_key.starts_with("seismic_sandbox_"));
        let second = create(&registry, Settings::default(), false, random_identity());
        let second = second.unwrap_or_else(|e| panic!("{e}"));
        assert_ne!(first.org_id, second.org_id);
        let mut duplicate = random_identity();
        duplicate.0 = first.email.clone();
        assert!(create(&registry, Settings::default(), true, duplicate).is_err());
        let store = lock(&registry.store);
        assert_eq!(
            store.role_of(&first.org_id, &first.user_id),
            Some(Role::Owner)
        );
        assert_eq!(store.role_of(&first.org_id, &second.user_id), None);
    }
}
