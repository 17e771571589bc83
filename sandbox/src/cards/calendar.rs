//! Calendar arithmetic for card expiry dates and velocity-control periods
//! (which reset at 00:00 GMT+8).

use crate::common::clock::{civil_from_days, days_from_civil};

/// Milliseconds in a day.
const DAY_MS: i64 = 86_400_000;
/// GMT+8, the time zone velocity periods reset in.
const GMT8_MS: i64 = 8 * 3_600_000;

/// A velocity-control period.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(crate) enum Period {
    /// Calendar day.
    Day,
    /// ISO week (Monday to Sunday).
    Week,
    /// Calendar month.
    Month,
    /// Calendar quarter.
    Quarter,
    /// Calendar year.
    Year,
}

/// Card expiry `MM/YY`, `years` after the (UTC) month of `now_ms`.
pub(crate) fn expiry(now_ms: i64, years: i64) -> String {
    let (year, month, _) = civil_from_days(now_ms.div_euclid(DAY_MS));
    format!("{month:02}/{:02}", (year + years).rem_euclid(100))
}

/// Start (Unix ms) of the period containing `now_ms`, in GMT+8.
pub(crate) fn period_start(period: Period, now_ms: i64) -> i64 {
    let local_days = (now_ms + GMT8_MS).div_euclid(DAY_MS);
    let (year, month, _) = civil_from_days(local_days);
    let start_days = match period {
        Period::Day => local_days,
        // 1970-01-01 was a Thursday: Monday-based weekday is (days + 3) % 7.
        Period::Week => local_days - (local_days + 3).rem_euclid(7),
        Period::Month => days_from_civil(year, month, 1),
        Period::Quarter => days_from_civil(year, (month - 1) / 3 * 3 + 1, 1),
        Period::Year => days_from_civil(year, 1, 1),
    };
    start_days * DAY_MS - GMT8_MS
}

#[cfg(test)]
mod tests {
    use super::*;

    /// Unix ms of a UTC date-time.
    fn at(year: i64, month: i64, day: i64, hour: i64) -> i64 {
        days_from_civil(year, month, day) * DAY_MS + hour * 3_600_000
    }

    #[test]
    fn expiry_is_three_years_ahead() {
        assert_eq!(expiry(at(2025, 3, 15, 12), 3), "03/28");
        assert_eq!(expiry(at(2099, 12, 31, 23), 3), "12/02");
    }

    #[test]
    fn periods_reset_at_midnight_gmt8() {
        // 2024-05-15 (a Wednesday) 20:00 UTC = 2024-05-16 04:00 GMT+8.
        let now = at(2024, 5, 15, 20);
        assert_eq!(period_start(Period::Day, now), at(2024, 5, 15, 16));
        // Monday 2024-05-13 00:00 GMT+8 = 2024-05-12 16:00 UTC.
        assert_eq!(period_start(Period::Week, now), at(2024, 5, 12, 16));
        assert_eq!(period_start(Period::Month, now), at(2024, 4, 30, 16));
        assert_eq!(period_start(Period::Quarter, now), at(2024, 3, 31, 16));
        assert_eq!(period_start(Period::Year, now), at(2023, 12, 31, 16));
        // 15:59 UTC is still the previous GMT+8 day.
        let before = at(2024, 5, 15, 15);
        assert_eq!(period_start(Period::Day, before), at(2024, 5, 14, 16));
    }
}
