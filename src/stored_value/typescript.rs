//! The TypeScript of the stored-value client's methods: the one description the generated
//! `stored-value.d.ts` is rendered from, joined to the rows of `endpoints.rs` by name (a test
//! checks that every row has exactly one entry here and nothing else does). Native only.

use crate::typescript::{Method, Namespace, Surface};

/// The namespaces of `StoredValueClient`.
pub const NAMESPACES: &[Namespace] = &[
    Namespace {
        name: "giftCards",
        interface: "StoredValueGiftCards",
        doc: "Gift cards: create, delete, info.",
    },
    Namespace {
        name: "transactions",
        interface: "StoredValueTransactions",
        doc: "Gift transactions: reload, redeem, cancel, get, list, listAll.",
    },
];

/// Every method: its params, what it resolves to, and its doc.
pub const METHODS: &[Method] = &[
    Method {
        name: "binLookup",
        params: "params: { bin: string }",
        returns: "",
        options: "",
        doc: "BIN details (`GET /v2/bin-lookup/{bin}`): issuing bank, brand, type, prepaid…",
    },
    Method {
        name: "giftCards.create",
        params: "params: GiftCardCreateParams",
        returns: "",
        options: "",
        doc: "Issues a gift card with an initial `amount` (`POST /v2/stored-value`). Idempotent.",
    },
    Method {
        name: "giftCards.delete",
        params: "params: CardRef",
        returns: "",
        options: "",
        doc: "Removes a gift card (`DELETE /v2/stored-value/{cardNumber|cardTrackTwo}`).",
    },
    Method {
        name: "giftCards.info",
        params: "params: GiftCardInfoParams",
        returns: "",
        options: "",
        doc: "Balance and status of a card (`POST /v2/stored-value/info`, a read).",
    },
    Method {
        name: "transactions.reload",
        params: "params: GiftTransactionParams",
        returns: "",
        options: "",
        doc: "Adds value to a card (`method: \"reload\"`). Idempotent.",
    },
    Method {
        name: "transactions.redeem",
        params: "params: GiftTransactionParams",
        returns: "",
        options: "",
        doc: "Deducts from a card (`method: \"redemption\"`). More than the balance gives status `\"109\"` with `customerPayment`, the amount to collect another way. Idempotent.",
    },
    Method {
        name: "transactions.cancel",
        params: "params: GiftCancelParams",
        returns: "",
        options: "",
        doc: "Cancels a transaction with its `transactionId` and original `amount` (status `\"107\"`). Idempotent.",
    },
    Method {
        name: "transactions.get",
        params: "params: { id: string }",
        returns: "",
        options: "",
        doc: "One transaction (`GET /v2/transactions/{id}`).",
    },
    Method {
        name: "transactions.list",
        params: "params?: TransactionListParams",
        returns: "",
        options: "",
        doc: "One page of transactions, filtered with the typed `query` (`$in`, `$sort`, `$or`…).",
    },
    Method {
        name: "transactions.listAll",
        params: "params?: TransactionListParams",
        returns: "AsyncIterable<GiftTransaction>",
        options: "",
        doc: "Every transaction matching `params`, page after page: `for await (const t of client.transactions.listAll({ query }))`.",
    },
];

/// The methods that are not rows: they run on other methods (`listAll` pages through `list`).
pub const EXTRAS: &[&str] = &["transactions.listAll"];

/// The whole surface, for the renderer.
pub const SURFACE: Surface = Surface {
    namespaces: NAMESPACES,
    methods: METHODS,
    options: "StoredValueRequestOptions",
};

pub use super::requests::REQUESTS;

#[cfg(test)]
mod tests {
    use super::{EXTRAS, SURFACE};
    use crate::stored_value::ENDPOINTS;
    use crate::typescript::agree;

    #[test]
    fn every_row_has_its_typescript_and_nothing_else_does() {
        let rows: Vec<&str> = ENDPOINTS.iter().map(|e| e.name).collect();
        assert_eq!(agree(&SURFACE, &rows, EXTRAS), Ok(()));
    }
}
