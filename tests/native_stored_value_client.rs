//! StoredValueClient (native transport) against the in-process sandbox over loopback HTTP.

use seismic_sdk::core::error::Error;
use seismic_sdk::core::json::Json;
use seismic_sdk::stored_value::{Op, StoredValueClient, StoredValueConfig};
use seismic_sdk::transport::{Cancel, PlatformSender};

type TestResult = Result<(), Box<dyn std::error::Error>>;

async fn client(
) -> Result<(StoredValueClient<PlatformSender>, String, String), Box<dyn std::error::Error>> {
    let running = seismic_sandbox::start(seismic_sandbox::Config::random()).await?;
    let http = reqwest::Client::new();
    let tenant = http
        .post(format!("{}/__sandbox/stored-value/tenants", running.url))
        .header("content-type", "application/json")
        .body("{}")
        .send()
        .await?
        .text()
        .await?;
    let key = Json::parse(&tenant)
        .and_then(|t| t.str_field("apiKey").map(str::to_owned))
        .ok_or("apiKey")?;
    let config = StoredValueConfig::new(Some(&running.url), None, &key)?;
    Ok((
        StoredValueClient::new(config, PlatformSender::default()),
        running.url.clone(),
        key,
    ))
}

fn params(text: &str) -> Json {
    Json::parse(text).unwrap_or(Json::Null)
}

#[tokio::test]
async fn partial_redemption_then_cancel_restores_the_balance() -> TestResult {
    let (c, _, _) = client().await?;
    let none = Cancel::none();
    let card = r#""cardNumber":"4242424242424242""#;
    let redeemed = Json::parse(
        &c.call(
            Op::Redeem,
            &params(&format!(r#"{{{card},"amount":"150.00"}}"#)),
            None,
            &none,
        )
        .await?,
    )
    .ok_or("json")?;
    assert_eq!(redeemed.str_field("status"), Some("109"));
    assert_eq!(redeemed.str_field("amount"), Some("100.00"));
    assert_eq!(redeemed.str_field("customerPayment"), Some("50.00"));
    let id = redeemed.str_field("transactionId").ok_or("transactionId")?;
    let info = Json::parse(
        &c.call(Op::CardInfo, &params(&format!("{{{card}}}")), None, &none)
            .await?,
    )
    .ok_or("json")?;
    assert_eq!(info.str_field("amount"), Some("0.00"));
    let cancelled = Json::parse(
        &c.call(
            Op::Cancel,
            &params(&format!(r#"{{"transactionId":"{id}","amount":"100.00"}}"#)),
            None,
            &none,
        )
        .await?,
    )
    .ok_or("json")?;
    assert_eq!(cancelled.str_field("status"), Some("107"));
    let info = Json::parse(
        &c.call(Op::CardInfo, &params(&format!("{{{card}}}")), None, &none)
            .await?,
    )
    .ok_or("json")?;
    assert_eq!(info.str_field("amount"), Some("100.00"));
    Ok(())
}

#[tokio::test]
async fn errors_carry_the_body_fields_and_bad_params_send_nothing() -> TestResult {
    let (c, _, _) = client().await?;
    let none = Cancel::none();
    match c
        .call(
            Op::CreateCard,
            &params(r#"{"cardNumber":"4242424242424242","amount":"5.00"}"#),
            None,
            &none,
        )
        .await
    {
        Err(Error::Api(e)) => {
            assert_eq!((e.status, e.code.as_str()), (422, "21"));
            assert_eq!(e.message, "Card Already Issued");
        }
        other => panic!("expected 422/21, got {other:?}"),
    }
    let r = c
        .call(
            Op::Reload,
            &params(r#"{"cardNumber":"4242424242424242","amount":"5","currency":"EUR"}"#),
            None,
            &none,
        )
        .await;
    assert!(
        matches!(r, Err(Error::InvalidArgument { ref field, .. }) if field == "params.currency")
    );
    Ok(())
}
