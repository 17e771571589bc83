//! Format checks on request text that several APIs apply the same way.

use std::ops::RangeBounds;

/// Whether `text` is nothing but ASCII digits, with a length in `lengths`
/// (a range starting at 1 keeps empty text out; `1..` is "any number").
pub(crate) fn is_digits(text: &str, lengths: impl RangeBounds<usize>) -> bool {
    lengths.contains(&text.len()) && text.bytes().all(|b| b.is_ascii_digit())
}

/// A plausible email address: `local@domain.tld` with one `@`, a
/// non-empty local part, a dotted domain that neither starts nor ends
/// with a dot, and no whitespace. (Length limits are the caller's.)
pub(crate) fn is_email(text: &str) -> bool {
    let Some((local, domain)) = text.split_once('@') else {
        return false;
    };
    !local.is_empty()
        && domain.contains('.')
        && !domain.starts_with('.')
        && !domain.ends_with('.')
        && !domain.contains('@')
        && !text.chars().any(char::is_whitespace)
}
