//! A cursor over JSON text with the grammar and nesting bound of `Json::parse`: reading,
//! skipping and comparing without building a value, eight bytes at a time through strings.

use std::borrow::Cow;

use super::lang::Fail;

/// The nesting bound of `Json::parse`: a value nested deeper than this is refused (the top
/// level is depth 0). The SDK's parser uses the same constant.
pub(crate) const MAX_DEPTH: usize = 128;

/// The text is not JSON (the position does not matter: the error names the whole body).
#[derive(Debug)]
pub(super) struct Invalid;

/// A step of reading: `Err` when the text is not JSON.
pub(super) type Scan<T> = Result<T, Invalid>;

/// The failure of a body that is not JSON.
pub(super) fn not_json() -> Box<Fail> {
    Fail::new("is not JSON")
}

/// The order in which the keys of an object type were last read: `next[0]` is the index of
/// the field read first, `next[i + 1]` that of the field read after field `i`. Only a guess
/// (every key is compared before it is trusted): the elements of an array are written alike,
/// so after the first one each key is found by a single comparison.
#[derive(Clone)]
pub(super) struct Order {
    pub(super) next: [u8; 65],
}

impl Order {
    /// The table's own order, before anything was read.
    pub(super) const TABLE: Self = {
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
pub(super) struct Cursor<'a> {
    pub(super) s: &'a [u8],
    pub(super) text: &'a str,
    pub(super) i: usize,
}

/// `0x0101…01`: a byte repeated over a word by multiplication.
pub(super) const ONES: u64 = u64::from_ne_bytes([1; 8]);
/// `0x8080…80`: the high bit of every byte.
pub(super) const HIGHS: u64 = ONES * 0x80;

/// The high bit of each byte of `word` below `n` (`n` ≤ 0x80). Exact up to the lowest such
/// byte; a byte above it may be flagged through the borrow. So the lowest flag (of this mask
/// or of several OR-ed) is exactly the first byte that matches, in little-endian order.
#[inline]
pub(super) fn below_mask(word: u64, n: u8) -> u64 {
    word.wrapping_sub(ONES * u64::from(n)) & !word & HIGHS
}

/// The high bit of each byte of `word` equal to `b` (exact up to the lowest, as above).
#[inline]
pub(super) fn eq_mask(word: u64, b: u8) -> u64 {
    below_mask(word ^ (ONES * u64::from(b)), 1)
}

/// Whether two (short) keys are equal: word by word, inline (a `memcmp` call costs more
/// than the comparison of a field name).
#[inline]
pub(super) fn same(a: &str, b: &str) -> bool {
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
pub(super) fn within(depth: usize) -> Scan<()> {
    if depth > MAX_DEPTH {
        Err(Invalid)
    } else {
        Ok(())
    }
}

impl<'a> Cursor<'a> {
    /// Exactly one value read by `read`, with whitespace around it and nothing else.
    pub(super) fn document<T>(&mut self, read: impl FnOnce(&mut Self) -> Scan<T>) -> Scan<T> {
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
    pub(super) fn peek(&self) -> Option<u8> {
        self.s.get(self.i).copied()
    }

    #[inline]
    pub(super) fn next(&mut self) -> Scan<u8> {
        let b = self.peek().ok_or(Invalid)?;
        self.i += 1;
        Ok(b)
    }

    #[inline]
    pub(super) fn eat(&mut self, b: u8) -> Scan<()> {
        if self.next()? == b {
            Ok(())
        } else {
            Err(Invalid)
        }
    }

    #[inline]
    pub(super) fn ws(&mut self) {
        while matches!(self.peek(), Some(b' ' | b'\t' | b'\n' | b'\r')) {
            self.i += 1;
        }
    }

    /// After a value in a container: `,` (another one follows, `true`) or `close`.
    #[inline]
    pub(super) fn more(&mut self, close: u8) -> Scan<bool> {
        self.ws();
        match self.next()? {
            b',' => Ok(true),
            b if b == close => Ok(false),
            _ => Err(Invalid),
        }
    }

    /// An object key and its `:`, decoded (borrowed from the text unless it has escapes).
    #[inline]
    pub(super) fn key(&mut self) -> Scan<Cow<'a, str>> {
        self.ws();
        let name = self.str_value()?;
        self.ws();
        self.eat(b':')?;
        self.ws();
        Ok(name)
    }

    pub(super) fn literal(&mut self, word: &[u8]) -> Scan<()> {
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
    pub(super) fn digits(&mut self) -> Scan<()> {
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
    pub(super) fn number(&mut self) -> Scan<()> {
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
    pub(super) fn plain(&mut self) {
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
    pub(super) fn hex4(&mut self) -> Scan<u32> {
        let digits = self.s.get(self.i..self.i + 4).ok_or(Invalid)?;
        self.i += 4;
        digits.iter().try_fold(0u32, |acc, &b| {
            Ok(acc * 16 + char::from(b).to_digit(16).ok_or(Invalid)?)
        })
    }

    /// The character of an escape (after its `\`). A `\u` high surrogate must be followed by
    /// a `\u` low one; a lone surrogate is refused.
    pub(super) fn escape(&mut self) -> Scan<char> {
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
    pub(super) fn string(&mut self) -> Scan<bool> {
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
    pub(super) fn str_value(&mut self) -> Scan<Cow<'a, str>> {
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
    pub(super) fn skip(&mut self, depth: usize) -> Scan<()> {
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
}

/// See [`super::has_top_level_key`].
pub(super) fn has_top_level_key(text: &str, name: &str) -> Option<bool> {
    let mut c = Cursor {
        s: text.as_bytes(),
        text,
        i: 0,
    };
    c.document(|c| {
        c.eat(b'{')?;
        c.ws();
        if c.peek() == Some(b'}') {
            c.i += 1;
            return Ok(false);
        }
        let mut found = false;
        loop {
            found |= c.key()? == name;
            c.skip(1)?;
            if !c.more(b'}')? {
                return Ok(found);
            }
        }
    })
    .ok()
}

#[cfg(test)]
#[path = "cursor_tests.rs"]
mod tests;
