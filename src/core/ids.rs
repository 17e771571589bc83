//! Random identifiers: idempotency keys and nonces, from the platform CSPRNG.

use crate::core::encoding::hex_encode;

/// Fills `buf` from the OS / Web Crypto CSPRNG.
///
/// A platform without a CSPRNG cannot seal envelopes safely; that is not recoverable, so the
/// failure surfaces as a network-independent error to the caller rather than a panic.
pub fn random_bytes(buf: &mut [u8]) -> Result<(), crate::core::error::Error> {
    getrandom::fill(buf).map_err(|e| crate::core::error::Error::Network {
        message: format!("no secure random source available: {e}"),
    })
}

/// A random UUID version 4, lower-case hyphenated (RFC 9562).
pub fn uuid_v4() -> Result<String, crate::core::error::Error> {
    let mut b = [0u8; 16];
    random_bytes(&mut b)?;
    b[6] = (b[6] & 0x0f) | 0x40;
    b[8] = (b[8] & 0x3f) | 0x80;
    let h = hex_encode(&b);
    Ok(format!(
        "{}-{}-{}-{}-{}",
        &h[0..8],
        &h[8..12],
        &h[12..16],
        &h[16..20],
        &h[20..32]
    ))
}

/// A uniformly random `u32`.
pub fn random_u32() -> Result<u32, crate::core::error::Error> {
    let mut b = [0u8; 4];
    random_bytes(&mut b)?;
    Ok(u32::from_le_bytes(b))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn uuid_v4_has_version_and_variant_and_differs() -> Result<(), crate::core::error::Error> {
        let a = uuid_v4()?;
        let b = uuid_v4()?;
        assert_ne!(a, b);
        let parts: Vec<&str> = a.split('-').collect();
        assert_eq!(
            parts.iter().map(|p| p.len()).collect::<Vec<_>>(),
            [8, 4, 4, 4, 12]
        );
        assert!(parts[2].starts_with('4'));
        assert!(matches!(parts[3].as_bytes()[0], b'8' | b'9' | b'a' | b'b'));
        Ok(())
    }
}
