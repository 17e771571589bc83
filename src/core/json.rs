//! A small strict JSON reader and writer.
//!
//! Clients read a few fields of responses and validate request parameters here; payloads
//! themselves are parsed by the engine's `JSON.parse` on the JS side. Keeping a full JSON
//! library (and its float formatting) out of the wasm saves a third of its size, and numbers
//! stay as their exact text: money never passes through a float.

/// A JSON value. Numbers keep their source text; objects keep key order.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Json {
    /// `null`
    Null,
    /// `true` / `false`
    Bool(bool),
    /// A number, as written.
    Number(String),
    /// A string, unescaped.
    Str(String),
    /// An array.
    Array(Vec<Json>),
    /// An object, in source order.
    Object(Vec<(String, Json)>),
}

impl Json {
    /// Parses exactly one JSON value (surrounding whitespace allowed).
    pub fn parse(text: &str) -> Option<Json> {
        let mut p = Parser {
            s: text.as_bytes(),
            i: 0,
            text,
        };
        p.ws();
        let v = p.tree(0)?;
        p.ws();
        (p.i == p.s.len()).then_some(v)
    }

    /// The value of field `name` of an object (the last one, like `JSON.parse`).
    pub fn get(&self, name: &str) -> Option<&Json> {
        match self {
            Json::Object(fields) => fields.iter().rev().find(|(n, _)| n == name).map(|(_, v)| v),
            _ => None,
        }
    }

    /// The string inside, if this is a string.
    pub fn as_str(&self) -> Option<&str> {
        match self {
            Json::Str(s) => Some(s),
            _ => None,
        }
    }

    /// A field's string value.
    pub fn str_field(&self, name: &str) -> Option<&str> {
        self.get(name).and_then(Json::as_str)
    }

    /// Compact JSON text.
    pub fn to_json(&self) -> String {
        let mut out = String::new();
        self.write(&mut out);
        out
    }

    fn write(&self, out: &mut String) {
        match self {
            Json::Null => out.push_str("null"),
            Json::Bool(b) => out.push_str(if *b { "true" } else { "false" }),
            Json::Number(n) => out.push_str(n),
            Json::Str(s) => write_string(s, out),
            Json::Array(items) => {
                out.push('[');
                for (i, v) in items.iter().enumerate() {
                    if i > 0 {
                        out.push(',');
                    }
                    v.write(out);
                }
                out.push(']');
            }
            Json::Object(fields) => {
                out.push('{');
                for (i, (k, v)) in fields.iter().enumerate() {
                    if i > 0 {
                        out.push(',');
                    }
                    write_string(k, out);
                    out.push(':');
                    v.write(out);
                }
                out.push('}');
            }
        }
    }
}

fn write_string(s: &str, out: &mut String) {
    out.push('"');
    for c in s.chars() {
        match c {
            '"' => out.push_str("\\\""),
            '\\' => out.push_str("\\\\"),
            '\n' => out.push_str("\\n"),
            '\r' => out.push_str("\\r"),
            '\t' => out.push_str("\\t"),
            c if (c as u32) < 0x20 => {
                const HEX: &[u8; 16] = b"0123456789abcdef";
                out.push_str("\\u00");
                out.push(HEX[(c as usize) >> 4] as char);
                out.push(HEX[(c as usize) & 15] as char);
            }
            c => out.push(c),
        }
    }
    out.push('"');
}

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

// One nesting bound for the parser and the one-pass checker, so both refuse the same texts.
const MAX_DEPTH: usize = seismic_hotpath::schema::MAX_DEPTH;

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

    fn tree(&mut self, depth: usize) -> Option<Json> {
        if depth > MAX_DEPTH {
            return None;
        }
        Some(match self.peek()? {
            b'"' => Json::Str(self.string()?),
            b't' => self.literal("true").map(|_| Json::Bool(true))?,
            b'f' => self.literal("false").map(|_| Json::Bool(false))?,
            b'n' => self.literal("null").map(|_| Json::Null)?,
            b'[' => {
                self.i += 1;
                let mut items = Vec::new();
                self.ws();
                if self.peek() == Some(b']') {
                    self.i += 1;
                    return Some(Json::Array(items));
                }
                loop {
                    self.ws();
                    items.push(self.tree(depth + 1)?);
                    self.ws();
                    match self.next()? {
                        b',' => continue,
                        b']' => return Some(Json::Array(items)),
                        _ => return None,
                    }
                }
            }
            b'{' => {
                self.i += 1;
                let mut fields = Vec::new();
                self.ws();
                if self.peek() == Some(b'}') {
                    self.i += 1;
                    return Some(Json::Object(fields));
                }
                loop {
                    self.ws();
                    let name = self.string()?;
                    self.ws();
                    self.eat(b':')?;
                    self.ws();
                    fields.push((name, self.tree(depth + 1)?));
                    self.ws();
                    match self.next()? {
                        b',' => continue,
                        b'}' => return Some(Json::Object(fields)),
                        _ => return None,
                    }
                }
            }
            _ => {
                let start = self.i;
                self.number()?;
                Json::Number(self.text.get(start..self.i)?.to_owned())
            }
        })
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
    fn value_tree_round_trips_and_keeps_numbers_exact() {
        let text = r#"{"amount":10.10,"big":12345678901234567890,"s":"a\"b\\c\u0001é","n":null,"t":[true,false,{}],"o":{"x":[]}}"#;
        let v = Json::parse(text);
        assert_eq!(v.as_ref().map(Json::to_json).as_deref(), Some(text));
        let v = v.unwrap_or(Json::Null);
        assert_eq!(v.get("amount"), Some(&Json::Number("10.10".into())));
        assert_eq!(v.str_field("s"), Some("a\"b\\c\u{1}é"));
        let reparsed: serde_json::Value = serde_json::from_str(&v.to_json()).unwrap_or_default();
        assert_eq!(reparsed["s"], "a\"b\\c\u{1}é");
        assert!(Json::parse("[1,]").is_none());
        assert!(Json::parse(" 1 ").is_some());
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
