//! The money phase: customers (pending KYC and approved), their accounts, quotes and the
//! orders accepted quotes become.

use super::{first, has_object, items, quoted, text, Auth, Sandbox, TestResult};
use seismic_sdk::core::json::Json;

/// A documented individual customer (`POST /customers`), created once per tenant.
const CUSTOMER: &str = r#"{ "external_id": "user_abc123", "type": "individual", "email": "alice@example.com", "first_name": "Alice", "last_name": "Liddell", "date_of_birth": "1990-04-12", "address": { "line1": "123 Main St", "city": "Brooklyn", "state": "NY", "postal_code": "11201", "country": "US" } }"#;

/// Customers (pending KYC with links, and approved), accounts, quotes, orders.
pub async fn money(s: &Sandbox) -> TestResult {
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
