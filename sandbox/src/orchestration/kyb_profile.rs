//! The unified KYB profile: schema checks (wrong types and enum values are
//! a 400 naming the path), required-field completeness (a 422
//! `KybProfileIncomplete` listing dotted paths) and canonicalization.

use serde_json::{Map, Value};

/// Why a profile was refused.
#[derive(Debug, Clone, PartialEq, Eq)]
pub(crate) enum ProfileError {
    /// A field has the wrong type or value: `"path: problem"`.
    Invalid(String),
    /// Required fields are absent or empty (dotted paths).
    Missing(Vec<String>),
}

/// `business.entity_type` values.
const ENTITY_TYPES: &[&str] = &[
    "corporation",
    "llc",
    "partnership",
    "sole_proprietorship",
    "nonprofit",
    "trust",
];
/// `operations.primary_source_of_funds` values.
const SOURCES_OF_FUNDS: &[&str] = &["company_capital", "revenue", "investment", "other"];
/// `operations.regulated_status` values.
const REGULATED_STATUSES: &[&str] = &["registered", "unregistered", "exempt"];
/// `counterparties.counterparties` values.
const COUNTERPARTIES: &[&str] = &[
    "merchants_suppliers",
    "customers",
    "friends_family",
    "employees_contractors",
    "investors",
    "other",
];

/// A format check and the problem reported when it fails.
type Check = (fn(&str) -> bool, &'static str);

/// Walks a profile, collecting missing paths and the first invalid one.
#[derive(Debug, Default)]
struct Checker {
    missing: Vec<String>,
    invalid: Option<String>,
}

/// `parent.name` (or `name` at the root).
fn join(parent: &str, name: &str) -> String {
    if parent.is_empty() {
        name.to_owned()
    } else {
        format!("{parent}.{name}")
    }
}

/// Whether `text` is `YYYY-MM-DD` with a plausible month and day.
fn is_date(text: &str) -> bool {
    let parts: Vec<&str> = text.split('-').collect();
    let [year, month, day] = parts.as_slice() else {
        return false;
    };
    let numeric =
        |part: &str, len: usize| part.len() == len && part.bytes().all(|b| b.is_ascii_digit());
    numeric(year, 4)
        && numeric(month, 2)
        && numeric(day, 2)
        && month.parse::<u8>().is_ok_and(|m| (1..=12).contains(&m))
        && day.parse::<u8>().is_ok_and(|d| (1..=31).contains(&d))
}

/// Whether `text` is an ISO-3166 alpha-2 code (any case).
fn is_country(text: &str) -> bool {
    text.len() == 2 && text.bytes().all(|b| b.is_ascii_alphabetic())
}

impl Checker {
    fn bad(&mut self, path: &str, problem: &str) {
        if self.invalid.is_none() {
            self.invalid = Some(format!("{path}: {problem}"));
        }
    }

    /// A sub-object; absent means "every leaf missing" (an empty map).
    fn section(
        &mut self,
        parent: &Map<String, Value>,
        name: &str,
        path: &str,
    ) -> Map<String, Value> {
        match parent.get(name) {
            None | Some(Value::Null) => Map::new(),
            Some(Value::Object(map)) => map.clone(),
            Some(_) => {
                self.bad(path, "expected an object");
                Map::new()
            }
        }
    }

    /// A string field, optionally required and checked by `valid`.
    fn string(
        &mut self,
        map: &Map<String, Value>,
        name: &str,
        parent: &str,
        required: bool,
        valid: Option<Check>,
    ) -> Option<String> {
        let path = join(parent, name);
        match map.get(name) {
            None | Some(Value::Null) => {
                if required {
                    self.missing.push(path);
                }
                None
            }
            Some(Value::String(text)) if text.trim().is_empty() => {
                if required {
                    self.missing.push(path);
                }
                None
            }
            Some(Value::String(text)) => {
                if let Some((check, problem)) = valid {
                    if !check(text) {
                        self.bad(&path, problem);
                    }
                }
                Some(text.clone())
            }
            Some(_) => {
                self.bad(&path, "expected a string");
                None
            }
        }
    }

    /// A string restricted to `allowed`.
    fn choice(
        &mut self,
        map: &Map<String, Value>,
        name: &str,
        parent: &str,
        allowed: &[&str],
    ) -> Option<String> {
        let value = self.string(map, name, parent, true, None)?;
        if !allowed.contains(&value.as_str()) {
            self.bad(
                &join(parent, name),
                &format!("must be one of {}", allowed.join(", ")),
            );
        }
        Some(value)
    }

    /// A number within `min..=max` (integral when `integer`).
    fn number(
        &mut self,
        map: &Map<String, Value>,
        name: &str,
        parent: &str,
        required: bool,
        max: f64,
        integer: bool,
    ) {
        let path = join(parent, name);
        match map.get(name) {
            None | Some(Value::Null) => {
                if required {
                    self.missing.push(path);
                }
            }
            Some(Value::Number(number)) => {
                let ok = match (integer, number.as_u64(), number.as_f64()) {
                    (true, Some(value), _) => value as f64 <= max,
                    (true, None, _) => false,
                    (false, _, Some(value)) => (0.0..=max).contains(&value),
                    (false, _, None) => false,
                };
                if !ok {
                    let kind = if integer {
                        "a non-negative integer"
                    } else {
                        "a number"
                    };
                    self.bad(&path, &format!("must be {kind} up to {max}"));
                }
            }
            Some(_) => self.bad(&path, "expected a number"),
        }
    }

    /// A boolean.
    fn boolean(&mut self, map: &Map<String, Value>, name: &str, parent: &str) {
        let path = join(parent, name);
        match map.get(name) {
            None | Some(Value::Null) => self.missing.push(path),
            Some(Value::Bool(_)) => {}
            Some(_) => self.bad(&path, "expected a boolean"),
        }
    }

    /// A non-empty array of strings, each checked by `valid`.
    fn strings(
        &mut self,
        map: &Map<String, Value>,
        name: &str,
        parent: &str,
        valid: fn(&str) -> bool,
        problem: &str,
    ) {
        let path = join(parent, name);
        match map.get(name) {
            None | Some(Value::Null) => self.missing.push(path),
            Some(Value::Array(items)) if items.is_empty() => self.missing.push(path),
            Some(Value::Array(items)) => {
                for (index, item) in items.iter().enumerate() {
                    if !item.as_str().is_some_and(valid) {
                        self.bad(&format!("{path}[{index}]"), problem);
                    }
                }
            }
            Some(_) => self.bad(&path, "expected an array"),
        }
    }

    /// An `Address`.
    fn address(&mut self, map: &Map<String, Value>, name: &str, parent: &str, required: bool) {
        let path = join(parent, name);
        if !required && matches!(map.get(name), None | Some(Value::Null)) {
            return;
        }
        let address = self.section(map, name, &path);
        self.string(&address, "line1", &path, true, None);
        self.string(&address, "line2", &path, false, None);
        self.string(&address, "city", &path, true, None);
        self.string(&address, "postal_code", &path, true, None);
        let country = self.string(
            &address,
            "country",
            &path,
            true,
            Some((is_country, "must be an ISO-3166 alpha-2 code")),
        );
        let needs_state =
            country.is_some_and(|c| c.eq_ignore_ascii_case("US") || c.eq_ignore_ascii_case("CA"));
        self.string(&address, "state", &path, needs_state, None);
    }
}

/// Checks a complete profile document.
fn walk(profile: &Map<String, Value>) -> Checker {
    let mut c = Checker::default();
    let business = c.section(profile, "business", "business");
    c.string(&business, "legal_name", "business", true, None);
    c.string(&business, "trade_name", "business", false, None);
    c.choice(&business, "entity_type", "business", ENTITY_TYPES);
    c.string(&business, "industry", "business", true, None);
    c.string(&business, "registration_number", "business", true, None);
    c.string(&business, "tax_id", "business", true, None);
    let country = c.string(
        &business,
        "country_of_registration",
        "business",
        true,
        Some((is_country, "must be an ISO-3166 alpha-2 code")),
    );
    let us = country.is_some_and(|country| country.eq_ignore_ascii_case("US"));
    c.string(&business, "state_of_incorporation", "business", us, None);
    c.string(
        &business,
        "formation_date",
        "business",
        true,
        Some((is_date, "must be a YYYY-MM-DD date")),
    );
    c.string(&business, "website", "business", false, None);

    let addresses = c.section(profile, "addresses", "addresses");
    c.address(&addresses, "registered", "addresses", true);
    c.address(&addresses, "physical", "addresses", false);

    let contact = c.section(profile, "contact", "contact");
    c.string(
        &contact,
        "email",
        "contact",
        true,
        Some((super::fields::valid_email, "must be an email address")),
    );
    c.string(&contact, "phone", "contact", true, None);

    let operations = c.section(profile, "operations", "operations");
    c.strings(
        &operations,
        "business_jurisdictions",
        "operations",
        is_country,
        "must be an ISO-3166 alpha-2 code",
    );
    c.strings(
        &operations,
        "funds_movement_jurisdictions",
        "operations",
        is_country,
        "must be an ISO-3166 alpha-2 code",
    );
    c.choice(
        &operations,
        "primary_source_of_funds",
        "operations",
        SOURCES_OF_FUNDS,
    );
    let regulated = c.choice(
        &operations,
        "regulated_status",
        "operations",
        REGULATED_STATUSES,
    );
    c.string(
        &operations,
        "regulated_activity",
        "operations",
        regulated.as_deref() == Some("registered"),
        None,
    );
    c.string(&operations, "account_purpose", "operations", false, None);
    c.number(
        &operations,
        "estimated_annual_revenue_usd",
        "operations",
        false,
        1e15,
        false,
    );

    let volumes = c.section(profile, "volumes", "volumes");
    for (name, required) in [
        ("monthly_deposits", true),
        ("monthly_withdrawals", true),
        ("monthly_crypto_deposits", false),
        ("monthly_crypto_withdrawals", false),
        ("monthly_investment_deposits", false),
    ] {
        c.number(&volumes, name, "volumes", required, 1e12, true);
    }

    let counterparties = c.section(profile, "counterparties", "counterparties");
    c.strings(
        &counterparties,
        "counterparties",
        "counterparties",
        |v| COUNTERPARTIES.contains(&v),
        "must be a known counterparty kind",
    );

    match profile.get("associated_persons") {
        None | Some(Value::Null) => c.missing.push("associated_persons".into()),
        Some(Value::Array(people)) if people.is_empty() => {
            c.missing.push("associated_persons".into())
        }
        Some(Value::Array(people)) => {
            for (index, person) in people.iter().enumerate() {
                let path = format!("associated_persons[{index}]");
                let Some(person) = person.as_object() else {
                    c.bad(&path, "expected an object");
                    continue;
                };
                c.string(person, "first_name", &path, true, None);
                c.string(person, "last_name", &path, true, None);
                c.string(
                    person,
                    "date_of_birth",
                    &path,
                    true,
                    Some((is_date, "must be a YYYY-MM-DD date")),
                );
                c.string(
                    person,
                    "email",
                    &path,
                    true,
                    Some((super::fields::valid_email, "must be an email address")),
                );
                c.string(person, "phone", &path, true, None);
                c.address(person, "address", &path, true);
                c.string(person, "tax_id", &path, true, None);
                c.string(
                    person,
                    "nationality",
                    &path,
                    true,
                    Some((is_country, "must be an ISO-3166 alpha-2 code")),
                );
                c.string(
                    person,
                    "citizenship",
                    &path,
                    true,
                    Some((is_country, "must be an ISO-3166 alpha-2 code")),
                );
                c.number(person, "ownership_percent", &path, true, 100.0, false);
                let roles_path = format!("{path}.roles");
                let roles = c.section(person, "roles", &roles_path);
                for flag in ["has_control", "is_signer", "is_director"] {
                    c.boolean(&roles, flag, &roles_path);
                }
            }
        }
        Some(_) => c.bad("associated_persons", "expected an array"),
    }
    c
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
