//! Base64 and hex, the two encodings keys and envelopes travel in.

use base64ct::{Base64, Encoding};

/// Standard (RFC 4648, padded) base64, as NaCl libraries and the envelope API use it.
pub fn base64_encode(bytes: &[u8]) -> String {
    Base64::encode_string(bytes)
}

/// Decodes standard padded base64; `None` when the text is not valid base64.
pub fn base64_decode(text: &str) -> Option<Vec<u8>> {
    Base64::decode_vec(text.trim()).ok()
}

/// Decodes an even-length hex string (either case); `None` on any other character.
pub fn hex_decode(text: &str) -> Option<Vec<u8>> {
    let bytes = text.as_bytes();
    if bytes.len() % 2 != 0 {
        return None;
    }
    bytes
        .chunks_exact(2)
        .map(|pair| Some(hex_nibble(pair[0])? << 4 | hex_nibble(pair[1])?))
        .collect()
}

/// Lower-case hex.
pub fn hex_encode(bytes: &[u8]) -> String {
    const DIGITS: &[u8; 16] = b"0123456789abcdef";
    let mut out = String::with_capacity(bytes.len() * 2);
    for b in bytes {
        out.push(DIGITS[usize::from(b >> 4)] as char);
        out.push(DIGITS[usize::from(b & 0x0f)] as char);
    }
    out
}

fn hex_nibble(c: u8) -> Option<u8> {
    match c {
        b'0'..=b'9' => Some(c - b'0'),
        b'a'..=b'f' => Some(c - b'a' + 10),
        b'A'..=b'F' => Some(c - b'A' + 10),
        _ => None,
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn base64_round_trip_and_rejects_garbage() {
        let data = b"\x00\x01seismic\xff";
        assert_eq!(
            base64_decode(&base64_encode(data)).as_deref(),
            Some(&data[..])
        );
        assert_eq!(base64_encode(b"hi"), "aGk=");
        assert!(base64_decode("not base64!").is_none());
        assert!(
            base64_decode("aGk").is_none(),
            "unpadded input is not standard base64"
        );
    }

    #[test]
    fn hex_round_trip_and_rejects_garbage() {
        assert_eq!(hex_encode(&[0x00, 0xab, 0xff]), "00abff");
        assert_eq!(hex_decode("00ABff"), Some(vec![0x00, 0xab, 0xff]));
        assert!(hex_decode("abc").is_none());
        assert!(hex_decode("zz").is_none());
    }
}
