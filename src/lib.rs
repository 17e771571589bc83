//! seismic-sdk: payments SDK for Seismic Orchestration, Seismic Cards, the encrypted-envelope
//! card issuing API and Seamless stored value. Pure-Rust core, one transport, thin JS layer.

pub mod cards;
pub mod core;
pub mod envelope;
pub mod orchestration;
pub mod stored_value;
pub mod transport;

#[cfg(target_arch = "wasm32")]
mod js;

#[cfg(not(target_arch = "wasm32"))]
pub mod typescript;

#[cfg(all(test, not(target_arch = "wasm32")))]
mod typescript_dto;
