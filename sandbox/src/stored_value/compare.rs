//! Value comparison for transaction queries: exact decimal comparison when
//! both sides are numbers, string comparison otherwise.

use std::cmp::Ordering;

use serde_json::Value;

/// A decimal number split into canonical parts (no float rounding, so
/// 19-digit card numbers compare exactly).
#[derive(Debug, PartialEq, Eq)]
struct Decimal<'a> {
    /// Below zero (never set for zero).
    negative: bool,
    /// Integer digits without leading zeros.
    whole: &'a str,
    /// Fraction digits without trailing zeros.
    fraction: &'a str,
}

/// Parses `-?digits(.digits)?`.
fn decimal(text: &str) -> Option<Decimal<'_>> {
    let (negative, digits) = match text.strip_prefix('-') {
        Some(rest) => (true, rest),
        None => (false, text),
    };
    let (whole, fraction) = digits.split_once('.').unwrap_or((digits, ""));
    let all_digits = |part: &str| part.bytes().all(|b| b.is_ascii_digit());
    if whole.is_empty() || !all_digits(whole) || !all_digits(fraction) {
        return None;
    }
    if digits.ends_with('.') {
        return None;
    }
    let whole = whole.trim_start_matches('0');
    let fraction = fraction.trim_end_matches('0');
    let negative = negative && !(whole.is_empty() && fraction.is_empty());
    Some(Decimal {
        negative,
        whole,
        fraction,
    })
}

/// Orders two canonical decimals.
fn cmp_decimal(a: &Decimal<'_>, b: &Decimal<'_>) -> Ordering {
    let magnitude = a
        .whole
        .len()
        .cmp(&b.whole.len())
        .then_with(|| a.whole.cmp(b.whole))
        .then_with(|| a.fraction.cmp(b.fraction));
    match (a.negative, b.negative) {
        (false, false) => magnitude,
        (true, true) => magnitude.reverse(),
        (true, false) => Ordering::Less,
        (false, true) => Ordering::Greater,
    }
}

/// Whether `text` is a plain decimal number.
pub(crate) fn is_numeric(text: &str) -> bool {
    decimal(text).is_some()
}

/// Numeric order when both sides are decimal numbers, byte order otherwise.
pub(crate) fn cmp_text(a: &str, b: &str) -> Ordering {
    match (decimal(a), decimal(b)) {
        (Some(a), Some(b)) => cmp_decimal(&a, &b),
        _ => a.cmp(b),
    }
}

/// A scalar JSON value as text (`true` / `false` for booleans); `None`
/// for arrays and objects.
pub(crate) fn scalar_text(value: &Value) -> Option<String> {
    match value {
        Value::String(text) => Some(text.clone()),
        Value::Number(number) => Some(number.to_string()),
        Value::Bool(flag) => Some(flag.to_string()),
        Value::Null => Some("null".to_owned()),
        Value::Array(_) | Value::Object(_) => None,
    }
}

/// Compares a field's value with a query operand. `date_ms` is the
/// field's time in epoch milliseconds when it is a date field, used when
/// the operand is a number. `None` when the field is absent or not
/// comparable.
pub(crate) fn compare_field(
    value: Option<&Value>,
    date_ms: Option<i64>,
    operand: &str,
) -> Option<Ordering> {
    let value = value?;
    if let Some(millis) = date_ms.filter(|_| is_numeric(operand)) {
        return Some(cmp_text(&millis.to_string(), operand));
    }
    Some(cmp_text(&scalar_text(value)?, operand))
}

/// Sort order of two field values: absent first, then [`cmp_text`].
pub(crate) fn cmp_values(a: Option<&Value>, b: Option<&Value>) -> Ordering {
    match (a.and_then(scalar_text), b.and_then(scalar_text)) {
        (Some(a), Some(b)) => cmp_text(&a, &b),
        (a, b) => a.is_some().cmp(&b.is_some()),
    }
}

#[cfg(test)]
mod tests {
    use serde_json::json;

    use super::*;

    #[test]
    fn numbers_compare_exactly() {
        assert_eq!(cmp_text("10", "10.00"), Ordering::Equal);
        assert_eq!(cmp_text("9.5", "10"), Ordering::Less);
        assert_eq!(cmp_text("-2", "-10"), Ordering::Greater);
        assert_eq!(cmp_text("-0", "0.0"), Ordering::Equal);
        assert_eq!(cmp_text("01", "1"), Ordering::Equal);
        assert_eq!(
            cmp_text("6006493880499919454", "6006493880499919455"),
            Ordering::Less
        );
        assert_eq!(cmp_text("9", "10"), Ordering::Less);
        assert_eq!(cmp_text("abc", "abd"), Ordering::Less);
        assert_eq!(cmp_text("9a", "10a"), Ordering::Greater);
        assert!(!is_numeric("1."));
        assert!(!is_numeric(".5"));
        assert!(!is_numeric("1e3"));
        assert!(!is_numeric(""));
    }

    #[test]
    fn fields_and_dates() {
        let amount = json!(10.5);
        assert_eq!(
            compare_field(Some(&amount), None, "10.50"),
            Some(Ordering::Equal)
        );
        let date = json!("2017-07-14T14:10:31.259Z");
        assert_eq!(
            compare_field(Some(&date), Some(1_500_041_431_259), "1500041431260"),
            Some(Ordering::Less)
        );
        assert_eq!(
            compare_field(Some(&date), Some(1_500_041_431_259), "2017-07-14"),
            Some(Ordering::Greater)
        );
        assert_eq!(
            compare_field(Some(&json!(true)), None, "true"),
            Some(Ordering::Equal)
        );
        assert_eq!(compare_field(None, None, "x"), None);
        assert_eq!(cmp_values(None, Some(&json!("a"))), Ordering::Less);
        assert_eq!(
            cmp_values(Some(&json!(5)), Some(&json!(10))),
            Ordering::Less
        );
    }
}
