//! Orgs, their members and roles, the KYB profile and provider rows, and the user (whose
//! memberships carry the same roles).

use crate::core::schema::Ty::{self, Arr, Bool, Enum, Nullable, Num, Obj, Str};
use crate::core::schema::{opt, req};

// ---- Orgs, members, KYB --------------------------------------------------------------

/// `OrgRole`.
const ROLE: Ty = Enum(&["owner", "admin", "member", "viewer"]);

/// `KybStatus` (also the `CustomerKyc.status` set).
pub(crate) const REVIEW_STATUS: Ty = Enum(&[
    "not_started",
    "submitted",
    "under_review",
    "approved",
    "rejected",
]);

/// `OrgProvider`: the slim KYB row on the org.
const ORG_PROVIDER: Ty = Obj(&[req("provider", Str), req("kyb_status", REVIEW_STATUS)]);

/// `Org`. `providers` is in the table but absent from both examples (`GET /org`,
/// `GET /orgs`): checked when present.
pub(crate) const ORG: Ty = Obj(&[
    req("id", Str),
    req("name", Str),
    opt("providers", Arr(&ORG_PROVIDER)),
    req("created_at", Str),
    req("updated_at", Str),
]);

/// `GET /orgs`: `{ orgs: [{ org, role }] }`.
pub(crate) const ORG_LIST: Ty = Obj(&[req(
    "orgs",
    Arr(&Obj(&[req("org", ORG), req("role", ROLE)])),
)]);

/// `OrgMembership`.
pub(crate) const MEMBERSHIP: Ty = Obj(&[
    req("org_id", Str),
    req("user_id", Str),
    req("email", Str),
    req("role", ROLE),
    req("created_at", Str),
]);

pub(crate) const MEMBER_LIST: Ty = Obj(&[req("members", Arr(&MEMBERSHIP))]);

/// A hosted verification link `{ url, expires_at }` on a KYB row.
const KYB_LINK: Ty = Obj(&[req("url", Str), req("expires_at", Str)]);

/// `OrgProviderState`.
pub(crate) const PROVIDER_STATE: Ty = Obj(&[
    req("provider", Str),
    req("kyb_status", REVIEW_STATUS),
    req("kyb_link", Nullable(&KYB_LINK)),
    req("missing_fields", Arr(&Str)),
    req("last_synced_at", Str),
    req("provider_customer_id", Nullable(&Str)),
    req("rejection_reason", Nullable(&Str)),
]);

/// `{ providers: OrgProviderState[] }` (submit and providers).
pub(crate) const PROVIDER_STATES: Ty = Obj(&[req("providers", Arr(&PROVIDER_STATE))]);

/// `POST /org/kyb/providers/{p}/link`: `{ url, expires_at? }` (the SDK types `expires_at`
/// optional).
pub(crate) const REFRESHED_LINK: Ty = Obj(&[req("url", Str), opt("expires_at", Str)]);

/// The KYB profile's `Address` (`state` is only conditionally required).
const KYB_ADDRESS: Ty = Obj(&[
    req("line1", Str),
    opt("line2", Str),
    req("city", Str),
    opt("state", Str),
    req("postal_code", Str),
    req("country", Str),
]);

/// `KybProfile` (conditional fields are optional here: the server enforces them on save).
pub(crate) const KYB_PROFILE: Ty = Obj(&[
    req(
        "business",
        Obj(&[
            req("legal_name", Str),
            opt("trade_name", Str),
            req("entity_type", Str),
            req("industry", Str),
            req("registration_number", Str),
            req("tax_id", Str),
            req("country_of_registration", Str),
            opt("state_of_incorporation", Str),
            req("formation_date", Str),
            opt("website", Str),
        ]),
    ),
    req(
        "addresses",
        Obj(&[req("registered", KYB_ADDRESS), opt("physical", KYB_ADDRESS)]),
    ),
    req("contact", Obj(&[req("email", Str), req("phone", Str)])),
    req(
        "operations",
        Obj(&[
            req("business_jurisdictions", Arr(&Str)),
            req("funds_movement_jurisdictions", Arr(&Str)),
            req("primary_source_of_funds", Str),
            req("regulated_status", Str),
            opt("regulated_activity", Str),
            opt("account_purpose", Str),
            opt("estimated_annual_revenue_usd", Num),
        ]),
    ),
    req(
        "volumes",
        Obj(&[
            req("monthly_deposits", Num),
            req("monthly_withdrawals", Num),
            opt("monthly_crypto_deposits", Num),
            opt("monthly_crypto_withdrawals", Num),
            opt("monthly_investment_deposits", Num),
        ]),
    ),
    req("counterparties", Obj(&[req("counterparties", Arr(&Str))])),
    req(
        "associated_persons",
        Arr(&Obj(&[
            req("first_name", Str),
            req("last_name", Str),
            req("date_of_birth", Str),
            req("email", Str),
            req("phone", Str),
            req("address", KYB_ADDRESS),
            req("tax_id", Str),
            req("nationality", Str),
            req("citizenship", Str),
            req("ownership_percent", Num),
            req(
                "roles",
                Obj(&[
                    req("has_control", Bool),
                    req("is_signer", Bool),
                    req("is_director", Bool),
                ]),
            ),
        ])),
    ),
]);

// ---- Users ---------------------------------------------------------------------------

/// `GET /user`.
pub(crate) const USER: Ty = Obj(&[
    req("id", Str),
    req("email", Str),
    req("mfa_required", Bool),
    req("mfa_active", Bool),
    req("created_at", Str),
    req(
        "memberships",
        Arr(&Obj(&[
            req("org_id", Str),
            req("org_name", Str),
            req("role", ROLE),
        ])),
    ),
]);
