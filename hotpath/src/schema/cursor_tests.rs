//! The cursor's own pieces: string decoding, the word scan, top-level keys.

use super::*;

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
