//! Reading a count of seconds (a token's `expiresIn`, a JWT's `exp`) from its text without
//! `f64::from_str`: that parser's correctly rounded slow path is about 6 KB of wasm, and
//! nothing here needs more than the exact fast path (Clinger's: at most 15 significant
//! digits and a power of ten up to 22, exactly what these fields hold). Money never goes
//! through here: amounts stay decimal strings.

/// The value of a JSON-style number (`-`, digits, optional fraction and exponent; surrounding
/// whitespace allowed), or `None` when `text` is not one or is beyond the exact fast path.
pub fn parse_exact(text: &str) -> Option<f64> {
    let text = text.trim();
    let (negative, rest) = match text.strip_prefix('-') {
        Some(rest) => (true, rest),
        None => (false, text),
    };
    let (number, exponent) = match rest.find(['e', 'E']) {
        Some(at) => (&rest[..at], parse_exponent(&rest[at + 1..])?),
        None => (rest, 0),
    };
    let (whole, fraction) = number.split_once('.').unwrap_or((number, ""));
    if whole.is_empty() || (number.contains('.') && fraction.is_empty()) {
        return None;
    }
    let mut mantissa: u64 = 0;
    let mut digits = 0;
    for b in whole.bytes().chain(fraction.bytes()) {
        if !b.is_ascii_digit() {
            return None;
        }
        // Leading zeros are not significant digits.
        if mantissa > 0 || b != b'0' {
            digits += 1;
        }
        mantissa = mantissa.checked_mul(10)?.checked_add(u64::from(b - b'0'))?;
    }
    let scale = exponent - i32::try_from(fraction.len()).ok()?;
    if digits > 15 || !(-22..=22).contains(&scale) {
        return None;
    }
    // Both factors are exact in f64, so one multiplication or division rounds correctly.
    let power = POWERS[scale.unsigned_abs() as usize];
    let magnitude = if scale < 0 {
        mantissa as f64 / power
    } else {
        mantissa as f64 * power
    };
    Some(if negative { -magnitude } else { magnitude })
}

fn parse_exponent(text: &str) -> Option<i32> {
    let (sign, digits) = match text.as_bytes().first()? {
        b'-' => (-1, &text[1..]),
        b'+' => (1, &text[1..]),
        _ => (1, text),
    };
    if digits.is_empty() || digits.len() > 3 || !digits.bytes().all(|b| b.is_ascii_digit()) {
        return None;
    }
    digits.parse::<i32>().ok().map(|e| sign * e)
}

const POWERS: [f64; 23] = [
    1e0, 1e1, 1e2, 1e3, 1e4, 1e5, 1e6, 1e7, 1e8, 1e9, 1e10, 1e11, 1e12, 1e13, 1e14, 1e15, 1e16,
    1e17, 1e18, 1e19, 1e20, 1e21, 1e22,
];

#[cfg(test)]
mod tests {
    use super::parse_exact;

    #[test]
    fn agrees_with_the_standard_parser_on_the_fast_path() {
        for text in [
            "0",
            "-0",
            "3600",
            " 3600 ",
            "1764849600",
            "1.5",
            "0.001",
            "-2.25",
            "1e3",
            "1E+3",
            "25e-1",
            "123456789012345",
            "0.1",
            "0.3",
            "4.35",
            "1e22",
            "1e-22",
            "00012",
        ] {
            assert_eq!(
                parse_exact(text),
                Some(text.trim().parse::<f64>().unwrap_or(f64::NAN)),
                "{text}"
            );
        }
    }

    #[test]
    fn refuses_what_is_not_a_number_or_not_exact() {
        for text in [
            "",
            "-",
            "abc",
            "1.",
            ".5",
            "1e",
            "1e+",
            "1x",
            "--1",
            "1.2.3",
            "0x10",
            "NaN",
            "Infinity",
            "1234567890123456",
            "1e23",
            "1e-23",
            "1e999",
        ] {
            assert_eq!(parse_exact(text), None, "{text}");
        }
    }
}
