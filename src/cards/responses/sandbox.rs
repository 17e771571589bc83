//! What the in-process sandbox answers, against the tables: every Cards method is called once
//! through the client (which returns the envelope's `data`), the OAuth steps over plain HTTP
//! (as the client's renewal sends them), and each `data` must pass its row.
//!
//! A unit test rather than a `tests/*.rs` file: the tables are crate-private.

use serde_json::{json, Value};

use super::responses;
use crate::cards::{envelope_data, CardsClient, CardsConfig, MemoryOnly};
use crate::core::json::Json;
use crate::core::schema::check_text;
use crate::transport::{Cancel, HttpResponse, PlatformSender};

type Failure = Box<dyn std::error::Error>;

/// A sandbox program, its client, and the methods whose answers were checked.
struct Run {
    url: String,
    http: reqwest::Client,
    program: Value,
    client: CardsClient<PlatformSender, MemoryOnly>,
    checked: Vec<&'static str>,
}

impl Run {
    fn text(&self, name: &str) -> Result<String, Failure> {
        Ok(self.program[name]
            .as_str()
            .ok_or(name.to_owned())?
            .to_owned())
    }

    /// Checks `data` against `name`'s row and returns it parsed.
    fn check(&mut self, name: &'static str, data: &str) -> Result<Value, Failure> {
        let ty = responses()
            .iter()
            .find(|(n, _)| *n == name)
            .ok_or(format!("no row for {name}"))?
            .1;
        check_text(ty, data).map_err(|e| format!("{name}: {e}: {data}"))?;
        self.checked.push(name);
        Ok(serde_json::from_str(data)?)
    }

    /// Calls `name` through the client and checks the `data` it returns.
    async fn call(&mut self, name: &'static str, params: Value) -> Result<Value, Failure> {
        let params = Json::parse(&params.to_string()).ok_or("params are not JSON")?;
        let data = self
            .client
            .call(name, &params, None, &Cancel::none())
            .await?;
        self.check(name, &data)
    }

    /// `name` again and again until `done` holds for its answer (reviews take 50 ms).
    async fn until(
        &mut self,
        name: &'static str,
        params: Value,
        done: impl Fn(&Value) -> bool,
    ) -> Result<Value, Failure> {
        for _ in 0..200 {
            let data = self.call(name, params.clone()).await?;
            if done(&data) {
                return Ok(data);
            }
            tokio::time::sleep(std::time::Duration::from_millis(20)).await;
        }
        Err(format!("{name} never reached the awaited state").into())
    }

    /// A raw request of the OAuth flow, checked as the client reads it (`envelope_data`).
    async fn oauth(
        &mut self,
        name: &'static str,
        request: reqwest::RequestBuilder,
    ) -> Result<Value, Failure> {
        let res = request.send().await?;
        let status = res.status().as_u16();
        let body = res.text().await?;
        let data = envelope_data(&HttpResponse {
            status,
            headers: vec![],
            body,
            js_body: Default::default(),
        })?;
        self.check(name, &data)
    }

    /// A sandbox-only helper (`/__sandbox/cards/...`).
    async fn admin(&self, path: &str, body: Value) -> Result<Value, Failure> {
        let res = self
            .http
            .post(format!("{}/__sandbox/cards/{path}", self.url))
            .header("content-type", "application/json")
            .body(body.to_string())
            .send()
            .await?;
        Ok(serde_json::from_str(&res.text().await?)?)
    }
}

fn id(value: &Value, name: &str) -> Result<String, Failure> {
    Ok(value[name]
        .as_str()
        .ok_or(format!("no {name} in {value}"))?
        .to_owned())
}

#[tokio::test]
async fn every_sandbox_answer_has_the_documented_shape() -> Result<(), Failure> {
    let running = seismic_sandbox::start(seismic_sandbox::Config::random()).await?;
    let http = reqwest::Client::new();
    let tenant = http
        .post(format!("{}/__sandbox/cards/tenants", running.url))
        .header("content-type", "application/json")
        .body(r#"{"kycDelayMs": 50, "cardholderDelayMs": 50}"#)
        .send()
        .await?
        .text()
        .await?;
    let program: Value = serde_json::from_str(&tenant)?;
    let config = CardsConfig::new(
        Some(&running.url),
        None,
        &id(&program, "clientId")?,
        &id(&program, "clientSecret")?,
    )?;
    let mut s = Run {
        url: running.url.clone(),
        client: CardsClient::new(config, PlatformSender::default(), MemoryOnly),
        http,
        program,
        checked: Vec::new(),
    };
    let (client_id, secret) = (s.text("clientId")?, s.text("clientSecret")?);
    let (merchant, bin) = (s.text("merchantId")?, s.text("defaultBinId")?);

    // OAuth, as the client's renewal sends it.
    let url = format!("{}/v1/oauth/authorize?clientId={client_id}", s.url);
    let code = s.oauth("oauth.authorize", s.http.get(url)).await?;
    let body = json!({ "clientId": client_id, "clientSecret": secret, "code": code["code"] });
    let url = format!("{}/v1/oauth/access-token", s.url);
    let token = s
        .oauth(
            "oauth.accessToken",
            s.http
                .post(url)
                .header("content-type", "application/json")
                .body(body.to_string()),
        )
        .await?;
    assert_eq!(token["accessToken"].as_str().map(str::len), Some(40));

    // A user: register, KYC (first before any submission: no case yet), init.
    let email = format!("jane.{}@example.com", crate::core::ids::uuid_v4()?);
    let parent = s.text("parentAccountId")?;
    let account = s
        .call(
            "accounts.register",
            json!({
                "name": "Jane Smith", "email": email, "phone": "+15551234567",
                "parentAccountId": parent
            }),
        )
        .await?;
    let account = id(&account, "accountId")?;
    s.call("accounts.findByEmail", json!({ "email": email }))
        .await?;
    let user = json!({ "accountId": account });
    let none = s.call("accounts.kycStatus", user.clone()).await?;
    assert_eq!(none["kyc"]["status"], "NONE");
    let kyc = json!({
        "accountId": account, "sourceType": "sumsub", "sumsubShareToken": "_act-sbx-jwt-ok"
    });
    s.call("accounts.submitKyc", kyc).await?;
    s.until("accounts.kycStatus", user.clone(), |d| {
        d["kyc"]["status"] == "APPROVED"
    })
    .await?;
    s.call("accounts.init", user.clone()).await?;
    s.call("bins.list", user.clone()).await?;

    // A cardholder, approved after its review.
    let holder = s
        .call(
            "cardholders.create",
            json!({
                "accountId": account, "binId": bin, "businessModel": "B2C_GATEWAY",
                "referenceId": format!("ch-{}", crate::core::ids::uuid_v4()?),
                "firstName": "John", "lastName": "Doe", "email": "john.doe@example.com",
                "phoneCountryCode": "1", "phoneNumber": "5551234567",
                "address": {
                    "addressLine1": "123 Main St", "city": "New York", "state": "NY",
                    "country": "US", "postalCode": "10001"
                }
            }),
        )
        .await?;
    let holder = id(&holder, "cardholderId")?;
    let this_holder = json!({ "cardholderId": holder, "accountId": account });
    s.until("cardholders.get", this_holder, |d| {
        d["status"] == "APPROVED"
    })
    .await?;
    s.call("cardholders.list", user.clone()).await?;
    s.call(
        "cardholders.update",
        json!({ "cardholderId": holder, "accountId": account, "phoneNumber": "5559876543" }),
    )
    .await?;

    // Money: master wallet → user wallet → budget and back.
    let master = s
        .call("wallets.list", json!({ "accountId": merchant }))
        .await?;
    let master = id(&master["list"][0], "id")?;
    let wallet = s.call("wallets.list", user.clone()).await?;
    let wallet = id(&wallet["list"][0], "id")?;
    s.call(
        "transfers.external",
        json!({
            "amount": "200.00",
            "from": { "accountId": merchant, "id": master, "currency": "USD", "businessType": 0 },
            "to": { "accountId": account, "id": wallet, "currency": "USD" }
        }),
    )
    .await?;
    let budget = s
        .call(
            "budgets.create",
            json!({ "accountId": account, "name": "Travel Budget", "currency": "USD" }),
        )
        .await?;
    let budget = id(&budget, "budgetId")?;
    let this_budget =
        |amount: &str| json!({ "budgetId": budget, "accountId": account, "amount": amount });
    s.call("budgets.transferIn", this_budget("100.00")).await?;
    s.call("budgets.transferOut", this_budget("10.00")).await?;
    s.call(
        "budgets.get",
        json!({ "budgetId": budget, "accountId": account }),
    )
    .await?;

    // A card and everything done to it.
    let card = s
        .call(
            "cards.issue",
            json!({
                "accountId": account, "binId": bin, "cardMode": "VIRTUAL_CARD",
                "cardholderId": holder, "budgetId": budget, "label": "Primary card",
                "referenceId": format!("card-{}", crate::core::ids::uuid_v4()?)
            }),
        )
        .await?;
    let card = id(&card, "cardId")?;
    let this_card = json!({ "cardId": card, "accountId": account });
    for name in ["cards.get", "cards.sensitiveData", "cards.widgetToken"] {
        s.call(name, this_card.clone()).await?;
    }
    let label = json!({ "cardId": card, "accountId": account, "label": "Travel card" });
    s.call("cards.updateLabel", label).await?;
    let limit = json!({
        "cardId": card, "accountId": account,
        "transactionLimitsType": "MONTH", "amountLimit": "500.00"
    });
    s.call("cards.setVelocityControl", limit).await?;
    // One transaction of each status: settled, pending, declined.
    for outcome in ["settle", "pending", "decline"] {
        let purchase = json!({
            "clientId": client_id, "accountId": account, "cardId": card,
            "amount": "12.34", "outcome": outcome
        });
        s.admin("purchase", purchase).await?;
    }
    let listed = s.call("transactions.list", this_card.clone()).await?;
    assert_eq!(listed["total"], 3, "{listed}");
    s.call("cards.freeze", this_card.clone()).await?;
    s.call("cards.unfreeze", this_card.clone()).await?;
    s.call("cards.delete", this_card).await?;

    let missing: Vec<&str> = responses()
        .iter()
        .map(|(name, _)| *name)
        .filter(|name| !s.checked.contains(name))
        .collect();
    assert!(missing.is_empty(), "never checked: {missing:?}");
    Ok(())
}
