//! Cards: issue on a budget, list, sensitive data, widget tokens, label,
//! velocity control, freeze / unfreeze and delete (close).

use serde_json::{json, Value};

use super::accounts;
use super::budgets;
use super::calendar::expiry;
use super::cardholders;
use super::errors::ApiError;
use super::fields;
use super::ids;
use super::jwt::{self, WidgetClaims};
use super::model::{Card, CardStatus, CardholderStatus, LimitKind, Velocity};
use super::request::{Answer, Ctx};
use super::state::Program;
use crate::common::clock::{unix_ms, unix_secs};
use crate::common::money::parse_cents;

/// Longest card label.
const MAX_LABEL: usize = 50;
/// Years until a new card expires.
const VALID_YEARS: i64 = 3;
/// Default and largest page sizes of `GET /v1/card-list`.
pub(crate) const DEFAULT_LIMIT: usize = 50;
/// Largest page size.
pub(crate) const MAX_LIMIT: usize = 100;

/// The card `id` of `account_id` (40401 otherwise), whatever its status.
pub(crate) fn find<'a>(
    program: &'a Program,
    account_id: &str,
    id: &str,
) -> Result<&'a Card, ApiError> {
    program
        .cards
        .get(id)
        .filter(|card| card.account_id == account_id)
        .ok_or(ApiError::NotFound("Card"))
}

/// Like [`find`], but a closed card is 020002.
fn find_open<'a>(program: &'a Program, account_id: &str, id: &str) -> Result<&'a Card, ApiError> {
    let card = find(program, account_id, id)?;
    if card.status == CardStatus::Closed {
        return Err(ApiError::CardClosed);
    }
    Ok(card)
}

/// Mutable open card of `account_id`.
fn find_open_mut<'a>(
    program: &'a mut Program,
    account_id: &str,
    id: &str,
) -> Result<&'a mut Card, ApiError> {
    find_open(program, account_id, id)?;
    program.cards.get_mut(id).ok_or(ApiError::NotFound("Card"))
}

/// Validates an optional or required label.
fn label(text: &str) -> Result<String, ApiError> {
    if text.chars().count() > MAX_LABEL {
        return Err(ApiError::invalid("label must be at most 50 characters"));
    }
    Ok(text.to_owned())
}

/// `POST /v1/budget-card`.
pub(crate) fn issue(program: &mut Program, ctx: &Ctx<'_>) -> Answer {
    let body = ctx.body;
    let account_id = fields::required(body, "accountId")?;
    let bin_id = fields::required(body, "binId")?;
    let mode = fields::required(body, "cardMode")?;
    let physical = match mode {
        "VIRTUAL_CARD" => false,
        "PHYSICAL_CARD" => true,
        _ => {
            return Err(ApiError::invalid(
                "cardMode must be VIRTUAL_CARD or PHYSICAL_CARD",
            ))
        }
    };
    let cardholder_id = fields::required(body, "cardholderId")?;
    let budget_id = fields::required(body, "budgetId")?;
    let reference_id = fields::required(body, "referenceId")?;
    let card_label = fields::optional(body, "label")?.map(label).transpose()?;
    let use_type = fields::optional(body, "useType")?;
    let design = fields::optional(body, "physicalCardDesignId")?.filter(|id| !id.is_empty());
    if physical && design.is_none() {
        return Err(ApiError::invalid(
            "physicalCardDesignId is required for PHYSICAL_CARD",
        ));
    }
    let bin = program
        .bin(bin_id)
        .ok_or_else(|| ApiError::invalid("binId"))?
        .clone();
    accounts::wallet_of(program, account_id)?;
    if bin.kind != 0 || (physical && !bin.supports_physical) {
        return Err(ApiError::BinUnsupported);
    }
    if cardholders::find(program, account_id, cardholder_id)?.status != CardholderStatus::Approved {
        return Err(ApiError::CardholderNotApproved);
    }
    budgets::find(program, account_id, budget_id)?;
    if program
        .cards
        .values()
        .any(|card| card.reference_id == reference_id)
    {
        return Err(ApiError::ReferenceUsed);
    }
    let mut pan = ids::pan(bin.prefix);
    while program.cards.values().any(|card| card.pan == pan) {
        pan = ids::pan(bin.prefix);
    }
    let now_ms = unix_ms(ctx.now);
    let card = Card {
        id: ids::uuid(),
        account_id: account_id.to_owned(),
        bin_id: bin.id,
        mode: mode.to_owned(),
        cardholder_id: cardholder_id.to_owned(),
        budget_id: budget_id.to_owned(),
        reference_id: reference_id.to_owned(),
        label: card_label,
        use_type: use_type.map(str::to_owned),
        physical_design_id: design.map(str::to_owned),
        pan,
        expiry: expiry(now_ms, VALID_YEARS),
        cvv: ids::cvv(),
        status: CardStatus::Active,
        velocity: None,
        created_ms: now_ms,
        seq: program.seq(),
    };
    let answer = card.issued_json();
    program.cards.insert(card.id.clone(), card);
    Ok(answer)
}

/// Reads `page` (≥ 1, default 1) and `limit` (1–100, default 50).
pub(crate) fn paging(query: &fields::Query) -> Result<(usize, usize), ApiError> {
    let number = |name: &str, default: usize, max: usize| match query.get(name) {
        None => Ok(default),
        Some(text) => text
            .parse::<usize>()
            .ok()
            .filter(|value| (1..=max).contains(value))
            .ok_or_else(|| ApiError::invalid(format!("{name} must be an integer from 1 to {max}"))),
    };
    Ok((
        number("page", 1, usize::MAX)?,
        number("limit", DEFAULT_LIMIT, MAX_LIMIT)?,
    ))
}

/// `GET /v1/card-list?accountId=&cardId=&page=&limit=`: newest first.
pub(crate) fn list(program: &Program, ctx: &Ctx<'_>) -> Answer {
    let account_id = fields::query(ctx.query, "accountId")?;
    accounts::find(program, account_id)?;
    let card_id = ctx.query.get("cardId").filter(|id| !id.is_empty());
    let (page, limit) = paging(ctx.query)?;
    let mut cards: Vec<&Card> = program
        .cards
        .values()
        .filter(|card| card.account_id == account_id)
        .filter(|card| card_id.is_none_or(|id| *id == card.id))
        .collect();
    cards.sort_by_key(|card| std::cmp::Reverse(card.seq));
    let total = cards.len();
    let list: Vec<Value> = cards
        .into_iter()
        .skip((page - 1).saturating_mul(limit))
        .take(limit)
        .map(Card::to_json)
        .collect();
    Ok(json!({ "total": total, "list": list }))
}

/// `GET /v1/cards/{id}?accountId=`: number, expiry and CVV.
pub(crate) fn sensitive(program: &Program, ctx: &Ctx<'_>, id: &str) -> Answer {
    let account_id = fields::query(ctx.query, "accountId")?;
    let card = find_open(program, account_id, id)?;
    Ok(json!({
        "cardId": card.id,
        "cardNumber": card.pan,
        "expiryDate": card.expiry,
        "cvv": card.cvv,
    }))
}

/// `GET /v1/cards/{id}/private-info/access-token?accountId=`: a widget
/// JWT for this card.
pub(crate) fn widget_token(program: &Program, ctx: &Ctx<'_>, id: &str) -> Answer {
    let account_id = fields::query(ctx.query, "accountId")?;
    let card = find_open(program, account_id, id)?;
    let ttl = program.settings.widget_token_ttl_secs;
    let iat = unix_secs(ctx.now);
    let claims = WidgetClaims {
        card_id: card.id.clone(),
        account_id: card.account_id.clone(),
        iat,
        exp: iat.saturating_add(i64::try_from(ttl).unwrap_or(i64::MAX)),
    };
    Ok(json!({
        "accessToken": jwt::sign(ctx.widget_secret, &claims),
        "expiresIn": ttl,
    }))
}

/// `PUT /v1/cards/{id} {accountId, label}`.
pub(crate) fn relabel(program: &mut Program, ctx: &Ctx<'_>, id: &str) -> Answer {
    let account_id = fields::required(ctx.body, "accountId")?;
    let new_label = match ctx.body.get("label") {
        Some(Value::String(text)) => label(text)?,
        _ => return Err(ApiError::invalid("label")),
    };
    let card = find_open_mut(program, account_id, id)?;
    card.label = Some(new_label);
    Ok(card.to_json())
}

/// `PUT /v1/cards/{id}/velocity-control
/// {accountId, transactionLimitsType, amountLimit}`.
pub(crate) fn velocity(program: &mut Program, ctx: &Ctx<'_>, id: &str) -> Answer {
    let account_id = fields::required(ctx.body, "accountId")?;
    let kind = LimitKind::parse(fields::required(ctx.body, "transactionLimitsType")?)
        .ok_or_else(|| {
            ApiError::invalid(
                "transactionLimitsType must be one of TRANSACTION, DAY, WEEK, MONTH, QUARTER, YEAR, LIFETIME, NA",
            )
        })?;
    let amount_cents = match ctx.body.get("amountLimit") {
        Some(Value::String(text)) => parse_cents(text),
        _ => None,
    }
    .ok_or_else(|| {
        ApiError::invalid("amountLimit must be a decimal string with at most 2 decimals")
    })?;
    let card = find_open_mut(program, account_id, id)?;
    card.velocity = Some(Velocity { kind, amount_cents });
    Ok(card.to_json())
}

/// `POST /v1/cards/{id}/freeze|unfreeze {accountId}`.
pub(crate) fn set_frozen(program: &mut Program, ctx: &Ctx<'_>, id: &str, frozen: bool) -> Answer {
    let account_id = fields::required(ctx.body, "accountId")?;
    let card = find_open_mut(program, account_id, id)?;
    card.status = if frozen {
        CardStatus::Frozen
    } else {
        CardStatus::Active
    };
    Ok(card.to_json())
}

/// `DELETE /v1/cards/{id}?accountId=`: closes the card for good.
pub(crate) fn close(program: &mut Program, ctx: &Ctx<'_>, id: &str) -> Answer {
    let account_id = match ctx.query.get("accountId") {
        Some(id) if !id.is_empty() => id.as_str(),
        _ => fields::required(ctx.body, "accountId")?,
    };
    let card = find_open_mut(program, account_id, id)?;
    card.status = CardStatus::Closed;
    Ok(card.to_json())
}
