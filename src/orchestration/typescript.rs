//! The TypeScript of the Orchestration client's methods: the one description the generated
//! `orchestration-methods.d.ts` is rendered from, joined to the rows of `endpoints.rs` by
//! name (a test checks that every row has exactly one entry here and nothing else does).
//! Native only. The DTOs and the class itself are in `pkg-template/orchestration.d.ts`.

use crate::typescript::{Method, Namespace, Surface};

/// The namespaces of `SeismicOrchestrationClient`, nested ones with dots.
pub const NAMESPACES: &[Namespace] = &[
    Namespace {
        name: "auth",
        interface: "OrchestrationAuth",
        doc: "`api.auth`: the email/password/MFA flow of dashboard sessions. API-key callers don't need it.",
    },
    Namespace {
        name: "auth.mfa",
        interface: "OrchestrationAuthMfa",
        doc: "`api.auth.mfa`: TOTP. Enroll once (`enroll` → `activate`); redeem login challenges with `verify`.",
    },
    Namespace {
        name: "apiKeys",
        interface: "OrchestrationApiKeys",
        doc: "`api.apiKeys`: org-scoped keys. Any member can mint, list or revoke.",
    },
    Namespace {
        name: "users",
        interface: "OrchestrationUsers",
        doc: "`api.users`: the user who logged in, or who minted the API key.",
    },
    Namespace {
        name: "orgs",
        interface: "OrchestrationOrgs",
        doc: "`api.orgs`: the caller's orgs and the current org (the API key's org, or the session's).",
    },
    Namespace {
        name: "orgs.members",
        interface: "OrchestrationOrgMembers",
        doc: "`api.orgs.members`.",
    },
    Namespace {
        name: "orgs.kyb",
        interface: "OrchestrationOrgKyb",
        doc: "`api.orgs.kyb`: verifying your own business (not your end users; that is `customers`).",
    },
    Namespace {
        name: "customers",
        interface: "OrchestrationCustomers",
        doc: "`api.customers`: end-user customers your product onboards, scoped to your org.",
    },
    Namespace {
        name: "accounts",
        interface: "OrchestrationAccounts",
        doc: "`api.accounts`: read side of the accounts attached to the org's customers.",
    },
    Namespace {
        name: "quotes",
        interface: "OrchestrationQuotes",
        doc: "`api.quotes`: price a corridor, then accept one priced leg to place an order.",
    },
];

/// Every method: its positional parameters, what it resolves to, and its doc.
pub const METHODS: &[Method] = &[
    Method {
        name: "auth.signup",
        params: "email: string, password: string",
        returns: "Promise<SignupResponse>",
        options: "",
        doc: "`POST /auth/signup`: creates an account. Returns no tokens; call `login` next.\n@throws {@link ApiError} 400 (password shorter than 10 characters, malformed email), 409 (email exists).",
    },
    Method {
        name: "auth.login",
        params: "email: string, password: string",
        returns: "Promise<LoginResponse>",
        options: "",
        doc: "`POST /auth/login`: a token pair (`status: \"tokens\"`, already persisted to the token store)\nor an MFA challenge (`status: \"mfa_required\"`) to redeem with `mfa.verify`.\n@throws {@link ApiError} 401 on bad credentials.",
    },
    Method {
        name: "auth.refresh",
        params: "refresh_token: string",
        returns: "Promise<TokenPair>",
        options: "",
        doc: "`POST /auth/refresh`: rotates a refresh token into a new pair (persisted to the token\nstore); the old refresh token is dead. The client already refreshes on 401 by itself.\n@throws {@link ApiError} 401 on a revoked or expired refresh token.",
    },
    Method {
        name: "auth.logout",
        params: "refresh_token?: string",
        returns: "Promise<void>",
        options: "",
        doc: "`POST /auth/logout`: revokes the refresh token server-side (the one in the store when none\nis passed), then clears the token store. Access tokens stay valid until they expire.",
    },
    Method {
        name: "auth.me",
        params: "",
        returns: "Promise<AuthClaims>",
        options: "",
        doc: "`GET /auth/me`: identity claims from the access token, without a database round trip.",
    },
    Method {
        name: "auth.mfa.enroll",
        params: "",
        returns: "Promise<MfaEnrollment>",
        options: "",
        doc: "`POST /auth/mfa/enroll`: an `otpauth://` URI to render as a QR, and the secret for manual entry.",
    },
    Method {
        name: "auth.mfa.activate",
        params: "code: string",
        returns: "Promise<void>",
        options: "",
        doc: "`POST /auth/mfa/activate`: confirms enrollment with the first valid 6-digit code (204).",
    },
    Method {
        name: "auth.mfa.verify",
        params: "challenge_id: string, code: string",
        returns: "Promise<TokenPair>",
        options: "",
        doc: "`POST /auth/mfa/verify`: redeems the `challenge_id` of an `mfa_required` login plus the\ncurrent 6-digit code for a token pair, persisted to the token store.\n@throws {@link ApiError} 401 (wrong code, expired challenge, clock skew).",
    },
    Method {
        name: "apiKeys.mint",
        params: "req: MintApiKeyRequest",
        returns: "Promise<ApiKeyMinted>",
        options: "",
        doc: "`POST /auth/api-keys`: mints a key for the current org; its plaintext `secret` is returned\nexactly once.\n@throws {@link ApiError} 400 (invalid label/environment, `BothCredsProvided`).",
    },
    Method {
        name: "apiKeys.list",
        params: "",
        returns: "Promise<ApiKey[]>",
        options: "",
        doc: "`GET /auth/api-keys`: every key of the org, revoked ones included; never the secrets.",
    },
    Method {
        name: "apiKeys.revoke",
        params: "id: string",
        returns: "Promise<void>",
        options: "",
        doc: "`DELETE /auth/api-keys/{id}`: revokes a key, effective immediately (204).\n@throws {@link ApiError} 404 (unknown id), 409 `AlreadyRevoked`.",
    },
    Method {
        name: "users.me",
        params: "",
        returns: "Promise<UserProfile>",
        options: "",
        doc: "`GET /user`: the full profile, org memberships and MFA state.",
    },
    Method {
        name: "users.myOrders",
        params: "",
        returns: "Promise<RampOrder[]>",
        options: "",
        doc: "`GET /user/orders`: the user's orders, most recent first, at most 200.",
    },
    Method {
        name: "orgs.list",
        params: "",
        returns: "Promise<OrgWithRole[]>",
        options: "",
        doc: "`GET /orgs`: every org the calling user belongs to, with the user's role there.",
    },
    Method {
        name: "orgs.get",
        params: "",
        returns: "Promise<Org>",
        options: "",
        doc: "`GET /org`: the org bound to the current credential.",
    },
    Method {
        name: "orgs.update",
        params: "req: UpdateOrgRequest",
        returns: "Promise<Org>",
        options: "",
        doc: "`PATCH /org`: updates the mutable fields sent. Admin/owner only.\n@throws {@link ApiError} 400 (invalid name), 403 (not an admin/owner).",
    },
    Method {
        name: "orgs.members.list",
        params: "",
        returns: "Promise<OrgMember[]>",
        options: "",
        doc: "`GET /org/members`: members of the current org with their roles. Any member may call it.",
    },
    Method {
        name: "orgs.members.invite",
        params: "req: InviteMemberRequest",
        returns: "Promise<OrgMember>",
        options: "",
        doc: "`POST /org/members`: invites a user by email (role defaults to `\"member\"`; never `\"owner\"`,\nand admins may only invite `\"member\"` or `\"viewer\"`). Admin/owner only.\n@throws {@link ApiError} 400 (bad email/role), 403 (not allowed at this role), 409 (already a member).",
    },
    Method {
        name: "orgs.members.updateRole",
        params: "userId: string, role: OrgRole",
        returns: "Promise<OrgMember>",
        options: "",
        doc: "`PATCH /org/members/{user_id}`: changes a member's role. Owners may assign any role; admins\nonly flip `\"member\"` ↔ `\"viewer\"`.\n@throws {@link ApiError} 403, 404 (not a member), 409 `LastOwner`.",
    },
    Method {
        name: "orgs.members.remove",
        params: "userId: string",
        returns: "Promise<void>",
        options: "",
        doc: "`DELETE /org/members/{user_id}`: removes a member (soft delete; access ends at once; 204).\nAdmin/owner only.\n@throws {@link ApiError} 403, 404 (not a member), 409 `LastOwner`.",
    },
    Method {
        name: "orgs.kyb.profile",
        params: "",
        returns: "Promise<KybProfile>",
        options: "",
        doc: "`GET /org/kyb/profile`: the saved KYB profile.\n@throws {@link ApiError} 404 when no profile has been saved yet.",
    },
    Method {
        name: "orgs.kyb.setProfile",
        params: "profile: KybProfile",
        returns: "Promise<KybProfile>",
        options: "",
        doc: "`PUT /org/kyb/profile`: replaces the profile with a complete document and returns it\ncanonicalized (defaults filled in, addresses normalized). Does not submit. Admin/owner only.\n@throws {@link ApiError} 400 (schema invalid), 403, 422 `KybProfileIncomplete` (see `missing`).",
    },
    Method {
        name: "orgs.kyb.submit",
        params: "",
        returns: "Promise<OrgProviderState[]>",
        options: "",
        doc: "`POST /org/kyb/submit`: submits the saved profile; the verification rows after submit.\nIdempotent when there is nothing new to send. Admin/owner only.\n@throws {@link ApiError} 403, 422 `KybProfileIncomplete`.",
    },
    Method {
        name: "orgs.kyb.providers",
        params: "",
        returns: "Promise<OrgProviderState[]>",
        options: "",
        doc: "`GET /org/kyb/providers`: the cached verification rows of the org.",
    },
    Method {
        name: "orgs.kyb.refreshLink",
        params: "provider: string",
        returns: "Promise<KybLink>",
        options: "",
        doc: "`POST /org/kyb/providers/{provider}/link`: re-issues the hosted verification URL of a row.\n`provider` is the row's opaque routing id.\n@throws {@link ApiError} 403, 404 (no submission yet), 422 (no hosted flow for this row).",
    },
    Method {
        name: "orgs.kyb.resync",
        params: "provider: string",
        returns: "Promise<OrgProviderState>",
        options: "",
        doc: "`POST /org/kyb/providers/{provider}/resync`: pulls the latest status of a row now.\n@throws {@link ApiError} 403, 404 (no submission), 502 `ProviderError` (retryable; cached state unchanged).",
    },
    Method {
        name: "customers.create",
        params: "req: CreateCustomerRequest",
        returns: "Promise<CustomerEnvelope>",
        options: "",
        doc: "`POST /customers`: creates a customer. Use the returned `customer.id` for every later call.\n@throws {@link ApiError} 400 (missing field; see `missing`), 409 (this `external_id` exists), 422 (corridor cannot be fulfilled).",
    },
    Method {
        name: "customers.get",
        params: "id: string",
        returns: "Promise<CustomerEnvelope>",
        options: "",
        doc: "`GET /customers/:id`: the customer and its latest verification/routing rows.\n@throws {@link ApiError} 403 (another org's customer), 404 (unknown id).",
    },
    Method {
        name: "customers.refreshKycLinks",
        params: "id: string, providers?: readonly string[]",
        returns: "Promise<KycLinksResponse>",
        options: "",
        doc: "`POST /customers/:id/kyc-link`: refreshes hosted verification URLs; every incomplete one\nwhen `providers` is omitted, else only those routing ids' rows.\n@throws {@link ApiError} 404 (unknown customer, or an unknown id in `providers`).",
    },
    Method {
        name: "customers.createAccount",
        params: "customerId: string, req: CreateAccountInput",
        returns: "Promise<Account>",
        options: "",
        doc: "`POST /customers/:id/accounts`: attaches a bank account, IBAN, UPI VPA or wallet.\n`currencies` / `rails` may be a single string or an array (sent as arrays).\n@throws {@link ApiError} 400 (rail not allowed, missing field, routing id not attached), 403, 404.",
    },
    Method {
        name: "customers.listAccounts",
        params: "customerId: string, filter?: CustomerAccountsFilter",
        returns: "Promise<Account[]>",
        options: "",
        doc: "`GET /customers/:id/accounts`: the customer's accounts, optionally filtered.\n@throws {@link ApiError} 403 (another org's customer), 404 (unknown customer).",
    },
    Method {
        name: "customers.orders",
        params: "filter?: OrderListFilter",
        returns: "Promise<RampOrder[]>",
        options: "",
        doc: "`GET /customers/orders`: orders across every customer of the org, most recent first, at most 200.",
    },
    Method {
        name: "accounts.list",
        params: "filter?: ListAccountsFilter",
        returns: "Promise<Account[]>",
        options: "",
        doc: "`GET /accounts`: every account of the org, optionally filtered.",
    },
    Method {
        name: "accounts.get",
        params: "id: string",
        returns: "Promise<Account>",
        options: "",
        doc: "`GET /accounts/:id`.\n@throws {@link ApiError} 404 (unknown id, or another org's).",
    },
    Method {
        name: "quotes.create",
        params: "req: QuoteRequest",
        returns: "Promise<AsyncQuoteSnapshot>",
        options: "QuoteCreateOptions",
        doc: "`POST /quotes[?wait=1]`: a ranked snapshot of every priced leg. Without `{ wait: true }` it\nmay still be `\"pending\"`: poll with `get` or `waitUntilReady`.\n@throws {@link ApiError} 400 (invalid request, incl. `AmbiguousCurrency` / `AmbiguousRail`), 422 `NoEligibleProviders`.",
    },
    Method {
        name: "quotes.get",
        params: "id: string",
        returns: "Promise<AsyncQuoteSnapshot>",
        options: "",
        doc: "`GET /quotes/:id`: re-reads a snapshot.\n@throws {@link ApiError} 404 (unknown id, or not yours).",
    },
    Method {
        name: "quotes.accept",
        params: "id: string, quoteId: string",
        returns: "Promise<AcceptQuoteResult>",
        options: "",
        doc: "`POST /quotes/:id/accept` with `{ quote_id }`: accepts the leg `quoteId`\n(one of `snapshot.quotes[n].id`).\n@throws {@link ApiError} 400 `QuoteIdInvalid`, 404 `QuoteNotFound`, 409 `AlreadyAccepted`, 422 `QuoteNotReady` / `QuoteExpired`.",
    },
    Method {
        name: "quotes.acceptBest",
        params: "id: string",
        returns: "Promise<AcceptQuoteResult>",
        options: "",
        doc: "`POST /quotes/:id/accept` with `{}`: accepts the snapshot's `best_quote_id`.\n@throws {@link ApiError} 404 `QuoteNotFound`, 409 `AlreadyAccepted`, 422 `QuoteNotReady` / `QuoteExpired`.",
    },
    Method {
        name: "quotes.waitUntilReady",
        params: "id: string",
        returns: "Promise<AsyncQuoteSnapshot>",
        options: "WaitUntilReadyOptions",
        doc: "Polls `get(id)` every `intervalMs` until the snapshot's `status` is `\"ready\"` and resolves to\nit. Rejects with an {@link ApiError} `QuoteExpired` when the snapshot expires first, a\n{@link TimeoutError} after `timeoutMs`, an {@link AbortError} when `signal` fires.",
    },
    Method {
        name: "rails",
        params: "",
        returns: "Promise<RailsResponse>",
        options: "",
        doc: "`GET /rails`: every settlement rail. Unauthenticated.",
    },
    Method {
        name: "currencies",
        params: "",
        returns: "Promise<CurrenciesResponse>",
        options: "",
        doc: "`GET /currencies`: every currency accepted on at least one rail, with its rails. Unauthenticated.",
    },
    Method {
        name: "health",
        params: "",
        returns: "Promise<HealthResponse>",
        options: "",
        doc: "`GET /health`.",
    },
];

/// The methods that are not rows: `waitUntilReady` polls `quotes.get`.
pub const EXTRAS: &[&str] = &["quotes.waitUntilReady"];

/// The whole surface, for the renderer.
pub const SURFACE: Surface = Surface {
    namespaces: NAMESPACES,
    methods: METHODS,
    options: "OrchestrationRequestOptions",
};

#[cfg(test)]
mod tests {
    use super::{EXTRAS, SURFACE};
    use crate::orchestration::endpoints::ENDPOINTS;
    use crate::typescript::agree;

    #[test]
    fn every_row_has_its_typescript_and_nothing_else_does() {
        let rows: Vec<&str> = ENDPOINTS.iter().map(|e| e.name).collect();
        assert_eq!(agree(&SURFACE, &rows, EXTRAS), Ok(()));
    }
}
