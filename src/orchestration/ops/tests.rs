//! The op table and argument building: every method known, documented paths, bodies and
//! queries, and bad arguments refused naming the parameter.

use super::*;
use crate::core::error::Error;

fn parse(text: &str) -> Vec<Json> {
    match Json::parse(text) {
        Some(Json::Array(items)) => items,
        _ => panic!("bad test args {text}"),
    }
}

fn built(op: &str, args: &str) -> Call {
    match build(op, &parse(args), false) {
        Ok(call) => call,
        Err(e) => panic!("{op}: {e}"),
    }
}

fn refused(op: &str, args: &str) -> String {
    match build(op, &parse(args), false) {
        Err(Error::InvalidArgument { field, .. }) => field,
        other => panic!("{op} {args}: expected a ValidationError, got {other:?}"),
    }
}

#[test]
fn every_method_is_known_and_named() {
    let all: Vec<&str> = names().collect();
    assert_eq!(all.len(), 41, "the documented methods");
    for (i, op) in all.iter().enumerate() {
        assert!(param_names(op).is_some(), "{op}");
        assert!(!all[..i].contains(op), "{op} has two rows");
    }
    // Every path parameter is a positional parameter of its method.
    for e in crate::orchestration::endpoints::ENDPOINTS {
        for p in e.path_params() {
            assert!(e.params.names.contains(&p), "{}: {{{p}}}", e.name);
        }
    }
    assert_eq!(refused("quotes.delete", "[]"), "method");
}

#[test]
fn paths_bodies_and_queries_follow_the_docs() {
    let c = built("quotes.accept", r#"["9d8c", "q_9e4d"]"#);
    assert_eq!(
        (c.method, c.path.as_str()),
        ("POST", "/v0/quotes/9d8c/accept")
    );
    assert_eq!(
        c.body.map(|b| b.to_json()),
        Some(r#"{"quote_id":"q_9e4d"}"#.into())
    );
    let c = built("quotes.acceptBest", r#"["9d8c"]"#);
    assert_eq!(c.body.map(|b| b.to_json()), Some("{}".into()));
    let c = built("users.me", "[]");
    assert_eq!(c.path, "/v0/user");
    let c = built(
        "accounts.list",
        r#"[{"customer_id":"c1","currencies":["USDC","USDT"],"rails":"base","status":"active"}]"#,
    );
    assert_eq!(c.unwrap, Some("accounts"));
    let q: Vec<String> = c.query.iter().map(|(k, v)| format!("{k}={v}")).collect();
    assert_eq!(
        q,
        [
            "customer_id=c1",
            "currency=USDC",
            "currency=USDT",
            "rail=base",
            "status=active"
        ]
    );
    let c = built(
        "customers.createAccount",
        r#"["c/1", {"provider":"p","account_type":"upi","currencies":"INR","rails":"upi","vpa":"a@b"}]"#,
    );
    assert_eq!(
        c.path, "/v0/customers/c%2F1/accounts",
        "ids are one path segment"
    );
    assert_eq!(
        c.body.map(|b| b.to_json()),
        Some(r#"{"provider":"p","account_type":"upi","currencies":["INR"],"rails":["upi"],"vpa":"a@b"}"#.into())
    );
    let c = built("customers.refreshKycLinks", r#"["c1"]"#);
    assert_eq!(c.body.map(|b| b.to_json()), Some("{}".into()));
    let c = built("orgs.members.updateRole", r#"["u1", "admin"]"#);
    assert_eq!((c.method, c.path.as_str()), ("PATCH", "/v0/org/members/u1"));
    let c = built("auth.logout", "[]");
    assert!(c.empty);
    let c = build(
        "quotes.create",
        &parse(
            r#"[{"amount":"1000","source":{"currency":"USD"},"destination":{"currency":"USDC","rail":"base"}}]"#,
        ),
        true,
    );
    assert_eq!(
        c.map(|c| c.query),
        Ok(vec![("wait".to_owned(), "1".to_owned())])
    );
}

#[test]
fn bad_arguments_are_refused_naming_the_parameter() {
    assert_eq!(refused("quotes.accept", r#"["9d8c"]"#), "quoteId");
    assert_eq!(refused("quotes.accept", r#"["9d8c", ""]"#), "quoteId");
    assert_eq!(
        refused(
            "quotes.create",
            r#"[{"amount":1000,"source":"a","destination":"b"}]"#
        ),
        "req.amount"
    );
    assert_eq!(
        refused(
            "quotes.create",
            r#"[{"amount":"-5","source":"a","destination":"b"}]"#
        ),
        "req.amount"
    );
    assert_eq!(
        refused(
            "quotes.create",
            r#"[{"amount":"1e3","source":"a","destination":"b"}]"#
        ),
        "req.amount"
    );
    assert_eq!(
        refused(
            "quotes.create",
            r#"[{"amount":"10","source":{"rail":"ach"},"destination":"b"}]"#
        ),
        "req.source.currency"
    );
    assert_eq!(
        refused("quotes.create", r#"[{"amount":"10","source":"a"}]"#),
        "req.destination"
    );
    assert_eq!(
        refused("auth.signup", r#"["alice@example.com", "short"]"#),
        "password"
    );
    assert_eq!(
        refused("auth.signup", r#"["alice", "hunter22!hunter22"]"#),
        "email"
    );
    assert_eq!(refused("auth.mfa.activate", r#"["12345"]"#), "code");
    assert_eq!(
        refused("orgs.members.updateRole", r#"["u1", "god"]"#),
        "role"
    );
    assert_eq!(
        refused(
            "orgs.members.invite",
            r#"[{"email":"c@acme.com","role":"owner"}]"#
        ),
        "req.role"
    );
    assert_eq!(refused("apiKeys.mint", r#"[{"label":""}]"#), "req.label");
    assert_eq!(
        refused(
            "customers.createAccount",
            r#"["c1", {"provider":"p","account_type":"upi","currencies":[],"rails":"upi"}]"#
        ),
        "req.currencies"
    );
    assert_eq!(
        refused(
            "customers.create",
            r#"[{"external_id":"x","type":"individual","email":"a@b.co","first_name":"A"}]"#
        ),
        "req.last_name"
    );
    assert_eq!(
        refused("accounts.list", r#"[{"status":"open"}]"#),
        "filter.status"
    );
    assert_eq!(refused("customers.get", "[42]"), "id");
}
