//! The response-type language ([`Ty`], [`Field`]) and its one-pass check of JSON text
//! ([`check_text`]). The SDK keeps the tables and turns a [`Fail`] into its error type; the
//! tree check it is tested against lives there too, beside the JSON parser.

mod cursor;
mod lang;
mod text;

pub use lang::{
    at, mismatch, named, noun, open, opt, quoted, req, Checked, Decl, Fail, Field, Seg, Ty,
};
pub use text::check_text;

/// The nesting bound: a value nested deeper than this is not JSON here (the top level is
/// depth 0). The SDK's JSON parser uses this bound too.
pub const MAX_DEPTH: usize = cursor::MAX_DEPTH;

/// Whether `text` is exactly one JSON value, read by the checker's grammar.
pub fn is_json(text: &str) -> bool {
    check_text(None, text).is_ok()
}

/// Whether the JSON object `text` has the top-level key `name` (escapes decoded); `None`
/// when `text` is not one JSON object. One pass that builds nothing (strings are crossed
/// eight bytes at a time), for hot paths such as the envelope's check of what it seals.
#[inline(never)]
pub fn has_top_level_key(text: &str, name: &str) -> Option<bool> {
    cursor::has_top_level_key(text, name)
}
