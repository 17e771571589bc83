//! Response validation shared by every client: a 2xx body is checked against the type the
//! docs give for it, so a server-side drift surfaces as an [`Error::Response`] naming the
//! field (`response.quotes[2].fees.total`) instead of an `undefined` deep inside the caller's
//! code.
//!
//! Types are static tables in a small language ([`Ty`], [`Field`]; each API keeps its own
//! tables). [`check_text`] walks the body's JSON text once and allocates nothing unless it
//! fails: the failure carries its path segments outwards and the path text is only built at
//! the top. [`check_tree`] does the same over a parsed tree and is the reference the text
//! check is tested against. Only what the docs name is checked; every other field passes
//! through untouched.

mod cursor;
mod lang;
mod text;
mod tree;

pub use lang::{opt, req, Field, Ty};
pub use text::check_text;

use crate::core::error::Error;
use crate::core::json::Json;

/// Whether the JSON object `text` has the top-level key `name` (escapes decoded); `None`
/// when `text` is not one JSON object. One pass that builds nothing (strings are crossed
/// eight bytes at a time), for hot paths such as the envelope's check of what it seals.
pub fn has_top_level_key(text: &str, name: &str) -> Option<bool> {
    cursor::has_top_level_key(text, name)
}

/// Checks a parsed `body` against `ty`.
pub fn check_tree(ty: &'static Ty, body: &Json) -> Result<(), Error> {
    tree::walk(ty, body).map_err(|fail| fail.into_error())
}
