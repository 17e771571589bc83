// SeismicOrchestrationClient against the seismic-sandbox: the API-key journey with every
// documented method's wire shape, async quotes, timeouts over the runtime's fetch, errors,
// validation before sending and response validation. Token mode, refresh and the token stores
// are in orchestration-session.suite.mjs. Every test makes its own tenant (a fresh user + org).
import { recordingFetch } from "./recording-fetch.mjs";
import { orchestrationUrl, createOrchestrationTenant, orchestrationFault, onboardedCustomer } from "./orchestration-sandbox.mjs";
import { SERVER, FAST, client, apiPath, sent, apiError, validation } from "./orchestration-support.mjs";

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
const surface = {
  name: "orchestration: namespaces are frozen and the same object on every read, their methods work detached, a bad config or SEISMIC_ORCHESTRATION_ENV is a ValidationError with code and field",
  fn: async (ctx) => {
    const { assert, sdk } = ctx;
    const { SeismicOrchestrationClient } = sdk;
    const calls = [];
    const answer = async () => new Response(JSON.stringify({ accounts: [] }), { status: 200, headers: { "content-type": "application/json" } });
    const api = client(ctx, { getAccessToken: () => "tok", fetch: recordingFetch(calls, answer) });
    const namespaces = ["auth", "apiKeys", "users", "orgs", "customers", "accounts", "quotes"];
    for (const ns of namespaces) {
      assert.ok(Object.isFrozen(api[ns]), `${ns} is frozen`);
      assert.equal(api[ns], api[ns], `${ns} is one object`);
    }
    for (const [ns, child] of [["auth", "mfa"], ["orgs", "members"], ["orgs", "kyb"]]) assert.ok(Object.isFrozen(api[ns][child]), `${ns}.${child} is frozen`);
    assert.throws(() => { api.accounts.list = null; }, TypeError, "a namespace method cannot be replaced");
    assert.throws(() => { api.accounts = {}; }, TypeError, "a namespace cannot be replaced");
    assert.deepEqual([typeof api.accounts.list, typeof api.auth.mfa.verify, typeof api.quotes.waitUntilReady], ["function", "function", "function"]);
    // Namespace methods need no `this`: taken out of their namespace they still call.
    const { list } = api.accounts;
    assert.deepEqual(await list(), []);
    assert.deepEqual(sent(ctx, calls), ["GET /v0/accounts"]);
    const { waitUntilReady } = api.quotes;
    await assert.rejects(waitUntilReady(""), validation(ctx, "id"));
    const invalid = (field) => (e) => {
      validation(ctx, field)(e);
      assert.equal(e.code, "invalid_argument", `${field}: code`);
      return true;
    };
    assert.throws(() => new SeismicOrchestrationClient(null), invalid("config"));
    assert.throws(() => SeismicOrchestrationClient.sandbox({ tokenStore: "cookies" }), invalid("config.tokenStore"));
    const env = globalThis.process?.env;
    if (env) {
      const saved = env.SEISMIC_ORCHESTRATION_ENV;
      try {
        env.SEISMIC_ORCHESTRATION_ENV = "staging";
        assert.throws(() => SeismicOrchestrationClient.fromEnv(), invalid("SEISMIC_ORCHESTRATION_ENV"));
      } finally {
        if (saved === undefined) delete env.SEISMIC_ORCHESTRATION_ENV;
        else env.SEISMIC_ORCHESTRATION_ENV = saved;
      }
    }
  },
};

export const tests = [
  apiKeyJourney,
  asyncQuotes,
  platformTimeout,
  errors,
  validationBeforeSending,
  responseValidation,
  surface,
];
