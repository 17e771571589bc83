//! Orchestration orgs: API keys (mint/list/revoke, `ApiKeyRevoked`),
//! orgs, and members with roles and `LastOwner`. The org's KYB is in
//! `orchestration_kyb.rs`.

mod support;

use serde_json::{json, Value};
use support::orchestration::{sandbox, unique, Auth};

#[tokio::test]
async fn api_keys_mint_list_revoke() {
    let sbx = sandbox().await;
    let tenant = sbx.tenant(json!({})).await;
    let key = Auth::Key(&tenant.api_key);

    let minted = sbx
        .post("/auth/api-keys", key, json!({ "label": "ci-pipeline" }))
        .await;
    let minted = minted.ok().clone();
    let secret = minted["secret"].as_str().expect("secret").to_owned();
    assert!(secret.starts_with("seismic_sandbox_"), "{secret}");
    assert!(secret.starts_with(minted["prefix"].as_str().expect("prefix")));
    assert_eq!(minted["environment"], json!("sandbox"));
    assert_eq!(minted["label"], json!("ci-pipeline"));
    assert_eq!(minted["org_id"], json!(tenant.org_id));
    assert_eq!(minted["created_by"], json!(tenant.user_id));
    assert_eq!(minted["last_used_at"], Value::Null);
    assert_eq!(minted["revoked_at"], Value::Null);
    let id = minted["id"].as_str().expect("id").to_owned();

    let prod = sbx
        .post(
            "/auth/api-keys",
            key,
            json!({ "label": "prod", "environment": "production" }),
        )
        .await;
    assert!(prod.ok()["secret"]
        .as_str()
        .is_some_and(|s| s.starts_with("seismic_prod_")));
    for bad in [
        json!({}),
        json!({ "label": "" }),
        json!({ "label": "x".repeat(81) }),
        json!({ "label": "x", "environment": "staging" }),
    ] {
        sbx.post("/auth/api-keys", key, bad)
            .await
            .assert_error(400, "InvalidRequest");
    }

    // The new key works and records its use; the list never shows secrets.
    sbx.get("/org", Auth::Key(&secret)).await.ok();
    let list = sbx.get("/auth/api-keys", key).await.ok().clone();
    let keys = list["api_keys"].as_array().expect("api_keys");
    assert_eq!(keys.len(), 3, "{list}");
    assert!(keys.iter().all(|k| k.get("secret").is_none()), "{list}");
    let entry = keys
        .iter()
        .find(|k| k["id"] == json!(id))
        .expect("minted key listed");
    assert!(entry["last_used_at"].is_string(), "{entry}");

    // Revoke: the key dies at once, with its own code.
    sbx.delete(&format!("/auth/api-keys/{id}"), key)
        .await
        .no_content();
    sbx.get("/org", Auth::Key(&secret))
        .await
        .assert_error(401, "ApiKeyRevoked");
    sbx.delete(&format!("/auth/api-keys/{id}"), key)
        .await
        .assert_error(409, "AlreadyRevoked");
    sbx.delete("/auth/api-keys/00000000-0000-4000-8000-000000000000", key)
        .await
        .assert_error(404, "ApiKeyNotFound");
    let list = sbx.get("/auth/api-keys", key).await.ok().clone();
    let entry = list["api_keys"]
        .as_array()
        .and_then(|keys| keys.iter().find(|k| k["id"] == json!(id)).cloned())
        .expect("revoked keys stay listed");
    assert!(entry["revoked_at"].is_string(), "{entry}");

    // Another org cannot see or revoke this org's keys.
    let other = sbx.tenant(json!({})).await;
    let other_keys = sbx
        .get("/auth/api-keys", Auth::Key(&other.api_key))
        .await
        .ok()
        .clone();
    assert_eq!(other_keys["api_keys"].as_array().map(Vec::len), Some(1));
    let own = tenant_key_id(&sbx, &tenant.api_key).await;
    sbx.delete(&format!("/auth/api-keys/{own}"), Auth::Key(&other.api_key))
        .await
        .assert_error(404, "ApiKeyNotFound");

    // A key may revoke itself.
    sbx.delete(&format!("/auth/api-keys/{own}"), key)
        .await
        .no_content();
    sbx.get("/auth/api-keys", key)
        .await
        .assert_error(401, "ApiKeyRevoked");
}

/// The id of the tenant's default key.
async fn tenant_key_id(sbx: &support::orchestration::Sandbox, api_key: &str) -> String {
    let list = sbx
        .get("/auth/api-keys", Auth::Key(api_key))
        .await
        .ok()
        .clone();
    list["api_keys"]
        .as_array()
        .and_then(|keys| keys.iter().find(|k| k["label"] == json!("sandbox-default")))
        .and_then(|k| k["id"].as_str())
        .expect("default key")
        .to_owned()
}

#[tokio::test]
async fn orgs_list_get_update() {
    let sbx = sandbox().await;
    let tenant = sbx.tenant(json!({})).await;
    let pair = sbx.login(&tenant.email, &tenant.password).await;
    let access = pair["access_token"].as_str().expect("access").to_owned();

    let orgs = sbx.get("/orgs", Auth::Bearer(&access)).await.ok().clone();
    let orgs = orgs["orgs"].as_array().cloned().expect("orgs");
    assert_eq!(orgs.len(), 1);
    assert_eq!(orgs[0]["role"], json!("owner"));
    assert_eq!(orgs[0]["org"]["id"], json!(tenant.org_id));

    let org = sbx
        .get("/org", Auth::Key(&tenant.api_key))
        .await
        .ok()
        .clone();
    for field in ["id", "name", "providers", "created_at", "updated_at"] {
        assert!(org.get(field).is_some(), "{field}: {org}");
    }
    let providers = org["providers"].as_array().cloned().expect("providers");
    assert!(!providers.is_empty());
    assert!(
        providers
            .iter()
            .all(|p| p["kyb_status"] == json!("approved")),
        "{org}"
    );

    let updated = sbx
        .patch(
            "/org",
            Auth::Bearer(&access),
            json!({ "name": "Acme International Inc." }),
        )
        .await;
    assert_eq!(updated.ok()["name"], json!("Acme International Inc."));
    let org = sbx
        .get("/org", Auth::Key(&tenant.api_key))
        .await
        .ok()
        .clone();
    assert_eq!(org["name"], json!("Acme International Inc."));
    for bad in [
        json!({ "name": "" }),
        json!({ "name": "x".repeat(81) }),
        json!({ "name": 5 }),
    ] {
        sbx.patch("/org", Auth::Bearer(&access), bad)
            .await
            .assert_error(400, "InvalidRequest");
    }

    // X-Org-Id selects an org; it must be one of the caller's.
    let other = sbx.tenant(json!({})).await;
    sbx.get("/org", Auth::BearerOrg(&access, &tenant.org_id))
        .await
        .ok();
    sbx.get("/org", Auth::BearerOrg(&access, &other.org_id))
        .await
        .assert_error(403, "NotOrgMember");
    sbx.get("/org", Auth::BearerOrg(&access, "no-such-org"))
        .await
        .assert_error(404, "OrgNotFound");

    // A user without any org has no current org.
    let email = format!("{}@example.com", unique("solo"));
    sbx.post(
        "/auth/signup",
        Auth::None,
        json!({ "email": email, "password": "long enough!" }),
    )
    .await
    .ok();
    let solo = sbx.login(&email, "long enough!").await;
    let solo = solo["access_token"].as_str().expect("access").to_owned();
    sbx.get("/org", Auth::Bearer(&solo))
        .await
        .assert_error(404, "OrgNotFound");
    assert_eq!(
        sbx.get("/orgs", Auth::Bearer(&solo)).await.ok(),
        &json!({ "orgs": [] })
    );
}

#[tokio::test]
async fn members_roles_and_last_owner() {
    let sbx = sandbox().await;
    let tenant = sbx.tenant(json!({})).await;
    let owner = Auth::Key(&tenant.api_key);

    // The sole owner can neither leave nor step down.
    let path = format!("/org/members/{}", tenant.user_id);
    sbx.delete(&path, owner)
        .await
        .assert_error(409, "LastOwner");
    sbx.patch(&path, owner, json!({ "role": "admin" }))
        .await
        .assert_error(409, "LastOwner");

    let carol_email = format!("{}@acme.com", unique("carol"));
    let carol = sbx
        .post(
            "/org/members",
            owner,
            json!({ "email": carol_email, "role": "member" }),
        )
        .await
        .ok()
        .clone();
    assert_eq!(carol["org_id"], json!(tenant.org_id));
    assert_eq!(carol["email"], json!(carol_email));
    assert_eq!(carol["role"], json!("member"));
    let carol_id = carol["user_id"].as_str().expect("user_id").to_owned();
    sbx.post("/org/members", owner, json!({ "email": carol_email }))
        .await
        .assert_error(409, "AlreadyMember");
    for bad in [
        json!({ "email": "nope" }),
        json!({ "email": "x@y.io", "role": "owner" }),
        json!({ "email": "x@y.io", "role": "root" }),
    ] {
        sbx.post("/org/members", owner, bad)
            .await
            .assert_error(400, "InvalidRequest");
    }
    let members = sbx.get("/org/members", owner).await.ok().clone();
    assert_eq!(
        members["members"].as_array().map(Vec::len),
        Some(2),
        "{members}"
    );

    // Promote carol to owner; now the original owner can step down.
    let reply = sbx
        .patch(
            &format!("/org/members/{carol_id}"),
            owner,
            json!({ "role": "owner" }),
        )
        .await;
    assert_eq!(reply.ok()["role"], json!("owner"));
    let reply = sbx.patch(&path, owner, json!({ "role": "admin" })).await;
    assert_eq!(reply.ok()["role"], json!("admin"));

    // As an admin (the key acts as its minting user), owner-only changes
    // are forbidden.
    let admin = owner;
    sbx.patch(
        &format!("/org/members/{carol_id}"),
        admin,
        json!({ "role": "viewer" }),
    )
    .await
    .assert_error(403, "Forbidden");
    sbx.delete(&format!("/org/members/{carol_id}"), admin)
        .await
        .assert_error(403, "Forbidden");
    sbx.post(
        "/org/members",
        admin,
        json!({ "email": format!("{}@acme.com", unique("eve")), "role": "admin" }),
    )
    .await
    .assert_error(403, "Forbidden");
    let dave_email = format!("{}@acme.com", unique("dave"));
    let dave = sbx
        .post(
            "/org/members",
            admin,
            json!({ "email": dave_email, "role": "viewer" }),
        )
        .await
        .ok()
        .clone();
    let dave_id = dave["user_id"].as_str().expect("user_id").to_owned();
    let reply = sbx
        .patch(
            &format!("/org/members/{dave_id}"),
            admin,
            json!({ "role": "member" }),
        )
        .await;
    assert_eq!(reply.ok()["role"], json!("member"));
    sbx.patch(
        &format!("/org/members/{dave_id}"),
        admin,
        json!({ "role": "viewer" }),
    )
    .await
    .ok();
    sbx.patch("/org/members/nobody", admin, json!({ "role": "viewer" }))
        .await
        .assert_error(404, "MemberNotFound");

    // Invited users claim their row by signing up; a viewer may read but
    // not mint keys.
    sbx.post(
        "/auth/signup",
        Auth::None,
        json!({ "email": dave_email, "password": "long enough!" }),
    )
    .await
    .ok();
    let dave_pair = sbx.login(&dave_email, "long enough!").await;
    let dave_token = dave_pair["access_token"]
        .as_str()
        .expect("access")
        .to_owned();
    sbx.get("/org", Auth::Bearer(&dave_token)).await.ok();
    sbx.post(
        "/auth/api-keys",
        Auth::Bearer(&dave_token),
        json!({ "label": "x" }),
    )
    .await
    .assert_error(403, "Forbidden");
    sbx.post(
        "/org/members",
        Auth::Bearer(&dave_token),
        json!({ "email": "z@z.io" }),
    )
    .await
    .assert_error(403, "Forbidden");

    // Carol (owner) removes the former owner; they vanish from the list
    // and their key loses access to the org.
    sbx.post(
        "/auth/signup",
        Auth::None,
        json!({ "email": carol_email, "password": "long enough!" }),
    )
    .await
    .ok();
    let carol_pair = sbx.login(&carol_email, "long enough!").await;
    let carol_token = carol_pair["access_token"]
        .as_str()
        .expect("access")
        .to_owned();
    sbx.delete(&path, Auth::Bearer(&carol_token))
        .await
        .no_content();
    sbx.delete(&path, Auth::Bearer(&carol_token))
        .await
        .assert_error(404, "MemberNotFound");
    let members = sbx
        .get("/org/members", Auth::Bearer(&carol_token))
        .await
        .ok()
        .clone();
    let ids: Vec<&Value> = members["members"]
        .as_array()
        .expect("members")
        .iter()
        .map(|m| &m["user_id"])
        .collect();
    assert!(!ids.contains(&&json!(tenant.user_id)), "{members}");
    sbx.get("/org", owner)
        .await
        .assert_error(403, "NotOrgMember");
    sbx.delete(
        &format!("/org/members/{carol_id}"),
        Auth::Bearer(&carol_token),
    )
    .await
    .assert_error(409, "LastOwner");
}
