//! End customers (with their KYC rows and hosted links) and the accounts attached to them.

use super::orgs::REVIEW_STATUS;
use crate::core::schema::Ty::{self, Arr, Enum, Nullable, Obj, Str};
use crate::core::schema::{opt, req};

// ---- Customers and accounts ----------------------------------------------------------

/// Account and customer-row status.
pub(crate) const ACCOUNT_STATUS: Ty = Enum(&["pending", "active", "disabled"]);

pub(crate) const ACCOUNT_TYPE: Ty = Enum(&[
    "us_bank_account",
    "external_digital_asset_wallet",
    "virtual_digital_asset_wallet",
    "iban",
    "upi",
]);

/// `Customer`.
const CUSTOMER: Ty = Obj(&[
    req("id", Str),
    req("org_id", Str),
    req("external_id", Str),
    req("type", Enum(&["individual", "business"])),
    req("email", Str),
    opt("first_name", Str),
    opt("last_name", Str),
    opt("legal_name", Str),
    req("created_at", Str),
    req("updated_at", Str),
]);

/// A hosted KYC link `{ url, expires_at? }`.
const KYC_LINK: Ty = Obj(&[req("url", Str), opt("expires_at", Str)]);

/// `CustomerKyc`.
const CUSTOMER_KYC: Ty = Obj(&[
    req("status", REVIEW_STATUS),
    req("link", Nullable(&KYC_LINK)),
]);

/// `CustomerProvider`.
const CUSTOMER_PROVIDER: Ty = Obj(&[
    req("provider", Str),
    req("provider_customer_id", Str),
    req("status", ACCOUNT_STATUS),
    req("kyc", CUSTOMER_KYC),
]);

/// Create / retrieve: `{ customer, providers }`. `providers` is absent from both REST
/// examples (the SDK examples read it): checked when present.
pub(crate) const CUSTOMER_ENVELOPE: Ty = Obj(&[
    req("customer", CUSTOMER),
    opt("providers", Arr(&CUSTOMER_PROVIDER)),
]);

/// `POST /customers/:id/kyc-link`: `{ links: [{ status, link }] }`.
pub(crate) const KYC_LINKS: Ty = Obj(&[req("links", Arr(&CUSTOMER_KYC))]);

/// `Account`.
pub(crate) const ACCOUNT: Ty = Obj(&[
    req("id", Str),
    req("ramp_customer_id", Str),
    req("provider", Str),
    req("provider_account_id", Str),
    req("account_type", ACCOUNT_TYPE),
    req("currencies", Arr(&Str)),
    req("rails", Arr(&Str)),
    req("status", ACCOUNT_STATUS),
    req("created_at", Str),
    req("updated_at", Str),
]);

pub(crate) const ACCOUNT_LIST: Ty = Obj(&[req("accounts", Arr(&ACCOUNT))]);
