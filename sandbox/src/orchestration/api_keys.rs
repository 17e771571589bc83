//! Org-scoped API keys under `/auth/api-keys`: mint (the secret is shown
//! once and only its hash is kept), list (revoked ones included, never a
//! secret) and revoke.

use serde_json::{json, Value};

use super::access::Scope;
use super::errors::{ok, Answer, ApiError, Code, Reply};
use super::fields::{opt_str, Body};
use super::ids;
use super::model::{hash_secret, ApiKey};
use super::state::Store;
use crate::common::random;

/// Longest label accepted.
const MAX_LABEL: usize = 80;

/// Mints a key (or registers `secret` when given) and returns it with its
/// plaintext secret.
pub(crate) fn create(
    store: &mut Store,
    org_id: &str,
    user_id: &str,
    label: &str,
    environment: &str,
    secret: Option<String>,
    now: i64,
) -> (ApiKey, String) {
    let short = if environment == "production" {
        "prod"
    } else {
        "sandbox"
    };
    let public = random::hex(&random::bytes::<3>())[..5].to_owned();
    let secret = secret.unwrap_or_else(|| {
        format!(
            "seismic_{short}_{public}_{}",
            random::hex(&random::bytes::<16>())
        )
    });
    let prefix = match secret.match_indices('_').nth(2) {
        Some((index, _)) => secret[..index].to_owned(),
        None => secret.chars().take(12).collect(),
    };
    let key = ApiKey {
        id: ids::uuid(),
        org_id: org_id.to_owned(),
        prefix,
        label: label.to_owned(),
        environment: environment.to_owned(),
        created_by: user_id.to_owned(),
        created_ms: now,
        last_used_ms: None,
        revoked_ms: None,
    };
    store
        .key_hashes
        .insert(hash_secret(&secret), key.id.clone());
    store.api_keys.insert(key.id.clone(), key.clone());
    (key, secret)
}

/// `POST /auth/api-keys {label, environment?}` → `ApiKeyMinted`.
pub(crate) fn mint(store: &mut Store, scope: &Scope, body: &Body, now: i64) -> Answer {
    let label = match body.get("label") {
        Some(Value::String(label)) => label.trim(),
        None | Some(Value::Null) => return Err(ApiError::missing(vec!["label".into()])),
        Some(_) => return Err(ApiError::invalid("label must be a string")),
    };
    let length = label.chars().count();
    if length == 0 || length > MAX_LABEL {
        return Err(ApiError::invalid(format!(
            "label must be 1–{MAX_LABEL} characters"
        )));
    }
    let environment = opt_str(body, "environment")?.unwrap_or("sandbox");
    if !matches!(environment, "production" | "sandbox") {
        return Err(ApiError::invalid(
            "environment must be \"production\" or \"sandbox\"",
        ));
    }
    let (key, secret) = create(
        store,
        &scope.org_id,
        &scope.user_id,
        label,
        environment,
        None,
        now,
    );
    let mut minted = key.to_json();
    if let Some(map) = minted.as_object_mut() {
        map.insert("secret".into(), Value::from(secret));
    }
    ok(minted)
}

/// `GET /auth/api-keys` → `{api_keys: [ApiKey]}`, oldest first.
pub(crate) fn list(store: &Store, scope: &Scope) -> Answer {
    let mut keys: Vec<&ApiKey> = store
        .api_keys
        .values()
        .filter(|key| key.org_id == scope.org_id)
        .collect();
    keys.sort_by(|a, b| a.created_ms.cmp(&b.created_ms).then(a.id.cmp(&b.id)));
    let keys: Vec<Value> = keys.into_iter().map(ApiKey::to_json).collect();
    ok(json!({ "api_keys": keys }))
}

/// `DELETE /auth/api-keys/{id}` → 204.
pub(crate) fn revoke(store: &mut Store, scope: &Scope, id: &str, now: i64) -> Answer {
    let key = store
        .api_keys
        .get_mut(id)
        .filter(|key| key.org_id == scope.org_id)
        .ok_or_else(|| ApiError::new(Code::ApiKeyNotFound, format!("no API key {id}")))?;
    if key.revoked_ms.is_some() {
        return Err(ApiError::new(
            Code::AlreadyRevoked,
            format!("API key {id} is already revoked"),
        ));
    }
    key.revoked_ms = Some(now);
    Ok(Reply::NoContent)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn secrets_and_prefixes() {
        let mut store = Store::default();
        let (key, secret) = create(&mut store, "o", "u", "ci", "production", None, 5);
        assert!(secret.starts_with("seismic_prod_"));
        assert!(secret.starts_with(&key.prefix));
        assert_eq!(key.prefix.len(), "seismic_prod_".len() + 5);
        assert_eq!(store.key_hashes.get(&hash_secret(&secret)), Some(&key.id));
        let (key, secret) = create(
            &mut store,
            "o",
            "u",
            "x",
            "sandbox",
            Some("given_key".into()),
            5,
        );
        assert_eq!(secret, "given_key");
        assert_eq!(key.prefix, "given_key");
        assert_eq!(key.to_json()["revoked_at"], Value::Null);
    }
}
