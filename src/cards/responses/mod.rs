//! The documented types of the Cards API's answers, as [`Ty`] tables, and which one each
//! method answers ([`RESPONSES`]).
//!
//! What is checked is what the client returns: the envelope's `data` (`{ code, message, data }`
//! with code `"000000"`; see `envelope_data`), so a failure path such as `response.list[0].type`
//! is relative to `data`. Transcribed from the API reference (its `data.*` field lists) and
//! the authentication guide (the OAuth answers and the BIN table, with their examples), with
//! the conventions of the Orchestration tables: amounts as the wire has them, closed enums that
//! callers branch on (KYC and transaction statuses) checked strictly, free-text values (card
//! network, BIN currencies) as plain strings, unknown fields passing through.
//!
//! The reference documents an answer for only some endpoints. For the others it names no
//! field of `data` ("reuse its id" does not say under which key). Where callers need a field
//! to go on (the id of what they created, a status, the card data of `sensitiveData`), the
//! table names the key the SDK's types promise and the sandbox sends, and checks it: a
//! server that answers otherwise fails here, naming the field, instead of handing the caller
//! an `undefined` id. Where nothing is read back (freeze, transfers, KYC submission), the row
//! is [`Ty::Any`] and the method resolves to `unknown`.
//!
//! These tables are also what the package's `.d.ts` is generated from (`named` types, field
//! docs): the types promise exactly what is checked.

use crate::core::schema::Ty::{self, Arr, Bool, Enum, Num, Obj, Str, Tagged};
use crate::core::schema::{named, open, opt, req, Decl};

// ---- OAuth ---------------------------------------------------------------------------

/// `GET /v1/oauth/authorize`: `data.code` (the single-use authorization code) and
/// `data.timestamp` (Unix seconds).
#[cfg(test)]
const AUTHORIZE: Ty = Obj(&[req("code", Str), req("timestamp", Num)]);

/// `POST /v1/oauth/access-token`: `data.accessToken`, `data.refreshToken`, `data.expiresIn`
/// (seconds) and `data.timestamp`. A used or expired code answers `"000000"` with an empty
/// `accessToken` (still a string: the client's renewal deals with it).
#[cfg(test)]
const ACCESS_TOKEN: Ty = Obj(&[
    req("accessToken", Str),
    req("refreshToken", Str),
    req("expiresIn", Num),
    req("timestamp", Num),
]);

// ---- Accounts ------------------------------------------------------------------------

/// `POST /v1/accounts/register`: `data.accountId`, `data.userId`.
pub(crate) const REGISTERED: Ty = Obj(&[req("accountId", Str), req("userId", Str)]);

/// A sub-account as `GET /v1/accounts` lists it.
const CARDS_ACCOUNT: Decl = Decl {
    name: "CardsAccount",
    doc: "A sub-account, as `accounts.findByEmail` lists it.",
    ty: Obj(&[
        req("accountId", Str),
        opt("userId", Str),
        opt("name", Str),
        opt("email", Str),
    ]),
};

/// `GET /v1/accounts?email=`: "at most one result per email per parentAccountId".
pub(crate) const ACCOUNTS_FOUND: Ty = Obj(&[req("list", Arr(&named(&CARDS_ACCOUNT)))]);

/// `GET /v1/accounts/cdd/detail/{accountId}`: `data.kyc.status` (`NONE`, `PENDING`,
/// `APPROVED`, `REJECTED`) and `data.kyc.caseId`. The table gives `caseId` as a string
/// without saying when it exists; `NONE` is "No KYC submitted", so no case exists yet and
/// `caseId` is optional there (the sandbox sends `null`), required once KYC was submitted.
pub(crate) const KYC_DETAIL: Ty = Obj(&[req(
    "kyc",
    Tagged {
        tag: "status",
        variants: &[
            ("NONE", &[opt("caseId", Str)]),
            ("PENDING", &[req("caseId", Str)]),
            ("APPROVED", &[req("caseId", Str)]),
            ("REJECTED", &[req("caseId", Str)]),
        ],
    },
)]);

// ---- Cardholders --------------------------------------------------------------------

/// A cardholder (`POST /v1/cardholders`, its get, update and list): the id to reuse for every
/// card of the user, and its status ("starts as PENDING and transitions to APPROVED").
const CARDHOLDER_DECL: Decl = Decl {
    name: "Cardholder",
    doc: "A cardholder profile. Create exactly one per user and reuse its `cardholderId`.",
    ty: Obj(&[
        req("cardholderId", Str),
        req("status", open(&["PENDING", "APPROVED"]))
            .doc("`PENDING`, then `APPROVED` within seconds (the `CARDHOLDER.UPDATED` webhook)."),
    ]),
};

/// One cardholder.
pub(crate) const CARDHOLDER: Ty = named(&CARDHOLDER_DECL);

/// `GET /v1/cardholders`.
pub(crate) const CARDHOLDERS: Ty = Obj(&[req("list", Arr(&CARDHOLDER))]);

// ---- BINs, budgets, wallets ----------------------------------------------------------

/// `GET /v1/card/bins`: `data.list[]` of BINs. `type` is the number `0` (budget BIN) or `1`
/// (prepaid BIN): a number (the language's enums are strings); `network` ("VISA",
/// "MASTERCARD") and `currencies` (`["USD"]`) are free text.
pub(crate) const BINS: Ty = Obj(&[req("list", Arr(&named(&CARD_BIN)))]);

const CARD_BIN: Decl = Decl {
    name: "CardBin",
    doc: "A BIN the program issues from (`bins.list`).",
    ty: Obj(&[
        req("id", Str),
        req("bin", Str),
        req("type", Num).doc("`0`: budget BIN (cards on a budget), `1`: prepaid BIN."),
        req("currencies", Arr(&Str)),
        req("network", Str).doc("`VISA`, `MASTERCARD`…"),
        req("supportPhysicalCard", Bool),
    ]),
};

/// `POST /v1/budgets` and `GET /v1/budgets/{budgetId}` ("the same response shape as POST
/// /v1/budgets, with the current `balance.available` value"): the only field the reference
/// names is `balance.available`. Its type is not written down; it is a string, as every
/// Cards amount is on the wire (`"100.00"`), and as the SDK's `Budget` type declares it.
pub(crate) const BUDGET: Ty = named(&Decl {
    name: "Budget",
    doc: "A budget: a spending pool behind cards.",
    ty: Obj(&[
        req("budgetId", Str),
        req(
            "balance",
            Obj(&[req("available", Str).doc("Decimal string, e.g. `\"100.00\"`.")]),
        ),
    ]),
});

/// `GET /v1/cards/wallets`: `data.list[].objectType` (`0`: USD Wallet) and the wallet `id`
/// that the reference says to use as `from.id` / `to.id` of a transfer.
pub(crate) const WALLETS: Ty = Obj(&[req(
    "list",
    Arr(&named(&Decl {
        name: "CardsWallet",
        doc: "A wallet of a sub-account (`wallets.list`).",
        ty: Obj(&[
            req("id", Str).doc("Use as `from.id` / `to.id` of a transfer."),
            req("objectType", Num).doc("`0`: USD Wallet."),
        ]),
    })),
)]);

// ---- Cards ---------------------------------------------------------------------------

/// A card as `POST /v1/budget-card` answers it and `GET /v1/card-list` lists it.
const ISSUED_CARD: Decl = Decl {
    name: "IssuedCard",
    doc: "A card, without its PAN and CVV.",
    ty: Obj(&[req("cardId", Str), req("status", Str)]),
};

/// `POST /v1/budget-card`.
pub(crate) const CARD: Ty = named(&ISSUED_CARD);

/// `GET /v1/card-list`.
pub(crate) const CARD_LIST: Ty = Obj(&[req("total", Num), req("list", Arr(&named(&ISSUED_CARD)))]);

/// `GET /v1/cards/{cardId}`: the card data itself (server-side use only; prefer the widget).
pub(crate) const SENSITIVE_DATA: Ty = Obj(&[
    req("cardNumber", Str),
    req("expiryDate", Str),
    req("cvv", Str),
]);

/// `GET /v1/cards/{cardId}/private-info/access-token`: the widget's JWT ("valid for
/// approximately 5 minutes") and, when the server says, its lifetime in seconds.
pub(crate) const WIDGET_TOKEN: Ty = Obj(&[
    req("accessToken", Str),
    opt("expiresIn", Num).doc("Seconds."),
]);

// ---- Card transactions ---------------------------------------------------------------

/// `GET /v1/cards/transaction-list`: `data.total` and `data.list[].status` (`PENDING`:
/// authorized, `CLOSED`: settled, `FAIL`: declined).
pub(crate) const CARD_TRANSACTIONS: Ty = Obj(&[
    req("total", Num),
    req(
        "list",
        Arr(&named(&Decl {
            name: "CardTransaction",
            doc: "A card transaction.",
            ty: Obj(&[
                req("id", Str),
                req("status", Enum(&["PENDING", "CLOSED", "FAIL"]))
                    .doc("`PENDING`: authorized, `CLOSED`: settled, `FAIL`: declined."),
                req("amount", Str),
            ]),
        })),
    ),
]);

/// The OAuth steps' answers, checked by the tests against the guide's examples and the
/// sandbox (the token renewal reads the fields it needs itself, with its own errors).
#[cfg(test)]
pub(crate) const OAUTH: &[(&str, &Ty)] = &[
    ("oauth.authorize", &AUTHORIZE),
    ("oauth.accessToken", &ACCESS_TOKEN),
];

/// Every method (the rows of `ENDPOINTS`) and the OAuth steps, with the type of the `data`
/// each answers: what the tests check against the docs and the sandbox.
#[cfg(test)]
fn responses() -> Vec<(&'static str, Option<&'static Ty>)> {
    let methods = super::ENDPOINTS.iter().map(|e| (e.name, e.response));
    OAUTH
        .iter()
        .map(|&(name, ty)| (name, Some(ty)))
        .chain(methods)
        .collect()
}

#[cfg(test)]
mod tests;

#[cfg(all(test, not(target_arch = "wasm32")))]
mod sandbox;
