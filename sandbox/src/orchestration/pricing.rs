//! Pricing: the sandbox's routing providers, their fee schedules, and
//! how one priced leg is computed.
//!
//! The invariant every leg obeys: `in.amount` is the requested amount
//! (fee-inclusive); each fee item is in the source currency and
//! `fees.total` is their sum; `out.amount = floor_cent((in − total) ×
//! mid × (1 − spread))`, so `out.amount ≤ (in.amount − fees.total) × mid`
//! (hidden spreads make it strictly less); `rate = out.amount /
//! in.amount`. Nothing is ever added on top of `in.amount`.

use serde_json::{json, Map, Value};

use super::amounts::{self, ceil_cent, floor_cent, mul_div, CENT, MICROS};
use super::catalog::{Currency, RailKind};
use super::ids;
use super::time::iso;

/// A routing provider (an opaque routing id on the wire).
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(crate) struct Provider {
    /// The routing id.
    pub id: &'static str,
    /// Whether it runs hosted KYB/KYC flows (links).
    pub hosted: bool,
    /// Whether fiat funding uses named virtual accounts.
    pub named: bool,
    /// Rails it settles on.
    pub rails: &'static [&'static str],
}

/// Every provider, in ranking-tie order.
pub(crate) const PROVIDERS: [Provider; 2] = [
    Provider {
        id: "prv_sandbox_a",
        hosted: true,
        named: true,
        rails: &[
            "ach", "wire", "sepa", "swift", "base", "ethereum", "polygon", "solana", "arbitrum",
        ],
    },
    Provider {
        id: "prv_sandbox_b",
        hosted: false,
        named: false,
        rails: &[
            "ach", "wire", "upi", "pix", "base", "ethereum", "polygon", "solana", "arbitrum",
        ],
    },
];

/// A provider's charges on one leg.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
struct Rule {
    /// Flat fee, US cents.
    flat_usd_cents: i64,
    /// Percentage fee, basis points of the source amount.
    bps: i64,
    /// Hidden spread baked into the rate, basis points.
    spread_bps: i64,
    /// Label of the flat/percentage line.
    label: &'static str,
}

/// The fiat-rail rule of `provider` on `rail`.
fn fiat_rule(provider: &str, rail: &str) -> Option<Rule> {
    let rule = |flat_usd_cents, bps, spread_bps, label| Rule {
        flat_usd_cents,
        bps,
        spread_bps,
        label,
    };
    Some(match (provider, rail) {
        ("prv_sandbox_a", "ach") => rule(300, 0, 0, "ACH transfer fee"),
        ("prv_sandbox_a", "wire") => rule(2500, 0, 10, "Wire transfer fee"),
        ("prv_sandbox_a", "sepa") => rule(100, 0, 20, "SEPA transfer fee"),
        ("prv_sandbox_a", "swift") => rule(1500, 0, 25, "SWIFT transfer fee"),
        ("prv_sandbox_b", "ach") => rule(250, 0, 30, "ACH transfer fee"),
        ("prv_sandbox_b", "wire") => rule(2000, 0, 40, "Wire transfer fee"),
        ("prv_sandbox_b", "upi") => rule(0, 50, 20, "UPI processing fee"),
        ("prv_sandbox_b", "pix") => rule(0, 40, 20, "PIX processing fee"),
        _ => return None,
    })
}

/// The stablecoin swap rule of `provider`.
fn swap_rule(provider: &str) -> Option<Rule> {
    match provider {
        "prv_sandbox_a" => Some(Rule {
            flat_usd_cents: 0,
            bps: 10,
            spread_bps: 0,
            label: "Swap fee",
        }),
        "prv_sandbox_b" => Some(Rule {
            flat_usd_cents: 50,
            bps: 0,
            spread_bps: 5,
            label: "Swap fee",
        }),
        _ => None,
    }
}

/// Gas for delivering on a crypto rail, US cents.
fn network_usd_cents(rail: &str) -> i64 {
    match rail {
        "ethereum" => 150,
        "arbitrum" => 10,
        _ => 0,
    }
}

/// The compact account reference carried by a leg side.
#[derive(Debug, Clone, PartialEq, Eq)]
pub(crate) struct AccountRef {
    /// Account UUID.
    pub id: String,
    /// Account type.
    pub account_type: String,
    /// Account status.
    pub status: String,
    /// Opaque provider account id.
    pub provider_account_id: String,
    /// Routing id the account is tied to.
    pub provider: String,
    /// Owning customer.
    pub customer_id: String,
}

/// One resolved side of a trade.
#[derive(Debug, Clone, PartialEq, Eq)]
pub(crate) struct Side {
    /// The currency.
    pub currency: &'static Currency,
    /// Catalog rail name.
    pub rail: &'static str,
    /// Fiat or crypto.
    pub kind: RailKind,
    /// Wallet address (crypto only).
    pub address: Option<String>,
    /// The attached account this side resolved from.
    pub account: Option<AccountRef>,
}

impl Side {
    /// `{amount, currency, rail, address?, account?}`.
    fn to_json(&self, micros: i64) -> Value {
        let mut map = Map::new();
        map.insert("amount".into(), Value::from(amounts::minimal(micros)));
        map.insert("currency".into(), Value::from(self.currency.code));
        map.insert("rail".into(), Value::from(self.rail));
        if let Some(address) = &self.address {
            map.insert("address".into(), Value::from(address.as_str()));
        }
        if let Some(account) = &self.account {
            map.insert(
                "account".into(),
                json!({
                    "id": account.id,
                    "account_type": account.account_type,
                    "status": account.status,
                    "provider_account_id": account.provider_account_id,
                }),
            );
        }
        Value::Object(map)
    }
}

/// One fee line, in the source currency.
#[derive(Debug, Clone, PartialEq, Eq)]
pub(crate) struct FeeItem {
    /// `flat`, `percentage` or `network`.
    pub kind: &'static str,
    /// Basis points (percentage lines).
    pub bps: Option<i64>,
    /// Amount, micro-units.
    pub micros: i64,
    /// Label.
    pub description: String,
}

/// A priced leg.
#[derive(Debug, Clone, PartialEq, Eq)]
pub(crate) struct Leg {
    /// `q_…`.
    pub id: String,
    /// Routing id.
    pub provider: &'static str,
    /// Source side.
    pub source: Side,
    /// Destination side.
    pub destination: Side,
    /// What the user pays (fee-inclusive), source micro-units.
    pub in_micros: i64,
    /// What lands, destination micro-units.
    pub out_micros: i64,
    /// Itemized fees.
    pub fees: Vec<FeeItem>,
    /// Sum of the fees.
    pub total_micros: i64,
    /// `out / in`, micro-units.
    pub rate_micros: i64,
}

impl Leg {
    /// The wire `Quote`.
    pub(crate) fn to_json(&self, expires_ms: i64) -> Value {
        let currency = self.source.currency.code;
        let items: Vec<Value> = self
            .fees
            .iter()
            .map(|item| {
                let mut map = Map::new();
                map.insert("type".into(), Value::from(item.kind));
                if let Some(bps) = item.bps {
                    map.insert("bps".into(), Value::from(bps));
                }
                map.insert("amount".into(), Value::from(amounts::money(item.micros)));
                map.insert("currency".into(), Value::from(currency));
                map.insert("description".into(), Value::from(item.description.as_str()));
                Value::Object(map)
            })
            .collect();
        json!({
            "id": self.id,
            "provider": self.provider,
            "in": self.source.to_json(self.in_micros),
            "out": self.destination.to_json(self.out_micros),
            "fees": {
                "items": items,
                "total": amounts::money(self.total_micros),
                "currency": currency,
            },
            "rate": amounts::minimal(self.rate_micros),
            "expires_at": iso(expires_ms),
        })
    }
}

/// `usd_cents` expressed in `currency`, rounded up to a cent.
fn from_usd_cents(usd_cents: i64, currency: &Currency) -> i64 {
    ceil_cent(mul_div(usd_cents * CENT, MICROS, currency.micro_usd))
}

/// Prices `amount` (source micro-units) from `source` to `destination`
/// through `provider`; `None` when the provider cannot route it or the
/// fees eat the whole amount.
pub(crate) fn price(
    provider: &Provider,
    source: &Side,
    destination: &Side,
    amount: i64,
) -> Option<Leg> {
    if !provider.rails.contains(&source.rail) || !provider.rails.contains(&destination.rail) {
        return None;
    }
    for side in [source, destination] {
        if side
            .account
            .as_ref()
            .is_some_and(|a| a.provider != provider.id)
        {
            return None;
        }
    }
    if source.currency.code == destination.currency.code && source.rail == destination.rail {
        return None;
    }
    let rule = match (source.kind, destination.kind) {
        (RailKind::Fiat, RailKind::Fiat) => return None,
        (RailKind::Fiat, RailKind::Crypto) => fiat_rule(provider.id, source.rail)?,
        (RailKind::Crypto, RailKind::Fiat) => fiat_rule(provider.id, destination.rail)?,
        (RailKind::Crypto, RailKind::Crypto) => swap_rule(provider.id)?,
    };
    let mut fees = Vec::new();
    if rule.flat_usd_cents > 0 {
        fees.push(FeeItem {
            kind: "flat",
            bps: None,
            micros: from_usd_cents(rule.flat_usd_cents, source.currency),
            description: rule.label.to_owned(),
        });
    }
    if rule.bps > 0 {
        fees.push(FeeItem {
            kind: "percentage",
            bps: Some(rule.bps),
            micros: ceil_cent(mul_div(amount, rule.bps, 10_000)),
            description: rule.label.to_owned(),
        });
    }
    let gas = network_usd_cents(destination.rail);
    if destination.kind == RailKind::Crypto && gas > 0 {
        fees.push(FeeItem {
            kind: "network",
            bps: None,
            micros: from_usd_cents(gas, source.currency),
            description: format!("Network fee ({})", destination.rail),
        });
    }
    let total: i64 = fees.iter().map(|item| item.micros).sum();
    let net = amount - total;
    if net <= 0 {
        return None;
    }
    let gross = mul_div(
        net,
        source.currency.micro_usd,
        destination.currency.micro_usd,
    );
    let out = floor_cent(mul_div(gross, 10_000 - rule.spread_bps, 10_000));
    if out <= 0 {
        return None;
    }
    Some(Leg {
        id: ids::prefixed::<12>("q_"),
        provider: provider.id,
        source: source.clone(),
        destination: destination.clone(),
        in_micros: amount,
        out_micros: out,
        fees,
        total_micros: total,
        rate_micros: mul_div(out, MICROS, amount),
    })
}

/// Every leg across `providers` × source options × destination options,
/// ranked best-first (most delivered, then cheapest).
pub(crate) fn quote_all(
    providers: &[&'static Provider],
    sources: &[Side],
    destinations: &[Side],
    amount: i64,
    named_only: bool,
) -> Vec<Leg> {
    let mut legs = Vec::new();
    for provider in providers {
        for source in sources {
            for destination in destinations {
                let fiat = source.kind == RailKind::Fiat || destination.kind == RailKind::Fiat;
                if named_only && fiat && !provider.named {
                    continue;
                }
                legs.extend(price(provider, source, destination, amount));
            }
        }
    }
    legs.sort_by(|a, b| {
        b.out_micros
            .cmp(&a.out_micros)
            .then(a.total_micros.cmp(&b.total_micros))
    });
    legs
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::orchestration::catalog::{currency, rail};

    fn side(code: &str, rail_name: &str) -> Side {
        let (name, kind) = rail(rail_name).unwrap_or(("ach", RailKind::Fiat));
        Side {
            currency: currency(code).unwrap_or(&crate::orchestration::catalog::CURRENCIES[0]),
            rail: name,
            kind,
            address: None,
            account: None,
        }
    }

    #[test]
    fn onramp_legs_obey_the_invariant() {
        let providers: Vec<&Provider> = PROVIDERS.iter().collect();
        let sources = [side("USD", "ach"), side("USD", "wire")];
        let destinations = [side("USDC", "base")];
        let legs = quote_all(&providers, &sources, &destinations, 1000 * MICROS, false);
        assert_eq!(legs.len(), 4);
        let best = &legs[0];
        assert_eq!((best.provider, best.source.rail), ("prv_sandbox_a", "ach"));
        assert_eq!(best.out_micros, 997 * MICROS);
        assert_eq!(best.total_micros, 3 * MICROS);
        assert_eq!(best.rate_micros, 997_000);
        for pair in legs.windows(2) {
            assert!(pair[0].out_micros >= pair[1].out_micros);
        }
        for leg in &legs {
            let sum: i64 = leg.fees.iter().map(|f| f.micros).sum();
            assert_eq!(sum, leg.total_micros);
            assert!(leg.out_micros <= leg.in_micros - leg.total_micros);
        }
        let json = best.to_json(0);
        assert_eq!(
            json["in"],
            json!({ "amount": "1000", "currency": "USD", "rail": "ach" })
        );
        assert_eq!(json["out"]["amount"], json!("997"));
        assert_eq!(json["fees"]["items"][0]["type"], json!("flat"));
        assert_eq!(json["fees"]["total"], json!("3.00"));
        assert_eq!(json["rate"], json!("0.997"));
    }

    #[test]
    fn refuses_unroutable_legs() {
        let a = &PROVIDERS[0];
        assert!(price(a, &side("USD", "ach"), &side("EUR", "sepa"), MICROS).is_none());
        assert!(price(a, &side("USDC", "base"), &side("USDC", "base"), MICROS).is_none());
        // Fees larger than the amount.
        assert!(price(a, &side("USD", "ach"), &side("USDC", "base"), 2 * MICROS).is_none());
        // Provider A has no UPI.
        assert!(price(
            a,
            &side("INR", "upi"),
            &side("USDC", "base"),
            100_000 * MICROS
        )
        .is_none());
        let b = &PROVIDERS[1];
        let leg = price(
            b,
            &side("INR", "upi"),
            &side("USDC", "base"),
            100_000 * MICROS,
        );
        let leg = leg.map(|leg| (leg.fees[0].kind, leg.fees[0].bps, leg.out_micros));
        // 100000 INR − 0.5% = 99500 INR = 1194 USD, − 0.2% spread.
        assert_eq!(leg, Some(("percentage", Some(50), 1_191_610_000)));
    }

    #[test]
    fn named_filter_and_network_fees() {
        let providers: Vec<&Provider> = PROVIDERS.iter().collect();
        let legs = quote_all(
            &providers,
            &[side("USD", "ach")],
            &[side("USDC", "ethereum")],
            100 * MICROS,
            true,
        );
        assert!(legs.iter().all(|leg| leg.provider == "prv_sandbox_a"));
        assert_eq!(legs[0].fees[1].kind, "network");
        let swaps = quote_all(
            &providers,
            &[side("USDC", "base")],
            &[side("USDT", "ethereum")],
            100 * MICROS,
            true,
        );
        assert_eq!(swaps.len(), 2, "named is ignored on crypto-to-crypto");
    }
}
