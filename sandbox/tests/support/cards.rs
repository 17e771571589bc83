//! Helpers for the Cards API tests: create programs through the admin
//! API, authenticate, and walk the issuance journey (user, cardholder,
//! budget, card) in one call each.

use std::time::Duration;

use reqwest::header::HeaderMap;
use reqwest::{Method, StatusCode};
use serde_json::{json, Value};

use super::{eventually, next_count, random_hex};

/// Marker of the Cards API's helpers.
pub enum Cards {}

/// A running sandbox with the Cards API's helpers.
pub type Sandbox = super::With<Cards>;

/// Credentials of one Cards program.
#[derive(Clone, Debug)]
pub struct Program {
    pub client_id: String,
    pub client_secret: String,
    pub parent_account_id: String,
    pub merchant_id: String,
    pub default_bin_id: String,
    pub webhook_secret: String,
}

/// A decoded `/v1` answer.
#[derive(Debug)]
pub struct Reply {
    pub status: StatusCode,
    pub headers: HeaderMap,
    pub body: Value,
}

impl Reply {
    /// Asserts `200 {"code":"000000","message":"success"}` and returns `data`.
    pub fn data(&self) -> &Value {
        assert_eq!(self.status, StatusCode::OK, "body: {}", self.body);
        assert_eq!(self.body["code"], json!("000000"), "body: {}", self.body);
        assert_eq!(
            self.body["message"],
            json!("success"),
            "body: {}",
            self.body
        );
        &self.body["data"]
    }

    /// Asserts an error envelope with this HTTP status and code.
    pub fn assert_error(&self, status: u16, code: &str) {
        assert_eq!(self.status.as_u16(), status, "body: {}", self.body);
        assert_eq!(self.body["code"], json!(code), "body: {}", self.body);
        assert_eq!(self.body["data"], Value::Null, "body: {}", self.body);
        assert!(
            self.body["message"].as_str().is_some_and(|m| !m.is_empty()),
            "body: {}",
            self.body
        );
    }

    /// Asserts an error envelope with this status, code and exact message.
    pub fn assert_message(&self, status: u16, code: &str, message: &str) {
        self.assert_error(status, code);
        assert_eq!(self.body["message"], json!(message), "body: {}", self.body);
    }

    /// Asserts a 40001 whose message names `detail`.
    pub fn assert_invalid(&self, detail: &str) {
        self.assert_error(400, "40001");
        let message = self.body["message"].as_str().unwrap_or_default();
        assert!(
            message.starts_with("Invalid parameter: ") && message.contains(detail),
            "expected 40001 naming {detail:?}, got {message:?}"
        );
    }
}

/// A fresh idempotency key.
pub fn key() -> String {
    format!("idem-{}-{}", next_count(), random_hex(8))
}

/// A unique string for emails and reference ids.
pub fn unique(prefix: &str) -> String {
    key().replacen("idem", prefix, 1)
}

/// Starts a sandbox with a random config.
pub async fn sandbox() -> Sandbox {
    Sandbox::start().await
}

/// A user sub-account, initialized (KYC approved, USD wallet open).
#[derive(Clone, Debug)]
pub struct User {
    pub account_id: String,
    pub wallet_id: String,
}

/// Everything the issuance journey produced.
#[derive(Clone, Debug)]
pub struct Issued {
    pub user: User,
    pub cardholder_id: String,
    pub budget_id: String,
    pub card_id: String,
}

impl Sandbox {
    /// The program from `Config`.
    pub fn default_program(&self) -> Program {
        let config = &self.running.config;
        Program {
            client_id: config.cards_client_id.clone(),
            client_secret: config.cards_client_secret.clone(),
            parent_account_id: config.cards_parent_account_id.clone(),
            merchant_id: config.cards_merchant_id.clone(),
            default_bin_id: config.cards_default_bin_id.clone(),
            webhook_secret: config.cards_webhook_secret.clone(),
        }
    }

    /// A fresh isolated program (`settings` as for `/__sandbox/cards/tenants`).
    pub async fn program(&self, settings: Value) -> Program {
        let (status, body) = self.admin_post("/__sandbox/cards/tenants", settings).await;
        assert_eq!(status, StatusCode::OK, "{body}");
        let text = |name: &str| body[name].as_str().expect(name).to_owned();
        Program {
            client_id: text("clientId"),
            client_secret: text("clientSecret"),
            parent_account_id: text("parentAccountId"),
            merchant_id: text("merchantId"),
            default_bin_id: text("defaultBinId"),
            webhook_secret: text("webhookSecret"),
        }
    }

    /// A program whose KYC and cardholder reviews take 50 ms.
    pub async fn fast_program(&self) -> Program {
        self.program(json!({ "kycDelayMs": 50, "cardholderDelayMs": 50 }))
            .await
    }

    /// Sends a request; `token` goes in `x-access-token`, `idem` in
    /// `Idempotency-Key`.
    pub async fn call(
        &self,
        method: Method,
        path: &str,
        token: Option<&str>,
        body: Option<Value>,
        idem: Option<&str>,
    ) -> Reply {
        let mut request = self.http.request(method, self.url(path));
        if let Some(token) = token {
            request = request.header("x-access-token", token);
        }
        if let Some(idem) = idem {
            request = request.header("Idempotency-Key", idem);
        }
        if let Some(body) = body {
            request = request.json(&body);
        }
        let response = request.send().await.expect("request");
        let status = response.status();
        let headers = response.headers().clone();
        let text = response.text().await.expect("body");
        let body = serde_json::from_str(&text).unwrap_or(Value::String(text));
        Reply {
            status,
            headers,
            body,
        }
    }

    /// Authenticated GET.
    pub async fn get(&self, token: &str, path: &str) -> Reply {
        self.call(Method::GET, path, Some(token), None, None).await
    }

    /// Authenticated POST with a fresh idempotency key.
    pub async fn post(&self, token: &str, path: &str, body: Value) -> Reply {
        self.call(Method::POST, path, Some(token), Some(body), Some(&key()))
            .await
    }

    /// `GET /v1/oauth/authorize` → the authorization code.
    pub async fn authorize(&self, program: &Program) -> String {
        let reply = self
            .call(
                Method::GET,
                &format!("/v1/oauth/authorize?clientId={}", program.client_id),
                None,
                None,
                None,
            )
            .await;
        reply.data()["code"].as_str().expect("code").to_owned()
    }

    /// `POST /v1/oauth/access-token` with `code`.
    pub async fn exchange(&self, program: &Program, code: &str) -> Reply {
        self.call(
            Method::POST,
            "/v1/oauth/access-token",
            None,
            Some(json!({
                "clientId": program.client_id,
                "clientSecret": program.client_secret,
                "code": code,
            })),
            None,
        )
        .await
    }

    /// The full OAuth flow → access token.
    pub async fn token(&self, program: &Program) -> String {
        let code = self.authorize(program).await;
        let reply = self.exchange(program, &code).await;
        let token = reply.data()["accessToken"]
            .as_str()
            .expect("accessToken")
            .to_owned();
        assert_eq!(token.len(), 40);
        token
    }

    /// Registers a user and returns its account id.
    pub async fn register(&self, program: &Program, token: &str) -> String {
        let reply = self
            .post(
                token,
                "/v1/accounts/register",
                json!({
                    "name": "Jane Smith",
                    "email": format!("{}@example.com", unique("jane")),
                    "phone": "+15551234567",
                    "parentAccountId": program.parent_account_id,
                }),
            )
            .await;
        reply.data()["accountId"]
            .as_str()
            .expect("accountId")
            .to_owned()
    }

    /// Submits KYC and waits for APPROVED.
    pub async fn approve_kyc(&self, token: &str, account_id: &str) {
        let reply = self
            .post(
                token,
                &format!("/v1/accounts/{account_id}/kyc"),
                json!({ "sourceType": "sumsub", "sumsubShareToken": "_act-sbx-jwt-ok" }),
            )
            .await;
        assert_eq!(reply.data()["status"], json!("PENDING"));
        eventually(Duration::from_secs(5), || async {
            let reply = self
                .get(token, &format!("/v1/accounts/cdd/detail/{account_id}"))
                .await;
            (reply.data()["kyc"]["status"] == json!("APPROVED")).then_some(())
        })
        .await;
    }

    /// Registers, approves and initializes a user.
    pub async fn user(&self, program: &Program, token: &str) -> User {
        let account_id = self.register(program, token).await;
        self.approve_kyc(token, &account_id).await;
        let reply = self
            .post(token, &format!("/v1/accounts/{account_id}/init"), json!({}))
            .await;
        let wallet_id = reply.data()["walletId"]
            .as_str()
            .expect("walletId")
            .to_owned();
        User {
            account_id,
            wallet_id,
        }
    }

    /// The id of an account's USD wallet and its balance.
    pub async fn wallet(&self, token: &str, account_id: &str) -> (String, String) {
        let reply = self
            .get(token, &format!("/v1/cards/wallets?accountId={account_id}"))
            .await;
        let wallet = &reply.data()["list"][0];
        (
            wallet["id"].as_str().expect("wallet id").to_owned(),
            wallet["balance"]["available"]
                .as_str()
                .expect("balance")
                .to_owned(),
        )
    }

    /// Moves `amount` from the master merchant wallet to the user's wallet.
    pub async fn fund_wallet(&self, program: &Program, token: &str, user: &User, amount: &str) {
        let (master, _) = self.wallet(token, &program.merchant_id).await;
        let reply = self
            .post(
                token,
                "/v1/business/transfer/external",
                json!({
                    "clientTransactionId": unique("txn"),
                    "amount": amount,
                    "from": { "accountId": program.merchant_id, "id": master, "currency": "USD", "businessType": 0 },
                    "to": { "accountId": user.account_id, "id": user.wallet_id, "currency": "USD" },
                }),
            )
            .await;
        assert_eq!(reply.data()["status"], json!("SUCCESS"));
    }

    /// The JSON of a valid cardholder for `account_id`.
    pub fn cardholder_body(program: &Program, account_id: &str) -> Value {
        json!({
            "accountId": account_id,
            "binId": program.default_bin_id,
            "businessModel": "B2C_GATEWAY",
            "referenceId": unique("ch"),
            "firstName": "John",
            "lastName": "Doe",
            "email": "john.doe@example.com",
            "phoneCountryCode": "1",
            "phoneNumber": "5551234567",
            "address": {
                "addressLine1": "123 Main St",
                "addressLine2": "Apt 4B",
                "city": "New York",
                "state": "NY",
                "country": "US",
                "postalCode": "10001"
            }
        })
    }

    /// Creates a cardholder and waits for APPROVED.
    pub async fn cardholder(&self, program: &Program, token: &str, account_id: &str) -> String {
        let reply = self
            .post(
                token,
                "/v1/cardholders",
                Self::cardholder_body(program, account_id),
            )
            .await;
        let id = reply.data()["cardholderId"]
            .as_str()
            .expect("cardholderId")
            .to_owned();
        eventually(Duration::from_secs(5), || async {
            let reply = self
                .get(
                    token,
                    &format!("/v1/cardholders/{id}?accountId={account_id}"),
                )
                .await;
            (reply.data()["status"] == json!("APPROVED")).then_some(())
        })
        .await;
        id
    }

    /// Creates a budget and funds it with `amount` from the user's wallet.
    pub async fn budget(&self, token: &str, account_id: &str, amount: &str) -> String {
        let reply = self
            .post(
                token,
                "/v1/budgets",
                json!({ "accountId": account_id, "name": "Travel Budget", "currency": "USD" }),
            )
            .await;
        let id = reply.data()["budgetId"]
            .as_str()
            .expect("budgetId")
            .to_owned();
        let reply = self
            .post(
                token,
                &format!("/v1/budgets/{id}/transfer-in"),
                json!({ "clientTransactionId": unique("txn"), "amount": amount, "accountId": account_id }),
            )
            .await;
        assert_eq!(reply.data()["budgetId"], json!(id));
        id
    }

    /// Issues a virtual card.
    pub async fn issue(
        &self,
        program: &Program,
        token: &str,
        account_id: &str,
        cardholder_id: &str,
        budget_id: &str,
    ) -> String {
        let reply = self
            .post(
                token,
                "/v1/budget-card",
                json!({
                    "accountId": account_id,
                    "binId": program.default_bin_id,
                    "cardMode": "VIRTUAL_CARD",
                    "cardholderId": cardholder_id,
                    "budgetId": budget_id,
                    "referenceId": unique("card"),
                    "label": "Primary card",
                }),
            )
            .await;
        reply.data()["cardId"].as_str().expect("cardId").to_owned()
    }

    /// The whole journey: user with `wallet` dollars, of which `budget`
    /// go into a budget backing one active card.
    pub async fn issued(
        &self,
        program: &Program,
        token: &str,
        wallet: &str,
        budget: &str,
    ) -> Issued {
        let user = self.user(program, token).await;
        self.fund_wallet(program, token, &user, wallet).await;
        let cardholder_id = self.cardholder(program, token, &user.account_id).await;
        let budget_id = self.budget(token, &user.account_id, budget).await;
        let card_id = self
            .issue(program, token, &user.account_id, &cardholder_id, &budget_id)
            .await;
        Issued {
            user,
            cardholder_id,
            budget_id,
            card_id,
        }
    }

    /// `GET /v1/budgets/{id}` → `(available, locked)`.
    pub async fn budget_balance(
        &self,
        token: &str,
        account_id: &str,
        budget_id: &str,
    ) -> (String, String) {
        let reply = self
            .get(
                token,
                &format!("/v1/budgets/{budget_id}?accountId={account_id}"),
            )
            .await;
        let balance = &reply.data()["balance"];
        (
            balance["available"].as_str().expect("available").to_owned(),
            balance["locked"].as_str().expect("locked").to_owned(),
        )
    }

    /// Simulates a purchase; returns (status, transaction or error).
    pub async fn purchase(
        &self,
        program: &Program,
        issued: &Issued,
        amount: &str,
        outcome: &str,
    ) -> Value {
        let (status, body) = self
            .admin_post(
                "/__sandbox/cards/purchase",
                json!({
                    "clientId": program.client_id,
                    "accountId": issued.user.account_id,
                    "cardId": issued.card_id,
                    "amount": amount,
                    "merchantName": "Coffee Shop",
                    "outcome": outcome,
                }),
            )
            .await;
        assert_eq!(status, StatusCode::OK, "{body}");
        body
    }
}
