//! `check_text` against parse-then-check on mutated, re-rendered and damaged bodies: the
//! two must answer the same for every text.

use super::mutations::{damage, mutate, render, Rng};
use super::*;

/// An order as the sandbox answers it (keys sorted, funding instructions filled in),
/// with distinct ids: the shape of the benchmark's 200-order `customers.orders()` body.
fn order(i: usize) -> String {
    let id = |salt: usize| {
        let x = (i as u64 + 1).wrapping_mul(0x9E37_79B9_7F4A_7C15) ^ (salt as u64) << 40;
        format!(
            "{:08x}-{:04x}-4{:03x}-a{:03x}-{:012x}",
            x >> 32,
            (x >> 16) & 0xffff,
            x & 0xfff,
            (x >> 4) & 0xfff,
            x & 0xffff_ffff_ffff
        )
    };
    let order_id = id(1);
    let reference = &order_id[..8].to_uppercase();
    format!(
        r#"{{"comment":null,"created_at":"2026-11-22T07:48:22Z","destination_account_id":"{}","destination_address":"0x71C7656EC7ab88b098defB751B7401B5f6d8976F","destination_chain":"base","destination_currency":"USDC","direction":"on_ramp","funding_instructions":{{"amount":"1000.00","bank_account_number":"5349860390","bank_beneficiary_name":"Seismic Systems Inc.","bank_name":"Sandbox Bank, N.A.","bank_routing_number":"021000021","currency":"USD","deposit_message":"SBX-{reference}","payment_rail":"ach"}},"id":"{order_id}","idempotency_key":"{}","provider":"prv_sandbox_a","provider_order_id":"SBX-{reference}","ramp_customer_id":"{}","reference":null,"source_account_id":null,"source_amount":"1000.00","source_currency":"USD","status":"awaiting_funds","updated_at":"2026-11-22T07:48:22Z","user_id":"{}"}}"#,
        id(2),
        id(3),
        id(4),
        id(5)
    )
}

/// `n` orders as a compact JSON array (200 make ~180 KB, like the benchmark's body).
fn orders(n: usize) -> String {
    format!("[{}]", (0..n).map(order).collect::<Vec<_>>().join(","))
}

/// Every documented body with the op it answers, the sibling ops that share a type, and
/// a row-carrying `customers.get`.
fn bodies() -> Vec<(&'static str, String)> {
    let mut all: Vec<(&str, String)> = examples()
        .iter()
        .map(|(op, text)| (op.as_str(), text.clone()))
        .collect();
    for (op, like) in [
        ("orgs.update", "orgs.get"),
        ("orgs.kyb.submit", "orgs.kyb.providers"),
        ("quotes.get", "quotes.create"),
        ("auth.refresh", "auth.login"),
    ] {
        all.push((op, last_example(like).to_string()));
    }
    all.push((
        "customers.get",
        example("customers.get").replacen(
            "} }",
            r#"}, "providers": [{ "provider": "prv_a", "provider_customer_id": "pc_1", "status": "pending", "kyc": { "status": "submitted", "link": { "url": "https://k", "expires_at": "x" } } }] }"#,
            1,
        ),
    ));
    all.push(("health", r#"{"status":"ok"}"#.to_string()));
    all
}

/// Outcome counts of the differential test: (passed, not JSON, failed a check).
fn tally(result: &Result<(), Error>, counts: &mut [usize; 3]) {
    match result {
        Ok(()) => counts[0] += 1,
        Err(e) if *e == not_json() => counts[1] += 1,
        Err(_) => counts[2] += 1,
    }
}

fn agree(op: &str, text: &str, counts: &mut [usize; 3]) {
    let want = expected(op, text);
    assert_eq!(check_text(op, text), want, "{op}: {text}");
    tally(&want, counts);
}

#[test]
fn check_text_agrees_with_parse_then_check_on_mutated_bodies() {
    let mut rng = Rng(0x5EED_CAFE_F00D_1234);
    let mut counts = [0usize; 3];
    let mut cases = 0;
    for (op, text) in bodies() {
        let original = parse(&text);
        agree(op, &text, &mut counts);
        for round in 0..400 {
            let mut body = original.clone();
            for _ in 0..=rng.below(3) {
                mutate(&mut body, &mut rng);
            }
            // Some rounds leave the body as it was, only rendered differently.
            if round % 10 == 0 {
                body = original.clone();
            }
            let escapes = rng.pick(&[0, 0, 5, 30, 100]);
            let spaces = rng.pick(&[0, 0, 10, 60]);
            let mut text = String::new();
            render(&body, &mut rng, escapes, spaces, &mut text);
            if rng.chance(25) {
                damage(&mut text, &mut rng);
            }
            // Now and then the body goes to another op (other types, 204s, unknown).
            let op = if rng.chance(15) {
                rng.pick(&[&ALL_OPS[..], &["nope"]].concat())
            } else {
                op
            };
            agree(op, &text, &mut counts);
            cases += 1;
        }
    }
    println!("passed, not JSON, failed a check: {counts:?} of {cases}");
    assert!(
        counts.iter().all(|&n| n > cases / 20),
        "{counts:?} of {cases}"
    );
}

#[test]
fn check_text_agrees_on_a_200_order_list() {
    let list = orders(200);
    assert!((150_000..200_000).contains(&list.len()), "{}", list.len());
    assert_eq!(both("customers.orders", &list), Ok(()));
    let original = parse(&list);
    let mut rng = Rng(0x00DD_BA11_2000);
    let mut counts = [0usize; 3];
    for round in 0..40 {
        let mut body = original.clone();
        for _ in 0..=rng.below(4) {
            mutate(&mut body, &mut rng);
        }
        let mut text = String::new();
        render(
            &body,
            &mut rng,
            if round % 4 == 0 { 2 } else { 0 },
            0,
            &mut text,
        );
        if round % 5 == 4 {
            damage(&mut text, &mut rng);
        }
        for op in ["customers.orders", "users.myOrders"] {
            agree(op, &text, &mut counts);
        }
    }
    // A failure late in the list is named by its index, after the other 199 pass.
    let at = list
        .match_indices(r#""status":"awaiting_funds""#)
        .nth(198)
        .map_or(0, |(i, _)| i);
    let late = format!(
        r#"{}"status":"settled"{}"#,
        &list[..at],
        &list[at + r#""status":"awaiting_funds""#.len()..]
    );
    assert_eq!(
        both("customers.orders", &late).map_err(|e| e.to_string()),
        Err(r#"unexpected response: response[198].status must be one of "awaiting_funds", "pending", "processing", "completed", "expired", "failed", "canceled", "unknown""#.to_owned())
    );
    println!("200 orders, passed, not JSON, failed a check: {counts:?}");
    assert!(counts.iter().all(|&n| n > 0), "{counts:?}");
}
