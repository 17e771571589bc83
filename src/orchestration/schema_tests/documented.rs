//! The API reference's examples pass, every op has one table entry (204s none), and
//! fields no table knows pass through.

use super::*;

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
    for (i, op) in ALL_OPS.iter().enumerate() {
        assert!(!ALL_OPS[..i].contains(op), "{op} has two rows");
    }
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
    crate::orchestration::endpoints::ENDPOINTS
        .iter()
        .filter_map(|e| e.response)
        .for_each(crate::core::schema::testing::assert_fits_seen_mask);
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
