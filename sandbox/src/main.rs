//! `seismic-sandbox` binary: parses flags/env, starts the server, prints a
//! machine-readable `ready` line on stdout and credentials on stderr, and
//! runs until SIGINT/SIGTERM.

use std::io::Write;
use std::net::IpAddr;
use std::process::ExitCode;

use base64::engine::general_purpose::STANDARD;
use base64::Engine;
use seismic_sandbox::{format_cents, parse_cents, start, Config, Running};

const USAGE: &str = "\
Usage: seismic-sandbox [OPTIONS]

Local in-memory server simulating the Seismic APIs.

Options (each also read from the environment variable shown; flags win):
  --host H                        Interface to bind [SEISMIC_SANDBOX_HOST] (default 127.0.0.1)
  --port P                        Port, 0 = ephemeral [SEISMIC_SANDBOX_PORT] (default 0)
  --envelope-api-key K            Default tenant API-KEY [SEISMIC_SANDBOX_ENVELOPE_API_KEY]
  --envelope-encryption-key KEY   32-byte key, base64 or 64 hex digits
                                  [SEISMIC_SANDBOX_ENVELOPE_ENCRYPTION_KEY]
  --envelope-no-access-key K      Key answered with 403 [SEISMIC_SANDBOX_ENVELOPE_NO_ACCESS_KEY]
  --envelope-master-balance D     Master balance in dollars, e.g. 10000.00
                                  [SEISMIC_SANDBOX_ENVELOPE_MASTER_BALANCE]
  --stored-value-api-key K        Default stored-value merchant API key
                                  [SEISMIC_SANDBOX_STORED_VALUE_API_KEY]
  --cards-client-id ID            Default Cards program [SEISMIC_SANDBOX_CARDS_CLIENT_ID]
  --cards-client-secret S         [SEISMIC_SANDBOX_CARDS_CLIENT_SECRET]
  --cards-parent-account-id ID    [SEISMIC_SANDBOX_CARDS_PARENT_ACCOUNT_ID]
  --cards-merchant-id ID          Master merchant account ($100,000.00 USD wallet)
                                  [SEISMIC_SANDBOX_CARDS_MERCHANT_ID]
  --cards-default-bin-id ID       [SEISMIC_SANDBOX_CARDS_DEFAULT_BIN_ID]
  --cards-webhook-secret S        [SEISMIC_SANDBOX_CARDS_WEBHOOK_SECRET]
  --widget-port P                 Card widget port, its own origin; 0 = ephemeral
                                  [SEISMIC_SANDBOX_WIDGET_PORT] (default 0)
  --orchestration-email E         Default Orchestration owner [SEISMIC_SANDBOX_ORCHESTRATION_EMAIL]
  --orchestration-password P      At least 10 characters [SEISMIC_SANDBOX_ORCHESTRATION_PASSWORD]
  --orchestration-api-key K       Default org Api-Key [SEISMIC_SANDBOX_ORCHESTRATION_API_KEY]
  -h, --help                      Print this help

Unset keys are random. On start, one JSON line is printed to stdout:
  {\"event\":\"ready\",\"url\":...,\"envelope\":{\"apiKey\":...,\"encryptionKey\":...,\"noAccessApiKey\":...},
   \"storedValue\":{\"apiKey\":...},\"cards\":{\"clientId\":...,\"clientSecret\":...,\"parentAccountId\":...,
   \"merchantId\":...,\"defaultBinId\":...,\"webhookSecret\":...,\"widgetOrigin\":...},
   \"orchestration\":{\"email\":...,\"password\":...,\"apiKey\":...,\"orgId\":...}}
";

/// Options that can be given as a flag or an environment variable:
/// (flag name, environment variable).
const OPTIONS: [(&str, &str); 17] = [
    ("host", "SEISMIC_SANDBOX_HOST"),
    ("port", "SEISMIC_SANDBOX_PORT"),
    ("envelope-api-key", "SEISMIC_SANDBOX_ENVELOPE_API_KEY"),
    (
        "envelope-encryption-key",
        "SEISMIC_SANDBOX_ENVELOPE_ENCRYPTION_KEY",
    ),
    (
        "envelope-no-access-key",
        "SEISMIC_SANDBOX_ENVELOPE_NO_ACCESS_KEY",
    ),
    (
        "envelope-master-balance",
        "SEISMIC_SANDBOX_ENVELOPE_MASTER_BALANCE",
    ),
    (
        "stored-value-api-key",
        "SEISMIC_SANDBOX_STORED_VALUE_API_KEY",
    ),
    ("cards-client-id", "SEISMIC_SANDBOX_CARDS_CLIENT_ID"),
    ("cards-client-secret", "SEISMIC_SANDBOX_CARDS_CLIENT_SECRET"),
    (
        "cards-parent-account-id",
        "SEISMIC_SANDBOX_CARDS_PARENT_ACCOUNT_ID",
    ),
    ("cards-merchant-id", "SEISMIC_SANDBOX_CARDS_MERCHANT_ID"),
    (
        "cards-default-bin-id",
        "SEISMIC_SANDBOX_CARDS_DEFAULT_BIN_ID",
    ),
    (
        "cards-webhook-secret",
        "SEISMIC_SANDBOX_CARDS_WEBHOOK_SECRET",
    ),
    ("widget-port", "SEISMIC_SANDBOX_WIDGET_PORT"),
    ("orchestration-email", "SEISMIC_SANDBOX_ORCHESTRATION_EMAIL"),
    (
        "orchestration-password",
        "SEISMIC_SANDBOX_ORCHESTRATION_PASSWORD",
    ),
    (
        "orchestration-api-key",
        "SEISMIC_SANDBOX_ORCHESTRATION_API_KEY",
    ),
];

/// What the command line asks for.
#[derive(Debug, PartialEq)]
enum Command {
    Help,
    Run(Box<Config>),
}

/// Parses flags (`--name value` or `--name=value`) over environment values.
fn parse_args(
    args: impl IntoIterator<Item = String>,
    env: impl Fn(&str) -> Option<String>,
) -> Result<Command, String> {
    let mut values: Vec<(&str, Option<String>)> = OPTIONS
        .iter()
        .map(|(name, var)| (*name, env(var).filter(|v| !v.is_empty())))
        .collect();
    let mut args = args.into_iter();
    while let Some(arg) = args.next() {
        if arg == "-h" || arg == "--help" {
            return Ok(Command::Help);
        }
        let Some(flag) = arg.strip_prefix("--") else {
            return Err(format!("unexpected argument: {arg}"));
        };
        let (name, inline) = match flag.split_once('=') {
            Some((name, value)) => (name, Some(value.to_owned())),
            None => (flag, None),
        };
        let Some(slot) = values.iter_mut().find(|(known, _)| *known == name) else {
            return Err(format!("unknown option: --{name}"));
        };
        let value = match inline {
            Some(value) => value,
            None => args
                .next()
                .ok_or_else(|| format!("--{name} needs a value"))?,
        };
        slot.1 = Some(value);
    }
    let mut config = Config::random();
    for (name, value) in values {
        let Some(value) = value else { continue };
        match name {
            "host" => {
                config.host = value
                    .parse::<IpAddr>()
                    .map_err(|_| format!("--host: not an IP address: {value}"))?;
            }
            "port" => {
                config.port = value
                    .parse()
                    .map_err(|_| format!("--port: not a port number: {value}"))?;
            }
            "envelope-api-key" => config.envelope_api_key = value,
            "envelope-encryption-key" => {
                config.envelope_encryption_key = parse_key(&value).ok_or_else(|| {
                    "--envelope-encryption-key: need 32 bytes as base64 or 64 hex digits".to_owned()
                })?;
            }
            "envelope-no-access-key" => config.envelope_no_access_key = value,
            "envelope-master-balance" => {
                config.envelope_master_balance_cents = parse_cents(&value).ok_or_else(|| {
                    format!("--envelope-master-balance: not a dollar amount: {value}")
                })?;
            }
            "stored-value-api-key" => config.stored_value_api_key = value,
            "cards-client-id" => config.cards_client_id = value,
            "cards-client-secret" => config.cards_client_secret = value,
            "cards-parent-account-id" => config.cards_parent_account_id = value,
            "cards-merchant-id" => config.cards_merchant_id = value,
            "cards-default-bin-id" => config.cards_default_bin_id = value,
            "cards-webhook-secret" => config.cards_webhook_secret = value,
            "widget-port" => {
                config.widget_port = value
                    .parse()
                    .map_err(|_| format!("--widget-port: not a port number: {value}"))?;
            }
            "orchestration-email" => config.orchestration_email = value,
            "orchestration-password" => config.orchestration_password = value,
            "orchestration-api-key" => config.orchestration_api_key = value,
            _ => {}
        }
    }
    let cards = [
        ("cards-client-id", &config.cards_client_id),
        ("cards-client-secret", &config.cards_client_secret),
        ("cards-parent-account-id", &config.cards_parent_account_id),
        ("cards-merchant-id", &config.cards_merchant_id),
        ("cards-default-bin-id", &config.cards_default_bin_id),
        ("cards-webhook-secret", &config.cards_webhook_secret),
    ];
    if let Some((name, _)) = cards.iter().find(|(_, value)| value.trim().is_empty()) {
        return Err(format!("--{name} must not be empty"));
    }
    if config.cards_parent_account_id == config.cards_merchant_id {
        return Err("the Cards parent account and merchant ids must differ".to_owned());
    }
    if config.envelope_api_key == config.envelope_no_access_key {
        return Err("the API key and the no-access key must differ".to_owned());
    }
    if config.stored_value_api_key.is_empty() {
        return Err("the stored-value API key must not be empty".to_owned());
    }
    let email = &config.orchestration_email;
    if !email.contains('@') || email.chars().any(char::is_whitespace) {
        return Err(format!(
            "--orchestration-email: not an email address: {email}"
        ));
    }
    if config.orchestration_password.chars().count() < 10 {
        return Err("--orchestration-password must be at least 10 characters".to_owned());
    }
    if config.orchestration_api_key.trim().is_empty() {
        return Err("--orchestration-api-key must not be empty".to_owned());
    }
    Ok(Command::Run(Box::new(config)))
}

/// A 32-byte key from 64 hex digits or base64.
fn parse_key(text: &str) -> Option<[u8; 32]> {
    let text = text.trim();
    let bytes = if text.len() == 64 && text.bytes().all(|b| b.is_ascii_hexdigit()) {
        (0..64)
            .step_by(2)
            .map(|i| u8::from_str_radix(text.get(i..i + 2)?, 16).ok())
            .collect::<Option<Vec<u8>>>()?
    } else {
        STANDARD.decode(text).ok()?
    };
    bytes.try_into().ok()
}

/// The single `ready` line printed on stdout.
fn ready_line(running: &Running) -> String {
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
fn credentials_block(running: &Running) -> String {
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

/// Resolves on SIGINT or (on Unix) SIGTERM.
async fn shutdown_signal() {
    #[cfg(unix)]
    {
        use tokio::signal::unix::{signal, SignalKind};
        match signal(SignalKind::terminate()) {
            Ok(mut term) => {
                tokio::select! {
                    _ = tokio::signal::ctrl_c() => {}
                    _ = term.recv() => {}
                }
            }
            Err(_) => {
                let _ = tokio::signal::ctrl_c().await;
            }
        }
    }
    #[cfg(not(unix))]
    {
        let _ = tokio::signal::ctrl_c().await;
    }
}

#[tokio::main]
async fn main() -> ExitCode {
    let config = match parse_args(std::env::args().skip(1), |var| std::env::var(var).ok()) {
        Ok(Command::Help) => {
            print!("{USAGE}");
            return ExitCode::SUCCESS;
        }
        Ok(Command::Run(config)) => *config,
        Err(message) => {
            eprintln!("seismic-sandbox: {message}\n\n{USAGE}");
            return ExitCode::from(2);
        }
    };
    let running = match start(config).await {
        Ok(running) => running,
        Err(error) => {
            eprintln!("seismic-sandbox: cannot start: {error}");
            return ExitCode::FAILURE;
        }
    };
    eprint!("{}", credentials_block(&running));
    let mut stdout = std::io::stdout().lock();
    if writeln!(stdout, "{}", ready_line(&running))
        .and_then(|()| stdout.flush())
        .is_err()
    {
        eprintln!("seismic-sandbox: cannot write the ready line to stdout");
    }
    drop(stdout);
    shutdown_signal().await;
    eprintln!("seismic-sandbox: shutting down");
    match running.shutdown().await {
        Ok(()) => ExitCode::SUCCESS,
        Err(error) => {
            eprintln!("seismic-sandbox: {error}");
            ExitCode::FAILURE
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn args(list: &[&str]) -> Vec<String> {
        list.iter().map(|s| (*s).to_owned()).collect()
    }

    fn run(list: &[&str], env: &[(&str, &str)]) -> Result<Config, String> {
        let env: Vec<(String, String)> = env
            .iter()
            .map(|(k, v)| ((*k).to_owned(), (*v).to_owned()))
            .collect();
        match parse_args(args(list), |var| {
            env.iter().find(|(k, _)| k == var).map(|(_, v)| v.clone())
        })? {
            Command::Run(config) => Ok(*config),
            Command::Help => Err("help".to_owned()),
        }
    }

    #[test]
    fn flags_override_env() {
        let config = run(
            &["--port", "4010", "--envelope-api-key=flag-key"],
            &[
                ("SEISMIC_SANDBOX_PORT", "5000"),
                ("SEISMIC_SANDBOX_HOST", "0.0.0.0"),
                ("SEISMIC_SANDBOX_ENVELOPE_API_KEY", "env-key"),
                ("SEISMIC_SANDBOX_ENVELOPE_MASTER_BALANCE", "12.34"),
                ("SEISMIC_SANDBOX_STORED_VALUE_API_KEY", "sv-env-key"),
            ],
        );
        let config = config.unwrap_or_else(|e| panic!("{e}"));
        assert_eq!(config.port, 4010);
        assert_eq!(config.host.to_string(), "0.0.0.0");
        assert_eq!(config.envelope_api_key, "flag-key");
        assert_eq!(config.envelope_master_balance_cents, 1234);
        assert_eq!(config.stored_value_api_key, "sv-env-key");
        let config = run(&["--stored-value-api-key", "sv-flag"], &[]);
        let config = config.unwrap_or_else(|e| panic!("{e}"));
        assert_eq!(config.stored_value_api_key, "sv-flag");
    }

    #[test]
    fn cards_options() {
        let config = run(
            &["--cards-client-id", "cid", "--widget-port=4011"],
            &[
                ("SEISMIC_SANDBOX_CARDS_CLIENT_ID", "env-cid"),
                ("SEISMIC_SANDBOX_CARDS_CLIENT_SECRET", "env-secret"),
                ("SEISMIC_SANDBOX_CARDS_PARENT_ACCOUNT_ID", "parent"),
                ("SEISMIC_SANDBOX_CARDS_MERCHANT_ID", "merchant"),
                ("SEISMIC_SANDBOX_CARDS_DEFAULT_BIN_ID", "123"),
                ("SEISMIC_SANDBOX_CARDS_WEBHOOK_SECRET", "whsec_x"),
                ("SEISMIC_SANDBOX_WIDGET_PORT", "5011"),
            ],
        );
        let config = config.unwrap_or_else(|e| panic!("{e}"));
        assert_eq!(config.cards_client_id, "cid");
        assert_eq!(config.cards_client_secret, "env-secret");
        assert_eq!(config.cards_parent_account_id, "parent");
        assert_eq!(config.cards_merchant_id, "merchant");
        assert_eq!(config.cards_default_bin_id, "123");
        assert_eq!(config.cards_webhook_secret, "whsec_x");
        assert_eq!(config.widget_port, 4011);
        assert!(run(&["--widget-port", "70000"], &[]).is_err());
        assert!(run(&["--cards-client-secret="], &[]).is_err());
        assert!(run(
            &["--cards-parent-account-id=a", "--cards-merchant-id=a"],
            &[]
        )
        .is_err());
    }

    #[test]
    fn keys_accept_hex_and_base64() {
        let hex = "00".repeat(31) + "ff";
        let mut expected = [0u8; 32];
        expected[31] = 0xff;
        assert_eq!(parse_key(&hex), Some(expected));
        assert_eq!(parse_key(&STANDARD.encode(expected)), Some(expected));
        assert_eq!(parse_key("abcd"), None);
        assert_eq!(parse_key(&STANDARD.encode([1u8; 31])), None);
    }

    #[test]
    fn rejects_bad_input() {
        assert!(run(&["--port", "x"], &[]).is_err());
        assert!(run(&["--port"], &[]).is_err());
        assert!(run(&["--bogus", "1"], &[]).is_err());
        assert!(run(&["stray"], &[]).is_err());
        assert!(run(&["--envelope-master-balance", "-5"], &[]).is_err());
        assert!(run(&["--envelope-encryption-key", "short"], &[]).is_err());
        assert_eq!(run(&["--help"], &[]), Err("help".to_owned()));
        assert!(run(&["--stored-value-api-key="], &[]).is_err());
        assert!(run(&["--orchestration-email", "nobody"], &[]).is_err());
        assert!(run(&["--orchestration-password", "short"], &[]).is_err());
        let config = run(
            &["--orchestration-api-key", "seismic_sandbox_fixed"],
            &[("SEISMIC_SANDBOX_ORCHESTRATION_EMAIL", "ops@example.com")],
        );
        let config = config.unwrap_or_else(|e| panic!("{e}"));
        assert_eq!(config.orchestration_api_key, "seismic_sandbox_fixed");
        assert_eq!(config.orchestration_email, "ops@example.com");
    }

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
