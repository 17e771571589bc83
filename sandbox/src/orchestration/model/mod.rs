//! The records of the Orchestration API: plain data the store holds and
//! handlers read and write, with their wire (JSON) forms. Nothing here
//! looks anything up or enforces a rule; the store around the records is
//! in `state`, the endpoints in the handler modules, which all import
//! records from here (so no handler module needs another for its types).

mod customers;
mod identity;
mod org;
mod trades;

pub(crate) use customers::{Account, Customer, CustomerRow};
pub(crate) use identity::{
    hash_secret, ApiKey, Challenge, Membership, RefreshToken, Role, Settings, User,
};
pub(crate) use org::{Kyb, KybRow, Link, Org, Stage};
pub(crate) use trades::{Order, Snapshot};
