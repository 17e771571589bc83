//! The documented response types of the Orchestration API, as [`Ty`] tables, and which one
//! each SDK method answers ([`OPS`]).
//!
//! Transcribed from the API reference ("### Types" and each endpoint's response). Where
//! the reference's own examples leave out a field its table lists, the field is optional here
//! (every documented example must pass); see the notes on those fields. Closed enums that
//! callers branch on (statuses, roles, kinds, discriminators) are checked strictly; free
//! enums of the KYB profile (industry, entity type, …) are plain strings so a new value on
//! the server does not break clients.

use crate::core::schema::Ty::{self, Any, Arr, Bool, Enum, Nullable, Num, Obj, OneOf, Str, Tagged};
use crate::core::schema::{opt, req};

// ---- Auth ----------------------------------------------------------------------------

/// `TokenPair` (login with MFA off, `mfa/verify`, `refresh`).
const TOKEN_PAIR: Ty = Obj(&[
    req("access_token", Str),
    req("refresh_token", Str),
    req("access_expires_at", Str),
    req("refresh_expires_at", Str),
]);

/// `LoginResponse`: discriminated on `status`.
const LOGIN_RESPONSE: Ty = Tagged {
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

const SIGNUP: Ty = Obj(&[req("user_id", Str)]);
const MFA_ENROLL: Ty = Obj(&[req("provisioning_uri", Str), req("secret_base32", Str)]);
const AUTH_ME: Ty = Obj(&[req("user_id", Str), req("mfa_passed", Bool)]);

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
const API_KEY_MINTED: Ty = Obj(&[
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

const API_KEY_LIST: Ty = Obj(&[req("api_keys", Arr(&API_KEY))]);

// ---- Orgs, members, KYB --------------------------------------------------------------

/// `OrgRole`.
const ROLE: Ty = Enum(&["owner", "admin", "member", "viewer"]);

/// `KybStatus` (also the `CustomerKyc.status` set).
const REVIEW_STATUS: Ty = Enum(&[
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
const ORG: Ty = Obj(&[
    req("id", Str),
    req("name", Str),
    opt("providers", Arr(&ORG_PROVIDER)),
    req("created_at", Str),
    req("updated_at", Str),
]);

/// `GET /orgs`: `{ orgs: [{ org, role }] }`.
const ORG_LIST: Ty = Obj(&[req(
    "orgs",
    Arr(&Obj(&[req("org", ORG), req("role", ROLE)])),
)]);

/// `OrgMembership`.
const MEMBERSHIP: Ty = Obj(&[
    req("org_id", Str),
    req("user_id", Str),
    req("email", Str),
    req("role", ROLE),
    req("created_at", Str),
]);

const MEMBER_LIST: Ty = Obj(&[req("members", Arr(&MEMBERSHIP))]);

/// A hosted verification link `{ url, expires_at }` on a KYB row.
const KYB_LINK: Ty = Obj(&[req("url", Str), req("expires_at", Str)]);

/// `OrgProviderState`.
const PROVIDER_STATE: Ty = Obj(&[
    req("provider", Str),
    req("kyb_status", REVIEW_STATUS),
    req("kyb_link", Nullable(&KYB_LINK)),
    req("missing_fields", Arr(&Str)),
    req("last_synced_at", Str),
    req("provider_customer_id", Nullable(&Str)),
    req("rejection_reason", Nullable(&Str)),
]);

/// `{ providers: OrgProviderState[] }` (submit and providers).
const PROVIDER_STATES: Ty = Obj(&[req("providers", Arr(&PROVIDER_STATE))]);

/// `POST /org/kyb/providers/{p}/link`: `{ url, expires_at? }` (the SDK types `expires_at`
/// optional).
const REFRESHED_LINK: Ty = Obj(&[req("url", Str), opt("expires_at", Str)]);

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
const KYB_PROFILE: Ty = Obj(&[
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

// ---- Users and orders ----------------------------------------------------------------

/// `GET /user`.
const USER: Ty = Obj(&[
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

/// `RampOrder`. `ramp_customer_id` is typed string, but an order accepted from a
/// pricing-only quote has no customer and the server sends `null`: accepted.
const RAMP_ORDER: Ty = Obj(&[
    req("id", Str),
    req("user_id", Str),
    req("ramp_customer_id", Nullable(&Str)),
    req("provider", Str),
    req("provider_order_id", Nullable(&Str)),
    req("direction", Enum(&["on_ramp", "off_ramp"])),
    req(
        "status",
        Enum(&[
            "awaiting_funds",
            "pending",
            "processing",
            "completed",
            "expired",
            "failed",
            "canceled",
            "unknown",
        ]),
    ),
    req("source_currency", Str),
    req("source_amount", Str),
    req("destination_currency", Str),
    req("destination_chain", Nullable(&Str)),
    req("destination_address", Nullable(&Str)),
    req("source_account_id", Nullable(&Str)),
    req("destination_account_id", Nullable(&Str)),
    req("idempotency_key", Str),
    req("funding_instructions", Nullable(&Obj(&[]))),
    req("reference", Nullable(&Str)),
    req("comment", Nullable(&Str)),
    req("created_at", Str),
    req("updated_at", Str),
]);

/// `GET /user/orders` and `GET /customers/orders`: a bare array.
const ORDERS: Ty = Arr(&RAMP_ORDER);

// ---- Customers and accounts ----------------------------------------------------------

/// Account and customer-row status.
const ACCOUNT_STATUS: Ty = Enum(&["pending", "active", "disabled"]);

const ACCOUNT_TYPE: Ty = Enum(&[
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
const CUSTOMER_ENVELOPE: Ty = Obj(&[
    req("customer", CUSTOMER),
    opt("providers", Arr(&CUSTOMER_PROVIDER)),
]);

/// `POST /customers/:id/kyc-link`: `{ links: [{ status, link }] }`.
const KYC_LINKS: Ty = Obj(&[req("links", Arr(&CUSTOMER_KYC))]);

/// `Account`.
const ACCOUNT: Ty = Obj(&[
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

const ACCOUNT_LIST: Ty = Obj(&[req("accounts", Arr(&ACCOUNT))]);

// ---- Quotes --------------------------------------------------------------------------

/// `QuoteEndpoint` as echoed in `request`: an account id, or an object (account with
/// disambiguation, or inline descriptor: told apart by which keys they carry, so only the
/// kind is checked).
const QUOTE_ENDPOINT: Ty = OneOf(&[Str, Obj(&[])]);

/// `QuoteRequest` (the snapshot's echo of the request).
const QUOTE_REQUEST: Ty = Obj(&[
    req("amount", Str),
    req("source", QUOTE_ENDPOINT),
    req("destination", QUOTE_ENDPOINT),
    opt("named", Str),
]);

/// `QuoteEndpointAmount` (`in` / `out`): `rail` is always present; `account` when the
/// side resolved from an attached account.
const QUOTE_SIDE: Ty = Obj(&[
    req("amount", Str),
    req("currency", Str),
    req("rail", Str),
    opt("address", Str),
    opt(
        "account",
        Obj(&[
            req("id", Str),
            req("account_type", ACCOUNT_TYPE),
            req("status", ACCOUNT_STATUS),
            req("provider_account_id", Str),
        ]),
    ),
]);

/// Fee lines: a union tagged on `type`; only `other` requires its `description`.
const FEE_ITEM: Ty = Tagged {
    tag: "type",
    variants: &[
        (
            "flat",
            &[
                req("amount", Str),
                req("currency", Str),
                opt("description", Str),
            ],
        ),
        (
            "percentage",
            &[
                req("bps", Num),
                req("amount", Str),
                req("currency", Str),
                opt("description", Str),
            ],
        ),
        (
            "network",
            &[
                req("amount", Str),
                req("currency", Str),
                opt("description", Str),
            ],
        ),
        (
            "other",
            &[
                req("amount", Str),
                req("currency", Str),
                req("description", Str),
            ],
        ),
    ],
};

/// `Quote`. `provider` is in the table but absent from every example: checked when present.
const QUOTE: Ty = Obj(&[
    req("id", Str),
    opt("provider", Str),
    req("in", QUOTE_SIDE),
    req("out", QUOTE_SIDE),
    req(
        "fees",
        Obj(&[
            req("items", Arr(&FEE_ITEM)),
            req("total", Str),
            req("currency", Str),
        ]),
    ),
    req("rate", Str),
    opt("expires_at", Str),
]);

/// `AsyncQuoteSnapshot`.
const SNAPSHOT: Ty = Obj(&[
    req("id", Str),
    req("status", Enum(&["pending", "ready", "expired"])),
    req("quotes", Arr(&QUOTE)),
    opt("best_quote_id", Str),
    req("request", QUOTE_REQUEST),
    req("created_at", Str),
]);

/// `POST /quotes/:id/accept`: `{ order_id }` plus opaque routing metadata.
const ACCEPTED: Ty = Obj(&[req("order_id", Str)]);

// ---- Catalog -------------------------------------------------------------------------

const RAILS: Ty = Obj(&[req(
    "rails",
    Arr(&Obj(&[
        req("rail", Str),
        req("kind", Enum(&["fiat", "crypto"])),
    ])),
)]);

const CURRENCIES: Ty = Obj(&[req(
    "currencies",
    Arr(&Obj(&[
        req("currency", Str),
        req("kind", Enum(&["fiat", "stablecoin", "crypto"])),
        req("rails", Arr(&Obj(&[req("rail", Str)]))),
    ])),
)]);

// ---- Operations ----------------------------------------------------------------------

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
