//! Every Orchestration answer's documented type (its row's, from `schema_types`), checked with the shared
//! response-type language of [`crate::core::schema`].

use crate::core::error::Error;
use crate::core::json::Json;
use crate::core::schema::{self, Ty};
use crate::orchestration::endpoints::endpoint;

/// Checks a 2xx body of `op` against the documented type. Unknown fields pass through.
///
/// `op` is the SDK method path (`quotes.create`, `orgs.kyb.resync`, …); an op answering
/// 204 (see [`no_body`]) accepts anything. An unknown op is a bug in the caller and answers
/// [`Error::InvalidArgument`].
pub fn check(op: &str, body: &Json) -> Result<(), Error> {
    match lookup(op) {
        Some(Some(ty)) => schema::check_tree(ty, body),
        Some(None) => Ok(()),
        None => Err(Error::invalid("op", format!("unknown operation \"{op}\""))),
    }
}

/// [`check`] run on the body's JSON text, without building a [`Json`] tree: one pass over
/// the bytes that allocates nothing unless the body fails.
///
/// Answers exactly what `Json::parse` then [`check`] answer: the same failure (path and
/// message) for the same body, and `Error::response("response", "is not JSON")` for a text
/// `Json::parse` refuses (trailing garbage, bad escapes, nesting past its bound, …), whatever
/// the op. An unknown op answers [`Error::InvalidArgument`]; a 204 op accepts any JSON.
pub fn check_text(op: &str, text: &str) -> Result<(), Error> {
    match lookup(op) {
        Some(ty) => schema::check_text(ty, text),
        None => {
            // Still refused as "not JSON" first, as parsing it first would say.
            schema::check_text(None, text)?;
            Err(Error::invalid("op", format!("unknown operation \"{op}\"")))
        }
    }
}

/// Whether `op` answers 204 / no body (then `check` is not called).
pub fn no_body(op: &str) -> bool {
    matches!(lookup(op), Some(None))
}

/// The documented body type of `op`: `Some(None)` for a 204, `None` for an unknown op.
fn lookup(op: &str) -> Option<Option<&'static Ty>> {
    endpoint(op).map(|e| e.response)
}

#[cfg(test)]
#[path = "schema_tests/mod.rs"]
mod tests;
