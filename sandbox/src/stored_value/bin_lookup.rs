//! `GET /v2/bin-lookup/{bin}`: a static table covering the BINs of the
//! documented test cards.

use serde_json::json;

use super::outcome::Outcome;
use crate::common::text::is_digits;

/// One BIN record (every field of the spec's response).
struct BinRecord {
    bin: &'static str,
    issuing_bank: &'static str,
    card_brand: &'static str,
    card_type: &'static str,
    card_detail: &'static str,
    debit_network: &'static str,
    signature_participant: &'static str,
    prepaid: &'static str,
    product_id: &'static str,
    regulated: &'static str,
    card_class: &'static str,
}

/// Card detail of a credit card.
const TRUE_CREDIT: &str = "True credit (No PIN/Signature capability).";
/// Card detail of a debit card.
const PIN_AND_SIGNATURE: &str = "PIN and Signature capable debit.";

/// Shorthand for a table row.
#[allow(
    clippy::too_many_arguments,
    reason = "a table row, one argument per column"
)]
const fn row(
    bin: &'static str,
    issuing_bank: &'static str,
    card_brand: &'static str,
    card_type: &'static str,
    card_detail: &'static str,
    debit_network: &'static str,
    prepaid: &'static str,
    product_id: &'static str,
    regulated: &'static str,
    card_class: &'static str,
) -> BinRecord {
    BinRecord {
        bin,
        issuing_bank,
        card_brand,
        card_type,
        card_detail,
        debit_network,
        signature_participant: if debit_network.is_empty() { "" } else { "S" },
        prepaid,
        product_id,
        regulated,
        card_class,
    }
}

/// Known BINs (first six digits).
const BINS: [BinRecord; 16] = [
    BinRecord {
        bin: "411111",
        issuing_bank: "Bank Name",
        card_brand: "Visa",
        card_type: "Credit",
        card_detail: TRUE_CREDIT,
        debit_network: "ACCEL FISERV – Pinned POS",
        signature_participant: "",
        prepaid: "No",
        product_id: "Visa Classic",
        regulated: "N",
        card_class: "Consumer",
    },
    row(
        "424242",
        "Sandbox Test Bank",
        "Visa",
        "Credit",
        TRUE_CREDIT,
        "",
        "No",
        "Visa Classic",
        "N",
        "Consumer",
    ),
    row(
        "401288",
        "Sandbox Test Bank",
        "Visa",
        "Credit",
        TRUE_CREDIT,
        "",
        "No",
        "Visa Signature",
        "N",
        "Consumer",
    ),
    row(
        "400005",
        "Sandbox Debit Bank",
        "Visa",
        "Debit",
        PIN_AND_SIGNATURE,
        "STAR",
        "No",
        "Visa Classic",
        "Y",
        "Consumer",
    ),
    row(
        "400056",
        "Sandbox Debit Bank",
        "Visa",
        "Debit",
        PIN_AND_SIGNATURE,
        "STAR",
        "No",
        "Visa Classic",
        "Y",
        "Consumer",
    ),
    row(
        "555555",
        "Sandbox Test Bank",
        "MasterCard",
        "Credit",
        TRUE_CREDIT,
        "",
        "No",
        "Standard",
        "N",
        "Consumer",
    ),
    row(
        "520082",
        "Sandbox Debit Bank",
        "MasterCard",
        "Debit",
        PIN_AND_SIGNATURE,
        "STAR",
        "No",
        "Debit Standard",
        "Y",
        "Consumer",
    ),
    row(
        "510510",
        "Sandbox Prepaid Bank",
        "MasterCard",
        "Prepaid",
        PIN_AND_SIGNATURE,
        "STAR",
        "Yes",
        "Prepaid",
        "N",
        "Consumer",
    ),
    row(
        "378282",
        "American Express",
        "American Express",
        "Credit",
        TRUE_CREDIT,
        "",
        "No",
        "Green",
        "N",
        "Consumer",
    ),
    row(
        "371449",
        "American Express",
        "American Express",
        "Credit",
        TRUE_CREDIT,
        "",
        "No",
        "Corporate",
        "N",
        "Corporate T&E",
    ),
    row(
        "601111",
        "Discover Bank",
        "Discover",
        "Credit",
        TRUE_CREDIT,
        "",
        "No",
        "Discover it",
        "N",
        "Consumer",
    ),
    row(
        "601100",
        "Discover Bank",
        "Discover",
        "Credit",
        TRUE_CREDIT,
        "",
        "No",
        "Discover Business",
        "N",
        "Business",
    ),
    row(
        "305693",
        "Diners Club International",
        "Discover",
        "Credit",
        TRUE_CREDIT,
        "",
        "No",
        "Diners Club",
        "N",
        "Consumer",
    ),
    row(
        "385200",
        "Diners Club International",
        "Discover",
        "Credit",
        TRUE_CREDIT,
        "",
        "No",
        "Diners Club",
        "N",
        "Consumer",
    ),
    row(
        "353011",
        "JCB Co., Ltd.",
        "Discover",
        "Credit",
        TRUE_CREDIT,
        "",
        "No",
        "JCB",
        "N",
        "Consumer",
    ),
    row(
        "356600",
        "JCB Co., Ltd.",
        "Discover",
        "Credit",
        TRUE_CREDIT,
        "",
        "No",
        "JCB",
        "N",
        "Consumer",
    ),
];

/// Looks up a 6- to 8-digit BIN by its first six digits; anything else
/// answers `404 BIN not found`.
pub(crate) fn lookup(bin: &str) -> Outcome {
    let well_formed = is_digits(bin, 6..=8);
    let record = well_formed
        .then(|| bin.get(..6))
        .flatten()
        .and_then(|prefix| BINS.iter().find(|record| record.bin == prefix));
    let Some(record) = record else {
        return Outcome::not_found("BIN not found", None);
    };
    Outcome::ok(json!({
        "Bin": record.bin,
        "IssuingBank": record.issuing_bank,
        "Country": "USA",
        "CardBrand": record.card_brand,
        "CardType": record.card_type,
        "CardDetail": record.card_detail,
        "DebitNetwork": record.debit_network,
        "DebitSignatureNetworkParticipant": record.signature_participant,
        "FSA": "No",
        "PrepaidIndicator": record.prepaid,
        "ProductID": record.product_id,
        "RegulatorIndicator": record.regulated,
        "CardClass": record.card_class,
    }))
}

#[cfg(test)]
mod tests {
    use axum::http::StatusCode;

    use super::*;
    use crate::stored_value::test_cards;

    #[test]
    fn every_test_card_bin_is_known() {
        for number in test_cards::GENERIC {
            let outcome = lookup(&number[..6]);
            assert_eq!(outcome.status, StatusCode::OK, "{number}");
            assert_eq!(outcome.body.as_object().map(|o| o.len()), Some(13));
        }
    }

    #[test]
    fn malformed_or_unknown() {
        for bad in ["41111", "411111111", "41111a", "999999", ""] {
            assert_eq!(lookup(bad).status, StatusCode::NOT_FOUND, "{bad}");
        }
        assert_eq!(lookup("41111111").body["Bin"], "411111");
    }
}
