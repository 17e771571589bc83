//! The Cards request DTOs (the params objects the methods take), in the table language of
//! the answers so one renderer writes every DTO of the `.d.ts`. Native only. Their fields
//! are the rows' field lists (`endpoints.rs`, checked by a test below) and their closed
//! values are the ones `fields.rs` enforces; the per-field rules themselves stay there.

use super::fields::{BUSINESS_MODELS, CARD_MODES, LIMIT_TYPES, TRANSACTION_STATUSES};
use crate::core::schema::Ty::{Enum, Num, Obj, OneOf, Str, Tagged};
use crate::core::schema::{named, opt, req, Decl};

/// The values of `kyc.status` (`responses::KYC_DETAIL`), as the name callers annotate with.
const KYC_STATUS: Decl = Decl {
    name: "KycStatus",
    doc: "A sub-account's KYC status: `NONE` (not submitted), `PENDING`, `APPROVED`, `REJECTED`.",
    ty: Enum(&["NONE", "PENDING", "APPROVED", "REJECTED"]),
};

const ACCOUNT_REGISTER: Decl = Decl {
    name: "AccountRegisterParams",
    doc: "A new sub-account (`accounts.register`).",
    ty: Obj(&[
        req("name", Str),
        req("email", Str),
        req("parentAccountId", Str),
        opt("phone", Str).doc("E.164, with the `+`."),
    ]),
};

const KYC_SUBMIT: Decl = Decl {
    name: "KycSubmitParams",
    doc: "A KYC submission with a Sumsub share token (`accounts.submitKyc`).",
    ty: Obj(&[
        req("accountId", Str),
        req("sourceType", Enum(&["sumsub"])),
        req("sumsubShareToken", Str),
        opt("ipAddress", Str),
        opt("occupation", Str),
        opt("annualSalary", Str),
        opt("accountPurpose", Str),
        opt("expectedMonthlyVolume", Str),
    ]),
};

const ADDRESS: Decl = Decl {
    name: "CardholderAddress",
    doc: "A cardholder's address.",
    ty: Obj(&[
        req("addressLine1", Str),
        opt("addressLine2", Str),
        req("city", Str),
        opt("state", Str),
        req("country", Str),
        req("postalCode", Str),
    ]),
};

/// What `cardholders.update` may change of the address: any of its fields.
const ADDRESS_CHANGE: Decl = Decl {
    name: "CardholderAddressChange",
    doc: "The address fields a cardholder update changes.",
    ty: Obj(&[
        opt("addressLine1", Str),
        opt("addressLine2", Str),
        opt("city", Str),
        opt("state", Str),
        opt("country", Str),
        opt("postalCode", Str),
    ]),
};

const CARDHOLDER_CREATE: Decl = Decl {
    name: "CardholderCreateParams",
    doc: "A new cardholder (`cardholders.create`): one per user.",
    ty: Obj(&[
        req("accountId", Str),
        req("binId", Str),
        req("businessModel", Enum(BUSINESS_MODELS)),
        req("referenceId", Str),
        req("firstName", Str)
            .doc("A–Z letters only; with lastName and the space at most 23 characters."),
        req("lastName", Str),
        req("email", Str),
        req("phoneCountryCode", Str).doc("Digits without +: \"1\", not \"+1\"."),
        req("phoneNumber", Str).doc("Up to 15 digits, without the country code."),
        req("address", named(&ADDRESS)),
    ]),
};

const CARDHOLDER_UPDATE: Decl = Decl {
    name: "CardholderUpdateParams",
    doc: "The mutable fields of a cardholder (`cardholders.update`).",
    ty: Obj(&[
        req("cardholderId", Str),
        req("accountId", Str),
        opt("email", Str),
        opt("phoneCountryCode", Str),
        opt("phoneNumber", Str),
        opt("firstName", Str),
        opt("lastName", Str),
        opt("address", named(&ADDRESS_CHANGE)),
    ]),
};

const BUDGET_TRANSFER: Decl = Decl {
    name: "BudgetTransferParams",
    doc: "A transfer between a budget and the USD Wallet (`budgets.transferIn` / `transferOut`).",
    ty: Obj(&[
        req("budgetId", Str),
        req("accountId", Str),
        req("amount", Str).doc("Decimal string, at most 2 decimals."),
        opt("clientTransactionId", Str)
            .doc("Generated (UUIDv4) when omitted, the same on every retry."),
    ]),
};

const WALLET_REF: Decl = Decl {
    name: "WalletRef",
    doc: "A USD wallet, as `from` / `to` of an external transfer.",
    ty: Obj(&[
        req("accountId", Str),
        req("id", Str),
        req("currency", Enum(&["USD"])),
        opt("businessType", Num),
    ]),
};

const EXTERNAL_TRANSFER: Decl = Decl {
    name: "ExternalTransferParams",
    doc: "A transfer between two USD wallets (`transfers.external`).",
    ty: Obj(&[
        req("amount", Str),
        req("from", named(&WALLET_REF)),
        req("to", named(&WALLET_REF)),
        opt("clientTransactionId", Str),
    ]),
};

/// The fields of a card issue, apart from the card mode and design.
macro_rules! card_issue {
    ($($mode:expr),*) => {
        &[
            req("accountId", Str),
            req("binId", Str).doc("A budget BIN (type 0)."),
            req("cardholderId", Str),
            req("budgetId", Str),
            req("referenceId", Str),
            opt("label", Str).doc("At most 50 characters."),
            opt("useType", Str),
            $($mode),*
        ]
    };
}

const CARD_ISSUE: Decl = Decl {
    name: "CardIssueParams",
    doc: "A card to issue on a budget (`cards.issue`); a physical card names its design.",
    ty: Tagged {
        tag: "cardMode",
        variants: &[
            (CARD_MODES[0], card_issue!(opt("physicalCardDesignId", Str))),
            (CARD_MODES[1], card_issue!(req("physicalCardDesignId", Str))),
        ],
    },
};

const VELOCITY_CONTROL: Decl = Decl {
    name: "VelocityControlParams",
    doc: "A card's spending limit (`cards.setVelocityControl`), replacing the current one.",
    ty: Obj(&[
        req("cardId", Str),
        req("accountId", Str),
        req("transactionLimitsType", Enum(LIMIT_TYPES)),
        req("amountLimit", Str),
    ]),
};

const TRANSACTION_LIST: Decl = Decl {
    name: "CardTransactionListParams",
    doc: "A page of a card's transactions (`transactions.list`), newest first.",
    ty: Obj(&[
        req("accountId", Str),
        req("cardId", Str),
        opt("page", Num),
        opt("limit", Num).doc("At most 100 (default 50)."),
        opt("id", Str),
        opt("clientTransactionId", Str),
        opt("type", Str),
        opt("status", Enum(TRANSACTION_STATUSES)),
        opt("startTime", OneOf(&[Str, Num])).doc("Unix milliseconds."),
        opt("endTime", OneOf(&[Str, Num])),
    ]),
};

/// The Cards DTOs declared whether or not an answer names them: every params type, and the
/// KYC status callers annotate with.
pub const REQUESTS: &[&Decl] = &[
    &ACCOUNT_REGISTER,
    &KYC_SUBMIT,
    &KYC_STATUS,
    &CARDHOLDER_CREATE,
    &CARDHOLDER_UPDATE,
    &BUDGET_TRANSFER,
    &EXTERNAL_TRANSFER,
    &CARD_ISSUE,
    &VELOCITY_CONTROL,
    &TRANSACTION_LIST,
];

#[cfg(test)]
mod tests {
    use super::REQUESTS;
    use crate::cards::typescript::METHODS;
    use crate::cards::ENDPOINTS;
    use crate::core::schema::Ty::{Obj, Tagged};
    use crate::core::schema::{Decl, Field};

    /// The fields of a params type as `(required, optional)` names: for a type tagged on a
    /// field, required are those every variant requires.
    fn fields(decl: &Decl) -> (Vec<&'static str>, Vec<&'static str>) {
        let variants: Vec<&[Field]> = match decl.ty {
            Obj(fields) => vec![fields],
            Tagged { variants, .. } => variants.iter().map(|(_, f)| *f).collect(),
            _ => Vec::new(),
        };
        let tag = match decl.ty {
            Tagged { tag, .. } => Some(tag),
            _ => None,
        };
        let mut required: Vec<&str> = tag.into_iter().collect();
        let mut optional = Vec::new();
        for field in variants.iter().flat_map(|v| v.iter()) {
            let everywhere = variants
                .iter()
                .all(|v| v.iter().any(|f| f.name == field.name && f.required));
            let list = if everywhere {
                &mut required
            } else {
                &mut optional
            };
            if !list.contains(&field.name) {
                list.push(field.name);
            }
        }
        required.sort_unstable();
        optional.sort_unstable();
        (required, optional)
    }

    /// Each method that takes a declared params type: the type has exactly the row's
    /// required and optional fields, so the `.d.ts` and the check of what is sent agree.
    #[test]
    fn every_params_type_has_its_rows_fields() {
        let mut checked = 0;
        for method in METHODS {
            let Some(name) = method.params.strip_prefix("params: ") else {
                continue;
            };
            let Some(decl) = REQUESTS.iter().find(|d| d.name == name) else {
                continue;
            };
            // The methods without a row (`listAll`) run on a row's method.
            let Some(row) = ENDPOINTS.iter().find(|e| e.name == method.name) else {
                continue;
            };
            let mut required = row.params.required.to_vec();
            let mut optional = row.params.optional.to_vec();
            required.sort_unstable();
            optional.sort_unstable();
            assert_eq!(fields(decl), (required, optional), "{}", method.name);
            checked += 1;
        }
        assert_eq!(checked, 10);
    }
}
