//! RFC 6238 TOTP (HMAC-SHA-1, 30 s steps, 6 digits) with its building
//! blocks: SHA-1 (FIPS 180-4), HMAC (RFC 2104) and unpadded base32
//! (RFC 4648).

use crate::common::signing::constant_time_eq;
use crate::common::text::is_digits;

/// Seconds per TOTP step.
pub(crate) const STEP_SECS: i64 = 30;
/// Digits per code.
const DIGITS: u32 = 6;
/// The base32 alphabet.
const ALPHABET: &[u8; 32] = b"ABCDEFGHIJKLMNOPQRSTUVWXYZ234567";

/// SHA-1 digest of `data`.
pub(crate) fn sha1(data: &[u8]) -> [u8; 20] {
    let mut h: [u32; 5] = [
        0x6745_2301,
        0xEFCD_AB89,
        0x98BA_DCFE,
        0x1032_5476,
        0xC3D2_E1F0,
    ];
    let bit_len = u64::try_from(data.len())
        .unwrap_or(u64::MAX)
        .wrapping_mul(8);
    let mut message = data.to_vec();
    message.push(0x80);
    while message.len() % 64 != 56 {
        message.push(0);
    }
    message.extend_from_slice(&bit_len.to_be_bytes());
    for block in message.chunks_exact(64) {
        let mut w = [0u32; 80];
        for (i, word) in block.chunks_exact(4).enumerate() {
            w[i] = u32::from_be_bytes([word[0], word[1], word[2], word[3]]);
        }
        for i in 16..80 {
            w[i] = (w[i - 3] ^ w[i - 8] ^ w[i - 14] ^ w[i - 16]).rotate_left(1);
        }
        let [mut a, mut b, mut c, mut d, mut e] = h;
        for (i, word) in w.iter().enumerate() {
            let (f, k) = match i {
                0..=19 => ((b & c) | (!b & d), 0x5A82_7999),
                20..=39 => (b ^ c ^ d, 0x6ED9_EBA1),
                40..=59 => ((b & c) | (b & d) | (c & d), 0x8F1B_BCDC),
                _ => (b ^ c ^ d, 0xCA62_C1D6),
            };
            let temp = a
                .rotate_left(5)
                .wrapping_add(f)
                .wrapping_add(e)
                .wrapping_add(k)
                .wrapping_add(*word);
            e = d;
            d = c;
            c = b.rotate_left(30);
            b = a;
            a = temp;
        }
        for (slot, value) in h.iter_mut().zip([a, b, c, d, e]) {
            *slot = slot.wrapping_add(value);
        }
    }
    let mut out = [0u8; 20];
    for (chunk, word) in out.chunks_exact_mut(4).zip(h) {
        chunk.copy_from_slice(&word.to_be_bytes());
    }
    out
}

/// HMAC-SHA-1 of `message` under `key`.
pub(crate) fn hmac_sha1(key: &[u8], message: &[u8]) -> [u8; 20] {
    let mut block = [0u8; 64];
    if key.len() > 64 {
        block[..20].copy_from_slice(&sha1(key));
    } else {
        block[..key.len()].copy_from_slice(key);
    }
    let mut inner = block.iter().map(|b| b ^ 0x36).collect::<Vec<u8>>();
    inner.extend_from_slice(message);
    let mut outer = block.iter().map(|b| b ^ 0x5c).collect::<Vec<u8>>();
    outer.extend_from_slice(&sha1(&inner));
    sha1(&outer)
}

/// Unpadded upper-case base32 of `data`.
pub(crate) fn base32_encode(data: &[u8]) -> String {
    let mut out = String::new();
    let mut buffer: u32 = 0;
    let mut bits = 0;
    for &byte in data {
        buffer = (buffer << 8) | u32::from(byte);
        bits += 8;
        while bits >= 5 {
            bits -= 5;
            out.push(char::from(ALPHABET[((buffer >> bits) & 31) as usize]));
        }
    }
    if bits > 0 {
        out.push(char::from(ALPHABET[((buffer << (5 - bits)) & 31) as usize]));
    }
    out
}

/// Decodes base32 (case-insensitive; spaces, dashes and `=` padding
/// ignored). `None` on any other character or an empty result.
pub(crate) fn base32_decode(text: &str) -> Option<Vec<u8>> {
    let mut out = Vec::new();
    let mut buffer: u32 = 0;
    let mut bits = 0;
    for ch in text.chars() {
        if matches!(ch, ' ' | '-' | '=') {
            continue;
        }
        let upper = ch.to_ascii_uppercase();
        let value = ALPHABET.iter().position(|&c| char::from(c) == upper)?;
        buffer = (buffer << 5) | u32::try_from(value).ok()?;
        bits += 5;
        if bits >= 8 {
            bits -= 8;
            out.push(u8::try_from((buffer >> bits) & 0xff).ok()?);
        }
    }
    (!out.is_empty()).then_some(out)
}

/// The code for step `counter` (RFC 4226 dynamic truncation).
pub(crate) fn code_at(secret: &[u8], counter: u64) -> String {
    let mac = hmac_sha1(secret, &counter.to_be_bytes());
    let offset = usize::from(mac[19] & 0x0f);
    let binary = (u32::from(mac[offset] & 0x7f) << 24)
        | (u32::from(mac[offset + 1]) << 16)
        | (u32::from(mac[offset + 2]) << 8)
        | u32::from(mac[offset + 3]);
    let code = binary % 10u32.pow(DIGITS);
    format!("{code:06}")
}

/// The step counter at `unix_secs`.
fn counter(unix_secs: i64) -> u64 {
    u64::try_from(unix_secs.max(0) / STEP_SECS).unwrap_or(0)
}

/// The current code at `unix_secs`.
pub(crate) fn code_now(secret: &[u8], unix_secs: i64) -> String {
    code_at(secret, counter(unix_secs))
}

/// Whether `code` is valid at `unix_secs`, allowing one step of skew
/// either way.
pub(crate) fn verify(secret: &[u8], code: &str, unix_secs: i64) -> bool {
    let code = code.trim();
    if !is_digits(code, 6..=6) {
        return false;
    }
    let now = counter(unix_secs);
    [now.saturating_sub(1), now, now.saturating_add(1)]
        .iter()
        .any(|&step| constant_time_eq(&code_at(secret, step), code))
}

#[cfg(test)]
mod tests {
    use super::*;

    fn hex(data: &[u8]) -> String {
        crate::common::random::hex(data)
    }

    #[test]
    fn sha1_vectors() {
        assert_eq!(hex(&sha1(b"")), "da39a3ee5e6b4b0d3255bfef95601890afd80709");
        assert_eq!(
            hex(&sha1(b"abc")),
            "a9993e364706816aba3e25717850c26c9cd0d89d"
        );
        let long = b"abcdbcdecdefdefgefghfghighijhijkijkljklmklmnlmnomnopnopq";
        assert_eq!(hex(&sha1(long)), "84983e441c3bd26ebaae4aa1f95129e5e54670f1");
        let million = vec![b'a'; 1_000_000];
        assert_eq!(
            hex(&sha1(&million)),
            "34aa973cd4c4daa4f61eeb2bdbad27316534016f"
        );
    }

    #[test]
    fn hmac_vectors() {
        // RFC 2202 test cases 1 and 6.
        let mac = hmac_sha1(&[0x0b; 20], b"Hi There");
        assert_eq!(hex(&mac), "b617318655057264e28bc0b6fb378c8ef146be00");
        let mac = hmac_sha1(
            &[0xaa; 80],
            b"Test Using Larger Than Block-Size Key - Hash Key First",
        );
        assert_eq!(hex(&mac), "aa4ae5e15272d00e95705637ce8a3b55ed402112");
    }

    #[test]
    fn rfc6238_vectors() {
        let secret = b"12345678901234567890";
        for (time, expected) in [
            (59, "287082"),
            (1_111_111_109, "081804"),
            (1_111_111_111, "050471"),
            (1_234_567_890, "005924"),
            (2_000_000_000, "279037"),
            (20_000_000_000, "353130"),
        ] {
            assert_eq!(code_now(secret, time), expected, "t={time}");
        }
        assert!(verify(secret, "287082", 59));
        assert!(verify(secret, "287082", 59 + 30));
        assert!(verify(secret, "287082", 59 - 30));
        assert!(!verify(secret, "287082", 59 + 60));
        assert!(!verify(secret, "28708", 59));
        assert!(!verify(secret, "abcdef", 59));
    }

    #[test]
    fn base32_round_trip() {
        assert_eq!(base32_encode(b"Hello!\xde\xad\xbe\xef"), "JBSWY3DPEHPK3PXP");
        assert_eq!(
            base32_decode("jbswy3dpehpk3pxp"),
            Some(b"Hello!\xde\xad\xbe\xef".to_vec())
        );
        assert_eq!(base32_encode(b"f"), "MY");
        assert_eq!(base32_decode("MY======"), Some(b"f".to_vec()));
        assert_eq!(base32_decode("1"), None);
        assert_eq!(base32_decode(""), None);
        let secret = crate::common::random::bytes::<20>();
        assert_eq!(
            base32_decode(&base32_encode(&secret)),
            Some(secret.to_vec())
        );
    }
}
