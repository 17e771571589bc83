//! Base64 and hex, the two encodings keys and envelopes travel in.

pub use seismic_hotpath::{base64_decode, base64_encode, hex_decode};

/// Percent-encodes a URL path segment or query component: everything but the RFC 3986
/// unreserved characters.
pub fn percent_encode(text: &str) -> String {
    const HEX: &[u8; 16] = b"0123456789ABCDEF";
    let mut out = String::with_capacity(text.len());
    for &b in text.as_bytes() {
        if b.is_ascii_alphanumeric() || b"-._~".contains(&b) {
            out.push(b as char);
        } else {
            out.push('%');
            out.push(HEX[usize::from(b >> 4)] as char);
            out.push(HEX[usize::from(b & 15)] as char);
        }
    }
    out
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

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn base64_round_trip_and_rejects_garbage() {
        let data = b"\x00\x01seismic\xff";
        assert_eq!(
            base64_decode(base64_encode(data)).as_deref(),
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
    fn base64_agrees_with_base64ct() {
        use base64ct::{Base64, Encoding};
        let mut state = 0x2545_f491_4f6c_dd1du64;
        for len in 0..300 {
            let bytes: Vec<u8> = (0..len)
                .map(|_| {
                    state ^= state << 13;
                    state ^= state >> 7;
                    state ^= state << 17;
                    state as u8
                })
                .collect();
            let ours = base64_encode(&bytes);
            assert_eq!(ours, Base64::encode_string(&bytes));
            assert_eq!(base64_decode(&ours).as_deref(), Some(&bytes[..]));
        }
        for bad in [
            "A",
            "AA",
            "AA=",
            "A===",
            "====",
            "AAA=A",
            "QQ==QQ==",
            "QR==",
            "QUI=",
            "QUJ=",
            "AB*D",
            "AB\u{e9}D",
        ] {
            assert_eq!(base64_decode(bad), Base64::decode_vec(bad).ok(), "{bad}");
        }
        assert_eq!(base64_decode("QUI="), Some(b"AB".to_vec()));
        assert_eq!(base64_decode("QQ=="), Some(b"A".to_vec()));
    }

    #[test]
    fn hex_round_trip_and_rejects_garbage() {
        assert_eq!(hex_encode(&[0x00, 0xab, 0xff]), "00abff");
        assert_eq!(hex_decode("00ABff"), Some(vec![0x00, 0xab, 0xff]));
        assert!(hex_decode("abc").is_none());
        assert!(hex_decode("zz").is_none());
    }
}
