//! The encrypted-envelope card issuing API: a client on the shared transport.

mod client;
mod errors;
mod responses;

pub use client::{plaintext_not_object, EnvelopeClient, EnvelopeConfig};
pub use errors::slug_for_plain_message;
