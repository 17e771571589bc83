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

use crate::core::schema::Ty::{self, Any, Arr, Bool, Enum, Num, Obj, Str, Tagged};
use crate::core::schema::{opt, req};

// ---- OAuth ---------------------------------------------------------------------------

/// `GET /v1/oauth/authorize`: `data.code` (the single-use authorization code) and
/// `data.timestamp` (Unix seconds).
const AUTHORIZE: Ty = Obj(&[req("code", Str), req("timestamp", Num)]);

/// `POST /v1/oauth/access-token`: `data.accessToken`, `data.refreshToken`, `data.expiresIn`
/// (seconds) and `data.timestamp`. A used or expired code answers `"000000"` with an empty
/// `accessToken` (still a string: the client's renewal deals with it).
const ACCESS_TOKEN: Ty = Obj(&[
    req("accessToken", Str),
    req("refreshToken", Str),
    req("expiresIn", Num),
    req("timestamp", Num),
]);

// ---- Accounts ------------------------------------------------------------------------

/// `POST /v1/accounts/register`: `data.accountId`, `data.userId`.
const REGISTERED: Ty = Obj(&[req("accountId", Str), req("userId", Str)]);

/// `GET /v1/accounts/cdd/detail/{accountId}`: `data.kyc.status` (`NONE`, `PENDING`,
/// `APPROVED`, `REJECTED`) and `data.kyc.caseId`. The table gives `caseId` as a string
/// without saying when it exists; `NONE` is "No KYC submitted", so no case exists yet and
/// `caseId` is optional there (the sandbox sends `null`), required once KYC was submitted.
const KYC_DETAIL: Ty = Obj(&[req(
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
const BINS: Ty = Obj(&[req(
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
const BUDGET: Ty = Obj(&[req("balance", Obj(&[req("available", Str)]))]);

/// `GET /v1/cards/wallets`: `data.list[].objectType` (`0`: USD Wallet) and the wallet `id`
/// that the reference says to use as `from.id` / `to.id` of a transfer.
const WALLETS: Ty = Obj(&[req(
    "list",
    Arr(&Obj(&[req("id", Str), req("objectType", Num)])),
)]);

// ---- Card transactions ---------------------------------------------------------------

/// `GET /v1/cards/transaction-list`: `data.total` and `data.list[].status` (`PENDING`:
/// authorized, `CLOSED`: settled, `FAIL`: declined).
const CARD_TRANSACTIONS: Ty = Obj(&[
    req("total", Num),
    req(
        "list",
        Arr(&Obj(&[req("status", Enum(&["PENDING", "CLOSED", "FAIL"]))])),
    ),
]);

/// Every Cards method (the names of `ENDPOINTS`) and the OAuth steps, with the type of the
/// `data` it answers. None answers without a body (every answer is the envelope), so no row
/// is `None`; [`Any`] marks the endpoints whose answer the reference does not describe.
#[allow(dead_code)] // wired into the client separately
pub(crate) const RESPONSES: &[(&str, Option<&Ty>)] = &[
    ("oauth.authorize", Some(&AUTHORIZE)),
    ("oauth.accessToken", Some(&ACCESS_TOKEN)),
    ("accounts.register", Some(&REGISTERED)),
    ("accounts.findByEmail", Some(&Any)),
    ("accounts.submitKyc", Some(&Any)),
    ("accounts.kycStatus", Some(&KYC_DETAIL)),
    ("accounts.init", Some(&Any)),
    ("cardholders.create", Some(&Any)),
    ("cardholders.list", Some(&Any)),
    ("cardholders.get", Some(&Any)),
    ("cardholders.update", Some(&Any)),
    ("bins.list", Some(&BINS)),
    ("budgets.create", Some(&BUDGET)),
    ("budgets.get", Some(&BUDGET)),
    ("budgets.transferIn", Some(&Any)),
    ("budgets.transferOut", Some(&Any)),
    ("transfers.external", Some(&Any)),
    ("wallets.list", Some(&WALLETS)),
    ("cards.issue", Some(&Any)),
    ("cards.get", Some(&Any)),
    ("cards.sensitiveData", Some(&Any)),
    ("cards.widgetToken", Some(&Any)),
    ("cards.updateLabel", Some(&Any)),
    ("cards.setVelocityControl", Some(&Any)),
    ("cards.freeze", Some(&Any)),
    ("cards.unfreeze", Some(&Any)),
    ("cards.delete", Some(&Any)),
    ("transactions.list", Some(&CARD_TRANSACTIONS)),
];

#[cfg(test)]
mod tests;

#[cfg(all(test, not(target_arch = "wasm32")))]
mod sandbox;
