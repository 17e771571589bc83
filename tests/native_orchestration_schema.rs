//! The in-process sandbox against the documented response types: every SDK operation is
//! driven over plain HTTP and each 2xx body must pass `schema::check`, which proves the
//! sandbox answers what the docs describe (and that the tables accept real traffic).
//!
//! One test, because its last assertion (every operation checked) needs every phase in one
//! run; the sandbox driver and the phases (`auth`, `orgs`, `money`) are in
//! `tests/orchestration_schema/`, a module of this test (cargo builds no test of its own from
//! a folder without `main.rs`).

mod orchestration_schema;

use orchestration_schema::auth::dashboard_auth;
use orchestration_schema::money::money;
use orchestration_schema::orgs::{kyb, org_and_keys};
use orchestration_schema::{Auth, Sandbox, TestResult};

/// Every SDK operation: the test fails unless each one was driven to a checked 2xx.
static ALL_OPS: std::sync::LazyLock<Vec<&str>> =
    std::sync::LazyLock::new(|| seismic_sdk::orchestration::ops::names().collect());

#[tokio::test]
async fn every_sandbox_answer_has_the_documented_shape() -> TestResult {
    let s = Sandbox::start().await?;

    // Catalog: no credential.
    s.op("rails", Auth::None, "GET", "/rails", None).await?;
    s.op("currencies", Auth::None, "GET", "/currencies", None)
        .await?;
    s.op("health", Auth::None, "GET", "/health", None).await?;

    dashboard_auth(&s).await?;
    org_and_keys(&s).await?;
    kyb(&s).await?;
    money(&s).await?;

    let missing: Vec<&&str> = ALL_OPS
        .iter()
        .filter(|op| !s.checked.borrow().contains(**op))
        .collect();
    assert!(missing.is_empty(), "never checked: {missing:?}");
    Ok(())
}
