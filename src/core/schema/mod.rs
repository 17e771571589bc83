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
//! through untouched. The language and the text check live in `seismic-hotpath`, built for
//! speed (see that crate); this module is their face in the SDK.

mod tree;

pub use seismic_hotpath::schema::{named, open, opt, req, Decl, Field, Ty};

use crate::core::error::Error;
use crate::core::json::Json;

/// Checks the JSON `text` against `ty` (`None`: any JSON) in one pass; answers exactly what
/// `Json::parse` then [`check_tree`] answer.
pub fn check_text(ty: Option<&'static Ty>, text: &str) -> Result<(), Error> {
    seismic_hotpath::schema::check_text(ty, text).map_err(|fail| into_error(*fail))
}

/// Whether the JSON object `text` has the top-level key `name` (escapes decoded); `None`
/// when `text` is not one JSON object.
pub fn has_top_level_key(text: &str, name: &str) -> Option<bool> {
    seismic_hotpath::schema::has_top_level_key(text, name)
}

/// Checks a parsed `body` against `ty`.
pub fn check_tree(ty: &'static Ty, body: &Json) -> Result<(), Error> {
    tree::walk(ty, body).map_err(|fail| into_error(*fail))
}

fn into_error(fail: seismic_hotpath::schema::Fail) -> Error {
    let (path, message) = fail.into_parts();
    Error::response(path, message)
}

#[cfg(test)]
mod grammar_tests;
#[cfg(test)]
pub(crate) mod testing;
