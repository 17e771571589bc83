//! The stored-value request DTOs (the params objects the methods take), in the table
//! language of the answers so one renderer writes every DTO of the `.d.ts`. Native only; the
//! rules themselves (formats, "exactly one of", PIN zero-filling) are `params.rs`.
//!
//! `TransactionListParams` and its query types stay declared in TypeScript (`src/js/types.rs`):
//! the query is an operator language over any field (`$in`, `$sort`, `$or`), not a JSON DTO.

use crate::core::schema::Ty::{Enum, Obj, OneOf, Str};
use crate::core::schema::{named, opt, req, Decl};

const MONEY: Decl = Decl {
    name: "MoneyString",
    doc: "A money amount as a decimal string with at most 2 decimals, greater than zero: `\"10.50\"`.",
    ty: Str,
};

const CURRENCY: Decl = Decl {
    name: "StoredValueCurrency",
    doc: "The currencies of the API.",
    ty: Enum(&["USD", "CAD"]),
};

const PIN: Decl = Decl {
    name: "PinNumber",
    doc: "The card PIN field: 8 digits (SSC then PIN), or its two subfields, each 1–4 digits (the SDK zero-fills them).",
    ty: OneOf(&[Str, Obj(&[opt("ssc", Str), req("pin", Str)])]),
};

const CARD_REF: Decl = Decl {
    name: "CardRef",
    doc: "Which card: exactly one of the card number (non-magnetic) or unencrypted track two data (card present).",
    ty: OneOf(&[Obj(&[req("cardNumber", Str)]), Obj(&[req("cardTrackTwo", Str)])]),
};

/// A card reference and the fields `$rest`, as "exactly one of" alternatives.
macro_rules! by_card {
    ($($rest:expr),*) => {
        OneOf(&[
            Obj(&[req("cardNumber", Str), $($rest),*]),
            Obj(&[req("cardTrackTwo", Str), $($rest),*]),
        ])
    };
}

const GIFT_CARD_CREATE: Decl = Decl {
    name: "GiftCardCreateParams",
    doc: "A new gift card and its initial amount (`giftCards.create`).",
    ty: by_card!(req("amount", named(&MONEY))),
};

const GIFT_CARD_INFO: Decl = Decl {
    name: "GiftCardInfoParams",
    doc: "Which card to read (`giftCards.info`).",
    ty: by_card!(
        opt("currency", named(&CURRENCY)),
        opt("pinNumber", named(&PIN))
    ),
};

const GIFT_TRANSACTION: Decl = Decl {
    name: "GiftTransactionParams",
    doc: "A reload or redemption (`transactions.reload` / `redeem`).",
    ty: by_card!(
        req("amount", named(&MONEY)),
        opt("currency", named(&CURRENCY)),
        opt("pinNumber", named(&PIN))
    ),
};

const GIFT_CANCEL: Decl = Decl {
    name: "GiftCancelParams",
    doc: "A transaction to cancel (`transactions.cancel`).",
    ty: Obj(&[
        req("transactionId", Str).doc("The `transactionId` the original transaction returned."),
        req("amount", named(&MONEY)).doc("The original transaction's amount."),
        opt("currency", named(&CURRENCY)),
    ]),
};

/// The stored-value DTOs declared whether or not an answer names them.
pub const REQUESTS: &[&Decl] = &[
    &CARD_REF,
    &GIFT_CARD_CREATE,
    &GIFT_CARD_INFO,
    &GIFT_TRANSACTION,
    &GIFT_CANCEL,
];
