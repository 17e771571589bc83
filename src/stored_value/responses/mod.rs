//! The documented types of the stored-value (gift card) API's answers, as [`Ty`] tables,
//! which the rows of `endpoints.rs` name.
//!
//! What is checked is the whole 2xx body, which the client returns as it came. Transcribed
//! from the API document: the property tables (the transaction object, the BIN details) and
//! every "Example Response", with the conventions of the Orchestration tables: a field the
//! examples leave out is optional, amounts as the wire has them (strings in the answers of
//! create, info and the transaction methods; numbers in the stored transaction object, as its
//! table says), closed enums that callers branch on checked strictly (a transaction result's
//! `status`, `transactionType`), free values as plain strings (`cardStatus`, currencies, BIN
//! fields), unknown fields passing through.

use crate::core::schema::Ty::{self, Arr, Enum, Num, Obj, Str, Tagged};
use crate::core::schema::{named, opt, req, Decl};
#[cfg(test)]
use crate::stored_value::Op;

// ---- Gift cards ----------------------------------------------------------------------

/// `GiftCard`: the answer of `POST /v2/stored-value` ("the created account info as well as
/// the merchant's name, id, and store number, if applicable") and of `DELETE
/// /v2/stored-value/{card}` (the card as it was). Both examples carry all five fields; the
/// store number appears in none, so it is not checked.
pub(crate) const GIFT_CARD: Ty = named(&Decl {
    name: "GiftCard",
    doc: "A gift card as created (or as it was when deleted).",
    ty: Obj(&[
        req("amount", Str),
        req("cardNumber", Str),
        req("createdAt", Str),
        req("merchantId", Str),
        req("merchantName", Str),
    ]),
});

/// `GiftCardInfo`: `POST /v2/stored-value/info` (balance and status; track one data comes
/// back too when it was sent, and passes as an unknown field).
pub(crate) const CARD_INFO: Ty = named(&Decl {
    name: "GiftCardInfo",
    doc: "A gift card's balance and status.",
    ty: Obj(&[
        req("merchantId", Str),
        req("cardNumber", Str),
        req("amount", Str),
        req("currency", Str),
        req("cardStatus", Str),
        req("createdAt", Str),
    ]),
});

// ---- Transactions --------------------------------------------------------------------

/// The methods of a gift transaction, echoed as `transactionType`.
pub(crate) const TRANSACTION_TYPE: Ty = Enum(&["reload", "redemption", "cancel"]);

/// `TransactionResult`: `POST /v2/transactions` (reload, redemption, cancel), discriminated
/// on its `status`: the document's three answers are `"01"` (Approval), `"109"` (Additional
/// payment required: only part of the amount was redeemed, and `customerPayment` is the
/// difference to collect another way) and `"107"` (Cancelled; its example has no
/// `cardNumber`). Refusals (the other status codes) come as `422` errors, not here.
pub(crate) const TRANSACTION_RESULT: Ty = named(&Decl {
    name: "TransactionResult",
    doc: "A transaction's result, typed by its status: `\"01\"` approved; `\"109\"` partial redemption (`amount` was redeemed, collect `customerPayment` another way); `\"107\"` cancelled.",
    ty: Tagged {
    tag: "status",
    variants: &[
        (
            "01",
            &[
                req("merchantId", Str),
                req("cardNumber", Str),
                req("amount", Str),
                req("currency", Str),
                req("statusDescription", Str),
                req("createdAt", Str),
                req("transactionType", TRANSACTION_TYPE),
                req("transactionId", Str),
            ],
        ),
        (
            "109",
            &[
                req("merchantId", Str),
                req("cardNumber", Str),
                req("amount", Str),
                req("currency", Str),
                req("customerPayment", Str),
                req("statusDescription", Str),
                req("createdAt", Str),
                req("transactionType", TRANSACTION_TYPE),
                req("transactionId", Str),
            ],
        ),
        (
            "107",
            &[
                req("merchantId", Str),
                opt("cardNumber", Str),
                req("amount", Str),
                req("currency", Str),
                req("statusDescription", Str),
                req("createdAt", Str),
                req("transactionType", TRANSACTION_TYPE),
                req("transactionId", Str),
            ],
        ),
    ],
}
});

/// `GiftTransaction`, "The transaction object" (`GET /v2/transactions/{id}` and the items
/// of a list). `amount` and `amountOriginal` are numbers, as its table and examples have
/// them. `invoice` is in the table but in no example: optional. `status` is any status code
/// of the table (a stored transaction's outcome, described by `statusMessage`). Dates are
/// strings (ISO in the get example, `09/12/2017, 10:00:18 AM` in the list example).
pub(crate) const GIFT_TRANSACTION: Ty = named(&Decl {
    name: "GiftTransaction",
    doc: "A stored transaction (`transactions.get` / `list`).",
    ty: Obj(&[
        req("id", Str),
        req("cardNumber", Str),
        req("transactionType", TRANSACTION_TYPE),
        req("authCode", Str),
        req("amount", Num),
        req("amountOriginal", Num),
        req("merchantId", Str),
        req("ipAddress", Str),
        req("transId", Str),
        opt("invoice", Str),
        req("status", Str),
        req("statusMessage", Str),
        req("currency", Str),
        req("tranDate", Str),
        req("createdAt", Str),
        req("updatedAt", Str),
    ]),
});

/// The `pagination` of a list.
pub(crate) const PAGINATION: Ty = Obj(&[
    req("count", Num),
    req("page", Num),
    req("size", Num),
    req("pages", Num),
]);

/// `TransactionPage`: `GET /v2/transactions`.
///
/// With `query.$select` the items carry only the selected fields: check such a page against
/// [`SELECTED_TRANSACTION_PAGE`] instead.
pub(crate) const TRANSACTION_PAGE: Ty = named(&Decl {
    name: "TransactionPage",
    doc: "A page of stored transactions (`transactions.list`).",
    ty: Obj(&[
        req("total", Num),
        req("data", Arr(&GIFT_TRANSACTION)),
        req("pagination", PAGINATION),
    ]),
});

/// `GET /v2/transactions` with `$select` ("pick which fields to include in the result"):
/// the page as [`TRANSACTION_PAGE`], its items any objects.
pub(crate) const SELECTED_TRANSACTION_PAGE: Ty = Obj(&[
    req("total", Num),
    req("data", Arr(&Obj(&[]))),
    req("pagination", PAGINATION),
]);

// ---- BIN lookup ----------------------------------------------------------------------

/// `BinInfo`: `GET /v2/bin-lookup/{BIN}`, every field of its table (all strings, some empty
/// as `DebitSignatureNetworkParticipant` in the example).
pub(crate) const BIN_INFO: Ty = named(&Decl {
    name: "BinInfo",
    doc: "BIN details.",
    ty: Obj(&[
        req("Bin", Str),
        req("IssuingBank", Str),
        req("Country", Str),
        req("CardBrand", Str),
        req("CardType", Str),
        req("CardDetail", Str),
        req("DebitNetwork", Str),
        req("DebitSignatureNetworkParticipant", Str),
        req("FSA", Str),
        req("PrepaidIndicator", Str),
        req("ProductID", Str),
        req("RegulatorIndicator", Str),
        req("CardClass", Str),
    ]),
});

/// The JS name of `op` (its row's).
#[cfg(test)]
fn name(op: Op) -> &'static str {
    super::endpoints::endpoint(op).name
}

/// Every operation's name and response type, from the rows: what the tests check against the
/// docs' examples and the sandbox.
#[cfg(test)]
fn responses() -> Vec<(&'static str, Option<&'static Ty>)> {
    super::endpoints::ENDPOINTS
        .iter()
        .map(|e| (e.name, e.response))
        .collect()
}

#[cfg(test)]
mod tests;

#[cfg(all(test, not(target_arch = "wasm32")))]
mod sandbox;
