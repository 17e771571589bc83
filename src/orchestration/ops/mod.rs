//! Every documented `SeismicOrchestrationClient` method as data: its HTTP method, path, query
//! and body built from the caller's positional arguments, checked before anything is sent.
//!
//! Split by what each part holds, so one method's change touches one place: the method list
//! and parameter names (`table`), the per-method request arms (`calls`), the argument readers
//! (`args`) and the body rules several methods share (`rules`).

mod args;
mod calls;
mod rules;
mod table;
#[cfg(test)]
mod tests;

use crate::core::json::Json;

pub use calls::build;
pub use table::{param_names, OPS};

/// What to do with a successful answer besides returning it.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Effect {
    /// Nothing.
    None,
    /// Persist the token pair it holds (`login` when it returns tokens, `mfa.verify`, `refresh`).
    StorePair,
}

/// One request, ready to send.
#[derive(Debug, Clone, PartialEq)]
pub struct Call {
    /// The documented method name, e.g. `quotes.accept`.
    pub op: &'static str,
    /// HTTP method.
    pub method: &'static str,
    /// Path under the base URL, ids percent-encoded.
    pub path: String,
    /// Query pairs, repeatable keys repeated.
    pub query: Vec<(String, String)>,
    /// JSON body.
    pub body: Option<Json>,
    /// The answer is `204 No Content`: the method resolves to `undefined`.
    pub empty: bool,
    /// The SDK method returns this field of the body (list endpoints wrap their arrays).
    pub unwrap: Option<&'static str>,
    /// Side effect on success.
    pub effect: Effect,
}
