// SeismicOrchestrationClient against the seismic-sandbox: API-key and token modes, every
// documented method's wire shape, errors, validation before sending, response validation,
// single-flight refresh (100 parallel calls → one /auth/refresh), failed refresh, refresh
// ahead of expiry, custom async stores, the factories and the token stores. Every test makes
// its own tenant (a fresh user + org).
import { recordingFetch } from "./recording-fetch.mjs";
import {
  orchestrationUrl,
  createOrchestrationTenant,
  orchestrationStats,
  orchestrationFault,
  totp,
  setAccessTtl,
  sleep,
  unique,
  onboardedCustomer,
} from "./orchestration-sandbox.mjs";

const SERVER = ["node", "workerd"];
const FAST = { kycDelayMs: 30, quoteDelayMs: 150 };

function client(ctx, extra = {}) {
  const { SeismicOrchestrationClient } = ctx.sdk;
  return new SeismicOrchestrationClient({ baseUrl: orchestrationUrl(ctx.sandboxUrl), ...extra });
}

const apiPath = (ctx, c) => c.url.slice(orchestrationUrl(ctx.sandboxUrl).length).split("?")[0];
const sent = (ctx, calls) => calls.map((c) => `${c.method} ${apiPath(ctx, c)}${c.rawQuery ? "?" + c.rawQuery : ""}`);

function apiError(ctx, expect) {
  const { sdk, assert } = ctx;
  return (e) => {
    assert.ok(e instanceof sdk.ApiError, `expected ApiError ${assert.show(expect)}, got ${assert.show(e)}`);
    assert.ok(sdk.isApiError(e) && e instanceof sdk.SeismicError && e instanceof Error, "ApiError is a SeismicError and an Error");
    assert.equal(e.name, "ApiError");
    for (const [k, v] of Object.entries(expect)) assert.deepEqual(e[k], v, `error.${k} (${e.message})`);
    assert.ok(typeof e.message === "string" && e.message.length > 0, "message");
    assert.ok(Array.isArray(e.missing) && Array.isArray(e.violations), "missing/violations default to []");
    return true;
  };
}

function validation(ctx, field) {
  const { sdk, assert } = ctx;
  return (e) => {
    assert.ok(e instanceof sdk.ValidationError, `expected ValidationError(${field}), got ${assert.show(e)}`);
    assert.equal(e.field, field, `field (${e.message})`);
    return true;
  };
}

/** A logged-in token-mode client on a fresh tenant (login answers tokens: MFA not active). */
async function session(ctx, settings = {}, extra = {}) {
  const t = await createOrchestrationTenant(ctx.sandboxUrl, { ...FAST, ...settings });
  const calls = [];
  const api = client(ctx, { fetch: recordingFetch(calls), ...extra });
  const res = await api.auth.login(t.email, t.password);
  ctx.assert.equal(res.status, "tokens", "a tenant without MFA logs straight in");
  return { t, api, calls, res };
}

// ---------------------------------------------------------------------------------------------

const apiKeyJourney = {
  name: "orchestration: API key mode — customer, KYC, account, ranked quote, accept, orders; paths, queries and bodies as documented, Api-Key only",
  runtimes: SERVER,
  fn: async (ctx) => {
    const { assert } = ctx;
    const t = await createOrchestrationTenant(ctx.sandboxUrl, FAST);
    const calls = [];
    const api = client(ctx, { apiKey: t.apiKey, fetch: recordingFetch(calls) });

    const org = await api.orgs.get();
    assert.equal(org.id, t.orgId, "orgs.get → the key's org");
    assert.equal(calls[0].headers.get("api-key"), t.apiKey, "Api-Key header");
    assert.equal(calls[0].headers.get("authorization"), null, "never Authorization with an API key");
    const me = await api.users.me();
    assert.ok(Array.isArray(me.memberships) && me.memberships.some((m) => m.org_id === t.orgId || m.org?.id === t.orgId || m.org_name), `users.me memberships: ${assert.show(me.memberships)}`);
    assert.deepEqual(sent(ctx, calls), ["GET /v0/org", "GET /v0/user"], "users.me is GET /v0/user (the docs)");

    const { rails } = await api.rails();
    assert.ok(rails.some((r) => r.rail === "base"), "rails() lists base");
    const { currencies } = await api.currencies();
    assert.ok(currencies.find((c) => c.currency === "USDC")?.rails.some((r) => r.rail === "base"), "USDC on base");
    const health = await api.health();
    assert.equal(typeof health, "object");

    calls.length = 0;
    const { customer, snapshot, provider, wallet } = await onboardedCustomer(api, ctx.sandboxUrl);
    assert.match(customer.id, /^[0-9a-f-]{36}$/, "customer.id");
    assert.ok(snapshot.providers.every((r) => r.kyc.status === "approved"), "KYC approved over time");
    const create = calls.find((c) => c.method === "POST" && apiPath(ctx, c) === "/v0/customers");
    assert.equal(create.json.type, "individual");
    const attach = calls.find((c) => apiPath(ctx, c) === `/v0/customers/${customer.id}/accounts`);
    assert.deepEqual({ currencies: attach.json.currencies, rails: attach.json.rails, provider: attach.json.provider }, { currencies: ["USDC"], rails: ["base"], provider }, "single strings normalised to arrays");
    assert.deepEqual(wallet.currencies, ["USDC"]);

    calls.length = 0;
    const { links } = await api.customers.refreshKycLinks(customer.id);
    assert.ok(Array.isArray(links), "links");
    assert.deepEqual(calls[0].json, {}, "refreshKycLinks without providers sends {}");
    const listed = await api.customers.listAccounts(customer.id, { currencies: ["USDC", "USDT"], rails: "base", status: "active" });
    assert.ok(Array.isArray(listed) && listed.some((a) => a.id === wallet.id), "listAccounts unwraps to Account[]");
    assert.equal(calls[1].rawQuery, "currency=USDC&currency=USDT&rail=base&status=active", "repeatable filters");
    const all = await api.accounts.list({ customer_id: customer.id });
    assert.deepEqual(all.map((a) => a.id), [wallet.id], "accounts.list filtered by customer");
    assert.equal((await api.accounts.get(wallet.id)).id, wallet.id);

    calls.length = 0;
    const quotes = await api.quotes.create({ amount: "1000", source: { currency: "USD" }, destination: wallet.id }, { wait: true });
    assert.equal(sent(ctx, calls)[0], "POST /v0/quotes?wait=1", "wait → ?wait=1");
    assert.deepEqual(calls[0].json, { amount: "1000", source: { currency: "USD" }, destination: wallet.id }, "body as given");
    assert.equal(quotes.status, "ready");
    assert.ok(quotes.quotes.length >= 2, `ranked legs: ${quotes.quotes.length}`);
    assert.equal(quotes.best_quote_id, quotes.quotes[0].id, "best first");
    for (const q of quotes.quotes) {
      assert.equal(typeof q.in.amount, "string", "amounts are strings");
      assert.equal(q.out.rail, "base");
      assert.ok(q.fees.items.length >= 1 && typeof q.fees.total === "string", "fees itemised");
    }
    const pick = quotes.quotes[quotes.quotes.length - 1];
    const order = await api.quotes.accept(quotes.id, pick.id);
    assert.ok(typeof order.order_id === "string", "accept → order_id");
    assert.deepEqual(calls.at(-1).json, { quote_id: pick.id }, "accept body");
    await assert.rejects(api.quotes.acceptBest(quotes.id), apiError(ctx, { status: 409, code: "AlreadyAccepted" }), "second accept");
    assert.deepEqual(calls.at(-1).json, {}, "acceptBest body is {}");

    const orders = await api.customers.orders({ customer_id: customer.id });
    assert.ok(Array.isArray(orders) && orders.some((o) => o.id === order.order_id), "customers.orders lists the order");
    assert.equal(calls.at(-1).rawQuery, `customer_id=${customer.id}`);
    const keys = await api.apiKeys.list();
    assert.ok(Array.isArray(keys) && keys.length >= 1, "apiKeys.list unwraps to ApiKey[]");
    const members = await api.orgs.members.list();
    assert.ok(Array.isArray(members) && members.some((m) => m.user_id === t.userId), "members.list");
    for (const c of calls) assert.equal(c.headers.get("authorization"), null, `no Authorization on ${c.method} ${c.path}`);
  },
};

const asyncQuotes = {
  name: "orchestration: quotes.create without wait is pending; quotes.waitUntilReady polls to ready; a short timeout is a TimeoutError",
  runtimes: SERVER,
  fn: async (ctx) => {
    const { assert, sdk } = ctx;
    const t = await createOrchestrationTenant(ctx.sandboxUrl, { ...FAST, quoteDelayMs: 400 });
    const calls = [];
    const api = client(ctx, { apiKey: t.apiKey, fetch: recordingFetch(calls) });
    const req = { amount: "250.50", source: { currency: "USD", rail: "ach" }, destination: { currency: "USDC", rail: "base" } };
    const pending = await api.quotes.create(req);
    assert.equal(pending.status, "pending");
    assert.equal(calls[0].rawQuery, "", "no ?wait without { wait: true }");
    await assert.rejects(api.quotes.waitUntilReady(pending.id, { intervalMs: 50, timeoutMs: 60 }), (e) => e instanceof sdk.TimeoutError, "timeout");
    const ready = await api.quotes.waitUntilReady(pending.id, { intervalMs: 50 });
    assert.equal(ready.status, "ready");
    assert.equal(ready.id, pending.id);
    assert.ok(ready.quotes.length >= 1 && ready.quotes.every((q) => q.in.rail === "ach"), "pinned rail");
    assert.ok(calls.filter((c) => c.method === "GET").length >= 2, "polled");
  },
};

const platformTimeout = {
  name: "orchestration: timeoutMs over the runtime's own fetch — stalled answers are TimeoutErrors on time, each of several in flight, and the client's next call answers",
  fn: async (ctx) => {
    const { assert, sdk } = ctx;
    const t = await createOrchestrationTenant(ctx.sandboxUrl, FAST);
    await orchestrationFault(ctx.sandboxUrl, { orgId: t.orgId, path: "/accounts", status: 503, count: 3, delayMs: 3000 });
    // No custom fetch: the runtime's own wire and timeout machinery (js/fetch.js; node:http in Node).
    const api = client(ctx, { apiKey: t.apiKey, timeoutMs: 250, maxRetries: 0, dangerouslyAllowBrowser: true });
    const started = Date.now();
    // Three distinct URLs: browsers hold identical concurrent GETs behind one (HTTP cache lock).
    const settled = await Promise.allSettled([
      api.accounts.list(),
      api.accounts.list({ currencies: "USD" }),
      api.accounts.list({ rails: "ach" }),
    ]);
    const took = Date.now() - started;
    for (const r of settled) {
      assert.equal(r.status, "rejected", "a stalled call rejects");
      assert.ok(r.reason instanceof sdk.TimeoutError, `TimeoutError, got ${assert.show(r.reason)}`);
      assert.ok(!(r.reason instanceof sdk.AbortError) && !(r.reason instanceof sdk.NetworkError), "not an abort or a network error");
    }
    assert.ok(took >= 240 && took < 2500, `timed out after the timeout and long before the 3 s answer (${took} ms)`);
    assert.deepEqual(await api.accounts.list(), [], "the next call gets its own deadline and answers");
  },
};

const errors = {
  name: "orchestration: ApiError carries status, code, message and the body's extra fields (currencies, missing); an unreadable body is code Unknown",
  runtimes: SERVER,
  fn: async (ctx) => {
    const { assert, sdk } = ctx;
    const t = await createOrchestrationTenant(ctx.sandboxUrl, FAST);
    const api = client(ctx, { apiKey: t.apiKey });
    const { customer, provider } = await onboardedCustomer(api, ctx.sandboxUrl);
    const evm = await api.customers.createAccount(customer.id, {
      provider,
      account_type: "external_digital_asset_wallet",
      currencies: ["USDC", "USDT"],
      rails: ["base", "polygon"],
      address: "0x00000000000000000000000000000000000000cd",
    });
    await assert.rejects(
      api.quotes.create({ amount: "200", source: evm.id, destination: { currency: "USD", rail: "ach" } }, { wait: true }),
      (e) => apiError(ctx, { status: 400, code: "AmbiguousCurrency" })(e) && assert.deepEqual([...e.currencies].sort(), ["USDC", "USDT"], "currencies on the error") === undefined,
    );
    await assert.rejects(api.quotes.get("00000000-0000-4000-8000-000000000000"), apiError(ctx, { status: 404 }));
    const again = api.customers.create({ external_id: customer.external_id, type: "individual", email: "x@example.com", first_name: "X", last_name: "Y" });
    await assert.rejects(again, apiError(ctx, { status: 409 }), "UNIQUE(org, external_id)");
    // A non-JSON error body (a proxy page): code "Unknown", nothing of the body echoed.
    const proxied = client(ctx, { apiKey: t.apiKey, fetch: async () => new Response("<html>bad gateway secret=abc</html>", { status: 418 }) });
    await assert.rejects(proxied.orgs.get(), (e) => apiError(ctx, { status: 418, code: "Unknown" })(e) && !e.message.includes("secret"));
    // The package's constructor signature still works (code that builds errors in tests).
    const made = new sdk.ApiError(409, "QuoteExpired", "gone", { missing: ["a.b"] });
    assert.deepEqual([made.status, made.code, made.message, made.missing, made instanceof sdk.ApiError], [409, "QuoteExpired", "gone", ["a.b"], true]);
  },
};

const validationBeforeSending = {
  name: "orchestration: bad arguments are ValidationErrors naming the parameter, and nothing is sent",
  fn: async (ctx) => {
    const { assert } = ctx;
    const calls = [];
    const api = client(ctx, { fetch: recordingFetch(calls), getAccessToken: () => "tok" });
    const bad = [
      [() => api.quotes.accept("snap"), "quoteId"],
      [() => api.quotes.accept("snap", ""), "quoteId"],
      [() => api.quotes.create({ amount: 1000, source: { currency: "USD" }, destination: { currency: "USDC" } }), "req.amount"],
      [() => api.quotes.create({ amount: "1,000", source: { currency: "USD" }, destination: { currency: "USDC" } }), "req.amount"],
      [() => api.quotes.create({ amount: "10", source: { rail: "ach" }, destination: { currency: "USDC" } }), "req.source.currency"],
      [() => api.quotes.create({ amount: "10", source: { currency: "USD" }, destination: { currency: NaN } }), "req.destination.currency"],
      [() => api.auth.signup("alice@example.com", "short"), "password"],
      [() => api.auth.mfa.activate("12ab56"), "code"],
      [() => api.orgs.members.updateRole("u1", "god"), "role"],
      [() => api.customers.createAccount("c1", { provider: "p", account_type: "upi", currencies: [], rails: "upi", vpa: "a@b" }), "req.currencies"],
      [() => api.accounts.list({ status: "open" }), "filter.status"],
      [() => api.customers.get(""), "id"],
      [() => api.apiKeys.mint({ label: "x".repeat(81) }), "req.label"],
      [() => api.quotes.waitUntilReady(""), "id"],
    ];
    for (const [call, field] of bad) await assert.rejects(Promise.resolve().then(call), validation(ctx, field), field);
    assert.deepEqual(calls, [], "nothing sent");
    const { SeismicOrchestrationClient } = ctx.sdk;
    assert.throws(() => new SeismicOrchestrationClient({ baseUrl: "http://api.example.com/api" }), validation(ctx, "config.baseUrl"), "plain http off loopback");
    assert.throws(() => new SeismicOrchestrationClient({ baseUrl: orchestrationUrl(ctx.sandboxUrl), tokenStore: "cookies" }), validation(ctx, "config.tokenStore"));
    assert.throws(() => new SeismicOrchestrationClient({ baseUrl: orchestrationUrl(ctx.sandboxUrl), tokenStore: { save() {} } }), validation(ctx, "config.tokenStore.clear"));
  },
};

const responseValidation = {
  name: "orchestration: a 2xx body without a documented field is a ResponseValidationError naming it; undocumented fields pass through",
  fn: async (ctx) => {
    const { assert, sdk } = ctx;
    const t = await createOrchestrationTenant(ctx.sandboxUrl, FAST);
    let mutate = (b) => b;
    const api = client(ctx, {
      getAccessToken: () => null,
      apiKey: () => t.apiKey,
      fetch: async (input, init) => {
        const res = await fetch(input, init);
        const body = mutate(await res.json());
        return new Response(JSON.stringify(body), { status: res.status, headers: { "content-type": "application/json" } });
      },
    });
    mutate = (b) => ({ ...b, brand_new_field: { x: 1 } });
    const org = await api.orgs.get();
    assert.deepEqual(org.brand_new_field, { x: 1 }, "extra field kept");
    mutate = ({ name, ...rest }) => rest;
    await assert.rejects(api.orgs.get(), (e) => e instanceof sdk.ResponseValidationError && e.field === "response.name" || assert.fail(`got ${assert.show(e)}`));
    mutate = (b) => ({ ...b, currencies: b.currencies.map((c, i) => (i === 1 ? { ...c, rails: "base" } : c)) });
    await assert.rejects(api.currencies(), (e) => e instanceof sdk.ResponseValidationError && e.field === "response.currencies[1].rails" || assert.fail(`got ${assert.show(e)} ${e.field}`));
  },
};

const tokenMode = {
  name: "orchestration: token mode — signup, login persists the pair, Bearer only, MFA enrol/activate, login → mfa_required → verify persists, users.me, mint a key, logout revokes and clears",
  fn: async (ctx) => {
    const { assert } = ctx;
    const { memoryTokenStore } = ctx.sdk;
    const store = memoryTokenStore();
    const calls = [];
    const api = client(ctx, { tokenStore: store, fetch: recordingFetch(calls) });
    const email = `${unique("alice")}@example.com`;
    const password = "hunter22!hunter22";
    const { user_id } = await api.auth.signup(email, password);
    assert.ok(user_id, "user_id");
    assert.equal(store.isAuthenticated(), false, "signup gives no tokens");
    const res = await api.auth.login(email, password);
    assert.equal(res.status, "tokens");
    assert.equal(store.accessToken(), res.access_token, "login persisted the access token");
    assert.equal(store.refreshToken(), res.refresh_token);
    const claims = await api.auth.me();
    assert.equal(claims.user_id, user_id);
    assert.equal(calls.at(-1).headers.get("authorization"), `Bearer ${res.access_token}`);
    assert.equal(calls.at(-1).headers.get("api-key"), null, "never Api-Key in token mode");
    for (const c of calls.slice(0, 2)) assert.equal(c.headers.get("authorization"), null, `no credentials on ${c.path}`);

    const enrollment = await api.auth.mfa.enroll();
    assert.match(enrollment.provisioning_uri, /^otpauth:\/\/totp\//);
    assert.equal(await api.auth.mfa.activate(await totp(ctx.sandboxUrl, enrollment.secret_base32)), undefined, "activate → 204 → undefined");
    await api.auth.logout();
    assert.deepEqual(calls.at(-1).json, { refresh_token: res.refresh_token }, "logout sends the stored refresh token");
    assert.equal(store.isAuthenticated(), false, "logout cleared the store");
    await assert.rejects(api.auth.refresh(res.refresh_token), apiError(ctx, { status: 401 }), "the revoked refresh token is dead");

    const challenge = await api.auth.login(email, password);
    assert.equal(challenge.status, "mfa_required");
    assert.match(challenge.challenge_id, /\S/);
    assert.equal(store.isAuthenticated(), false, "a challenge is not a session");
    await assert.rejects(api.auth.mfa.verify(challenge.challenge_id, "000000"), apiError(ctx, { status: 401 }), "wrong code");
    const again = await api.auth.login(email, password);
    const pair = await api.auth.mfa.verify(again.challenge_id, await totp(ctx.sandboxUrl, enrollment.secret_base32));
    assert.equal(store.accessToken(), pair.access_token, "verify persisted the pair");
    assert.equal((await api.auth.me()).mfa_passed, true);
    const profile = await api.users.me();
    assert.equal(profile.email, email);
    const rotated = await api.auth.refresh(pair.refresh_token);
    assert.notEqual(rotated.refresh_token, pair.refresh_token, "refresh rotates");
    assert.equal(store.refreshToken(), rotated.refresh_token, "refresh persisted the new pair");
    await api.auth.logout("rt_explicit_unknown").catch(() => {});
    assert.equal(store.isAuthenticated(), false, "logout(token) clears local state too");
  },
};

const apiKeysWithBearer = {
  name: "orchestration: a dashboard session mints an API key (secret shown once), the key works, revoke → 401 ApiKeyRevoked, revoke again → 409 AlreadyRevoked",
  fn: async (ctx) => {
    const { assert } = ctx;
    const { t, api } = await session(ctx);
    const key = await api.apiKeys.mint({ label: "ci-pipeline", environment: "sandbox" });
    assert.match(key.secret, /^seismic_sandbox_/);
    const keyed = client(ctx, { apiKey: key.secret, dangerouslyAllowBrowser: true });
    assert.equal((await keyed.orgs.get()).id, t.orgId);
    const listed = await api.apiKeys.list();
    assert.ok(listed.some((k) => k.id === key.id && !("secret" in k)), "listed without secret");
    assert.equal(await api.apiKeys.revoke(key.id), undefined);
    await assert.rejects(keyed.orgs.get(), apiError(ctx, { status: 401, code: "ApiKeyRevoked" }));
    await assert.rejects(api.apiKeys.revoke(key.id), apiError(ctx, { status: 409, code: "AlreadyRevoked" }));
  },
};

const singleFlight = {
  name: "orchestration: 100 parallel calls with an expired access token → exactly one /auth/refresh, all 100 succeed with the new token",
  fn: async (ctx) => {
    const { assert, sdk } = ctx;
    const t = await createOrchestrationTenant(ctx.sandboxUrl, { ...FAST, accessTtlSeconds: 1 });
    const seed = client(ctx);
    const res = await seed.auth.login(t.email, t.password);
    // The refreshed token must outlive 200 requests even through a browser's 6 connections.
    await setAccessTtl(ctx.sandboxUrl, t.userId, 600);
    await sleep(2100); // exp is whole seconds rounded up: a 1 s token lives < 2 s
    // Seeded without expiry (as from env vars): only the 401 tells the token is stale.
    const store = sdk.memoryTokenStore({ access_token: res.access_token, refresh_token: res.refresh_token });
    const calls = [];
    const api = client(ctx, { tokenStore: store, fetch: recordingFetch(calls) });
    const before = await orchestrationStats(ctx.sandboxUrl, t.orgId);
    const results = await Promise.all(Array.from({ length: 100 }, () => api.auth.me()));
    assert.ok(results.every((r) => r.user_id === t.userId), "all 100 succeed");
    const after = await orchestrationStats(ctx.sandboxUrl, t.orgId);
    assert.equal(after.refreshCalls - before.refreshCalls, 1, "one refresh round-trip");
    assert.equal(calls.filter((c) => c.path.endsWith("/v0/auth/refresh")).length, 1, "one refresh sent");
    assert.notEqual(store.accessToken(), res.access_token, "the new pair is in the store");
    const retried = calls.filter((c) => c.path.endsWith("/v0/auth/me") && c.headers.get("authorization") === `Bearer ${store.accessToken()}`);
    assert.ok(retried.length >= 100, `retried with the new token: ${retried.length}`);
  },
};

const failedRefresh = {
  name: "orchestration: a failed refresh clears the store first, then calls onRefreshFailed once, and the call rejects with the 401",
  fn: async (ctx) => {
    const { assert, sdk } = ctx;
    const t = await createOrchestrationTenant(ctx.sandboxUrl, { ...FAST, accessTtlSeconds: 1 });
    const res = await client(ctx).auth.login(t.email, t.password);
    await client(ctx).auth.logout(res.refresh_token); // the refresh token is now revoked
    await sleep(2100); // exp is whole seconds rounded up: a 1 s token lives < 2 s
    const store = sdk.memoryTokenStore({ access_token: res.access_token, refresh_token: res.refresh_token });
    const seen = [];
    const api = client(ctx, { tokenStore: store, onRefreshFailed: () => seen.push(store.isAuthenticated()) });
    const outcomes = await Promise.allSettled([api.auth.me(), api.orgs.get(), api.users.me()]);
    assert.ok(outcomes.every((o) => o.status === "rejected" && o.reason instanceof sdk.ApiError && o.reason.status === 401), `all reject with 401: ${assert.show(outcomes.map((o) => o.reason?.code))}`);
    assert.deepEqual(seen, [false], "hook once, after the store was cleared");
  },
};

const refreshAhead = {
  name: "orchestration: with access_expires_at known and near, the client refreshes before sending instead of spending a 401",
  fn: async (ctx) => {
    const { assert } = ctx;
    const { t, api, calls } = await session(ctx, { accessTtlSeconds: 20 });
    calls.length = 0;
    await api.orgs.get();
    assert.deepEqual(sent(ctx, calls), ["POST /v0/auth/refresh", "GET /v0/org"], "refresh first (expiry within 30 s), no 401");
    assert.ok(calls.every((c) => c.status < 400), "no 401");
    const stats = await orchestrationStats(ctx.sandboxUrl, t.orgId);
    assert.equal(stats.refreshCalls, 1);
  },
};

const customStore = {
  name: "orchestration: a custom TokenStore whose methods return Promises (KV-style) and the getAccessToken/getRefreshToken/onTokensRefreshed overrides",
  fn: async (ctx) => {
    const { assert } = ctx;
    const t = await createOrchestrationTenant(ctx.sandboxUrl, { ...FAST, accessTtlSeconds: 1 });
    const kv = new Map();
    const later = (v) => new Promise((r) => setTimeout(() => r(v), 2));
    const store = {
      save: async (p) => { await later(); kv.set("pair", JSON.stringify(p)); },
      clear: async () => { await later(); kv.delete("pair"); },
      accessToken: async () => later(kv.has("pair") ? JSON.parse(kv.get("pair")).access_token : null),
      refreshToken: async () => later(kv.has("pair") ? JSON.parse(kv.get("pair")).refresh_token : null),
      isAuthenticated: async () => kv.has("pair"),
    };
    const api = client(ctx, { tokenStore: store });
    const res = await api.auth.login(t.email, t.password);
    assert.equal(JSON.parse(kv.get("pair")).access_token, res.access_token, "saved through the async store");
    await sleep(2100); // exp is whole seconds rounded up: a 1 s token lives < 2 s
    const results = await Promise.all(Array.from({ length: 10 }, () => api.auth.me()));
    assert.ok(results.every((r) => r.user_id === t.userId), "refreshed through the async store");
    assert.notEqual(JSON.parse(kv.get("pair")).access_token, res.access_token);
    assert.equal((await orchestrationStats(ctx.sandboxUrl, t.orgId)).refreshCalls, 1, "one refresh");

    // Overrides replace the store wiring entirely.
    let access = JSON.parse(kv.get("pair")).access_token;
    let refresh = JSON.parse(kv.get("pair")).refresh_token;
    const refreshed = [];
    const over = client(ctx, {
      getAccessToken: () => access,
      getRefreshToken: () => refresh,
      onTokensRefreshed: (p) => { refreshed.push(p); access = p.access_token; refresh = p.refresh_token; },
    });
    await sleep(2100); // exp is whole seconds rounded up: a 1 s token lives < 2 s
    assert.equal((await over.auth.me()).user_id, t.userId);
    assert.equal(refreshed.length, 1, "onTokensRefreshed got the new pair");
    assert.equal(access, refreshed[0].access_token);

    // An API key getter is asked on every call (rotation without a new client).
    const keys = [t.apiKey];
    const rotating = client(ctx, { apiKey: () => keys[0], dangerouslyAllowBrowser: true });
    assert.equal((await rotating.orgs.get()).id, t.orgId);
    keys[0] = null;
    await assert.rejects(rotating.orgs.get(), apiError(ctx, { status: 401 }), "no key, no session → 401");

    // A stored token that cannot be a header value is refused before sending, and not echoed.
    const sent = [];
    const broken = client(ctx, { getAccessToken: () => "tok\nX-Evil: 1", fetch: recordingFetch(sent) });
    const e = await assert.rejects(broken.auth.me(), validation(ctx, "headers.Authorization"));
    assert.ok(!e.message.includes("tok"), "the token is not in the message");
    assert.equal(sent.length, 0, "nothing sent");
  },
};

const factories = {
  name: "orchestration: sandbox()/production() base URLs, fromEnv() accepts only production|sandbox with the documented message, memoryTokenStore seeding",
  fn: async (ctx) => {
    const { assert, sdk } = ctx;
    const { SeismicOrchestrationClient, memoryTokenStore } = sdk;
    const urls = [];
    const fake = async (input) => { urls.push(String(input)); return new Response(JSON.stringify({ status: "ok" }), { status: 200 }); };
    await SeismicOrchestrationClient.sandbox({ fetch: fake }).health();
    await SeismicOrchestrationClient.production({ fetch: fake }).health();
    assert.deepEqual(urls, ["https://orchestration-sandbox.seismic.systems/api/v0/health", "https://orchestration.seismic.systems/api/v0/health"]);
    const env = globalThis.process?.env;
    if (env) {
      const saved = env.SEISMIC_ORCHESTRATION_ENV;
      try {
        env.SEISMIC_ORCHESTRATION_ENV = "staging";
        assert.throws(() => SeismicOrchestrationClient.fromEnv(), (e) => e instanceof Error && e.message === 'SEISMIC_ORCHESTRATION_ENV must be "production" or "sandbox"; got "staging"');
        delete env.SEISMIC_ORCHESTRATION_ENV;
        assert.throws(() => SeismicOrchestrationClient.fromEnv(), (e) => e.message === 'SEISMIC_ORCHESTRATION_ENV must be "production" or "sandbox"; got undefined');
        env.SEISMIC_ORCHESTRATION_ENV = "sandbox";
        urls.length = 0;
        await SeismicOrchestrationClient.fromEnv({ fetch: fake }).health();
        assert.deepEqual(urls, ["https://orchestration-sandbox.seismic.systems/api/v0/health"]);
      } finally {
        if (saved === undefined) delete env.SEISMIC_ORCHESTRATION_ENV;
        else env.SEISMIC_ORCHESTRATION_ENV = saved;
      }
    }
    const seeded = memoryTokenStore({ access_token: "a1", refresh_token: "r1" });
    assert.deepEqual([seeded.accessToken(), seeded.refreshToken(), seeded.isAuthenticated()], ["a1", "r1", true]);
    seeded.clear();
    assert.deepEqual([seeded.accessToken(), seeded.isAuthenticated()], [null, false]);
    assert.throws(() => memoryTokenStore({ access_token: 5 }), validation(ctx, "initial.access_token"));
  },
};

const noLocalStorage = {
  name: "orchestration: localStorageTokenStore() / tokenStore: \"localStorage\" without localStorage is a clear ValidationError (ignored with an API key)",
  runtimes: SERVER,
  fn: async (ctx) => {
    const { assert, sdk } = ctx;
    assert.throws(() => sdk.localStorageTokenStore(), (e) => validation(ctx, "tokenStore")(e) && /memoryTokenStore/.test(e.message));
    assert.throws(() => client(ctx, { tokenStore: "localStorage" }), validation(ctx, "tokenStore"));
    client(ctx, { tokenStore: "localStorage", apiKey: "seismic_sandbox_x" });
  },
};

const localStorageStore = {
  name: "orchestration (browser): tokenStore \"localStorage\" persists the pair under orchestration.*; a new client (as after a reload) is still logged in; logout clears",
  runtimes: ["browser"],
  fn: async (ctx) => {
    const { assert } = ctx;
    for (const k of Object.keys(localStorage)) if (k.startsWith("orchestration.")) localStorage.removeItem(k);
    const { t, api, res } = await session(ctx, {}, { tokenStore: "localStorage" });
    assert.equal(localStorage.getItem("orchestration.access_token"), res.access_token);
    assert.equal(localStorage.getItem("orchestration.refresh_token"), res.refresh_token);
    assert.equal(localStorage.getItem("orchestration.access_expires_at"), res.access_expires_at);
    assert.equal(localStorage.getItem("orchestration.refresh_expires_at"), res.refresh_expires_at);
    const later = client(ctx, { tokenStore: "localStorage" });
    assert.equal((await later.auth.me()).user_id, t.userId, "the session survives a new client");
    await later.auth.logout();
    assert.equal(localStorage.getItem("orchestration.access_token"), null, "cleared");
    assert.equal(Object.keys(localStorage).filter((k) => k.startsWith("orchestration.")).length, 0);
    void api;
  },
};

const apiKeyInBrowser = {
  name: "orchestration (browser): an org API key string is refused in a page unless dangerouslyAllowBrowser",
  runtimes: ["browser"],
  fn: async (ctx) => {
    const { assert } = ctx;
    assert.throws(() => client(ctx, { apiKey: "seismic_prod_abc" }), validation(ctx, "config.dangerouslyAllowBrowser"));
    client(ctx, { apiKey: "seismic_prod_abc", dangerouslyAllowBrowser: true });
  },
};

export const tests = [
  apiKeyJourney,
  asyncQuotes,
  platformTimeout,
  errors,
  validationBeforeSending,
  responseValidation,
  tokenMode,
  apiKeysWithBearer,
  singleFlight,
  failedRefresh,
  refreshAhead,
  customStore,
  factories,
  noLocalStorage,
  localStorageStore,
  apiKeyInBrowser,
];
