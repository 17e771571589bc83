//! What the binary says once it listens: the single machine-readable
//! `ready` JSON line on stdout (other tools parse it, so its keys and their
//! order are fixed) and the human-readable credentials on stderr.

use base64::engine::general_purpose::STANDARD;
use base64::Engine;
use seismic_sandbox::{format_cents, Running};

/// The single `ready` line printed on stdout.
pub(crate) fn ready_line(running: &Running) -> String {
    let quote = |text: &str| serde_json::Value::from(text).to_string();
    format!(
        "{{\"event\":\"ready\",\"url\":{},\"envelope\":{{\"apiKey\":{},\"encryptionKey\":{},\"noAccessApiKey\":{}}},\"storedValue\":{{\"apiKey\":{}}},\
         \"cards\":{{\"clientId\":{},\"clientSecret\":{},\"parentAccountId\":{},\"merchantId\":{},\"defaultBinId\":{},\"webhookSecret\":{},\"widgetOrigin\":{}}},\
         \"orchestration\":{{\"email\":{},\"password\":{},\"apiKey\":{},\"orgId\":{}}}}}",
        quote(&running.url),
        quote(&running.config.envelope_api_key),
        quote(&STANDARD.encode(running.config.envelope_encryption_key)),
        quote(&running.config.envelope_no_access_key),
        quote(&running.config.stored_value_api_key),
        quote(&running.config.cards_client_id),
        quote(&running.config.cards_client_secret),
        quote(&running.config.cards_parent_account_id),
        quote(&running.config.cards_merchant_id),
        quote(&running.config.cards_default_bin_id),
        quote(&running.config.cards_webhook_secret),
        quote(&running.widget_url),
        quote(&running.config.orchestration_email),
        quote(&running.config.orchestration_password),
        quote(&running.config.orchestration_api_key),
        quote(&running.config.orchestration_org_id),
    )
}

/// Human-readable credentials for stderr.
pub(crate) fn credentials_block(running: &Running) -> String {
    let config = &running.config;
    format!(
        "seismic-sandbox listening on {url}\n\
         \n\
         Encrypted envelope API ({url}/api/v1)\n\
         \x20 API-KEY:           {key}\n\
         \x20 Encryption key:    {enc} (base64)\n\
         \x20 No-access API-KEY: {noaccess}\n\
         \x20 Master balance:    {balance} USD\n\
         \n\
         Stored-value (gift card) API ({url}/v2)\n\
         \x20 API key:           {sv_key} (send as Authorization: Bearer {sv_bearer})\n\
         \n\
         Seismic Cards API ({url}/v1, header x-access-token)\n\
         \x20 clientId:          {cards_id}\n\
         \x20 clientSecret:      {cards_secret}\n\
         \x20 parentAccountId:   {cards_parent}\n\
         \x20 merchantId:        {cards_merchant}\n\
         \x20 defaultBinId:      {cards_bin}\n\
         \x20 webhookSecret:     {cards_webhook}\n\
         \x20 Card widget:       {widget}\n\
         \n\
         Seismic Orchestration API ({url}/api/v0, header Api-Key)\n\
         \x20 email:             {orch_email}\n\
         \x20 password:          {orch_password}\n\
         \x20 apiKey:            {orch_key}\n\
         \x20 orgId:             {orch_org}\n\
         \n\
         Admin: {url}/__sandbox/health, POST {url}/__sandbox/envelope/tenants,\n\
         \x20      POST {url}/__sandbox/stored-value/tenants, POST {url}/__sandbox/cards/tenants,\n\
         \x20      POST {url}/__sandbox/orchestration/tenants\n\
         Press Ctrl+C to stop.\n",
        url = running.url,
        key = config.envelope_api_key,
        enc = STANDARD.encode(config.envelope_encryption_key),
        noaccess = config.envelope_no_access_key,
        balance = format_cents(config.envelope_master_balance_cents),
        sv_key = config.stored_value_api_key,
        sv_bearer = STANDARD.encode(&config.stored_value_api_key),
        cards_id = config.cards_client_id,
        cards_secret = config.cards_client_secret,
        cards_parent = config.cards_parent_account_id,
        cards_merchant = config.cards_merchant_id,
        cards_bin = config.cards_default_bin_id,
        cards_webhook = config.cards_webhook_secret,
        widget = running.widget_url,
        orch_email = config.orchestration_email,
        orch_password = config.orchestration_password,
        orch_key = config.orchestration_api_key,
        orch_org = config.orchestration_org_id,
    )
}

#[cfg(test)]
mod tests {
    use super::*;
    use seismic_sandbox::{start, Config};

    #[tokio::test]
    async fn ready_line_lists_every_api() {
        let running = start(Config::random())
            .await
            .unwrap_or_else(|e| panic!("{e}"));
        let line = ready_line(&running);
        let ready: serde_json::Value =
            serde_json::from_str(&line).unwrap_or_else(|e| panic!("{e}: {line}"));
        assert_eq!(ready["event"], "ready");
        assert_eq!(ready["url"], running.url.as_str());
        assert_eq!(
            ready["envelope"]["apiKey"],
            running.config.envelope_api_key.as_str()
        );
        assert_eq!(
            ready["storedValue"],
            serde_json::json!({ "apiKey": running.config.stored_value_api_key })
        );
        assert_eq!(
            ready["cards"],
            serde_json::json!({
                "clientId": running.config.cards_client_id,
                "clientSecret": running.config.cards_client_secret,
                "parentAccountId": running.config.cards_parent_account_id,
                "merchantId": running.config.cards_merchant_id,
                "defaultBinId": running.config.cards_default_bin_id,
                "webhookSecret": running.config.cards_webhook_secret,
                "widgetOrigin": running.widget_url,
            })
        );
        assert_ne!(running.widget_url, running.url);
        let envelope_at = line.find("\"envelope\"");
        let stored_value_at = line.find("\"storedValue\"");
        let cards_at = line.find("\"cards\"");
        assert!(envelope_at < stored_value_at, "{line}");
        assert!(stored_value_at < cards_at, "{line}");
        assert_eq!(
            ready["orchestration"],
            serde_json::json!({
                "email": running.config.orchestration_email,
                "password": running.config.orchestration_password,
                "apiKey": running.config.orchestration_api_key,
                "orgId": running.config.orchestration_org_id,
            })
        );
        assert!(cards_at < line.find("\"orchestration\""), "{line}");
        let client_id_at = line.find("\"clientId\"");
        let widget_at = line.find("\"widgetOrigin\"");
        assert!(client_id_at < widget_at, "{line}");
        assert!(credentials_block(&running).contains(&running.config.stored_value_api_key));
        running.shutdown().await.unwrap_or_else(|e| panic!("{e}"));
    }
}
