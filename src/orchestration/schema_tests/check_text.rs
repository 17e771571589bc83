//! `check_text` on texts a parse-then-check comparison does not reach: escaped keys and
//! enum values, the tag's last occurrence, which failing field is named, and nesting
//! deep enough to overflow a recursive parser.

use super::*;

#[test]
fn check_text_decodes_escaped_keys_and_enum_values() {
    assert_eq!(
        both(
            "auth.login",
            r#"{"st\u0061tus": "mfa_\u0072equired", "challenge\u005fid": "c"}"#
        ),
        Ok(())
    );
    assert_eq!(
        both(
            "auth.login",
            r#"{"status": "mfa_required", "challenge\u005fid": 5}"#
        ),
        Err(Error::response("response.challenge_id", "must be a string"))
    );
    assert_eq!(
        both(
            "orgs.list",
            r#"{"orgs": [{"org": {"id": "a", "name": "n", "created_at": "c", "updated_at": "u"}, "r\u006fle": "ad\u006din"}]}"#
        ),
        Ok(())
    );
    // The tag is read from its last occurrence, before or after the variant's fields.
    assert_eq!(
        both(
            "auth.login",
            r#"{"challenge_id": "c", "status": "tokens", "status": "mfa_required"}"#
        ),
        Ok(())
    );
    assert_eq!(
        failure("auth.login", r#"{"status": "mfa_required", "status": 1}"#),
        is(
            "response.status",
            r#"must be one of "tokens", "mfa_required""#
        )
    );
    // Of several failing fields the one written last is named (the tree is read from its
    // end); a later occurrence that passes clears its key's earlier failure.
    assert_eq!(
        failure("auth.me", r#"{"user_id": 1, "mfa_passed": 2}"#),
        is("response.mfa_passed", "must be a boolean")
    );
    assert_eq!(
        failure(
            "auth.me",
            r#"{"mfa_passed": 2, "user_id": 1, "mfa_passed": true}"#
        ),
        is("response.user_id", "must be a string")
    );
    assert_eq!(
        failure(
            "auth.me",
            r#"{"user_id": 1, "mfa_passed": 2, "user_id": "u"}"#
        ),
        is("response.mfa_passed", "must be a boolean")
    );
    assert_eq!(
        failure("auth.me", r#"{"user_id": 1, "user_id": "u"}"#),
        is("response.mfa_passed", "is required")
    );
}

#[test]
fn hostile_nesting_is_not_json_not_a_stack_overflow() {
    let deep_arrays = "[".repeat(100_000);
    let deep_objects = "{\"a\":".repeat(100_000);
    let closed = format!("{}{}", "[".repeat(100_000), "]".repeat(100_000));
    let in_a_fee = example("quotes.create").replacen(
        r#""type": "flat","#,
        &format!(
            r#""type": "flat", "x": {}{},"#,
            "[".repeat(50_000),
            "]".repeat(50_000)
        ),
        1,
    );
    let in_a_tag = format!(r#"{{"status": {}"#, "[".repeat(100_000));
    for op in ALL_OPS.iter().chain(&["nope"]) {
        for text in [&deep_arrays, &deep_objects, &closed, &in_a_fee, &in_a_tag] {
            assert_eq!(check_text(op, text), Err(not_json()), "{op}");
            assert_eq!(expected(op, text), Err(not_json()), "{op}");
        }
    }
    // Nesting up to the bound is fine, inside an unknown field too (the fee item is at
    // depth 5, so its field's value at 6 and 123 arrays reach 128).
    let bounded = example("quotes.create").replacen(
        r#""type": "flat","#,
        &format!(
            r#""type": "flat", "x": {}{},"#,
            "[".repeat(123),
            "]".repeat(123)
        ),
        1,
    );
    assert_eq!(both("quotes.create", &bounded), Ok(()));
    let over = bounded.replacen("[[", "[[[", 1).replacen("]]", "]]]", 1);
    assert_eq!(check_text("quotes.create", &over), Err(not_json()));
    assert_eq!(expected("quotes.create", &over), Err(not_json()));
}
