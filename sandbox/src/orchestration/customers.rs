//! End-user customers under `/customers`: create (unique per
//! `(org, external_id)`), retrieve, refresh hosted KYC links. KYC starts
//! at creation on every provider the org is approved with and advances
//! with time — `submitted`, `under_review` after half the tenant's
//! `kycDelayMs`, then `approved` (or `rejected` for emails whose local
//! part contains `+reject`).

use serde_json::{json, Map, Value};

use super::access::Scope;
use super::errors::{ok, Answer, ApiError, Code};
use super::fields::{opt_str, valid_email, Body};
use super::ids;
use super::kyb;
use super::model::{Customer, CustomerRow, Link};
use super::orgs::org_of;
use super::state::Store;

/// Countries no provider onboards (`422`).
const UNSUPPORTED_COUNTRIES: &[&str] = &["KP", "IR", "CU", "SY"];
/// `government_id.type` values.
const ID_TYPES: &[&str] = &[
    "passport",
    "drivers_license",
    "national_id",
    "residence_permit",
];

/// The customer `id` of the scope's org (404 unknown, 403 another org's).
pub(crate) fn customer_in<'a>(
    store: &'a Store,
    scope: &Scope,
    id: &str,
) -> Result<&'a Customer, ApiError> {
    let customer = store
        .customers
        .get(id)
        .ok_or_else(|| ApiError::new(Code::CustomerNotFound, format!("no customer {id}")))?;
    if customer.org_id != scope.org_id {
        return Err(ApiError::forbidden(format!(
            "customer {id} belongs to a different org"
        )));
    }
    Ok(customer)
}

/// Checks a nested object's required string fields, adding missing paths.
fn check_object(
    body: &Body,
    name: &str,
    required: &[&str],
    missing: &mut Vec<String>,
) -> Result<Option<Map<String, Value>>, ApiError> {
    match body.get(name) {
        None | Some(Value::Null) => Ok(None),
        Some(Value::Object(map)) => {
            for field in required {
                if opt_str(map, field)?.is_none() {
                    missing.push(format!("{name}.{field}"));
                }
            }
            Ok(Some(map.clone()))
        }
        Some(_) => Err(ApiError::invalid(format!("{name} must be an object"))),
    }
}

/// Whether `text` is `YYYY-MM-DD`.
fn is_date(text: &str) -> bool {
    let bytes = text.as_bytes();
    bytes.len() == 10
        && bytes[4] == b'-'
        && bytes[7] == b'-'
        && bytes
            .iter()
            .enumerate()
            .all(|(i, b)| i == 4 || i == 7 || b.is_ascii_digit())
}

/// `POST /customers`.
pub(crate) fn create(store: &mut Store, scope: &Scope, body: &Body, now: i64) -> Answer {
    let org = org_of(store, scope)?;
    kyb::require_approved(org, now)?;
    let providers = kyb::approved_providers(org, now);
    let kyc_delay_ms = org.settings.kyc_delay_ms;

    let mut missing = Vec::new();
    let text = |name: &str,
                required: bool,
                missing: &mut Vec<String>|
     -> Result<Option<String>, ApiError> {
        let value = opt_str(body, name)?.map(|v| v.trim().to_owned());
        if required && value.is_none() {
            missing.push(name.to_owned());
        }
        Ok(value)
    };
    let external_id = text("external_id", true, &mut missing)?;
    let kind = text("type", true, &mut missing)?;
    let email = text("email", true, &mut missing)?;
    if let Some(kind) = kind.as_deref() {
        if !matches!(kind, "individual" | "business") {
            return Err(ApiError::invalid(
                "type must be \"individual\" or \"business\"",
            ));
        }
    }
    let individual = kind.as_deref() == Some("individual");
    let business = kind.as_deref() == Some("business");
    let first_name = text("first_name", individual, &mut missing)?;
    let last_name = text("last_name", individual, &mut missing)?;
    let legal_name = text("legal_name", business, &mut missing)?;
    text("tax_id", business, &mut missing)?;
    let country = text("country", false, &mut missing)?;
    text("phone", false, &mut missing)?;
    let birth = text("date_of_birth", false, &mut missing)?;
    let address = check_object(
        body,
        "address",
        &["line1", "city", "postal_code", "country"],
        &mut missing,
    )?;
    let address_country = address
        .as_ref()
        .and_then(|a| a.get("country"))
        .and_then(Value::as_str)
        .map(str::to_ascii_uppercase);
    if address_country.as_deref() == Some("US")
        && address
            .as_ref()
            .and_then(|a| a.get("state"))
            .and_then(Value::as_str)
            .is_none()
    {
        missing.push("address.state".into());
    }
    let government_id = check_object(
        body,
        "government_id",
        &["type", "number", "country", "front_image"],
        &mut missing,
    )?;
    if let Some(id) = &government_id {
        let id_type = id.get("type").and_then(Value::as_str);
        if id_type.is_some_and(|t| !ID_TYPES.contains(&t)) {
            return Err(ApiError::invalid(format!(
                "government_id.type must be one of {}",
                ID_TYPES.join(", ")
            )));
        }
        if matches!(id_type, Some("drivers_license" | "national_id"))
            && opt_str(id, "back_image")?.is_none()
        {
            missing.push("government_id.back_image".into());
        }
    }
    if !missing.is_empty() {
        return Err(ApiError::missing(missing));
    }
    let (Some(external_id), Some(kind), Some(email)) = (external_id, kind, email) else {
        return Err(ApiError::invalid(
            "external_id, type and email are required",
        ));
    };
    if !valid_email(&email) {
        return Err(ApiError::invalid(format!("invalid email: {email}")));
    }
    if birth.as_deref().is_some_and(|birth| !is_date(birth)) {
        return Err(ApiError::invalid("date_of_birth must be YYYY-MM-DD"));
    }
    let blocked = [country.map(|c| c.to_ascii_uppercase()), address_country]
        .into_iter()
        .flatten()
        .find(|c| UNSUPPORTED_COUNTRIES.contains(&c.as_str()));
    if let Some(country) = blocked {
        return Err(ApiError::new(
            Code::NoEligibleProviders,
            format!("no provider can onboard customers in {country}"),
        ));
    }
    if let Some(existing) = store
        .customers
        .values()
        .find(|c| c.org_id == scope.org_id && c.external_id == external_id)
    {
        return Err(ApiError::new(
            Code::EndUserCustomerExists,
            format!(
                "customer {} already exists for external_id {external_id}",
                existing.id
            ),
        )
        .with("customer_id", Value::from(existing.id.as_str())));
    }
    let rejected = email
        .split_once('@')
        .is_some_and(|(local, _)| local.contains("+reject"));
    let rows = providers
        .into_iter()
        .map(|provider| CustomerRow {
            provider,
            provider_customer_id: ids::prefixed::<8>("pc_"),
            link: provider.hosted.then(|| Link::fresh("kyc", now)),
        })
        .collect();
    let customer = Customer {
        id: ids::uuid(),
        org_id: scope.org_id.clone(),
        external_id,
        kind,
        email,
        first_name: first_name.filter(|_| individual),
        last_name: last_name.filter(|_| individual),
        legal_name: legal_name.filter(|_| business),
        created_ms: now,
        rejected,
        rows,
        kyc_delay_ms,
    };
    let answer = customer.envelope(now);
    store.customers.insert(customer.id.clone(), customer);
    ok(answer)
}

/// `GET /customers/{id}`.
pub(crate) fn get(store: &Store, scope: &Scope, id: &str, now: i64) -> Answer {
    ok(customer_in(store, scope, id)?.envelope(now))
}

/// `POST /customers/{id}/kyc-link {providers?}` → `{links: [{provider,
/// status, link}]}`; undecided hosted rows get a fresh link.
pub(crate) fn refresh_links(
    store: &mut Store,
    scope: &Scope,
    id: &str,
    body: &Body,
    now: i64,
) -> Answer {
    customer_in(store, scope, id)?;
    let filter: Option<Vec<String>> = match body.get("providers") {
        None | Some(Value::Null) => None,
        Some(Value::Array(items)) => Some(
            items
                .iter()
                .map(|item| {
                    item.as_str()
                        .map(str::to_owned)
                        .ok_or_else(|| ApiError::invalid("providers must be an array of strings"))
                })
                .collect::<Result<_, _>>()?,
        ),
        Some(_) => return Err(ApiError::invalid("providers must be an array of strings")),
    };
    let customer = store
        .customers
        .get_mut(id)
        .ok_or_else(|| ApiError::new(Code::CustomerNotFound, format!("no customer {id}")))?;
    if let Some(filter) = &filter {
        if let Some(unknown) = filter.iter().find(|p| customer.row(p).is_none()) {
            return Err(ApiError::new(
                Code::ProviderNotFound,
                format!("customer {id} has no verification row for {unknown}"),
            ));
        }
    }
    let stage = customer.stage(now);
    for row in &mut customer.rows {
        let selected = filter
            .as_ref()
            .is_none_or(|f| f.iter().any(|p| p == row.provider.id));
        if selected && row.provider.hosted && !stage.is_final() {
            row.link = Some(Link::fresh("kyc", now));
        }
    }
    let customer = &*customer;
    let links: Vec<Value> = customer
        .rows
        .iter()
        .filter(|row| {
            filter
                .as_ref()
                .is_none_or(|f| f.iter().any(|p| p == row.provider.id))
        })
        .map(|row| {
            let mut entry = customer.kyc_json(row, now);
            if let Some(map) = entry.as_object_mut() {
                map.insert("provider".into(), Value::from(row.provider.id));
            }
            entry
        })
        .collect();
    ok(json!({ "links": links }))
}
