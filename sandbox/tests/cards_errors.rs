//! Cards error codes of accounts, KYC, cardholders and cards: duplicates,
//! unknown ids, unapproved KYC and cardholders, closed cards, and the BIN
//! rules of card issue. Field validation, money rules and `Idempotency-Key`
//! replay are in `cards_validation.rs`.

mod support;

use reqwest::Method;
use serde_json::{json, Value};
use support::cards::{sandbox, unique, Sandbox};

#[tokio::test]
async fn account_errors() {
    let sbx = sandbox().await;
    let program = sbx
        .program(json!({ "kycDelayMs": 30, "cardholderDelayMs": 30 }))
        .await;
    let token = sbx.token(&program).await;
    let email = format!("{}@example.com", unique("dup"));
    let register = |email: String| json!({ "name": "D", "email": email, "parentAccountId": program.parent_account_id });
    sbx.post(&token, "/v1/accounts/register", register(email.clone()))
        .await
        .data();
    sbx.post(
        &token,
        "/v1/accounts/register",
        register(email.to_uppercase()),
    )
    .await
    .assert_message(409, "010001", "Email already registered");
    sbx.post(&token, "/v1/accounts/register", register("nope".into()))
        .await
        .assert_invalid("email");
    let mut bad_phone = register(format!("{}@example.com", unique("p")));
    bad_phone["phone"] = json!("5551234567");
    sbx.post(&token, "/v1/accounts/register", bad_phone)
        .await
        .assert_invalid("phone");
    sbx.get(&token, "/v1/accounts")
        .await
        .assert_invalid("email");
    sbx.get(&token, "/v1/accounts/cdd/detail/unknown")
        .await
        .assert_message(404, "40401", "Account not found");
    sbx.post(&token, "/v1/accounts/unknown/init", json!({}))
        .await
        .assert_error(404, "40401");

    // KYC validation and rejection.
    let account = sbx.register(&program, &token).await;
    let kyc = format!("/v1/accounts/{account}/kyc");
    sbx.post(
        &token,
        &kyc,
        json!({ "sourceType": "onfido", "sumsubShareToken": "x" }),
    )
    .await
    .assert_invalid("sourceType");
    sbx.post(&token, &kyc, json!({ "sourceType": "sumsub" }))
        .await
        .assert_invalid("sumsubShareToken");
    let reply = sbx
        .post(
            &token,
            &kyc,
            json!({ "sourceType": "sumsub", "sumsubShareToken": "_act-sbx-jwt-reject-me" }),
        )
        .await;
    assert_eq!(reply.data()["status"], json!("PENDING"));
    support::eventually(std::time::Duration::from_secs(5), || async {
        let reply = sbx
            .get(&token, &format!("/v1/accounts/cdd/detail/{account}"))
            .await;
        (reply.data()["kyc"]["status"] == json!("REJECTED")).then_some(())
    })
    .await;
    sbx.post(&token, &format!("/v1/accounts/{account}/init"), json!({}))
        .await
        .assert_message(400, "050001", "KYC not approved");
    // Not initialized: no cardholder, no budget.
    sbx.post(
        &token,
        "/v1/cardholders",
        Sandbox::cardholder_body(&program, &account),
    )
    .await
    .assert_message(400, "050001", "KYC not approved");
    sbx.post(
        &token,
        "/v1/budgets",
        json!({ "accountId": account, "name": "B" }),
    )
    .await
    .assert_error(400, "050001");
    // Resubmitting fixes it.
    sbx.approve_kyc(&token, &account).await;
    sbx.post(&token, &format!("/v1/accounts/{account}/init"), json!({}))
        .await
        .data();
}

#[tokio::test]
async fn cardholder_and_card_errors() {
    let sbx = sandbox().await;
    let program = sbx.fast_program().await;
    let token = sbx.token(&program).await;
    let issued = sbx.issued(&program, &token, "100.00", "50.00").await;
    let account = issued.user.account_id.clone();
    let other = sbx.user(&program, &token).await;

    // 010003: cardholder referenceId reused.
    let mut body = Sandbox::cardholder_body(&program, &account);
    body["referenceId"] = json!("ref-1");
    sbx.post(&token, "/v1/cardholders", body.clone())
        .await
        .data();
    body["accountId"] = json!(other.account_id);
    sbx.post(&token, "/v1/cardholders", body)
        .await
        .assert_message(409, "010003", "referenceId already used");

    // Cardholder lookups.
    let holder = &issued.cardholder_id;
    sbx.get(&token, &format!("/v1/cardholders/{holder}"))
        .await
        .assert_invalid("accountId");
    sbx.get(
        &token,
        &format!("/v1/cardholders/{holder}?accountId={}", other.account_id),
    )
    .await
    .assert_message(404, "40401", "Cardholder not found");
    sbx.get(&token, "/v1/cardholders")
        .await
        .assert_invalid("accountId");
    let holder_path = format!("/v1/cardholders/{holder}");
    let patch = |body: Value| sbx.call(Method::PATCH, &holder_path, Some(&token), Some(body), None);
    patch(
        json!({ "accountId": account, "address": { "addressLine1": "1 New St", "city": "Boston",
                                                     "country": "US", "postalCode": "02101" } }),
    )
    .await
    .assert_message(400, "010002", "Operation not supported for this BIN");
    patch(json!({ "accountId": account, "phoneCountryCode": "+44" }))
        .await
        .assert_invalid("phoneCountryCode");
    patch(json!({ "accountId": account, "lastName": "Abcdefghijklmnopqrstuvwxyz" }))
        .await
        .assert_invalid("lastName");
    patch(json!({ "phoneNumber": "1" }))
        .await
        .assert_invalid("accountId");

    // Card issue errors.
    let issue = |overrides: Value| {
        let mut body = json!({ "accountId": account, "binId": program.default_bin_id, "cardMode": "VIRTUAL_CARD",
            "cardholderId": holder, "budgetId": issued.budget_id, "referenceId": unique("card") });
        if let (Some(body), Some(overrides)) = (body.as_object_mut(), overrides.as_object()) {
            for (k, v) in overrides {
                body.insert(k.clone(), v.clone());
            }
        }
        sbx.post(&token, "/v1/budget-card", body)
    };
    issue(json!({ "cardMode": "PLASTIC" }))
        .await
        .assert_invalid("cardMode");
    issue(json!({ "label": "x".repeat(51) }))
        .await
        .assert_invalid("label");
    issue(json!({ "label": "x".repeat(50) })).await.data();
    issue(json!({ "budgetId": "nope" }))
        .await
        .assert_message(404, "40401", "Budget not found");
    issue(json!({ "cardholderId": "nope" }))
        .await
        .assert_message(404, "40401", "Cardholder not found");
    let bins = sbx
        .get(&token, &format!("/v1/card/bins?accountId={account}"))
        .await;
    let prepaid = bins.data()["list"][1]["id"].clone();
    issue(json!({ "binId": prepaid })).await.assert_message(
        400,
        "010002",
        "Operation not supported for this BIN",
    );
    issue(json!({ "referenceId": "card-ref-1" })).await.data();
    issue(json!({ "referenceId": "card-ref-1" }))
        .await
        .assert_message(409, "010003", "referenceId already used");

    // 050002: a cardholder still under review.
    let slow = sbx
        .program(json!({ "kycDelayMs": 10, "cardholderDelayMs": 600_000 }))
        .await;
    let slow_token = sbx.token(&slow).await;
    let user = sbx.user(&slow, &slow_token).await;
    let reply = sbx
        .post(
            &slow_token,
            "/v1/cardholders",
            Sandbox::cardholder_body(&slow, &user.account_id),
        )
        .await;
    let pending_holder = reply.data()["cardholderId"].clone();
    let budget = sbx
        .post(
            &slow_token,
            "/v1/budgets",
            json!({ "accountId": user.account_id, "name": "B" }),
        )
        .await;
    sbx.post(
        &slow_token,
        "/v1/budget-card",
        json!({ "accountId": user.account_id, "binId": slow.default_bin_id, "cardMode": "VIRTUAL_CARD",
                "cardholderId": pending_holder, "budgetId": budget.data()["budgetId"], "referenceId": unique("c") }),
    )
    .await
    .assert_message(400, "050002", "Cardholder not approved");

    // 40401 for unknown cards and for cards of another account.
    let card = &issued.card_id;
    sbx.get(&token, &format!("/v1/cards/nope?accountId={account}"))
        .await
        .assert_message(404, "40401", "Card not found");
    sbx.get(
        &token,
        &format!("/v1/cards/{card}?accountId={}", other.account_id),
    )
    .await
    .assert_message(404, "40401", "Card not found");
    sbx.post(
        &token,
        &format!("/v1/cards/{card}/freeze"),
        json!({ "accountId": other.account_id }),
    )
    .await
    .assert_error(404, "40401");
    let reply = sbx
        .get(
            &token,
            &format!("/v1/card-list?accountId={}&cardId={card}", other.account_id),
        )
        .await;
    assert_eq!(reply.data()["total"], json!(0));

    // Card update validation.
    let put = |path: String, body: Value| {
        let (sbx, token) = (&sbx, &token);
        async move {
            sbx.call(Method::PUT, &path, Some(token), Some(body), None)
                .await
        }
    };
    put(format!("/v1/cards/{card}"), json!({ "accountId": account }))
        .await
        .assert_invalid("label");
    put(
        format!("/v1/cards/{card}/velocity-control"),
        json!({ "accountId": account, "transactionLimitsType": "HOUR", "amountLimit": "5.00" }),
    )
    .await
    .assert_invalid("transactionLimitsType");
    put(
        format!("/v1/cards/{card}/velocity-control"),
        json!({ "accountId": account, "transactionLimitsType": "DAY", "amountLimit": "5.001" }),
    )
    .await
    .assert_invalid("amountLimit");

    // 020002 after delete, on every card operation.
    let delete = format!("/v1/cards/{card}?accountId={account}");
    sbx.call(Method::DELETE, &delete, Some(&token), None, None)
        .await
        .data();
    sbx.call(Method::DELETE, &delete, Some(&token), None, None)
        .await
        .assert_message(400, "020002", "Card is closed");
    sbx.get(&token, &delete).await.assert_error(400, "020002");
    sbx.get(
        &token,
        &format!("/v1/cards/{card}/private-info/access-token?accountId={account}"),
    )
    .await
    .assert_error(400, "020002");
    put(
        format!("/v1/cards/{card}"),
        json!({ "accountId": account, "label": "x" }),
    )
    .await
    .assert_error(400, "020002");
    put(
        format!("/v1/cards/{card}/velocity-control"),
        json!({ "accountId": account, "transactionLimitsType": "DAY", "amountLimit": "5.00" }),
    )
    .await
    .assert_error(400, "020002");
    for action in ["freeze", "unfreeze"] {
        sbx.post(
            &token,
            &format!("/v1/cards/{card}/{action}"),
            json!({ "accountId": account }),
        )
        .await
        .assert_error(400, "020002");
    }
}

#[tokio::test]
async fn physical_cards_need_a_design_and_a_supporting_bin() {
    let sbx = sandbox().await;
    let program = sbx.fast_program().await;
    let token = sbx.token(&program).await;
    let user = sbx.user(&program, &token).await;
    sbx.fund_wallet(&program, &token, &user, "10.00").await;
    let holder = sbx.cardholder(&program, &token, &user.account_id).await;
    let budget = sbx.budget(&token, &user.account_id, "5.00").await;
    let body = |design: Option<&str>| {
        let mut body = json!({ "accountId": user.account_id, "binId": program.default_bin_id,
            "cardMode": "PHYSICAL_CARD", "cardholderId": holder, "budgetId": budget,
            "referenceId": unique("card") });
        if let Some(design) = design {
            body["physicalCardDesignId"] = json!(design);
        }
        body
    };
    sbx.post(&token, "/v1/budget-card", body(None))
        .await
        .assert_invalid("physicalCardDesignId");
    // The budget BIN does not support physical cards.
    sbx.post(&token, "/v1/budget-card", body(Some("design-1")))
        .await
        .assert_message(400, "010002", "Operation not supported for this BIN");
}
