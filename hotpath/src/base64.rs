//! Standard padded base64 (RFC 4648), table driven.

// Table-driven base64: envelopes are up to megabytes of public ciphertext, so speed matters
// and constant time does not (keys are decoded once per client).
const ALPHABET: &[u8; 64] = b"ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789+/";
const INVALID: u8 = 0xff;
const DECODE: [u8; 256] = {
    let mut t = [INVALID; 256];
    let mut i = 0;
    while i < 64 {
        t[ALPHABET[i] as usize] = i as u8;
        i += 1;
    }
    t
};

/// Standard (RFC 4648, padded) base64, as NaCl libraries and the envelope API use it.
// Written into a buffer sized once, by index: a generic `Vec` call per group would be
// compiled wherever LTO keeps its copy, possibly in the size-optimised SDK.
#[inline(never)]
pub fn base64_encode(bytes: &[u8]) -> String {
    let mut out = vec![0u8; bytes.len().div_ceil(3) * 4];
    let mut chunks = bytes.chunks_exact(3);
    let mut groups = out.chunks_exact_mut(4);
    for (c, o) in (&mut chunks).zip(&mut groups) {
        let n = u32::from(c[0]) << 16 | u32::from(c[1]) << 8 | u32::from(c[2]);
        o[0] = ALPHABET[(n >> 18) as usize & 63];
        o[1] = ALPHABET[(n >> 12) as usize & 63];
        o[2] = ALPHABET[(n >> 6) as usize & 63];
        o[3] = ALPHABET[n as usize & 63];
    }
    if let Some(o) = groups.next() {
        let rest = chunks.remainder();
        let n = rest
            .iter()
            .enumerate()
            .fold(0u32, |n, (i, &b)| n | u32::from(b) << (16 - 8 * i));
        o[0] = ALPHABET[(n >> 18) as usize & 63];
        o[1] = ALPHABET[(n >> 12) as usize & 63];
        o[2] = if rest.len() == 2 {
            ALPHABET[(n >> 6) as usize & 63]
        } else {
            b'='
        };
        o[3] = b'=';
    }
    // Only ASCII from ALPHABET was written.
    String::from_utf8(out).unwrap_or_default()
}

/// Decodes canonical standard padded base64 (surrounding whitespace ignored); `None` for
/// anything else, including non-zero padding bits.
#[inline(never)]
pub fn base64_decode(text: impl AsRef<[u8]>) -> Option<Vec<u8>> {
    decode(text.as_ref())
}

#[inline(never)]
fn decode(text: &[u8]) -> Option<Vec<u8>> {
    let s = text.trim_ascii();
    if s.len() % 4 != 0 {
        return None;
    }
    let pad = s.iter().rev().take(2).take_while(|&&b| b == b'=').count();
    let body = &s[..s.len() - pad];
    let mut out = vec![0u8; body.len() / 4 * 3 + body.len() % 4 * 3 / 4];
    let mut quads = body.chunks_exact(4);
    let mut triples = out.chunks_exact_mut(3);
    for (q, o) in (&mut quads).zip(&mut triples) {
        let (a, b, c, d) = (
            DECODE[q[0] as usize],
            DECODE[q[1] as usize],
            DECODE[q[2] as usize],
            DECODE[q[3] as usize],
        );
        if (a | b | c | d) == INVALID || (a | b | c | d) & 0xc0 != 0 {
            return None;
        }
        let n = u32::from(a) << 18 | u32::from(b) << 12 | u32::from(c) << 6 | u32::from(d);
        o[0] = (n >> 16) as u8;
        o[1] = (n >> 8) as u8;
        o[2] = n as u8;
    }
    let rest = quads.remainder();
    let tail = triples.into_remainder();
    let digit = |i: usize| {
        rest.get(i)
            .map(|&b| DECODE[b as usize])
            .filter(|&v| v != INVALID)
    };
    match (rest.len(), tail) {
        (0, []) => {}
        (2, [x]) => {
            let n = u32::from(digit(0)?) << 18 | u32::from(digit(1)?) << 12;
            if n & 0xffff != 0 {
                return None;
            }
            *x = (n >> 16) as u8;
        }
        (3, [x, y]) => {
            let n =
                u32::from(digit(0)?) << 18 | u32::from(digit(1)?) << 12 | u32::from(digit(2)?) << 6;
            if n & 0xff != 0 {
                return None;
            }
            *x = (n >> 16) as u8;
            *y = (n >> 8) as u8;
        }
        _ => return None,
    }
    Some(out)
}

#[cfg(test)]
mod tests {
    use super::{base64_decode, base64_encode};

    #[test]
    fn round_trips_every_length_and_rejects_non_canonical() {
        let data: Vec<u8> = (0..=255u8).collect();
        for n in 0..40 {
            let enc = base64_encode(&data[..n]);
            assert_eq!(enc.len(), n.div_ceil(3) * 4);
            assert_eq!(
                base64_decode(&enc).as_deref(),
                Some(&data[..n]),
                "length {n}"
            );
        }
        assert_eq!(base64_encode(b"foobar"), "Zm9vYmFy");
        assert_eq!(base64_encode(b"fo"), "Zm8=");
        assert_eq!(base64_encode(b"f"), "Zg==");
        assert_eq!(base64_decode(" Zm8= ").as_deref(), Some(&b"fo"[..]));
        for bad in ["Zm9=", "Zh==", "Zm8", "Z===", "Zm$v", "====", "Zm8=Zm8="] {
            assert_eq!(base64_decode(bad), None, "{bad}");
        }
    }
}
