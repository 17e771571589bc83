//! The Orchestration session core (native transport) against the in-process sandbox.

use std::cell::Cell;
use std::rc::Rc;

use seismic_sdk::core::error::Error;
use seismic_sdk::core::json::Json;
use seismic_sdk::orchestration::{
    MemoryTokenStore, OrchestrationClient, OrchestrationConfig, TokenPair, TokenStore,
};
use seismic_sdk::transport::{Cancel, PlatformSender};

type TestResult = Result<(), Box<dyn std::error::Error>>;

struct World {
    url: String,
    email: String,
    password: String,
    api_key: String,
    org_id: String,
    http: reqwest::Client,
}

impl World {
    async fn new(tenant: &str) -> Result<Self, Box<dyn std::error::Error>> {
        let running = seismic_sandbox::start(seismic_sandbox::Config::random()).await?;
        let http = reqwest::Client::new();
        let text = http
            .post(format!("{}/__sandbox/orchestration/tenants", running.url))
            .header("content-type", "application/json")
            .body(tenant.to_owned())
            .send()
            .await?
            .text()
            .await?;
        let t = Json::parse(&text).ok_or("tenant json")?;
        let field = |n: &str| {
            t.str_field(n)
                .map(str::to_owned)
                .ok_or(format!("tenant.{n}"))
        };
        Ok(Self {
            url: format!("{}/api", running.url),
            email: field("email")?,
            password: field("password")?,
            api_key: field("apiKey")?,
            org_id: field("orgId")?,
            http,
        })
    }

    fn client(
        &self,
        store: MemoryTokenStore,
    ) -> Result<OrchestrationClient<PlatformSender, MemoryTokenStore>, Error> {
        Ok(OrchestrationClient::new(
            OrchestrationConfig::new(&self.url)?,
            PlatformSender::default(),
            store,
        ))
    }

    async fn stat(&self, name: &str) -> Result<i64, Box<dyn std::error::Error>> {
        let base = self.url.trim_end_matches("/api");
        let text = self
            .http
            .get(format!(
                "{base}/__sandbox/orchestration/stats?orgId={}",
                self.org_id
            ))
            .send()
            .await?
            .text()
            .await?;
        match Json::parse(&text).and_then(|s| s.get(name).cloned()) {
            Some(Json::Number(n)) => Ok(n.parse()?),
            other => Err(format!("stats.{name}: {other:?}").into()),
        }
    }

    async fn login(
        &self,
        c: &OrchestrationClient<PlatformSender, MemoryTokenStore>,
    ) -> Result<TokenPair, Box<dyn std::error::Error>> {
        let body = Json::Object(vec![
            ("email".into(), Json::Str(self.email.clone())),
            ("password".into(), Json::Str(self.password.clone())),
        ]);
        let text = c
            .request("POST", "/v0/auth/login", &[], Some(&body), &Cancel::none())
            .await?;
        Ok(c.store_pair(&text).await?.ok_or("login gave no pair")?)
    }
}

fn code(r: Result<String, Error>) -> Option<(u16, String)> {
    match r {
        Err(Error::Api(e)) => Some((e.status, e.code)),
        _ => None,
    }
}

#[tokio::test]
async fn api_key_mode_sends_only_the_key_and_errors_keep_their_code() -> TestResult {
    let w = World::new("{}").await?;
    let mut config = OrchestrationConfig::new(&w.url)?;
    let key = w.api_key.clone();
    config.api_key = Some(Box::new(move || Some(key.clone())));
    let c = OrchestrationClient::new(
        config,
        PlatformSender::default(),
        MemoryTokenStore::new(None),
    );
    let org = Json::parse(
        &c.request("GET", "/v0/org", &[], None, &Cancel::none())
            .await?,
    )
    .ok_or("json")?;
    assert!(
        org.str_field("id").is_some() || org.get("org").is_some(),
        "{org:?}"
    );
    let r = c
        .request(
            "GET",
            "/v0/customers/cus_missing",
            &[],
            None,
            &Cancel::none(),
        )
        .await;
    assert_eq!(code(r).map(|(s, _)| s), Some(404));
    Ok(())
}

#[tokio::test]
async fn a_hundred_parallel_calls_on_an_expired_token_refresh_once() -> TestResult {
    let w = World::new(r#"{"accessTtlSeconds":1}"#).await?;
    let c = w.client(MemoryTokenStore::new(None))?;
    let pair = w.login(&c).await?;
    // Forget the expiry so the 401 path (not the refresh-ahead path) is what runs.
    c.store()
        .save(&TokenPair {
            access_expires_at: None,
            ..pair.clone()
        })
        .await?;
    tokio::time::sleep(std::time::Duration::from_millis(2_500)).await;
    let none = Cancel::none();
    let calls = (0..100).map(|_| c.request("GET", "/v0/user", &[], None, &none));
    let results = futures_join_all(calls).await;
    assert!(
        results.iter().all(Result::is_ok),
        "{:?}",
        results.iter().find(|r| r.is_err())
    );
    assert_eq!(w.stat("refreshCalls").await?, 1);
    let now = c.store().load().await?.ok_or("pair")?;
    assert_ne!(
        now.refresh_token, pair.refresh_token,
        "the refresh token rotated"
    );
    Ok(())
}

#[tokio::test]
async fn a_known_expiry_is_refreshed_ahead_without_a_401() -> TestResult {
    let w = World::new(r#"{"accessTtlSeconds":20}"#).await?;
    let c = w.client(MemoryTokenStore::new(None))?;
    let pair = w.login(&c).await?;
    c.request("GET", "/v0/user", &[], None, &Cancel::none())
        .await?;
    assert_eq!(
        w.stat("refreshCalls").await?,
        1,
        "20 s left is inside the 30 s refresh-ahead window"
    );
    assert_ne!(
        c.store().load().await?.map(|p| p.access_token),
        Some(pair.access_token)
    );
    Ok(())
}

#[tokio::test]
async fn a_failed_refresh_clears_the_store_and_reports_once() -> TestResult {
    let w = World::new(r#"{"accessTtlSeconds":1}"#).await?;
    let failed = Rc::new(Cell::new(0));
    let seen = failed.clone();
    let mut config = OrchestrationConfig::new(&w.url)?;
    config.on_refresh_failed = Some(Box::new(move || seen.set(seen.get() + 1)));
    let c = OrchestrationClient::new(
        config,
        PlatformSender::default(),
        MemoryTokenStore::new(None),
    );
    let pair = w.login(&c).await?;
    let stale = TokenPair {
        access_expires_at: None,
        refresh_token: "rt_revoked".into(),
        ..pair
    };
    c.store().save(&stale).await?;
    tokio::time::sleep(std::time::Duration::from_millis(2_500)).await;
    let r = c
        .request("GET", "/v0/user", &[], None, &Cancel::none())
        .await;
    assert_eq!(code(r).map(|(s, _)| s), Some(401));
    assert_eq!(c.store().load().await?, None, "store cleared");
    assert_eq!(failed.get(), 1);
    // Login, signup, refresh and logout never trigger a refresh.
    let bad = Json::Object(vec![
        ("email".into(), Json::Str(w.email.clone())),
        ("password".into(), Json::Str("wrong-password".into())),
    ]);
    let r = c
        .request("POST", "/v0/auth/login", &[], Some(&bad), &Cancel::none())
        .await;
    assert_eq!(code(r), Some((401, "InvalidCredentials".into())));
    assert_eq!(failed.get(), 1);
    Ok(())
}

// join_all without pulling in the futures crate.
async fn futures_join_all<F: std::future::Future>(
    futures: impl Iterator<Item = F>,
) -> Vec<F::Output> {
    let mut pinned: Vec<std::pin::Pin<Box<F>>> = futures.map(Box::pin).collect();
    let mut out: Vec<Option<F::Output>> = pinned.iter().map(|_| None).collect();
    std::future::poll_fn(|cx| {
        let mut pending = false;
        for (slot, fut) in out.iter_mut().zip(pinned.iter_mut()) {
            if slot.is_none() {
                match fut.as_mut().poll(cx) {
                    std::task::Poll::Ready(v) => *slot = Some(v),
                    std::task::Poll::Pending => pending = true,
                }
            }
        }
        if pending {
            std::task::Poll::Pending
        } else {
            std::task::Poll::Ready(())
        }
    })
    .await;
    out.into_iter().flatten().collect()
}

fn args(text: &str) -> Result<Vec<Json>, Box<dyn std::error::Error>> {
    match Json::parse(text) {
        Some(Json::Array(items)) => Ok(items),
        _ => Err(format!("bad args {text}").into()),
    }
}

#[tokio::test]
async fn documented_methods_check_arguments_and_answers_and_persist_pairs() -> TestResult {
    let w = World::new("{}").await?;
    let c = w.client(MemoryTokenStore::new(None))?;
    let none = Cancel::none();
    let requests = w.stat("requests").await?;
    // Refused before anything is sent.
    let bad = c
        .call("quotes.accept", &args(r#"["snap"]"#)?, false, &none)
        .await;
    assert!(
        matches!(&bad, Err(Error::InvalidArgument { field, .. }) if field == "quoteId"),
        "{bad:?}"
    );
    let bad = c
        .call(
            "quotes.create",
            &args(r#"[{"amount":10,"source":"a","destination":"b"}]"#)?,
            false,
            &none,
        )
        .await;
    assert!(
        matches!(&bad, Err(Error::InvalidArgument { field, .. }) if field == "req.amount"),
        "{bad:?}"
    );
    // Logging out without a session only clears: nothing to revoke, nothing sent.
    c.call("auth.logout", &[], false, &none).await?;
    assert_eq!(w.stat("requests").await?, requests, "nothing was sent");
    // login persists the pair; list answers are unwrapped; 204s have no body.
    let login = args(&format!(r#"["{}", "{}"]"#, w.email, w.password))?;
    let reply = c.call("auth.login", &login, false, &none).await?;
    let stored = c.store().load().await?.ok_or("login stored no pair")?;
    assert!(reply
        .text
        .as_deref()
        .is_some_and(|t| t.contains(&stored.access_token)));
    let keys = c.call("apiKeys.list", &[], false, &none).await?;
    assert_eq!(keys.unwrap, Some("api_keys"));
    let minted = c
        .call(
            "apiKeys.mint",
            &args(r#"[{"label":"native"}]"#)?,
            false,
            &none,
        )
        .await?;
    let id = minted
        .text
        .as_deref()
        .and_then(Json::parse)
        .and_then(|j| j.str_field("id").map(str::to_owned))
        .ok_or("minted id")?;
    let revoked = c
        .call("apiKeys.revoke", &[Json::Str(id)], false, &none)
        .await?;
    assert_eq!(revoked.text, None, "204 → no body");
    c.call("auth.logout", &[], false, &none).await?;
    assert!(
        c.store().load().await?.is_none(),
        "logout cleared the store"
    );
    Ok(())
}
