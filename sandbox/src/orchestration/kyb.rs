//! Org KYB: the endpoints under `/org/kyb` over the staged profile and
//! the per-provider verification rows (the records are in `model`).
//! Reviews advance with time: a submitted row is `submitted`, then
//! `under_review` after half the tenant's `kycDelayMs`, then `approved`
//! (or `rejected` when the legal name contains "Rejected") once the whole
//! delay has passed.

use serde_json::{json, Value};

use super::errors::{ok, Answer, ApiError, Code};
use super::ids;
use super::kyb_profile::{self, ProfileError};
use super::model::{Kyb, KybRow, Link, Org, Stage};
use super::pricing::Provider;
use super::time::iso;

/// A complete sample profile, approved on every provider (the KYB of
/// pre-made tenant orgs).
pub(crate) fn pre_approved(legal_name: &str, now: i64) -> Kyb {
    let mut kyb = Kyb::unverified(now);
    kyb.profile = Some(kyb_profile::sample(legal_name));
    for row in &mut kyb.rows {
        row.submitted_ms = Some(0);
        row.provider_customer_id = Some(ids::prefixed::<8>("biz_"));
    }
    kyb
}

/// The wire `OrgProviderState` of one row.
fn row_json(row: &KybRow, kyb: &Kyb, delay_ms: u64, now: i64) -> Value {
    let stage = row.stage(delay_ms, now);
    let link = row
        .link
        .as_ref()
        .filter(|_| !stage.is_final())
        .map_or(Value::Null, Link::to_json);
    let missing = if row.submitted_ms.is_some() {
        Vec::new()
    } else {
        kyb_profile::missing_fields(kyb.profile.as_ref())
    };
    let reason =
        (stage == Stage::Rejected).then_some("Business could not be verified (sandbox rejection)");
    json!({
        "provider": row.provider.id,
        "kyb_status": stage.as_str(),
        "kyb_link": link,
        "missing_fields": missing,
        "last_synced_at": iso(row.last_synced_ms),
        "provider_customer_id": row.provider_customer_id,
        "rejection_reason": reason,
    })
}

/// Whether any of the org's rows is approved (quoting and onboarding
/// need it).
pub(crate) fn is_approved(org: &Org, now: i64) -> bool {
    org.kyb
        .rows
        .iter()
        .any(|row| row.stage(org.settings.kyc_delay_ms, now) == Stage::Approved)
}

/// The routing ids of the org's approved rows.
pub(crate) fn approved_providers(org: &Org, now: i64) -> Vec<&'static Provider> {
    org.kyb
        .rows
        .iter()
        .filter(|row| row.stage(org.settings.kyc_delay_ms, now) == Stage::Approved)
        .map(|row| row.provider)
        .collect()
}

/// `{provider, kyb_status}` rows of the `Org` object.
pub(crate) fn summary(org: &Org, now: i64) -> Value {
    let rows: Vec<Value> = org
        .kyb
        .rows
        .iter()
        .map(|row| {
            json!({
                "provider": row.provider.id,
                "kyb_status": row.stage(org.settings.kyc_delay_ms, now).as_str(),
            })
        })
        .collect();
    Value::Array(rows)
}

/// `{"providers": [OrgProviderState]}`.
fn rows_json(org: &Org, now: i64) -> Value {
    let rows: Vec<Value> = org
        .kyb
        .rows
        .iter()
        .map(|row| row_json(row, &org.kyb, org.settings.kyc_delay_ms, now))
        .collect();
    json!({ "providers": rows })
}

/// Refuses when the org's business verification is not approved yet.
pub(crate) fn require_approved(org: &Org, now: i64) -> Result<(), ApiError> {
    if is_approved(org, now) {
        Ok(())
    } else {
        Err(ApiError::new(
            Code::KybNotApproved,
            "business verification must be approved first (see GET /org/kyb/providers)",
        ))
    }
}

/// `GET /org/kyb/profile`.
pub(crate) fn get_profile(org: &Org) -> Answer {
    match &org.kyb.profile {
        Some(profile) => ok(profile.clone()),
        None => Err(ApiError::new(
            Code::KybProfileNotFound,
            "no KYB profile has been saved for this org yet",
        )),
    }
}

/// The 422 listing missing profile fields.
fn incomplete(missing: Vec<String>) -> ApiError {
    ApiError::new(
        Code::KybProfileIncomplete,
        format!("{} required fields are missing", missing.len()),
    )
    .with("missing", json!(missing))
}

/// `PUT /org/kyb/profile`.
pub(crate) fn set_profile(org: &mut Org, body: &Value, now: i64) -> Answer {
    let profile = match kyb_profile::canonicalize(body) {
        Ok(profile) => profile,
        Err(ProfileError::Invalid(problem)) => return Err(ApiError::invalid(problem)),
        Err(ProfileError::Missing(missing)) => return Err(incomplete(missing)),
    };
    org.kyb.profile = Some(profile.clone());
    org.updated_ms = now;
    ok(profile)
}

/// `POST /org/kyb/submit`.
pub(crate) fn submit(org: &mut Org, now: i64) -> Answer {
    let Some(profile) = org.kyb.profile.clone() else {
        return Err(incomplete(kyb_profile::missing_fields(None)));
    };
    let missing = kyb_profile::missing_fields(Some(&profile));
    if !missing.is_empty() {
        return Err(incomplete(missing));
    }
    let rejected = profile["business"]["legal_name"]
        .as_str()
        .is_some_and(|name| name.contains("Rejected"));
    let delay = org.settings.kyc_delay_ms;
    for row in &mut org.kyb.rows {
        let stage = row.stage(delay, now);
        if matches!(stage, Stage::NotStarted | Stage::Rejected) {
            row.submitted_ms = Some(now);
            row.rejected = rejected;
            if row.provider_customer_id.is_none() {
                row.provider_customer_id = Some(ids::prefixed::<8>("biz_"));
            }
            if row.provider.hosted {
                row.link = Some(Link::fresh("kyb", now));
            }
        }
        row.last_synced_ms = now;
    }
    ok(rows_json(org, now))
}

/// `GET /org/kyb/providers`.
pub(crate) fn providers(org: &Org, now: i64) -> Answer {
    ok(rows_json(org, now))
}

/// The submitted row for `provider` (404s otherwise).
fn submitted_row<'a>(org: &'a mut Org, provider: &str) -> Result<&'a mut KybRow, ApiError> {
    let row = org
        .kyb
        .rows
        .iter_mut()
        .find(|row| row.provider.id == provider)
        .ok_or_else(|| {
            ApiError::new(
                Code::ProviderNotFound,
                format!("unknown provider {provider}"),
            )
        })?;
    if row.submitted_ms.is_none() {
        return Err(ApiError::new(
            Code::KybNotSubmitted,
            format!(
                "no KYB submission for provider {provider} yet; call POST /org/kyb/submit first"
            ),
        ));
    }
    Ok(row)
}

/// `POST /org/kyb/providers/{provider}/link`.
pub(crate) fn refresh_link(org: &mut Org, provider: &str, now: i64) -> Answer {
    let row = submitted_row(org, provider)?;
    if !row.provider.hosted {
        return Err(ApiError::new(
            Code::HostedLinkUnsupported,
            format!("provider {provider} does not use hosted verification links"),
        ));
    }
    let link = Link::fresh("kyb", now);
    row.link = Some(link.clone());
    row.last_synced_ms = now;
    ok(link.to_json())
}

/// `POST /org/kyb/providers/{provider}/resync`.
pub(crate) fn resync(org: &mut Org, provider: &str, now: i64) -> Answer {
    submitted_row(org, provider)?.last_synced_ms = now;
    let org = &*org;
    let row = org
        .kyb
        .rows
        .iter()
        .find(|row| row.provider.id == provider)
        .map(|row| row_json(row, &org.kyb, org.settings.kyc_delay_ms, now));
    row.map_or_else(
        || {
            Err(ApiError::new(
                Code::ProviderNotFound,
                format!("unknown provider {provider}"),
            ))
        },
        ok,
    )
}
