//! The TypeScript of the envelope client's typed methods: the one description the generated
//! `envelope.d.ts` is rendered from, joined to the rows of `endpoints.rs` by name (a test
//! checks that every row has exactly one entry here and nothing else does). Native only.

use crate::typescript::{Method, Namespace, Surface};

/// The namespaces of `EnvelopeClient` (`request(path, payload)` is on the class).
pub const NAMESPACES: &[Namespace] = &[Namespace {
    name: "cards",
    interface: "EnvelopeCards",
    doc: "`client.cards`: card issue and top-up orders.",
}];

/// Every typed method: its params, what it resolves to, and its doc.
pub const METHODS: &[Method] = &[
    Method {
        name: "cards.create",
        params: "payload: CardCreatePayload",
        returns: "Promise<EnvelopeResponse<CardOrder>>",
        options: "",
        doc: "Creates a card order (`POST /api/v1/cards/create`). An `Idempotency-Key` is generated\nwhen you pass none; retrying with the same key returns the original order without a\nsecond charge.",
    },
    Method {
        name: "cards.topup",
        params: "payload: CardTopupPayload",
        returns: "Promise<EnvelopeResponse<CardOrder>>",
        options: "",
        doc: "Tops up a card (`POST /api/v1/cards/topup`); `amount` is a decimal string. Idempotent\nlike {@link EnvelopeCards.create}.",
    },
];

/// The whole surface, for the renderer.
pub const SURFACE: Surface = Surface {
    namespaces: NAMESPACES,
    methods: METHODS,
    options: "EnvelopeRequestOptions",
};

/// The request DTOs of this API, declared in the `.d.ts` whether or not an answer names them.
pub const REQUESTS: &[&crate::core::schema::Decl] = &[];

#[cfg(test)]
mod tests {
    use super::SURFACE;
    use crate::envelope::ENDPOINTS;
    use crate::typescript::agree;

    #[test]
    fn every_row_has_its_typescript_and_nothing_else_does() {
        let rows: Vec<&str> = ENDPOINTS.iter().map(|e| e.name).collect();
        assert_eq!(agree(&SURFACE, &rows, &[]), Ok(()));
    }
}
