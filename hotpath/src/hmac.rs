//! HMAC-SHA256 for webhook signatures. Here rather than in the SDK crate because `Hmac<Sha256>`
//! is generic: its block buffering and padding would be instantiated, and so compiled, at the
//! SDK's `opt-level = "z"` (measured: `verifyWebhook` 10–13% slower than at 3).

use hmac::{Hmac, Mac};
use sha2::Sha256;

/// Whether any of `candidates` is the HMAC-SHA256 under `key` of the concatenation of
/// `parts`. Every candidate is compared, each in constant time, so the time taken says
/// nothing about which one matched or how much of it.
#[inline(never)]
pub fn hmac_sha256_matches_any(key: &[u8], parts: &[&[u8]], candidates: &[Vec<u8>]) -> bool {
    let Ok(mut mac) = Hmac::<Sha256>::new_from_slice(key) else {
        return false;
    };
    for part in parts {
        mac.update(part);
    }
    candidates.iter().fold(false, |found, candidate| {
        mac.clone().verify_slice(candidate).is_ok() | found
    })
}

/// The HMAC-SHA256 under `key` of the concatenation of `parts`.
#[inline(never)]
pub fn hmac_sha256(key: &[u8], parts: &[&[u8]]) -> [u8; 32] {
    let Ok(mut mac) = Hmac::<Sha256>::new_from_slice(key) else {
        // HMAC takes keys of every length; this arm is unreachable.
        return [0; 32];
    };
    for part in parts {
        mac.update(part);
    }
    mac.finalize().into_bytes().into()
}

#[cfg(test)]
mod tests {
    use super::*;

    /// RFC 4231, test case 2.
    const KEY: &[u8] = b"Jefe";
    const MAC: &str = "5bdcc146bf60754e6a042426089575c75a003f089d2739839dec58b964ec3843";

    fn hex(bytes: &[u8]) -> String {
        bytes.iter().map(|b| format!("{b:02x}")).collect()
    }

    #[test]
    fn known_answer_whole_and_in_parts() {
        assert_eq!(
            hex(&hmac_sha256(KEY, &[b"what do ya want for nothing?"])),
            MAC
        );
        assert_eq!(
            hex(&hmac_sha256(
                KEY,
                &[b"what do ya", b" want ", b"for nothing?"]
            )),
            MAC
        );
    }

    #[test]
    fn any_candidate_may_match_and_none_other_does() {
        let good = hmac_sha256(KEY, &[b"what do ya want for nothing?"]).to_vec();
        let mut bad = good.clone();
        bad[31] ^= 1;
        let msg: &[&[u8]] = &[b"what do ya want ", b"for nothing?"];
        assert!(hmac_sha256_matches_any(
            KEY,
            msg,
            &[bad.clone(), good.clone()]
        ));
        assert!(hmac_sha256_matches_any(
            KEY,
            msg,
            &[good.clone(), bad.clone()]
        ));
        assert!(!hmac_sha256_matches_any(KEY, msg, &[bad.clone()]));
        assert!(!hmac_sha256_matches_any(KEY, msg, &[]));
        assert!(!hmac_sha256_matches_any(KEY, msg, &[good[..31].to_vec()]));
    }
}
