//! Percent-decoding and `application/x-www-form-urlencoded` pairs, for
//! form bodies, query strings and path segments (the stored-value and
//! Orchestration APIs read them the same way).

/// Decodes `%XX` escapes (and `+` as a space when `plus_as_space`).
/// Malformed escapes are kept literally; invalid UTF-8 is replaced.
pub(crate) fn decode(text: &str, plus_as_space: bool) -> String {
    let bytes = text.as_bytes();
    let mut out = Vec::with_capacity(bytes.len());
    let mut index = 0;
    while let Some(&byte) = bytes.get(index) {
        match byte {
            b'%' => {
                let escaped = bytes
                    .get(index + 1..index + 3)
                    .and_then(|pair| std::str::from_utf8(pair).ok())
                    .and_then(|pair| u8::from_str_radix(pair, 16).ok());
                match escaped {
                    Some(decoded) => {
                        out.push(decoded);
                        index += 3;
                        continue;
                    }
                    None => out.push(b'%'),
                }
            }
            b'+' if plus_as_space => out.push(b' '),
            other => out.push(other),
        }
        index += 1;
    }
    String::from_utf8_lossy(&out).into_owned()
}

/// Splits `a=1&b=2` into decoded `(name, value)` pairs, in order. Empty
/// parts are skipped; a part without `=` has an empty value.
pub(crate) fn pairs(text: &str) -> Vec<(String, String)> {
    text.split('&')
        .filter(|part| !part.is_empty())
        .map(|part| {
            let (name, value) = part.split_once('=').unwrap_or((part, ""));
            (decode(name, true), decode(value, true))
        })
        .collect()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn decodes_escapes() {
        assert_eq!(decode("%24or%5B0%5D", true), "$or[0]");
        assert_eq!(decode("a+b%20c", true), "a b c");
        assert_eq!(decode("a+b", false), "a+b");
        assert_eq!(decode("100%", true), "100%");
        assert_eq!(decode("%zz%4", true), "%zz%4");
        assert_eq!(decode("%3B1%3D2%3F", false), ";1=2?");
    }

    #[test]
    fn splits_pairs() {
        assert_eq!(
            pairs("a=1&&b&c=x%3Dy=z"),
            vec![
                ("a".to_owned(), "1".to_owned()),
                ("b".to_owned(), String::new()),
                ("c".to_owned(), "x=y=z".to_owned()),
            ]
        );
    }
}
