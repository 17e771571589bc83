//! Every stored-value operation as one [`Endpoint`] row: its JS name, method, path,
//! idempotency and the documented type of its answer. The parameter rules of each are in
//! `params.rs` (`prepare`), the response types in `responses/`.

use crate::core::endpoint::{self, Idempotency};
use crate::core::schema::Ty;
use crate::stored_value::params::Op;
use crate::stored_value::responses as ty;

/// One stored-value method; its parameters are checked by [`prepare`](super::prepare) for
/// its [`Op`].
pub type Endpoint = endpoint::Endpoint<Op>;

const fn row(
    name: &'static str,
    method: &'static str,
    path: &'static str,
    op: Op,
    idempotency: Idempotency,
    response: &'static Ty,
) -> Endpoint {
    Endpoint {
        name,
        method,
        path,
        params: op,
        idempotency,
        response: Some(response),
        unwrap: None,
    }
}

use Idempotency::{None as No, Required as Key};

/// The stored-value API, grouped as the client exposes it. The side-effecting operations
/// carry their idempotency key in the body (`idempotencyKey`), not in a header.
pub const ENDPOINTS: &[Endpoint] = &[
    row(
        "giftCards.create",
        "POST",
        "/v2/stored-value",
        Op::CreateCard,
        Key,
        &ty::GIFT_CARD,
    ),
    row(
        "giftCards.delete",
        "DELETE",
        "/v2/stored-value/{card}",
        Op::DeleteCard,
        No,
        &ty::GIFT_CARD,
    ),
    row(
        "giftCards.info",
        "POST",
        "/v2/stored-value/info",
        Op::CardInfo,
        No,
        &ty::CARD_INFO,
    ),
    row(
        "transactions.reload",
        "POST",
        "/v2/transactions",
        Op::Reload,
        Key,
        &ty::TRANSACTION_RESULT,
    ),
    row(
        "transactions.redeem",
        "POST",
        "/v2/transactions",
        Op::Redeem,
        Key,
        &ty::TRANSACTION_RESULT,
    ),
    row(
        "transactions.cancel",
        "POST",
        "/v2/transactions",
        Op::Cancel,
        Key,
        &ty::TRANSACTION_RESULT,
    ),
    row(
        "transactions.get",
        "GET",
        "/v2/transactions/{id}",
        Op::GetTransaction,
        No,
        &ty::GIFT_TRANSACTION,
    ),
    row(
        "transactions.list",
        "GET",
        "/v2/transactions",
        Op::ListTransactions,
        No,
        &ty::TRANSACTION_PAGE,
    ),
    row(
        "binLookup",
        "GET",
        "/v2/bin-lookup/{bin}",
        Op::BinLookup,
        No,
        &ty::BIN_INFO,
    ),
];

/// The row of `op`.
pub fn endpoint(op: Op) -> &'static Endpoint {
    // Every `Op` has its row (a test pins it); the first row only stands in for the compiler.
    ENDPOINTS
        .iter()
        .find(|e| e.params == op)
        .unwrap_or(&ENDPOINTS[0])
}

#[cfg(test)]
mod tests {
    use super::{endpoint, ENDPOINTS};
    use crate::stored_value::params::Op;

    #[test]
    fn every_op_has_one_row() {
        let all = [
            Op::CreateCard,
            Op::DeleteCard,
            Op::CardInfo,
            Op::Reload,
            Op::Redeem,
            Op::Cancel,
            Op::GetTransaction,
            Op::ListTransactions,
            Op::BinLookup,
        ];
        for op in all {
            assert_eq!(
                ENDPOINTS.iter().filter(|e| e.params == op).count(),
                1,
                "{op:?}"
            );
            assert_eq!(endpoint(op).params, op);
        }
        assert_eq!(ENDPOINTS.len(), all.len());
    }
}
