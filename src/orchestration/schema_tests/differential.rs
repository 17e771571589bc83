//! `check_text` against parse-then-check on mutated, re-rendered and damaged bodies: the
//! two must answer the same for every text.

use super::*;

/// A deterministic generator (xorshift64*) for the differential test.
struct Rng(u64);

impl Rng {
    fn next(&mut self) -> u64 {
        self.0 ^= self.0 >> 12;
        self.0 ^= self.0 << 25;
        self.0 ^= self.0 >> 27;
        self.0.wrapping_mul(0x2545_F491_4F6C_DD1D)
    }

    /// A number below `n` (0 when `n` is 0).
    fn below(&mut self, n: usize) -> usize {
        (self.next() % (n.max(1) as u64)) as usize
    }

    /// True `percent`% of the time.
    fn chance(&mut self, percent: u64) -> bool {
        self.next() % 100 < percent
    }

    fn pick<T: Copy>(&mut self, items: &[T]) -> T {
        items[self.below(items.len())]
    }
}

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

/// Values that mutations put in place of others: every kind, and strings the closed
/// enums and tags of the tables accept (so variants switch and enums stay valid).
fn pool(rng: &mut Rng) -> Json {
    let strings = [
        "x",
        "completed",
        "tokens",
        "mfa_required",
        "flat",
        "percentage",
        "other",
        "ready",
        "admin",
        "active",
        "fiat",
        "on_ramp",
        "",
        "a\"b\\c\u{1}\u{7f}é…😀",
    ];
    match rng.below(9) {
        0 => Json::Null,
        1 => Json::Bool(rng.chance(50)),
        2 => Json::Number(
            rng.pick(&["0", "-5", "12.50", "1e3", "-0.5E-2"])
                .to_string(),
        ),
        3 | 4 => Json::Str(rng.pick(&strings).to_string()),
        5 => Json::Array(vec![]),
        6 => Json::Array(vec![Json::Str("x".into()), Json::Number("1".into())]),
        7 => Json::Object(vec![]),
        _ => Json::Object(vec![("k".into(), Json::Null)]),
    }
}

/// A value nested `depth` times, unknown to every table.
fn nested(depth: usize) -> Json {
    (0..depth).fold(Json::Str("deep".into()), |inner, i| {
        if i % 2 == 0 {
            Json::Array(vec![Json::Null, inner])
        } else {
            Json::Object(vec![("n".into(), inner), ("m".into(), Json::Bool(false))])
        }
    })
}

fn size(value: &Json) -> usize {
    1 + match value {
        Json::Array(items) => items.iter().map(size).sum(),
        Json::Object(entries) => entries.iter().map(|(_, v)| size(v)).sum(),
        _ => 0,
    }
}

/// The `k`th value of `value` in preorder.
fn node(value: &mut Json, mut k: usize) -> Option<&mut Json> {
    if k == 0 {
        return Some(value);
    }
    k -= 1;
    let children: Vec<&mut Json> = match value {
        Json::Array(items) => items.iter_mut().collect(),
        Json::Object(entries) => entries.iter_mut().map(|(_, v)| v).collect(),
        _ => return None,
    };
    for child in children {
        let n = size(child);
        if k < n {
            return node(child, k);
        }
        k -= n;
    }
    None
}

/// Names the mutations give keys: documented ones (to move or repeat them) and others.
const KEYS: &[&str] = &[
    "status", "type", "id", "amount", "quotes", "fees", "total", "user_id", "kind", "rails",
    "role", "surprise", "", "é😀\"",
];

/// One change to a random value of `body`.
fn mutate(body: &mut Json, rng: &mut Rng) {
    let k = rng.below(size(body));
    let op = rng.below(8);
    let replacement = pool(rng);
    let Some(target) = node(body, k) else { return };
    match (op, target) {
        (1, Json::Object(entries)) if !entries.is_empty() => {
            let i = rng.below(entries.len());
            entries.remove(i);
        }
        (2, Json::Object(entries)) if !entries.is_empty() => {
            // A repeated key, its value kept or changed, before or after the first.
            let (name, value) = entries[rng.below(entries.len())].clone();
            let value = if rng.chance(50) { value } else { replacement };
            let at = rng.below(entries.len() + 1);
            entries.insert(at, (name, value));
        }
        (3, Json::Object(entries)) => {
            if rng.chance(50) {
                entries.reverse();
            } else if !entries.is_empty() {
                let at = rng.below(entries.len());
                entries.rotate_left(at);
            }
        }
        (4, Json::Object(entries)) => {
            let value = if rng.chance(50) {
                nested(1 + rng.below(12))
            } else {
                replacement
            };
            let at = rng.below(entries.len() + 1);
            entries.insert(at, (rng.pick(KEYS).to_string(), value));
        }
        (5, Json::Object(entries)) if !entries.is_empty() => {
            let i = rng.below(entries.len());
            entries[i].0 = rng.pick(KEYS).to_string();
        }
        (6, Json::Array(items)) => match rng.below(3) {
            0 if !items.is_empty() => {
                let i = rng.below(items.len());
                items.remove(i);
            }
            1 if !items.is_empty() => {
                let item = items[rng.below(items.len())].clone();
                items.push(item);
            }
            _ => items.insert(rng.below(items.len() + 1), replacement),
        },
        (7, Json::Str(s)) => s.push_str(rng.pick(&["\"\\/", "\u{0}\u{1f}", "😀é", "…"])),
        (_, target) => *target = replacement,
    }
}

/// JSON text of `value`, escaping some characters of strings and keys (`\uXXXX`,
/// surrogate pairs, short escapes) and spacing some tokens, as a server might.
fn render(value: &Json, rng: &mut Rng, escapes: u64, spaces: u64, out: &mut String) {
    let space = |rng: &mut Rng, out: &mut String| {
        if rng.chance(spaces) {
            out.push_str(rng.pick(&[" ", "\n  ", "\t", "\r\n"]));
        }
    };
    let string = |s: &str, rng: &mut Rng, out: &mut String| {
        out.push('"');
        for c in s.chars() {
            let escape = rng.chance(escapes);
            match c {
                '"' => out.push_str("\\\""),
                '\\' => out.push_str("\\\\"),
                '/' if escape => out.push_str("\\/"),
                '\n' => out.push_str("\\n"),
                c if (c as u32) < 0x20 || escape => {
                    let mut units = [0u16; 2];
                    for unit in c.encode_utf16(&mut units) {
                        if rng.chance(50) {
                            out.push_str(&format!("\\u{unit:04x}"));
                        } else {
                            out.push_str(&format!("\\u{unit:04X}"));
                        }
                    }
                }
                c => out.push(c),
            }
        }
        out.push('"');
    };
    space(rng, out);
    match value {
        Json::Null => out.push_str("null"),
        Json::Bool(b) => out.push_str(if *b { "true" } else { "false" }),
        Json::Number(n) => out.push_str(n),
        Json::Str(s) => string(s, rng, out),
        Json::Array(items) => {
            out.push('[');
            for (i, item) in items.iter().enumerate() {
                if i > 0 {
                    out.push(',');
                }
                render(item, rng, escapes, spaces, out);
            }
            space(rng, out);
            out.push(']');
        }
        Json::Object(entries) => {
            out.push('{');
            for (i, (name, item)) in entries.iter().enumerate() {
                if i > 0 {
                    out.push(',');
                }
                space(rng, out);
                string(name, rng, out);
                space(rng, out);
                out.push(':');
                render(item, rng, escapes, spaces, out);
            }
            space(rng, out);
            out.push('}');
        }
    }
    space(rng, out);
}

/// One change to the text itself: mostly breaking it, sometimes not.
fn damage(text: &mut String, rng: &mut Rng) {
    let mut at = rng.below(text.len() + 1);
    while !text.is_char_boundary(at) {
        at -= 1;
    }
    match rng.below(6) {
        0 => text.truncate(at),
        1 => text.push_str(rng.pick(&["x", ",", "}", "]", " 1", "{}", " ", "\n", "\"", "\u{0}"])),
        2 => text.insert_str(
            at,
            rng.pick(&[
                "{", "}", "[", "]", ",", ":", "\"", "\\", " ", "0", "-", "\\u", "\u{1}",
            ]),
        ),
        3 => {
            let mut end = (at + 1 + rng.below(4)).min(text.len());
            while !text.is_char_boundary(end) {
                end += 1;
            }
            text.replace_range(at..end, "");
        }
        4 => *text = text.replacen("\\u", rng.pick(&["\\x", "\\u00", "\\ud800\\u", "\\U"]), 1),
        _ => {
            *text = text.replacen(
                rng.pick(&["true", "null", "0", "\"", "e"]),
                rng.pick(&["tru", "nul", "01", "'", "E+"]),
                1,
            )
        }
    }
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
                rng.pick(&[ALL_OPS, &["nope"]].concat())
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
