//! The encrypted envelope: base64 of `nonce(24) || secretbox(tag || ct)`,
//! NaCl `crypto_secretbox` (XSalsa20-Poly1305) as tweetnacl and PyNaCl
//! produce it.

use base64::alphabet;
use base64::engine::general_purpose::{GeneralPurpose, GeneralPurposeConfig, STANDARD};
use base64::engine::DecodePaddingMode;
use base64::Engine;
use crypto_secretbox::aead::{Aead, KeyInit};
use crypto_secretbox::{Nonce, XSalsa20Poly1305};

use crate::common::random;

/// Nonce length of XSalsa20-Poly1305.
pub(crate) const NONCE_LEN: usize = 24;
/// Poly1305 tag length.
pub(crate) const TAG_LEN: usize = 16;

/// Standard alphabet, padding optional when decoding.
const LENIENT: GeneralPurpose = GeneralPurpose::new(
    &alphabet::STANDARD,
    GeneralPurposeConfig::new().with_decode_padding_mode(DecodePaddingMode::Indifferent),
);

/// Why an envelope could not be opened.
#[derive(Debug, PartialEq, Eq)]
pub(crate) enum OpenError {
    /// Not base64, too short, or authentication failed.
    Malformed,
}

/// Encrypts `plaintext` under `key` with a fresh random nonce and returns
/// the base64 envelope string. `None` only if the cipher refuses the input.
pub(crate) fn seal(key: &[u8; 32], plaintext: &[u8]) -> Option<String> {
    let nonce_bytes = random::bytes::<NONCE_LEN>();
    let cipher = XSalsa20Poly1305::new(key.into());
    let sealed = cipher
        .encrypt(Nonce::from_slice(&nonce_bytes), plaintext)
        .ok()?;
    let mut out = Vec::with_capacity(NONCE_LEN + sealed.len());
    out.extend_from_slice(&nonce_bytes);
    out.extend_from_slice(&sealed);
    Some(STANDARD.encode(out))
}

/// Decodes and decrypts a base64 envelope string.
pub(crate) fn open(key: &[u8; 32], encoded: &str) -> Result<Vec<u8>, OpenError> {
    let raw = LENIENT
        .decode(encoded.trim())
        .map_err(|_| OpenError::Malformed)?;
    if raw.len() < NONCE_LEN + TAG_LEN {
        return Err(OpenError::Malformed);
    }
    let (nonce, sealed) = raw.split_at(NONCE_LEN);
    XSalsa20Poly1305::new(key.into())
        .decrypt(Nonce::from_slice(nonce), sealed)
        .map_err(|_| OpenError::Malformed)
}

/// Standard base64 (padded) of raw bytes, used for printing keys.
pub(crate) fn b64(data: &[u8]) -> String {
    STANDARD.encode(data)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn round_trips() {
        let key = [7u8; 32];
        let sealed = seal(&key, b"{\"a\":1}");
        assert!(sealed.is_some());
        let sealed = sealed.unwrap_or_default();
        assert_eq!(open(&key, &sealed), Ok(b"{\"a\":1}".to_vec()));
        assert_eq!(open(&[8u8; 32], &sealed), Err(OpenError::Malformed));
    }

    #[test]
    fn rejects_garbage() {
        let key = [7u8; 32];
        assert_eq!(open(&key, "not base64!"), Err(OpenError::Malformed));
        assert_eq!(open(&key, &b64(&[0u8; 39])), Err(OpenError::Malformed));
    }

    fn unhex(text: &str) -> Vec<u8> {
        (0..text.len())
            .step_by(2)
            .map(|i| u8::from_str_radix(&text[i..i + 2], 16).unwrap_or_default())
            .collect()
    }

    /// Known-answer test from NaCl's `tests/secretbox.c`: the output must be
    /// `tag || ciphertext` (NaCl layout), so envelopes from tweetnacl or
    /// PyNaCl open here and ours open there.
    #[test]
    fn matches_nacl_test_vector() {
        let key = unhex("1b27556473e985d462cd51197a9a46c76009549eac6474f206c4ee0844f68389");
        let nonce = unhex("69696ee955b62b73cd62bda875fc73d68219e0036b7a0b37");
        let message = unhex(concat!(
            "be075fc53c81f2d5cf141316ebeb0c7b5228c52a4c62cbd44b66849b64244ffc",
            "e5ecbaaf33bd751a1ac728d45e6c61296cdc3c01233561f41db66cce314adb31",
            "0e3be8250c46f06dceea3a7fa1348057e2f6556ad6b1318a024a838f21af1fde",
            "048977eb48f59ffd4924ca1c60902e52f0a089bc76897040e082f93776384864",
            "5e0705"
        ));
        let expected = unhex(concat!(
            "f3ffc7703f9400e52a7dfb4b3d3305d98e993b9f48681273c29650ba32fc76ce",
            "48332ea7164d96a4476fb8c531a1186ac0dfc17c98dce87b4da7f011ec48c972",
            "71d2c20f9b928fe2270d6fb863d51738b48eeee314a7cc8ab932164548e526ae",
            "90224368517acfeabd6bb3732bc0e9da99832b61ca01b6de56244a9e88d5f9b3",
            "7973f622a43d14a6599b1f654cb45a74e355a5"
        ));
        let key: [u8; 32] = key.try_into().unwrap_or([0u8; 32]);
        let sealed = XSalsa20Poly1305::new((&key).into())
            .encrypt(Nonce::from_slice(&nonce), message.as_slice())
            .unwrap_or_default();
        assert_eq!(sealed, expected);
        let mut envelope = nonce.clone();
        envelope.extend_from_slice(&expected);
        assert_eq!(open(&key, &b64(&envelope)), Ok(message));
    }
}
