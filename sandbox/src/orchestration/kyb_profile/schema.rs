//! What a complete KYB profile contains: every section, which of its
//! fields are required (some only depending on others, such as the state
//! of US and Canadian addresses) and the values each may take.

use serde_json::{Map, Value};

use super::checker::{is_country, is_date, Checker};
use crate::orchestration::fields::valid_email;

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

/// Checks a complete profile document.
pub(super) fn walk(profile: &Map<String, Value>) -> Checker {
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
        Some((valid_email, "must be an email address")),
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
                    Some((valid_email, "must be an email address")),
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
