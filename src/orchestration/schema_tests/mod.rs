//! Tests of the Orchestration response checks against the API reference's own examples
//! (`doc_examples.json`, verbatim).

use super::*;

mod differential;

/// Every response example of the API reference, verbatim, with the op it answers (a
/// fixture: the docs' own text, kept apart from the code that reads it).
fn examples() -> &'static [(String, String)] {
    static EXAMPLES: std::sync::OnceLock<Vec<(String, String)>> = std::sync::OnceLock::new();
    EXAMPLES
        .get_or_init(|| serde_json::from_str(include_str!("doc_examples.json")).unwrap_or_default())
}

/// Every op the SDK exposes (the JS method paths).
const ALL_OPS: &[&str] = crate::orchestration::ops::OPS;

/// The error of a body that is not JSON.
fn not_json() -> Error {
    Error::response("response", "is not JSON")
}

/// What the client answered before `check_text`: parse, then check the tree.
fn expected(op: &str, text: &str) -> Result<(), Error> {
    Json::parse(text).map_or_else(|| Err(not_json()), |body| check(op, &body))
}

/// `check` of the parsed `text`, asserting that `check_text` answers the same.
fn both(op: &str, text: &str) -> Result<(), Error> {
    let tree = check(op, &parse(text));
    assert_eq!(
        check_text(op, text),
        tree,
        "check_text disagrees: {op}: {text}"
    );
    tree
}

fn parse(text: &str) -> Json {
    let body = Json::parse(text);
    assert!(body.is_some(), "not JSON: {text}");
    body.unwrap_or(Json::Null)
}

fn example(op: &str) -> &'static str {
    examples()
        .iter()
        .find(|(name, _)| name == op)
        .map_or("", |(_, text)| text)
}

/// The last example of `op` (`auth.login` has two: the challenge, then the tokens).
fn last_example(op: &str) -> &'static str {
    examples()
        .iter()
        .rev()
        .find(|(name, _)| name == op)
        .map_or("", |(_, text)| text)
}

/// `(field, message)` of the check of `text`, or a description of what came instead.
fn failure(op: &str, text: &str) -> (String, String) {
    match both(op, text) {
        Err(Error::Response { field, message }) => (field, message),
        other => (format!("{other:?}"), String::new()),
    }
}

/// The failure of `op`'s documented example with its first `from` replaced by `to`.
fn mutated(op: &str, from: &str, to: &str) -> (String, String) {
    let text = example(op);
    assert!(text.contains(from), "{op} example has no {from}");
    failure(op, &text.replacen(from, to, 1))
}

fn passes_with(op: &str, from: &str, to: &str) -> bool {
    let text = example(op);
    assert!(text.contains(from), "{op} example has no {from}");
    both(op, &text.replacen(from, to, 1)).is_ok()
}

fn is(field: &str, message: &str) -> (String, String) {
    (field.to_owned(), message.to_owned())
}

#[test]
fn every_documented_example_passes() {
    for (op, text) in examples() {
        assert_eq!(both(op, text), Ok(()), "{op}: {text}");
    }
    // Ops whose docs show no example of their own answer with a documented sibling's type.
    for (op, like) in [
        ("orgs.update", "orgs.get"),
        ("orgs.kyb.setProfile", "orgs.kyb.profile"),
        ("orgs.kyb.submit", "orgs.kyb.providers"),
        ("quotes.get", "quotes.create"),
        ("quotes.acceptBest", "quotes.accept"),
        ("customers.createAccount", "accounts.get"),
        ("auth.mfa.verify", "auth.login"),
        ("auth.refresh", "auth.login"),
    ] {
        let text = last_example(like);
        assert_eq!(both(op, text), Ok(()), "{op}");
    }
    let member = r#"{ "org_id": "0a2a…", "user_id": "ad22…", "email": "bob@acme.com", "role": "admin", "created_at": "2026-04-12T10:00:00Z" }"#;
    for op in ["orgs.members.invite", "orgs.members.updateRole"] {
        assert_eq!(both(op, member), Ok(()), "{op}");
    }
    assert_eq!(both("health", r#"{"status":"ok"}"#), Ok(()));
}

#[test]
fn every_op_is_known_once_and_204s_take_no_body() {
    for op in ALL_OPS {
        assert_eq!(
            types::OPS.iter().filter(|(name, _)| name == op).count(),
            1,
            "{op}"
        );
    }
    assert_eq!(types::OPS.len(), ALL_OPS.len());
    let empty: Vec<&str> = ALL_OPS.iter().copied().filter(|op| no_body(op)).collect();
    assert_eq!(
        empty,
        [
            "auth.mfa.activate",
            "auth.logout",
            "apiKeys.revoke",
            "orgs.members.remove"
        ]
    );
    assert_eq!(both("apiKeys.revoke", "null"), Ok(()));
    assert_eq!(check("apiKeys.revoke", &Json::Null), Ok(()));
    assert!(!no_body("nope"));
    assert!(matches!(
        both("nope", "null"),
        Err(Error::InvalidArgument { .. })
    ));
    // The text must be JSON whatever the op, as parsing it first requires.
    for op in ["apiKeys.revoke", "nope", "health"] {
        assert_eq!(check_text(op, "{"), Err(not_json()), "{op}");
    }
}

#[test]
fn object_types_fit_the_seen_mask() {
    fn visit(ty: &Ty) {
        match ty {
            Ty::Arr(inner) | Ty::Nullable(inner) => visit(inner),
            Ty::Obj(fields) => {
                assert!(fields.len() <= 64);
                fields.iter().for_each(|f| visit(&f.ty));
            }
            Ty::Tagged { variants, .. } => {
                for (_, fields) in variants.iter() {
                    assert!(fields.len() <= 64);
                    fields.iter().for_each(|f| visit(&f.ty));
                }
            }
            Ty::OneOf(alternatives) => alternatives.iter().for_each(visit),
            _ => {}
        }
    }
    types::OPS.iter().filter_map(|(_, ty)| *ty).for_each(visit);
}

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

#[test]
fn unknown_fields_pass_through() {
    let extra = r#""surprise": { "deep": [1, null, "x"] }, "ok": true, "#;
    for (op, text) in examples() {
        let body = match text.strip_prefix('[') {
            Some(rest) => format!("[{}", rest.replacen('{', &format!("{{{extra}"), 1)),
            None => text.replacen('{', &format!("{{{extra}"), 1),
        };
        assert_eq!(both(op, &body), Ok(()), "{op}: {body}");
    }
    assert!(passes_with(
        "quotes.create",
        r#""rate": "0.997""#,
        r#""rate": "0.997", "routing": { "leg": 1 }"#
    ));
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

// ---- check_text against parse + check --------------------------------------------
