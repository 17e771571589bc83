//! Reading and validating request fields: card number or track two,
//! amount, currency, PIN and the idempotency key.

use serde_json::{Map, Value};

use super::codes::Code;
use crate::common::money::parse_cents;
use crate::common::text::is_digits;

/// Currencies the API accepts.
pub(crate) const CURRENCIES: [&str; 2] = ["USD", "CAD"];
/// Currency used when a request names none.
pub(crate) const DEFAULT_CURRENCY: &str = "USD";
/// Longest card number (ISO/IEC 7812).
const MAX_CARD_DIGITS: usize = 19;

/// A field as text: a non-empty string, or a number's decimal form.
/// `null`, `""` and other types count as absent.
pub(crate) fn text(payload: &Map<String, Value>, field: &str) -> Option<String> {
    match payload.get(field)? {
        Value::String(text) if !text.is_empty() => Some(text.clone()),
        Value::Number(number) => Some(number.to_string()),
        _ => None,
    }
}

/// Whether `text` is a plausible card number: 1 to 19 ASCII digits.
pub(crate) fn is_card_number(text: &str) -> bool {
    is_digits(text, 1..=MAX_CARD_DIGITS)
}

/// The card number inside unencrypted track two data: the digits before
/// `=`, after an optional leading `;` (`;6006493880499919561=2512101?`).
pub(crate) fn track_two_number(track: &str) -> Option<String> {
    let track = track.strip_prefix(';').unwrap_or(track);
    let (number, _) = track.split_once('=')?;
    is_card_number(number).then(|| number.to_owned())
}

/// A card reference as found in a DELETE path: track two data when it
/// holds `=` or starts with `;`, a card number otherwise.
pub(crate) fn card_from_reference(reference: &str) -> Option<String> {
    if reference.starts_with(';') || reference.contains('=') {
        track_two_number(reference)
    } else {
        is_card_number(reference).then(|| reference.to_owned())
    }
}

/// The card number from exactly one of `cardNumber` / `cardTrackTwo`
/// (`100` when neither, both, or a malformed one is given).
pub(crate) fn card_number(payload: &Map<String, Value>) -> Result<String, Code> {
    match (text(payload, "cardNumber"), text(payload, "cardTrackTwo")) {
        (Some(number), None) if is_card_number(&number) => Ok(number),
        (None, Some(track)) => track_two_number(&track).ok_or(Code::CardRequired),
        _ => Err(Code::CardRequired),
    }
}

/// The positive `amount` in cents (`105` when absent, `07` when not a
/// positive decimal with at most two decimals).
pub(crate) fn amount(payload: &Map<String, Value>) -> Result<i64, Code> {
    let text = text(payload, "amount").ok_or(Code::AmountRequired)?;
    parse_cents(&text)
        .filter(|cents| *cents > 0)
        .ok_or(Code::InvalidMessage)
}

/// `currency`, defaulting to USD (`31` when not USD or CAD).
pub(crate) fn currency(payload: &Map<String, Value>) -> Result<&'static str, Code> {
    match text(payload, "currency") {
        None => Ok(DEFAULT_CURRENCY),
        Some(currency) => CURRENCIES
            .into_iter()
            .find(|known| *known == currency)
            .ok_or(Code::InvalidCurrency),
    }
}

/// Checks an optional `pinNumber`: 4-digit SSC + 4-digit PIN, so exactly
/// eight digits (`20` otherwise).
pub(crate) fn check_pin(payload: &Map<String, Value>) -> Result<(), Code> {
    match text(payload, "pinNumber") {
        None => Ok(()),
        Some(pin) if is_digits(&pin, 8..=8) => Ok(()),
        Some(_) => Err(Code::InvalidPin),
    }
}

/// The optional `idempotencyKey`.
pub(crate) fn idempotency_key(payload: &Map<String, Value>) -> Option<String> {
    text(payload, "idempotencyKey")
}

#[cfg(test)]
mod tests {
    use serde_json::json;

    use super::*;
    use crate::common::object_of as map;

    #[test]
    fn track_two() {
        assert_eq!(
            track_two_number(";6006493880499919561=2512101?").as_deref(),
            Some("6006493880499919561")
        );
        assert_eq!(
            track_two_number("4242424242424242=2512").as_deref(),
            Some("4242424242424242")
        );
        for bad in [
            "4242424242424242",
            ";=2512",
            ";42a2=1",
            ";12345678901234567890=1",
            "",
        ] {
            assert_eq!(track_two_number(bad), None, "{bad}");
        }
        assert_eq!(card_from_reference("4242").as_deref(), Some("4242"));
        assert_eq!(card_from_reference(";4242=1?").as_deref(), Some("4242"));
        assert_eq!(card_from_reference("42x2"), None);
    }

    #[test]
    fn card_number_needs_exactly_one() {
        let ok = |v: Value| card_number(&map(v));
        assert_eq!(ok(json!({ "cardNumber": "4242" })), Ok("4242".to_owned()));
        assert_eq!(ok(json!({ "cardNumber": 4242 })), Ok("4242".to_owned()));
        assert_eq!(
            ok(json!({ "cardTrackTwo": ";4242=1" })),
            Ok("4242".to_owned())
        );
        assert_eq!(ok(json!({})), Err(Code::CardRequired));
        assert_eq!(ok(json!({ "cardNumber": "" })), Err(Code::CardRequired));
        assert_eq!(
            ok(json!({ "cardNumber": "4242", "cardTrackTwo": ";4242=1" })),
            Err(Code::CardRequired)
        );
        assert_eq!(
            ok(json!({ "cardTrackTwo": "4242" })),
            Err(Code::CardRequired)
        );
        assert_eq!(
            ok(json!({ "cardNumber": "42-42" })),
            Err(Code::CardRequired)
        );
    }

    #[test]
    fn amounts_currencies_pins() {
        let amount_of = |v: Value| amount(&map(json!({ "amount": v })));
        assert_eq!(amount_of(json!("99.99")), Ok(9999));
        assert_eq!(amount_of(json!(10)), Ok(1000));
        assert_eq!(amount_of(json!(10.5)), Ok(1050));
        assert_eq!(amount_of(json!("")), Err(Code::AmountRequired));
        assert_eq!(amount_of(Value::Null), Err(Code::AmountRequired));
        for bad in [
            json!("0"),
            json!("-1"),
            json!("1.234"),
            json!("abc"),
            json!(0),
            json!(-3),
        ] {
            assert_eq!(amount_of(bad), Err(Code::InvalidMessage));
        }
        assert_eq!(currency(&map(json!({}))), Ok("USD"));
        assert_eq!(currency(&map(json!({ "currency": "CAD" }))), Ok("CAD"));
        assert_eq!(
            currency(&map(json!({ "currency": "EUR" }))),
            Err(Code::InvalidCurrency)
        );
        assert_eq!(check_pin(&map(json!({ "pinNumber": "00001234" }))), Ok(()));
        assert_eq!(
            check_pin(&map(json!({ "pinNumber": "1234" }))),
            Err(Code::InvalidPin)
        );
        assert_eq!(
            check_pin(&map(json!({ "pinNumber": "0000123a" }))),
            Err(Code::InvalidPin)
        );
    }
}
