//! Who an org serves: end-user customers with their per-provider KYC and
//! routing rows, and the accounts attached to them.

use serde_json::{json, Map, Value};

use super::org::{Link, Stage};
use crate::orchestration::catalog;
use crate::orchestration::pricing::{AccountRef, Provider};
use crate::orchestration::time::iso;

/// A customer's routing row at one provider.
#[derive(Debug, Clone)]
pub(crate) struct CustomerRow {
    /// The provider.
    pub provider: &'static Provider,
    /// Opaque id of the customer there.
    pub provider_customer_id: String,
    /// Hosted KYC link (hosted providers only).
    pub link: Option<Link>,
}

/// An end-user customer.
#[derive(Debug, Clone)]
pub(crate) struct Customer {
    /// UUID.
    pub id: String,
    /// Owning org.
    pub org_id: String,
    /// The integrator's id.
    pub external_id: String,
    /// `individual` or `business`.
    pub kind: String,
    /// Email.
    pub email: String,
    /// Individuals.
    pub first_name: Option<String>,
    /// Individuals.
    pub last_name: Option<String>,
    /// Businesses.
    pub legal_name: Option<String>,
    /// Creation (and KYC start), ms.
    pub created_ms: i64,
    /// Whether KYC ends in rejection.
    pub rejected: bool,
    /// Verification and routing rows.
    pub rows: Vec<CustomerRow>,
    /// KYC review duration, ms (the org's at creation).
    pub kyc_delay_ms: u64,
}

impl Customer {
    /// The KYC stage at `now`.
    pub(crate) fn stage(&self, now: i64) -> Stage {
        Stage::at(Some(self.created_ms), self.rejected, self.kyc_delay_ms, now)
    }

    /// The row for a provider.
    pub(crate) fn row(&self, provider: &str) -> Option<&CustomerRow> {
        self.rows.iter().find(|row| row.provider.id == provider)
    }

    /// The wire `Customer`.
    fn customer_json(&self) -> Value {
        let mut map = Map::new();
        map.insert("id".into(), Value::from(self.id.as_str()));
        map.insert("org_id".into(), Value::from(self.org_id.as_str()));
        map.insert("external_id".into(), Value::from(self.external_id.as_str()));
        map.insert("type".into(), Value::from(self.kind.as_str()));
        map.insert("email".into(), Value::from(self.email.as_str()));
        for (name, value) in [
            ("first_name", &self.first_name),
            ("last_name", &self.last_name),
            ("legal_name", &self.legal_name),
        ] {
            if let Some(value) = value {
                map.insert(name.into(), Value::from(value.as_str()));
            }
        }
        map.insert("created_at".into(), Value::from(iso(self.created_ms)));
        map.insert("updated_at".into(), Value::from(iso(self.created_ms)));
        Value::Object(map)
    }

    /// The KYC block of one row.
    pub(crate) fn kyc_json(&self, row: &CustomerRow, now: i64) -> Value {
        let stage = self.stage(now);
        let link = row
            .link
            .as_ref()
            .filter(|_| !stage.is_final())
            .map_or(Value::Null, Link::to_json);
        json!({ "status": stage.as_str(), "link": link })
    }

    /// `{customer, providers}` as create and retrieve return it.
    pub(crate) fn envelope(&self, now: i64) -> Value {
        let status = match self.stage(now) {
            Stage::Approved => "active",
            Stage::Rejected => "disabled",
            _ => "pending",
        };
        let providers: Vec<Value> = self
            .rows
            .iter()
            .map(|row| {
                json!({
                    "provider": row.provider.id,
                    "provider_customer_id": row.provider_customer_id,
                    "status": status,
                    "kyc": self.kyc_json(row, now),
                })
            })
            .collect();
        json!({ "customer": self.customer_json(), "providers": providers })
    }
}

/// An account attached to a customer.
#[derive(Debug, Clone)]
pub(crate) struct Account {
    /// UUID.
    pub id: String,
    /// Owning org.
    pub org_id: String,
    /// Owning customer.
    pub customer_id: String,
    /// Routing row it is tied to.
    pub provider: &'static Provider,
    /// Opaque provider account id.
    pub provider_account_id: String,
    /// Account type.
    pub account_type: String,
    /// Currencies held.
    pub currencies: Vec<String>,
    /// Rails reachable.
    pub rails: Vec<String>,
    /// `pending`, `active` or `disabled`.
    pub status: String,
    /// Wallet address, for wallets.
    pub address: Option<String>,
    /// Creation, ms.
    pub created_ms: i64,
}

impl Account {
    /// The wire `Account`.
    pub(crate) fn to_json(&self) -> Value {
        json!({
            "id": self.id,
            "ramp_customer_id": self.customer_id,
            "provider": self.provider.id,
            "provider_account_id": self.provider_account_id,
            "account_type": self.account_type,
            "currencies": self.currencies,
            "rails": self.rails,
            "status": self.status,
            "created_at": iso(self.created_ms),
            "updated_at": iso(self.created_ms),
        })
    }

    /// The compact reference quote legs carry.
    pub(crate) fn reference(&self) -> AccountRef {
        AccountRef {
            id: self.id.clone(),
            account_type: self.account_type.clone(),
            status: self.status.clone(),
            provider_account_id: self.provider_account_id.clone(),
            provider: self.provider.id.to_owned(),
            customer_id: self.customer_id.clone(),
        }
    }

    /// The account's rails that carry `currency`.
    pub(crate) fn rails_for(&self, currency: &catalog::Currency) -> Vec<&'static str> {
        self.rails
            .iter()
            .filter_map(|rail| catalog::rail(rail))
            .map(|(name, _)| name)
            .filter(|name| currency.rails.contains(name))
            .collect()
    }
}
