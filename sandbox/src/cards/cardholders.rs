//! Cardholder profiles: create (approved after the program's
//! `cardholderDelayMs`), list, get and patch.

use serde_json::{json, Map, Value};

use super::accounts;
use super::errors::ApiError;
use super::fields;
use super::ids;
use super::model::{Cardholder, CardholderStatus};
use super::request::{Answer, Ctx};
use super::state::Program;
use crate::common::text::{is_digits, is_email};

/// Longest `firstName + " " + lastName`.
const MAX_FULL_NAME: usize = 23;
/// Longest phone number (without country code).
const MAX_PHONE_DIGITS: usize = 15;
/// Longest country calling code.
const MAX_COUNTRY_CODE_DIGITS: usize = 4;

/// Validates a name part.
fn name(body: &Map<String, Value>, field: &str) -> Result<String, ApiError> {
    let value = fields::required(body, field)?;
    if !fields::is_letters(value) {
        return Err(ApiError::invalid(format!(
            "{field} must be A-Z letters only"
        )));
    }
    Ok(value.to_owned())
}

/// Checks the combined length of the names.
fn full_name_fits(first: &str, last: &str) -> Result<(), ApiError> {
    if first.len() + 1 + last.len() > MAX_FULL_NAME {
        return Err(ApiError::invalid(
            "firstName + \" \" + lastName must be at most 23 characters",
        ));
    }
    Ok(())
}

/// Validates `email`.
fn email(body: &Map<String, Value>) -> Result<String, ApiError> {
    let value = fields::required(body, "email")?;
    if !is_email(value) {
        return Err(ApiError::invalid("email"));
    }
    Ok(value.to_owned())
}

/// Validates `phoneCountryCode` (digits only, no `+`).
fn country_code(body: &Map<String, Value>) -> Result<String, ApiError> {
    let value = fields::required(body, "phoneCountryCode")?;
    if !is_digits(value, 1..=MAX_COUNTRY_CODE_DIGITS) {
        return Err(ApiError::invalid(
            "phoneCountryCode must be digits only, without +",
        ));
    }
    Ok(value.to_owned())
}

/// Validates `phoneNumber` (up to 15 digits).
fn phone_number(body: &Map<String, Value>) -> Result<String, ApiError> {
    let value = fields::required(body, "phoneNumber")?;
    if !is_digits(value, 1..=MAX_PHONE_DIGITS) {
        return Err(ApiError::invalid("phoneNumber must be up to 15 digits"));
    }
    Ok(value.to_owned())
}

/// Validates the address object and keeps only its known fields.
fn address(body: &Map<String, Value>) -> Result<Value, ApiError> {
    let Some(Value::Object(address)) = body.get("address") else {
        return Err(ApiError::invalid("address"));
    };
    let mut clean = Map::new();
    for field in ["addressLine1", "city", "country", "postalCode"] {
        let value = fields::required(address, field)
            .map_err(|_| ApiError::invalid(format!("address.{field}")))?;
        clean.insert(field.into(), Value::from(value));
    }
    for field in ["addressLine2", "state"] {
        let value = fields::optional(address, field)
            .map_err(|_| ApiError::invalid(format!("address.{field}")))?;
        if let Some(value) = value {
            clean.insert(field.into(), Value::from(value));
        }
    }
    Ok(Value::Object(clean))
}

/// `POST /v1/cardholders`.
pub(crate) fn create(program: &mut Program, ctx: &Ctx<'_>) -> Answer {
    let body = ctx.body;
    let account_id = fields::required(body, "accountId")?;
    let bin_id = fields::required(body, "binId")?;
    if fields::required(body, "businessModel")? != "B2C_GATEWAY" {
        return Err(ApiError::invalid("businessModel must be B2C_GATEWAY"));
    }
    let reference_id = fields::required(body, "referenceId")?;
    let first_name = name(body, "firstName")?;
    let last_name = name(body, "lastName")?;
    full_name_fits(&first_name, &last_name)?;
    let mut record = Map::new();
    record.insert("accountId".into(), Value::from(account_id));
    record.insert("binId".into(), Value::from(bin_id));
    record.insert("businessModel".into(), Value::from("B2C_GATEWAY"));
    record.insert("referenceId".into(), Value::from(reference_id));
    record.insert("firstName".into(), Value::from(first_name));
    record.insert("lastName".into(), Value::from(last_name));
    record.insert("email".into(), Value::from(email(body)?));
    record.insert("phoneCountryCode".into(), Value::from(country_code(body)?));
    record.insert("phoneNumber".into(), Value::from(phone_number(body)?));
    record.insert("address".into(), address(body)?);

    accounts::find(program, account_id)?;
    if program.bin(bin_id).is_none() {
        return Err(ApiError::invalid("binId"));
    }
    accounts::wallet_of(program, account_id)?;
    if program
        .cardholders
        .values()
        .any(|holder| holder.field("referenceId") == reference_id)
    {
        return Err(ApiError::ReferenceUsed);
    }
    let holder = Cardholder {
        id: ids::numeric(),
        account_id: account_id.to_owned(),
        status: CardholderStatus::Pending,
        fields: record,
        seq: program.seq(),
    };
    let answer = holder.to_json();
    let id = holder.id.clone();
    program.cardholders.insert(id.clone(), holder);
    ctx.after(program.settings.cardholder_delay_ms, move |program| {
        let Some(holder) = program.cardholders.get_mut(&id) else {
            return;
        };
        if holder.status != CardholderStatus::Pending {
            return;
        }
        holder.status = CardholderStatus::Approved;
        let data = json!({
            "cardholderId": holder.id,
            "accountId": holder.account_id,
            "status": holder.status.as_str(),
        });
        program
            .webhooks
            .emit("CARDHOLDER.UPDATED", data, std::time::SystemTime::now());
    });
    Ok(answer)
}

/// `GET /v1/cardholders?accountId=`.
pub(crate) fn list(program: &Program, ctx: &Ctx<'_>) -> Answer {
    let account_id = fields::query(ctx.query, "accountId")?;
    accounts::find(program, account_id)?;
    let mut holders: Vec<&Cardholder> = program
        .cardholders
        .values()
        .filter(|holder| holder.account_id == account_id)
        .collect();
    holders.sort_by_key(|holder| holder.seq);
    let list: Vec<Value> = holders.into_iter().map(Cardholder::to_json).collect();
    Ok(json!({ "list": list }))
}

/// The cardholder `id` of `account_id`, or 40401.
pub(crate) fn find<'a>(
    program: &'a Program,
    account_id: &str,
    id: &str,
) -> Result<&'a Cardholder, ApiError> {
    program
        .cardholders
        .get(id)
        .filter(|holder| holder.account_id == account_id)
        .ok_or(ApiError::NotFound("Cardholder"))
}

/// `GET /v1/cardholders/{id}?accountId=`.
pub(crate) fn get(program: &Program, ctx: &Ctx<'_>, id: &str) -> Answer {
    let account_id = fields::query(ctx.query, "accountId")?;
    Ok(find(program, account_id, id)?.to_json())
}

/// `PATCH /v1/cardholders/{id}`: address changes are not supported on
/// the sandbox BINs (010002).
pub(crate) fn update(program: &mut Program, ctx: &Ctx<'_>, id: &str) -> Answer {
    let body = ctx.body;
    let account_id = fields::required(body, "accountId")?;
    let holder = find(program, account_id, id)?;
    if body.get("address").is_some_and(|value| !value.is_null()) {
        return Err(ApiError::BinUnsupported);
    }
    let present = |field: &str| body.get(field).is_some_and(|value| !value.is_null());
    let mut changes = Map::new();
    if present("email") {
        changes.insert("email".into(), Value::from(email(body)?));
    }
    if present("phoneCountryCode") {
        changes.insert("phoneCountryCode".into(), Value::from(country_code(body)?));
    }
    if present("phoneNumber") {
        changes.insert("phoneNumber".into(), Value::from(phone_number(body)?));
    }
    let first = if present("firstName") {
        name(body, "firstName")?
    } else {
        holder.field("firstName").to_owned()
    };
    let last = if present("lastName") {
        name(body, "lastName")?
    } else {
        holder.field("lastName").to_owned()
    };
    full_name_fits(&first, &last)?;
    changes.insert("firstName".into(), Value::from(first));
    changes.insert("lastName".into(), Value::from(last));
    let holder = program
        .cardholders
        .get_mut(id)
        .ok_or(ApiError::NotFound("Cardholder"))?;
    holder.fields.extend(changes);
    Ok(holder.to_json())
}
