//! Identifiers and card numbers: UUID v4, 19-digit numeric ids, Luhn-valid
//! PANs and CVVs.

use crate::common::random::digits;
// Every API's UUIDs come from one generator; Cards code reaches it here
// next to its other ids.
pub(crate) use crate::common::random::uuid;

/// A 19-digit numeric id that never starts with 0 (like
/// `1997881966041939972`), as used for BINs, users and cardholders.
pub(crate) fn numeric() -> String {
    let mut id = digits(19);
    if id.starts_with('0') {
        id.replace_range(..1, "1");
    }
    id
}

/// The Luhn check digit completing `payload` (all ASCII digits).
pub(crate) fn luhn_check_digit(payload: &str) -> char {
    let sum: u32 = payload
        .bytes()
        .rev()
        .enumerate()
        .map(|(index, byte)| {
            let digit = u32::from(byte.wrapping_sub(b'0')) % 10;
            if index % 2 == 0 {
                let doubled = digit * 2;
                if doubled > 9 {
                    doubled - 9
                } else {
                    doubled
                }
            } else {
                digit
            }
        })
        .sum();
    let check = (10 - sum % 10) % 10;
    char::from_digit(check, 10).unwrap_or('0')
}

/// Whether a digit string passes the Luhn check.
#[cfg(test)]
pub(crate) fn luhn_valid(number: &str) -> bool {
    match number.len().checked_sub(1) {
        Some(last) if number.bytes().all(|b| b.is_ascii_digit()) => {
            number[last..].starts_with(luhn_check_digit(&number[..last]))
        }
        _ => false,
    }
}

/// A Luhn-valid 16-digit card number starting with the 6-digit `bin`.
pub(crate) fn pan(bin: &str) -> String {
    let mut number = format!("{bin}{}", digits(15 - bin.len().min(15)));
    let check = luhn_check_digit(&number);
    number.push(check);
    number
}

/// A 3-digit CVV.
pub(crate) fn cvv() -> String {
    digits(3)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn numeric_ids() {
        for _ in 0..50 {
            let id = numeric();
            assert_eq!(id.len(), 19);
            assert!(id.bytes().all(|b| b.is_ascii_digit()));
            assert!(!id.starts_with('0'));
        }
    }

    #[test]
    fn luhn_known_numbers() {
        assert!(luhn_valid("4111111111111111"));
        assert!(luhn_valid("5555555555554444"));
        assert!(luhn_valid("79927398713"));
        assert!(!luhn_valid("4111111111111112"));
        assert!(!luhn_valid(""));
        assert!(!luhn_valid("41111x1111111111"));
        assert_eq!(luhn_check_digit("7992739871"), '3');
    }

    #[test]
    fn pans_are_valid_and_on_the_bin() {
        for _ in 0..100 {
            let number = pan("411111");
            assert_eq!(number.len(), 16);
            assert!(number.starts_with("411111"));
            assert!(luhn_valid(&number), "{number}");
        }
        let code = cvv();
        assert_eq!(code.len(), 3);
        assert!(code.bytes().all(|b| b.is_ascii_digit()));
    }
}
