//! The response check of [`schema`](super::schema) run on the JSON text itself
//! ([`check_text`]): one pass over the bytes, no value tree, no allocation unless the body
//! fails (or a key, enum value or tag is written with escapes: then it is decoded to compare
//! it; servers do not escape such ASCII names).
//!
//! It accepts exactly the texts `Json::parse` accepts (same grammar, same nesting bound) and
//! answers what `schema::check` answers on the parsed tree: the same path and message for
//! the same failure, `Error::response("response", "is not JSON")` for a text that does not
//! parse. How the tree check picks among several failures is mirrored:
//! - array elements are judged first to last: the first failing element wins;
//! - object entries are judged last to first, and a repeated key by its last occurrence
//!   (`JSON.parse` keeps the last): reading forwards, each documented field remembers the
//!   outcome of its latest occurrence, and the failing field written last wins; missing
//!   required fields are named only when no present field fails;
//! - a tagged object is read twice: its keys first, for the (last) tag value, then its
//!   fields against that variant;
//! - the alternatives of a union are tried in turn on the same text.
//!
//! A failure never cuts the reading short: the rest of the text must still be JSON (an
//! invalid text is "not JSON" wherever its fault lies, as parsing it first would say).

use std::borrow::Cow;

use crate::core::error::Error;
use crate::orchestration::schema::{at, lookup, mismatch, noun, quoted, Checked, Fail, Seg};
use crate::orchestration::schema::{Field, Ty};

/// The nesting bound of `Json::parse`: a value nested deeper than this is refused (the top
/// level is depth 0). Kept equal to `core::json`'s bound; a test pins the agreement.
const MAX_DEPTH: usize = 128;

/// The text is not JSON (the position does not matter: the error names the whole body).
#[derive(Debug)]
struct Invalid;

/// A step of reading: `Err` when the text is not JSON.
type Scan<T> = Result<T, Invalid>;

/// See [`schema::check_text`](super::schema::check_text).
pub(super) fn check_text(op: &str, text: &str) -> Result<(), Error> {
    let mut cursor = Cursor {
        s: text.as_bytes(),
        text,
        i: 0,
    };
    let ty = match lookup(op) {
        Some(Some(ty)) => ty,
        found => {
            // Nothing to check, but the text must still be JSON (as parsing it first requires).
            cursor
                .document(|c| c.skip(0))
                .map_err(|Invalid| not_json())?;
            return match found {
                None => Err(Error::invalid("op", format!("unknown operation {op:?}"))),
                Some(_) => Ok(()),
            };
        }
    };
    match cursor.document(|c| c.check(ty, 0)) {
        Ok(Ok(())) => Ok(()),
        Ok(Err(fail)) => Err(fail.into_error()),
        Err(Invalid) => Err(not_json()),
    }
}

/// The error of a body that is not JSON.
fn not_json() -> Error {
    Error::response("response", "is not JSON")
}

/// The order in which the keys of an object type were last read: `next[0]` is the index of
/// the field read first, `next[i + 1]` that of the field read after field `i`. Only a guess
/// (every key is compared before it is trusted): the elements of an array are written alike,
/// so after the first one each key is found by a single comparison.
#[derive(Clone)]
struct Order {
    next: [u8; 65],
}

impl Order {
    /// The table's own order, before anything was read.
    const TABLE: Self = {
        let mut next = [0; 65];
        let mut i = 0;
        while i < next.len() {
            next[i] = i as u8;
            i += 1;
        }
        Self { next }
    };
}

/// A position in the text being checked.
struct Cursor<'a> {
    s: &'a [u8],
    text: &'a str,
    i: usize,
}

/// `0x0101…01`: a byte repeated over a word by multiplication.
const ONES: u64 = u64::from_ne_bytes([1; 8]);
/// `0x8080…80`: the high bit of every byte.
const HIGHS: u64 = ONES * 0x80;

/// The high bit of each byte of `word` below `n` (`n` ≤ 0x80). Exact up to the lowest such
/// byte; a byte above it may be flagged through the borrow. So the lowest flag (of this mask
/// or of several OR-ed) is exactly the first byte that matches, in little-endian order.
#[inline]
fn below_mask(word: u64, n: u8) -> u64 {
    word.wrapping_sub(ONES * u64::from(n)) & !word & HIGHS
}

/// The high bit of each byte of `word` equal to `b` (exact up to the lowest, as above).
#[inline]
fn eq_mask(word: u64, b: u8) -> u64 {
    below_mask(word ^ (ONES * u64::from(b)), 1)
}

/// Whether two (short) keys are equal: word by word, inline (a `memcmp` call costs more
/// than the comparison of a field name).
#[inline]
fn same(a: &str, b: &str) -> bool {
    let (a, b) = (a.as_bytes(), b.as_bytes());
    if a.len() != b.len() {
        return false;
    }
    let mut i = 0;
    while let (Some(x), Some(y)) = (a.get(i..i + 8), b.get(i..i + 8)) {
        if x != y {
            return false;
        }
        i += 8;
    }
    a.iter().zip(b).skip(i).all(|(x, y)| x == y)
}

/// Fails unless a value at `depth` is within the nesting bound.
#[inline]
fn within(depth: usize) -> Scan<()> {
    if depth > MAX_DEPTH {
        Err(Invalid)
    } else {
        Ok(())
    }
}

impl<'a> Cursor<'a> {
    /// Exactly one value read by `read`, with whitespace around it and nothing else.
    fn document<T>(&mut self, read: impl FnOnce(&mut Self) -> Scan<T>) -> Scan<T> {
        self.ws();
        let value = read(self)?;
        self.ws();
        if self.i == self.s.len() {
            Ok(value)
        } else {
            Err(Invalid)
        }
    }

    #[inline]
    fn peek(&self) -> Option<u8> {
        self.s.get(self.i).copied()
    }

    #[inline]
    fn next(&mut self) -> Scan<u8> {
        let b = self.peek().ok_or(Invalid)?;
        self.i += 1;
        Ok(b)
    }

    #[inline]
    fn eat(&mut self, b: u8) -> Scan<()> {
        if self.next()? == b {
            Ok(())
        } else {
            Err(Invalid)
        }
    }

    #[inline]
    fn ws(&mut self) {
        while matches!(self.peek(), Some(b' ' | b'\t' | b'\n' | b'\r')) {
            self.i += 1;
        }
    }

    /// After a value in a container: `,` (another one follows, `true`) or `close`.
    #[inline]
    fn more(&mut self, close: u8) -> Scan<bool> {
        self.ws();
        match self.next()? {
            b',' => Ok(true),
            b if b == close => Ok(false),
            _ => Err(Invalid),
        }
    }

    /// An object key and its `:`, decoded (borrowed from the text unless it has escapes).
    #[inline]
    fn key(&mut self) -> Scan<Cow<'a, str>> {
        self.ws();
        let name = self.str_value()?;
        self.ws();
        self.eat(b':')?;
        self.ws();
        Ok(name)
    }

    fn literal(&mut self, word: &[u8]) -> Scan<()> {
        let end = self.i + word.len();
        if self.s.get(self.i..end) == Some(word) {
            self.i = end;
            Ok(())
        } else {
            Err(Invalid)
        }
    }

    /// One or more digits.
    #[inline]
    fn digits(&mut self) -> Scan<()> {
        let start = self.i;
        while matches!(self.peek(), Some(b'0'..=b'9')) {
            self.i += 1;
        }
        if self.i > start {
            Ok(())
        } else {
            Err(Invalid)
        }
    }

    /// A number by the JSON grammar (no leading zeros, no bare `.`, no `+`).
    fn number(&mut self) -> Scan<()> {
        if self.peek() == Some(b'-') {
            self.i += 1;
        }
        if self.peek() == Some(b'0') {
            self.i += 1;
        } else {
            self.digits()?;
        }
        if self.peek() == Some(b'.') {
            self.i += 1;
            self.digits()?;
        }
        if matches!(self.peek(), Some(b'e' | b'E')) {
            self.i += 1;
            if matches!(self.peek(), Some(b'+' | b'-')) {
                self.i += 1;
            }
            self.digits()?;
        }
        Ok(())
    }

    /// Moves past string bytes that need no attention: anything but `"`, `\` and control
    /// characters (eight at a time while it can).
    #[inline]
    fn plain(&mut self) {
        let s = self.s;
        let mut i = self.i;
        while let Some(chunk) = s.get(i..i + 8) {
            let Ok(bytes) = <[u8; 8]>::try_from(chunk) else {
                break;
            };
            let word = u64::from_le_bytes(bytes);
            let special = eq_mask(word, b'"') | eq_mask(word, b'\\') | below_mask(word, 0x20);
            if special != 0 {
                self.i = i + (special.trailing_zeros() / 8) as usize;
                return;
            }
            i += 8;
        }
        while let Some(&b) = s.get(i) {
            if b == b'"' || b == b'\\' || b < 0x20 {
                break;
            }
            i += 1;
        }
        self.i = i;
    }

    /// Four hex digits of a `\u` escape.
    fn hex4(&mut self) -> Scan<u32> {
        let digits = self.s.get(self.i..self.i + 4).ok_or(Invalid)?;
        self.i += 4;
        digits.iter().try_fold(0u32, |acc, &b| {
            Ok(acc * 16 + char::from(b).to_digit(16).ok_or(Invalid)?)
        })
    }

    /// The character of an escape (after its `\`). A `\u` high surrogate must be followed by
    /// a `\u` low one; a lone surrogate is refused.
    fn escape(&mut self) -> Scan<char> {
        Ok(match self.next()? {
            b'"' => '"',
            b'\\' => '\\',
            b'/' => '/',
            b'b' => '\u{8}',
            b'f' => '\u{c}',
            b'n' => '\n',
            b'r' => '\r',
            b't' => '\t',
            b'u' => {
                let hi = self.hex4()?;
                let code = if (0xD800..0xDC00).contains(&hi) {
                    self.eat(b'\\')?;
                    self.eat(b'u')?;
                    let lo = self.hex4()?;
                    if !(0xDC00..0xE000).contains(&lo) {
                        return Err(Invalid);
                    }
                    0x10000 + ((hi - 0xD800) << 10) + (lo - 0xDC00)
                } else {
                    hi
                };
                char::from_u32(code).ok_or(Invalid)?
            }
            _ => return Err(Invalid),
        })
    }

    /// Reads past a string; whether it holds escapes.
    #[inline]
    fn string(&mut self) -> Scan<bool> {
        self.eat(b'"')?;
        let mut escaped = false;
        loop {
            self.plain();
            match self.next()? {
                b'"' => return Ok(escaped),
                b'\\' => {
                    self.escape()?;
                    escaped = true;
                }
                _ => return Err(Invalid), // a raw control character
            }
        }
    }

    /// A string's value: a slice of the text, or (only when it has escapes) decoded.
    fn str_value(&mut self) -> Scan<Cow<'a, str>> {
        let start = self.i + 1;
        if !self.string()? {
            return self
                .text
                .get(start..self.i - 1)
                .map(Cow::Borrowed)
                .ok_or(Invalid);
        }
        let mut decoder = Cursor {
            s: self.s,
            text: self.text,
            i: start,
        };
        let mut out = String::new();
        loop {
            let run = decoder.i;
            decoder.plain();
            out.push_str(self.text.get(run..decoder.i).ok_or(Invalid)?);
            match decoder.next()? {
                b'"' => return Ok(Cow::Owned(out)),
                b'\\' => out.push(decoder.escape()?),
                _ => return Err(Invalid),
            }
        }
    }

    /// Reads past any value at `depth`, checking only that it is JSON.
    fn skip(&mut self, depth: usize) -> Scan<()> {
        within(depth)?;
        match self.peek() {
            Some(b'"') => self.string().map(drop),
            Some(b't') => self.literal(b"true"),
            Some(b'f') => self.literal(b"false"),
            Some(b'n') => self.literal(b"null"),
            Some(b'[') => {
                self.i += 1;
                self.ws();
                if self.peek() == Some(b']') {
                    self.i += 1;
                    return Ok(());
                }
                loop {
                    self.ws();
                    self.skip(depth + 1)?;
                    if !self.more(b']')? {
                        return Ok(());
                    }
                }
            }
            Some(b'{') => {
                self.i += 1;
                self.ws();
                if self.peek() == Some(b'}') {
                    self.i += 1;
                    return Ok(());
                }
                loop {
                    self.ws();
                    self.string()?;
                    self.ws();
                    self.eat(b':')?;
                    self.ws();
                    self.skip(depth + 1)?;
                    if !self.more(b'}')? {
                        return Ok(());
                    }
                }
            }
            _ => self.number(),
        }
    }

    /// Reads the value at `depth` and checks it against `ty`. The commonest cases (a string,
    /// a null where one may be) are settled here, inlined in the loops of containers.
    #[inline(always)]
    fn check(&mut self, ty: &'static Ty, depth: usize) -> Scan<Checked> {
        within(depth)?;
        match (ty, self.peek()) {
            (Ty::Str, Some(b'"')) => self.string().map(|_| Ok(())),
            (Ty::Nullable(_), Some(b'n')) => self.literal(b"null").map(Ok),
            (Ty::Nullable(Ty::Str), Some(b'"')) => self.string().map(|_| Ok(())),
            _ => self.check_any(ty, depth),
        }
    }

    /// [`check`](Self::check) of any value.
    fn check_any(&mut self, ty: &'static Ty, depth: usize) -> Scan<Checked> {
        let first = self.peek().ok_or(Invalid)?;
        match (ty, first) {
            (Ty::Any, _) => self.skip(depth).map(Ok),
            (Ty::Str, b'"') => self.string().map(|_| Ok(())),
            (Ty::Bool, b't') => self.literal(b"true").map(Ok),
            (Ty::Bool, b'f') => self.literal(b"false").map(Ok),
            (Ty::Num, b'-' | b'0'..=b'9') => self.number().map(Ok),
            (Ty::Nullable(_), b'n') => self.literal(b"null").map(Ok),
            (Ty::Arr(item), b'[') => self.array(item, depth),
            (Ty::Obj(fields), b'{') => self.object(fields, depth, &mut Order::TABLE.clone()),
            (Ty::Nullable(inner), _) => Ok(self.check(inner, depth)?.map_err(|mut fail| {
                // A wrong value right here (not deeper inside it): say that null was fine too.
                if fail.rev.is_empty() {
                    fail.message = format!("must be {}", noun(ty)).into();
                }
                fail
            })),
            (Ty::Enum(values), b'"') => {
                let value = self.str_value()?;
                Ok(if values.contains(&&*value) {
                    Ok(())
                } else {
                    Err(mismatch(ty))
                })
            }
            (Ty::Tagged { tag, variants }, b'{') => self.tagged(tag, variants, depth),
            (Ty::OneOf(alternatives), _) => {
                let start = self.i;
                let mut nearest = None;
                for alternative in alternatives.iter() {
                    self.i = start;
                    match self.check(alternative, depth)? {
                        Ok(()) => return Ok(Ok(())),
                        // The alternative of the right kind that failed deeper explains best.
                        Err(fail) if !fail.rev.is_empty() && nearest.is_none() => {
                            nearest = Some(fail);
                        }
                        Err(_) => {}
                    }
                }
                if alternatives.is_empty() {
                    self.skip(depth)?;
                }
                Ok(Err(nearest.unwrap_or_else(|| mismatch(ty))))
            }
            _ => {
                self.skip(depth)?;
                Ok(Err(mismatch(ty)))
            }
        }
    }

    /// An array (at its `[`) whose elements must be `item`s: the first failing one is named.
    fn array(&mut self, item: &'static Ty, depth: usize) -> Scan<Checked> {
        self.i += 1;
        self.ws();
        if self.peek() == Some(b']') {
            self.i += 1;
            return Ok(Ok(()));
        }
        let mut checked = Ok(());
        let mut index = 0;
        // Elements that are objects share one key order: learnt from the first, it is
        // followed by the others.
        let mut order = Order::TABLE;
        loop {
            self.ws();
            if checked.is_ok() {
                checked = match (item, self.peek()) {
                    (Ty::Obj(fields), Some(b'{')) => {
                        within(depth + 1)?;
                        self.object(fields, depth + 1, &mut order)?
                    }
                    _ => self.check(item, depth + 1)?,
                }
                .map_err(at(Seg::Index(index)));
            } else {
                self.skip(depth + 1)?;
            }
            index += 1;
            if !self.more(b']')? {
                return Ok(checked);
            }
        }
    }

    /// An object (at its `{`) with the documented `fields`; others are only read past.
    ///
    /// The tree check judges entries last to first and a repeated key by its last occurrence:
    /// here each field's latest occurrence replaces the outcome of earlier ones, and of the
    /// fields that fail, the one written last is named. Each key is first compared with the
    /// field `order` expects after the previous one (see [`Order`]), then looked up.
    fn object(
        &mut self,
        fields: &'static [Field],
        depth: usize,
        order: &mut Order,
    ) -> Scan<Checked> {
        if fields.is_empty() {
            return self.skip(depth).map(Ok);
        }
        self.i += 1;
        self.ws();
        let mut seen: u64 = 0;
        // (field index, failure) of the fields whose latest occurrence fails, in text order.
        let mut failures: Vec<(usize, Box<Fail>)> = Vec::new();
        // The slot of `order` that predicts the next key.
        let mut slot = 0;
        if self.peek() == Some(b'}') {
            self.i += 1;
        } else {
            loop {
                let name = self.key()?;
                let expected = order.next.get(slot).map_or(0, |&i| usize::from(i));
                let found = match fields.get(expected) {
                    Some(field) if same(field.name, &name) => Some((expected, field)),
                    _ => fields
                        .iter()
                        .enumerate()
                        .find(|(_, field)| same(field.name, &name)),
                };
                match found {
                    None => self.skip(depth + 1)?,
                    Some((index, field)) => {
                        if let Some(next) = order.next.get_mut(slot) {
                            *next = index as u8;
                        }
                        slot = index + 1;
                        let bit = 1u64 << index;
                        if seen & bit != 0 && !failures.is_empty() {
                            failures.retain(|(failed, _)| *failed != index);
                        }
                        seen |= bit;
                        if !field.required && self.peek() == Some(b'n') {
                            self.skip(depth + 1)?;
                        } else if let Err(fail) = self.check(&field.ty, depth + 1)? {
                            failures.push((index, at(Seg::Key(field.name))(fail)));
                        }
                    }
                }
                if !self.more(b'}')? {
                    break;
                }
            }
        }
        if let Some((_, fail)) = failures.pop() {
            return Ok(Err(fail));
        }
        for (index, field) in fields.iter().enumerate() {
            if field.required && seen & (1u64 << index) == 0 {
                return Ok(Err(Fail::new("is required")).map_err(at(Seg::Key(field.name))));
            }
        }
        Ok(Ok(()))
    }

    /// An object (at its `{`) discriminated by its string field `tag`: a first reading
    /// finds the tag's (last) value, a second checks the object against that variant.
    fn tagged(
        &mut self,
        tag: &'static str,
        variants: &'static [(&'static str, &'static [Field])],
        depth: usize,
    ) -> Scan<Checked> {
        let start = self.i;
        self.i += 1;
        self.ws();
        // None: no tag; Some(None): a tag naming no variant.
        let mut variant = None;
        if self.peek() == Some(b'}') {
            self.i += 1;
        } else {
            loop {
                let name = self.key()?;
                if name == tag && self.peek() == Some(b'"') {
                    within(depth + 1)?;
                    let value = self.str_value()?;
                    variant = Some(variants.iter().find(|(name, _)| *name == value));
                } else {
                    if name == tag {
                        variant = Some(None);
                    }
                    self.skip(depth + 1)?;
                }
                if !self.more(b'}')? {
                    break;
                }
            }
        }
        match variant {
            None => Ok(Err(Fail::new("is required")).map_err(at(Seg::Key(tag)))),
            Some(None) => {
                let names: Vec<&str> = variants.iter().map(|(name, _)| *name).collect();
                Ok(Err(Fail::new(format!("must be one of {}", quoted(&names))))
                    .map_err(at(Seg::Key(tag))))
            }
            Some(Some((_, fields))) => {
                let end = self.i;
                self.i = start;
                let checked = self.object(fields, depth, &mut Order::TABLE.clone())?;
                debug_assert_eq!(self.i, end, "the second reading ends where the first did");
                Ok(checked)
            }
        }
    }
}

#[cfg(test)]
mod tests {
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
}
