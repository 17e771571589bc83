//! Cards request validation: cardholder fields named in the error, the
//! amount and transfer rules, malformed bodies, and `Idempotency-Key`
//! (required on mutations, replayed, conflicting). The error codes of
//! accounts, cardholders and cards are in `cards_errors.rs`.

mod support;

use reqwest::Method;
use serde_json::{json, Value};
use support::cards::{key, sandbox, unique, Sandbox};

#[tokio::test]
async fn cardholder_validation_names_the_field() {
    let sbx = sandbox().await;
    let program = sbx.fast_program().await;
    let token = sbx.token(&program).await;
    let user = sbx.user(&program, &token).await;
    let valid = Sandbox::cardholder_body(&program, &user.account_id);
    let with = |path: &[&str], value: Value| {
        let mut body = valid.clone();
        let mut target = &mut body;
        for segment in &path[..path.len() - 1] {
            target = &mut target[*segment];
        }
        let last = path[path.len() - 1];
        if value.is_null() {
            if let Some(map) = target.as_object_mut() {
                map.remove(last);
            }
        } else {
            target[last] = value;
        }
        body
    };
    let cases = [
        (with(&["accountId"], Value::Null), "accountId"),
        (with(&["binId"], json!("")), "binId"),
        (with(&["binId"], json!("no-such-bin")), "binId"),
        (with(&["businessModel"], json!("B2B")), "businessModel"),
        (with(&["referenceId"], Value::Null), "referenceId"),
        (with(&["firstName"], json!("J0hn")), "firstName"),
        (with(&["firstName"], json!("Jöhn")), "firstName"),
        (with(&["lastName"], json!("Van Doe")), "lastName"),
        (with(&["lastName"], json!("Doe-Smith")), "lastName"),
        (
            with(&["firstName"], json!("Abcdefghijkl")),
            "firstName + \" \" + lastName",
        ),
        (with(&["email"], json!("not-an-email")), "email"),
        (with(&["phoneCountryCode"], json!("+1")), "phoneCountryCode"),
        (
            with(&["phoneNumber"], json!("1234567890123456")),
            "phoneNumber",
        ),
        (with(&["phoneNumber"], json!("555-1234")), "phoneNumber"),
        (with(&["address"], Value::Null), "address"),
        (with(&["address"], json!("123 Main St")), "address"),
        (with(&["address", "city"], Value::Null), "address.city"),
        (
            with(&["address", "postalCode"], json!("")),
            "address.postalCode",
        ),
        (
            with(&["address", "addressLine1"], json!(5)),
            "address.addressLine1",
        ),
        (
            with(&["address", "country"], Value::Null),
            "address.country",
        ),
    ];
    // "Abcdefghijkl Doe" is 16 characters: make the long-name case really long.
    let mut cases = cases.to_vec();
    cases[9].0["lastName"] = json!("Abcdefghijk");
    for (body, field) in cases {
        sbx.post(&token, "/v1/cardholders", body.clone())
            .await
            .assert_invalid(field);
    }
    // Exactly 23 characters is fine.
    let ok = with(&["firstName"], json!("Abcdefghijk"));
    let mut ok = ok;
    ok["lastName"] = json!("Abcdefghijk");
    assert_eq!(
        sbx.post(&token, "/v1/cardholders", ok).await.data()["status"],
        json!("PENDING")
    );
}

#[tokio::test]
async fn idempotency_key_is_required_on_mutations() {
    let sbx = sandbox().await;
    let program = sbx.fast_program().await;
    let token = sbx.token(&program).await;
    for path in [
        "/v1/cardholders",
        "/v1/budget-card",
        "/v1/budgets",
        "/v1/budgets/some-budget/transfer-in",
        "/v1/budgets/some-budget/transfer-out",
        "/v1/business/transfer/external",
    ] {
        let reply = sbx
            .call(Method::POST, path, Some(&token), Some(json!({})), None)
            .await;
        reply.assert_invalid("Idempotency-Key header required");
        let reply = sbx
            .call(Method::POST, path, Some(&token), Some(json!({})), Some(" "))
            .await;
        reply.assert_invalid("Idempotency-Key header required");
    }
    // Register works without one.
    let account = sbx
        .call(
            Method::POST,
            "/v1/accounts/register",
            Some(&token),
            Some(
                json!({ "name": "N", "email": format!("{}@example.com", unique("n")),
                         "parentAccountId": program.parent_account_id }),
            ),
            None,
        )
        .await;
    assert!(account.data()["accountId"].is_string());
}

#[tokio::test]
async fn idempotent_replay_and_conflict() {
    let sbx = sandbox().await;
    let program = sbx.fast_program().await;
    let token = sbx.token(&program).await;
    let user = sbx.user(&program, &token).await;
    sbx.fund_wallet(&program, &token, &user, "100.00").await;
    let account = &user.account_id;
    let send = |path: &str, body: Value, idem: String| {
        let (sbx, token, path) = (&sbx, &token, path.to_owned());
        async move {
            sbx.call(Method::POST, &path, Some(token), Some(body), Some(&idem))
                .await
        }
    };

    // Cardholder.
    let body = Sandbox::cardholder_body(&program, account);
    let idem = key();
    let first = send("/v1/cardholders", body.clone(), idem.clone()).await;
    let again = send("/v1/cardholders", body.clone(), idem.clone()).await;
    assert_eq!(again.body, first.body);
    let mut changed = body.clone();
    changed["firstName"] = json!("Other");
    send("/v1/cardholders", changed, idem.clone())
        .await
        .assert_message(409, "40901", "Idempotency-Key reused with a different body");
    let list = sbx
        .get(&token, &format!("/v1/cardholders?accountId={account}"))
        .await;
    assert_eq!(list.data()["list"].as_array().map(Vec::len), Some(1));
    // The same key on another endpoint is a different scope.
    let budget_body = json!({ "accountId": account, "name": "B" });
    let budget = send("/v1/budgets", budget_body.clone(), idem.clone()).await;
    let budget_id = budget.data()["budgetId"].as_str().expect("id").to_owned();
    assert_eq!(
        send("/v1/budgets", budget_body, idem).await.body,
        budget.body
    );

    // transfer-in replays without moving money twice.
    let path = &format!("/v1/budgets/{budget_id}/transfer-in");
    let transfer = json!({ "clientTransactionId": "t1", "amount": "10.00", "accountId": account });
    let idem = key();
    let first = send(path, transfer.clone(), idem.clone()).await;
    let again = send(path, transfer.clone(), idem.clone()).await;
    assert_eq!(first.body, again.body);
    assert_eq!(sbx.wallet(&token, account).await.1, "90.00");
    assert_eq!(
        sbx.budget_balance(&token, account, &budget_id).await.0,
        "10.00"
    );
    let mut other = transfer;
    other["amount"] = json!("11.00");
    send(path, other, idem).await.assert_error(409, "40901");

    // Errors replay too: the stored answer is repeated.
    let out = &format!("/v1/budgets/{budget_id}/transfer-out");
    let too_much = json!({ "clientTransactionId": "t2", "amount": "50.00", "accountId": account });
    let idem = key();
    send(out, too_much.clone(), idem.clone())
        .await
        .assert_error(400, "030001");
    send(out, too_much, idem).await.assert_error(400, "030001");

    // Register with a key replays instead of 010001.
    let email = format!("{}@example.com", unique("r"));
    let register =
        json!({ "name": "R", "email": email, "parentAccountId": program.parent_account_id });
    let idem = key();
    let first = send("/v1/accounts/register", register.clone(), idem.clone()).await;
    let again = send("/v1/accounts/register", register.clone(), idem).await;
    assert_eq!(first.body, again.body);
    send("/v1/accounts/register", register, key())
        .await
        .assert_message(409, "010001", "Email already registered");
}

#[tokio::test]
async fn money_errors() {
    let sbx = sandbox().await;
    let program = sbx.fast_program().await;
    let token = sbx.token(&program).await;
    let user = sbx.user(&program, &token).await;
    let account = &user.account_id;
    sbx.fund_wallet(&program, &token, &user, "20.00").await;
    let budget = sbx.budget(&token, account, "5.00").await;
    let transfer_in = format!("/v1/budgets/{budget}/transfer-in");
    let transfer_out = format!("/v1/budgets/{budget}/transfer-out");
    let move_money = |amount: Value| json!({ "clientTransactionId": unique("t"), "amount": amount, "accountId": account });
    for bad in [
        json!("1.234"),
        json!("-1"),
        json!("0"),
        json!("0.00"),
        json!(10),
        json!("ten"),
        json!(""),
    ] {
        sbx.post(&token, &transfer_in, move_money(bad.clone()))
            .await
            .assert_invalid("amount");
    }
    sbx.post(&token, &transfer_in, move_money(json!("15.01")))
        .await
        .assert_message(400, "030001", "Insufficient balance");
    sbx.post(&token, &transfer_out, move_money(json!("5.01")))
        .await
        .assert_message(400, "030001", "Insufficient balance");
    sbx.post(
        &token,
        "/v1/budgets/nope/transfer-in",
        move_money(json!("1")),
    )
    .await
    .assert_message(404, "40401", "Budget not found");
    sbx.post(
        &token,
        &transfer_in,
        json!({ "amount": "1", "accountId": account }),
    )
    .await
    .assert_invalid("clientTransactionId");
    sbx.post(
        &token,
        "/v1/budgets",
        json!({ "accountId": account, "name": "B", "currency": "EUR" }),
    )
    .await
    .assert_invalid("currency");
    sbx.post(&token, "/v1/budgets", json!({ "accountId": account }))
        .await
        .assert_invalid("name");
    sbx.get(&token, &format!("/v1/budgets/{budget}"))
        .await
        .assert_invalid("accountId");

    // External transfers.
    let (master, _) = sbx.wallet(&token, &program.merchant_id).await;
    let external = |amount: &str, from_wallet: &str, to_account: &str| {
        json!({ "clientTransactionId": unique("x"), "amount": amount,
                "from": { "accountId": program.merchant_id, "id": from_wallet, "currency": "USD" },
                "to": { "accountId": to_account, "id": user.wallet_id, "currency": "USD" } })
    };
    sbx.post(
        &token,
        "/v1/business/transfer/external",
        external("100000.01", &master, account),
    )
    .await
    .assert_error(400, "030001");
    sbx.post(
        &token,
        "/v1/business/transfer/external",
        external("1.00", &user.wallet_id, account),
    )
    .await
    .assert_message(404, "40401", "Wallet not found");
    sbx.post(
        &token,
        "/v1/business/transfer/external",
        external("1.00", &master, "nope"),
    )
    .await
    .assert_message(404, "40401", "Account not found");
    let mut no_to = external("1.00", &master, account);
    no_to.as_object_mut().map(|m| m.remove("to"));
    sbx.post(&token, "/v1/business/transfer/external", no_to)
        .await
        .assert_invalid("to");
    let mut euro = external("1.00", &master, account);
    euro["to"]["currency"] = json!("EUR");
    sbx.post(&token, "/v1/business/transfer/external", euro)
        .await
        .assert_invalid("to.currency");

    // Malformed bodies and queries.
    let reply = sbx
        .http
        .post(sbx.url("/v1/budgets"))
        .header("x-access-token", &token)
        .header("Idempotency-Key", key())
        .header("content-type", "application/json")
        .body("{not json")
        .send()
        .await
        .expect("request");
    assert_eq!(reply.status().as_u16(), 400);
    let body: Value = reply.json().await.expect("json");
    assert_eq!(body["code"], json!("40001"));
}
