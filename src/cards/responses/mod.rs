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
//! The reference documents an answer for only some endpoints. The others name no field of
//! `data` (not even their ids: "reuse its id" does not say under which key), so their row is
//! [`Any`]: nothing is checked until the docs say what is there.

use crate::core::schema::Ty::{self, Arr, Bool, Enum, Num, Obj, Str, Tagged};
use crate::core::schema::{opt, req};

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

// ---- BINs, budgets, wallets ----------------------------------------------------------

/// `GET /v1/card/bins`: `data.list[]` of BINs. `type` is the number `0` (budget BIN) or `1`
/// (prepaid BIN): a number (the language's enums are strings); `network` ("VISA",
/// "MASTERCARD") and `currencies` (`["USD"]`) are free text.
pub(crate) const BINS: Ty = Obj(&[req(
    "list",
    Arr(&Obj(&[
        req("id", Str),
        req("bin", Str),
        req("type", Num),
        req("currencies", Arr(&Str)),
        req("network", Str),
        req("supportPhysicalCard", Bool),
    ])),
)]);

/// `POST /v1/budgets` and `GET /v1/budgets/{budgetId}` ("the same response shape as POST
/// /v1/budgets, with the current `balance.available` value"): the only field the reference
/// names is `balance.available`. Its type is not written down; it is a string, as every
/// Cards amount is on the wire (`"100.00"`), and as the SDK's `Budget` type declares it.
pub(crate) const BUDGET: Ty = Obj(&[req("balance", Obj(&[req("available", Str)]))]);

/// `GET /v1/cards/wallets`: `data.list[].objectType` (`0`: USD Wallet) and the wallet `id`
/// that the reference says to use as `from.id` / `to.id` of a transfer.
pub(crate) const WALLETS: Ty = Obj(&[req(
    "list",
    Arr(&Obj(&[req("id", Str), req("objectType", Num)])),
)]);

// ---- Card transactions ---------------------------------------------------------------

/// `GET /v1/cards/transaction-list`: `data.total` and `data.list[].status` (`PENDING`:
/// authorized, `CLOSED`: settled, `FAIL`: declined).
pub(crate) const CARD_TRANSACTIONS: Ty = Obj(&[
    req("total", Num),
    req(
        "list",
        Arr(&Obj(&[req("status", Enum(&["PENDING", "CLOSED", "FAIL"]))])),
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
