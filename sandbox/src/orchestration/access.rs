//! Credentials: `Api-Key` (org-scoped) or `Authorization: Bearer` (JWT
//! access token, org from `X-Org-Id` or the primary membership), never
//! both; and which org a request is attributed to for stats, logs and
//! faults.

use axum::http::{header, HeaderMap};
use serde_json::Value;

use super::errors::{ApiError, Code};
use super::fields::Body;
use super::jwt::{self, TokenError};
use super::model::{hash_secret, Role};
use super::routes::Route;
use super::state::Store;

/// Header carrying an API key.
pub(crate) const API_KEY: &str = "api-key";
/// Header selecting the org of a dashboard session.
pub(crate) const ORG_HEADER: &str = "x-org-id";

/// The credential headers a request carries.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(crate) enum Presented<'a> {
    /// Neither header.
    Nothing,
    /// `Api-Key: …`.
    ApiKey(&'a str),
    /// `Authorization: Bearer …`.
    Bearer(&'a str),
    /// An `Authorization` header that is not a bearer token.
    OtherAuthorization,
    /// Both an API key and a bearer token.
    Both,
}

/// A non-empty, trimmed header value.
fn header_text<'a>(headers: &'a HeaderMap, name: &str) -> Option<&'a str> {
    headers
        .get(name)
        .and_then(|value| value.to_str().ok())
        .map(str::trim)
        .filter(|value| !value.is_empty())
}

/// Reads the credential headers.
pub(crate) fn presented(headers: &HeaderMap) -> Presented<'_> {
    let api_key = header_text(headers, API_KEY);
    let bearer = header_text(headers, header::AUTHORIZATION.as_str()).map(|value| {
        match value.split_once(' ') {
            Some((scheme, token)) if scheme.eq_ignore_ascii_case("bearer") => Some(token.trim()),
            _ => None,
        }
    });
    match (api_key, bearer) {
        (Some(_), Some(Some(_))) => Presented::Both,
        (Some(key), _) => Presented::ApiKey(key),
        (None, Some(Some(token))) if !token.is_empty() => Presented::Bearer(token),
        (None, Some(_)) => Presented::OtherAuthorization,
        (None, None) => Presented::Nothing,
    }
}

/// How the caller authenticated.
#[derive(Debug, Clone, PartialEq, Eq)]
pub(crate) enum Via {
    /// An API key (its id and org).
    ApiKey {
        /// Key id.
        key_id: String,
        /// The key's org.
        org_id: String,
    },
    /// A dashboard access token.
    Bearer {
        /// The token's `mfa_passed` claim.
        mfa_passed: bool,
        /// `X-Org-Id`, when sent.
        requested_org: Option<String>,
    },
}

/// An authenticated caller: the user behind the credential (for an API
/// key, the user who minted it).
#[derive(Debug, Clone, PartialEq, Eq)]
pub(crate) struct Caller {
    /// The user.
    pub user_id: String,
    /// The credential.
    pub via: Via,
}

/// The org a request acts on and the caller's role in it.
#[derive(Debug, Clone, PartialEq, Eq)]
pub(crate) struct Scope {
    /// The org.
    pub org_id: String,
    /// The caller's role there.
    pub role: Role,
    /// The caller.
    pub user_id: String,
}

/// Authenticates a request to a protected route.
pub(crate) fn authenticate(
    store: &mut Store,
    secret: &[u8],
    headers: &HeaderMap,
    now: i64,
) -> Result<Caller, ApiError> {
    match presented(headers) {
        Presented::Nothing => Err(ApiError::unauthorized(
            "missing credentials: send Api-Key or Authorization: Bearer",
        )),
        Presented::Both => Err(both()),
        Presented::OtherAuthorization => Err(ApiError::unauthorized(
            "the Authorization header must be `Bearer <access token>`",
        )),
        Presented::ApiKey(secret_text) => {
            let key = store
                .key_hashes
                .get(&hash_secret(secret_text))
                .and_then(|id| store.api_keys.get_mut(id))
                .ok_or_else(|| ApiError::unauthorized("invalid API key"))?;
            if key.revoked_ms.is_some() {
                return Err(ApiError::new(
                    Code::ApiKeyRevoked,
                    format!("API key {} was revoked; mint a fresh one", key.prefix),
                ));
            }
            key.last_used_ms = Some(now);
            Ok(Caller {
                user_id: key.created_by.clone(),
                via: Via::ApiKey {
                    key_id: key.id.clone(),
                    org_id: key.org_id.clone(),
                },
            })
        }
        Presented::Bearer(token) => {
            let claims = jwt::verify(secret, token, now).map_err(|error| match error {
                TokenError::Expired => ApiError::unauthorized("access token expired"),
                TokenError::Invalid => ApiError::unauthorized("invalid access token"),
            })?;
            if !store.users.contains_key(&claims.user_id) {
                return Err(ApiError::unauthorized("invalid access token"));
            }
            Ok(Caller {
                user_id: claims.user_id,
                via: Via::Bearer {
                    mfa_passed: claims.mfa_passed,
                    requested_org: header_text(headers, ORG_HEADER).map(str::to_owned),
                },
            })
        }
    }
}

/// The 400 for requests carrying both credentials.
pub(crate) fn both() -> ApiError {
    ApiError::new(
        Code::BothCredsProvided,
        "send either Api-Key or Authorization: Bearer, not both",
    )
}

/// Resolves the org a caller acts on, requiring at least `min` there.
pub(crate) fn scope(store: &Store, caller: &Caller, min: Role) -> Result<Scope, ApiError> {
    let org_id = match &caller.via {
        Via::ApiKey { org_id, .. } => Some(org_id.clone()),
        Via::Bearer {
            requested_org: Some(org_id),
            ..
        } => Some(org_id.clone()),
        Via::Bearer {
            requested_org: None,
            ..
        } => store.primary_org(&caller.user_id),
    };
    let org_id = org_id
        .filter(|org_id| store.orgs.contains_key(org_id))
        .ok_or_else(|| ApiError::new(Code::OrgNotFound, "no org is bound to this credential"))?;
    let role = store
        .role_of(&org_id, &caller.user_id)
        .ok_or_else(|| ApiError::new(Code::NotOrgMember, "you are not a member of this org"))?;
    if role < min {
        return Err(ApiError::forbidden(format!(
            "this action requires the {} role or higher (you are {})",
            min.as_str(),
            role.as_str()
        )));
    }
    Ok(Scope {
        org_id,
        role,
        user_id: caller.user_id.clone(),
    })
}

/// The org a request is attributed to (for stats, the log and faults),
/// without validating it: the API key's org, the session's org, or —
/// for the unauthenticated auth routes — the primary org of the user the
/// body names.
pub(crate) fn attribute(
    store: &Store,
    secret: &[u8],
    headers: &HeaderMap,
    route: &Route,
    body: Option<&Body>,
) -> Option<String> {
    let user_org = |user_id: &str| store.primary_org(user_id);
    match presented(headers) {
        Presented::ApiKey(_) | Presented::Both => {
            let secret_text = header_text(headers, API_KEY)?;
            return store
                .key_hashes
                .get(&hash_secret(secret_text))
                .and_then(|id| store.api_keys.get(id))
                .map(|key| key.org_id.clone());
        }
        Presented::Bearer(token) => {
            let claims = jwt::verify_signature(secret, token).ok()?;
            let requested = header_text(headers, ORG_HEADER)
                .filter(|org| store.role_of(org, &claims.user_id).is_some());
            return requested
                .map(str::to_owned)
                .or_else(|| user_org(&claims.user_id));
        }
        Presented::Nothing | Presented::OtherAuthorization => {}
    }
    let text = |name: &str| body.and_then(|b| b.get(name)).and_then(Value::as_str);
    match route {
        Route::Login => store.user_id_by_email(text("email")?).and_then(user_org),
        Route::Refresh | Route::Logout => store
            .refresh_tokens
            .get(text("refresh_token")?)
            .and_then(|token| user_org(&token.user_id)),
        Route::MfaVerify => store
            .challenges
            .get(text("challenge_id")?)
            .and_then(|challenge| user_org(&challenge.user_id)),
        _ => None,
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use axum::http::HeaderValue;

    fn headers(pairs: &[(&'static str, &'static str)]) -> HeaderMap {
        let mut map = HeaderMap::new();
        for (name, value) in pairs {
            map.insert(*name, HeaderValue::from_static(value));
        }
        map
    }

    #[test]
    fn reads_credentials() {
        assert_eq!(presented(&headers(&[])), Presented::Nothing);
        assert_eq!(
            presented(&headers(&[("api-key", "k")])),
            Presented::ApiKey("k")
        );
        assert_eq!(
            presented(&headers(&[("authorization", "Bearer t")])),
            Presented::Bearer("t")
        );
        assert_eq!(
            presented(&headers(&[("authorization", "bearer t")])),
            Presented::Bearer("t")
        );
        assert_eq!(
            presented(&headers(&[("authorization", "Basic x")])),
            Presented::OtherAuthorization
        );
        assert_eq!(
            presented(&headers(&[("api-key", "k"), ("authorization", "Bearer t")])),
            Presented::Both
        );
        assert_eq!(
            presented(&headers(&[("api-key", "k"), ("authorization", "Basic x")])),
            Presented::ApiKey("k")
        );
    }
}
