//! The records of the Cards API: plain data that programs hold and
//! handlers read and write, with their wire (JSON) forms. Nothing here
//! looks anything up; the program and registry around them are in
//! `state`, the endpoints in the handler modules.

mod accounts;
mod cards;
mod program;
mod transactions;

pub(crate) use accounts::{Account, AccountKind, Cardholder, CardholderStatus, KycStatus, Wallet};
pub(crate) use cards::{Budget, Card, CardStatus, LimitKind, Velocity};
pub(crate) use program::{Bin, Credentials, IdempotencyRecord, Settings, Stats};
pub(crate) use transactions::{Transaction, TxStatus, CONSUMPTION};

/// The only currency.
pub(crate) const USD: &str = "USD";
