//! The one shape every API describes its methods in: an [`Endpoint`] row per method, with
//! what the client needs to send it (HTTP method, path, parameter rules, idempotency) and to
//! read its answer (the documented response type, and the field the method returns). Each API
//! keeps its table in `src/<api>/endpoints.rs`; its parameter rules are its own type `P`.

use crate::core::encoding::percent_encode;
use crate::core::schema::Ty;

/// How a method treats `Idempotency-Key`.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Idempotency {
    /// Not used.
    None,
    /// Sent on every call (generated when the caller gives none), and on every error of the
    /// call (`idempotencyKey`), so a retry is a replay, never a second charge.
    Required,
}

/// One documented method.
#[derive(Debug)]
pub struct Endpoint<P: 'static> {
    /// The JS method path, e.g. `cards.freeze`.
    pub name: &'static str,
    /// The HTTP method.
    pub method: &'static str,
    /// The path, with `{param}` placeholders filled from the parameters.
    pub path: &'static str,
    /// The API's own parameter rules.
    pub params: P,
    /// `Idempotency-Key` handling.
    pub idempotency: Idempotency,
    /// The documented type of a 2xx answer (`None`: it has no body), checked before the
    /// answer reaches the caller. Where every answer comes in one wrapper the client reads
    /// first (the Cards `{ code, message, data }` envelope), the type of the wrapped value.
    pub response: Option<&'static Ty>,
    /// The field of the answer the method returns (`None`: the answer itself).
    pub unwrap: Option<&'static str>,
}

impl<P> Endpoint<P> {
    /// The retry class: whether a retry may resend this call. Reads, PUTs and DELETEs (they
    /// set state) and calls that carry an `Idempotency-Key`.
    pub fn repeatable(&self) -> bool {
        matches!(self.method, "GET" | "HEAD" | "DELETE" | "PUT")
            || self.idempotency == Idempotency::Required
    }
}

impl<P> Endpoint<P> {
    /// The names of the path's `{name}` placeholders, in order.
    pub fn path_params(&self) -> impl Iterator<Item = &'static str> {
        self.path
            .split('{')
            .skip(1)
            .filter_map(|part| part.split_once('}').map(|(name, _)| name))
    }

    /// The path with each `{name}` replaced by `value(name)`, percent-encoded, and the names
    /// it used (so they are not sent again in the query or body).
    pub fn fill_path<'v>(&self, value: impl Fn(&str) -> &'v str) -> (String, Vec<&'static str>) {
        let mut path = String::new();
        let mut used = Vec::new();
        let mut rest = self.path;
        while let Some(open) = rest.find('{') {
            let close = rest[open..].find('}').map_or(rest.len(), |c| open + c);
            let name = &rest[open + 1..close];
            path.push_str(&rest[..open]);
            path.push_str(&percent_encode(value(name)));
            used.push(name);
            rest = rest.get(close + 1..).unwrap_or_default();
        }
        path.push_str(rest);
        (path, used)
    }
}

/// The row of `name` in `table`.
pub fn find<'t, P>(table: &'t [Endpoint<P>], name: &str) -> Option<&'t Endpoint<P>> {
    table.iter().find(|e| e.name == name)
}

#[cfg(test)]
mod tests {
    use super::{Endpoint, Idempotency};

    const ROW: Endpoint<()> = Endpoint {
        name: "things.get",
        method: "GET",
        path: "/v1/things/{thingId}/parts/{partId}",
        params: (),
        idempotency: Idempotency::None,
        response: None,
        unwrap: None,
    };

    #[test]
    fn paths_are_filled_percent_encoded_and_report_their_names() {
        let (path, used) = ROW.fill_path(|n| if n == "thingId" { "a/b c" } else { "7" });
        assert_eq!(path, "/v1/things/a%2Fb%20c/parts/7");
        assert_eq!(used, ["thingId", "partId"]);
        assert_eq!(ROW.path_params().collect::<Vec<_>>(), ["thingId", "partId"]);
    }

    #[test]
    fn the_retry_class_follows_the_method_and_the_key() {
        assert!(ROW.repeatable());
        let post = Endpoint {
            method: "POST",
            ..ROW
        };
        assert!(!post.repeatable());
        let keyed = Endpoint {
            method: "POST",
            idempotency: Idempotency::Required,
            ..ROW
        };
        assert!(keyed.repeatable());
    }
}
