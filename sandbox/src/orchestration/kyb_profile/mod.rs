//! The unified KYB profile: schema checks (wrong types and enum values are
//! a 400 naming the path), required-field completeness (a 422
//! `KybProfileIncomplete` listing dotted paths) and canonicalization.
//!
//! `schema` says what a profile must contain, walking it with the field
//! checks of `checker`; this module turns the walk into answers.

mod checker;
mod schema;

use serde_json::{Map, Value};

use self::schema::walk;

/// Why a profile was refused.
#[derive(Debug, Clone, PartialEq, Eq)]
pub(crate) enum ProfileError {
    /// A field has the wrong type or value: `"path: problem"`.
    Invalid(String),
    /// Required fields are absent or empty (dotted paths).
    Missing(Vec<String>),
}

/// Required fields missing from `profile` (every section when there is no
/// profile at all).
pub(crate) fn missing_fields(profile: Option<&Value>) -> Vec<String> {
    let empty = Map::new();
    let map = profile.and_then(Value::as_object).unwrap_or(&empty);
    walk(map).missing
}

/// Upper-cases ISO country codes in place.
fn upper_countries(value: &mut Value) {
    match value {
        Value::Object(map) => {
            for (key, item) in map.iter_mut() {
                let is_code = matches!(
                    key.as_str(),
                    "country" | "country_of_registration" | "nationality" | "citizenship"
                );
                if let (true, Value::String(text)) = (is_code, &mut *item) {
                    *text = text.to_ascii_uppercase();
                } else if key.ends_with("_jurisdictions") {
                    if let Value::Array(items) = item {
                        for entry in items.iter_mut() {
                            if let Value::String(text) = entry {
                                *text = text.to_ascii_uppercase();
                            }
                        }
                    }
                } else {
                    upper_countries(item);
                }
            }
        }
        Value::Array(items) => items.iter_mut().for_each(upper_countries),
        _ => {}
    }
}

/// Validates a `PUT /org/kyb/profile` body and returns the canonical
/// profile (country codes upper-cased, `addresses.physical` defaulted to
/// `addresses.registered`).
pub(crate) fn canonicalize(body: &Value) -> Result<Value, ProfileError> {
    let Some(map) = body.as_object() else {
        return Err(ProfileError::Invalid(
            "body: expected a KYB profile object".into(),
        ));
    };
    let checker = walk(map);
    if let Some(problem) = checker.invalid {
        return Err(ProfileError::Invalid(problem));
    }
    if !checker.missing.is_empty() {
        return Err(ProfileError::Missing(checker.missing));
    }
    let mut profile = body.clone();
    upper_countries(&mut profile);
    if let Some(addresses) = profile.get_mut("addresses").and_then(Value::as_object_mut) {
        if matches!(addresses.get("physical"), None | Some(Value::Null)) {
            if let Some(registered) = addresses.get("registered").cloned() {
                addresses.insert("physical".into(), registered);
            }
        }
    }
    Ok(profile)
}

/// A complete sample profile (the one pre-made tenant orgs carry).
pub(crate) fn sample(legal_name: &str) -> Value {
    let address = serde_json::json!({
        "line1": "1 Wall St", "city": "New York", "state": "NY",
        "postal_code": "10005", "country": "US"
    });
    serde_json::json!({
        "business": {
            "legal_name": legal_name, "entity_type": "corporation",
            "industry": "software_blockchain_crypto", "registration_number": "1234567",
            "tax_id": "82-1234567", "country_of_registration": "US",
            "state_of_incorporation": "DE", "formation_date": "2020-04-12"
        },
        "addresses": { "registered": address.clone(), "physical": address.clone() },
        "contact": { "email": "ops@example.com", "phone": "+12025550100" },
        "operations": {
            "business_jurisdictions": ["US"], "funds_movement_jurisdictions": ["US", "GB"],
            "primary_source_of_funds": "company_capital", "regulated_status": "unregistered"
        },
        "volumes": { "monthly_deposits": 35, "monthly_withdrawals": 30 },
        "counterparties": { "counterparties": ["customers", "merchants_suppliers"] },
        "associated_persons": [{
            "first_name": "Alice", "last_name": "Liddell", "date_of_birth": "1985-06-15",
            "email": "alice@example.com", "phone": "+12025550100", "address": address,
            "tax_id": "123-45-6789", "nationality": "US", "citizenship": "US",
            "ownership_percent": 100,
            "roles": { "has_control": true, "is_signer": true, "is_director": true }
        }]
    })
}

#[cfg(test)]
mod tests {
    use super::*;
    use serde_json::json;

    #[test]
    fn sample_is_complete_and_canonical() {
        let profile = sample("Acme Inc.");
        assert_eq!(canonicalize(&profile), Ok(profile.clone()));
        assert!(missing_fields(Some(&profile)).is_empty());
    }

    #[test]
    fn reports_missing_paths() {
        let mut profile = sample("Acme Inc.");
        if let Some(map) = profile.as_object_mut() {
            map.remove("volumes");
        }
        profile["business"]["formation_date"] = json!("");
        profile["associated_persons"][0]
            .as_object_mut()
            .map(|p| p.remove("tax_id"));
        profile["operations"]["regulated_status"] = json!("registered");
        let Err(ProfileError::Missing(missing)) = canonicalize(&profile) else {
            panic!("expected missing fields");
        };
        assert_eq!(
            missing,
            [
                "business.formation_date",
                "operations.regulated_activity",
                "volumes.monthly_deposits",
                "volumes.monthly_withdrawals",
                "associated_persons[0].tax_id",
            ]
        );
        assert!(missing_fields(None).contains(&"business.legal_name".to_owned()));
    }

    #[test]
    fn rejects_bad_types_and_values() {
        let mut profile = sample("Acme Inc.");
        profile["business"]["entity_type"] = json!("guild");
        assert!(
            matches!(canonicalize(&profile), Err(ProfileError::Invalid(p)) if p.starts_with("business.entity_type"))
        );
        let mut profile = sample("Acme Inc.");
        profile["volumes"]["monthly_deposits"] = json!(-1);
        assert!(
            matches!(canonicalize(&profile), Err(ProfileError::Invalid(p)) if p.starts_with("volumes.monthly_deposits"))
        );
        assert!(matches!(
            canonicalize(&json!([])),
            Err(ProfileError::Invalid(_))
        ));
    }

    #[test]
    fn canonicalizes() {
        let mut profile = sample("Acme Inc.");
        profile["addresses"]
            .as_object_mut()
            .map(|a| a.remove("physical"));
        profile["business"]["country_of_registration"] = json!("us");
        let canonical = canonicalize(&profile).unwrap_or_default();
        assert_eq!(
            canonical["addresses"]["physical"],
            canonical["addresses"]["registered"]
        );
        assert_eq!(
            canonical["business"]["country_of_registration"],
            json!("US")
        );
    }
}
