//! Quote checks shared by the quote and order suites: the documented
//! pricing preview and the ranking / fee invariant every snapshot keeps.

use serde_json::{json, Value};

use super::num;

/// The documented multi-rail pricing preview.
pub fn preview(amount: &str) -> Value {
    json!({ "amount": amount, "source": { "currency": "USD" }, "destination": { "currency": "USDC", "rail": "base" } })
}

/// Checks ranking and the fee invariant on every quote of a snapshot;
/// `mid` is the mid-market rate from source to destination.
pub fn assert_invariant(snapshot: &Value, mid: f64) {
    let quotes = snapshot["quotes"].as_array().expect("quotes");
    assert!(!quotes.is_empty(), "{snapshot}");
    assert_eq!(snapshot["best_quote_id"], quotes[0]["id"], "{snapshot}");
    let requested = num(&snapshot["request"]["amount"]);
    let mut previous = f64::INFINITY;
    for quote in quotes {
        let input = num(&quote["in"]["amount"]);
        let output = num(&quote["out"]["amount"]);
        let total = num(&quote["fees"]["total"]);
        assert_eq!(
            input, requested,
            "in.amount is the fee-inclusive request: {quote}"
        );
        let items = quote["fees"]["items"].as_array().expect("items");
        assert!(!items.is_empty(), "{quote}");
        let sum: f64 = items.iter().map(|item| num(&item["amount"])).sum();
        assert!((sum - total).abs() < 1e-9, "items sum to total: {quote}");
        for item in items {
            assert!(["flat", "percentage", "network", "other"]
                .contains(&item["type"].as_str().unwrap_or_default()));
            assert_eq!(item["currency"], quote["fees"]["currency"]);
        }
        assert_eq!(
            quote["fees"]["currency"], quote["in"]["currency"],
            "fees in the source currency"
        );
        assert!(
            output > 0.0 && output <= (input - total) * mid + 1e-9,
            "nothing added on top: {quote}"
        );
        let rate = num(&quote["rate"]);
        assert!(
            (rate - output / input).abs() < 1e-6,
            "rate = out / in: {quote}"
        );
        assert!(quote["in"]["rail"].is_string() && quote["out"]["rail"].is_string());
        assert!(quote["id"].as_str().is_some_and(|id| id.starts_with("q_")));
        assert!(quote["provider"].is_string() && quote["expires_at"].is_string());
        assert!(output <= previous, "ranked by out.amount: {snapshot}");
        previous = output;
    }
}
