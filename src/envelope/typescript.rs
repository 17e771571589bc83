//! The TypeScript of the envelope client's typed methods: the one description the generated
//! `envelope.d.ts` is rendered from, joined to the rows of `endpoints.rs` by name (a test
//! checks that every row has exactly one entry here and nothing else does). Native only.

use crate::core::schema::Ty::{Enum, Obj, Str};
use crate::core::schema::{opt, req, Decl};
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
        returns: "",
        options: "",
        doc: "Creates a card order (`POST /api/v1/cards/create`). An `Idempotency-Key` is generated\nwhen you pass none; retrying with the same key returns the original order without a\nsecond charge.",
    },
    Method {
        name: "cards.topup",
        params: "payload: CardTopupPayload",
        returns: "",
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

const CARD_CREATE: Decl = Decl {
    name: "CardCreatePayload",
    doc: "Fields of a card-create order. Endpoint fields go at the payload root; the SDK adds `request_timestamp`.",
    ty: Obj(&[
        req("external_user_id", Str).doc("Your identifier of the user the card is for."),
        opt("amount", Str).doc("Initial load as a decimal string, e.g. `\"25.00\"`."),
        opt("currency", Enum(&["USD"])),
    ]),
};

const CARD_TOPUP: Decl = Decl {
    name: "CardTopupPayload",
    doc: "Fields of a card top-up order.",
    ty: Obj(&[
        req("card_id", Str),
        req("amount", Str).doc("Decimal string with at most 2 decimals, greater than zero."),
        opt("external_user_id", Str).doc(
            "When given, the API checks the card belongs to this user (`card_user_mismatch`).",
        ),
    ]),
};

/// The payloads of the typed methods, declared in the `.d.ts`.
pub const REQUESTS: &[&Decl] = &[&CARD_CREATE, &CARD_TOPUP];

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
