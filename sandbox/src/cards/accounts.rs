//! Sub-accounts: register, find by email, KYC submission and status, and
//! initialization (which opens the user's USD wallet).

use serde_json::json;

use super::errors::ApiError;
use super::fields;
use super::ids;
use super::model::{Account, AccountKind, KycStatus};
use super::request::{Answer, Ctx};
use super::state::Program;
use crate::common::random;
use crate::common::text::is_email;

/// The account with this id, or 40401.
pub(crate) fn find<'a>(program: &'a Program, account_id: &str) -> Result<&'a Account, ApiError> {
    program
        .accounts
        .get(account_id)
        .ok_or(ApiError::NotFound("Account"))
}

/// The account's wallet id: 40401 for an unknown account, 050001 when it
/// is not initialized yet.
pub(crate) fn wallet_of(program: &Program, account_id: &str) -> Result<String, ApiError> {
    find(program, account_id)?
        .wallet_id
        .clone()
        .ok_or(ApiError::KycNotApproved)
}

/// `POST /v1/accounts/register {name, email, phone?, parentAccountId}`.
pub(crate) fn register(program: &mut Program, ctx: &Ctx<'_>) -> Answer {
    let name = fields::required(ctx.body, "name")?;
    let email = fields::required(ctx.body, "email")?;
    if !is_email(email) {
        return Err(ApiError::invalid("email"));
    }
    let phone = fields::optional(ctx.body, "phone")?;
    if phone.is_some_and(|phone| !fields::is_e164(phone)) {
        return Err(ApiError::invalid("phone must be E.164, e.g. +15551234567"));
    }
    let parent = fields::required(ctx.body, "parentAccountId")?;
    if parent != program.credentials.parent_account_id {
        return Err(ApiError::invalid("parentAccountId"));
    }
    let taken = program.accounts.values().any(|account| {
        account.kind == AccountKind::User && account.email.eq_ignore_ascii_case(email)
    });
    if taken {
        return Err(ApiError::EmailRegistered);
    }
    let account = Account {
        id: ids::uuid(),
        user_id: ids::numeric(),
        kind: AccountKind::User,
        name: name.to_owned(),
        email: email.to_owned(),
        phone: phone.map(str::to_owned),
        kyc: KycStatus::None,
        case_id: None,
        wallet_id: None,
    };
    let answer = json!({ "accountId": account.id, "userId": account.user_id });
    program.accounts.insert(account.id.clone(), account);
    Ok(answer)
}

/// `GET /v1/accounts?email=`: 0 or 1 user accounts.
pub(crate) fn find_by_email(program: &Program, ctx: &Ctx<'_>) -> Answer {
    let email = fields::query(ctx.query, "email")?;
    let list: Vec<_> = program
        .accounts
        .values()
        .filter(|account| {
            account.kind == AccountKind::User && account.email.eq_ignore_ascii_case(email)
        })
        .map(Account::to_json)
        .collect();
    Ok(json!({ "list": list }))
}

/// `POST /v1/accounts/{id}/kyc`: starts a review decided after the
/// program's `kycDelayMs` (REJECTED when the share token contains
/// "reject"), announced by a `KYC.UPDATED` webhook.
pub(crate) fn submit_kyc(program: &mut Program, ctx: &Ctx<'_>, account_id: &str) -> Answer {
    let source = fields::required(ctx.body, "sourceType")?;
    if source != "sumsub" {
        return Err(ApiError::invalid("sourceType must be \"sumsub\""));
    }
    let share_token = fields::required(ctx.body, "sumsubShareToken")?;
    for optional in [
        "ipAddress",
        "occupation",
        "annualSalary",
        "accountPurpose",
        "expectedMonthlyVolume",
    ] {
        fields::optional(ctx.body, optional)?;
    }
    let delay = program.settings.kyc_delay_ms;
    let account = program
        .accounts
        .get_mut(account_id)
        .ok_or(ApiError::NotFound("Account"))?;
    if matches!(account.kyc, KycStatus::Pending | KycStatus::Approved) {
        return Ok(json!({ "accountId": account.id, "status": account.kyc.as_str() }));
    }
    let case_id = random::id::<8>("case_");
    account.kyc = KycStatus::Pending;
    account.case_id = Some(case_id.clone());
    let decision = if share_token.to_ascii_lowercase().contains("reject") {
        KycStatus::Rejected
    } else {
        KycStatus::Approved
    };
    let id = account_id.to_owned();
    ctx.after(delay, move |program| {
        let Some(account) = program.accounts.get_mut(&id) else {
            return;
        };
        if account.kyc != KycStatus::Pending || account.case_id.as_deref() != Some(&case_id) {
            return;
        }
        account.kyc = decision;
        let data = json!({ "accountId": id, "status": decision.as_str() });
        program
            .webhooks
            .emit("KYC.UPDATED", data, std::time::SystemTime::now());
    });
    Ok(json!({ "accountId": account_id, "status": KycStatus::Pending.as_str() }))
}

/// `GET /v1/accounts/cdd/detail/{id}`.
pub(crate) fn kyc_detail(program: &Program, account_id: &str) -> Answer {
    let account = find(program, account_id)?;
    Ok(json!({ "kyc": { "status": account.kyc.as_str(), "caseId": account.case_id } }))
}

/// `POST /v1/accounts/{id}/init`: opens the USD wallet once KYC is
/// approved; repeating it returns the same wallet.
pub(crate) fn init(program: &mut Program, account_id: &str) -> Answer {
    if find(program, account_id)?.kyc != KycStatus::Approved {
        return Err(ApiError::KycNotApproved);
    }
    let wallet_id = program
        .open_wallet(account_id)
        .map_err(|()| ApiError::NotFound("Account"))?;
    Ok(json!({ "accountId": account_id, "walletId": wallet_id, "status": "ACTIVE" }))
}
