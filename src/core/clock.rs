//! Request timestamps and HTTP dates.
//!
//! The envelope API rejects a reused `api_key + url + request_timestamp`, so two requests
//! sealed in the same millisecond must not share a timestamp: timestamps are strictly
//! increasing per instance, and the sub-millisecond part is random so separate processes
//! sharing one API key rarely collide either.

use std::cell::Cell;

/// A source of request timestamps, one per client (and one for standalone `sealEnvelope`),
/// so a clock correction learned by one client never shifts another's timestamps.
#[derive(Debug, Default)]
pub struct TimestampSource {
    last: Cell<u64>,
}

/// How far behind the last timestamp a new one may fall before the source follows the clock
/// back (an offset correction) instead of staying strictly increasing.
const FOLLOW_BACK_MICROS: u64 = 1_000_000;

impl TimestampSource {
    /// The next timestamp in microseconds since the epoch for a wall clock reading of `now_ms`
    /// (possibly fractional) shifted by `offset_ms`. Strictly greater than the previous one,
    /// unless the shifted clock moved back by more than a second: then it follows the clock
    /// (the server forgets timestamps after 30 s, so an earlier one cannot be a duplicate of
    /// anything it still remembers from this source).
    pub fn next(&self, now_ms: f64, offset_ms: i64, sub_ms_jitter: u32) -> u64 {
        let shifted_ms = (now_ms.floor() as i64).saturating_add(offset_ms).max(0) as u64;
        let candidate = shifted_ms.saturating_mul(1000) + u64::from(sub_ms_jitter % 1000);
        let last = self.last.get();
        let next = if candidate.saturating_add(FOLLOW_BACK_MICROS) < last {
            candidate
        } else {
            candidate.max(last + 1)
        };
        self.last.set(next);
        next
    }
}

/// Parses an HTTP date (RFC 9110 IMF-fixdate, e.g. `Sun, 06 Nov 1994 08:49:37 GMT`) into
/// milliseconds since the epoch.
pub fn parse_http_date_ms(text: &str) -> Option<i64> {
    let mut parts = text.split_whitespace();
    let _weekday = parts.next()?;
    let day: i64 = parts.next()?.parse().ok()?;
    let month = match parts.next()? {
        "Jan" => 1,
        "Feb" => 2,
        "Mar" => 3,
        "Apr" => 4,
        "May" => 5,
        "Jun" => 6,
        "Jul" => 7,
        "Aug" => 8,
        "Sep" => 9,
        "Oct" => 10,
        "Nov" => 11,
        "Dec" => 12,
        _ => return None,
    };
    let year: i64 = parts.next()?.parse().ok()?;
    let mut hms = parts.next()?.split(':').map(|p| p.parse::<i64>().ok());
    let (h, m, s) = (hms.next()??, hms.next()??, hms.next()??);
    if parts.next()? != "GMT" || !(1..=31).contains(&day) || h > 23 || m > 59 || s > 60 {
        return None;
    }
    Some((days_from_civil(year, month, day) * 86_400 + h * 3600 + m * 60 + s) * 1000)
}

/// Parses an RFC 3339 timestamp (`2026-11-22T03:02:07Z`, fractions and `±hh:mm` offsets
/// allowed) into milliseconds since the epoch.
pub fn parse_rfc3339_ms(text: &str) -> Option<i64> {
    let b = text.trim().as_bytes();
    let num = |r: std::ops::Range<usize>| -> Option<i64> {
        let s = b.get(r)?;
        s.iter()
            .all(u8::is_ascii_digit)
            .then(|| s.iter().fold(0i64, |a, d| a * 10 + i64::from(d - b'0')))
    };
    if b.len() < 20
        || b[4] != b'-'
        || b[7] != b'-'
        || !matches!(b[10], b'T' | b't' | b' ')
        || b[13] != b':'
        || b[16] != b':'
    {
        return None;
    }
    let (y, mo, d, h, mi, s) = (
        num(0..4)?,
        num(5..7)?,
        num(8..10)?,
        num(11..13)?,
        num(14..16)?,
        num(17..19)?,
    );
    if !(1..=12).contains(&mo) || !(1..=31).contains(&d) || h > 23 || mi > 59 || s > 60 {
        return None;
    }
    let mut i = 19;
    let mut millis = 0i64;
    if b.get(i) == Some(&b'.') {
        let start = i + 1;
        i = start;
        while b.get(i).is_some_and(u8::is_ascii_digit) {
            i += 1;
        }
        let frac = b.get(start..i)?;
        if frac.is_empty() {
            return None;
        }
        millis = frac
            .iter()
            .take(3)
            .fold(0i64, |a, d| a * 10 + i64::from(d - b'0'))
            * 10i64.pow(3 - frac.len().min(3) as u32);
    }
    let offset_min = match b.get(i..)? {
        [b'Z' | b'z'] => 0,
        [sign @ (b'+' | b'-'), rest @ ..] if rest.len() == 5 && rest[2] == b':' => {
            let m = num(i + 1..i + 3)? * 60 + num(i + 4..i + 6)?;
            if *sign == b'+' {
                m
            } else {
                -m
            }
        }
        _ => return None,
    };
    Some(
        (days_from_civil(y, mo, d) * 86_400 + h * 3600 + mi * 60 + s - offset_min * 60) * 1000
            + millis,
    )
}

// Howard Hinnant's days-from-civil: days since 1970-01-01 of a proleptic Gregorian date.
fn days_from_civil(y: i64, m: i64, d: i64) -> i64 {
    let y = if m <= 2 { y - 1 } else { y };
    let era = y.div_euclid(400);
    let yoe = y - era * 400;
    let doy = (153 * (m + if m > 2 { -3 } else { 9 }) + 2) / 5 + d - 1;
    let doe = yoe * 365 + yoe / 4 - yoe / 100 + doy;
    era * 146_097 + doe - 719_468
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn timestamps_are_strictly_increasing_within_one_millisecond() {
        let src = TimestampSource::default();
        let a = src.next(1_700_000_000_000.0, 0, 999);
        let b = src.next(1_700_000_000_000.0, 0, 0);
        let c = src.next(1_700_000_000_000.0, 0, 500);
        assert!(a < b && b < c, "{a} {b} {c}");
        assert!((1_700_000_000_000_000..1_700_000_000_001_000).contains(&a));
    }

    #[test]
    fn offsets_move_the_clock_both_ways_per_source() {
        let src = TimestampSource::default();
        let ahead = src.next(2_000_000_000_000.0, 120_000, 0);
        assert!((2_000_000_120_000_000..2_000_000_121_000_000).contains(&ahead));
        let behind = src.next(2_000_000_000_000.0, -120_000, 0);
        assert!(
            (1_999_999_880_000_000..1_999_999_881_000_000).contains(&behind),
            "follows a negative correction"
        );
        let other = TimestampSource::default();
        assert!(
            other.next(2_000_000_000_000.0, 0, 0) < 2_000_000_001_000_000,
            "sources are independent"
        );
    }

    #[test]
    fn parses_imf_fixdate() {
        assert_eq!(
            parse_http_date_ms("Sun, 06 Nov 1994 08:49:37 GMT"),
            Some(784_111_777_000)
        );
        assert_eq!(parse_http_date_ms("Thu, 01 Jan 1970 00:00:00 GMT"), Some(0));
        assert_eq!(
            parse_http_date_ms("Sun, 22 Nov 2026 03:02:07 GMT"),
            Some(1_795_316_527_000)
        );
        assert_eq!(parse_http_date_ms("yesterday"), None);
        assert_eq!(
            parse_rfc3339_ms("2026-11-22T03:02:07Z"),
            Some(1_795_316_527_000)
        );
        assert_eq!(
            parse_rfc3339_ms("2026-11-22T03:02:07.25Z"),
            Some(1_795_316_527_250)
        );
        assert_eq!(
            parse_rfc3339_ms("2026-11-22T04:02:07+01:00"),
            Some(1_795_316_527_000)
        );
        assert_eq!(parse_rfc3339_ms("2026-11-22"), None);
        assert_eq!(parse_rfc3339_ms("2026-13-22T03:02:07Z"), None);
        assert_eq!(parse_http_date_ms("Sun, 06 Foo 1994 08:49:37 GMT"), None);
    }
}
