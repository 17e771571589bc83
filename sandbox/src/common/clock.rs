//! Server clocks with per-tenant offsets, Unix time in the units the APIs
//! count in, proleptic Gregorian calendar conversions, and the date formats
//! we emit.

use std::time::{Duration, SystemTime, UNIX_EPOCH};

/// Largest clock offset accepted, in milliseconds (ten years either way),
/// which keeps every formatted date inside what `httpdate` supports.
pub(crate) const MAX_OFFSET_MS: i64 = 10 * 366 * 24 * 60 * 60 * 1000;

/// Real time shifted by `offset_ms` (clamped to [`MAX_OFFSET_MS`]).
pub(crate) fn server_now(offset_ms: i64) -> SystemTime {
    let now = SystemTime::now();
    let offset = offset_ms.clamp(-MAX_OFFSET_MS, MAX_OFFSET_MS);
    let delta = Duration::from_millis(offset.unsigned_abs());
    let shifted = if offset >= 0 {
        now.checked_add(delta)
    } else {
        now.checked_sub(delta)
    };
    shifted.unwrap_or(now).max(UNIX_EPOCH)
}

/// Microseconds since the Unix epoch (0 for times before it).
pub(crate) fn unix_micros(time: SystemTime) -> i64 {
    time.duration_since(UNIX_EPOCH)
        .map(|d| i64::try_from(d.as_micros()).unwrap_or(i64::MAX))
        .unwrap_or(0)
}

/// Milliseconds since the Unix epoch (0 for times before it).
pub(crate) fn unix_ms(time: SystemTime) -> i64 {
    time.duration_since(UNIX_EPOCH)
        .map(|d| i64::try_from(d.as_millis()).unwrap_or(i64::MAX))
        .unwrap_or(0)
}

/// Seconds since the Unix epoch (0 for times before it).
pub(crate) fn unix_secs(time: SystemTime) -> i64 {
    unix_ms(time) / 1000
}

/// RFC 7231 IMF-fixdate, e.g. `Sun, 06 Nov 1994 08:49:37 GMT`.
pub(crate) fn http_date(time: SystemTime) -> String {
    httpdate::fmt_http_date(time.max(UNIX_EPOCH))
}

/// RFC 3339 UTC timestamp with second precision, e.g. `2024-05-01T12:00:00Z`.
pub(crate) fn rfc3339(time: SystemTime) -> String {
    let secs = time
        .duration_since(UNIX_EPOCH)
        .map(|d| d.as_secs())
        .unwrap_or(0);
    let days = i64::try_from(secs / 86_400).unwrap_or(0);
    let rem = secs % 86_400;
    let (year, month, day) = civil_from_days(days);
    format!(
        "{year:04}-{month:02}-{day:02}T{:02}:{:02}:{:02}Z",
        rem / 3600,
        (rem % 3600) / 60,
        rem % 60
    )
}

/// Days since 1970-01-01 → (year, month, day) in the proleptic Gregorian
/// calendar (Howard Hinnant's `civil_from_days`).
pub(crate) fn civil_from_days(days: i64) -> (i64, i64, i64) {
    let z = days + 719_468;
    let era = z.div_euclid(146_097);
    let doe = z.rem_euclid(146_097);
    let yoe = (doe - doe / 1460 + doe / 36_524 - doe / 146_096) / 365;
    let doy = doe - (365 * yoe + yoe / 4 - yoe / 100);
    let mp = (5 * doy + 2) / 153;
    let day = doy - (153 * mp + 2) / 5 + 1;
    let month = if mp < 10 { mp + 3 } else { mp - 9 };
    let year = yoe + era * 400 + i64::from(month <= 2);
    (year, month, day)
}

/// (year, month, day) → days since 1970-01-01, proleptic Gregorian (the
/// inverse of [`civil_from_days`]).
pub(crate) fn days_from_civil(year: i64, month: i64, day: i64) -> i64 {
    let year = if month <= 2 { year - 1 } else { year };
    let era = year.div_euclid(400);
    let yoe = year.rem_euclid(400);
    let mp = if month > 2 { month - 3 } else { month + 9 };
    let doy = (153 * mp + 2) / 5 + day - 1;
    let doe = yoe * 365 + yoe / 4 - yoe / 100 + doy;
    era * 146_097 + doe - 719_468
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn formats_rfc3339() {
        assert_eq!(rfc3339(UNIX_EPOCH), "1970-01-01T00:00:00Z");
        let t = UNIX_EPOCH + Duration::from_secs(1_709_210_096);
        assert_eq!(rfc3339(t), "2024-02-29T12:34:56Z");
        let t = UNIX_EPOCH + Duration::from_secs(951_782_400);
        assert_eq!(rfc3339(t), "2000-02-29T00:00:00Z");
    }

    #[test]
    fn civil_round_trip() {
        for days in [-1000, 0, 59, 60, 11_016, 19_782, 30_000] {
            let (y, m, d) = civil_from_days(days);
            assert_eq!(days_from_civil(y, m, d), days);
        }
        assert_eq!(civil_from_days(0), (1970, 1, 1));
        assert_eq!(days_from_civil(2024, 2, 29), 19_782);
    }

    #[test]
    fn formats_http_date() {
        let t = UNIX_EPOCH + Duration::from_secs(784_111_777);
        assert_eq!(http_date(t), "Sun, 06 Nov 1994 08:49:37 GMT");
    }

    #[test]
    fn offset_shifts_clock() {
        let base = unix_micros(SystemTime::now());
        let ahead = unix_micros(server_now(120_000));
        let behind = unix_micros(server_now(-120_000));
        assert!((ahead - base - 120_000_000).abs() < 5_000_000);
        assert!((base - behind - 120_000_000).abs() < 5_000_000);
    }
}
