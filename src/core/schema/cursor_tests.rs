//! The cursor reads what `Json::parse` reads, and finds top-level keys.

use super::*;
use crate::core::json::Json;

/// Whether the cursor reads `text` as exactly one JSON value.
fn reads(text: &str) -> bool {
    let mut cursor = Cursor {
        s: text.as_bytes(),
        text,
        i: 0,
    };
    cursor.document(|c| c.skip(0)).is_ok()
}

#[test]
fn the_grammar_is_that_of_json_parse() {
    let cases = [
        r#"{"a":1}"#,
        r#"{"a":01}"#,
        r#"{"a":1.}"#,
        r#"{"a":-}"#,
        r#"{"a":-0}"#,
        r#"{"a":+1}"#,
        r#"{"a":.5}"#,
        r#"{"a":1e}"#,
        r#"{"a":1E+2}"#,
        r#"{"a":1e-07}"#,
        r#"{"a":"\x"}"#,
        r#"{"a":"\ud800"}"#,
        r#"{"a":"\ud800\u0041"}"#,
        r#"{"a":"\udc00"}"#,
        r#"{"a":"\ud83d\ude00"}"#,
        r#"{"a":"\uD83D\uDE00"}"#,
        r#"{"a":"\u00e9\u0000"}"#,
        r#"{"a":"\u00g0"}"#,
        r#"{"a":"\u00"}"#,
        r#"{"a":"\/\b\f\n\r\t\"\\"}"#,
        r#"{"a":"\'"}"#,
        r#"{"a":[1,]}"#,
        r#"{"a":1,}"#,
        r#"{"a" 1}"#,
        r#"{"a":1 "b":2}"#,
        r#"{a:1}"#,
        "{\"a\":\"\t\"}",
        "{\"a\":\"\u{7f}é😀\"}",
        "{\"a\":\"\u{1f}\"}",
        r#"{"a":tru}"#,
        r#"{"a":truex}"#,
        r#"{"a":{}} x"#,
        r#"[1]"#,
        r#"[1 2]"#,
        r#"[,]"#,
        r#""s""#,
        r#""s"#,
        r#"{"a":1e5,"b":[[],{}]}"#,
        r#"{"a":-0.5E-3}"#,
        "",
        " ",
        "{",
        "}",
        "\u{feff}{}",
        " \t\r\n{ \"a\" : [ 1 , 2 ] } \n",
        r#"{"a":nul}"#,
        "nulll",
        "0",
        "-",
        "1.5e+",
        r#""0123456789abcdef\"0123456789abcdef""#,
        "\"0123456789abcdef\u{1}0123\"",
    ];
    for case in cases {
        assert_eq!(reads(case), Json::parse(case).is_some(), "{case:?}");
    }
}

#[test]
fn the_nesting_bound_is_that_of_json_parse() {
    for depth in 125..=132 {
        for inner in ["", "1", "\"s\"", "{}", "null"] {
            let text = format!("{}{inner}{}", "[".repeat(depth), "]".repeat(depth));
            assert_eq!(
                reads(&text),
                Json::parse(&text).is_some(),
                "{depth} {inner}"
            );
            let text = format!("{}{inner}{}", "{\"a\":[".repeat(depth), "]}".repeat(depth));
            assert_eq!(
                reads(&text),
                Json::parse(&text).is_some(),
                "{depth} {inner}"
            );
        }
    }
}

#[test]
fn strings_decode_only_when_escaped() {
    let text = r#""plain…" "a\u00e9\ud83d\ude00\n\/b""#;
    let mut cursor = Cursor {
        s: text.as_bytes(),
        text,
        i: 0,
    };
    assert!(matches!(cursor.str_value(), Ok(Cow::Borrowed("plain…"))));
    cursor.ws();
    let decoded = cursor.str_value().ok();
    assert!(matches!(decoded, Some(Cow::Owned(_))));
    assert_eq!(decoded.as_deref(), Some("aé😀\n/b"));
    assert_eq!(cursor.i, text.len());
}

#[test]
fn the_word_scan_finds_the_first_special_byte() {
    let special = |b: u8| b == b'"' || b == b'\\' || b < 0x20;
    let fillers = [
        b'a', 0, 1, b'"', b'\\', 0x1f, 0x20, 0x21, 0x5b, 0x5d, 0x7f, 0x80, 0xff,
    ];
    for b in 0..=255u8 {
        for lane in 0..8 {
            for &above in &fillers {
                // `b` in `lane`, plain bytes below it, anything above it.
                let mut text = vec![b'"'];
                text.extend((0..8).map(|i| match i.cmp(&lane) {
                    std::cmp::Ordering::Less => b'a',
                    std::cmp::Ordering::Equal => b,
                    std::cmp::Ordering::Greater => above,
                }));
                let text = String::from_utf8_lossy(&text).into_owned();
                let mut cursor = Cursor {
                    s: text.as_bytes(),
                    text: &text,
                    i: 1,
                };
                cursor.plain();
                let bytes = &text.as_bytes()[1..];
                let first = bytes.iter().position(|&c| special(c));
                assert_eq!(
                    cursor.i - 1,
                    first.unwrap_or(bytes.len()),
                    "{b} {lane} {above}"
                );
            }
        }
    }
}

#[test]
fn finds_top_level_keys_only() {
    let k = "request_timestamp";
    assert_eq!(
        has_top_level_key(r#"{"a":1,"request_timestamp":2}"#, k),
        Some(true)
    );
    assert_eq!(
        has_top_level_key(r#"{"request\u005ftimestamp":2}"#, k),
        Some(true)
    );
    assert_eq!(
        has_top_level_key(r#" { "a" : "request_timestamp" } "#, k),
        Some(false)
    );
    assert_eq!(
        has_top_level_key(
            r#"{"a":{"request_timestamp":1},"b":["request_timestamp",{"request_timestamp":0}]}"#,
            k
        ),
        Some(false)
    );
    assert_eq!(
        has_top_level_key(r#"{"a":"x\"request_timestamp\":1"}"#, k),
        Some(false)
    );
    assert_eq!(has_top_level_key(r#"{}"#, k), Some(false));
    for bad in ["[1]", "\"s\"", "null", "{\"a\":1", "{} {}", "{\"a"] {
        assert_eq!(has_top_level_key(bad, k), None, "{bad}");
    }
}
