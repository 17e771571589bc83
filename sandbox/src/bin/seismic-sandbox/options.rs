//! The command line: flags and their environment variables, parsed over a
//! random [`Config`] and checked before anything binds.

use std::net::IpAddr;

use base64::engine::general_purpose::STANDARD;
use base64::Engine;
use seismic_sandbox::{parse_cents, Config};

/// The `--help` text (it also documents the `ready` line other tools
/// parse; see `announce`).
pub(crate) const USAGE: &str = "\
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
pub(crate) enum Command {
    /// `-h` / `--help`: print [`USAGE`].
    Help,
    /// Start a sandbox with this configuration.
    Run(Box<Config>),
}

/// Parses flags (`--name value` or `--name=value`) over environment values.
pub(crate) fn parse_args(
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
    validate(&config)?;
    Ok(Command::Run(Box::new(config)))
}

/// Refuses combinations the sandbox cannot serve: empty Cards credentials
/// or clashing ids and keys, and an Orchestration owner that could never
/// log in.
fn validate(config: &Config) -> Result<(), String> {
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
    Ok(())
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
}
