//! The encrypted envelope: `{"encrypted": base64(nonce || secretbox(plaintext))}`, where the
//! plaintext is the endpoint's JSON object with `request_timestamp` (µs) at its root.
//!
//! Byte layout is NaCl's: 24-byte nonce, then the 16-byte Poly1305 tag, then the XSalsa20
//! ciphertext, which is what tweetnacl `nacl.secretbox` and PyNaCl `SecretBox.encrypt` emit.

use seismic_hotpath::{OpenError, SealError, SecretBox};

use crate::core::encoding::{base64_decode, base64_encode, hex_decode};
use crate::core::error::{EnvelopeErrorCode as Code, Error};

/// Length of an envelope key.
pub const KEY_LEN: usize = 32;
/// Length of the random nonce that starts every envelope.
pub const NONCE_LEN: usize = 24;
/// Length of the Poly1305 tag that follows the nonce.
pub const TAG_LEN: usize = 16;
/// The field the SDK adds at the payload root.
pub const TIMESTAMP_FIELD: &str = "request_timestamp";

/// A 32-byte envelope key. Its `Debug` output never shows the key.
#[derive(Clone)]
pub struct EnvelopeKey {
    cipher: SecretBox,
}

impl std::fmt::Debug for EnvelopeKey {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.write_str("EnvelopeKey(<redacted>)")
    }
}

impl EnvelopeKey {
    /// A key from raw bytes, which must be exactly 32.
    pub fn from_bytes(bytes: &[u8]) -> Result<Self, Error> {
        if bytes.len() != KEY_LEN {
            return Err(Error::envelope(
                Code::InvalidKey,
                format!("encryption key must be 32 bytes, got {}", bytes.len()),
            ));
        }
        let key: &[u8; KEY_LEN] = bytes
            .try_into()
            .map_err(|_| Error::envelope(Code::InvalidKey, "encryption key must be 32 bytes"))?;
        Ok(Self {
            cipher: SecretBox::new(key),
        })
    }

    /// A key from text: 64 hex characters, or base64 of 32 bytes.
    pub fn parse(text: &str) -> Result<Self, Error> {
        let text = text.trim();
        let bytes = if text.len() == 2 * KEY_LEN && text.bytes().all(|b| b.is_ascii_hexdigit()) {
            hex_decode(text)
        } else {
            base64_decode(text)
        };
        match bytes {
            Some(bytes) => Self::from_bytes(&bytes),
            None => Err(Error::envelope(
                Code::InvalidKey,
                "encryption key string must be 64 hex characters or base64 of 32 bytes",
            )),
        }
    }

    /// Seals `object_json`, the JSON text of an object, adding `request_timestamp` at its root.
    /// The text itself is checked (not the value it came from: a `toJSON` or a Proxy can
    /// serialize to something else), so no caller value can stand in for the timestamp.
    pub fn seal_object(
        &self,
        object_json: &[u8],
        timestamp_micros: u64,
        nonce: &[u8; NONCE_LEN],
    ) -> Result<String, Error> {
        self.cipher
            .seal_object(nonce, object_json, TIMESTAMP_FIELD, timestamp_micros)
            .map_err(|e| match e {
                SealError::NotAnObject => {
                    Error::envelope(Code::InvalidPayload, "payload must be a JSON object")
                }
                SealError::HasField => timestamp_field_error(),
                SealError::TooLarge => too_large(),
            })
    }

    /// Seals arbitrary bytes (no timestamp added): the raw NaCl secretbox, base64 encoded.
    pub fn seal_bytes(&self, plaintext: &[u8], nonce: &[u8; NONCE_LEN]) -> Result<String, Error> {
        let mut buf = Vec::with_capacity(NONCE_LEN + TAG_LEN + plaintext.len());
        buf.extend_from_slice(nonce);
        buf.extend_from_slice(&[0u8; TAG_LEN]);
        buf.extend_from_slice(plaintext);
        self.seal_in_place(&mut buf)?;
        Ok(base64_encode(&buf))
    }

    // `buf` is nonce || zeroed tag || plaintext; encrypts the plaintext and writes the tag.
    fn seal_in_place(&self, buf: &mut [u8]) -> Result<(), Error> {
        let (nonce, rest) = buf.split_at_mut(NONCE_LEN);
        let (tag_slot, message) = rest.split_at_mut(TAG_LEN);
        let nonce: &[u8; NONCE_LEN] = (&*nonce).try_into().map_err(|_| too_large())?;
        let tag = self
            .cipher
            .seal_in_place(nonce, message)
            .ok_or_else(too_large)?;
        tag_slot.copy_from_slice(&tag);
        Ok(())
    }

    /// Opens a base64 envelope and returns the plaintext bytes (not yet checked to be JSON).
    pub fn open(&self, encrypted_b64: impl AsRef<[u8]>) -> Result<Vec<u8>, Error> {
        self.cipher
            .open_base64(encrypted_b64.as_ref())
            .map_err(|e| match e {
                OpenError::Base64 => Error::envelope(
                    Code::InvalidBase64,
                    "envelope `encrypted` is not valid base64",
                ),
                OpenError::TooShort(len) => Error::envelope(
                    Code::CiphertextTooShort,
                    format!(
                        "envelope holds {len} bytes, fewer than nonce + tag ({})",
                        NONCE_LEN + TAG_LEN
                    ),
                ),
                OpenError::Authentication => Error::envelope(
                    Code::DecryptionFailed,
                    "envelope failed authentication: it was altered or sealed with another key",
                ),
            })
    }

    /// Seals a JSON object for Rust callers; rejects a payload that sets `request_timestamp`.
    pub fn seal_value(
        &self,
        payload: &serde_json::Map<String, serde_json::Value>,
        timestamp_micros: u64,
        nonce: &[u8; NONCE_LEN],
    ) -> Result<String, Error> {
        if payload.contains_key(TIMESTAMP_FIELD) {
            return Err(timestamp_field_error());
        }
        let json = serde_json::to_string(payload)
            .map_err(|e| Error::envelope(Code::InvalidPayload, e.to_string()))?;
        self.seal_object(json.as_bytes(), timestamp_micros, nonce)
    }

    /// Opens an envelope whose plaintext must be a JSON object.
    pub fn open_value(
        &self,
        encrypted_b64: &str,
    ) -> Result<serde_json::Map<String, serde_json::Value>, Error> {
        let plain = self.open(encrypted_b64)?;
        match serde_json::from_slice(&plain) {
            Ok(serde_json::Value::Object(map)) => Ok(map),
            _ => Err(Error::envelope(
                Code::InvalidPlaintext,
                "decrypted envelope is not a JSON object",
            )),
        }
    }
}

/// The error for a payload that already carries the field the SDK sets.
pub fn timestamp_field_error() -> Error {
    Error::envelope(
        Code::InvalidPayload,
        "payload must not set request_timestamp: the SDK sets it (use options.timestampMicros for test vectors)",
    )
}

fn too_large() -> Error {
    Error::envelope(Code::InvalidPayload, "payload too large to seal")
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::core::encoding::hex_encode;

    fn key() -> EnvelopeKey {
        match EnvelopeKey::from_bytes(&[7u8; 32]) {
            Ok(k) => k,
            Err(e) => panic!("{e}"),
        }
    }

    #[test]
    fn known_answer_matches_pynacl() -> Result<(), Error> {
        // Produced by PyNaCl: SecretBox(bytes(range(32))).encrypt(plaintext, bytes(range(100, 124))).
        const PYNACL: &str = "ZGVmZ2hpamtsbW5vcHFyc3R1dnd4eXp78YcFFg7ohsGmlA1OJWBfoXmb66xLw6uaxKJX/Vrh0Gxfx0iF3pd8K5Y8cqQ6u/m4mF/EKH8buZGGc2U9aXf/X+P11mw/twtsIZw=";
        let k = EnvelopeKey::from_bytes(&(0u8..32).collect::<Vec<_>>())?;
        let mut nonce = [0u8; 24];
        nonce.iter_mut().zip(100u8..).for_each(|(n, v)| *n = v);
        assert_eq!(
            k.seal_object(br#"{"user_id":"ext-123"}"#, 1_700_000_000_000_000, &nonce)?,
            PYNACL
        );
        assert_eq!(
            k.open(PYNACL)?,
            br#"{"request_timestamp":1700000000000000,"user_id":"ext-123"}"#.to_vec()
        );
        Ok(())
    }

    #[test]
    fn seal_adds_timestamp_at_root_and_round_trips() -> Result<(), Error> {
        let k = key();
        let sealed = k.seal_object(
            br#"{"user_id":"ext-123","n":1}"#,
            1_700_000_000_000_000,
            &[1; 24],
        )?;
        let opened = k.open_value(&sealed)?;
        assert_eq!(opened["request_timestamp"], 1_700_000_000_000_000u64);
        assert_eq!(opened["user_id"], "ext-123");
        assert_eq!(opened.len(), 3);
        let empty = k.open_value(&k.seal_object(b"{}", 5, &[2; 24])?)?;
        assert_eq!(
            serde_json::Value::Object(empty),
            serde_json::json!({"request_timestamp": 5})
        );
        Ok(())
    }

    fn code<T>(r: Result<T, Error>) -> Option<Code> {
        match r {
            Err(Error::Envelope { code, .. }) => Some(code),
            _ => None,
        }
    }

    #[test]
    fn rejects_bad_inputs_with_their_codes() {
        let k = key();
        assert_eq!(
            code(EnvelopeKey::from_bytes(&[0; 31])),
            Some(Code::InvalidKey)
        );
        assert_eq!(code(EnvelopeKey::parse("zz")), Some(Code::InvalidKey));
        assert_eq!(
            code(EnvelopeKey::parse(&"ab".repeat(31))),
            Some(Code::InvalidKey)
        );
        assert_eq!(
            code(k.seal_object(b"[1]", 1, &[0; 24])),
            Some(Code::InvalidPayload)
        );
        assert_eq!(code(k.open("%%%")), Some(Code::InvalidBase64));
        assert_eq!(
            code(k.open(base64_encode(&[0; 39]))),
            Some(Code::CiphertextTooShort)
        );
        let sealed = k.seal_object(b"{}", 1, &[0; 24]).unwrap_or_default();
        let mut raw = base64_decode(&sealed).unwrap_or_default();
        let last = raw.len() - 1;
        raw[last] ^= 1;
        assert_eq!(
            code(k.open(base64_encode(&raw))),
            Some(Code::DecryptionFailed)
        );
        let other = EnvelopeKey::from_bytes(&[8u8; 32]).ok();
        assert_eq!(
            other.map(|o| code(o.open(&sealed))),
            Some(Some(Code::DecryptionFailed))
        );
        let not_json = k.seal_bytes(b"hello", &[0; 24]).unwrap_or_default();
        assert_eq!(code(k.open_value(&not_json)), Some(Code::InvalidPlaintext));
        let mut map = serde_json::Map::new();
        map.insert("request_timestamp".into(), 1.into());
        assert_eq!(
            code(k.seal_value(&map, 1, &[0; 24])),
            Some(Code::InvalidPayload)
        );
    }

    #[test]
    fn key_parses_hex_and_base64_alike() -> Result<(), Error> {
        let bytes: Vec<u8> = (0u8..32).collect();
        let from_hex = EnvelopeKey::parse(&hex_encode(&bytes))?;
        let from_b64 = EnvelopeKey::parse(&base64_encode(&bytes))?;
        let sealed = from_hex.seal_object(b"{}", 1, &[3; 24])?;
        assert_eq!(
            from_b64.open(&sealed)?,
            br#"{"request_timestamp":1}"#.to_vec()
        );
        assert_eq!(format!("{from_hex:?}"), "EnvelopeKey(<redacted>)");
        Ok(())
    }
}
