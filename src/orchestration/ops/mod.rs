//! A call of a documented `SeismicOrchestrationClient` method, built from its row
//! (`endpoints.rs`) and the caller's positional arguments, checked before anything is sent.
//!
//! Split by what each part holds: the per-method query and body builders (`calls`), the
//! argument readers (`args`) and the body rules several methods share (`rules`).

mod args;
pub(crate) mod calls;
mod rules;
#[cfg(test)]
mod tests;

use crate::core::error::Error;
use crate::core::json::Json;
use crate::orchestration::endpoints::{endpoint, ENDPOINTS};

pub use args::Args;

/// The positional parameter names of `op` (`None` for an unknown method).
pub fn param_names(op: &str) -> Option<&'static [&'static str]> {
    endpoint(op).map(|e| e.params.names)
}

/// Every method of the client, as dotted paths, in the order of the docs.
pub fn names() -> impl Iterator<Item = &'static str> {
    ENDPOINTS.iter().map(|e| e.name)
}

/// Builds the request of `op` from its positional `args`, or says which argument is wrong:
/// the path parameters first (each a non-empty string), then the method's own rules. `wait`
/// is `quotes.create`'s `{ wait: true }`.
pub fn build(op: &str, args: &[Json], wait: bool) -> Result<Call, Error> {
    let row =
        endpoint(op).ok_or_else(|| Error::invalid("method", format!("unknown method {op}")))?;
    let a = Args {
        values: args,
        names: row.params.names,
    };
    let mut segments = Vec::new();
    for name in row.path_params() {
        let i = row.params.names.iter().position(|n| *n == name);
        segments.push((name, a.string(i.unwrap_or(usize::MAX))?));
    }
    let parts = (row.params.build)(&a, wait)?;
    let (path, _) = row.fill_path(|name| {
        segments
            .iter()
            .find(|(n, _)| *n == name)
            .map_or("", |(_, v)| v.as_str())
    });
    Ok(Call {
        op: row.name,
        method: row.method,
        path,
        query: parts.query,
        body: parts.body,
        empty: row.response.is_none(),
        unwrap: row.unwrap,
        effect: row.params.effect,
    })
}

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
