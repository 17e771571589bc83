//! The documented types of the encrypted-envelope API's answers, as [`Ty`] tables: the
//! decrypted payload of a 2xx, per path ([`RESPONSES`], keyed by the path the client is
//! given, without `/api/v1`).
//!
//! What is checked is the plaintext the client returns (`EnvelopeClient::request_json`: the
//! opened `encrypted` field). The API document names two paths, `/cards/create` and
//! `/cards/topup` (the card issue and topup orders, which require an `Idempotency-Key`), and
//! describes no field of a success payload: it documents only the error object (`{ success:
//! false, error, error_slug }`), and says a retried order answers "the original order".
//! So a success payload is checked only to be a JSON object (as the client's `request`
//! already demands); its fields pass through until the docs describe them.

use crate::core::schema::Ty::{self, Obj};

/// The decrypted payload of a card issue or topup order: a JSON object whose fields the
/// docs do not describe.
const ORDER: Ty = Obj(&[]);

/// Every path the API document names, with the type of its decrypted 2xx payload.
#[allow(dead_code)] // wired into the client separately
pub(crate) const RESPONSES: &[(&str, Option<&Ty>)] = &[
    ("/cards/create", Some(&ORDER)),
    ("/cards/topup", Some(&ORDER)),
];

#[cfg(test)]
mod tests {
    use super::RESPONSES;
    use crate::core::error::Error;
    use crate::core::schema::check_text;
    use crate::envelope::client::IDEMPOTENT_PATHS;

    /// The paths the document names (in "Idempotency and replay protection").
    const DOCUMENTED: &[&str] = &["/cards/create", "/cards/topup"];

    fn check(path: &str, text: &str) -> Result<(), Error> {
        let row = RESPONSES.iter().find(|(p, _)| *p == path);
        assert!(row.is_some(), "no row for {path}");
        check_text(row.and_then(|(_, ty)| *ty), text)
    }

    #[test]
    fn every_documented_path_has_exactly_one_row() {
        for path in DOCUMENTED.iter().chain(IDEMPOTENT_PATHS) {
            assert_eq!(
                RESPONSES.iter().filter(|(p, _)| p == path).count(),
                1,
                "{path}"
            );
        }
        for (path, ty) in RESPONSES {
            assert!(
                DOCUMENTED.contains(path),
                "{path} is not in the API document"
            );
            assert!(ty.is_some(), "{path}: every answer is a sealed JSON object");
        }
        assert_eq!(RESPONSES.len(), DOCUMENTED.len());
    }

    #[test]
    fn a_success_payload_is_an_object_of_any_fields() {
        // The document has no example of a success payload; the SDK's `CardOrder` shape.
        let order = r#"{"success": true, "data": {"order_id": "ord_1", "type": "card_create",
            "status": "completed", "card_id": "card_1", "amount": "25.00", "currency": "USD"}}"#;
        for path in DOCUMENTED {
            for text in [order, "{}", r#"{"order_id": 5, "nested": {"a": [null]}}"#] {
                assert_eq!(check(path, text), Ok(()), "{path}: {text}");
            }
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
    }
}

/// What the in-process sandbox answers, through the client, against the table. A unit test
/// rather than a `tests/*.rs` file: the table is crate-private.
#[cfg(all(test, not(target_arch = "wasm32")))]
mod sandbox {
    use serde_json::Value;

    use super::RESPONSES;
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
        let ty = RESPONSES
            .iter()
            .find(|(p, _)| *p == path)
            .ok_or(path.to_owned())?
            .1;
        check_text(ty, &text).map_err(|e| format!("{path}: {e}: {text}"))?;
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
