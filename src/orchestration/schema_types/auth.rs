//! Dashboard auth answers: signup, login (tokens or an MFA challenge), TOTP enrolment,
//! `auth/me`, and the org's API keys.

use crate::core::schema::Ty::{self, Arr, Bool, Nullable, Obj, Str, Tagged};
use crate::core::schema::{opt, req};

// ---- Auth ----------------------------------------------------------------------------

/// `TokenPair` (login with MFA off, `mfa/verify`, `refresh`).
pub(crate) const TOKEN_PAIR: Ty = Obj(&[
    req("access_token", Str),
    req("refresh_token", Str),
    req("access_expires_at", Str),
    req("refresh_expires_at", Str),
]);

/// `LoginResponse`: discriminated on `status`.
pub(crate) const LOGIN_RESPONSE: Ty = Tagged {
    tag: "status",
    variants: &[
        (
            "tokens",
            &[
                req("access_token", Str),
                req("refresh_token", Str),
                req("access_expires_at", Str),
                req("refresh_expires_at", Str),
            ],
        ),
        ("mfa_required", &[req("challenge_id", Str)]),
    ],
};

pub(crate) const SIGNUP: Ty = Obj(&[req("user_id", Str)]);
pub(crate) const MFA_ENROLL: Ty = Obj(&[req("provisioning_uri", Str), req("secret_base32", Str)]);
pub(crate) const AUTH_ME: Ty = Obj(&[req("user_id", Str), req("mfa_passed", Bool)]);

// ---- API keys ------------------------------------------------------------------------

/// `ApiKey`. `label` and `environment` are not in the table but appear in every example
/// (and are what mint takes): checked when present.
const API_KEY: Ty = Obj(&[
    req("id", Str),
    req("org_id", Str),
    req("prefix", Str),
    opt("label", Str),
    opt("environment", Str),
    req("created_by", Str),
    req("created_at", Str),
    req("last_used_at", Nullable(&Str)),
    req("revoked_at", Nullable(&Str)),
]);

/// `ApiKeyMinted`: all of `ApiKey` plus the plaintext `secret`.
pub(crate) const API_KEY_MINTED: Ty = Obj(&[
    req("id", Str),
    req("org_id", Str),
    req("prefix", Str),
    opt("label", Str),
    opt("environment", Str),
    req("created_by", Str),
    req("created_at", Str),
    req("last_used_at", Nullable(&Str)),
    req("revoked_at", Nullable(&Str)),
    req("secret", Str),
]);

pub(crate) const API_KEY_LIST: Ty = Obj(&[req("api_keys", Arr(&API_KEY))]);
