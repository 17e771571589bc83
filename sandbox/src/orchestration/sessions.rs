//! Dashboard auth under `/auth`: signup, login (with the TOTP challenge
//! once MFA is active), MFA enrolment, rotating refresh tokens, logout and
//! the JWT claims endpoint.

use serde_json::{json, Map, Value};

use super::access::{Caller, Via};
use super::errors::{ok, Answer, ApiError, Code, Reply};
use super::fields::{email_key, req_str, valid_email, Body};
use super::ids;
use super::jwt::{self, Claims};
use super::model::{Challenge, RefreshToken, Settings, User};
use super::state::Store;
use super::time::{iso, secs_to_ms};
use super::totp;
use crate::common::random;

/// Minimum password length.
const MIN_PASSWORD: usize = 10;
/// Lifetime of an MFA challenge.
const CHALLENGE_TTL_MS: i64 = 5 * 60 * 1000;
/// Wrong codes a challenge survives.
const MAX_CHALLENGE_FAILURES: u32 = 5;

/// Issues a token pair for `user_id` and stores the refresh token.
fn issue_pair(
    store: &mut Store,
    secret: &[u8],
    user_id: &str,
    mfa_passed: bool,
    now: i64,
) -> Map<String, Value> {
    let settings = store
        .users
        .get(user_id)
        .map(|user| user.settings)
        .unwrap_or_default();
    let access_ms = now.saturating_add(secs_to_ms(settings.access_ttl_secs));
    // `exp` is whole seconds, rounded up so the token lives at least the TTL.
    let exp = access_ms.saturating_add(999) / 1000;
    let access = jwt::sign(
        secret,
        &Claims {
            user_id: user_id.to_owned(),
            mfa_passed,
            iat: now / 1000,
            exp,
        },
    );
    let refresh = ids::prefixed::<24>("rt_");
    let refresh_ms = now.saturating_add(secs_to_ms(settings.refresh_ttl_secs));
    store.refresh_tokens.insert(
        refresh.clone(),
        RefreshToken {
            user_id: user_id.to_owned(),
            expires_ms: refresh_ms,
            revoked: false,
            mfa_passed,
        },
    );
    let mut pair = Map::new();
    pair.insert("access_token".into(), Value::from(access));
    pair.insert("refresh_token".into(), Value::from(refresh));
    pair.insert("access_expires_at".into(), Value::from(iso(exp * 1000)));
    pair.insert("refresh_expires_at".into(), Value::from(iso(refresh_ms)));
    pair
}

/// `POST /auth/signup {email, password}` → `{user_id}`. A user invited
/// by email (no password yet) claims their row.
pub(crate) fn signup(store: &mut Store, body: &Body, now: i64) -> Answer {
    let email = req_str(body, "email")?;
    let password = body
        .get("password")
        .and_then(Value::as_str)
        .ok_or_else(|| ApiError::missing(vec!["password".into()]))?;
    if !valid_email(email.trim()) {
        return Err(ApiError::invalid(format!("invalid email: {email}")));
    }
    if password.chars().count() < MIN_PASSWORD {
        return Err(ApiError::new(
            Code::PasswordTooShort,
            format!("password must be at least {MIN_PASSWORD} characters"),
        ));
    }
    if let Some(id) = store.user_id_by_email(email).map(str::to_owned) {
        if let Some(user) = store
            .users
            .get_mut(&id)
            .filter(|u| u.password_hash.is_none())
        {
            user.set_password(password);
            return ok(json!({ "user_id": id }));
        }
        return Err(ApiError::new(
            Code::EmailAlreadyExists,
            format!("{} is already registered", email_key(email)),
        ));
    }
    let user = User::new(email, Some(password), Settings::default(), now);
    let id = user.id.clone();
    store.insert_user(user);
    ok(json!({ "user_id": id }))
}

/// `POST /auth/login {email, password}` → `{status: "tokens", …pair}` or
/// `{status: "mfa_required", challenge_id}`.
pub(crate) fn login(store: &mut Store, secret: &[u8], body: &Body, now: i64) -> Answer {
    let email = req_str(body, "email")?;
    let password = req_str(body, "password")?;
    let invalid = || ApiError::new(Code::InvalidCredentials, "invalid credentials");
    let user = store
        .user_id_by_email(email)
        .and_then(|id| store.users.get(id))
        .filter(|user| user.password_matches(password))
        .ok_or_else(invalid)?;
    let user_id = user.id.clone();
    if user.mfa_active() {
        let challenge_id = ids::prefixed::<10>("mfa_");
        store.challenges.insert(
            challenge_id.clone(),
            Challenge {
                user_id,
                expires_ms: now.saturating_add(CHALLENGE_TTL_MS),
                failures: 0,
            },
        );
        return ok(json!({ "status": "mfa_required", "challenge_id": challenge_id }));
    }
    let mut pair = Map::new();
    pair.insert("status".into(), Value::from("tokens"));
    pair.extend(issue_pair(store, secret, &user_id, false, now));
    ok(Value::Object(pair))
}

/// `POST /auth/mfa/enroll` → `{provisioning_uri, secret_base32}`.
pub(crate) fn enroll(store: &mut Store, caller: &Caller) -> Answer {
    let user = store
        .users
        .get_mut(&caller.user_id)
        .ok_or_else(|| ApiError::unauthorized("unknown user"))?;
    if user.mfa_active() {
        return Err(ApiError::new(
            Code::MfaAlreadyActive,
            "TOTP is already active for this account",
        ));
    }
    let secret = random::bytes::<20>().to_vec();
    let encoded = totp::base32_encode(&secret);
    user.pending_secret = Some(secret);
    let uri = format!(
        "otpauth://totp/Seismic:{}?secret={encoded}&issuer=Seismic&algorithm=SHA1&digits=6&period=30",
        user.email
    );
    ok(json!({ "provisioning_uri": uri, "secret_base32": encoded }))
}

/// `POST /auth/mfa/activate {code}` → 204.
pub(crate) fn activate(store: &mut Store, caller: &Caller, body: &Body, now: i64) -> Answer {
    let code = req_str(body, "code")?;
    let user = store
        .users
        .get_mut(&caller.user_id)
        .ok_or_else(|| ApiError::unauthorized("unknown user"))?;
    let Some(secret) = user.pending_secret.clone() else {
        return Err(ApiError::invalid(
            "no pending TOTP enrollment; call POST /auth/mfa/enroll first",
        ));
    };
    if !totp::verify(&secret, code, now / 1000) {
        return Err(ApiError::invalid("invalid TOTP code"));
    }
    user.mfa_secret = Some(secret);
    user.pending_secret = None;
    Ok(Reply::NoContent)
}

/// `POST /auth/mfa/verify {challenge_id, code}` → token pair.
pub(crate) fn verify(store: &mut Store, secret: &[u8], body: &Body, now: i64) -> Answer {
    let challenge_id = req_str(body, "challenge_id")?;
    let code = req_str(body, "code")?;
    let refuse = |message: &str| ApiError::new(Code::MfaChallengeInvalid, message);
    let challenge = store
        .challenges
        .get_mut(challenge_id)
        .ok_or_else(|| refuse("unknown or already used MFA challenge"))?;
    if now >= challenge.expires_ms {
        store.challenges.remove(challenge_id);
        return Err(refuse("MFA challenge expired; log in again"));
    }
    let user_id = challenge.user_id.clone();
    let totp_secret = store.users.get(&user_id).and_then(|u| u.mfa_secret.clone());
    let valid = totp_secret.is_some_and(|s| totp::verify(&s, code, now / 1000));
    if !valid {
        if let Some(challenge) = store.challenges.get_mut(challenge_id) {
            challenge.failures += 1;
            if challenge.failures >= MAX_CHALLENGE_FAILURES {
                store.challenges.remove(challenge_id);
            }
        }
        return Err(refuse("invalid TOTP code"));
    }
    store.challenges.remove(challenge_id);
    ok(Value::Object(issue_pair(
        store, secret, &user_id, true, now,
    )))
}

/// `POST /auth/refresh {refresh_token}` → a new pair; the old token dies.
pub(crate) fn refresh(store: &mut Store, secret: &[u8], body: &Body, now: i64) -> Answer {
    let token = req_str(body, "refresh_token")?;
    let refuse = |message: &str| ApiError::new(Code::RefreshTokenInvalid, message);
    let entry = store
        .refresh_tokens
        .get_mut(token)
        .ok_or_else(|| refuse("unknown refresh token"))?;
    if entry.revoked {
        return Err(refuse("refresh token was rotated or revoked"));
    }
    if now >= entry.expires_ms {
        return Err(refuse("refresh token expired"));
    }
    entry.revoked = true;
    let user_id = entry.user_id.clone();
    // A session that passed MFA stays MFA-passed across rotations.
    let mfa_passed = entry.mfa_passed;
    ok(Value::Object(issue_pair(
        store, secret, &user_id, mfa_passed, now,
    )))
}

/// `POST /auth/logout {refresh_token}` → 204 (unknown tokens too).
pub(crate) fn logout(store: &mut Store, body: &Body) -> Answer {
    let token = req_str(body, "refresh_token")?;
    if let Some(entry) = store.refresh_tokens.get_mut(token) {
        entry.revoked = true;
    }
    Ok(Reply::NoContent)
}

/// `GET /auth/me` → `{user_id, mfa_passed}` (`false` for API keys).
pub(crate) fn me(caller: &Caller) -> Answer {
    let mfa_passed = matches!(
        caller.via,
        Via::Bearer {
            mfa_passed: true,
            ..
        }
    );
    ok(json!({ "user_id": caller.user_id, "mfa_passed": mfa_passed }))
}
