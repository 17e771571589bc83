//! The TypeScript of the Cards client's methods: the one description the generated
//! `cards.d.ts` is rendered from, joined to the rows of `endpoints.rs` by name (a test checks
//! that every row has exactly one entry here and nothing else does). Native only: the text
//! never reaches the wasm.

use crate::typescript::{Method, Namespace, Surface};

/// The namespaces of `SeismicCardsClient`, in the order of the docs.
pub const NAMESPACES: &[Namespace] = &[
    Namespace {
        name: "accounts",
        interface: "CardsAccounts",
        doc: "Sub-accounts and KYC.",
    },
    Namespace {
        name: "cardholders",
        interface: "CardsCardholders",
        doc: "Cardholder profiles.",
    },
    Namespace {
        name: "bins",
        interface: "CardsBins",
        doc: "BINs the program issues from.",
    },
    Namespace {
        name: "budgets",
        interface: "CardsBudgets",
        doc: "Budgets: spending pools behind cards.",
    },
    Namespace {
        name: "transfers",
        interface: "CardsTransfers",
        doc: "Transfers between USD Wallets.",
    },
    Namespace {
        name: "wallets",
        interface: "CardsWallets",
        doc: "USD Wallets.",
    },
    Namespace {
        name: "cards",
        interface: "CardsCards",
        doc: "Cards.",
    },
    Namespace {
        name: "transactions",
        interface: "CardsTransactions",
        doc: "Card transactions.",
    },
];

/// Every method: its params type, what it resolves to, and its doc.
pub const METHODS: &[Method] = &[
    Method {
        name: "accounts.register",
        params: "params: AccountRegisterParams",
        returns: "",
        options: "",
        doc: "Creates a sub-account (`POST /v1/accounts/register`); an Idempotency-Key is sent so retries never duplicate it.",
    },
    Method {
        name: "accounts.findByEmail",
        params: "params: { email: string }",
        returns: "",
        options: "",
        doc: "Looks a sub-account up by email (`GET /v1/accounts`).",
    },
    Method {
        name: "accounts.submitKyc",
        params: "params: KycSubmitParams",
        returns: "",
        options: "",
        doc: "Submits KYC with a Sumsub share token (`POST /v1/accounts/{accountId}/kyc`).",
    },
    Method {
        name: "accounts.kycStatus",
        params: "params: { accountId: string }",
        returns: "",
        options: "",
        doc: "KYC / CDD status (`GET /v1/accounts/cdd/detail/{accountId}`).",
    },
    Method {
        name: "accounts.init",
        params: "params: { accountId: string }",
        returns: "",
        options: "",
        doc: "Provisions the USD Wallet once KYC is APPROVED (`POST /v1/accounts/{accountId}/init`).",
    },
    Method {
        name: "cardholders.create",
        params: "params: CardholderCreateParams",
        returns: "",
        options: "",
        doc: "Creates a cardholder (`POST /v1/cardholders`); PENDING, then APPROVED.",
    },
    Method {
        name: "cardholders.list",
        params: "params: { accountId: string }",
        returns: "",
        options: "",
        doc: "Cardholders of a sub-account.",
    },
    Method {
        name: "cardholders.get",
        params: "params: { cardholderId: string; accountId: string }",
        returns: "",
        options: "",
        doc: "One cardholder.",
    },
    Method {
        name: "cardholders.update",
        params: "params: CardholderUpdateParams",
        returns: "",
        options: "",
        doc: "Updates mutable fields (`PATCH /v1/cardholders/{cardholderId}`).",
    },
    Method {
        name: "bins.list",
        params: "params: { accountId: string }",
        returns: "",
        options: "",
        doc: "`GET /v1/card/bins`.",
    },
    Method {
        name: "budgets.create",
        params: "params: { accountId: string; name: string; currency?: \"USD\" }",
        returns: "",
        options: "",
        doc: "Creates a budget (Idempotency-Key sent).",
    },
    Method {
        name: "budgets.get",
        params: "params: { budgetId: string; accountId: string }",
        returns: "",
        options: "",
        doc: "A budget with its balance.",
    },
    Method {
        name: "budgets.transferIn",
        params: "params: BudgetTransferParams",
        returns: "",
        options: "",
        doc: "Funds a budget from the USD Wallet; `clientTransactionId` is generated when omitted.",
    },
    Method {
        name: "budgets.transferOut",
        params: "params: BudgetTransferParams",
        returns: "",
        options: "",
        doc: "Moves funds back to the USD Wallet; `030003` when they are locked by pending authorizations.",
    },
    Method {
        name: "transfers.external",
        params: "params: ExternalTransferParams",
        returns: "",
        options: "",
        doc: "`POST /v1/business/transfer/external` (Idempotency-Key sent).",
    },
    Method {
        name: "wallets.list",
        params: "params: { accountId: string }",
        returns: "",
        options: "",
        doc: "`GET /v1/cards/wallets`.",
    },
    Method {
        name: "cards.issue",
        params: "params: CardIssueParams",
        returns: "",
        options: "",
        doc: "Issues a card on a budget (`POST /v1/budget-card`, Idempotency-Key sent).",
    },
    Method {
        name: "cards.get",
        params: "params: { accountId: string; cardId: string }",
        returns: "",
        options: "",
        doc: "Card details without PAN/CVV (`GET /v1/card-list`).",
    },
    Method {
        name: "cards.sensitiveData",
        params: "params: { cardId: string; accountId: string }",
        returns: "",
        options: "",
        doc: "PAN, expiry and CVV (`GET /v1/cards/{cardId}`). Prefer the PCI widget: this puts card data on your server.",
    },
    Method {
        name: "cards.widgetToken",
        params: "params: { cardId: string; accountId: string }",
        returns: "",
        options: "",
        doc: "A short-lived per-card token for the PCI widget.",
    },
    Method {
        name: "cards.updateLabel",
        params: "params: { cardId: string; accountId: string; label: string }",
        returns: "",
        options: "",
        doc: "Renames a card (≤ 50 characters).",
    },
    Method {
        name: "cards.setVelocityControl",
        params: "params: VelocityControlParams",
        returns: "",
        options: "",
        doc: "Replaces the card's spending limit.",
    },
    Method {
        name: "cards.freeze",
        params: "params: { cardId: string; accountId: string }",
        returns: "",
        options: "",
        doc: "Declines future authorizations.",
    },
    Method {
        name: "cards.unfreeze",
        params: "params: { cardId: string; accountId: string }",
        returns: "",
        options: "",
        doc: "Restores a frozen card.",
    },
    Method {
        name: "cards.delete",
        params: "params: { cardId: string; accountId: string }",
        returns: "",
        options: "",
        doc: "Closes a card permanently (irreversible).",
    },
    Method {
        name: "transactions.list",
        params: "params: CardTransactionListParams",
        returns: "",
        options: "",
        doc: "One page, newest first (`GET /v1/cards/transaction-list`).",
    },
    Method {
        name: "transactions.listAll",
        params: "params: CardTransactionListParams",
        returns: "AsyncIterable<CardTransaction>",
        options: "",
        doc: "Every matching transaction, page after page: `for await (const t of cards.transactions.listAll({ accountId, cardId }))`.",
    },
];

/// The methods that are not rows: they run on other methods (`listAll` pages through `list`).
pub const EXTRAS: &[&str] = &["transactions.listAll"];

/// The whole surface, for the renderer.
pub const SURFACE: Surface = Surface {
    namespaces: NAMESPACES,
    methods: METHODS,
    options: "CardsRequestOptions",
};

pub use super::requests::REQUESTS;

#[cfg(test)]
mod tests {
    use super::{EXTRAS, SURFACE};
    use crate::cards::ENDPOINTS;
    use crate::typescript::agree;

    #[test]
    fn every_row_has_its_typescript_and_nothing_else_does() {
        let rows: Vec<&str> = ENDPOINTS.iter().map(|e| e.name).collect();
        assert_eq!(agree(&SURFACE, &rows, EXTRAS), Ok(()));
    }
}
