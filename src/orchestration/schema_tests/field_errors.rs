//! Missing and mistyped fields are named by their path (array elements by index), a
//! repeated key counts by its last value, and the error reads as a sentence.

use super::*;

#[test]
fn missing_required_fields_are_named() {
    assert_eq!(
        mutated("quotes.create", r#""total": "25.00", "#, ""),
        is("response.quotes[2].fees.total", "is required")
    );
    assert_eq!(
        mutated("auth.me", r#", "mfa_passed": true"#, ""),
        is("response.mfa_passed", "is required")
    );
    assert_eq!(
        mutated("apiKeys.list", r#", "revoked_at": null }"#, "}"),
        is("response.api_keys[0].revoked_at", "is required")
    );
    assert_eq!(
        mutated("customers.get", r#""customer": {"#, r#""client": {"#),
        is("response.customer", "is required")
    );
    assert_eq!(
        failure("auth.signup", "{}"),
        is("response.user_id", "is required")
    );
}

#[test]
fn wrong_types_are_named() {
    assert_eq!(
        mutated("quotes.create", r#""total": "25.00""#, r#""total": 25.00"#),
        is("response.quotes[2].fees.total", "must be a string")
    );
    assert_eq!(
        mutated("users.myOrders", r#""1000.00""#, "1000.00"),
        is("response[0].source_amount", "must be a string")
    );
    assert_eq!(
        mutated("auth.me", "true", r#""true""#),
        is("response.mfa_passed", "must be a boolean")
    );
    assert_eq!(
        mutated(
            "orgs.kyb.profile",
            r#""monthly_deposits": 35"#,
            r#""monthly_deposits": "35""#
        ),
        is("response.volumes.monthly_deposits", "must be a number")
    );
    assert_eq!(
        mutated(
            "apiKeys.list",
            r#""last_used_at": null"#,
            r#""last_used_at": 7"#
        ),
        is(
            "response.api_keys[1].last_used_at",
            "must be a string or null"
        )
    );
    assert_eq!(
        mutated(
            "quotes.create",
            r#""source": { "currency": "USD" }"#,
            r#""source": 5"#
        ),
        is("response.request.source", "must be a string or an object")
    );
    assert_eq!(
        mutated(
            "customers.orders",
            r#""funding_instructions": null"#,
            r#""funding_instructions": "wire""#
        ),
        is(
            "response[0].funding_instructions",
            "must be an object or null"
        )
    );
    assert_eq!(
        failure("orgs.get", "[]"),
        is("response", "must be an object")
    );
    assert_eq!(
        failure("users.myOrders", "{}"),
        is("response", "must be an array")
    );
    assert_eq!(
        failure("accounts.list", r#"{"accounts": {}}"#),
        is("response.accounts", "must be an array")
    );
}

#[test]
fn nested_array_elements_are_indexed() {
    assert_eq!(
        mutated("accounts.list", r#"["USDC", "USDT"]"#, r#"["USDC", 5]"#),
        is("response.accounts[0].currencies[1]", "must be a string")
    );
    assert_eq!(
        mutated("currencies", r#"{ "rail": "upi" }"#, r#"{ "rial": "upi" }"#),
        is("response.currencies[2].rails[0].rail", "is required")
    );
    assert_eq!(
        mutated(
            "orgs.kyb.providers",
            r#""kyb_link": null"#,
            r#""kyb_link": { "url": 5, "expires_at": "x" }"#
        ),
        is("response.providers[0].kyb_link.url", "must be a string")
    );
    assert_eq!(
        mutated(
            "orgs.kyb.profile",
            r#""is_signer": true"#,
            r#""is_signer": null"#
        ),
        is(
            "response.associated_persons[0].roles.is_signer",
            "must be a boolean"
        )
    );
}

#[test]
fn a_repeated_key_counts_once_by_its_last_value() {
    assert_eq!(
        both("auth.signup", r#"{"user_id": 5, "user_id": "u1"}"#),
        Ok(())
    );
    assert_eq!(
        failure("auth.signup", r#"{"user_id": "u1", "user_id": 5}"#),
        is("response.user_id", "must be a string")
    );
}

#[test]
fn the_error_reads_as_a_sentence() {
    let error = check("orgs.get", &Json::Array(vec![])).err();
    assert_eq!(
        error.map(|e| e.to_string()).as_deref(),
        Some("unexpected response: response must be an object")
    );
    assert_eq!(
        check_text("orgs.get", " [ ] ").err().map(|e| e.to_string()),
        Some("unexpected response: response must be an object".to_owned())
    );
    assert_eq!(
        check_text("orgs.get", "{} x").err().map(|e| e.to_string()),
        Some("unexpected response: response is not JSON".to_owned())
    );
}
