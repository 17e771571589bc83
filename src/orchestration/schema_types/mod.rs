//! The documented response types of the Orchestration API, as [`Ty`] tables, and which one
//! each SDK method answers ([`OPS`]).
//!
//! Transcribed from the API reference ("### Types" and each endpoint's response). Where
//! the reference's own examples leave out a field its table lists, the field is optional here
//! (every documented example must pass); see the notes on those fields. Closed enums that
//! callers branch on (statuses, roles, kinds, discriminators) are checked strictly; free
//! enums of the KYB profile (industry, entity type, …) are plain strings so a new value on
//! the server does not break clients.
//!
//! One file per API area (`auth`, `orgs`, `customers`, `quotes`), so a type sits next to the
//! types it is built from; this file keeps only the table of which type each method answers.

mod auth;
mod customers;
mod orgs;
mod quotes;

use crate::core::schema::Ty::{self, Any};

use auth::{API_KEY_LIST, API_KEY_MINTED, AUTH_ME, LOGIN_RESPONSE, MFA_ENROLL, SIGNUP, TOKEN_PAIR};
use customers::{ACCOUNT, ACCOUNT_LIST, CUSTOMER_ENVELOPE, KYC_LINKS};
use orgs::{
    KYB_PROFILE, MEMBERSHIP, MEMBER_LIST, ORG, ORG_LIST, PROVIDER_STATE, PROVIDER_STATES,
    REFRESHED_LINK, USER,
};
use quotes::{ACCEPTED, CURRENCIES, ORDERS, RAILS, SNAPSHOT};

/// Every SDK method and the type of its 2xx body (`None`: it answers 204 No Content).
/// `health` has no documented body, so anything passes.
pub(crate) const OPS: &[(&str, Option<&Ty>)] = &[
    ("auth.signup", Some(&SIGNUP)),
    ("auth.login", Some(&LOGIN_RESPONSE)),
    ("auth.mfa.enroll", Some(&MFA_ENROLL)),
    ("auth.mfa.activate", None),
    ("auth.mfa.verify", Some(&TOKEN_PAIR)),
    ("auth.refresh", Some(&TOKEN_PAIR)),
    ("auth.logout", None),
    ("auth.me", Some(&AUTH_ME)),
    ("apiKeys.mint", Some(&API_KEY_MINTED)),
    ("apiKeys.list", Some(&API_KEY_LIST)),
    ("apiKeys.revoke", None),
    ("users.me", Some(&USER)),
    ("users.myOrders", Some(&ORDERS)),
    ("orgs.list", Some(&ORG_LIST)),
    ("orgs.get", Some(&ORG)),
    ("orgs.update", Some(&ORG)),
    ("orgs.members.list", Some(&MEMBER_LIST)),
    ("orgs.members.invite", Some(&MEMBERSHIP)),
    ("orgs.members.updateRole", Some(&MEMBERSHIP)),
    ("orgs.members.remove", None),
    ("orgs.kyb.profile", Some(&KYB_PROFILE)),
    ("orgs.kyb.setProfile", Some(&KYB_PROFILE)),
    ("orgs.kyb.submit", Some(&PROVIDER_STATES)),
    ("orgs.kyb.providers", Some(&PROVIDER_STATES)),
    ("orgs.kyb.refreshLink", Some(&REFRESHED_LINK)),
    ("orgs.kyb.resync", Some(&PROVIDER_STATE)),
    ("customers.create", Some(&CUSTOMER_ENVELOPE)),
    ("customers.get", Some(&CUSTOMER_ENVELOPE)),
    ("customers.refreshKycLinks", Some(&KYC_LINKS)),
    ("customers.createAccount", Some(&ACCOUNT)),
    ("customers.listAccounts", Some(&ACCOUNT_LIST)),
    ("customers.orders", Some(&ORDERS)),
    ("accounts.list", Some(&ACCOUNT_LIST)),
    ("accounts.get", Some(&ACCOUNT)),
    ("quotes.create", Some(&SNAPSHOT)),
    ("quotes.get", Some(&SNAPSHOT)),
    ("quotes.accept", Some(&ACCEPTED)),
    ("quotes.acceptBest", Some(&ACCEPTED)),
    ("rails", Some(&RAILS)),
    ("currencies", Some(&CURRENCIES)),
    ("health", Some(&Any)),
];
