//! A small strict reader for the top-level fields of a JSON object.
//!
//! The envelope path only needs `encrypted`, `error`, `error_slug` and `message` from a
//! response; reading them here keeps a full JSON library (and its float formatting) out of
//! the wasm, where the payload itself is parsed by the engine's `JSON.parse`.

/// A top-level field value: a string (unescaped) or any other JSON value (raw text).
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Field<'a> {
    /// A JSON string, unescaped.
    Str(String),
    /// Any non-string value, as its raw JSON text.
    Other(&'a str),
}

/// The top-level fields of `text`, which must be exactly one JSON object; `None` when it is
/// not valid JSON or not an object.
pub fn object_fields(text: &str) -> Option<Vec<(String, Field<'_>)>> {
    let mut p = Parser {
        s: text.as_bytes(),
        i: 0,
        text,
    };
    p.ws();
    p.eat(b'{')?;
    let mut fields = Vec::new();
    p.ws();
    if p.peek() == Some(b'}') {
        p.i += 1;
    } else {
        loop {
            p.ws();
            let name = p.string()?;
            p.ws();
            p.eat(b':')?;
            p.ws();
            let value = if p.peek() == Some(b'"') {
                Field::Str(p.string()?)
            } else {
                let start = p.i;
                p.value(0)?;
                Field::Other(&text[start..p.i])
            };
            fields.push((name, value));
            p.ws();
            match p.next()? {
                b',' => continue,
                b'}' => break,
                _ => return None,
            }
        }
    }
    p.ws();
    (p.i == p.s.len()).then_some(fields)
}

/// The string value of top-level field `name` (the last one, like `JSON.parse`).
pub fn string_field(text: &str, name: &str) -> Option<String> {
    object_fields(text)?
        .into_iter()
        .rev()
        .find_map(|(n, v)| match v {
            Field::Str(s) if n == name => Some(s),
            _ => None,
        })
}

struct Parser<'a> {
    s: &'a [u8],
    i: usize,
    text: &'a str,
}

const MAX_DEPTH: usize = 128;

impl Parser<'_> {
    fn peek(&self) -> Option<u8> {
        self.s.get(self.i).copied()
    }

    fn next(&mut self) -> Option<u8> {
        let b = self.peek()?;
        self.i += 1;
        Some(b)
    }

    fn eat(&mut self, b: u8) -> Option<()> {
        (self.next()? == b).then_some(())
    }

    fn ws(&mut self) {
        while matches!(self.peek(), Some(b' ' | b'\t' | b'\n' | b'\r')) {
            self.i += 1;
        }
    }

    fn value(&mut self, depth: usize) -> Option<()> {
        if depth > MAX_DEPTH {
            return None;
        }
        match self.peek()? {
            b'"' => self.string().map(|_| ()),
            b'{' | b'[' => self.container(depth),
            b't' => self.literal("true"),
            b'f' => self.literal("false"),
            b'n' => self.literal("null"),
            _ => self.number(),
        }
    }

    fn container(&mut self, depth: usize) -> Option<()> {
        let close = if self.next()? == b'{' { b'}' } else { b']' };
        self.ws();
        if self.peek() == Some(close) {
            self.i += 1;
            return Some(());
        }
        loop {
            self.ws();
            if close == b'}' {
                self.string()?;
                self.ws();
                self.eat(b':')?;
                self.ws();
            }
            self.value(depth + 1)?;
            self.ws();
            match self.next()? {
                b',' => continue,
                b if b == close => return Some(()),
                _ => return None,
            }
        }
    }

    fn literal(&mut self, word: &str) -> Option<()> {
        let end = self.i + word.len();
        (self.s.get(self.i..end)? == word.as_bytes()).then(|| self.i = end)
    }

    fn number(&mut self) -> Option<()> {
        let digits = |p: &mut Self| {
            let start = p.i;
            while matches!(p.peek(), Some(b'0'..=b'9')) {
                p.i += 1;
            }
            p.i > start
        };
        if self.peek() == Some(b'-') {
            self.i += 1;
        }
        if self.peek() == Some(b'0') {
            self.i += 1;
        } else if !digits(self) {
            return None;
        }
        if self.peek() == Some(b'.') {
            self.i += 1;
            digits(self).then_some(())?;
        }
        if matches!(self.peek(), Some(b'e' | b'E')) {
            self.i += 1;
            if matches!(self.peek(), Some(b'+' | b'-')) {
                self.i += 1;
            }
            digits(self).then_some(())?;
        }
        Some(())
    }

    fn string(&mut self) -> Option<String> {
        self.eat(b'"')?;
        let mut out = String::new();
        loop {
            let start = self.i;
            while let Some(b) = self.peek() {
                if b == b'"' || b == b'\\' || b < 0x20 {
                    break;
                }
                self.i += 1;
            }
            out.push_str(self.text.get(start..self.i)?);
            match self.next()? {
                b'"' => return Some(out),
                b'\\' => match self.next()? {
                    b'"' => out.push('"'),
                    b'\\' => out.push('\\'),
                    b'/' => out.push('/'),
                    b'b' => out.push('\u{8}'),
                    b'f' => out.push('\u{c}'),
                    b'n' => out.push('\n'),
                    b'r' => out.push('\r'),
                    b't' => out.push('\t'),
                    b'u' => {
                        let hi = self.hex4()?;
                        let c = if (0xD800..0xDC00).contains(&hi) {
                            self.eat(b'\\')?;
                            self.eat(b'u')?;
                            let lo = self.hex4()?;
                            if !(0xDC00..0xE000).contains(&lo) {
                                return None;
                            }
                            0x10000 + ((hi - 0xD800) << 10) + (lo - 0xDC00)
                        } else {
                            hi
                        };
                        out.push(char::from_u32(c)?);
                    }
                    _ => return None,
                },
                _ => return None, // a raw control character
            }
        }
    }

    fn hex4(&mut self) -> Option<u32> {
        let digits = self.s.get(self.i..self.i + 4)?;
        self.i += 4;
        digits
            .iter()
            .try_fold(0u32, |acc, &b| Some(acc * 16 + (b as char).to_digit(16)?))
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn reads_top_level_strings_and_skips_the_rest() {
        let text = r#" {"a": {"encrypted": "inner"}, "list": [1, -2.5e3, true, null, "x\"]"],
            "encrypted": "Zm9v\/YmFy", "esc": "\u00e9\ud83d\ude00\n", "n": 0} "#;
        assert_eq!(
            string_field(text, "encrypted").as_deref(),
            Some("Zm9v/YmFy")
        );
        assert_eq!(string_field(text, "esc").as_deref(), Some("é😀\n"));
        assert_eq!(string_field(text, "n"), None);
        assert_eq!(string_field(text, "missing"), None);
        assert_eq!(object_fields("{}"), Some(vec![]));
    }

    #[test]
    fn agrees_with_serde_json_on_validity() {
        let cases = [
            r#"{"a":1}"#,
            r#"{"a":01}"#,
            r#"{"a":1.}"#,
            r#"{"a":-}"#,
            r#"{"a":"\x"}"#,
            r#"{"a":"\ud800"}"#,
            r#"{"a":[1,]}"#,
            r#"{"a":1,}"#,
            r#"{"a" 1}"#,
            "{\"a\":\"\t\"}",
            r#"{"a":tru}"#,
            r#"{"a":{}} x"#,
            r#"[1]"#,
            r#""s""#,
            r#"{"a":1e5,"b":[[],{}]}"#,
            r#"{"a":-0.5E-3}"#,
            "",
            "{",
            r#"{"a":"\u00"}"#,
            r#"{"a":nul}"#,
        ];
        for case in cases {
            let serde_ok = matches!(
                serde_json::from_str::<serde_json::Value>(case),
                Ok(serde_json::Value::Object(_))
            );
            assert_eq!(object_fields(case).is_some(), serde_ok, "{case}");
        }
        let deep = format!("{{\"a\":{}{}}}", "[".repeat(200), "]".repeat(200));
        assert!(object_fields(&deep).is_none(), "nesting is bounded");
    }
}
