//! Native baseline for `cargo xtask bench`: the SDK's envelope seal/open built for the host.
//! Writes `{ seal_1k_ops, open_1k_ops, seal_1m_mbps, open_1m_mbps }` to the path given.

use std::time::{Duration, Instant};

use seismic_sdk::core::clock::TimestampSource;
use seismic_sdk::core::envelope::EnvelopeKey;
use seismic_sdk::core::error::Error;
use seismic_sdk::core::ids::random_bytes;
use serde_json::{json, Map, Value};

fn payload(target_bytes: usize) -> Map<String, Value> {
    let mut items = Vec::new();
    let mut size = 0;
    let mut i = 0;
    while size < target_bytes {
        let item = json!({"order_id": format!("ord_{i:08}"), "card_id": format!("card_{i:08}"),
            "amount": "125.50", "currency": "USD", "merchant": "Acme Hardware #42", "status": "completed"});
        size += item.to_string().len() + 1;
        items.push(item);
        i += 1;
    }
    let mut m = Map::new();
    m.insert("external_user_id".into(), "ext-123".into());
    m.insert("items".into(), Value::Array(items));
    m
}

fn time(mut f: impl FnMut() -> Result<(), Error>) -> Result<f64, Error> {
    for _ in 0..20 {
        f()?;
    }
    let start = Instant::now();
    let mut n = 0u64;
    while start.elapsed() < Duration::from_millis(1500) {
        f()?;
        n += 1;
    }
    Ok(n as f64 / start.elapsed().as_secs_f64())
}

thread_local! {
    static CLOCK: TimestampSource = TimestampSource::default();
}

fn seal(key: &EnvelopeKey, p: &Map<String, Value>) -> Result<String, Error> {
    let mut nonce = [0u8; 24];
    random_bytes(&mut nonce)?;
    let now = std::time::SystemTime::now()
        .duration_since(std::time::UNIX_EPOCH)
        .map_or(0.0, |d| d.as_secs_f64() * 1e3);
    key.seal_value(p, CLOCK.with(|c| c.next(now, 0, 0)), &nonce)
}

fn main() -> Result<(), Box<dyn std::error::Error>> {
    let key = EnvelopeKey::from_bytes(&[9u8; 32])?;
    let mut results = Map::new();
    for (label, size) in [("1k", 1024usize), ("1m", 1024 * 1024)] {
        let p = payload(size);
        let bytes = serde_json::to_string(&p)?.len() as f64;
        let sealed = seal(&key, &p)?;
        let seal_ops = time(|| seal(&key, &p).map(|_| ()))?;
        let open_ops = time(|| key.open_value(&sealed).map(|_| ()))?;
        if label == "1k" {
            results.insert("seal_1k_ops".into(), json!(seal_ops));
            results.insert("open_1k_ops".into(), json!(open_ops));
        } else {
            results.insert("seal_1m_mbps".into(), json!(seal_ops * bytes / 1e6));
            results.insert("open_1m_mbps".into(), json!(open_ops * bytes / 1e6));
        }
        println!("native {label} ({bytes} B JSON): seal {seal_ops:.0}/s, open {open_ops:.0}/s");
    }
    if let Some(path) = std::env::args().nth(1) {
        std::fs::write(path, Value::Object(results).to_string())?;
    }
    Ok(())
}
