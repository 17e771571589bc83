//! The static catalog: rails, currencies and the rails carrying each,
//! mid-market prices, and the stablecoin wallet whitelist.

use serde_json::{json, Value};

/// Fiat (bank) or crypto (blockchain) rail.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(crate) enum RailKind {
    /// A bank rail.
    Fiat,
    /// A blockchain network.
    Crypto,
}

/// Every rail, in catalog order.
pub(crate) const RAILS: [(&str, RailKind); 11] = [
    ("ach", RailKind::Fiat),
    ("wire", RailKind::Fiat),
    ("sepa", RailKind::Fiat),
    ("swift", RailKind::Fiat),
    ("upi", RailKind::Fiat),
    ("pix", RailKind::Fiat),
    ("base", RailKind::Crypto),
    ("ethereum", RailKind::Crypto),
    ("polygon", RailKind::Crypto),
    ("solana", RailKind::Crypto),
    ("arbitrum", RailKind::Crypto),
];

/// A currency we carry.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(crate) struct Currency {
    /// ISO-4217 code or stablecoin ticker.
    pub code: &'static str,
    /// `fiat` or `stablecoin`.
    pub kind: &'static str,
    /// Rails carrying it.
    pub rails: &'static [&'static str],
    /// Rails a customer wallet may declare for it (stablecoins only).
    pub wallet_rails: &'static [&'static str],
    /// Mid-market value of one unit in micro-USD.
    pub micro_usd: i64,
}

impl Currency {
    /// Whether this is a stablecoin.
    pub(crate) fn is_stablecoin(&self) -> bool {
        self.kind == "stablecoin"
    }
}

/// Every currency, in catalog order.
pub(crate) const CURRENCIES: [Currency; 5] = [
    Currency {
        code: "USD",
        kind: "fiat",
        rails: &["ach", "wire"],
        wallet_rails: &[],
        micro_usd: 1_000_000,
    },
    Currency {
        code: "EUR",
        kind: "fiat",
        rails: &["sepa", "swift"],
        wallet_rails: &[],
        micro_usd: 1_080_000,
    },
    Currency {
        code: "INR",
        kind: "fiat",
        rails: &["upi"],
        wallet_rails: &[],
        micro_usd: 12_000,
    },
    Currency {
        code: "USDC",
        kind: "stablecoin",
        rails: &["base", "ethereum", "polygon", "solana"],
        wallet_rails: &["base", "polygon"],
        micro_usd: 1_000_000,
    },
    Currency {
        code: "USDT",
        kind: "stablecoin",
        rails: &["ethereum", "arbitrum"],
        wallet_rails: &["ethereum", "arbitrum"],
        micro_usd: 1_000_000,
    },
];

/// The currency named `code` (case-insensitive).
pub(crate) fn currency(code: &str) -> Option<&'static Currency> {
    CURRENCIES
        .iter()
        .find(|currency| currency.code.eq_ignore_ascii_case(code))
}

/// The catalog name and kind of `rail` (case-insensitive).
pub(crate) fn rail(rail: &str) -> Option<(&'static str, RailKind)> {
    RAILS
        .iter()
        .find(|(name, _)| name.eq_ignore_ascii_case(rail))
        .copied()
}

/// The kind of `rail` (case-insensitive), when we know it.
pub(crate) fn rail_kind(name: &str) -> Option<RailKind> {
    rail(name).map(|(_, kind)| kind)
}

/// `GET /rails`.
pub(crate) fn rails_json() -> Value {
    let rails: Vec<Value> = RAILS
        .iter()
        .map(|(rail, kind)| {
            let kind = match kind {
                RailKind::Fiat => "fiat",
                RailKind::Crypto => "crypto",
            };
            json!({ "rail": rail, "kind": kind })
        })
        .collect();
    json!({ "rails": rails })
}

/// `GET /currencies`.
pub(crate) fn currencies_json() -> Value {
    let currencies: Vec<Value> = CURRENCIES
        .iter()
        .map(|currency| {
            let rails: Vec<Value> = currency
                .rails
                .iter()
                .map(|rail| json!({ "rail": rail }))
                .collect();
            json!({ "currency": currency.code, "kind": currency.kind, "rails": rails })
        })
        .collect();
    json!({ "currencies": currencies })
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn lookups() {
        assert_eq!(currency("usdc").map(|c| c.code), Some("USDC"));
        assert!(currency("DAI").is_none());
        assert_eq!(rail_kind("ACH"), Some(RailKind::Fiat));
        assert_eq!(rail_kind("base"), Some(RailKind::Crypto));
        assert_eq!(rail_kind("bridge_wallet"), None);
        // Every rail a currency lists is in the rail catalog.
        for currency in CURRENCIES {
            for rail in currency.rails.iter().chain(currency.wallet_rails) {
                assert!(rail_kind(rail).is_some(), "{rail}");
            }
        }
        assert_eq!(
            rails_json()["rails"][0],
            json!({ "rail": "ach", "kind": "fiat" })
        );
        assert_eq!(
            currencies_json()["currencies"][3]["rails"][0],
            json!({ "rail": "base" })
        );
    }
}
