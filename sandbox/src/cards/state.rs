//! In-memory state of the Cards API: each program (tenant) with the
//! records it owns (see `model`), plus the registry that finds programs by
//! `clientId` or access token.

use std::collections::HashMap;
use std::sync::{Arc, Mutex, OnceLock, RwLock};
use std::time::SystemTime;

use super::ids;
use super::model::{
    Account, AccountKind, Bin, Budget, Card, Cardholder, Credentials, IdempotencyRecord, KycStatus,
    Settings, Stats, Transaction, Wallet,
};
use super::webhooks::Webhooks;
use crate::common::fault::Faults;
use crate::common::tenants::TenantMap;
use crate::common::{lock, random, read, write};

/// Opening balance of every program's master merchant wallet: $100,000.00.
pub(crate) const MASTER_WALLET_CENTS: i64 = 10_000_000;

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
    pub faults: Faults,
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
            faults: Faults::default(),
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
}

/// A shared, lockable program.
pub(crate) type SharedProgram = Arc<Mutex<Program>>;

/// All programs, by `clientId`, and the access-token index.
#[derive(Debug)]
pub(crate) struct Registry {
    /// Programs by `clientId`.
    programs: TenantMap<Program>,
    /// `clientId` of the program that issued each live access token.
    tokens: RwLock<HashMap<String, String>>,
    /// Key signing widget JWTs (one per sandbox).
    pub widget_secret: [u8; 32],
    /// Origin of the widget listener, once it is bound.
    pub widget_origin: OnceLock<String>,
}

impl Default for Registry {
    fn default() -> Self {
        Self {
            programs: TenantMap::default(),
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
        self.programs.insert(client_id, program)
    }

    /// The program with this `clientId`.
    pub(crate) fn get(&self, client_id: &str) -> Option<SharedProgram> {
        self.programs.get(client_id)
    }

    /// Every program (for lookups by card id).
    pub(crate) fn all(&self) -> Vec<SharedProgram> {
        self.programs.all()
    }

    /// Remembers which program issued `token`.
    pub(crate) fn index_token(&self, token: &str, client_id: &str) {
        write(&self.tokens).insert(token.to_owned(), client_id.to_owned());
    }

    /// The program that issued `token`, if it is still live at `now`.
    pub(crate) fn by_token(&self, token: &str, now: SystemTime) -> Option<SharedProgram> {
        let client_id = read(&self.tokens).get(token).cloned()?;
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
        let mut index = write(&self.tokens);
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
}
