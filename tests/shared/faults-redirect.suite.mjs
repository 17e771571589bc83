// Redirects from the API origin. The defect: a 307 from the configured origin (A) to another
// origin (B) used to be followed with the credentials (`API-KEY`, `x-access-token`,
// `Authorization`, `Api-Key`) and the POST body, and the call resolved as a success; a 302 of
// a GET forwarded the headers too. Now no wire follows a redirect itself and the transport only
// follows same-origin ones: anything else is a RedirectError and B receives nothing.
//
// B is a hostile server without rules: everything it receives is recorded and then served by
// the real sandbox (same tenants), so a leaked request would really move money there and the
// call would look like a success. A answers the money-moving path with the redirect; every
// other call passes through A to the sandbox (OAuth, setup). Each case runs over the default
// wire (node:http in Node, the platform fetch in workerd) and over a custom `fetch`.
import { createTenant, getStats, hostileServer, uniqueId } from "./sandbox.mjs";
import { createCardsTenant, getCardsStats, approvedAccount, walletRef } from "./cards-sandbox.mjs";
import { createSvTenant, getSvStats, base64Utf8, TEST_CARDS } from "./stored-value-sandbox.mjs";
import { createOrchestrationTenant, orchestrationStats, unique } from "./orchestration-sandbox.mjs";

const SERVER = ["node", "workerd"];
// Put in the redirect's query: an error must name the location without it.
const QUERY_SECRET = "sig_QUERY_SECRET_77";

const WIRES = [
  { label: "default wire", config: () => ({}) },
  { label: "custom fetch", config: () => ({ fetch: (u, i) => fetch(u, i) }) },
];

/** A redirect rule on A: `method path` answered `status` with Location `target?sig=…`. */
const redirectRule = (method, path, status, target, extra = {}) => ({
  method,
  path,
  status,
  headers: { location: `${target}?sig=${QUERY_SECRET}` },
  ...extra,
});

/** B (recording, no rules) and A (rules(B) first, the rest to the sandbox); both closed after. */
async function withServers(ctx, rules, fn) {
  const B = await hostileServer(ctx.sandboxUrl, []);
  let A;
  try {
    A = await hostileServer(ctx.sandboxUrl, rules(B));
    return await fn(A, B);
  } finally {
    await Promise.allSettled([A?.close(), B.close()]);
  }
}

function settle(promise) {
  return Promise.resolve(promise).then((value) => ({ value }), (error) => ({ error }));
}

/**
 * The call must reject with RedirectError { status, location } having sent nothing to B; the
 * rule on A must have fired (so the test exercised a redirect); no secret in the message.
 */
async function expectRefused(ctx, { A, B, call, status, location, secrets }) {
  const { sdk, assert } = ctx;
  const r = await settle(call());
  const leaked = (await B.state()).requests;
  assert.equal(
    leaked.length,
    0,
    `the other origin received ${leaked.map((q) => `${q.method} ${q.path} [${Object.keys(q.headers).join(",")}] ${String(q.body ?? "").slice(0, 80)}`).join(" | ")}`,
  );
  const fired = (await A.state()).requests.filter((q) => q.rule === 0);
  assert.ok(fired.length >= 1, "the redirect rule on A answered the call");
  if (!("error" in r)) throw new assert.AssertionError(`resolved with ${assert.show(r.value)} instead of a RedirectError`);
  const e = r.error;
  assert.equal(typeof sdk.RedirectError, "function", "the package exports RedirectError");
  assert.ok(e instanceof sdk.RedirectError && e instanceof sdk.SeismicError, `expected RedirectError, got ${assert.show(e)}`);
  assert.equal(e.name, "RedirectError", "error.name");
  assert.equal(e.code, "redirect_not_followed", "error.code");
  assert.equal(e.status, status, "error.status is the redirect status");
  assert.equal(e.location, location, "error.location is the target without its query");
  for (const s of [...secrets, QUERY_SECRET]) {
    assert.ok(typeof s !== "string" || !s || !e.message.includes(s), `the message carries a secret: ${e.message}`);
  }
  return e;
}

/** Header values A saw for `name` (e.g. the Cards access token the client obtained). */
async function seenHeaders(A, name) {
  return [...new Set((await A.state()).requests.map((q) => q.headers[name]).filter(Boolean))];
}

// ---------------------------------------------------------------------------------------------

function envelopeCase(wire) {
  return {
    name: `faults redirect: envelope cards.topup answered 307 to another origin → RedirectError, nothing reaches it, master balance unchanged (${wire.label})`,
    runtimes: SERVER,
    fn: async (ctx) => {
      const { assert } = ctx;
      const t = await createTenant(ctx.sandboxUrl, { masterBalance: "100.00" });
      const direct = new ctx.sdk.EnvelopeClient({ baseUrl: ctx.sandboxUrl, apiKey: t.apiKey, encryptionKey: t.encryptionKey });
      const created = await direct.cards.create({ external_user_id: uniqueId("user"), currency: "USD", amount: "10.00" });
      const cardId = created.data.card_id;
      const path = "/api/v1/cards/topup";
      await withServers(ctx, (B) => [redirectRule("POST", path, 307, `${B.origin}${path}`)], async (A, B) => {
        const client = new ctx.sdk.EnvelopeClient({ baseUrl: A.origin, apiKey: t.apiKey, encryptionKey: t.encryptionKey, ...wire.config() });
        const before = await getStats(ctx.sandboxUrl, t.apiKey);
        await expectRefused(ctx, {
          A,
          B,
          call: () => client.cards.topup({ card_id: cardId, amount: "5.00" }),
          status: 307,
          location: `${B.origin}${path}`,
          secrets: [t.apiKey, t.encryptionKey],
        });
        const after = await getStats(ctx.sandboxUrl, t.apiKey);
        assert.equal(Number(after.masterBalance).toFixed(2), "90.00", "master balance: only the create");
        assert.equal(Number(after.requests), Number(before.requests), "no API request reached the sandbox");
      });
    },
  };
}

function cardsCase(wire) {
  return {
    name: `faults redirect: Cards budgets.transferIn answered 307 to another origin → RedirectError, no x-access-token leaves, wallet and budget unchanged (${wire.label})`,
    runtimes: SERVER,
    fn: async (ctx) => {
      const { assert } = ctx;
      const t = await createCardsTenant(ctx.sandboxUrl, { kycDelayMs: 30, cardholderDelayMs: 30 });
      // POST /v1/budgets/<id>/… only: budgets.create (POST /v1/budgets), OAuth and the rest of
      // the setup pass through A to the sandbox.
      const target = (B) => `${B.origin}/v1/budgets/transfer-in`;
      await withServers(ctx, (B) => [redirectRule("POST", "/v1/budgets/*", 307, target(B))], async (A, B) => {
        const client = new ctx.sdk.SeismicCardsClient({ baseUrl: A.origin, clientId: t.clientId, clientSecret: t.clientSecret, ...wire.config() });
        const { accountId } = await approvedAccount(client, t);
        const budget = await client.budgets.create({ accountId, name: "Redirect budget", currency: "USD" });
        const from = { ...(await walletRef(client, t.merchantId)), businessType: 0 };
        await client.transfers.external({ amount: "40.00", from, to: await walletRef(client, accountId) });
        const before = await getCardsStats(ctx.sandboxUrl, t.clientId);
        const tokens = await seenHeaders(A, "x-access-token");
        assert.ok(tokens.length >= 1, "the setup went through A with an access token");
        await expectRefused(ctx, {
          A,
          B,
          call: () => client.budgets.transferIn({ budgetId: budget.budgetId, accountId, amount: "25.00" }),
          status: 307,
          location: target(B),
          secrets: [t.clientSecret, ...tokens],
        });
        const after = await getCardsStats(ctx.sandboxUrl, t.clientId);
        assert.equal(after.requests, before.requests, "no Cards API request reached the sandbox");
        const direct = new ctx.sdk.SeismicCardsClient({ baseUrl: ctx.sandboxUrl, clientId: t.clientId, clientSecret: t.clientSecret });
        assert.equal((await direct.budgets.get({ budgetId: budget.budgetId, accountId })).balance.available, "0.00", "budget not credited");
        assert.equal((await direct.wallets.list({ accountId })).list[0].balance.available, "40.00", "user wallet not debited");
      });
    },
  };
}

function storedValueCase(wire) {
  return {
    name: `faults redirect: stored-value transactions.redeem answered 307 to another origin → RedirectError, no Authorization leaves, card balance unchanged (${wire.label})`,
    runtimes: SERVER,
    fn: async (ctx) => {
      const { assert } = ctx;
      const t = await createSvTenant(ctx.sandboxUrl);
      const card = TEST_CARDS[0];
      const path = "/v2/transactions";
      await withServers(ctx, (B) => [redirectRule("POST", path, 307, `${B.origin}${path}`)], async (A, B) => {
        const client = new ctx.sdk.StoredValueClient({ apiKey: t.apiKey, baseUrl: A.origin, ...wire.config() });
        const before = await getSvStats(ctx.sandboxUrl, t.apiKey);
        assert.equal(Number(before.cards[card]).toFixed(2), "100.00", "test card starts at 100.00");
        await expectRefused(ctx, {
          A,
          B,
          call: () => client.transactions.redeem({ cardNumber: card, amount: "30.00" }),
          status: 307,
          location: `${B.origin}${path}`,
          secrets: [t.apiKey, base64Utf8(t.apiKey)],
        });
        const after = await getSvStats(ctx.sandboxUrl, t.apiKey);
        assert.equal(Number(after.cards[card]).toFixed(2), "100.00", "card balance unchanged");
        assert.equal(Number(after.requests), Number(before.requests), "no request reached the sandbox");
        assert.deepEqual(after.transactions, before.transactions, "no transaction recorded");
      });
    },
  };
}

const orchestrationClient = (ctx, A, tenant, extra) =>
  new ctx.sdk.SeismicOrchestrationClient({ baseUrl: `${A.origin}/api`, apiKey: tenant.apiKey, ...extra });

function orchestrationPostCase(wire) {
  return {
    name: `faults redirect: Orchestration customers.create (Api-Key) answered 307 to another origin → RedirectError, nothing reaches it (${wire.label})`,
    runtimes: SERVER,
    fn: async (ctx) => {
      const { assert } = ctx;
      const t = await createOrchestrationTenant(ctx.sandboxUrl, { kycDelayMs: 30 });
      const path = "/api/v0/customers";
      await withServers(ctx, (B) => [redirectRule("POST", path, 307, `${B.origin}${path}`)], async (A, B) => {
        const api = orchestrationClient(ctx, A, t, wire.config());
        const before = await orchestrationStats(ctx.sandboxUrl, t.orgId);
        await expectRefused(ctx, {
          A,
          B,
          call: () =>
            api.customers.create({
              external_id: unique("user"),
              type: "individual",
              email: `${unique("redirect")}@example.com`,
              first_name: "Red",
              last_name: "Irect",
              date_of_birth: "1990-04-12",
              address: { line1: "1 Main St", city: "Brooklyn", state: "NY", postal_code: "11201", country: "US" },
            }),
          status: 307,
          location: `${B.origin}${path}`,
          secrets: [t.apiKey],
        });
        const after = await orchestrationStats(ctx.sandboxUrl, t.orgId);
        assert.equal(Number(after.requests), Number(before.requests), "no Orchestration request reached the sandbox");
      });
    },
  };
}

function orchestrationGetCase(wire) {
  return {
    name: `faults redirect: Orchestration orgs.get (GET, Api-Key) answered 302 to another origin → RedirectError, headers not forwarded (${wire.label})`,
    runtimes: SERVER,
    fn: async (ctx) => {
      const t = await createOrchestrationTenant(ctx.sandboxUrl, {});
      const path = "/api/v0/org";
      await withServers(ctx, (B) => [redirectRule("GET", path, 302, `${B.origin}${path}`)], async (A, B) => {
        const api = orchestrationClient(ctx, A, t, wire.config());
        await expectRefused(ctx, { A, B, call: () => api.orgs.get(), status: 302, location: `${B.origin}${path}`, secrets: [t.apiKey] });
      });
    },
  };
}

const CASES = [envelopeCase, cardsCase, storedValueCase, orchestrationPostCase, orchestrationGetCase];

// A custom fetch that follows redirects itself (ignoring the SDK's `redirect: "manual"`): the
// request does reach B (the fetch sent it), but the SDK must not report B's answer as the API's.
const followingFetch = {
  name: "faults redirect: a custom fetch that forces redirect: \"follow\" → the call rejects with RedirectError (status 0) instead of resolving with the other origin's answer",
  runtimes: SERVER,
  fn: async (ctx) => {
    const { sdk, assert } = ctx;
    const t = await createOrchestrationTenant(ctx.sandboxUrl, {});
    const path = "/api/v0/org";
    await withServers(ctx, (B) => [redirectRule("GET", path, 302, `${B.origin}${path}`)], async (A, B) => {
      const api = orchestrationClient(ctx, A, t, { fetch: (u, i) => fetch(u, { ...i, redirect: "follow" }) });
      const r = await settle(api.orgs.get());
      assert.ok((await A.state()).requests.some((q) => q.rule === 0), "the redirect rule on A answered");
      assert.ok((await B.state()).requests.length >= 1, "the custom fetch followed to B (precondition)");
      if (!("error" in r)) throw new assert.AssertionError(`resolved with ${assert.show(r.value)} (B's answer) instead of a RedirectError`);
      const e = r.error;
      assert.equal(typeof sdk.RedirectError, "function", "the package exports RedirectError");
      assert.ok(e instanceof sdk.RedirectError, `expected RedirectError, got ${assert.show(e)}`);
      assert.equal(e.code, "redirect_not_followed", "error.code");
      assert.equal(e.status, 0, "status 0: the redirect was hidden by the fetch");
      assert.ok(e.location === null || e.location === `${B.origin}${path}`, `location is B's URL without query, or null: ${assert.show(e.location)}`);
      assert.ok(!e.message.includes(t.apiKey) && !e.message.includes(QUERY_SECRET), `no secret in the message: ${e.message}`);
    });
  },
};

// Positive control (documented policy, passes on the old build too): a same-origin 307 of a
// POST is followed with its body, and the money moves exactly once.
function sameOriginControl(wire) {
  return {
    name: `faults redirect: positive control — a same-origin 307 of envelope cards.topup is followed once, debited once (${wire.label})`,
    runtimes: SERVER,
    fn: async (ctx) => {
      const { assert } = ctx;
      const t = await createTenant(ctx.sandboxUrl, { masterBalance: "100.00" });
      const direct = new ctx.sdk.EnvelopeClient({ baseUrl: ctx.sandboxUrl, apiKey: t.apiKey, encryptionKey: t.encryptionKey });
      const created = await direct.cards.create({ external_user_id: uniqueId("user"), currency: "USD", amount: "10.00" });
      const path = "/api/v1/cards/topup";
      // A's origin is only known once it exists, so the rule points back at A's own path
      // through an absolute-path location (resolved against A: same origin).
      const S = await hostileServer(ctx.sandboxUrl, [{ method: "POST", path, count: 1, status: 307, headers: { location: path } }]);
      try {
        const client = new ctx.sdk.EnvelopeClient({ baseUrl: S.origin, apiKey: t.apiKey, encryptionKey: t.encryptionKey, ...wire.config() });
        const before = await getStats(ctx.sandboxUrl, t.apiKey);
        const top = await client.cards.topup({ card_id: created.data.card_id, amount: "5.00" });
        assert.equal(top.data.card_balance, "15.00", "topped up");
        const seen = (await S.state()).requests.filter((q) => q.path === path);
        assert.deepEqual(seen.map((q) => q.rule), [0, null], "redirected once, then followed to the same origin");
        assert.equal(seen[1].body, seen[0].body, "the body was kept");
        const after = await getStats(ctx.sandboxUrl, t.apiKey);
        assert.equal(Number(after.masterBalance).toFixed(2), "85.00", "debited exactly once");
        assert.equal(Number(after.requests) - Number(before.requests), 1, "one request processed");
      } finally {
        await S.close();
      }
    },
  };
}

export const tests = [
  ...CASES.flatMap((make) => WIRES.map((wire) => make(wire))),
  followingFetch,
  ...WIRES.map(sameOriginControl),
];
