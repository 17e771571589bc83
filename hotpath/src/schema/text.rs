//! The response check of the response-type language run on the JSON text itself
//! ([`check_text`]): one pass over the bytes, no value tree, no allocation unless the body
//! fails (or a key, enum value or tag is written with escapes: then it is decoded to compare
//! it; servers do not escape such ASCII names).
//!
//! It accepts exactly the texts `Json::parse` accepts (same grammar, same nesting bound) and
//! answers what the SDK's tree check answers on the parsed tree: the same path and message for
//! the same failure, `is not JSON` at `response` for a text that does not
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

use super::cursor::{not_json, same, within, Cursor, Invalid, Order, Scan};
use super::lang::{at, mismatch, noun, quoted, Checked, Fail, Field, Seg, Ty};

/// Checks the JSON `text` against `ty` (`None`: any JSON) in one pass; answers exactly what
/// `Json::parse` then [`check_tree`](super::check_tree) answer.
pub fn check_text(ty: Option<&'static Ty>, text: &str) -> Result<(), Box<Fail>> {
    let mut cursor = Cursor {
        s: text.as_bytes(),
        text,
        i: 0,
    };
    let Some(ty) = ty else {
        // Nothing to check, but the text must still be JSON (as parsing it first requires).
        return cursor.document(|c| c.skip(0)).map_err(|Invalid| not_json());
    };
    match cursor.document(|c| c.check(ty, 0)) {
        Ok(Ok(())) => Ok(()),
        Ok(Err(fail)) => Err(fail),
        Err(Invalid) => Err(not_json()),
    }
}

impl<'a> Cursor<'a> {
    /// Reads the value at `depth` and checks it against `ty`. The commonest cases (a string,
    /// a null where one may be) are settled here, inlined in the loops of containers.
    #[inline(always)]
    fn check(&mut self, ty: &'static Ty, depth: usize) -> Scan<Checked> {
        within(depth)?;
        let ty = ty.checked();
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
                checked = match (item.checked(), self.peek()) {
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
