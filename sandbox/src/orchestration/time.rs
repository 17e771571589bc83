//! Millisecond wall-clock time and ISO-8601 rendering.

use std::time::{Duration, SystemTime, UNIX_EPOCH};

use crate::common::clock::rfc3339;

/// Milliseconds since the Unix epoch, now.
pub(crate) fn now_ms() -> i64 {
    SystemTime::now()
        .duration_since(UNIX_EPOCH)
        .map(|d| i64::try_from(d.as_millis()).unwrap_or(i64::MAX))
        .unwrap_or(0)
}

/// `ms` since the epoch as an RFC 3339 UTC timestamp (second precision).
pub(crate) fn iso(ms: i64) -> String {
    let ms = u64::try_from(ms).unwrap_or(0);
    rfc3339(UNIX_EPOCH + Duration::from_millis(ms))
}

/// Milliseconds in `seconds` seconds, saturating.
pub(crate) fn secs_to_ms(seconds: u64) -> i64 {
    i64::try_from(seconds.saturating_mul(1000)).unwrap_or(i64::MAX)
}

/// `ms` as a non-negative signed millisecond count, saturating.
pub(crate) fn ms(value: u64) -> i64 {
    i64::try_from(value).unwrap_or(i64::MAX)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn renders_iso() {
        assert_eq!(iso(0), "1970-01-01T00:00:00Z");
        assert_eq!(iso(1_709_210_096_999), "2024-02-29T12:34:56Z");
        assert_eq!(iso(-5), "1970-01-01T00:00:00Z");
        assert!(now_ms() > 1_700_000_000_000);
        assert_eq!(secs_to_ms(2), 2000);
        assert_eq!(ms(u64::MAX), i64::MAX);
    }
}
