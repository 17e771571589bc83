//! The op table: every method name the client has, and the names of its positional
//! parameters (which also say how many it takes, for the JS namespaces built from [`OPS`]).

/// The parameter names of `op`, for error messages (`None` for an unknown method).
pub fn param_names(op: &str) -> Option<&'static [&'static str]> {
    Some(match op {
        "auth.signup" | "auth.login" => &["email", "password"],
        "auth.mfa.activate" => &["code"],
        "auth.mfa.verify" => &["challenge_id", "code"],
        "auth.refresh" | "auth.logout" => &["refresh_token"],
        "apiKeys.mint" | "orgs.update" | "orgs.members.invite" | "customers.create" => &["req"],
        "apiKeys.revoke" | "customers.get" | "accounts.get" | "quotes.get"
        | "quotes.acceptBest" => &["id"],
        "orgs.members.updateRole" => &["userId", "role"],
        "orgs.members.remove" => &["userId"],
        "orgs.kyb.setProfile" => &["profile"],
        "orgs.kyb.refreshLink" | "orgs.kyb.resync" => &["provider"],
        "customers.refreshKycLinks" => &["id", "providers"],
        "customers.createAccount" => &["customerId", "req"],
        "customers.listAccounts" => &["customerId", "filter"],
        "customers.orders" | "accounts.list" => &["filter"],
        "quotes.create" => &["req"],
        "quotes.accept" => &["id", "quoteId"],
        "auth.mfa.enroll" | "auth.me" | "apiKeys.list" | "users.me" | "users.myOrders"
        | "orgs.list" | "orgs.get" | "orgs.members.list" | "orgs.kyb.profile"
        | "orgs.kyb.submit" | "orgs.kyb.providers" | "rails" | "currencies" | "health" => &[],
        _ => return None,
    })
}

/// `op` as a `'static` name (every name [`param_names`] knows).
pub(super) fn canonical(op: &str) -> &'static str {
    OPS.iter().copied().find(|o| *o == op).unwrap_or("unknown")
}

/// Every method of the client, as dotted paths.
pub const OPS: &[&str] = &[
    "auth.signup",
    "auth.login",
    "auth.mfa.enroll",
    "auth.mfa.activate",
    "auth.mfa.verify",
    "auth.refresh",
    "auth.logout",
    "auth.me",
    "apiKeys.mint",
    "apiKeys.list",
    "apiKeys.revoke",
    "users.me",
    "users.myOrders",
    "orgs.list",
    "orgs.get",
    "orgs.update",
    "orgs.members.list",
    "orgs.members.invite",
    "orgs.members.updateRole",
    "orgs.members.remove",
    "orgs.kyb.profile",
    "orgs.kyb.setProfile",
    "orgs.kyb.submit",
    "orgs.kyb.providers",
    "orgs.kyb.refreshLink",
    "orgs.kyb.resync",
    "customers.create",
    "customers.get",
    "customers.refreshKycLinks",
    "customers.createAccount",
    "customers.listAccounts",
    "customers.orders",
    "accounts.list",
    "accounts.get",
    "quotes.create",
    "quotes.get",
    "quotes.accept",
    "quotes.acceptBest",
    "rails",
    "currencies",
    "health",
];
