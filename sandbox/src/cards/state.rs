//! In-memory state of the Cards API: programs (tenants) and everything
//! they own, plus the registry that finds them by `clientId` or access
//! token.

use std::collections::{HashMap, VecDeque};
use std::sync::{Arc, Mutex, OnceLock, RwLock};
use std::time::SystemTime;

use serde_json::{json, Map, Value};

use super::errors::Outcome;
use super::ids;
use super::webhooks::Webhooks;
use crate::common::money::format_cents;
use crate::common::{lock, random};
use crate::envelope::state::Fault;

/// Opening balance of every program's master merchant wallet: $100,000.00.
pub(crate) const MASTER_WALLET_CENTS: i64 = 10_000_000;
/// The only currency.
pub(crate) const USD: &str = "USD";

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

/// What kind of account an account is.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(crate) enum AccountKind {
    /// The program's top-level partner account.
    Parent,
    /// The master merchant account.
    Merchant,
    /// A user sub-account created by `register`.
    User,
}

/// KYC state of an account.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(crate) enum KycStatus {
    /// Nothing submitted.
    None,
    /// Under review.
    Pending,
    /// Cleared.
    Approved,
    /// Failed.
    Rejected,
}

impl KycStatus {
    /// Wire name.
    pub(crate) fn as_str(self) -> &'static str {
        match self {
            Self::None => "NONE",
            Self::Pending => "PENDING",
            Self::Approved => "APPROVED",
            Self::Rejected => "REJECTED",
        }
    }
}

/// An account of the program.
#[derive(Debug, Clone)]
pub(crate) struct Account {
    /// Account UUID.
    pub id: String,
    /// Internal user id.
    pub user_id: String,
    /// Parent, merchant or user.
    pub kind: AccountKind,
    /// Display name.
    pub name: String,
    /// Email as registered.
    pub email: String,
    /// Optional E.164 phone.
    pub phone: Option<String>,
    /// KYC state.
    pub kyc: KycStatus,
    /// Current KYC case, once one was submitted.
    pub case_id: Option<String>,
    /// The USD wallet, once initialized.
    pub wallet_id: Option<String>,
}

impl Account {
    /// The `GET /v1/accounts` entry.
    pub(crate) fn to_json(&self) -> Value {
        json!({
            "accountId": self.id,
            "userId": self.user_id,
            "name": self.name,
            "email": self.email,
            "phone": self.phone,
        })
    }
}

/// A USD wallet.
#[derive(Debug, Clone)]
pub(crate) struct Wallet {
    /// Wallet UUID.
    pub id: String,
    /// Owner.
    pub account_id: String,
    /// Balance in cents.
    pub balance_cents: i64,
}

impl Wallet {
    /// The `GET /v1/cards/wallets` entry.
    pub(crate) fn to_json(&self) -> Value {
        json!({
            "id": self.id,
            "objectType": 0,
            "currency": USD,
            "balance": { "available": format_cents(self.balance_cents) },
        })
    }
}

/// Review state of a cardholder.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(crate) enum CardholderStatus {
    /// Just created.
    Pending,
    /// Cards may be issued.
    Approved,
}

impl CardholderStatus {
    /// Wire name.
    pub(crate) fn as_str(self) -> &'static str {
        match self {
            Self::Pending => "PENDING",
            Self::Approved => "APPROVED",
        }
    }
}

/// A cardholder profile.
#[derive(Debug, Clone)]
pub(crate) struct Cardholder {
    /// Cardholder id.
    pub id: String,
    /// Owning account.
    pub account_id: String,
    /// Review state.
    pub status: CardholderStatus,
    /// The validated request fields (`accountId`, `binId`, names, …).
    pub fields: Map<String, Value>,
    /// Creation order.
    pub seq: u64,
}

impl Cardholder {
    /// `{cardholderId, status, ...fields}`.
    pub(crate) fn to_json(&self) -> Value {
        let mut object = Map::new();
        object.insert("cardholderId".into(), Value::from(self.id.as_str()));
        object.insert("status".into(), Value::from(self.status.as_str()));
        for (key, value) in &self.fields {
            object.insert(key.clone(), value.clone());
        }
        Value::Object(object)
    }

    /// A stored string field ("" when absent).
    pub(crate) fn field(&self, name: &str) -> &str {
        self.fields
            .get(name)
            .and_then(Value::as_str)
            .unwrap_or_default()
    }
}

/// A spending pool for cards.
#[derive(Debug, Clone)]
pub(crate) struct Budget {
    /// Budget UUID.
    pub id: String,
    /// Owning account.
    pub account_id: String,
    /// Internal label.
    pub name: String,
    /// Total balance, cents (pending authorizations included).
    pub available_cents: i64,
    /// Part of `available_cents` held by pending authorizations.
    pub locked_cents: i64,
}

impl Budget {
    /// Money that can still be spent or withdrawn.
    pub(crate) fn spendable_cents(&self) -> i64 {
        self.available_cents - self.locked_cents
    }

    /// `{available, locked}`.
    pub(crate) fn balance_json(&self) -> Value {
        json!({
            "available": format_cents(self.available_cents),
            "locked": format_cents(self.locked_cents),
        })
    }

    /// The budget object.
    pub(crate) fn to_json(&self) -> Value {
        json!({
            "budgetId": self.id,
            "accountId": self.account_id,
            "name": self.name,
            "currency": USD,
            "status": "ACTIVE",
            "balance": self.balance_json(),
        })
    }
}

/// Card life-cycle state.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(crate) enum CardStatus {
    /// Usable.
    Active,
    /// Temporarily declining authorizations.
    Frozen,
    /// Permanently closed.
    Closed,
}

impl CardStatus {
    /// Wire name.
    pub(crate) fn as_str(self) -> &'static str {
        match self {
            Self::Active => "ACTIVE",
            Self::Frozen => "FROZEN",
            Self::Closed => "CLOSED",
        }
    }
}

/// The period a velocity limit covers.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(crate) enum LimitKind {
    /// Per authorization.
    Transaction,
    /// Per calendar period (GMT+8).
    Period(super::calendar::Period),
    /// Ever.
    Lifetime,
    /// No limit.
    None,
}

impl LimitKind {
    /// Parses a `transactionLimitsType`.
    pub(crate) fn parse(text: &str) -> Option<Self> {
        use super::calendar::Period;
        Some(match text {
            "TRANSACTION" => Self::Transaction,
            "DAY" => Self::Period(Period::Day),
            "WEEK" => Self::Period(Period::Week),
            "MONTH" => Self::Period(Period::Month),
            "QUARTER" => Self::Period(Period::Quarter),
            "YEAR" => Self::Period(Period::Year),
            "LIFETIME" => Self::Lifetime,
            "NA" => Self::None,
            _ => return None,
        })
    }

    /// Wire name.
    pub(crate) fn as_str(self) -> &'static str {
        use super::calendar::Period;
        match self {
            Self::Transaction => "TRANSACTION",
            Self::Period(Period::Day) => "DAY",
            Self::Period(Period::Week) => "WEEK",
            Self::Period(Period::Month) => "MONTH",
            Self::Period(Period::Quarter) => "QUARTER",
            Self::Period(Period::Year) => "YEAR",
            Self::Lifetime => "LIFETIME",
            Self::None => "NA",
        }
    }
}

/// A card's spending limit.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(crate) struct Velocity {
    /// Period.
    pub kind: LimitKind,
    /// Limit in cents.
    pub amount_cents: i64,
}

/// An issued card.
#[derive(Debug, Clone)]
pub(crate) struct Card {
    /// Card UUID.
    pub id: String,
    /// Owning account.
    pub account_id: String,
    /// BIN it was issued on.
    pub bin_id: String,
    /// `VIRTUAL_CARD` or `PHYSICAL_CARD`.
    pub mode: String,
    /// Cardholder.
    pub cardholder_id: String,
    /// Backing budget.
    pub budget_id: String,
    /// Caller's reference.
    pub reference_id: String,
    /// Display label.
    pub label: Option<String>,
    /// Free-form reporting tag.
    pub use_type: Option<String>,
    /// Physical card design, for physical cards.
    pub physical_design_id: Option<String>,
    /// Full card number.
    pub pan: String,
    /// `MM/YY`.
    pub expiry: String,
    /// Security code.
    pub cvv: String,
    /// Life-cycle state.
    pub status: CardStatus,
    /// Current spending limit.
    pub velocity: Option<Velocity>,
    /// Creation time, Unix ms.
    pub created_ms: i64,
    /// Creation order.
    pub seq: u64,
}

impl Card {
    /// Last four digits of the number.
    pub(crate) fn last4(&self) -> &str {
        self.pan
            .get(self.pan.len().saturating_sub(4)..)
            .unwrap_or("")
    }

    /// The answer of `POST /v1/budget-card`.
    pub(crate) fn issued_json(&self) -> Value {
        json!({
            "cardId": self.id,
            "status": self.status.as_str(),
            "cardMode": self.mode,
            "label": self.label,
            "last4": self.last4(),
            "expiry": self.expiry,
            "budgetId": self.budget_id,
            "cardholderId": self.cardholder_id,
        })
    }

    /// The card without sensitive data, as listed by `GET /v1/card-list`.
    pub(crate) fn to_json(&self) -> Value {
        let velocity = self.velocity.map(|limit| {
            json!({
                "transactionLimitsType": limit.kind.as_str(),
                "amountLimit": format_cents(limit.amount_cents),
            })
        });
        json!({
            "cardId": self.id,
            "accountId": self.account_id,
            "status": self.status.as_str(),
            "cardMode": self.mode,
            "label": self.label,
            "last4": self.last4(),
            "expiry": self.expiry,
            "binId": self.bin_id,
            "budgetId": self.budget_id,
            "cardholderId": self.cardholder_id,
            "referenceId": self.reference_id,
            "useType": self.use_type,
            "physicalCardDesignId": self.physical_design_id,
            "velocityControl": velocity,
            "createdAt": self.created_ms,
        })
    }
}

/// Status of a card transaction.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(crate) enum TxStatus {
    /// Authorized, not captured.
    Pending,
    /// Settled.
    Closed,
    /// Declined.
    Fail,
}

impl TxStatus {
    /// Wire name.
    pub(crate) fn as_str(self) -> &'static str {
        match self {
            Self::Pending => "PENDING",
            Self::Closed => "CLOSED",
            Self::Fail => "FAIL",
        }
    }

    /// Parses a wire name.
    pub(crate) fn parse(text: &str) -> Option<Self> {
        match text {
            "PENDING" => Some(Self::Pending),
            "CLOSED" => Some(Self::Closed),
            "FAIL" => Some(Self::Fail),
            _ => None,
        }
    }
}

/// Transaction type code of a purchase ("Consumption").
pub(crate) const CONSUMPTION: &str = "1";

/// A card transaction (authorization and its settlement).
#[derive(Debug, Clone)]
pub(crate) struct Transaction {
    /// Transaction UUID.
    pub id: String,
    /// Card charged.
    pub card_id: String,
    /// Budget charged.
    pub budget_id: String,
    /// Caller's id, when the simulation was given one.
    pub client_transaction_id: Option<String>,
    /// State.
    pub status: TxStatus,
    /// Amount in cents.
    pub amount_cents: i64,
    /// Merchant shown on the statement.
    pub merchant_name: String,
    /// Why it failed.
    pub decline_reason: Option<String>,
    /// Creation time, Unix ms.
    pub created_ms: i64,
    /// Last change, Unix ms.
    pub updated_ms: i64,
    /// Creation order (ties of `created_ms`).
    pub seq: u64,
}

impl Transaction {
    /// The transaction object of lists and webhooks.
    pub(crate) fn to_json(&self) -> Value {
        let mut object = json!({
            "id": self.id,
            "cardId": self.card_id,
            "type": CONSUMPTION,
            "status": self.status.as_str(),
            "amount": format_cents(self.amount_cents),
            "currency": USD,
            "merchantName": self.merchant_name,
            "createdAt": self.created_ms,
            "updatedAt": self.updated_ms,
        });
        if let Some(map) = object.as_object_mut() {
            if let Some(reason) = &self.decline_reason {
                map.insert("declineReason".into(), Value::from(reason.as_str()));
            }
            if let Some(id) = &self.client_transaction_id {
                map.insert("clientTransactionId".into(), Value::from(id.as_str()));
            }
        }
        object
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

/// Everything one program (tenant) owns.
#[derive(Debug)]
pub(crate) struct Program {
    /// Credential bundle (the webhook secret lives in `webhooks`).
    pub credentials: Credentials,
    /// Timings.
    pub settings: Settings,
    /// BINs, the default (budget) one first.
    pub bins: Vec<Bin>,
    /// Unused authorization codes → when issued.
    pub codes: HashMap<String, SystemTime>,
    /// Live access tokens → when they expire.
    pub tokens: HashMap<String, SystemTime>,
    /// Accounts by id (parent, merchant and users).
    pub accounts: HashMap<String, Account>,
    /// Wallets by id.
    pub wallets: HashMap<String, Wallet>,
    /// Cardholders by id.
    pub cardholders: HashMap<String, Cardholder>,
    /// Budgets by id.
    pub budgets: HashMap<String, Budget>,
    /// Cards by id.
    pub cards: HashMap<String, Card>,
    /// Card transactions by id.
    pub transactions: HashMap<String, Transaction>,
    /// First answers by `(path, Idempotency-Key)`.
    pub idempotency: HashMap<(String, String), IdempotencyRecord>,
    /// Injected faults queued per path.
    pub faults: HashMap<String, VecDeque<Fault>>,
    /// Call counters.
    pub stats: Stats,
    /// Webhook endpoints, secrets and delivery.
    pub webhooks: Webhooks,
    /// Next creation sequence number.
    next_seq: u64,
}

impl Program {
    /// A fresh program: parent and merchant accounts (both KYC-approved),
    /// the merchant's prefunded USD wallet, and two BINs.
    pub(crate) fn new(credentials: Credentials, settings: Settings) -> Self {
        let mut program = Self {
            bins: vec![
                Bin {
                    id: credentials.default_bin_id.clone(),
                    prefix: "411111",
                    kind: 0,
                    network: "VISA",
                    supports_physical: false,
                },
                Bin {
                    id: ids::numeric(),
                    prefix: "555555",
                    kind: 1,
                    network: "MASTERCARD",
                    supports_physical: true,
                },
            ],
            webhooks: Webhooks::new(credentials.webhook_secret.clone()),
            credentials,
            settings,
            codes: HashMap::new(),
            tokens: HashMap::new(),
            accounts: HashMap::new(),
            wallets: HashMap::new(),
            cardholders: HashMap::new(),
            budgets: HashMap::new(),
            cards: HashMap::new(),
            transactions: HashMap::new(),
            idempotency: HashMap::new(),
            faults: HashMap::new(),
            stats: Stats::default(),
            next_seq: 0,
        };
        for (id, kind, name) in [
            (
                program.credentials.parent_account_id.clone(),
                AccountKind::Parent,
                "Partner account",
            ),
            (
                program.credentials.merchant_id.clone(),
                AccountKind::Merchant,
                "Master merchant account",
            ),
        ] {
            program.accounts.insert(
                id.clone(),
                Account {
                    id,
                    user_id: ids::numeric(),
                    kind,
                    name: name.to_owned(),
                    email: String::new(),
                    phone: None,
                    kyc: KycStatus::Approved,
                    case_id: None,
                    wallet_id: None,
                },
            );
        }
        let merchant = program.credentials.merchant_id.clone();
        if let Ok(wallet_id) = program.open_wallet(&merchant) {
            if let Some(wallet) = program.wallets.get_mut(&wallet_id) {
                wallet.balance_cents = MASTER_WALLET_CENTS;
            }
        }
        program
    }

    /// The next creation sequence number.
    pub(crate) fn seq(&mut self) -> u64 {
        self.next_seq += 1;
        self.next_seq
    }

    /// The account's USD wallet, creating it when missing. `Err(())` for
    /// an unknown account.
    pub(crate) fn open_wallet(&mut self, account_id: &str) -> Result<String, ()> {
        let account = self.accounts.get_mut(account_id).ok_or(())?;
        if let Some(wallet_id) = &account.wallet_id {
            return Ok(wallet_id.clone());
        }
        let wallet_id = ids::uuid();
        account.wallet_id = Some(wallet_id.clone());
        self.wallets.insert(
            wallet_id.clone(),
            Wallet {
                id: wallet_id.clone(),
                account_id: account_id.to_owned(),
                balance_cents: 0,
            },
        );
        Ok(wallet_id)
    }

    /// The BIN with this id.
    pub(crate) fn bin(&self, id: &str) -> Option<&Bin> {
        self.bins.iter().find(|bin| bin.id == id)
    }

    /// Takes the next queued fault for `path`, if any.
    pub(crate) fn take_fault(&mut self, path: &str) -> Option<Fault> {
        let queue = self.faults.get_mut(path)?;
        let fault = queue.pop_front();
        if queue.is_empty() {
            self.faults.remove(path);
        }
        fault
    }
}

/// A shared, lockable program.
pub(crate) type SharedProgram = Arc<Mutex<Program>>;

/// All programs, by `clientId`, and the access-token index.
#[derive(Debug)]
pub(crate) struct Registry {
    programs: RwLock<HashMap<String, SharedProgram>>,
    tokens: RwLock<HashMap<String, String>>,
    /// Key signing widget JWTs (one per sandbox).
    pub widget_secret: [u8; 32],
    /// Origin of the widget listener, once it is bound.
    pub widget_origin: OnceLock<String>,
}

impl Default for Registry {
    fn default() -> Self {
        Self {
            programs: RwLock::default(),
            tokens: RwLock::default(),
            widget_secret: random::bytes::<32>(),
            widget_origin: OnceLock::new(),
        }
    }
}

impl Registry {
    /// Adds (or replaces) a program under its `clientId`.
    pub(crate) fn insert(&self, program: Program) -> SharedProgram {
        let client_id = program.credentials.client_id.clone();
        let shared = Arc::new(Mutex::new(program));
        self.programs
            .write()
            .unwrap_or_else(std::sync::PoisonError::into_inner)
            .insert(client_id, Arc::clone(&shared));
        shared
    }

    /// The program with this `clientId`.
    pub(crate) fn get(&self, client_id: &str) -> Option<SharedProgram> {
        self.programs
            .read()
            .unwrap_or_else(std::sync::PoisonError::into_inner)
            .get(client_id)
            .cloned()
    }

    /// Every program (for lookups by card id).
    pub(crate) fn all(&self) -> Vec<SharedProgram> {
        self.programs
            .read()
            .unwrap_or_else(std::sync::PoisonError::into_inner)
            .values()
            .cloned()
            .collect()
    }

    /// Remembers which program issued `token`.
    pub(crate) fn index_token(&self, token: &str, client_id: &str) {
        self.tokens
            .write()
            .unwrap_or_else(std::sync::PoisonError::into_inner)
            .insert(token.to_owned(), client_id.to_owned());
    }

    /// The program that issued `token`, if it is still live at `now`.
    pub(crate) fn by_token(&self, token: &str, now: SystemTime) -> Option<SharedProgram> {
        let client_id = self
            .tokens
            .read()
            .unwrap_or_else(std::sync::PoisonError::into_inner)
            .get(token)
            .cloned()?;
        let program = self.get(&client_id)?;
        let live = {
            let mut guard = lock(&program);
            match guard.tokens.get(token) {
                Some(expires) if *expires > now => true,
                Some(_) => {
                    guard.tokens.remove(token);
                    false
                }
                None => false,
            }
        };
        if live {
            Some(program)
        } else {
            self.forget_tokens(std::iter::once(token.to_owned()));
            None
        }
    }

    /// Drops tokens from the index.
    pub(crate) fn forget_tokens(&self, tokens: impl IntoIterator<Item = String>) {
        let mut index = self
            .tokens
            .write()
            .unwrap_or_else(std::sync::PoisonError::into_inner);
        for token in tokens {
            index.remove(&token);
        }
    }

    /// Revokes every access token of a program; returns how many.
    pub(crate) fn revoke_tokens(&self, program: &SharedProgram) -> usize {
        let tokens: Vec<String> = lock(program)
            .tokens
            .drain()
            .map(|(token, _)| token)
            .collect();
        let count = tokens.len();
        self.forget_tokens(tokens);
        count
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn new_program_has_accounts_wallet_and_bins() {
        let credentials = Credentials::random();
        let program = Program::new(credentials.clone(), Settings::default());
        assert_eq!(program.bins.len(), 2);
        assert_eq!(program.bins[0].id, credentials.default_bin_id);
        assert_eq!(program.bins[0].kind, 0);
        assert_eq!(program.bins[1].kind, 1);
        let merchant = &program.accounts[&credentials.merchant_id];
        let wallet_id = merchant.wallet_id.clone().unwrap_or_default();
        assert_eq!(program.wallets[&wallet_id].balance_cents, 10_000_000);
        assert_eq!(
            program.accounts[&credentials.parent_account_id].kind,
            AccountKind::Parent
        );
        assert!(credentials.client_id.starts_with("sbx_cards_"));
        assert!(credentials.webhook_secret.starts_with("whsec_"));
    }

    #[test]
    fn tokens_expire_and_revoke() {
        let registry = Registry::default();
        let credentials = Credentials::random();
        let shared = registry.insert(Program::new(credentials.clone(), Settings::default()));
        let now = SystemTime::now();
        let later = now + std::time::Duration::from_secs(10);
        lock(&shared).tokens.insert("t1".into(), later);
        lock(&shared).tokens.insert("t2".into(), later);
        registry.index_token("t1", &credentials.client_id);
        registry.index_token("t2", &credentials.client_id);
        assert!(registry.by_token("t1", now).is_some());
        assert!(registry.by_token("t1", later).is_none());
        assert!(registry.by_token("t1", now).is_none(), "expired is gone");
        assert_eq!(registry.revoke_tokens(&shared), 1);
        assert!(registry.by_token("t2", now).is_none());
        assert!(registry.by_token("nope", now).is_none());
    }

    #[test]
    fn limit_kinds_round_trip() {
        for name in [
            "TRANSACTION",
            "DAY",
            "WEEK",
            "MONTH",
            "QUARTER",
            "YEAR",
            "LIFETIME",
            "NA",
        ] {
            assert_eq!(LimitKind::parse(name).map(LimitKind::as_str), Some(name));
        }
        assert_eq!(LimitKind::parse("day"), None);
    }
}
