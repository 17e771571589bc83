//! The encrypted-envelope API's documented methods as [`Endpoint`] rows: path, the payload
//! rules checked on the text that is sealed, idempotency and the documented type of the
//! decrypted answer. `EnvelopeClient::request` reaches any other path too (no row: no
//! payload rules, no generated key, the answer only checked to be an object).
//!
//! The API document names two paths, `/cards/create` and `/cards/topup` (the card issue and
//! topup orders, which require an `Idempotency-Key`), and describes no field of a success
//! payload: it documents only the error object (`{ success: false, error, error_slug }`), and
//! says a retried order answers "the original order". Their answers are checked as the order
//! the SDK's types promise (and the sandbox sends): `{ success, data }` with the order's and
//! the card's ids, which callers go on from, so a server that answers otherwise fails naming
//! the field rather than handing over an `undefined` id. Any other path (`request`) is only
//! checked to answer an object.

use crate::core::endpoint::{self, Idempotency};
use crate::core::error::{EnvelopeErrorCode, Error};
use crate::core::json::{object_fields, Field};
use crate::core::schema::Ty::{self, Bool, Obj, Str};
use crate::core::schema::{named, open, opt, req, Decl};
use crate::core::validate;

/// The fields of a payload a method checks before sealing it: required strings, required
/// amounts (decimal strings, two places) and optional strings.
#[derive(Debug)]
pub struct Payload {
    /// Non-empty strings that must be present.
    pub required: &'static [&'static str],
    /// Decimal-string amounts that must be present.
    pub amounts: &'static [&'static str],
    /// Strings that may be present.
    pub optional: &'static [&'static str],
}

/// One envelope method.
pub type Endpoint = endpoint::Endpoint<Payload>;

/// The decrypted answer of a path without a row: any JSON object.
const ANY_OBJECT: Ty = Obj(&[]);

/// A card issue or topup order.
const CARD_ORDER: Decl = Decl {
    name: "CardOrder",
    doc: "A card order as the API returns it.",
    ty: Obj(&[
        req("order_id", Str),
        req("card_id", Str),
        req("type", open(&["card_create", "card_topup"])),
        req("status", Str),
        opt("amount", Str),
        opt("currency", Str),
    ]),
};

/// The decrypted answer of a card issue or topup: the order, as `data`.
const ORDER: Ty = Obj(&[req("success", Bool), req("data", named(&CARD_ORDER))]);

/// The methods of `client.cards`.
pub const ENDPOINTS: &[Endpoint] = &[
    Endpoint {
        name: "cards.create",
        method: "POST",
        path: "/cards/create",
        params: Payload {
            required: &["external_user_id"],
            amounts: &[],
            optional: &[],
        },
        idempotency: Idempotency::Required,
        response: Some(&ORDER),
        unwrap: None,
    },
    Endpoint {
        name: "cards.topup",
        method: "POST",
        path: "/cards/topup",
        params: Payload {
            required: &["card_id"],
            amounts: &["amount"],
            optional: &["external_user_id"],
        },
        idempotency: Idempotency::Required,
        response: Some(&ORDER),
        unwrap: None,
    },
];

/// The row of `path` (as given to the client, without `/api/v1`; a trailing `/` ignored).
pub fn by_path(path: &str) -> Option<&'static Endpoint> {
    let path = path.trim_end_matches('/');
    ENDPOINTS.iter().find(|e| e.path == path)
}

/// The row of the method `name` (`cards.create`, `cards.topup`).
pub fn by_name(name: &str) -> Option<&'static Endpoint> {
    endpoint::find(ENDPOINTS, name)
}

/// The type a decrypted answer of `path` is checked against: its row's, else any object.
pub fn response_type(path: &str) -> &'static Ty {
    by_path(path)
        .and_then(|e| e.response)
        .unwrap_or(&ANY_OBJECT)
}

impl Payload {
    /// Checks the JSON text that will be sealed (what is checked is what is sent).
    pub fn check(&self, json: &[u8]) -> Result<(), Error> {
        let fields = std::str::from_utf8(json)
            .ok()
            .and_then(object_fields)
            .ok_or_else(|| {
                Error::envelope(
                    EnvelopeErrorCode::InvalidPayload,
                    "payload must be a plain object",
                )
            })?;
        let string = |name: &str| -> Result<Option<&str>, Error> {
            match fields.iter().rev().find(|(n, _)| n == name).map(|(_, v)| v) {
                None | Some(Field::Other("null")) => Ok(None),
                Some(Field::Str(s)) => Ok(Some(s.as_str())),
                Some(Field::Other(_)) => Err(Error::invalid(
                    format!("payload.{name}"),
                    "must be a string",
                )),
            }
        };
        for name in self.required.iter().chain(self.amounts) {
            let field = format!("payload.{name}");
            let value = string(name)?.ok_or_else(|| Error::invalid(&field, "must be a string"))?;
            if self.amounts.contains(name) {
                validate::amount(&field, value, 2)?;
            } else if value.trim().is_empty() {
                return Err(Error::invalid(field, "must not be empty"));
            }
        }
        for name in self.optional {
            string(name)?;
        }
        // An amount the method does not require is still money when it is there.
        if let Some(amount) = string("amount")? {
            validate::amount("payload.amount", amount, 2)?;
        }
        Ok(())
    }
}

#[cfg(test)]
mod tests {
    use super::{by_path, response_type, ENDPOINTS};
    use crate::core::endpoint::Idempotency;
    use crate::core::error::Error;
    use crate::core::schema::check_text;

    /// The paths the document names (in "Idempotency and replay protection").
    const DOCUMENTED: &[&str] = &["/cards/create", "/cards/topup"];

    fn check(path: &str, text: &str) -> Result<(), Error> {
        assert!(by_path(path).is_some(), "no row for {path}");
        check_text(Some(response_type(path)), text)
    }

    #[test]
    fn every_documented_path_has_exactly_one_row() {
        for path in DOCUMENTED {
            assert_eq!(
                ENDPOINTS.iter().filter(|e| e.path == *path).count(),
                1,
                "{path}"
            );
        }
        for e in ENDPOINTS {
            assert!(
                DOCUMENTED.contains(&e.path),
                "{} is not in the API document",
                e.path
            );
            assert!(
                e.response.is_some(),
                "{}: every answer is a sealed JSON object",
                e.path
            );
            // Both move money: the document requires their Idempotency-Key.
            assert_eq!(e.idempotency, Idempotency::Required, "{}", e.path);
        }
        assert_eq!(ENDPOINTS.len(), DOCUMENTED.len());
        assert!(
            by_path("/cards/create/").is_some(),
            "a trailing slash is the same path"
        );
        assert!(by_path("/reports").is_none());
    }

    #[test]
    fn payload_rules_are_checked_on_the_text_that_is_sealed() {
        let create = by_path("/cards/create").map(|e| &e.params);
        let topup = by_path("/cards/topup").map(|e| &e.params);
        let (Some(create), Some(topup)) = (create, topup) else {
            panic!("rows missing");
        };
        assert_eq!(create.check(br#"{"external_user_id":"u1"}"#), Ok(()));
        assert_eq!(
            create.check(br#"{"external_user_id":"  "}"#),
            Err(Error::invalid(
                "payload.external_user_id",
                "must not be empty"
            ))
        );
        assert_eq!(
            create.check(br#"{"external_user_id":7}"#),
            Err(Error::invalid(
                "payload.external_user_id",
                "must be a string"
            ))
        );
        assert_eq!(topup.check(br#"{"card_id":"c","amount":"10.00"}"#), Ok(()));
        assert!(topup
            .check(br#"{"card_id":"c","amount":"10.001"}"#)
            .is_err());
        assert!(topup.check(br#"{"card_id":"c"}"#).is_err());
        assert!(topup
            .check(br#"{"card_id":"c","amount":"1.00","external_user_id":5}"#)
            .is_err());
        assert!(create.check(b"[1]").is_err());
    }

    #[test]
    fn a_success_payload_is_the_order() {
        // The document has no example of a success payload; the SDK's `CardOrder` shape.
        let order = r#"{"success": true, "data": {"order_id": "ord_1", "type": "card_create",
            "status": "completed", "card_id": "card_1", "amount": "25.00", "currency": "USD",
            "surprise": [null]}}"#;
        for path in DOCUMENTED {
            assert_eq!(check(path, order), Ok(()), "{path}");
            assert_eq!(
                check(
                    path,
                    r#"{"success": true, "data": {"card_id": "c", "type": "card_topup", "status": "s"}}"#
                ),
                Err(Error::response("response.data.order_id", "is required")),
                "{path}"
            );
            assert_eq!(
                check(path, "{}"),
                Err(Error::response("response.success", "is required")),
                "{path}"
            );
            for text in ["[]", r#""ok""#, "null", "7"] {
                assert_eq!(
                    check(path, text),
                    Err(Error::response("response", "must be an object")),
                    "{path}: {text}"
                );
            }
            assert_eq!(
                check(path, "{} x"),
                Err(Error::response("response", "is not JSON"))
            );
        }
        // A path without a row: any object.
        let other = response_type("/reports");
        assert_eq!(check_text(Some(other), "{}"), Ok(()));
        assert_eq!(
            check_text(Some(other), "[]"),
            Err(Error::response("response", "must be an object"))
        );
    }
}

/// What the in-process sandbox answers, through the client, against the table. A unit test
/// rather than a `tests/*.rs` file: the rows are crate-private.
#[cfg(all(test, not(target_arch = "wasm32")))]
mod sandbox {
    use serde_json::Value;

    use super::response_type;
    use crate::core::envelope::EnvelopeKey;
    use crate::core::schema::check_text;
    use crate::envelope::{EnvelopeClient, EnvelopeConfig};
    use crate::transport::{Cancel, PlatformSender};

    type Failure = Box<dyn std::error::Error>;

    async fn checked(
        client: &EnvelopeClient<PlatformSender>,
        path: &str,
        payload: &str,
    ) -> Result<Value, Failure> {
        let plain = client
            .request_json(path, payload.as_bytes(), None, &Cancel::none())
            .await?;
        let text = String::from_utf8(plain)?;
        check_text(Some(response_type(path)), &text).map_err(|e| format!("{path}: {e}: {text}"))?;
        Ok(serde_json::from_str(&text)?)
    }

    #[tokio::test]
    async fn every_sandbox_answer_has_the_documented_shape() -> Result<(), Failure> {
        let running = seismic_sandbox::start(seismic_sandbox::Config::random()).await?;
        let tenant = reqwest::Client::new()
            .post(format!("{}/__sandbox/envelope/tenants", running.url))
            .header("content-type", "application/json")
            .body(r#"{"masterBalance":"100.00"}"#)
            .send()
            .await?
            .text()
            .await?;
        let tenant: Value = serde_json::from_str(&tenant)?;
        let field = |name: &str| tenant[name].as_str().ok_or(name.to_owned());
        let key = EnvelopeKey::parse(field("encryptionKey")?)?;
        let config = EnvelopeConfig::new(&running.url, field("apiKey")?, key)?;
        let client = EnvelopeClient::new(config, PlatformSender::default());

        let created = checked(
            &client,
            "/cards/create",
            r#"{"external_user_id":"ext-123","amount":"25.00","currency":"USD"}"#,
        )
        .await?;
        let card = created["data"]["card_id"].as_str().ok_or("card_id")?;
        let topup = format!(r#"{{"card_id":"{card}","amount":"10.00"}}"#);
        checked(&client, "/cards/topup", &topup).await?;
        Ok(())
    }
}
