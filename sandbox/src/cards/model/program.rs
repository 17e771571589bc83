//! Program-level records: timings, credentials, BINs, call counters and
//! stored idempotent answers.

use serde_json::{json, Value};

use super::USD;
use crate::cards::errors::Outcome;
use crate::cards::ids;
use crate::common::random;

/// Per-program timings.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(crate) struct Settings {
    /// Access-token lifetime (`expiresIn`), seconds.
    pub token_ttl_secs: u64,
    /// Authorization-code lifetime, seconds.
    pub auth_code_ttl_secs: u64,
    /// Delay before a submitted KYC is decided, milliseconds.
    pub kyc_delay_ms: u64,
    /// Delay before a new cardholder is approved, milliseconds.
    pub cardholder_delay_ms: u64,
    /// Widget JWT lifetime, seconds.
    pub widget_token_ttl_secs: u64,
}

impl Default for Settings {
    fn default() -> Self {
        Self {
            token_ttl_secs: 86_400,
            auth_code_ttl_secs: 600,
            kyc_delay_ms: 1500,
            cardholder_delay_ms: 1000,
            widget_token_ttl_secs: 300,
        }
    }
}

/// The credential bundle of a program.
#[derive(Debug, Clone, PartialEq, Eq)]
pub(crate) struct Credentials {
    /// Public program id.
    pub client_id: String,
    /// Secret for `/v1/oauth/access-token`.
    pub client_secret: String,
    /// Top-level partner account.
    pub parent_account_id: String,
    /// Master merchant account (holds the prefunded USD wallet).
    pub merchant_id: String,
    /// Budget BIN the program issues from.
    pub default_bin_id: String,
    /// Webhook signing secret.
    pub webhook_secret: String,
}

impl Credentials {
    /// A fresh random bundle.
    pub(crate) fn random() -> Self {
        Self {
            client_id: random::id::<12>("sbx_cards_"),
            client_secret: random::id::<24>("sbx_cards_secret_"),
            parent_account_id: ids::uuid(),
            merchant_id: ids::uuid(),
            default_bin_id: ids::numeric(),
            webhook_secret: random::id::<24>("whsec_"),
        }
    }

    /// The bundle as the admin API and the ready line print it.
    pub(crate) fn to_json(&self) -> Value {
        json!({
            "clientId": self.client_id,
            "clientSecret": self.client_secret,
            "parentAccountId": self.parent_account_id,
            "merchantId": self.merchant_id,
            "defaultBinId": self.default_bin_id,
            "webhookSecret": self.webhook_secret,
        })
    }
}

/// A BIN the program may issue from.
#[derive(Debug, Clone)]
pub(crate) struct Bin {
    /// Id passed as `binId`.
    pub id: String,
    /// First six digits of the card numbers.
    pub prefix: &'static str,
    /// 0 = budget BIN, 1 = prepaid BIN.
    pub kind: u8,
    /// `VISA` or `MASTERCARD`.
    pub network: &'static str,
    /// Whether physical cards can be issued.
    pub supports_physical: bool,
}

impl Bin {
    /// The `GET /v1/card/bins` entry.
    pub(crate) fn to_json(&self) -> Value {
        json!({
            "id": self.id,
            "bin": self.prefix,
            "type": self.kind,
            "currencies": [USD],
            "network": self.network,
            "supportPhysicalCard": self.supports_physical,
        })
    }
}

/// A stored first answer for an `Idempotency-Key`.
#[derive(Debug, Clone)]
pub(crate) struct IdempotencyRecord {
    /// Parsed request body of the first call.
    pub body: Value,
    /// Its answer.
    pub outcome: Outcome,
}

/// Per-program call counters.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq)]
pub(crate) struct Stats {
    /// `GET /v1/oauth/authorize` calls naming this program.
    pub authorize_calls: u64,
    /// `POST /v1/oauth/access-token` calls naming this program.
    pub token_calls: u64,
    /// Every `/v1` request attributed to this program.
    pub requests: u64,
}
