//! Simulated purchases: authorization rules (status, velocity, budget),
//! locked funds (030003), settlement, declines, and the transaction list's
//! filters and pagination.

mod support;

use reqwest::{Method, StatusCode};
use serde_json::{json, Value};
use support::cards::{sandbox, unique, Issued, Sandbox};

async fn setup(sbx: &Sandbox) -> (support::cards::Program, String, Issued) {
    let program = sbx.fast_program().await;
    let token = sbx.token(&program).await;
    let issued = sbx.issued(&program, &token, "500.00", "100.00").await;
    (program, token, issued)
}

fn list_path(issued: &Issued, extra: &str) -> String {
    format!(
        "/v1/cards/transaction-list?accountId={}&cardId={}{extra}",
        issued.user.account_id, issued.card_id
    )
}

#[tokio::test]
async fn pending_authorizations_lock_funds() {
    let sbx = sandbox().await;
    let (program, token, issued) = setup(&sbx).await;
    let account = &issued.user.account_id;
    let pending = sbx.purchase(&program, &issued, "70.00", "pending").await;
    assert_eq!(pending["status"], json!("PENDING"));
    assert_eq!(
        sbx.budget_balance(&token, account, &issued.budget_id).await,
        ("100.00".into(), "70.00".into())
    );
    let out = format!("/v1/budgets/{}/transfer-out", issued.budget_id);
    let withdraw = |amount: &str| json!({ "clientTransactionId": unique("o"), "amount": amount, "accountId": account });
    // 70 of the 100 are locked: 40 is there, but only 30 can leave.
    sbx.post(&token, &out, withdraw("40.00"))
        .await
        .assert_message(
            400,
            "030003",
            "Amount exceeds available balance: funds are locked by pending authorizations",
        );
    // More than the whole balance is plain 030001.
    sbx.post(&token, &out, withdraw("100.01"))
        .await
        .assert_message(400, "030001", "Insufficient balance");
    // The unlocked part can leave.
    sbx.post(&token, &out, withdraw("30.00")).await.data();
    assert_eq!(
        sbx.budget_balance(&token, account, &issued.budget_id).await,
        ("70.00".into(), "70.00".into())
    );
    // A second authorization cannot use locked money.
    let refused = sbx.purchase(&program, &issued, "0.01", "settle").await;
    assert_eq!(refused["status"], json!("FAIL"));
    assert_eq!(refused["declineReason"], json!("INSUFFICIENT_FUNDS"));
    // Settling releases the lock and spends the money.
    let (status, settled) = sbx
        .admin_post(
            "/__sandbox/cards/settle",
            json!({ "clientId": program.client_id, "transactionId": pending["id"] }),
        )
        .await;
    assert_eq!(status, StatusCode::OK, "{settled}");
    assert_eq!(settled["status"], json!("CLOSED"));
    assert!(settled["updatedAt"].as_i64() >= settled["createdAt"].as_i64());
    assert_eq!(
        sbx.budget_balance(&token, account, &issued.budget_id).await,
        ("0.00".into(), "0.00".into())
    );
    // Settling twice, or an unknown transaction, is refused.
    let (status, _) = sbx
        .admin_post(
            "/__sandbox/cards/settle",
            json!({ "clientId": program.client_id, "transactionId": pending["id"] }),
        )
        .await;
    assert_eq!(status, StatusCode::CONFLICT);
    let (status, _) = sbx
        .admin_post(
            "/__sandbox/cards/settle",
            json!({ "clientId": program.client_id, "transactionId": "nope" }),
        )
        .await;
    assert_eq!(status, StatusCode::NOT_FOUND);
}

#[tokio::test]
async fn decline_outcome_releases_the_lock() {
    let sbx = sandbox().await;
    let (program, token, issued) = setup(&sbx).await;
    let declined = sbx.purchase(&program, &issued, "25.00", "decline").await;
    assert_eq!(declined["status"], json!("FAIL"));
    assert!(declined["declineReason"].is_string());
    assert_eq!(
        sbx.budget_balance(&token, &issued.user.account_id, &issued.budget_id)
            .await,
        ("100.00".into(), "0.00".into())
    );
    let settled = sbx.purchase(&program, &issued, "100.00", "settle").await;
    assert_eq!(settled["status"], json!("CLOSED"));
    let broke = sbx.purchase(&program, &issued, "0.01", "settle").await;
    assert_eq!(broke["declineReason"], json!("INSUFFICIENT_FUNDS"));
}

#[tokio::test]
async fn velocity_limits() {
    let sbx = sandbox().await;
    let (program, token, issued) = setup(&sbx).await;
    let account = issued.user.account_id.clone();
    let set = |kind: &str, amount: &str| {
        let body =
            json!({ "accountId": account, "transactionLimitsType": kind, "amountLimit": amount });
        let (sbx, token, path) = (
            &sbx,
            &token,
            format!("/v1/cards/{}/velocity-control", issued.card_id),
        );
        async move {
            sbx.call(Method::PUT, &path, Some(token), Some(body), None)
                .await
        }
    };
    // DAY: the sum of non-failed amounts today.
    set("DAY", "30.00").await.data();
    assert_eq!(
        sbx.purchase(&program, &issued, "20.00", "settle").await["status"],
        json!("CLOSED")
    );
    assert_eq!(
        sbx.purchase(&program, &issued, "10.00", "pending").await["status"],
        json!("PENDING")
    );
    let over = sbx.purchase(&program, &issued, "0.01", "settle").await;
    assert_eq!(over["declineReason"], json!("VELOCITY_LIMIT_EXCEEDED"));
    // A failed one does not count: raise to 31 and 1.00 fits exactly.
    set("MONTH", "31.00").await.data();
    assert_eq!(
        sbx.purchase(&program, &issued, "1.00", "settle").await["status"],
        json!("CLOSED")
    );
    assert_eq!(
        sbx.purchase(&program, &issued, "0.01", "settle").await["status"],
        json!("FAIL")
    );
    // LIFETIME counts everything; TRANSACTION only the single amount.
    set("LIFETIME", "40.00").await.data();
    assert_eq!(
        sbx.purchase(&program, &issued, "9.00", "settle").await["status"],
        json!("CLOSED")
    );
    assert_eq!(
        sbx.purchase(&program, &issued, "0.01", "settle").await["status"],
        json!("FAIL")
    );
    set("TRANSACTION", "5.00").await.data();
    assert_eq!(
        sbx.purchase(&program, &issued, "5.00", "settle").await["status"],
        json!("CLOSED")
    );
    assert_eq!(
        sbx.purchase(&program, &issued, "5.01", "settle").await["status"],
        json!("FAIL")
    );
    // NA lifts the limit.
    let reply = set("NA", "0.00").await;
    assert_eq!(
        reply.data()["velocityControl"]["transactionLimitsType"],
        json!("NA")
    );
    assert_eq!(
        sbx.purchase(&program, &issued, "20.00", "settle").await["status"],
        json!("CLOSED")
    );
    // Spent: 20 + 1 + 9 + 5 + 20 settled, 10 pending.
    assert_eq!(
        sbx.budget_balance(&token, &account, &issued.budget_id)
            .await,
        ("45.00".into(), "10.00".into())
    );
}

#[tokio::test]
async fn transaction_list_filters_and_pages() {
    let sbx = sandbox().await;
    let (program, token, issued) = setup(&sbx).await;
    let mut ids = Vec::new();
    for (amount, outcome) in [
        ("1.00", "settle"),
        ("2.00", "pending"),
        ("3.00", "decline"),
        ("4.00", "settle"),
        ("5.00", "settle"),
    ] {
        let tx = sbx.purchase(&program, &issued, amount, outcome).await;
        ids.push(tx["id"].as_str().expect("id").to_owned());
    }
    let list = |extra: &str| {
        let (sbx, token, path) = (&sbx, &token, list_path(&issued, extra));
        async move { sbx.get(token, &path).await }
    };
    let amounts = |reply: &support::cards::Reply| -> Vec<String> {
        reply.data()["list"]
            .as_array()
            .expect("list")
            .iter()
            .map(|t| t["amount"].as_str().unwrap_or_default().to_owned())
            .collect()
    };
    let all = list("").await;
    assert_eq!(all.data()["total"], json!(5));
    assert_eq!(amounts(&all), ["5.00", "4.00", "3.00", "2.00", "1.00"]);
    let page = list("&page=2&limit=2").await;
    assert_eq!(page.data()["total"], json!(5));
    assert_eq!(amounts(&page), ["3.00", "2.00"]);
    let last = list("&page=3&limit=2").await;
    assert_eq!(amounts(&last), ["1.00"]);
    assert_eq!(
        amounts(&list("&page=4&limit=2").await),
        Vec::<String>::new()
    );
    assert_eq!(
        amounts(&list("&status=CLOSED").await),
        ["5.00", "4.00", "1.00"]
    );
    assert_eq!(amounts(&list("&status=PENDING").await), ["2.00"]);
    let failed = list("&status=FAIL").await;
    assert_eq!(amounts(&failed), ["3.00"]);
    assert!(failed.data()["list"][0]["declineReason"].is_string());
    assert_eq!(amounts(&list(&format!("&id={}", ids[1])).await), ["2.00"]);
    assert_eq!(list("&type=1").await.data()["total"], json!(5));
    assert_eq!(list("&type=2").await.data()["total"], json!(0));
    assert_eq!(
        list("&clientTransactionId=nope").await.data()["total"],
        json!(0)
    );
    let created: Vec<i64> = all.data()["list"]
        .as_array()
        .expect("list")
        .iter()
        .map(|t| t["createdAt"].as_i64().expect("createdAt"))
        .collect();
    let newest = created[0];
    assert_eq!(
        list(&format!("&startTime={}", newest + 1)).await.data()["total"],
        json!(0)
    );
    assert_eq!(
        list(&format!("&endTime={}", created[4] - 1)).await.data()["total"],
        json!(0)
    );
    assert_eq!(
        list(&format!("&startTime={}&endTime={}", created[4], newest))
            .await
            .data()["total"],
        json!(5)
    );
    // Every field of a transaction.
    let tx: &Value = &all.data()["list"][0];
    for field in [
        "id",
        "cardId",
        "type",
        "status",
        "amount",
        "currency",
        "merchantName",
        "createdAt",
        "updatedAt",
    ] {
        assert!(!tx[field].is_null(), "{field} in {tx}");
    }
    assert_eq!(tx["cardId"], json!(issued.card_id));
    // Validation.
    for (extra, field) in [
        ("&limit=101", "limit"),
        ("&limit=0", "limit"),
        ("&page=0", "page"),
        ("&page=x", "page"),
        ("&status=DONE", "status"),
        ("&startTime=yesterday", "startTime"),
    ] {
        list(extra).await.assert_invalid(field);
    }
    assert_eq!(list("&limit=100").await.data()["total"], json!(5));
    sbx.get(
        &token,
        &format!(
            "/v1/cards/transaction-list?accountId={}",
            issued.user.account_id
        ),
    )
    .await
    .assert_invalid("cardId");
    sbx.get(
        &token,
        &format!(
            "/v1/cards/transaction-list?accountId={}&cardId=nope",
            issued.user.account_id
        ),
    )
    .await
    .assert_error(404, "40401");
}

#[tokio::test]
async fn purchase_requests_are_validated() {
    let sbx = sandbox().await;
    let (program, _token, issued) = setup(&sbx).await;
    let base = json!({ "clientId": program.client_id, "accountId": issued.user.account_id,
                       "cardId": issued.card_id, "amount": "1.00" });
    let with = |key: &str, value: Value| {
        let mut body = base.clone();
        body[key] = value;
        body
    };
    for (body, status) in [
        (with("amount", json!("1.001")), StatusCode::BAD_REQUEST),
        (with("amount", json!(1)), StatusCode::BAD_REQUEST),
        (with("outcome", json!("refund")), StatusCode::BAD_REQUEST),
        (with("cardId", json!("nope")), StatusCode::NOT_FOUND),
        (with("accountId", json!("nope")), StatusCode::NOT_FOUND),
        (with("clientId", json!("nope")), StatusCode::NOT_FOUND),
    ] {
        let (got, reply) = sbx
            .admin_post("/__sandbox/cards/purchase", body.clone())
            .await;
        assert_eq!(got, status, "{body} → {reply}");
        assert!(reply["error"].is_string());
    }
    // The default outcome settles; the default merchant is named.
    let (status, tx) = sbx.admin_post("/__sandbox/cards/purchase", base).await;
    assert_eq!(status, StatusCode::OK);
    assert_eq!(tx["status"], json!("CLOSED"));
    assert!(tx["merchantName"].as_str().is_some_and(|m| !m.is_empty()));
}
