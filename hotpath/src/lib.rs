//! The SDK's hot paths, in a crate of their own so that they are built at `opt-level = 3`
//! while the SDK around them is built for size (`opt-level = "z"`, about 30 KB less gzipped
//! wasm): the envelope's secretbox and base64, the one-pass JSON check of every 2xx body, and
//! the webhook signature's HMAC-SHA256.
//!
//! Cargo's per-package levels apply to the code a crate defines. Under LTO a generic
//! instantiated in both crates keeps one copy, compiled at either level, so the entry points
//! here are non-generic and `#[inline(never)]`, and their loops call no generic `Vec` methods.

mod base64;
mod hmac;
pub mod schema;

pub use base64::{base64_decode, base64_encode};
pub use hmac::{
    hex_decode, hmac_sha256, hmac_sha256_matches_any, verify_signature_header, SignatureError,
};

/// `std::str::from_utf8`, compiled here: its validation loop is `#[inline(always)]`, so called
/// from the SDK crate it would be built at that crate's `opt-level = "z"` (measured: a 1 KB
/// `Uint8Array` webhook body verified 10% slower).
#[inline(never)]
pub fn utf8(bytes: &[u8]) -> Option<&str> {
    std::str::from_utf8(bytes).ok()
}

use crypto_secretbox::aead::{AeadInPlace, KeyInit};
use crypto_secretbox::{Nonce, Tag, XSalsa20Poly1305};

/// Why [`SecretBox::seal_object`] refused.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum SealError {
    /// The text is not one JSON object.
    NotAnObject,
    /// The object already has the field the seal adds.
    HasField,
    /// Too long to seal.
    TooLarge,
}

/// Why [`SecretBox::open_base64`] refused.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum OpenError {
    /// Not canonical padded base64.
    Base64,
    /// Fewer bytes (given) than nonce + tag.
    TooShort(usize),
    /// The tag did not authenticate: altered, or sealed with another key.
    Authentication,
}

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

    /// The envelope of the JSON object text `object_json` with `"<field>":<timestamp>` added
    /// first at its root: base64 of nonce || tag || ciphertext. The text itself is checked
    /// (it must be one object, without `field`), since what is sealed is what is checked.
    #[inline(never)]
    pub fn seal_object(
        &self,
        nonce: &[u8; 24],
        object_json: &[u8],
        field: &str,
        timestamp: u64,
    ) -> Result<String, SealError> {
        let text = std::str::from_utf8(object_json).map_err(|_| SealError::NotAnObject)?;
        match schema::has_top_level_key(text, field) {
            None => return Err(SealError::NotAnObject),
            Some(true) => return Err(SealError::HasField),
            Some(false) => {}
        }
        let body = object_json.trim_ascii();
        let inner = body
            .strip_prefix(b"{")
            .and_then(|b| b.strip_suffix(b"}"))
            .ok_or(SealError::NotAnObject)?;
        let inner = if inner.trim_ascii().is_empty() {
            &[][..]
        } else {
            inner
        };
        let ts = timestamp.to_string();
        let head = [b"{\"", field.as_bytes(), b"\":", ts.as_bytes()];
        let head_len: usize = head.iter().map(|p| p.len()).sum();
        let comma = usize::from(!inner.is_empty());
        // nonce || zeroed tag || head [, inner] }
        let mut buf = vec![0u8; 40 + head_len + comma + inner.len() + 1];
        buf[..24].copy_from_slice(nonce);
        let mut at = 40;
        for part in head {
            buf[at..at + part.len()].copy_from_slice(part);
            at += part.len();
        }
        if comma == 1 {
            buf[at] = b',';
            buf[at + 1..at + 1 + inner.len()].copy_from_slice(inner);
            at += 1 + inner.len();
        }
        buf[at] = b'}';
        let (head, message) = buf.split_at_mut(40);
        let (nonce, tag_slot) = head.split_at_mut(24);
        let nonce: &[u8; 24] = (&*nonce).try_into().map_err(|_| SealError::TooLarge)?;
        let tag = self
            .seal_in_place(nonce, message)
            .ok_or(SealError::TooLarge)?;
        tag_slot.copy_from_slice(&tag);
        Ok(base64_encode(&buf))
    }

    /// Opens a base64 envelope (nonce || tag || ciphertext) and returns the plaintext.
    #[inline(never)]
    pub fn open_base64(&self, encrypted: &[u8]) -> Result<Vec<u8>, OpenError> {
        let mut buf = base64_decode(encrypted).ok_or(OpenError::Base64)?;
        if buf.len() < 40 {
            return Err(OpenError::TooShort(buf.len()));
        }
        let (head, message) = buf.split_at_mut(40);
        let (nonce, tag) = head.split_at(24);
        let (Ok(nonce), Ok(tag)) = (<&[u8; 24]>::try_from(nonce), <&[u8; 16]>::try_from(tag))
        else {
            return Err(OpenError::TooShort(0));
        };
        if !self.open_in_place(nonce, message, tag) {
            return Err(OpenError::Authentication);
        }
        let len = buf.len() - 40;
        buf.copy_within(40.., 0);
        buf.truncate(len);
        Ok(buf)
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
