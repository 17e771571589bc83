// The specification of the orchestration diff tests (orchestration-diff*.test.mjs): what each
// documented call sends according to the Seismic Orchestration docs (the SDK reference and the
// REST pages' curl examples) — ours must send exactly that and resolve — and, where the npm
// package `seismic-orchestration` 0.0.14 has drifted from the docs, what the package does instead
// (`pkg`, `pkgResult`, `note`) as an EXPECTED difference, so the tests fail when either side
// changes. `migrationTable()` renders those rows as the README's migration table.
// Requests are written one line each: method, path below the base URL, sorted query, credential
// kind (Api-Key / Bearer / none), canonical JSON body, answer status, with the ids each run got
// back replaced by their names ({customer}, {snapshot}, …).

export const PACKAGE = "seismic-orchestration";
export const PACKAGE_VERSION = "0.0.14";

// ---------------------------------------------------------------------------------------------
// Documented request bodies (printed by name in the tables)

const KYB_PROFILE = {
  business: { legal_name: "Acme Inc.", entity_type: "corporation", industry: "software_blockchain_crypto", registration_number: "1234567", tax_id: "82-1234567", country_of_registration: "US", state_of_incorporation: "DE", formation_date: "2020-04-12" },
  addresses: { registered: { line1: "1 Wall St", city: "New York", state: "NY", postal_code: "10005", country: "US" } },
  contact: { email: "ops@acme.com", phone: "+12025550100" },
  operations: { business_jurisdictions: ["US"], funds_movement_jurisdictions: ["US", "GB"], primary_source_of_funds: "company_capital", regulated_status: "unregistered" },
  volumes: { monthly_deposits: 35, monthly_withdrawals: 30 },
  counterparties: { counterparties: ["customers", "merchants_suppliers"] },
  associated_persons: [
    {
      first_name: "Alice", last_name: "Liddell", date_of_birth: "1985-06-15", email: "alice@acme.com", phone: "+12025550100",
      address: { line1: "1 Wall St", city: "New York", state: "NY", postal_code: "10005", country: "US" },
      tax_id: "123-45-6789", nationality: "US", citizenship: "US", ownership_percent: 100,
      roles: { has_control: true, is_signer: true, is_director: true },
    },
  ],
};

const CUSTOMER = {
  external_id: "user_abc123", type: "individual", email: "alice@example.com", first_name: "Alice", last_name: "Liddell", date_of_birth: "1990-04-12",
  address: { line1: "123 Main St", city: "Brooklyn", state: "NY", postal_code: "11201", country: "US" },
};

const WALLET = "0x71C7656EC7ab88b098defB751B7401B5f6d8976F";
export const PASSWORD = "hunter22!hunter22";

/** Bodies printed as <NAME> instead of their JSON. */
export const LITERALS = { KYB_PROFILE, CUSTOMER };

// ---------------------------------------------------------------------------------------------
// The API-key table: every documented method, in an order where each call has what it needs.
// `run(api, ids)` is the documented call; `capture(body, ids)` names ids from the first 2xx JSON
// answer; `fixture(http, ids)` creates (unrecorded) what a call that the package cannot make
// would have created, so both runs go on with the same state.

export const KEY = [
  { call: "health()", run: (api) => api.health(),
    docs: ["GET /v0/health Api-Key → 200"],
    pkg: ["GET /health Api-Key → 404"], pkgResult: "ApiError",
    note: "requests `/health` outside `/v0`" },
  { call: "rails()", run: (api) => api.rails(), docs: ["GET /v0/rails Api-Key → 200"] },
  { call: "currencies()", run: (api) => api.currencies(), docs: ["GET /v0/currencies Api-Key → 200"] },
  { call: "auth.me()", run: (api) => api.auth.me(),
    docs: ["GET /v0/auth/me Api-Key → 200"], pkgResult: "ZodError",
    note: "parses the documented `{ user_id, mfa_passed }` as a full user profile (wants `id`, `email`, `mfa_required`, `mfa_active`)" },
  { call: "orgs.list()", run: (api) => api.orgs.list(), docs: ["GET /v0/orgs Api-Key → 200"], pkgResult: "ZodError",
    note: "its `Org` schema wants undocumented fields (`kyb_status`, `compliance_email`, `compliance_email_verified`, `slack_channel`)" },
  { call: "orgs.get()", run: (api) => api.orgs.get(), docs: ["GET /v0/org Api-Key → 200"], pkgResult: "ZodError",
    note: "its `Org` schema wants undocumented fields (`kyb_status`, `compliance_email`, `compliance_email_verified`, `slack_channel`)" },
  { call: 'orgs.update({ name })', run: (api) => api.orgs.update({ name: "Acme International Inc." }),
    docs: ['PATCH /v0/org Api-Key {"name":"Acme International Inc."} → 200'], pkgResult: "ZodError",
    note: "its `Org` schema wants undocumented fields (`kyb_status`, `compliance_email`, …)" },
  { call: "orgs.members.list()", run: (api) => api.orgs.members.list(), docs: ["GET /v0/org/members Api-Key → 200"], pkgResult: "ZodError",
    note: "its `OrgMembership` wants undocumented `kind` and `invitation_id`" },
  { call: 'orgs.members.invite({ email, role: "member" })', run: (api, ids) => api.orgs.members.invite({ email: ids.invitee, role: "member" }),
    capture: (b, ids) => { ids.member = b.user_id; }, captures: ["member"], fixture: (http, ids) => http("POST", "/v0/org/members", { email: ids.invitee, role: "member" }).then((b) => { ids.member = b.user_id; }),
    docs: ['POST /v0/org/members Api-Key {"email":"{invitee}","role":"member"} → 200'], pkgResult: "ZodError",
    note: "its `OrgMembership` wants undocumented `kind` and `invitation_id`" },
  { call: 'orgs.members.updateRole(userId, "admin")', run: (api, ids) => api.orgs.members.updateRole(ids.member, "admin"),
    docs: ['PATCH /v0/org/members/{member} Api-Key {"role":"admin"} → 200'], pkgResult: "ZodError",
    note: "its `OrgMembership` wants undocumented `kind` and `invitation_id`" },
  { call: "orgs.members.remove(userId)", run: (api, ids) => api.orgs.members.remove(ids.member), docs: ["DELETE /v0/org/members/{member} Api-Key → 204"] },
  { call: "orgs.kyb.setProfile(profile)", run: (api) => api.orgs.kyb.setProfile(KYB_PROFILE),
    docs: ["PUT /v0/org/kyb/profile Api-Key <KYB_PROFILE> → 200"],
    pkg: ["GET /v0/industries/mappings Api-Key → 404", "PUT /v0/org/kyb/profile Api-Key <KYB_PROFILE> → 200"], pkgResult: "ZodError",
    note: "first fetches an undocumented NAICS catalog (`industryGuard`), then rejects the saved documented profile (its `KybProfile` has other `entity_type` and `regulated_status` values, `ownership_percent` as a string, `roles` as an array)" },
  { call: "orgs.kyb.profile()", run: (api) => api.orgs.kyb.profile(), docs: ["GET /v0/org/kyb/profile Api-Key → 200"], pkgResult: "ZodError",
    note: "rejects the documented profile (its `KybProfile` has other `entity_type` and `regulated_status` values, `ownership_percent` as a string, `roles` as an array)" },
  { call: "orgs.kyb.submit()", run: (api) => api.orgs.kyb.submit(),
    docs: ["POST /v0/org/kyb/submit Api-Key → 200"], pkg: [], pkgResult: "ZodError",
    note: "takes the whole profile as a required argument and sends it as the body (`submit(profile)`); without it throws before sending" },
  { call: "orgs.kyb.providers()", run: (api) => api.orgs.kyb.providers(),
    docs: ["GET /v0/org/kyb/providers Api-Key → 200"], pkg: [], pkgResult: "TypeError",
    note: "no such method (it has `orgs.kyb.state()` → `GET /v0/org/kyb/state`)" },
  { call: "orgs.kyb.refreshLink(provider)", run: (api) => api.orgs.kyb.refreshLink("prv_sandbox_a"),
    docs: ["POST /v0/org/kyb/providers/prv_sandbox_a/link Api-Key → 200"],
    pkg: ["POST /v0/org/kyb/link Api-Key → 404"], pkgResult: "ApiError",
    note: "ignores the provider: `POST /v0/org/kyb/link`" },
  { call: "orgs.kyb.resync(provider)", run: (api) => api.orgs.kyb.resync("prv_sandbox_a"),
    docs: ["POST /v0/org/kyb/providers/prv_sandbox_a/resync Api-Key → 200"],
    pkg: ["POST /v0/org/kyb/resync Api-Key → 404"], pkgResult: "ApiError",
    note: "ignores the provider: `POST /v0/org/kyb/resync`" },
  { call: 'apiKeys.mint({ label, environment })', run: (api) => api.apiKeys.mint({ label: "ci-pipeline", environment: "sandbox" }),
    capture: (b, ids) => { ids.key = b.id; ids.secret = b.secret; }, captures: ["key"],
    fixture: (http, ids) => http("POST", "/v0/auth/api-keys", { label: "ci-pipeline", environment: "sandbox" }).then((b) => { ids.key = b.id; ids.secret = b.secret; }),
    docs: ['POST /v0/auth/api-keys Api-Key {"environment":"sandbox","label":"ci-pipeline"} → 200'], pkgResult: "ZodError",
    note: "its `ApiKey` schema wants undocumented `expires_at`, `ip_allowlist`, `can_revoke`; `environment` is not in its types" },
  { call: "apiKeys.list()", run: (api) => api.apiKeys.list(), docs: ["GET /v0/auth/api-keys Api-Key → 200"], pkgResult: "ZodError",
    note: "its `ApiKey` schema wants undocumented `expires_at`, `ip_allowlist`, `can_revoke`" },
  { call: "apiKeys.revoke(id)", run: (api, ids) => api.apiKeys.revoke(ids.key), docs: ["DELETE /v0/auth/api-keys/{key} Api-Key → 204"] },
  { call: "customers.create(req)", run: (api) => api.customers.create(CUSTOMER),
    capture: (b, ids) => { ids.customer = b.customer?.id; }, captures: ["customer"],
    fixture: (http, ids) => http("POST", "/v0/customers", CUSTOMER).then((b) => { ids.customer = b.customer.id; }),
    docs: ["POST /v0/customers Api-Key <CUSTOMER> → 200"], pkg: [], pkgResult: "ZodError",
    note: "wants `{ type, profile }` (its KYC profile shape), not the documented flat request; throws before sending" },
  { call: "customers.get(id)", run: (api, ids) => api.customers.get(ids.customer), docs: ["GET /v0/customers/{customer} Api-Key → 200"], pkgResult: "ZodError",
    note: "expects its own envelope tagged with a top-level `type`, not the documented `{ customer, providers }`" },
  { call: "customers.refreshKycLinks(id)", run: (api, ids) => api.customers.refreshKycLinks(ids.customer),
    docs: ["POST /v0/customers/{customer}/kyc-link Api-Key {} → 200"], pkg: [], pkgResult: "TypeError",
    note: "no such method" },
  { call: 'customers.createAccount(customerId, { …, currencies: "USDC", rails: "base" })',
    run: (api, ids) => api.customers.createAccount(ids.customer, { provider: "prv_sandbox_a", account_type: "external_digital_asset_wallet", currencies: "USDC", rails: "base", address: WALLET }),
    capture: (b, ids) => { ids.account = b.id; }, captures: ["account"],
    fixture: (http, ids) => http("POST", `/v0/customers/${ids.customer}/accounts`, { provider: "prv_sandbox_a", account_type: "external_digital_asset_wallet", currencies: ["USDC"], rails: ["base"], address: WALLET }).then((b) => { ids.account = b.id; }),
    docs: [`POST /v0/customers/{customer}/accounts Api-Key {"account_type":"external_digital_asset_wallet","address":"${WALLET}","currencies":["USDC"],"provider":"prv_sandbox_a","rails":["base"]} → 200`],
    pkg: [], pkgResult: "TypeError",
    note: "no such method (split into `createExternalCryptoAccount` etc. on `/accounts/crypto/external`, …)" },
  { call: 'customers.listAccounts(customerId, { currencies: "USDC", status: "active" })',
    run: (api, ids) => api.customers.listAccounts(ids.customer, { currencies: "USDC", status: "active" }),
    docs: ["GET /v0/customers/{customer}/accounts?currency=USDC&status=active Api-Key → 200"],
    pkg: ["GET /v0/customers/{customer}/accounts?limit=200&status=active Api-Key → 200"], pkgResult: "ZodError",
    note: "drops the `currencies`/`rails` filters (it reads singular `currency`/`rail`), adds `limit=200`; its `Account` schema rejects the documented account" },
  { call: 'accounts.list({ customer_id, currencies: ["USDC", "USDT"], rails: "base", status })',
    run: (api, ids) => api.accounts.list({ customer_id: ids.customer, currencies: ["USDC", "USDT"], rails: "base", status: "active" }),
    docs: ["GET /v0/accounts?currency=USDC&currency=USDT&customer_id={customer}&rail=base&status=active Api-Key → 200"],
    pkg: ["GET /v0/accounts?customer_id={customer}&limit=200&status=active Api-Key → 200"], pkgResult: "ZodError",
    note: "drops the `currencies`/`rails` filters (it reads singular `currency`/`rail`), adds `limit=200`; its `Account` schema rejects the documented account" },
  { call: "accounts.get(id)", run: (api, ids) => api.accounts.get(ids.account), docs: ["GET /v0/accounts/{account} Api-Key → 200"], pkgResult: "ZodError",
    note: "its `Account` schema (`kind`, `details`, …) rejects the documented account" },
  { call: "quotes.create(req)", run: (api) => api.quotes.create({ amount: "250", source: { currency: "USD" }, destination: { currency: "USDC", rail: "base" } }),
    docs: ['POST /v0/quotes Api-Key {"amount":"250","destination":{"currency":"USDC","rail":"base"},"source":{"currency":"USD"}} → 200'], pkgResult: "ZodError",
    note: "its snapshot schema wants undocumented `quotes[].in.account_id`, `quotes[].out.account_id` (and `request.end_customer_id`, `request.source.rails`)" },
  { call: "quotes.create(req, { wait: true })", run: (api, ids) => api.quotes.create({ amount: "1000", source: { currency: "USD", rail: "ach" }, destination: ids.account }, { wait: true }),
    capture: (b, ids) => { ids.snapshot = b.id; ids.quote = b.best_quote_id; }, captures: ["snapshot"],
    docs: ['POST /v0/quotes?wait=1 Api-Key {"amount":"1000","destination":"{account}","source":{"currency":"USD","rail":"ach"}} → 200'], pkgResult: "ZodError",
    note: "its snapshot schema wants undocumented `quotes[].in.account_id`, `quotes[].out.account_id` (and `request.end_customer_id`, `request.source.rails`)" },
  { call: "quotes.get(id)", run: (api, ids) => api.quotes.get(ids.snapshot), docs: ["GET /v0/quotes/{snapshot} Api-Key → 200"], pkgResult: "ZodError",
    note: "its snapshot schema wants undocumented `quotes[].in.account_id`, `request.end_customer_id`, …" },
  { call: "quotes.accept(id, quoteId)", run: (api, ids) => api.quotes.accept(ids.snapshot, ids.quote),
    capture: (b, ids) => { ids.order = b.order_id; }, captures: ["order"],
    fixture: (http, ids) => http("POST", `/v0/quotes/${ids.snapshot}/accept`, { quote_id: ids.quote }).then((b) => { ids.order = b.order_id; }),
    docs: ['POST /v0/quotes/{snapshot}/accept Api-Key {"quote_id":"{quote}"} → 200'], pkg: [], pkgResult: "TypeError",
    note: "requires a third argument `{ paymentReason }` (sent as `payment_reason`); without it throws before sending" },
  { call: "quotes.create(req, { wait: true }) (second snapshot)", run: (api, ids) => api.quotes.create({ amount: "500", source: { currency: "USD", rail: "ach" }, destination: ids.account }, { wait: true }),
    capture: (b, ids) => { ids.snapshot2 = b.id; }, captures: ["snapshot2"],
    docs: ['POST /v0/quotes?wait=1 Api-Key {"amount":"500","destination":"{account}","source":{"currency":"USD","rail":"ach"}} → 200'], pkgResult: "ZodError",
    note: "its snapshot schema wants undocumented fields", hidden: true },
  { call: "quotes.acceptBest(id)", run: (api, ids) => api.quotes.acceptBest(ids.snapshot2),
    capture: (b, ids) => { ids.order2 = b.order_id; }, captures: ["order2"],
    fixture: (http, ids) => http("POST", `/v0/quotes/${ids.snapshot2}/accept`, {}).then((b) => { ids.order2 = b.order_id; }),
    docs: ["POST /v0/quotes/{snapshot2}/accept Api-Key {} → 200"], pkg: [], pkgResult: "TypeError",
    note: "requires a second argument `{ paymentReason }` (sent as `payment_reason`); without it throws before sending" },
  { call: "customers.orders()", run: (api) => api.customers.orders(), docs: ["GET /v0/customers/orders Api-Key → 200"], pkgResult: "ZodError",
    note: "expects a cursor page `{ data, next_cursor }`, not the documented array" },
  { call: 'customers.orders({ customer_id, direction, status })', run: (api, ids) => api.customers.orders({ customer_id: ids.customer, direction: "on_ramp", status: "awaiting_funds" }),
    docs: ["GET /v0/customers/orders?customer_id={customer}&direction=on_ramp&status=awaiting_funds Api-Key → 200"],
    pkg: ["GET /v0/customers/orders?status=awaiting_funds Api-Key → 200"], pkgResult: "ZodError",
    note: "drops `customer_id` and `direction` (it filters by rails/schemas); expects a cursor page, not the documented array" },
  { call: "users.me()", run: (api) => api.users.me(), docs: ["GET /v0/user Api-Key → 200"], pkg: [], pkgResult: "TypeError",
    note: "`users.me` is not callable (an object: `users.me.update()` is `PATCH /v0/users/me`); the profile is its `auth.me()`" },
  { call: "users.myOrders()", run: (api) => api.users.myOrders(), docs: ["GET /v0/user/orders Api-Key → 200"], pkg: [], pkgResult: "TypeError",
    note: "no such method (it has `users.me.orders()` → `GET /v0/users/me/orders`)" },
];

// Token mode: a dashboard session from signup to logout.
export const TOKEN = [
  { call: "auth.signup(email, password)", run: (api, ids) => api.auth.signup(ids.newEmail, PASSWORD),
    docs: [`POST /v0/auth/signup none {"email":"{newEmail}","password":"${PASSWORD}"} → 200`],
    pkg: ['POST /v0/auth/signup none "{newEmail}" → 400'], pkgResult: "ApiError",
    note: "takes one object (`signup({ email, password, first_name, last_name })`); called as documented it sends the email string as the whole body" },
  { call: "auth.login(email, password)", run: (api, ids) => api.auth.login(ids.email, ids.password),
    docs: ['POST /v0/auth/login none {"email":"{email}","password":"{password}"} → 200'] },
  { call: "auth.me() (session)", run: (api) => api.auth.me(), docs: ["GET /v0/auth/me Bearer → 200"], pkgResult: "ZodError",
    note: "parses the documented `{ user_id, mfa_passed }` as a full user profile", hidden: true },
  { call: "apiKeys.mint({ label }) (session)", run: (api) => api.apiKeys.mint({ label: "dashboard-bootstrap" }),
    docs: ['POST /v0/auth/api-keys Bearer {"label":"dashboard-bootstrap"} → 200'], pkgResult: "ZodError",
    note: "its `ApiKey` schema wants undocumented fields", hidden: true },
  { call: "auth.mfa.enroll()", run: (api) => api.auth.mfa.enroll(),
    capture: (b, ids) => { ids.totpSecret = b.secret_base32; ids.provisioningUri = b.provisioning_uri; }, captures: ["totpSecret"],
    docs: ["POST /v0/auth/mfa/enroll Bearer → 200"] },
  { call: "auth.mfa.activate(code)", before: "totp", run: (api, ids) => api.auth.mfa.activate(ids.code),
    docs: ['POST /v0/auth/mfa/activate Bearer {"code":"{code}"} → 204'], pkgResult: "ZodError",
    note: "expects a token pair back from the documented `204 No Content`" },
  { call: "auth.login(email, password) → mfa_required", run: (api, ids) => api.auth.login(ids.email, ids.password),
    capture: (b, ids) => { ids.challenge = b.challenge_id; }, captures: ["challenge"],
    docs: ['POST /v0/auth/login Bearer {"email":"{email}","password":"{password}"} → 200'] },
  { call: "auth.mfa.verify(challenge_id, code)", before: "totp", run: (api, ids) => api.auth.mfa.verify(ids.challenge, ids.code),
    capture: (b, ids) => { ids.refresh1 = b.refresh_token; }, captures: ["refresh1"],
    docs: ['POST /v0/auth/mfa/verify Bearer {"challenge_id":"{challenge}","code":"{code}"} → 200'] },
  { call: "users.me() (session)", run: (api) => api.users.me(), docs: ["GET /v0/user Bearer → 200"], pkg: [], pkgResult: "TypeError",
    note: "`users.me` is not callable", hidden: true },
  { call: "orgs.list() (session)", run: (api) => api.orgs.list(), docs: ["GET /v0/orgs Bearer → 200"], pkgResult: "ZodError",
    note: "its `Org` schema wants undocumented fields", hidden: true },
  { call: "auth.refresh(refresh_token)", run: (api, ids) => api.auth.refresh(ids.refresh1),
    capture: (b, ids) => { ids.refresh2 = b.refresh_token; }, captures: ["refresh2"],
    docs: ['POST /v0/auth/refresh Bearer {"refresh_token":"{refresh1}"} → 200'] },
  { call: "orgs.get() (refreshed session)", run: (api) => api.orgs.get(), docs: ["GET /v0/org Bearer → 200"], pkgResult: "ZodError",
    note: "its `Org` schema wants undocumented fields", hidden: true },
  { call: "auth.logout(refresh_token)", run: (api, ids) => api.auth.logout(ids.refresh2),
    docs: ['POST /v0/auth/logout Bearer {"refresh_token":"{refresh2}"} → 204'] },
  { call: "auth.login(email, password) (logged out)", run: (api, ids) => api.auth.login(ids.email, ids.password),
    capture: (b, ids) => { ids.challenge2 = b.challenge_id; }, captures: ["challenge2"],
    docs: ['POST /v0/auth/login none {"email":"{email}","password":"{password}"} → 200'] },
  { call: "auth.mfa.verify(challenge_id, code) (logged out)", before: "totp", run: (api, ids) => api.auth.mfa.verify(ids.challenge2, ids.code),
    capture: (b, ids) => { ids.refresh3 = b.refresh_token; }, captures: ["refresh3"],
    docs: ['POST /v0/auth/mfa/verify none {"challenge_id":"{challenge2}","code":"{code}"} → 200'] },
  { call: "auth.logout()", run: (api) => api.auth.logout(),
    docs: ['POST /v0/auth/logout Bearer {"refresh_token":"{refresh3}"} → 204'] },
];

// Refresh-on-401: a session seeded into memoryTokenStore({ access_token, refresh_token }) (no
// expiry known, so nothing refreshes early), the access token expired, three concurrent calls.
// Requests are compared as a multiset (concurrent order is not defined).
export const REFRESH = {
  call: "refresh-on-401 (3 concurrent orgs.get() on an expired access token)",
  docs: [
    "GET /v0/org Bearer → 401", "GET /v0/org Bearer → 401", "GET /v0/org Bearer → 401",
    'POST /v0/auth/refresh none {"refresh_token":"{refresh}"} → 200',
    "GET /v0/org Bearer → 200", "GET /v0/org Bearer → 200", "GET /v0/org Bearer → 200",
  ],
  pkg: [
    "GET /v0/org Bearer → 401", "GET /v0/org Bearer → 401", "GET /v0/org Bearer → 401",
    'POST /v0/auth/refresh Bearer {"refresh_token":"{refresh}"} → 200',
    "GET /v0/org Bearer → 200", "GET /v0/org Bearer → 200", "GET /v0/org Bearer → 200",
  ],
  pkgResult: "ZodError",
  note: "same single refresh, but sends the expired access token along on `/auth/refresh` (the docs' request carries no credential); `Org` schema mismatch as above",
  summary: {
    pkg: 'one shared refresh `POST /v0/auth/refresh Bearer {"refresh_token":…}` (the expired access token sent along), then the retries; rejects with ZodError (`Org` schema)',
    docs: 'three `GET /v0/org Bearer → 401`, one shared refresh `POST /v0/auth/refresh none {"refresh_token":…}`, three retries `→ 200`; resolves',
  },
};

// Differences outside requests to the sandbox, checked with a fake fetch / fake localStorage.
export const SANDBOX_URLS = {
  docs: "https://orchestration-sandbox.seismic.systems/api",
  pkg: "https://orchestration.seismictest.net/api",
};
export const PRODUCTION_URL = "https://orchestration.seismic.systems/api";
export const LOCAL_STORAGE_KEYS = {
  docs: ["orchestration.access_expires_at", "orchestration.access_token", "orchestration.refresh_expires_at", "orchestration.refresh_token"],
  pkg: ["seismic.access_expires_at", "seismic.access_token", "seismic.refresh_token"],
};

// ---------------------------------------------------------------------------------------------
// Migration table (README): every row where the package is not a drop-in for the docs

const describe = (lines) => (lines.length ? lines.map((l) => `\`${l.replace(/\|/g, "\\|")}\``).join("<br>") : "nothing sent");
const outcome = (r) => ({ ok: "resolves", ZodError: "rejects with ZodError", TypeError: "throws TypeError", ApiError: "rejects with ApiError" }[r] ?? r);

function tableRows() {
  const rows = [];
  for (const r of [...KEY, ...TOKEN, REFRESH]) {
    if (r.hidden) continue;
    const differs = r.pkg !== undefined || (r.pkgResult ?? "ok") !== "ok";
    if (!differs) continue;
    if (r.summary) {
      rows.push([`\`${r.call}\``, r.summary.pkg, r.summary.docs]);
      continue;
    }
    const pkgLines = r.pkg ?? r.docs;
    const sends = r.pkg === undefined ? "same request" : describe(pkgLines);
    rows.push([`\`${r.call}\``, `${sends}; ${outcome(r.pkgResult ?? "ok")}${r.note ? ` — ${r.note}` : ""}`, `${describe(r.docs)}; resolves`]);
  }
  rows.push([
    "`SeismicOrchestrationClient.sandbox()`",
    `base URL \`${SANDBOX_URLS.pkg}\``,
    `base URL \`${SANDBOX_URLS.docs}\``,
  ]);
  rows.push([
    '`tokenStore: "localStorage"`',
    `keys ${LOCAL_STORAGE_KEYS.pkg.map((k) => `\`${k}\``).join(", ")}`,
    `keys ${LOCAL_STORAGE_KEYS.docs.map((k) => `\`${k}\``).join(", ")}`,
  ]);
  return rows;
}

/** The Markdown migration table (what you call | the package | seismic-sdk). */
export function migrationTable() {
  const head = `| What you call | ${PACKAGE} ${PACKAGE_VERSION} | seismic-sdk (= the docs) |\n|---|---|---|\n`;
  return (
    head +
    tableRows().map((r) => `| ${r.join(" | ")} |`).join("\n") +
    "\n\nRequests are written `METHOD path?query credential body → status` as sent to the sandbox, paths below the base URL, ids in braces. " +
    "Every documented method not listed sends the same request and resolves in both.\n"
  );
}
