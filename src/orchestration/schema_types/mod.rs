//! The documented response types of the Orchestration API, as [`Ty`] tables; the rows of
//! `endpoints.rs` name which one each method answers.
//!
//! Transcribed from the API reference ("### Types" and each endpoint's response). Where
//! the reference's own examples leave out a field its table lists, the field is optional here
//! (every documented example must pass); see the notes on those fields. Closed enums that
//! callers branch on (statuses, roles, kinds, discriminators) are checked strictly; free
//! enums of the KYB profile (industry, entity type, …) are plain strings so a new value on
//! the server does not break clients.
//!
//! One file per API area (`auth`, `orgs`, `customers`, `quotes`), so a type sits next to the
//! types it is built from.

mod auth;
mod customers;
mod orgs;
mod quotes;

pub(crate) use auth::{
    API_KEY_LIST, API_KEY_MINTED, AUTH_ME, LOGIN_RESPONSE, MFA_ENROLL, SIGNUP, TOKEN_PAIR,
};
pub(crate) use customers::{ACCOUNT, ACCOUNT_LIST, CUSTOMER_ENVELOPE, KYC_LINKS};
pub(crate) use orgs::{
    KYB_PROFILE, MEMBERSHIP, MEMBER_LIST, ORG, ORG_LIST, PROVIDER_STATE, PROVIDER_STATES,
    REFRESHED_LINK, USER,
};
pub(crate) use quotes::{ACCEPTED, CURRENCIES, ORDERS, RAILS, SNAPSHOT};
