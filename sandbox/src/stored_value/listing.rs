//! `GET /v2/transactions`: filtering, sorting, `$skip` / `$limit`,
//! `$select` and `page` / `count` pagination.

use serde_json::{json, Map, Value};

use super::compare::{cmp_values, compare_field};
use super::outcome::Outcome;
use super::query::{self, Query};
use super::state::Tenant;

/// Lists the tenant's transactions matching the raw query string.
///
/// Order of operations: filter → sort (default `createdAt` ascending,
/// then creation order) → `$skip` → `$limit` (giving `total`) → page.
pub(crate) fn list(tenant: &Tenant, api_key: &str, raw_query: &str) -> Outcome {
    let query = match query::parse(raw_query) {
        Ok(query) => query,
        Err(error) => return Outcome::bad_request(&error.message()),
    };
    let mut rows: Vec<(Map<String, Value>, i64, usize)> = tenant
        .transactions
        .iter()
        .enumerate()
        .map(|(seq, transaction)| {
            (
                transaction.object(&tenant.merchant_id),
                transaction.created_ms,
                seq,
            )
        })
        .filter(|(object, created_ms, _)| {
            matches_text(&query, api_key, object) && query.filter.matches(object, *created_ms)
        })
        .collect();
    rows.sort_by_key(|(_, created_ms, seq)| (*created_ms, *seq));
    // Stable, so rows that tie on every key keep the default order.
    rows.sort_by(|(a, ..), (b, ..)| {
        query
            .sort
            .iter()
            .map(|(field, descending)| {
                let order = cmp_values(a.get(field), b.get(field));
                if *descending {
                    order.reverse()
                } else {
                    order
                }
            })
            .find(|order| order.is_ne())
            .unwrap_or(std::cmp::Ordering::Equal)
    });
    let limited: Vec<Map<String, Value>> = rows
        .into_iter()
        .skip(query.skip)
        .take(query.limit.unwrap_or(usize::MAX))
        .map(|(object, ..)| object)
        .collect();
    let total = limited.len();
    let start = (query.page - 1).saturating_mul(query.count);
    let data: Vec<Value> = limited
        .into_iter()
        .skip(start)
        .take(query.count)
        .map(|object| Value::Object(select(&query, object)))
        .collect();
    let size = data.len();
    Outcome::ok(json!({
        "total": total,
        "data": data,
        "pagination": {
            "count": query.count,
            "page": query.page,
            "size": size,
            "pages": total.div_ceil(query.count).max(1),
        },
    }))
}

/// The free `filter` parameter: matches the API key itself (everything),
/// the `transactionType` (any case) or the amount.
fn matches_text(query: &Query, api_key: &str, object: &Map<String, Value>) -> bool {
    let Some(text) = query.text.as_deref() else {
        return true;
    };
    text == api_key
        || object
            .get("transactionType")
            .and_then(Value::as_str)
            .is_some_and(|kind| kind.eq_ignore_ascii_case(text))
        || compare_field(object.get("amount"), None, text).is_some_and(|order| order.is_eq())
}

/// Keeps only the `$select` fields plus `id`.
fn select(query: &Query, object: Map<String, Value>) -> Map<String, Value> {
    let Some(fields) = &query.select else {
        return object;
    };
    object
        .into_iter()
        .filter(|(name, _)| name == "id" || fields.iter().any(|field| field == name))
        .collect()
}
