//! What the in-process sandbox answers, against the tables: every stored-value operation is
//! run once through the client (which returns the 2xx body as it came), and each body must
//! pass its row.
//!
//! A unit test rather than a `tests/*.rs` file: the tables are crate-private.

use serde_json::{json, Value};

use super::{name, responses, SELECTED_TRANSACTION_PAGE};
use crate::core::json::Json;
use crate::core::schema::{check_text, Ty};
use crate::stored_value::{Op, StoredValueClient, StoredValueConfig};
use crate::transport::{Cancel, PlatformSender};

type Failure = Box<dyn std::error::Error>;

/// Runs `op` with `params` and checks the body against `ty` (its row unless given).
async fn run(
    client: &StoredValueClient<PlatformSender>,
    checked: &mut Vec<&'static str>,
    op: Op,
    params: Value,
    ty: Option<&'static Ty>,
) -> Result<Value, Failure> {
    let params = Json::parse(&params.to_string()).ok_or("params are not JSON")?;
    let body = client.call(op, &params, None, &Cancel::none()).await?;
    let row = responses()
        .iter()
        .find(|(n, _)| *n == name(op))
        .ok_or(format!("no row for {}", name(op)))?
        .1;
    check_text(ty.or(row), &body).map_err(|e| format!("{}: {e}: {body}", name(op)))?;
    checked.push(name(op));
    Ok(serde_json::from_str(&body)?)
}

fn text(value: &Value, field: &str) -> Result<String, Failure> {
    Ok(value[field]
        .as_str()
        .ok_or(format!("no {field} in {value}"))?
        .to_owned())
}

#[tokio::test]
async fn every_sandbox_answer_has_the_documented_shape() -> Result<(), Failure> {
    let running = seismic_sandbox::start(seismic_sandbox::Config::random()).await?;
    let tenant = reqwest::Client::new()
        .post(format!("{}/__sandbox/stored-value/tenants", running.url))
        .header("content-type", "application/json")
        .body("{}")
        .send()
        .await?
        .text()
        .await?;
    let key = text(&serde_json::from_str(&tenant)?, "apiKey")?;
    let config = StoredValueConfig::new(Some(&running.url), None, &key)?;
    let c = StoredValueClient::new(config, PlatformSender::default());
    let mut seen = Vec::new();
    let checked = &mut seen;

    let card = json!({ "cardNumber": "6006493880499919561" });
    let issue = json!({ "cardNumber": "6006493880499919561", "amount": "99.99" });
    run(&c, checked, Op::CreateCard, issue, None).await?;
    run(&c, checked, Op::CardInfo, card.clone(), None).await?;
    let reload =
        json!({ "cardNumber": "6006493880499919561", "amount": "10.00", "currency": "USD" });
    let approved = run(&c, checked, Op::Reload, reload, None).await?;
    assert_eq!(approved["status"], "01");
    // 01 (covered), then 109 (more than the balance: the rest is the customer's payment).
    let redeem = |amount: &str| json!({ "cardNumber": "6006493880499919561", "amount": amount });
    let covered = run(&c, checked, Op::Redeem, redeem("9.99"), None).await?;
    assert_eq!(covered["status"], "01");
    let partial = run(&c, checked, Op::Redeem, redeem("150.00"), None).await?;
    assert_eq!(partial["status"], "109");
    let cancel = json!({
        "transactionId": text(&partial, "transactionId")?,
        "amount": text(&partial, "amount")?
    });
    let cancelled = run(&c, checked, Op::Cancel, cancel, None).await?;
    assert_eq!(cancelled["status"], "107");
    let id = json!({ "id": text(&approved, "transactionId")? });
    run(&c, checked, Op::GetTransaction, id, None).await?;
    let listed = run(
        &c,
        checked,
        Op::ListTransactions,
        json!({ "count": 10 }),
        None,
    )
    .await?;
    assert_eq!(listed["total"], 4, "{listed}");
    let select = json!({ "query": { "$select": ["cardNumber", "amount"] } });
    let partial_page = Some(&SELECTED_TRANSACTION_PAGE);
    run(&c, checked, Op::ListTransactions, select, partial_page).await?;
    run(&c, checked, Op::BinLookup, json!({ "bin": "411111" }), None).await?;
    run(&c, checked, Op::DeleteCard, card, None).await?;

    let missing: Vec<&str> = responses()
        .iter()
        .map(|(n, _)| *n)
        .filter(|n| !seen.contains(n))
        .collect();
    assert!(missing.is_empty(), "never checked: {missing:?}");
    Ok(())
}
