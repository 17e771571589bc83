//! The whole Cards issuance journey against the default program: token,
//! BINs, register, KYC, init, cardholder, budget, funding, issue, sensitive
//! data, widget token, label, velocity, freeze, purchases, transactions and
//! delete. (The physical-card issue rules are with the other card issue
//! errors, in `cards_errors.rs`.)

mod support;

use std::time::Duration;

use base64::engine::general_purpose::URL_SAFE_NO_PAD;
use base64::Engine;
use reqwest::{Method, StatusCode};
use serde_json::{json, Value};
use support::cards::{sandbox, unique, Sandbox};
use support::eventually;

/// Luhn check of a digit string.
fn luhn(number: &str) -> bool {
    let sum: u32 = number
        .bytes()
        .rev()
        .enumerate()
        .map(|(i, b)| {
            let d = u32::from(b - b'0');
            if i % 2 == 1 {
                let x = d * 2;
                if x > 9 {
                    x - 9
                } else {
                    x
                }
            } else {
                d
            }
        })
        .sum();
    number.bytes().all(|b| b.is_ascii_digit()) && sum.is_multiple_of(10)
}

fn decode_segment(segment: &str) -> Value {
    let raw = URL_SAFE_NO_PAD.decode(segment).expect("base64url segment");
    serde_json::from_slice(&raw).expect("JSON segment")
}

#[tokio::test]
async fn issuance_journey() {
    let sbx: Sandbox = sandbox().await;
    let program = sbx.default_program();

    // OAuth.
    let code = sbx.authorize(&program).await;
    assert_eq!(code.len(), 32);
    assert!(code.bytes().all(|b| b.is_ascii_hexdigit()));
    let reply = sbx.exchange(&program, &code).await;
    let data = reply.data();
    let token = data["accessToken"].as_str().expect("token").to_owned();
    assert_eq!(token.len(), 40);
    assert_eq!(data["refreshToken"].as_str().map(str::len), Some(64));
    assert_eq!(data["expiresIn"], json!(86_400));
    assert!(data["timestamp"]
        .as_i64()
        .is_some_and(|t| t > 1_700_000_000));

    // BINs.
    let reply = sbx
        .get(
            &token,
            &format!("/v1/card/bins?accountId={}", program.parent_account_id),
        )
        .await;
    let bins = reply.data()["list"].as_array().expect("list").clone();
    assert_eq!(bins.len(), 2);
    assert_eq!(
        bins[0],
        json!({ "id": program.default_bin_id, "bin": "411111", "type": 0, "currencies": ["USD"],
                "network": "VISA", "supportPhysicalCard": false })
    );
    assert_eq!(bins[1]["bin"], json!("555555"));
    assert_eq!(bins[1]["type"], json!(1));
    assert_eq!(bins[1]["network"], json!("MASTERCARD"));
    assert_eq!(bins[1]["supportPhysicalCard"], json!(true));
    assert_ne!(bins[1]["id"], bins[0]["id"]);

    // Master wallet.
    let (master_wallet, master_balance) = sbx.wallet(&token, &program.merchant_id).await;
    assert_eq!(master_balance, "100000.00");

    // Register and find by email.
    let email = format!("{}@example.com", unique("jane"));
    let reply = sbx
        .post(
            &token,
            "/v1/accounts/register",
            json!({ "name": "Jane Smith", "email": email, "phone": "+15551234567",
                    "parentAccountId": program.parent_account_id }),
        )
        .await;
    let account_id = reply.data()["accountId"].as_str().expect("id").to_owned();
    assert_eq!(account_id.len(), 36);
    assert!(reply.data()["userId"]
        .as_str()
        .is_some_and(|u| !u.is_empty()));
    let reply = sbx
        .get(&token, &format!("/v1/accounts?email={email}"))
        .await;
    assert_eq!(
        reply.data()["list"],
        json!([{ "accountId": account_id, "userId": reply.data()["list"][0]["userId"],
                 "name": "Jane Smith", "email": email, "phone": "+15551234567" }])
    );
    let reply = sbx
        .get(&token, "/v1/accounts?email=nobody%40example.com")
        .await;
    assert_eq!(reply.data()["list"], json!([]));

    // KYC: NONE, then PENDING, then APPROVED after the delay.
    let detail = format!("/v1/accounts/cdd/detail/{account_id}");
    let reply = sbx.get(&token, &detail).await;
    assert_eq!(reply.data()["kyc"]["status"], json!("NONE"));
    // Not initialized yet: init refuses before approval.
    sbx.post(
        &token,
        &format!("/v1/accounts/{account_id}/init"),
        json!({}),
    )
    .await
    .assert_message(400, "050001", "KYC not approved");
    let reply = sbx
        .post(
            &token,
            &format!("/v1/accounts/{account_id}/kyc"),
            json!({ "sourceType": "sumsub", "sumsubShareToken": "_act-sbx-jwt-eyJ", "ipAddress": "192.0.2.1",
                    "occupation": "11-1011", "annualSalary": "75000 USD", "accountPurpose": "Living Expense",
                    "expectedMonthlyVolume": "1000 USD" }),
        )
        .await;
    assert_eq!(
        reply.data(),
        &json!({ "accountId": account_id, "status": "PENDING" })
    );
    let reply = sbx.get(&token, &detail).await;
    assert_eq!(reply.data()["kyc"]["status"], json!("PENDING"));
    assert!(reply.data()["kyc"]["caseId"].as_str().is_some());
    eventually(Duration::from_secs(5), || async {
        let reply = sbx.get(&token, &detail).await;
        (reply.data()["kyc"]["status"] == json!("APPROVED")).then_some(())
    })
    .await;

    // Init (idempotent).
    let init = format!("/v1/accounts/{account_id}/init");
    let first = sbx.post(&token, &init, json!({})).await;
    let wallet_id = first.data()["walletId"]
        .as_str()
        .expect("wallet")
        .to_owned();
    assert_eq!(first.data()["status"], json!("ACTIVE"));
    let again = sbx.post(&token, &init, json!({})).await;
    assert_eq!(again.data(), first.data());
    let (listed_wallet, balance) = sbx.wallet(&token, &account_id).await;
    assert_eq!(
        (listed_wallet.as_str(), balance.as_str()),
        (wallet_id.as_str(), "0.00")
    );
    let reply = sbx
        .get(&token, &format!("/v1/cards/wallets?accountId={account_id}"))
        .await;
    assert_eq!(reply.data()["list"][0]["objectType"], json!(0));
    assert_eq!(reply.data()["list"][0]["currency"], json!("USD"));

    // Fund the user's wallet from the master wallet.
    let reply = sbx
        .post(
            &token,
            "/v1/business/transfer/external",
            json!({ "clientTransactionId": "txn-ext-1", "amount": "200.00",
                    "from": { "accountId": program.merchant_id, "id": master_wallet, "currency": "USD", "businessType": 0 },
                    "to": { "accountId": account_id, "id": wallet_id, "currency": "USD" } }),
        )
        .await;
    let data = reply.data();
    assert_eq!(data["clientTransactionId"], json!("txn-ext-1"));
    assert_eq!(data["amount"], json!("200.00"));
    assert_eq!(data["status"], json!("SUCCESS"));
    assert!(data["transactionId"].as_str().is_some());
    assert_eq!(sbx.wallet(&token, &account_id).await.1, "200.00");
    assert_eq!(sbx.wallet(&token, &program.merchant_id).await.1, "99800.00");

    // Cardholder: PENDING then APPROVED.
    let body = Sandbox::cardholder_body(&program, &account_id);
    let reply = sbx.post(&token, "/v1/cardholders", body.clone()).await;
    let holder = reply.data().clone();
    assert_eq!(holder["status"], json!("PENDING"));
    for field in [
        "accountId",
        "binId",
        "businessModel",
        "referenceId",
        "firstName",
        "lastName",
        "email",
        "phoneCountryCode",
        "phoneNumber",
        "address",
    ] {
        assert_eq!(holder[field], body[field], "{field}");
    }
    let holder_id = holder["cardholderId"].as_str().expect("id").to_owned();
    let get_holder = format!("/v1/cardholders/{holder_id}?accountId={account_id}");
    eventually(Duration::from_secs(5), || async {
        let reply = sbx.get(&token, &get_holder).await;
        (reply.data()["status"] == json!("APPROVED")).then_some(())
    })
    .await;
    let reply = sbx
        .get(&token, &format!("/v1/cardholders?accountId={account_id}"))
        .await;
    assert_eq!(reply.data()["list"].as_array().map(Vec::len), Some(1));
    assert_eq!(reply.data()["list"][0]["cardholderId"], json!(holder_id));
    let reply = sbx
        .call(
            Method::PATCH,
            &format!("/v1/cardholders/{holder_id}"),
            Some(&token),
            Some(json!({ "accountId": account_id, "phoneNumber": "5559876543", "firstName": "Johnny" })),
            None,
        )
        .await;
    assert_eq!(reply.data()["phoneNumber"], json!("5559876543"));
    assert_eq!(reply.data()["firstName"], json!("Johnny"));
    assert_eq!(reply.data()["lastName"], json!("Doe"));
    assert_eq!(reply.data()["status"], json!("APPROVED"));

    // Budget, funded from the wallet.
    let reply = sbx
        .post(
            &token,
            "/v1/budgets",
            json!({ "accountId": account_id, "name": "Travel Budget" }),
        )
        .await;
    let budget = reply.data().clone();
    let budget_id = budget["budgetId"].as_str().expect("id").to_owned();
    assert_eq!(
        budget,
        json!({ "budgetId": budget_id, "accountId": account_id, "name": "Travel Budget", "currency": "USD",
                "status": "ACTIVE", "balance": { "available": "0.00", "locked": "0.00" } })
    );
    let reply = sbx
        .post(
            &token,
            &format!("/v1/budgets/{budget_id}/transfer-in"),
            json!({ "clientTransactionId": "txn-in-1", "amount": "150.5", "accountId": account_id }),
        )
        .await;
    let data = reply.data();
    assert_eq!(data["clientTransactionId"], json!("txn-in-1"));
    assert_eq!(data["budgetId"], json!(budget_id));
    assert_eq!(data["amount"], json!("150.50"));
    assert_eq!(
        data["balance"],
        json!({ "available": "150.50", "locked": "0.00" })
    );
    assert_eq!(sbx.wallet(&token, &account_id).await.1, "49.50");
    let reply = sbx
        .post(
            &token,
            &format!("/v1/budgets/{budget_id}/transfer-out"),
            json!({ "clientTransactionId": "txn-out-1", "amount": "0.50", "accountId": account_id }),
        )
        .await;
    assert_eq!(reply.data()["balance"]["available"], json!("150.00"));
    assert_eq!(sbx.wallet(&token, &account_id).await.1, "50.00");

    // Issue a card.
    let reference = unique("card");
    let reply = sbx
        .post(
            &token,
            "/v1/budget-card",
            json!({ "accountId": account_id, "binId": program.default_bin_id, "cardMode": "VIRTUAL_CARD",
                    "cardholderId": holder_id, "budgetId": budget_id, "referenceId": reference,
                    "label": "Primary card", "useType": "personal" }),
        )
        .await;
    let card = reply.data().clone();
    let card_id = card["cardId"].as_str().expect("card id").to_owned();
    assert_eq!(card["status"], json!("ACTIVE"));
    assert_eq!(card["cardMode"], json!("VIRTUAL_CARD"));
    assert_eq!(card["label"], json!("Primary card"));
    assert_eq!(card["budgetId"], json!(budget_id));
    assert_eq!(card["cardholderId"], json!(holder_id));
    let expiry = card["expiry"].as_str().expect("expiry").to_owned();
    assert_eq!(expiry.len(), 5);
    assert_eq!(&expiry[2..3], "/");
    let month: u32 = expiry[..2].parse().expect("month");
    assert!((1..=12).contains(&month));
    assert!(card.get("cardNumber").is_none() && card.get("cvv").is_none());

    // Sensitive data.
    let reply = sbx
        .get(
            &token,
            &format!("/v1/cards/{card_id}?accountId={account_id}"),
        )
        .await;
    let secret = reply.data().clone();
    let pan = secret["cardNumber"].as_str().expect("pan").to_owned();
    assert_eq!(pan.len(), 16);
    assert!(pan.starts_with("411111"));
    assert!(luhn(&pan), "{pan}");
    assert_eq!(&pan[12..], card["last4"].as_str().expect("last4"));
    assert_eq!(secret["expiryDate"], json!(expiry));
    let cvv = secret["cvv"].as_str().expect("cvv");
    assert!(cvv.len() == 3 && cvv.bytes().all(|b| b.is_ascii_digit()));

    // Listing never shows the number or CVV.
    let list_path = format!("/v1/card-list?accountId={account_id}&cardId={card_id}");
    let reply = sbx.get(&token, &list_path).await;
    assert_eq!(reply.data()["total"], json!(1));
    let listed = &reply.data()["list"][0];
    assert_eq!(listed["cardId"], json!(card_id));
    assert_eq!(listed["status"], json!("ACTIVE"));
    assert_eq!(listed["velocityControl"], Value::Null);
    let text = reply.body.to_string();
    assert!(!text.contains(&pan) && !text.contains("\"cvv\""), "{text}");

    // Widget token: a valid HS256 JWT for this card.
    let reply = sbx
        .get(
            &token,
            &format!("/v1/cards/{card_id}/private-info/access-token?accountId={account_id}"),
        )
        .await;
    assert_eq!(reply.data()["expiresIn"], json!(300));
    let jwt = reply.data()["accessToken"]
        .as_str()
        .expect("jwt")
        .to_owned();
    let parts: Vec<&str> = jwt.split('.').collect();
    assert_eq!(parts.len(), 3);
    assert_eq!(decode_segment(parts[0])["alg"], json!("HS256"));
    let claims = decode_segment(parts[1]);
    assert_eq!(claims["sub"], json!(card_id));
    assert_eq!(claims["accountId"], json!(account_id));
    let iat = claims["iat"].as_i64().expect("iat");
    assert_eq!(claims["exp"].as_i64(), Some(iat + 300));
    assert!(claims["jti"].as_str().is_some_and(|j| !j.is_empty()));
    assert_eq!(
        URL_SAFE_NO_PAD.decode(parts[2]).map(|s| s.len()).ok(),
        Some(32)
    );
    // ...that the widget server accepts.
    let response = sbx
        .http
        .post(format!("{}/card-data", sbx.running.widget_url))
        .bearer_auth(&jwt)
        .send()
        .await
        .expect("card-data");
    assert_eq!(response.status(), StatusCode::OK);
    let widget: Value = response.json().await.expect("json");
    assert_eq!(
        widget,
        json!({ "cardNumber": pan, "expiryDate": expiry, "cvv": cvv, "label": "Primary card" })
    );

    // Label and velocity control.
    let reply = sbx
        .call(
            Method::PUT,
            &format!("/v1/cards/{card_id}"),
            Some(&token),
            Some(json!({ "accountId": account_id, "label": "Travel card" })),
            None,
        )
        .await;
    assert_eq!(reply.data()["label"], json!("Travel card"));
    let reply = sbx
        .call(
            Method::PUT,
            &format!("/v1/cards/{card_id}/velocity-control"),
            Some(&token),
            Some(json!({ "accountId": account_id, "transactionLimitsType": "TRANSACTION", "amountLimit": "50.00" })),
            None,
        )
        .await;
    assert_eq!(
        reply.data()["velocityControl"],
        json!({ "transactionLimitsType": "TRANSACTION", "amountLimit": "50.00" })
    );

    // Purchases: over the per-transaction limit fails, a small one settles.
    let issued = support::cards::Issued {
        user: support::cards::User {
            account_id: account_id.clone(),
            wallet_id: wallet_id.clone(),
        },
        cardholder_id: holder_id.clone(),
        budget_id: budget_id.clone(),
        card_id: card_id.clone(),
    };
    let failed = sbx.purchase(&program, &issued, "60.00", "settle").await;
    assert_eq!(failed["status"], json!("FAIL"));
    assert_eq!(failed["declineReason"], json!("VELOCITY_LIMIT_EXCEEDED"));
    let settled = sbx.purchase(&program, &issued, "12.34", "settle").await;
    assert_eq!(settled["status"], json!("CLOSED"));
    assert_eq!(settled["amount"], json!("12.34"));
    assert_eq!(settled["merchantName"], json!("Coffee Shop"));
    assert_eq!(settled["type"], json!("1"));
    assert_eq!(settled["currency"], json!("USD"));
    assert_eq!(
        sbx.budget_balance(&token, &account_id, &budget_id).await,
        ("137.66".to_owned(), "0.00".to_owned())
    );

    // Freeze: authorizations fail; unfreeze restores.
    let reply = sbx
        .post(
            &token,
            &format!("/v1/cards/{card_id}/freeze"),
            json!({ "accountId": account_id }),
        )
        .await;
    assert_eq!(reply.data()["status"], json!("FROZEN"));
    let frozen = sbx.purchase(&program, &issued, "1.00", "settle").await;
    assert_eq!(frozen["declineReason"], json!("CARD_FROZEN"));
    let reply = sbx
        .post(
            &token,
            &format!("/v1/cards/{card_id}/unfreeze"),
            json!({ "accountId": account_id }),
        )
        .await;
    assert_eq!(reply.data()["status"], json!("ACTIVE"));
    let pending = sbx.purchase(&program, &issued, "2.00", "pending").await;
    assert_eq!(pending["status"], json!("PENDING"));

    // Transactions, newest first.
    let reply = sbx
        .get(
            &token,
            &format!("/v1/cards/transaction-list?accountId={account_id}&cardId={card_id}"),
        )
        .await;
    let data = reply.data();
    assert_eq!(data["total"], json!(4));
    let statuses: Vec<&str> = data["list"]
        .as_array()
        .expect("list")
        .iter()
        .map(|t| t["status"].as_str().unwrap_or_default())
        .collect();
    assert_eq!(statuses, ["PENDING", "FAIL", "CLOSED", "FAIL"]);
    assert_eq!(data["list"][0]["id"], pending["id"]);
    assert!(data["list"][0]["createdAt"]
        .as_i64()
        .is_some_and(|t| t > 1_700_000_000_000));

    // Delete: CLOSED for good.
    let reply = sbx
        .call(
            Method::DELETE,
            &format!("/v1/cards/{card_id}?accountId={account_id}"),
            Some(&token),
            None,
            None,
        )
        .await;
    assert_eq!(reply.data()["status"], json!("CLOSED"));
    let reply = sbx.get(&token, &list_path).await;
    assert_eq!(reply.data()["list"][0]["status"], json!("CLOSED"));
    sbx.post(
        &token,
        &format!("/v1/cards/{card_id}/unfreeze"),
        json!({ "accountId": account_id }),
    )
    .await
    .assert_message(400, "020002", "Card is closed");
    let closed = sbx.purchase(&program, &issued, "1.00", "settle").await;
    assert_eq!(closed["declineReason"], json!("CARD_CLOSED"));
    // The pending authorization still settles against the budget.
    let (status, body) = sbx
        .admin_post(
            "/__sandbox/cards/settle",
            json!({ "clientId": program.client_id, "transactionId": pending["id"] }),
        )
        .await;
    assert_eq!(status, StatusCode::OK, "{body}");
    assert_eq!(body["status"], json!("CLOSED"));
    assert_eq!(
        sbx.budget_balance(&token, &account_id, &budget_id).await,
        ("135.66".to_owned(), "0.00".to_owned())
    );
}
