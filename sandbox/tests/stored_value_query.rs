//! `GET /v2/transactions`: the spec's query operators and example query
//! strings (raw and percent-encoded), the `filter` / `cardNumber`
//! parameters, sorting, `$select`, `$skip` / `$limit` and pagination.

mod support;

use std::time::{Duration, SystemTime, UNIX_EPOCH};

use serde_json::{json, Value};
use support::stored_value::{Merchant, Sv, CARD_A, CARD_B, CARD_C};

/// Milliseconds since the epoch.
fn now_ms() -> u128 {
    SystemTime::now()
        .duration_since(UNIX_EPOCH)
        .map(|d| d.as_millis())
        .unwrap_or_default()
}

/// Seeds six transactions with distinct creation times and returns every
/// transaction object (creation order) plus an epoch-ms instant between
/// the third and the fourth.
async fn seed(sbx: &Sv, m: &Merchant) -> (Vec<Value>, u128) {
    let pause = || tokio::time::sleep(Duration::from_millis(4));
    sbx.reload(m, CARD_A, "1.00").await;
    pause().await;
    let cad = sbx
        .transaction(
            m,
            json!({ "method": "reload", "cardNumber": CARD_B, "amount": "2.50", "currency": "CAD" }),
        )
        .await;
    assert_eq!(cad.ok()["currency"], json!("CAD"));
    pause().await;
    let third = sbx.redeem(m, CARD_A, "3.00").await;
    pause().await;
    let middle = now_ms();
    pause().await;
    let partial = sbx.redeem(m, CARD_C, "150.00").await;
    assert_eq!(partial["status"], json!("109"));
    pause().await;
    sbx.reload(m, CARD_C, "10").await;
    pause().await;
    let cancel = sbx
        .transaction(
            m,
            json!({ "method": "cancel", "transactionId": third["transactionId"], "amount": "3" }),
        )
        .await;
    assert_eq!(cancel.ok()["status"], json!("107"));
    let all = sbx.list(m, "count=100").await;
    let data = all["data"].as_array().expect("data").clone();
    assert_eq!(data.len(), 6, "{all}");
    (data, middle)
}

fn ids(items: &[Value]) -> Vec<String> {
    items
        .iter()
        .map(|item| item["id"].as_str().unwrap_or_default().to_owned())
        .collect()
}

fn amount(item: &Value) -> f64 {
    item["amount"].as_f64().unwrap_or(f64::NAN)
}

/// Lists with `query` and checks the result is exactly `expected`, in order.
async fn expect_ids(sbx: &Sv, m: &Merchant, query: &str, expected: &[&Value]) {
    let page = sbx.list(m, &format!("count=100&{query}")).await;
    let got = ids(page["data"]
        .as_array()
        .map(Vec::as_slice)
        .unwrap_or_default());
    let want: Vec<String> = expected
        .iter()
        .map(|item| item["id"].as_str().unwrap_or_default().to_owned())
        .collect();
    assert_eq!(got, want, "{query}");
    assert_eq!(page["total"], json!(want.len()), "{query}");
}

/// The subset of `all` matching `keep`, in creation order.
fn pick(all: &[Value], keep: impl Fn(&Value) -> bool) -> Vec<&Value> {
    all.iter().filter(|item| keep(item)).collect()
}

#[tokio::test]
async fn spec_example_queries() {
    let sbx = Sv::start().await;
    let m = sbx.merchant().await;
    let (all, _) = seed(&sbx, &m).await;
    let usd = pick(&all, |x| x["currency"] == "USD");
    assert_eq!(usd.len(), 5);

    expect_ids(
        &sbx,
        &m,
        "amount=10&currency=USD",
        &pick(&all, |x| amount(x) == 10.0),
    )
    .await;
    expect_ids(&sbx, &m, "currency=USD&$limit=2", &usd[..2]).await;
    expect_ids(&sbx, &m, "$limit=2&$skip=2&currency=USD", &usd[2..4]).await;
    let newest: Vec<&Value> = all.iter().rev().collect();
    expect_ids(&sbx, &m, "$limit=10&$sort[createdAt]=-1", &newest).await;
    expect_ids(
        &sbx,
        &m,
        "currency[$in]=CAD&currency[$in]=USD",
        &pick(&all, |_| true),
    )
    .await;
    expect_ids(&sbx, &m, "tranDate[$lt]=1479664146607", &[]).await;
    expect_ids(
        &sbx,
        &m,
        "tranDate[$gt]=1479664146607",
        &pick(&all, |_| true),
    )
    .await;
    expect_ids(&sbx, &m, "processed[$ne]=true", &pick(&all, |_| true)).await;
    let either = pick(&all, |x| x["status"] != "01" || x["currency"] == "USD");
    expect_ids(
        &sbx,
        &m,
        "$or[0][status][$ne]=01&$or[1][currency]=USD",
        &either,
    )
    .await;
    expect_ids(
        &sbx,
        &m,
        "%24or%5B0%5D%5Bstatus%5D%5B%24ne%5D=01&%24or%5B1%5D%5Bcurrency%5D=USD",
        &either,
    )
    .await;
    // The spec's $select example (unknown fields are simply absent).
    let selected = sbx
        .list(&m, "$select[]=cardNumber&$select[]=date&$select[]=_id")
        .await;
    let first = &selected["data"][0];
    assert_eq!(first, &json!({ "id": all[0]["id"], "cardNumber": CARD_A }));
    // The spec's list example.
    let listed = sbx
        .list(
            &m,
            "filter=Name&page=1&count=10&cardNumber=2063025100129939",
        )
        .await;
    assert_eq!(
        listed,
        json!({ "total": 0, "data": [], "pagination": { "count": 10, "page": 1, "size": 0, "pages": 1 } })
    );
}

#[tokio::test]
async fn every_operator() {
    let sbx = Sv::start().await;
    let m = sbx.merchant().await;
    let (all, middle) = seed(&sbx, &m).await;
    let cases: Vec<(String, Vec<&Value>)> = vec![
        ("transactionType=reload".into(), pick(&all, |x| x["transactionType"] == "reload")),
        (format!("cardNumber={CARD_B}"), pick(&all, |x| x["cardNumber"] == CARD_B)),
        ("status=109".into(), pick(&all, |x| x["status"] == "109")),
        ("status[$ne]=01".into(), pick(&all, |x| x["status"] != "01")),
        ("transactionType[$in]=redemption".into(), pick(&all, |x| x["transactionType"] == "redemption")),
        (
            "transactionType[$nin]=redemption&transactionType[$nin]=cancel".into(),
            pick(&all, |x| x["transactionType"] == "reload"),
        ),
        (
            format!("cardNumber[$in]={CARD_A}&cardNumber[$in]={CARD_C}"),
            pick(&all, |x| x["cardNumber"] == CARD_A || x["cardNumber"] == CARD_C),
        ),
        ("amount[$gt]=2.5".into(), pick(&all, |x| amount(x) > 2.5)),
        ("amount[$gte]=2.5".into(), pick(&all, |x| amount(x) >= 2.5)),
        ("amount[$lt]=3".into(), pick(&all, |x| amount(x) < 3.0)),
        ("amount[$lte]=3.00".into(), pick(&all, |x| amount(x) <= 3.0)),
        ("amount=3".into(), pick(&all, |x| amount(x) == 3.0)),
        ("amountOriginal=150".into(), pick(&all, |x| x["amountOriginal"] == json!(150))),
        ("customerPayment=50.00".into(), pick(&all, |x| x["customerPayment"] == "50.00")),
        ("transactionType=reload&amount[$gte]=2".into(), pick(&all, |x| x["transactionType"] == "reload" && amount(x) >= 2.0)),
        ("currency=CAD".into(), pick(&all, |x| x["currency"] == "CAD")),
        ("currency=EUR".into(), vec![]),
        (format!("tranDate[$lt]={middle}"), all.iter().take(3).collect()),
        (format!("createdAt[$gte]={middle}"), all.iter().skip(3).collect()),
        (format!("updatedAt[$lte]={middle}&updatedAt[$gt]=0"), all.iter().take(3).collect()),
        // Dates against a date string compare as ISO text.
        (
            format!("createdAt[$gte]={}", all[2]["createdAt"].as_str().unwrap_or_default()),
            all.iter().skip(2).collect(),
        ),
        ("status[$ne]=01&currency[$ne]=CAD".into(), pick(&all, |x| x["status"] != "01")),
        (
            "$or[0][amount][$gt]=50&$or[1][cardNumber]=4012888888881881".into(),
            pick(&all, |x| amount(x) > 50.0 || x["cardNumber"] == CARD_B),
        ),
        (
            format!("transactionType=reload&$or[0][cardNumber]={CARD_A}&$or[1][currency][$in]=CAD"),
            pick(&all, |x| {
                x["transactionType"] == "reload" && (x["cardNumber"] == CARD_A || x["currency"] == "CAD")
            }),
        ),
        (
            // A branch with two conditions, and a nested $or.
            "$or[a][status]=01&$or[a][currency]=CAD&$or[b][$or][0][status]=107&$or[b][$or][1][status]=109".into(),
            pick(&all, |x| {
                (x["status"] == "01" && x["currency"] == "CAD") || x["status"] == "107" || x["status"] == "109"
            }),
        ),
        // A missing field matches $ne / $nin only.
        ("processed=true".into(), vec![]),
        ("processed[$nin]=true".into(), pick(&all, |_| true)),
        ("processed[$lt]=1".into(), vec![]),
        ("ipAddress=127.0.0.1".into(), pick(&all, |_| true)),
    ];
    for (query, expected) in &cases {
        expect_ids(&sbx, &m, query, expected).await;
    }
    // Percent-encoded brackets and dollar signs work for every operator.
    for (query, expected) in &cases {
        let encoded = query
            .replace('[', "%5B")
            .replace(']', "%5D")
            .replace('$', "%24");
        expect_ids(&sbx, &m, &encoded, expected).await;
    }
}

#[tokio::test]
async fn filter_and_card_number_parameters() {
    let sbx = Sv::start().await;
    let m = sbx.merchant().await;
    let (all, _) = seed(&sbx, &m).await;
    let reloads = pick(&all, |x| x["transactionType"] == "reload");
    expect_ids(&sbx, &m, "filter=reload", &reloads).await;
    expect_ids(&sbx, &m, "filter=RELOAD", &reloads).await;
    expect_ids(&sbx, &m, "filter=3", &pick(&all, |x| amount(x) == 3.0)).await;
    expect_ids(&sbx, &m, "filter=2.50", &pick(&all, |x| amount(x) == 2.5)).await;
    expect_ids(
        &sbx,
        &m,
        &format!("filter={}", m.api_key),
        &pick(&all, |_| true),
    )
    .await;
    expect_ids(&sbx, &m, "filter=Name", &[]).await;
    expect_ids(&sbx, &m, "filter=", &pick(&all, |_| true)).await;
    expect_ids(
        &sbx,
        &m,
        &format!("filter=cancel&cardNumber={CARD_A}"),
        &pick(&all, |x| x["transactionType"] == "cancel"),
    )
    .await;
    // Another merchant sees none of them.
    let other = sbx.merchant().await;
    let theirs = sbx.list(&other, "count=100").await;
    assert_eq!(theirs["total"], json!(0));
}

#[tokio::test]
async fn sort_select_skip_limit() {
    let sbx = Sv::start().await;
    let m = sbx.merchant().await;
    let (all, _) = seed(&sbx, &m).await;
    let index = |item: &Value| all.iter().position(|x| x["id"] == item["id"]).unwrap_or(0);
    // Ascending amount; ties keep creation order.
    let mut ascending: Vec<&Value> = all.iter().collect();
    ascending.sort_by(|a, b| {
        amount(a)
            .total_cmp(&amount(b))
            .then(index(a).cmp(&index(b)))
    });
    expect_ids(&sbx, &m, "$sort[amount]=1", &ascending).await;
    let mut descending: Vec<&Value> = all.iter().collect();
    descending.sort_by(|a, b| {
        amount(b)
            .total_cmp(&amount(a))
            .then(index(a).cmp(&index(b)))
    });
    expect_ids(&sbx, &m, "$sort[amount]=-1", &descending).await;
    // Several keys, in order.
    let mut by_type: Vec<&Value> = all.iter().collect();
    by_type.sort_by(|a, b| {
        let kind = |x: &Value| x["transactionType"].as_str().unwrap_or_default().to_owned();
        kind(a).cmp(&kind(b)).then(amount(b).total_cmp(&amount(a)))
    });
    expect_ids(
        &sbx,
        &m,
        "$sort[transactionType]=1&$sort[amount]=-1",
        &by_type,
    )
    .await;
    // Default order is creation order; an explicit createdAt sort agrees.
    expect_ids(&sbx, &m, "", &all.iter().collect::<Vec<_>>()).await;
    expect_ids(
        &sbx,
        &m,
        "$sort[createdAt]=1",
        &all.iter().collect::<Vec<_>>(),
    )
    .await;
    // $skip and $limit apply after the sort.
    expect_ids(
        &sbx,
        &m,
        "$sort[amount]=-1&$limit=2&$skip=1",
        &descending[1..3],
    )
    .await;
    expect_ids(&sbx, &m, "$skip=4", &all.iter().skip(4).collect::<Vec<_>>()).await;
    expect_ids(&sbx, &m, "$limit=0", &[]).await;
    expect_ids(&sbx, &m, "$skip=99", &[]).await;

    // $select keeps the named fields and the id.
    let selected = sbx
        .list(&m, "$select[]=cardNumber&$select[]=amount&count=100")
        .await;
    let data = selected["data"].as_array().expect("data");
    assert_eq!(data.len(), 6);
    for (item, original) in data.iter().zip(&all) {
        assert_eq!(
            item,
            &json!({ "id": original["id"], "cardNumber": original["cardNumber"], "amount": original["amount"] })
        );
    }
    let indexed = sbx
        .list(&m, "$select[0]=status&$select[1]=customerPayment")
        .await;
    assert_eq!(
        indexed["data"][3],
        json!({ "id": all[3]["id"], "status": "109", "customerPayment": "50.00" })
    );
    assert_eq!(
        indexed["data"][0],
        json!({ "id": all[0]["id"], "status": "01" })
    );
}

#[tokio::test]
async fn pagination() {
    let sbx = Sv::start().await;
    let m = sbx.merchant().await;
    let empty = sbx.list(&m, "").await;
    assert_eq!(
        empty,
        json!({ "total": 0, "data": [], "pagination": { "count": 10, "page": 1, "size": 0, "pages": 1 } })
    );
    for i in 0..12 {
        let card = if i % 2 == 0 { CARD_A } else { CARD_B };
        sbx.reload(&m, card, &format!("{}.00", i + 1)).await;
    }
    let first = sbx.list(&m, "").await;
    assert_eq!(first["total"], json!(12));
    assert_eq!(
        first["pagination"],
        json!({ "count": 10, "page": 1, "size": 10, "pages": 2 })
    );
    let second = sbx.list(&m, "page=2").await;
    assert_eq!(
        second["pagination"],
        json!({ "count": 10, "page": 2, "size": 2, "pages": 2 })
    );
    let mut seen = ids(first["data"]
        .as_array()
        .map(Vec::as_slice)
        .unwrap_or_default());
    seen.extend(ids(second["data"]
        .as_array()
        .map(Vec::as_slice)
        .unwrap_or_default()));
    seen.sort();
    seen.dedup();
    assert_eq!(seen.len(), 12, "pages are disjoint");
    let beyond = sbx.list(&m, "page=5").await;
    assert_eq!(
        (&beyond["data"], &beyond["pagination"]["size"]),
        (&json!([]), &json!(0))
    );

    let by_card = sbx.list(&m, &format!("cardNumber={CARD_A}&count=4")).await;
    assert_eq!(by_card["total"], json!(6));
    assert_eq!(
        by_card["pagination"],
        json!({ "count": 4, "page": 1, "size": 4, "pages": 2 })
    );
    assert!(by_card["data"]
        .as_array()
        .is_some_and(|d| d.iter().all(|x| x["cardNumber"] == CARD_A)));

    let capped = sbx.list(&m, "count=500").await;
    assert_eq!(
        capped["pagination"],
        json!({ "count": 100, "page": 1, "size": 12, "pages": 1 })
    );

    // total counts what $skip / $limit leave, before page / count.
    let windowed = sbx
        .list(&m, "$sort[amount]=-1&$skip=1&$limit=5&count=2&page=3")
        .await;
    assert_eq!(windowed["total"], json!(5));
    assert_eq!(
        windowed["pagination"],
        json!({ "count": 2, "page": 3, "size": 1, "pages": 3 })
    );
    assert_eq!(
        windowed["data"][0]["amount"],
        json!(7),
        "12,[11,10,9,8,7] → page 3 of 2"
    );
}

#[tokio::test]
async fn invalid_queries_are_bad_requests() {
    let sbx = Sv::start().await;
    let m = sbx.merchant().await;
    sbx.reload(&m, CARD_A, "1").await;
    for (query, message) in [
        ("status[$foo]=1", "Invalid query operator $foo"),
        ("$regex=x", "Invalid query operator $regex"),
        ("cardNumber[$regex]=42", "Invalid query operator $regex"),
        ("%24where=1", "Invalid query operator $where"),
        (
            "$or[0][status][$exists]=true",
            "Invalid query operator $exists",
        ),
        ("$or[0][$limit]=1", "Invalid query operator $limit"),
        ("$limit=-1", "Invalid value for $limit"),
        ("$skip=x", "Invalid value for $skip"),
        ("$sort[amount]=up", "Invalid value for $sort[amount]"),
        ("page=0", "Invalid value for page"),
        ("count=0", "Invalid value for count"),
        ("count=2.5", "Invalid value for count"),
    ] {
        let reply = sbx.get(&m, &format!("/v2/transactions?{query}")).await;
        reply.assert_error(400, "BadRequest", "bad-request", message);
    }
}
