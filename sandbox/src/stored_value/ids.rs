//! Identifiers and dates of the stored-value API: ULID-style `TXN_…` /
//! `GCT_…` ids, 4-digit auth codes, merchant ids and ISO timestamps with
//! milliseconds.

use std::time::SystemTime;

use crate::common::clock::{rfc3339, unix_ms};
use crate::common::random;

/// Crockford base32, the ULID alphabet (upper case, no I, L, O, U).
const CROCKFORD: &[u8; 32] = b"0123456789ABCDEFGHJKMNPQRSTVWXYZ";

/// `prefix` + a 26-character ULID: 48 bits of milliseconds then 80
/// random bits, in Crockford base32.
pub(crate) fn ulid(prefix: &str, now: SystemTime) -> String {
    let millis = u128::from(unix_ms(now).unsigned_abs()) & 0xFFFF_FFFF_FFFF;
    let mut value = millis << 80;
    for (index, byte) in random::bytes::<10>().into_iter().enumerate() {
        value |= u128::from(byte) << (8 * (9 - index));
    }
    let mut out = String::with_capacity(prefix.len() + 26);
    out.push_str(prefix);
    for index in 0..26 {
        let shift = 125 - 5 * index;
        let digit = usize::try_from((value >> shift) & 31).unwrap_or(0);
        out.push(char::from(CROCKFORD[digit]));
    }
    out
}

/// A random 4-digit authorization code, e.g. `"0371"`.
pub(crate) fn auth_code() -> String {
    let [high, low] = random::bytes::<2>();
    format!("{:04}", u16::from_be_bytes([high, low]) % 10_000)
}

/// A random 11-digit merchant id without a leading zero.
pub(crate) fn merchant_id() -> String {
    let value = u64::from_be_bytes(random::bytes::<8>());
    (10_000_000_000 + value % 90_000_000_000).to_string()
}

/// ISO 8601 UTC with milliseconds, e.g. `2017-07-14T14:10:31.259Z`.
pub(crate) fn iso_millis(time: SystemTime) -> String {
    let seconds = rfc3339(time);
    let base = seconds.strip_suffix('Z').unwrap_or(&seconds);
    format!("{base}.{:03}Z", unix_ms(time).rem_euclid(1000))
}

#[cfg(test)]
mod tests {
    use std::time::{Duration, UNIX_EPOCH};

    use super::*;

    #[test]
    fn ulids_are_26_crockford_chars_and_time_ordered() {
        let early = ulid("TXN_", UNIX_EPOCH + Duration::from_millis(1_000));
        let late = ulid("TXN_", UNIX_EPOCH + Duration::from_millis(2_000));
        assert!(early.starts_with("TXN_"));
        assert_eq!(early.len(), 30);
        assert!(early[4..].bytes().all(|b| CROCKFORD.contains(&b)));
        assert!(early < late);
        assert_ne!(
            ulid("GCT_", SystemTime::now()),
            ulid("GCT_", SystemTime::now())
        );
    }

    #[test]
    fn iso_has_millis() {
        let time = UNIX_EPOCH + Duration::from_millis(1_500_041_431_259);
        assert_eq!(iso_millis(time), "2017-07-14T14:10:31.259Z");
        assert_eq!(iso_millis(UNIX_EPOCH), "1970-01-01T00:00:00.000Z");
    }

    #[test]
    fn codes_and_merchant_ids() {
        let code = auth_code();
        assert_eq!(code.len(), 4);
        assert!(code.bytes().all(|b| b.is_ascii_digit()));
        let merchant = merchant_id();
        assert_eq!(merchant.len(), 11);
        assert!(!merchant.starts_with('0'));
    }
}
