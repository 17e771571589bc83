//! The Cards tables against the docs' own examples (`doc_examples.json`: the authentication
//! guide's answers, verbatim, as whole envelopes of which the client returns `data`) and
//! against bodies that drift from them.

use super::responses;
use crate::cards::{envelope_data, ENDPOINTS};
use crate::core::error::Error;
use crate::core::schema::testing::{self, assert_fits_seen_mask, checked, is};
use crate::core::schema::Ty;
use crate::transport::HttpResponse;

/// The OAuth steps: the client calls them itself (they are not `ENDPOINTS` rows), but their
/// answers are documented and typed all the same.
use super::OAUTH;

/// Every response example of the docs, verbatim, with the method it answers.
fn examples() -> &'static [(String, String)] {
    static EXAMPLES: std::sync::OnceLock<Vec<(String, String)>> = std::sync::OnceLock::new();
    EXAMPLES
        .get_or_init(|| serde_json::from_str(include_str!("doc_examples.json")).unwrap_or_default())
}

/// The type of `name`'s `data` (asserting that `name` has a row).
fn row(name: &str) -> Option<&'static Ty> {
    let rows = responses();
    let found = rows.iter().find(|(n, _)| *n == name);
    assert!(found.is_some(), "no row for {name}");
    found.and_then(|(_, ty)| *ty)
}

/// The check of the `data` text of `name`, asserting that the text and tree checks agree.
fn check(name: &str, data: &str) -> Result<(), Error> {
    checked(row(name), data)
}

/// What the client returns of a 200 with this body: the envelope's `data`, as JSON text.
fn data(body: &str) -> Result<String, Error> {
    envelope_data(&HttpResponse {
        status: 200,
        headers: vec![],
        body: body.to_owned(),
        js_body: Default::default(),
    })
}

/// The `data` of `name`'s documented example.
fn example(name: &str) -> String {
    let body = examples()
        .iter()
        .find(|(n, _)| n == name)
        .map_or("", |(_, text)| text.as_str());
    data(body).unwrap_or_default()
}

fn failure(name: &str, data: &str) -> (String, String) {
    testing::failure(check(name, data))
}

/// The failure of `name`'s documented `data` with its first `from` replaced by `to`.
fn mutated(name: &str, from: &str, to: &str) -> (String, String) {
    let text = example(name);
    assert!(text.contains(from), "{name} example has no {from}");
    failure(name, &text.replacen(from, to, 1))
}

#[test]
fn every_method_has_one_row_and_a_response_type() {
    let rows = responses();
    for (name, ty) in &rows {
        assert_eq!(rows.iter().filter(|(n, _)| n == name).count(), 1, "{name}");
        // Every answer is the `{ code, message, data }` envelope: none is without a body.
        assert!(ty.is_some(), "{name}");
    }
    assert_eq!(rows.len(), ENDPOINTS.len() + OAUTH.len());
}

#[test]
fn every_documented_example_passes() -> Result<(), Error> {
    assert_eq!(examples().len(), 3, "doc_examples.json did not load");
    for (name, body) in examples() {
        let data = data(body)?;
        assert!(data.starts_with('{'), "{name}: {data}");
        assert_eq!(check(name, &data), Ok(()), "{name}: {data}");
    }
    Ok(())
}

#[test]
fn object_types_fit_the_seen_mask() {
    let rows = responses();
    rows.iter()
        .filter_map(|(_, ty)| *ty)
        .for_each(assert_fits_seen_mask);
}

#[test]
fn missing_required_fields_are_named() {
    assert_eq!(
        mutated("oauth.accessToken", r#""accessToken""#, r#""access_token""#),
        is("response.accessToken", "is required")
    );
    assert_eq!(
        mutated("oauth.authorize", r#""code""#, r#""ticket""#),
        is("response.code", "is required")
    );
    assert_eq!(
        mutated("bins.list", r#""id""#, r#""binId""#),
        is("response.list[0].id", "is required")
    );
    assert_eq!(
        failure("accounts.register", r#"{"accountId": "78ad30f2"}"#),
        is("response.userId", "is required")
    );
    assert_eq!(
        failure("budgets.get", r#"{"budgetId": "c059", "balance": {}}"#),
        is("response.balance.available", "is required")
    );
    assert_eq!(
        failure("transactions.list", r#"{"list": []}"#),
        is("response.total", "is required")
    );
    assert_eq!(
        failure("accounts.kycStatus", "{}"),
        is("response.kyc", "is required")
    );
}

#[test]
fn wrong_types_are_named() {
    assert_eq!(
        mutated("oauth.authorize", "1758169263", r#""1758169263""#),
        is("response.timestamp", "must be a number")
    );
    assert_eq!(
        mutated("oauth.accessToken", "86400", r#""86400""#),
        is("response.expiresIn", "must be a number")
    );
    assert_eq!(
        mutated("bins.list", "false", r#""false""#),
        is("response.list[0].supportPhysicalCard", "must be a boolean")
    );
    assert_eq!(
        mutated("bins.list", r#"["USD"]"#, r#""USD""#),
        is("response.list[0].currencies", "must be an array")
    );
    assert_eq!(
        failure("budgets.create", r#"{"balance": {"available": 0}}"#),
        is("response.balance.available", "must be a string")
    );
    assert_eq!(
        failure(
            "wallets.list",
            r#"{"list": [{"id": "w1", "objectType": "0"}]}"#
        ),
        is("response.list[0].objectType", "must be a number")
    );
    // A documented `data` must be there: the envelope without one reads as `null`.
    assert_eq!(
        data(r#"{"code": "000000", "message": "success"}"#).as_deref(),
        Ok("null")
    );
    assert_eq!(
        failure("bins.list", "null"),
        is("response", "must be an object")
    );
}

#[test]
fn closed_enums_are_strict() {
    let kyc = |status: &str| format!(r#"{{"kyc": {{"status": "{status}", "caseId": "case_1"}}}}"#);
    for status in ["NONE", "PENDING", "APPROVED", "REJECTED"] {
        assert_eq!(
            check("accounts.kycStatus", &kyc(status)),
            Ok(()),
            "{status}"
        );
    }
    assert_eq!(
        failure("accounts.kycStatus", &kyc("IN_REVIEW")),
        is(
            "response.kyc.status",
            r#"must be one of "NONE", "PENDING", "APPROVED", "REJECTED""#
        )
    );
    assert_eq!(
        failure("accounts.kycStatus", r#"{"kyc": {"caseId": "case_1"}}"#),
        is("response.kyc.status", "is required")
    );
    let listed = |status: &str| {
        format!(
            r#"{{"total": 1, "list": [{{"id": "t1", "status": "{status}", "amount": "1.00"}}]}}"#
        )
    };
    for status in ["PENDING", "CLOSED", "FAIL"] {
        assert_eq!(
            check("transactions.list", &listed(status)),
            Ok(()),
            "{status}"
        );
    }
    assert_eq!(
        failure("transactions.list", &listed("SETTLED")),
        is(
            "response.list[0].status",
            r#"must be one of "PENDING", "CLOSED", "FAIL""#
        )
    );
}

#[test]
fn a_kyc_case_exists_once_kyc_was_submitted() {
    // Before any submission there is no case: absent or null.
    for body in [
        r#"{"kyc": {"status": "NONE"}}"#,
        r#"{"kyc": {"status": "NONE", "caseId": null}}"#,
    ] {
        assert_eq!(check("accounts.kycStatus", body), Ok(()), "{body}");
    }
    for status in ["PENDING", "APPROVED", "REJECTED"] {
        let body = format!(r#"{{"kyc": {{"status": "{status}", "caseId": null}}}}"#);
        assert_eq!(
            failure("accounts.kycStatus", &body),
            is("response.kyc.caseId", "must be a string"),
            "{status}"
        );
        let body = format!(r#"{{"kyc": {{"status": "{status}"}}}}"#);
        assert_eq!(
            failure("accounts.kycStatus", &body),
            is("response.kyc.caseId", "is required"),
            "{status}"
        );
    }
}

/// The answers the docs name no field of but callers go on from: the key the types promise
/// is checked, so a server that answers otherwise fails naming it.
#[test]
fn the_ids_and_card_data_callers_read_are_checked() {
    for (name, body, path) in [
        (
            "cardholders.create",
            r#"{"status": "PENDING"}"#,
            "response.cardholderId",
        ),
        (
            "cardholders.get",
            r#"{"cardholderId": "h"}"#,
            "response.status",
        ),
        ("cards.issue", r#"{"status": "ACTIVE"}"#, "response.cardId"),
        (
            "cards.get",
            r#"{"total": 1, "list": [{"status": "ACTIVE"}]}"#,
            "response.list[0].cardId",
        ),
        (
            "cards.sensitiveData",
            r#"{"cardNumber": "4111", "cvv": "123"}"#,
            "response.expiryDate",
        ),
        (
            "cards.widgetToken",
            r#"{"expiresIn": 300}"#,
            "response.accessToken",
        ),
        (
            "accounts.findByEmail",
            r#"{"list": [{"userId": "u"}]}"#,
            "response.list[0].accountId",
        ),
        (
            "budgets.create",
            r#"{"balance": {"available": "0.00"}}"#,
            "response.budgetId",
        ),
    ] {
        assert_eq!(failure(name, body), is(path, "is required"), "{name}");
    }
    // Values the docs list but do not close pass as any string.
    assert_eq!(
        check(
            "cardholders.get",
            r#"{"cardholderId": "h", "status": "SUSPENDED"}"#
        ),
        Ok(())
    );
}

#[test]
fn undocumented_answers_and_unknown_fields_pass() {
    let undocumented: Vec<&str> = responses()
        .iter()
        .filter(|(_, ty)| matches!(ty, Some(Ty::Any)))
        .map(|(name, _)| *name)
        .collect();
    assert_eq!(undocumented.len(), 10, "{undocumented:?}");
    for name in undocumented {
        for body in [
            "null",
            "{}",
            r#"{"cardId": "d8ed", "status": "FROZEN"}"#,
            "[]",
        ] {
            assert_eq!(check(name, body), Ok(()), "{name}: {body}");
        }
        // Still JSON, as parsing it first requires.
        assert_eq!(
            check(name, "{"),
            Err(Error::response("response", "is not JSON"))
        );
    }
    let extra = r#"{"surprise": {"deep": [1, null, "x"]}, "#;
    for (name, _) in examples() {
        let body = example(name).replacen('{', extra, 1);
        assert_eq!(check(name, &body), Ok(()), "{name}: {body}");
    }
}
