//! Quotes (snapshots, legs, fees), the orders an accepted quote becomes, and the rail and
//! currency catalog they are priced over.

use super::customers::{ACCOUNT_STATUS, ACCOUNT_TYPE};
use crate::core::schema::Ty::{self, Arr, Enum, Nullable, Num, Obj, OneOf, Str, Tagged};
use crate::core::schema::{opt, req};

// ---- Orders --------------------------------------------------------------------------

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
pub(crate) const ORDERS: Ty = Arr(&RAMP_ORDER);

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
pub(crate) const SNAPSHOT: Ty = Obj(&[
    req("id", Str),
    req("status", Enum(&["pending", "ready", "expired"])),
    req("quotes", Arr(&QUOTE)),
    opt("best_quote_id", Str),
    req("request", QUOTE_REQUEST),
    req("created_at", Str),
]);

/// `POST /quotes/:id/accept`: `{ order_id }` plus opaque routing metadata.
pub(crate) const ACCEPTED: Ty = Obj(&[req("order_id", Str)]);

// ---- Catalog -------------------------------------------------------------------------

pub(crate) const RAILS: Ty = Obj(&[req(
    "rails",
    Arr(&Obj(&[
        req("rail", Str),
        req("kind", Enum(&["fiat", "crypto"])),
    ])),
)]);

pub(crate) const CURRENCIES: Ty = Obj(&[req(
    "currencies",
    Arr(&Obj(&[
        req("currency", Str),
        req("kind", Enum(&["fiat", "stablecoin", "crypto"])),
        req("rails", Arr(&Obj(&[req("rail", Str)]))),
    ])),
)]);
