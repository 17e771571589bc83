//! Closed enums, tagged unions (checked per variant), optional and nullable fields.

use super::*;

#[test]
fn closed_enums_are_strict() {
    assert_eq!(
        mutated(
            "quotes.create",
            r#""status": "ready""#,
            r#""status": "done""#
        ),
        is(
            "response.status",
            r#"must be one of "pending", "ready", "expired""#
        )
    );
    assert_eq!(
        mutated("users.myOrders", r#""completed""#, r#""settled""#),
        is(
            "response[0].status",
            r#"must be one of "awaiting_funds", "pending", "processing", "completed", "expired", "failed", "canceled", "unknown""#
        )
    );
    assert_eq!(
        mutated("orgs.list", r#""role": "admin""#, r#""role": "boss""#),
        is(
            "response.orgs[1].role",
            r#"must be one of "owner", "admin", "member", "viewer""#
        )
    );
    assert_eq!(
        mutated(
            "customers.refreshKycLinks",
            r#""under_review""#,
            r#""reviewing""#
        )
        .0,
        "response.links[0].status"
    );
    assert_eq!(
        mutated("accounts.get", r#""active""#, "1"),
        is(
            "response.status",
            r#"must be one of "pending", "active", "disabled""#
        )
    );
    assert_eq!(
        mutated("rails", r#""kind": "crypto""#, r#""kind": "chain""#).0,
        "response.rails[6].kind"
    );
}

#[test]
fn unions_are_checked_per_variant() {
    assert_eq!(
        mutated("auth.login", r#""mfa_required""#, r#""weird""#),
        is(
            "response.status",
            r#"must be one of "tokens", "mfa_required""#
        )
    );
    assert_eq!(
        failure("auth.login", r#"{"challenge_id": "mfa_1"}"#),
        is("response.status", "is required")
    );
    assert_eq!(
        failure("auth.login", r#"{"status": "mfa_required"}"#),
        is("response.challenge_id", "is required")
    );
    let tokens = last_example("auth.login");
    assert_eq!(
        failure(
            "auth.login",
            &tokens.replacen(r#""refresh_token": "rt_…", "#, "", 1)
        ),
        is("response.refresh_token", "is required")
    );
    // A tokens answer carries no challenge, and a challenge no tokens.
    assert!(both("auth.login", r#"{"status": "tokens", "challenge_id": "x"}"#).is_err());
    assert_eq!(
        mutated(
            "quotes.create",
            r#"{ "type": "flat", "amount": "25.00""#,
            r#"{ "type": "bogus", "amount": "25.00""#
        ),
        is(
            "response.quotes[2].fees.items[0].type",
            r#"must be one of "flat", "percentage", "network", "other""#
        )
    );
    assert_eq!(
        mutated(
            "quotes.create",
            r#""type": "flat", "amount": "25.00", "currency": "USD", "description": "Wire transfer fee""#,
            r#""type": "other", "amount": "25.00", "currency": "USD""#
        ),
        is(
            "response.quotes[2].fees.items[0].description",
            "is required"
        )
    );
    assert_eq!(
        mutated(
            "quotes.create",
            r#""type": "flat", "amount": "3.00""#,
            r#""type": "percentage", "amount": "3.00""#
        ),
        is("response.quotes[0].fees.items[0].bps", "is required")
    );
    assert!(passes_with(
        "quotes.create",
        r#""type": "flat", "amount": "3.00""#,
        r#""type": "percentage", "bps": 30, "amount": "3.00""#
    ));
    assert!(passes_with(
        "quotes.create",
        r#""type": "flat", "amount": "3.00""#,
        r#""type": "network", "amount": "3.00""#
    ));
}

#[test]
fn optional_and_nullable_fields() {
    // Optional: absent or null passes, anything else must have the type.
    assert!(passes_with(
        "quotes.create",
        r#""expires_at": "2026-04-23T10:21:00Z""#,
        r#""expires_at": null"#
    ));
    assert_eq!(
        mutated(
            "quotes.create",
            r#""expires_at": "2026-04-23T10:21:00Z""#,
            r#""expires_at": 5"#
        ),
        is("response.quotes[0].expires_at", "must be a string")
    );
    assert_eq!(
        mutated(
            "orgs.get",
            r#""name": "Acme Inc.", "#,
            r#""name": "Acme Inc.", "providers": [{ "provider": "p", "kyb_status": "done" }], "#
        ),
        is(
            "response.providers[0].kyb_status",
            r#"must be one of "not_started", "submitted", "under_review", "approved", "rejected""#
        )
    );
    let envelope = r#"{ "status": "pending", "kyc": { "status": "submitted", "link": null } }"#;
    let with_row = |row: &str| {
        example("customers.get").replacen(
            "} }",
            &format!(r#"}}, "providers": [{{ "provider": "prv_a", "provider_customer_id": "pc_1", {row} }}] }}"#),
            1,
        )
    };
    let text = with_row(&envelope[2..envelope.len() - 2]);
    assert_eq!(both("customers.get", &text), Ok(()), "{text}");
    assert_eq!(
        failure(
            "customers.get",
            &text.replacen(r#""status": "submitted""#, r#""status": "done""#, 1)
        )
        .0,
        "response.providers[0].kyc.status"
    );
    assert_eq!(
        failure(
            "customers.get",
            &text.replacen(r#""link": null"#, r#""link": { "expires_at": "x" }"#, 1)
        ),
        is("response.providers[0].kyc.link.url", "is required")
    );
    // An order of a pricing-only quote has no customer.
    assert!(passes_with("users.myOrders", r#""cus_7c4b…""#, "null"));
    assert!(passes_with(
        "users.myOrders",
        r#""destination_account_id": null"#,
        r#""destination_account_id": "acc_1""#
    ));
}
