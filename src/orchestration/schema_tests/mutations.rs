//! The differential test's generator: a seeded Rng, and the changes it makes to a body
//! (values replaced, removed, repeated, reordered), to its rendering (escapes, spacing)
//! and to its text (damage).

use super::*;

/// A deterministic generator (xorshift64*) for the differential test.
pub(super) struct Rng(pub(super) u64);

impl Rng {
    fn next(&mut self) -> u64 {
        self.0 ^= self.0 >> 12;
        self.0 ^= self.0 << 25;
        self.0 ^= self.0 >> 27;
        self.0.wrapping_mul(0x2545_F491_4F6C_DD1D)
    }

    /// A number below `n` (0 when `n` is 0).
    pub(super) fn below(&mut self, n: usize) -> usize {
        (self.next() % (n.max(1) as u64)) as usize
    }

    /// True `percent`% of the time.
    pub(super) fn chance(&mut self, percent: u64) -> bool {
        self.next() % 100 < percent
    }

    pub(super) fn pick<T: Copy>(&mut self, items: &[T]) -> T {
        items[self.below(items.len())]
    }
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
pub(super) fn mutate(body: &mut Json, rng: &mut Rng) {
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
pub(super) fn render(value: &Json, rng: &mut Rng, escapes: u64, spaces: u64, out: &mut String) {
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
pub(super) fn damage(text: &mut String, rng: &mut Rng) {
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
