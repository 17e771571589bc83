//! Exact money handling: decimal strings ⇄ integer cents (no floats).

/// Parses a non-negative decimal amount with at most two decimals
/// (`"10"`, `"10.5"`, `"10.50"`) into integer cents.
///
/// Rejects signs, exponents, whitespace, empty parts (`".5"`, `"1."`),
/// more than two decimals and values that overflow `i64` cents.
pub fn parse_cents(text: &str) -> Option<i64> {
    let (whole, frac) = match text.split_once('.') {
        Some((whole, frac)) => (whole, Some(frac)),
        None => (text, None),
    };
    if whole.is_empty() || !whole.bytes().all(|b| b.is_ascii_digit()) {
        return None;
    }
    let mut cents: i64 = 0;
    for digit in whole.bytes() {
        cents = cents
            .checked_mul(10)?
            .checked_add(i64::from(digit - b'0'))?;
    }
    cents = cents.checked_mul(100)?;
    if let Some(frac) = frac {
        if frac.is_empty() || frac.len() > 2 || !frac.bytes().all(|b| b.is_ascii_digit()) {
            return None;
        }
        let mut part: i64 = 0;
        for digit in frac.bytes() {
            part = part * 10 + i64::from(digit - b'0');
        }
        if frac.len() == 1 {
            part *= 10;
        }
        cents = cents.checked_add(part)?;
    }
    Some(cents)
}

/// Formats integer cents as a two-decimal string (`1050` → `"10.50"`).
pub fn format_cents(cents: i64) -> String {
    let sign = if cents < 0 { "-" } else { "" };
    let abs = cents.unsigned_abs();
    format!("{sign}{}.{:02}", abs / 100, abs % 100)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn parses_valid_amounts() {
        assert_eq!(parse_cents("0"), Some(0));
        assert_eq!(parse_cents("10"), Some(1000));
        assert_eq!(parse_cents("10.5"), Some(1050));
        assert_eq!(parse_cents("10.05"), Some(1005));
        assert_eq!(parse_cents("0.01"), Some(1));
        assert_eq!(parse_cents("007.10"), Some(710));
    }

    #[test]
    fn rejects_malformed_amounts() {
        for bad in [
            "",
            "-1",
            "+1",
            "1.",
            ".5",
            "1.234",
            "1e3",
            " 1",
            "1 ",
            "1,00",
            "abc",
            "1.-1",
            "99999999999999999999",
        ] {
            assert_eq!(parse_cents(bad), None, "{bad:?} should be rejected");
        }
    }

    #[test]
    fn formats_cents() {
        assert_eq!(format_cents(0), "0.00");
        assert_eq!(format_cents(1005), "10.05");
        assert_eq!(format_cents(-250), "-2.50");
        assert_eq!(format_cents(1_000_000), "10000.00");
    }
}
