//! Exact decimal amounts as integer micro-units (10⁻⁶), so that amounts,
//! fees and rates never go through floats.

/// Micro-units per unit.
pub(crate) const MICROS: i64 = 1_000_000;
/// Micro-units per cent.
pub(crate) const CENT: i64 = 10_000;
/// Largest accepted amount: one billion units.
const MAX_UNITS: i64 = 1_000_000_000;

/// Parses a positive decimal string with at most six decimals and at most
/// one billion units (`"1000"`, `"12.5"`, `"0.000001"`).
pub(crate) fn parse(text: &str) -> Option<i64> {
    let (whole, frac) = match text.split_once('.') {
        Some((whole, frac)) => (whole, frac),
        None => (text, ""),
    };
    if whole.is_empty()
        || whole.len() > 10
        || !whole.bytes().all(|b| b.is_ascii_digit())
        || frac.len() > 6
        || !frac.bytes().all(|b| b.is_ascii_digit())
        || (text.contains('.') && frac.is_empty())
    {
        return None;
    }
    let units: i64 = whole.parse().ok()?;
    let mut part: i64 = if frac.is_empty() {
        0
    } else {
        frac.parse().ok()?
    };
    for _ in frac.len()..6 {
        part *= 10;
    }
    let micros = units.checked_mul(MICROS)?.checked_add(part)?;
    (micros > 0 && units <= MAX_UNITS && micros <= MAX_UNITS * MICROS).then_some(micros)
}

/// Shortest decimal form: `997000000` → `"997"`, `995500000` → `"995.5"`.
pub(crate) fn minimal(micros: i64) -> String {
    let sign = if micros < 0 { "-" } else { "" };
    let abs = micros.unsigned_abs();
    let whole = abs / 1_000_000;
    let frac = abs % 1_000_000;
    if frac == 0 {
        return format!("{sign}{whole}");
    }
    let digits = format!("{frac:06}");
    format!("{sign}{whole}.{}", digits.trim_end_matches('0'))
}

/// Money form: at least two decimals (`"3.00"`, `"1000.50"`), more only
/// when the value needs them (`"0.000123"`).
pub(crate) fn money(micros: i64) -> String {
    let text = minimal(micros);
    match text.split_once('.') {
        None => format!("{text}.00"),
        Some((_, frac)) if frac.len() == 1 => format!("{text}0"),
        Some(_) => text,
    }
}

/// Rounds `micros` up to a whole cent.
pub(crate) fn ceil_cent(micros: i64) -> i64 {
    let rem = micros.rem_euclid(CENT);
    if rem == 0 {
        micros
    } else {
        micros - rem + CENT
    }
}

/// Rounds `micros` down to a whole cent.
pub(crate) fn floor_cent(micros: i64) -> i64 {
    micros - micros.rem_euclid(CENT)
}

/// `value * numerator / denominator` in 128-bit arithmetic, rounded down
/// (0 when the denominator is 0 or the result does not fit).
pub(crate) fn mul_div(value: i64, numerator: i64, denominator: i64) -> i64 {
    if denominator == 0 {
        return 0;
    }
    let result = i128::from(value) * i128::from(numerator) / i128::from(denominator);
    i64::try_from(result).unwrap_or(0)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn parses() {
        assert_eq!(parse("1000"), Some(1_000_000_000));
        assert_eq!(parse("12.5"), Some(12_500_000));
        assert_eq!(parse("0.000001"), Some(1));
        assert_eq!(parse("1000000000"), Some(1_000_000_000 * MICROS));
        for bad in [
            "",
            "0",
            "0.0",
            "-1",
            "+1",
            "1.",
            ".5",
            "1.1234567",
            "1e3",
            " 1",
            "abc",
            "1000000001",
            "99999999999",
        ] {
            assert_eq!(parse(bad), None, "{bad:?}");
        }
    }

    #[test]
    fn formats() {
        assert_eq!(minimal(997_000_000), "997");
        assert_eq!(minimal(995_500_000), "995.5");
        assert_eq!(minimal(997_000), "0.997");
        assert_eq!(minimal(-2_500_000), "-2.5");
        assert_eq!(money(3_000_000), "3.00");
        assert_eq!(money(1_000_500_000), "1000.50");
        assert_eq!(money(123), "0.000123");
        assert_eq!(ceil_cent(10_001), 20_000);
        assert_eq!(ceil_cent(20_000), 20_000);
        assert_eq!(floor_cent(19_999), 10_000);
        assert_eq!(mul_div(1_000, 3, 2), 1_500);
        assert_eq!(mul_div(1, 1, 0), 0);
    }
}
