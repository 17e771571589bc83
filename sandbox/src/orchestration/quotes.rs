//! Quote snapshots under `/quotes`: create (priced at once, revealed
//! `pending` → `ready` after the tenant's `quoteDelayMs`; `?wait=1`
//! blocks until ready), retrieve, and accept into an order. Ready quotes
//! are honored for the tenant's `quoteTtlMs`, after which the snapshot is
//! `expired` and accepting answers `QuoteExpired`.

use serde_json::{json, Value};

use super::access::Scope;
use super::amounts;
use super::errors::{ok, Answer, ApiError, Code, Reply};
use super::fields::{opt_str, Body, Query};
use super::ids;
use super::kyb;
use super::model::Snapshot;
use super::orders;
use super::orgs::org_of;
use super::pricing::quote_all;
use super::quote_sides::resolve;
use super::state::Store;
use super::time::{iso, ms};

/// Whether `?wait=` asks to block.
fn wants_wait(query: &Query) -> bool {
    query.first("wait").is_some_and(|value| {
        matches!(
            value.to_ascii_lowercase().as_str(),
            "1" | "true" | "yes" | "on"
        )
    })
}

/// `POST /quotes[?wait=1]`.
pub(crate) fn create(
    store: &mut Store,
    scope: &Scope,
    body: &Body,
    query: &Query,
    now: i64,
) -> Answer {
    let org = org_of(store, scope)?;
    kyb::require_approved(org, now)?;
    let settings = org.settings;
    let providers = kyb::approved_providers(org, now);
    let amount = match body.get("amount") {
        None | Some(Value::Null) => return Err(ApiError::missing(vec!["amount".into()])),
        Some(Value::String(text)) => amounts::parse(text.trim()).ok_or_else(|| {
            ApiError::invalid(format!(
                "amount must be a positive decimal string with at most 6 decimals, got {text:?}"
            ))
        })?,
        Some(_) => return Err(ApiError::invalid("amount must be a string")),
    };
    let named_only = match opt_str(body, "named")? {
        None => false,
        Some("require") => true,
        Some(other) => {
            return Err(ApiError::invalid(format!(
                "named must be \"require\", got {other:?}"
            )))
        }
    };
    let sources = resolve(store, scope, body.get("source"), "source")?;
    let destinations = resolve(store, scope, body.get("destination"), "destination")?;
    let customers: Vec<&str> = sources
        .iter()
        .chain(&destinations)
        .filter_map(|side| side.account.as_ref().map(|a| a.customer_id.as_str()))
        .collect();
    if customers.windows(2).any(|pair| pair[0] != pair[1]) {
        return Err(ApiError::invalid(
            "source and destination accounts belong to different customers",
        ));
    }
    let legs = quote_all(&providers, &sources, &destinations, amount, named_only);
    if legs.is_empty() {
        return Err(ApiError::new(
            Code::NoEligibleProviders,
            "nothing priced this corridor right now",
        ));
    }
    let ready_ms = now.saturating_add(ms(settings.quote_delay_ms));
    let snapshot = Snapshot {
        id: ids::uuid(),
        org_id: scope.org_id.clone(),
        created_ms: now,
        ready_ms,
        expires_ms: ready_ms.saturating_add(ms(settings.quote_ttl_ms)),
        request: Value::Object(body.clone()),
        legs,
        order_id: None,
    };
    let id = snapshot.id.clone();
    let answer = snapshot.to_json(now);
    store.snapshots.insert(id.clone(), snapshot);
    if wants_wait(query) && ready_ms > now {
        return Ok(Reply::WaitForQuote {
            snapshot_id: id,
            ready_ms,
        });
    }
    ok(answer)
}

/// The snapshot `id` of the scope's org.
fn snapshot_in<'a>(store: &'a Store, org_id: &str, id: &str) -> Result<&'a Snapshot, ApiError> {
    store
        .snapshots
        .get(id)
        .filter(|snapshot| snapshot.org_id == org_id)
        .ok_or_else(|| ApiError::new(Code::QuoteNotFound, format!("no quote snapshot {id}")))
}

/// `GET /quotes/{id}`.
pub(crate) fn get(store: &Store, scope: &Scope, id: &str, now: i64) -> Answer {
    ok(snapshot_in(store, &scope.org_id, id)?.to_json(now))
}

/// Renders a snapshot after a `wait=1` pause.
pub(crate) fn render(store: &Store, id: &str, now: i64) -> Answer {
    let snapshot = store
        .snapshots
        .get(id)
        .ok_or_else(|| ApiError::new(Code::QuoteNotFound, format!("no quote snapshot {id}")))?;
    ok(snapshot.to_json(now))
}

/// `POST /quotes/{id}/accept {quote_id?, reference?, comment?}` →
/// `{order_id, quote_id, status}`.
pub(crate) fn accept(
    store: &mut Store,
    scope: &Scope,
    id: &str,
    body: &Body,
    idempotency_key: Option<String>,
    now: i64,
) -> Answer {
    let chosen = opt_str(body, "quote_id")?.map(str::to_owned);
    let reference = opt_str(body, "reference")?.map(str::to_owned);
    let comment = opt_str(body, "comment")?.map(str::to_owned);
    let snapshot = snapshot_in(store, &scope.org_id, id)?;
    if let Some(order_id) = &snapshot.order_id {
        return Err(ApiError::new(
            Code::AlreadyAccepted,
            format!("snapshot {id} was already accepted as order {order_id}"),
        )
        .with("order_id", Value::from(order_id.as_str())));
    }
    if now < snapshot.ready_ms {
        return Err(ApiError::new(
            Code::QuoteNotReady,
            format!("snapshot {id} is still pending; poll GET /quotes/{id}"),
        ));
    }
    let leg = match &chosen {
        Some(quote_id) => snapshot.legs.iter().find(|leg| &leg.id == quote_id),
        None => snapshot.legs.first(),
    };
    let Some(leg) = leg else {
        return Err(ApiError::new(
            Code::QuoteIdInvalid,
            format!(
                "quote_id {} is not in snapshot {id}",
                chosen.as_deref().unwrap_or("(best)")
            ),
        ));
    };
    if now >= snapshot.expires_ms {
        return Err(ApiError::new(
            Code::QuoteExpired,
            format!(
                "quote {} expired at {}; create a new snapshot",
                leg.id,
                iso(snapshot.expires_ms)
            ),
        ));
    }
    let order = orders::from_leg(leg, scope, idempotency_key, reference, comment, now);
    let answer = json!({
        "order_id": order.id,
        "quote_id": leg.id,
        "provider": order.provider,
        "status": order.status,
    });
    if let Some(snapshot) = store.snapshots.get_mut(id) {
        snapshot.order_id = Some(order.id.clone());
    }
    store.orders.push(order);
    ok(answer)
}
