//! The stored-value tables against the API document's own examples (`doc_examples.json`,
//! verbatim) and against bodies that drift from them.

use super::{name, responses, SELECTED_TRANSACTION_PAGE};
use crate::core::error::Error;
use crate::core::schema::testing::{self, checked, is};
use crate::core::schema::Ty;
use crate::stored_value::Op;

/// Every operation. `name` matches on `Op` exhaustively, so a new operation must be named
/// there; the tests below check this list against it and the table.
const ALL_OPS: [Op; 9] = [
    Op::CreateCard,
    Op::DeleteCard,
    Op::CardInfo,
    Op::Reload,
    Op::Redeem,
    Op::Cancel,
    Op::GetTransaction,
    Op::ListTransactions,
    Op::BinLookup,
];

/// Every "Example Response" of the document, verbatim, with the operation it answers (the
/// error examples are not 2xx answers and are left out).
fn examples() -> &'static [(String, String)] {
    static EXAMPLES: std::sync::OnceLock<Vec<(String, String)>> = std::sync::OnceLock::new();
    EXAMPLES
        .get_or_init(|| serde_json::from_str(include_str!("doc_examples.json")).unwrap_or_default())
}

/// The check of `text` against `ty`, asserting that the text and tree checks agree.
fn check_ty(ty: &'static Ty, text: &str) -> Result<(), Error> {
    checked(Some(ty), text)
}

/// The check of `name`'s body `text`.
fn check(name: &str, text: &str) -> Result<(), Error> {
    let ty = responses()
        .iter()
        .find(|(n, _)| *n == name)
        .and_then(|(_, ty)| *ty);
    assert!(ty.is_some(), "no row for {name}");
    ty.map_or(Ok(()), |ty| check_ty(ty, text))
}

fn example(name: &str) -> &'static str {
    examples()
        .iter()
        .find(|(n, _)| n == name)
        .map_or("", |(_, text)| text.as_str())
}

fn failure(name: &str, text: &str) -> (String, String) {
    testing::failure(check(name, text))
}

/// The failure of `name`'s documented example with its first `from` replaced by `to`.
fn mutated(name: &str, from: &str, to: &str) -> (String, String) {
    let text = example(name);
    assert!(text.contains(from), "{name} example has no {from}");
    failure(name, &text.replacen(from, to, 1))
}

#[test]
fn every_operation_has_exactly_one_row() {
    let names: Vec<&str> = ALL_OPS.into_iter().map(name).collect();
    for (i, n) in names.iter().enumerate() {
        assert!(!names[..i].contains(n), "{n} names two operations");
        assert_eq!(
            responses().iter().filter(|(row, _)| row == n).count(),
            1,
            "{n}"
        );
    }
    for (row, ty) in &responses() {
        assert!(names.contains(row), "{row} is no stored-value operation");
        assert!(ty.is_some(), "{row}: every answer is a JSON object");
    }
    assert_eq!(responses().len(), ALL_OPS.len());
}

#[test]
fn every_documented_example_passes() {
    assert_eq!(examples().len(), 9, "doc_examples.json did not load");
    for (name, text) in examples() {
        assert_eq!(check(name, text), Ok(()), "{name}: {text}");
    }
    // Every operation has an example of its own.
    for op in ALL_OPS {
        assert!(!example(name(op)).is_empty(), "{}", name(op));
    }
    // The page types agree on a page whose items are whole.
    assert_eq!(
        check_ty(&SELECTED_TRANSACTION_PAGE, example("transactions.list")),
        Ok(())
    );
}

#[test]
fn missing_required_fields_are_named() {
    assert_eq!(
        mutated("giftCards.create", r#""merchantId": "12345678954","#, ""),
        is("response.merchantId", "is required")
    );
    assert_eq!(
        mutated("giftCards.info", r#""cardStatus""#, r#""status""#),
        is("response.cardStatus", "is required")
    );
    assert_eq!(
        mutated("transactions.redeem", r#""customerPayment": "4.00","#, ""),
        is("response.customerPayment", "is required")
    );
    assert_eq!(
        mutated("transactions.reload", r#""transactionId""#, r#""id""#),
        is("response.transactionId", "is required")
    );
    assert_eq!(
        mutated("transactions.get", r#""transId""#, r#""transactionId""#),
        is("response.transId", "is required")
    );
    assert_eq!(
        mutated("transactions.list", r#""pages": 1"#, r#""last": 1"#),
        is("response.pagination.pages", "is required")
    );
    assert_eq!(
        mutated("transactions.list", r#""statusMessage": "Approval","#, ""),
        is("response.data[0].statusMessage", "is required")
    );
    assert_eq!(
        mutated("binLookup", r#""CardClass""#, r#""Class""#),
        is("response.CardClass", "is required")
    );
}

#[test]
fn wrong_types_are_named() {
    assert_eq!(
        mutated("giftCards.delete", r#""99.99""#, "99.99"),
        is("response.amount", "must be a string")
    );
    assert_eq!(
        mutated("transactions.get", r#""amount": 5"#, r#""amount": "5""#),
        is("response.amount", "must be a number")
    );
    // The second item's, the last in the text.
    let list = example("transactions.list");
    let (from, to) = (r#""amountOriginal": 1"#, r#""amountOriginal": "1""#);
    let at = list.rfind(from).unwrap_or_default();
    let second = format!("{}{to}{}", &list[..at], &list[at + from.len()..]);
    assert_eq!(
        failure("transactions.list", &second),
        is("response.data[1].amountOriginal", "must be a number")
    );
    assert_eq!(
        mutated("transactions.list", r#""total": 2"#, r#""total": "2""#),
        is("response.total", "must be a number")
    );
    assert_eq!(
        mutated("binLookup", r#""FSA": "No""#, r#""FSA": false"#),
        is("response.FSA", "must be a string")
    );
    assert_eq!(
        failure("giftCards.info", "[]"),
        is("response", "must be an object")
    );
}

#[test]
fn transaction_results_are_told_apart_by_status() {
    assert_eq!(
        mutated(
            "transactions.reload",
            r#""status": "01""#,
            r#""status": "02""#
        ),
        is("response.status", r#"must be one of "01", "109", "107""#)
    );
    assert_eq!(
        mutated("transactions.reload", r#""status": "01","#, ""),
        is("response.status", "is required")
    );
    assert_eq!(
        mutated("transactions.reload", r#""status": "01""#, r#""status": 1"#),
        is("response.status", r#"must be one of "01", "109", "107""#)
    );
    // 109 brings `customerPayment`; an approval does not need it.
    assert_eq!(
        mutated(
            "transactions.reload",
            r#""status": "01""#,
            r#""status": "109""#
        ),
        is("response.customerPayment", "is required")
    );
    // A cancel may leave out the card; an approval may not.
    assert_eq!(
        mutated(
            "transactions.reload",
            r#""cardNumber": "6006493880499919454","#,
            ""
        ),
        is("response.cardNumber", "is required")
    );
    assert_eq!(
        mutated(
            "transactions.cancel",
            r#""status": "107""#,
            r#""status": "01""#
        ),
        is("response.cardNumber", "is required")
    );
}

#[test]
fn closed_enums_are_strict() {
    let types = r#"must be one of "reload", "redemption", "cancel""#;
    assert_eq!(
        mutated("transactions.redeem", r#""redemption""#, r#""redeem""#),
        is("response.transactionType", types)
    );
    assert_eq!(
        mutated("transactions.get", r#""reload""#, r#""GIFT""#),
        is("response.transactionType", types)
    );
    assert_eq!(
        mutated("transactions.list", r#""reload""#, r#""topup""#),
        is("response.data[0].transactionType", types)
    );
    // Free values are not enums: another card status or currency passes.
    assert_eq!(
        check(
            "giftCards.info",
            &example("giftCards.info").replacen("Active", "Frozen", 1)
        ),
        Ok(())
    );
    assert_eq!(
        check(
            "giftCards.info",
            &example("giftCards.info").replacen("USD", "CAD", 1)
        ),
        Ok(())
    );
}

#[test]
fn optional_fields_and_selected_pages() {
    // `invoice` is in the table, in no example: absent, null or a string.
    let with = |value: &str| {
        example("transactions.get").replacen(
            r#""currency": "USD""#,
            &format!(r#""currency": "USD", "invoice": {value}"#),
            1,
        )
    };
    assert_eq!(check("transactions.get", &with("null")), Ok(()));
    assert_eq!(check("transactions.get", &with(r#""INV-1""#)), Ok(()));
    assert_eq!(
        failure("transactions.get", &with("7")),
        is("response.invoice", "must be a string")
    );
    // `$select` pages carry partial items: refused by the page type, fine by the selected one.
    let selected = r#"{"total": 1, "data": [{"id": "GCT_1", "cardNumber": "2063025100129939"}],
        "pagination": {"count": 10, "page": 1, "size": 1, "pages": 1}}"#;
    assert_eq!(
        failure("transactions.list", selected),
        is("response.data[0].transactionType", "is required")
    );
    assert_eq!(check_ty(&SELECTED_TRANSACTION_PAGE, selected), Ok(()));
    assert_eq!(
        check_ty(
            &SELECTED_TRANSACTION_PAGE,
            r#"{"total": 1, "data": [7], "pagination": {}}"#
        ),
        Err(Error::response("response.pagination.count", "is required"))
    );
}

#[test]
fn unknown_fields_pass_through() {
    let extra = r#"{"surprise": {"deep": [1, null, "x"]}, "storeNumber": 12, "#;
    for (name, text) in examples() {
        let body = text.replacen('{', extra, 1);
        assert_eq!(check(name, &body), Ok(()), "{name}: {body}");
    }
}
