//! The in-process sandbox against the documented response types: every SDK operation is
//! driven over plain HTTP and each 2xx body must pass `schema::check`, which proves the
//! sandbox answers what the docs describe (and that the tables accept real traffic).

use std::cell::RefCell;
use std::collections::BTreeSet;

use seismic_sdk::core::json::Json;
use seismic_sdk::orchestration::schema;

type TestResult = Result<(), Box<dyn std::error::Error>>;
type Res<T> = Result<T, Box<dyn std::error::Error>>;

/// Every SDK operation: the test fails unless each one was driven to a checked 2xx.
const ALL_OPS: &[&str] = seismic_sdk::orchestration::ops::OPS;

/// The KYB profile example of the docs (`GET /org/kyb/profile`), used as a `PUT` body.
const PROFILE: &str = r#"{ "business": { "legal_name": "Acme Inc.", "entity_type": "corporation", "industry": "software_blockchain_crypto", "registration_number": "1234567", "tax_id": "82-1234567", "country_of_registration": "US", "state_of_incorporation": "DE", "formation_date": "2020-04-12" }, "addresses": { "registered": { "line1": "1 Wall St", "city": "New York", "state": "NY", "postal_code": "10005", "country": "US" } }, "contact": { "email": "ops@acme.com", "phone": "+12025550100" }, "operations": { "business_jurisdictions": ["US"], "funds_movement_jurisdictions": ["US", "GB"], "primary_source_of_funds": "company_capital", "regulated_status": "unregistered" }, "volumes": { "monthly_deposits": 35, "monthly_withdrawals": 30 }, "counterparties": { "counterparties": ["customers", "merchants_suppliers"] }, "associated_persons": [ { "first_name": "Alice", "last_name": "Liddell", "date_of_birth": "1985-06-15", "email": "alice@acme.com", "phone": "+12025550100", "address": { "line1": "1 Wall St", "city": "New York", "state": "NY", "postal_code": "10005", "country": "US" }, "tax_id": "123-45-6789", "nationality": "US", "citizenship": "US", "ownership_percent": 100, "roles": { "has_control": true, "is_signer": true, "is_director": true } } ] }"#;

/// How a request authenticates.
#[derive(Clone, Copy)]
enum Auth<'a> {
    None,
    Key(&'a str),
    Bearer(&'a str),
}

/// One sandbox, plain HTTP, and the set of operations checked so far.
struct Sandbox {
    root: String,
    http: reqwest::Client,
    checked: RefCell<BTreeSet<&'static str>>,
}

/// A tenant of the admin API.
struct Tenant {
    email: String,
    password: String,
    key: String,
}

fn text(value: &Json, name: &str) -> Res<String> {
    value
        .str_field(name)
        .map(str::to_owned)
        .ok_or_else(|| format!("no string {name} in {}", value.to_json()).into())
}

fn first<'a>(value: &'a Json, list: &str) -> Res<&'a Json> {
    match value.get(list) {
        Some(Json::Array(items)) => items.first().ok_or_else(|| format!("empty {list}").into()),
        _ => Err(format!("no array {list} in {}", value.to_json()).into()),
    }
}

fn items(value: &Json) -> &[Json] {
    match value {
        Json::Array(items) => items,
        _ => &[],
    }
}

/// Whether some object anywhere in `value` maps `key` to an object.
fn has_object(value: &Json, key: &str) -> bool {
    match value {
        Json::Object(fields) => fields
            .iter()
            .any(|(k, v)| (k == key && matches!(v, Json::Object(_))) || has_object(v, key)),
        Json::Array(items) => items.iter().any(|v| has_object(v, key)),
        _ => false,
    }
}

/// A JSON string literal.
fn quoted(s: &str) -> String {
    Json::Str(s.to_owned()).to_json()
}

impl Sandbox {
    async fn start() -> Res<Self> {
        let running = seismic_sandbox::start(seismic_sandbox::Config::random()).await?;
        Ok(Self {
            root: running.url,
            http: reqwest::Client::new(),
            checked: RefCell::new(BTreeSet::new()),
        })
    }

    async fn send(
        &self,
        auth: Auth<'_>,
        method: &str,
        url: &str,
        body: Option<&str>,
    ) -> Res<(u16, String)> {
        let method = reqwest::Method::from_bytes(method.as_bytes())?;
        let mut request = self.http.request(method, url);
        request = match auth {
            Auth::None => request,
            Auth::Key(key) => request.header("Api-Key", key),
            Auth::Bearer(token) => request.header("Authorization", format!("Bearer {token}")),
        };
        if let Some(body) = body {
            request = request
                .header("content-type", "application/json")
                .body(body.to_owned());
        }
        let response = request.send().await?;
        let status = response.status().as_u16();
        Ok((status, response.text().await?))
    }

    async fn admin(&self, path: &str, body: &str) -> Res<Json> {
        let url = format!("{}/__sandbox/orchestration/{path}", self.root);
        let (status, text) = self.send(Auth::None, "POST", &url, Some(body)).await?;
        if status != 200 {
            return Err(format!("admin {path}: {status} {text}").into());
        }
        Json::parse(&text).ok_or_else(|| format!("admin {path}: {text}").into())
    }

    async fn tenant(&self, settings: &str) -> Res<Tenant> {
        let t = self.admin("tenants", settings).await?;
        Ok(Tenant {
            email: text(&t, "email")?,
            password: text(&t, "password")?,
            key: text(&t, "apiKey")?,
        })
    }

    async fn totp(&self, secret: &str) -> Res<String> {
        text(
            &self
                .admin("totp", &format!(r#"{{"secret":{}}}"#, quoted(secret)))
                .await?,
            "code",
        )
    }

    /// Calls `op` at `path` (under `/api/v0`) and checks its answer: a 204 for the ops that
    /// have no body, otherwise a 200 whose body passes `schema::check(op, …)`.
    async fn op(
        &self,
        op: &'static str,
        auth: Auth<'_>,
        method: &str,
        path: &str,
        body: Option<&str>,
    ) -> Res<Json> {
        let url = format!("{}/api/v0{path}", self.root);
        let (status, answer) = self.send(auth, method, &url, body).await?;
        if schema::no_body(op) {
            if status != 204 {
                return Err(format!("{op}: expected 204, got {status} {answer}").into());
            }
            self.checked.borrow_mut().insert(op);
            return Ok(Json::Null);
        }
        if status != 200 {
            return Err(format!("{op} {method} {path}: {status} {answer}").into());
        }
        let json = Json::parse(&answer).ok_or_else(|| format!("{op}: not JSON: {answer}"))?;
        schema::check(op, &json).map_err(|e| format!("{op}: {e}\n{answer}"))?;
        self.checked.borrow_mut().insert(op);
        Ok(json)
    }
}

#[tokio::test]
async fn every_sandbox_answer_has_the_documented_shape() -> TestResult {
    let s = Sandbox::start().await?;

    // Catalog: no credential.
    s.op("rails", Auth::None, "GET", "/rails", None).await?;
    s.op("currencies", Auth::None, "GET", "/currencies", None)
        .await?;
    s.op("health", Auth::None, "GET", "/health", None).await?;

    dashboard_auth(&s).await?;
    org_and_keys(&s).await?;
    kyb(&s).await?;
    money(&s).await?;

    let missing: Vec<&&str> = ALL_OPS
        .iter()
        .filter(|op| !s.checked.borrow().contains(**op))
        .collect();
    assert!(missing.is_empty(), "never checked: {missing:?}");
    Ok(())
}

/// Signup, login without then with MFA, enrolment, refresh, logout.
async fn dashboard_auth(s: &Sandbox) -> TestResult {
    let email = format!("schema-{}@example.com", std::process::id());
    let credentials = format!(
        r#"{{"email":{},"password":"correct-horse-battery"}}"#,
        quoted(&email)
    );
    s.op(
        "auth.signup",
        Auth::None,
        "POST",
        "/auth/signup",
        Some(&credentials),
    )
    .await?;
    let login = s
        .op(
            "auth.login",
            Auth::None,
            "POST",
            "/auth/login",
            Some(&credentials),
        )
        .await?;
    assert_eq!(login.str_field("status"), Some("tokens"));
    let access = text(&login, "access_token")?;

    let enrolment = s
        .op(
            "auth.mfa.enroll",
            Auth::Bearer(&access),
            "POST",
            "/auth/mfa/enroll",
            None,
        )
        .await?;
    let secret = text(&enrolment, "secret_base32")?;
    let code = s.totp(&secret).await?;
    let activate = format!(r#"{{"code":{}}}"#, quoted(&code));
    s.op(
        "auth.mfa.activate",
        Auth::Bearer(&access),
        "POST",
        "/auth/mfa/activate",
        Some(&activate),
    )
    .await?;

    let challenge = s
        .op(
            "auth.login",
            Auth::None,
            "POST",
            "/auth/login",
            Some(&credentials),
        )
        .await?;
    assert_eq!(challenge.str_field("status"), Some("mfa_required"));
    let verify = format!(
        r#"{{"challenge_id":{},"code":{}}}"#,
        quoted(&text(&challenge, "challenge_id")?),
        quoted(&s.totp(&secret).await?)
    );
    let pair = s
        .op(
            "auth.mfa.verify",
            Auth::None,
            "POST",
            "/auth/mfa/verify",
            Some(&verify),
        )
        .await?;
    let access = text(&pair, "access_token")?;
    let me = s
        .op("auth.me", Auth::Bearer(&access), "GET", "/auth/me", None)
        .await?;
    assert_eq!(me.get("mfa_passed"), Some(&Json::Bool(true)));
    s.op("users.me", Auth::Bearer(&access), "GET", "/user", None)
        .await?;
    s.op("orgs.list", Auth::Bearer(&access), "GET", "/orgs", None)
        .await?;

    let refresh = format!(
        r#"{{"refresh_token":{}}}"#,
        quoted(&text(&pair, "refresh_token")?)
    );
    let pair = s
        .op(
            "auth.refresh",
            Auth::None,
            "POST",
            "/auth/refresh",
            Some(&refresh),
        )
        .await?;
    let logout = format!(
        r#"{{"refresh_token":{}}}"#,
        quoted(&text(&pair, "refresh_token")?)
    );
    s.op(
        "auth.logout",
        Auth::None,
        "POST",
        "/auth/logout",
        Some(&logout),
    )
    .await?;
    Ok(())
}

/// The org, its members and API keys, with an API key and with a tenant owner's session.
async fn org_and_keys(s: &Sandbox) -> TestResult {
    let t = s.tenant("{}").await?;
    let key = Auth::Key(&t.key);
    s.op("auth.me", key, "GET", "/auth/me", None).await?;
    s.op("users.me", key, "GET", "/user", None).await?;
    let orgs = s.op("orgs.list", key, "GET", "/orgs", None).await?;
    assert!(first(&orgs, "orgs").is_ok(), "{}", orgs.to_json());
    s.op("orgs.get", key, "GET", "/org", None).await?;
    s.op(
        "orgs.update",
        key,
        "PATCH",
        "/org",
        Some(r#"{"name":"Acme International Inc."}"#),
    )
    .await?;

    let owner = format!(
        r#"{{"email":{},"password":{}}}"#,
        quoted(&t.email),
        quoted(&t.password)
    );
    let pair = s
        .op(
            "auth.login",
            Auth::None,
            "POST",
            "/auth/login",
            Some(&owner),
        )
        .await?;
    let session = text(&pair, "access_token")?;
    let orgs = s
        .op("orgs.list", Auth::Bearer(&session), "GET", "/orgs", None)
        .await?;
    assert!(first(&orgs, "orgs").is_ok(), "{}", orgs.to_json());
    s.op("orgs.get", Auth::Bearer(&session), "GET", "/org", None)
        .await?;

    let invite = s
        .op(
            "orgs.members.invite",
            key,
            "POST",
            "/org/members",
            Some(r#"{"email":"carol@acme.com","role":"member"}"#),
        )
        .await?;
    let carol = text(&invite, "user_id")?;
    s.op("orgs.members.list", key, "GET", "/org/members", None)
        .await?;
    let member = format!("/org/members/{carol}");
    s.op(
        "orgs.members.updateRole",
        key,
        "PATCH",
        &member,
        Some(r#"{"role":"viewer"}"#),
    )
    .await?;
    s.op("orgs.members.remove", key, "DELETE", &member, None)
        .await?;

    let minted = s
        .op(
            "apiKeys.mint",
            key,
            "POST",
            "/auth/api-keys",
            Some(r#"{"label":"ci-pipeline","environment":"production"}"#),
        )
        .await?;
    s.op(
        "apiKeys.list",
        Auth::Key(&text(&minted, "secret")?),
        "GET",
        "/auth/api-keys",
        None,
    )
    .await?;
    let revoke = format!("/auth/api-keys/{}", text(&minted, "id")?);
    s.op("apiKeys.revoke", key, "DELETE", &revoke, None).await?;
    let keys = s
        .op("apiKeys.list", key, "GET", "/auth/api-keys", None)
        .await?;
    assert!(
        keys.to_json().contains(r#""revoked_at":"20"#),
        "{}",
        keys.to_json()
    );
    Ok(())
}

/// KYB from nothing (rows not started, then submitted with hosted links) and on an approved
/// org.
async fn kyb(s: &Sandbox) -> TestResult {
    let fresh = s
        .tenant(r#"{"kybApproved":false,"kycDelayMs":600000}"#)
        .await?;
    let key = Auth::Key(&fresh.key);
    let rows = s
        .op("orgs.kyb.providers", key, "GET", "/org/kyb/providers", None)
        .await?;
    assert_eq!(
        first(&rows, "providers")?.str_field("kyb_status"),
        Some("not_started")
    );
    s.op(
        "orgs.kyb.setProfile",
        key,
        "PUT",
        "/org/kyb/profile",
        Some(PROFILE),
    )
    .await?;
    s.op("orgs.kyb.profile", key, "GET", "/org/kyb/profile", None)
        .await?;
    let rows = s
        .op("orgs.kyb.submit", key, "POST", "/org/kyb/submit", None)
        .await?;
    let hosted = items(rows.get("providers").unwrap_or(&Json::Null))
        .iter()
        .find(|row| matches!(row.get("kyb_link"), Some(Json::Object(_))))
        .ok_or_else(|| format!("no hosted row with a link: {}", rows.to_json()))?;
    let hosted = text(hosted, "provider")?;
    let link = format!("/org/kyb/providers/{hosted}/link");
    s.op("orgs.kyb.refreshLink", key, "POST", &link, None)
        .await?;
    for row in items(rows.get("providers").unwrap_or(&Json::Null)) {
        let resync = format!("/org/kyb/providers/{}/resync", text(row, "provider")?);
        s.op("orgs.kyb.resync", key, "POST", &resync, None).await?;
    }
    s.op("orgs.kyb.providers", key, "GET", "/org/kyb/providers", None)
        .await?;

    let approved = s.tenant("{}").await?;
    let key = Auth::Key(&approved.key);
    s.op("orgs.kyb.profile", key, "GET", "/org/kyb/profile", None)
        .await?;
    s.op("orgs.kyb.submit", key, "POST", "/org/kyb/submit", None)
        .await?;
    s.op("orgs.kyb.providers", key, "GET", "/org/kyb/providers", None)
        .await?;
    Ok(())
}

const CUSTOMER: &str = r#"{ "external_id": "user_abc123", "type": "individual", "email": "alice@example.com", "first_name": "Alice", "last_name": "Liddell", "date_of_birth": "1990-04-12", "address": { "line1": "123 Main St", "city": "Brooklyn", "state": "NY", "postal_code": "11201", "country": "US" } }"#;

/// Customers (pending KYC with links, and approved), accounts, quotes, orders.
async fn money(s: &Sandbox) -> TestResult {
    // KYC still under way: rows carry hosted links.
    let slow = s.tenant(r#"{"kycDelayMs":600000}"#).await?;
    let key = Auth::Key(&slow.key);
    let created = s
        .op(
            "customers.create",
            key,
            "POST",
            "/customers",
            Some(CUSTOMER),
        )
        .await?;
    assert!(has_object(&created, "link"), "{}", created.to_json());
    let id = text(created.get("customer").unwrap_or(&Json::Null), "id")?;
    s.op(
        "customers.get",
        key,
        "GET",
        &format!("/customers/{id}"),
        None,
    )
    .await?;
    s.op(
        "customers.refreshKycLinks",
        key,
        "POST",
        &format!("/customers/{id}/kyc-link"),
        Some("{}"),
    )
    .await?;

    // KYC approved at once: accounts, quotes and orders.
    let t = s.tenant(r#"{"kycDelayMs":0,"quoteDelayMs":200}"#).await?;
    let key = Auth::Key(&t.key);
    let created = s
        .op(
            "customers.create",
            key,
            "POST",
            "/customers",
            Some(CUSTOMER),
        )
        .await?;
    let id = text(created.get("customer").unwrap_or(&Json::Null), "id")?;
    let provider = text(first(&created, "providers")?, "provider")?;
    s.op(
        "customers.get",
        key,
        "GET",
        &format!("/customers/{id}"),
        None,
    )
    .await?;
    s.op(
        "customers.refreshKycLinks",
        key,
        "POST",
        &format!("/customers/{id}/kyc-link"),
        Some("{}"),
    )
    .await?;

    let accounts = format!("/customers/{id}/accounts");
    let bank = format!(
        r#"{{"provider":{},"account_type":"us_bank_account","currencies":["USD"],"rails":["ach","wire"],"routing_number":"021000021","account_number":"0123456789","account_holder_name":"Alice Liddell"}}"#,
        quoted(&provider)
    );
    let bank = text(
        &s.op(
            "customers.createAccount",
            key,
            "POST",
            &accounts,
            Some(&bank),
        )
        .await?,
        "id",
    )?;
    let wallet = format!(
        r#"{{"provider":{},"account_type":"external_digital_asset_wallet","currencies":["USDC"],"rails":["base"],"address":"0xabc0000000000000000000000000000000000123"}}"#,
        quoted(&provider)
    );
    let wallet = text(
        &s.op(
            "customers.createAccount",
            key,
            "POST",
            &accounts,
            Some(&wallet),
        )
        .await?,
        "id",
    )?;
    s.op("customers.listAccounts", key, "GET", &accounts, None)
        .await?;
    s.op(
        "customers.listAccounts",
        key,
        "GET",
        &format!("{accounts}?currency=USDC&status=active"),
        None,
    )
    .await?;
    s.op("accounts.list", key, "GET", "/accounts", None).await?;
    s.op(
        "accounts.list",
        key,
        "GET",
        &format!("/accounts?customer_id={id}"),
        None,
    )
    .await?;
    s.op(
        "accounts.get",
        key,
        "GET",
        &format!("/accounts/{wallet}"),
        None,
    )
    .await?;

    // Pricing only, not waiting: pending, then ready.
    let preview = r#"{ "amount": "1000", "source": { "currency": "USD" }, "destination": { "currency": "USDC", "rail": "base" } }"#;
    let pending = s
        .op("quotes.create", key, "POST", "/quotes", Some(preview))
        .await?;
    assert_eq!(pending.str_field("status"), Some("pending"));
    let snapshot = format!("/quotes/{}", text(&pending, "id")?);
    s.op("quotes.get", key, "GET", &snapshot, None).await?;

    // Settlement-ready between attached accounts, waiting; accepted by quote id.
    let settle = format!(
        r#"{{ "amount": "500", "source": {{ "account": {}, "currency": "USD", "rail": "ach" }}, "destination": {} }}"#,
        quoted(&bank),
        quoted(&wallet)
    );
    let ready = s
        .op(
            "quotes.create",
            key,
            "POST",
            "/quotes?wait=1",
            Some(&settle),
        )
        .await?;
    assert_eq!(ready.str_field("status"), Some("ready"));
    assert!(has_object(&ready, "account"), "{}", ready.to_json());
    let quotes = items(ready.get("quotes").unwrap_or(&Json::Null));
    let pick = text(quotes.last().ok_or("no quotes")?, "id")?;
    let accept = format!("/quotes/{}/accept", text(&ready, "id")?);
    let body = format!(
        r#"{{"quote_id":{},"reference":"invoice-1"}}"#,
        quoted(&pick)
    );
    s.op("quotes.accept", key, "POST", &accept, Some(&body))
        .await?;

    // The earlier snapshot is ready by now: take the server's best (no customer on it).
    s.op("quotes.get", key, "GET", &snapshot, None).await?;
    s.op(
        "quotes.acceptBest",
        key,
        "POST",
        &format!("{snapshot}/accept"),
        Some("{}"),
    )
    .await?;
    // Crypto-funded: an off-ramp from the wallet to a pricing-only USD destination.
    let offramp = format!(
        r#"{{ "amount": "200", "source": {}, "destination": {{ "currency": "USD", "rail": "ach" }} }}"#,
        quoted(&wallet)
    );
    let off = s
        .op(
            "quotes.create",
            key,
            "POST",
            "/quotes?wait=true",
            Some(&offramp),
        )
        .await?;
    s.op(
        "quotes.acceptBest",
        key,
        "POST",
        &format!("/quotes/{}/accept", text(&off, "id")?),
        None,
    )
    .await?;

    let mine = s
        .op("users.myOrders", key, "GET", "/user/orders", None)
        .await?;
    assert_eq!(items(&mine).len(), 3, "{}", mine.to_json());
    let all = s
        .op("customers.orders", key, "GET", "/customers/orders", None)
        .await?;
    let customers: Vec<Option<&Json>> = items(&all)
        .iter()
        .map(|o| o.get("ramp_customer_id"))
        .collect();
    assert!(customers.contains(&Some(&Json::Null)), "{}", all.to_json());
    let one = format!("/customers/orders?customer_id={id}&direction=on_ramp");
    s.op("customers.orders", key, "GET", &one, None).await?;
    Ok(())
}
