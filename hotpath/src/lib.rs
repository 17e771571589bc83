//! The SDK's hot paths, in a crate of their own so that they are built at `opt-level = 3`
//! while the SDK around them is built for size (`opt-level = "z"`, about 30 KB less gzipped
//! wasm): the envelope's secretbox and base64, and the one-pass JSON check of every 2xx body.
//!
//! Cargo's per-package levels apply to the code a crate defines. Under LTO a generic
//! instantiated in both crates keeps one copy, compiled at either level, so the entry points
//! here are non-generic and `#[inline(never)]`, and their loops call no generic `Vec` methods.

mod base64;
pub mod schema;

pub use base64::{base64_decode, base64_encode};

use crypto_secretbox::aead::{AeadInPlace, KeyInit};
use crypto_secretbox::{Nonce, Tag, XSalsa20Poly1305};

/// An XSalsa20-Poly1305 (NaCl secretbox) key. Its `Debug` output never shows the key.
#[derive(Clone)]
pub struct SecretBox(XSalsa20Poly1305);

impl std::fmt::Debug for SecretBox {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.write_str("SecretBox(<redacted>)")
    }
}

impl SecretBox {
    /// The cipher of a 32-byte key.
    #[inline(never)]
    pub fn new(key: &[u8; 32]) -> Self {
        Self(XSalsa20Poly1305::new(key.into()))
    }

    /// Encrypts `message` in place and returns its tag; `None` when it is too long to seal.
    #[inline(never)]
    pub fn seal_in_place(&self, nonce: &[u8; 24], message: &mut [u8]) -> Option<[u8; 16]> {
        self.0
            .encrypt_in_place_detached(Nonce::from_slice(nonce), b"", message)
            .ok()
            .map(Into::into)
    }

    /// Decrypts `message` in place when `tag` authenticates it; `false` (and `message`
    /// unspecified) when it does not.
    #[inline(never)]
    pub fn open_in_place(&self, nonce: &[u8; 24], message: &mut [u8], tag: &[u8; 16]) -> bool {
        self.0
            .decrypt_in_place_detached(Nonce::from_slice(nonce), b"", message, Tag::from_slice(tag))
            .is_ok()
    }
}
