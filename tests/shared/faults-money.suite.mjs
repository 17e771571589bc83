// Money under hostile conditions: unbounded answers, lost answers to money-moving calls, and
// ambiguous outcomes (timeouts, 504) of calls that carry an idempotency key. Each test covers one
// defect of the pre-fix SDK and checks the money moved exactly once, not only that a call
// succeeded. Hostile servers are extra origins of the same sandbox (same tenants), so a client
// pointed at one reaches the real API for every request no rule takes.
import { createTenant, addFault, getStats, hostileServer, uniqueId } from "./sandbox.mjs";
import { createSvTenant, addSvFault, getSvStats, TEST_CARDS } from "./stored-value-sandbox.mjs";
import { createCardsTenant, addCardsFault, approvedAccount, walletRef, unique } from "./cards-sandbox.mjs";
import { createOrchestrationTenant } from "./orchestration-sandbox.mjs";

const SERVER = ["node", "workerd"];
const UUID_V4 = /^[0-9a-f]{8}-[0-9a-f]{4}-4[0-9a-f]{3}-[89ab][0-9a-f]{3}-[0-9a-f]{12}$/i;
const MIB = 1024 * 1024;
const DEFAULT_MAX = 16 * MIB;
const money = (v) => Number(v).toFixed(2);
const sleep = (ms) => new Promise((r) => setTimeout(r, ms));

// Both ways a client reaches the network: its own wire (node:http in Node, the platform fetch in
// workerd) and a caller's fetch, which the SDK must bound just the same.
const WIRES = [
  ["default wire", {}],
  ["custom fetch", { fetch: (u, i) => fetch(u, i) }],
];

/** Resolves to { value } or { error }, failing with a clear message if still pending after `ms`. */
function settled(promise, ms, what) {
  let timer;
  return Promise.race([
    Promise.resolve(promise).then((value) => ({ value }), (error) => ({ error })),
    new Promise((_, reject) => {
      timer = setTimeout(() => reject(new Error(`${what}: still pending after ${ms} ms`)), ms);
    }),
  ]).finally(() => clearTimeout(timer));
}

function tooLarge(ctx, limit, what) {
  const { sdk, assert } = ctx;
  return (e) => {
    assert.ok(typeof sdk.ResponseTooLargeError === "function", "the package exports ResponseTooLargeError");
    assert.ok(e instanceof sdk.ResponseTooLargeError, `${what}: expected ResponseTooLargeError, got ${assert.show(e)}`);
    assert.ok(e instanceof sdk.SeismicError, `${what}: ResponseTooLargeError extends SeismicError`);
    assert.equal(e.code, "response_too_large", `${what}: code`);
    assert.equal(e.maxResponseBytes, limit, `${what}: maxResponseBytes`);
    return true;
  };
}

/** The hostile server's `responses` once the rule has answered (the record lags the client a little). */
async function ruleResponses(h) {
  let s;
  for (let i = 0; i < 20; i++) {
    s = await h.state();
    if (s.responses.length > 0) break;
    await sleep(25);
  }
  // Let the server notice the client went away before reading how far it got.
  await sleep(100);
  return (await h.state()).responses;
}

function envelopeClient(ctx, tenant, extra = {}) {
  return new ctx.sdk.EnvelopeClient({ baseUrl: ctx.sandboxUrl, apiKey: tenant.apiKey, encryptionKey: tenant.encryptionKey, ...extra });
}

/** An envelope tenant with a 10.00 card: { t, client, ext, cardId } (master 100.00 → 90.00). */
async function envelopeCard(ctx, extra = {}) {
  const t = await createTenant(ctx.sandboxUrl, { masterBalance: "100.00" });
  const client = envelopeClient(ctx, t, extra);
  const ext = uniqueId("user");
  const res = await client.cards.create({ external_user_id: ext, currency: "USD", amount: "10.00" });
  ctx.assert.ok(res && res.success === true && res.data && res.data.card_id, `cards.create: ${ctx.assert.show(res)}`);
  return { t, client, ext, cardId: res.data.card_id };
}

/** A Cards program with an approved account holding 100.00 and an empty budget. */
async function cardsBudget(ctx, extra = {}) {
  const t = await createCardsTenant(ctx.sandboxUrl, { kycDelayMs: 30, cardholderDelayMs: 30 });
  const client = new ctx.sdk.SeismicCardsClient({ baseUrl: ctx.sandboxUrl, clientId: t.clientId, clientSecret: t.clientSecret, ...extra });
  const { accountId } = await approvedAccount(client, t);
  const budget = await client.budgets.create({ accountId, name: "Faults" });
  const from = { ...(await walletRef(client, t.merchantId)), businessType: 0 };
  await client.transfers.external({ amount: "100.00", from, to: await walletRef(client, accountId) });
  const balance = async () => (await client.budgets.get({ budgetId: budget.budgetId, accountId })).balance.available;
  return { t, client, accountId, budgetId: budget.budgetId, balance };
}

// ---------------------------------------------------------------------------------------------
// Defect 1: unbounded answers (old: the whole answer was read into wasm memory, whatever its size).

/** A 100 MiB answer to health(), chunked or with Content-Length, stops the read early. */
async function hugeAnswer(ctx, wire, extra, contentLength) {
  const { sdk, assert } = ctx;
  const what = `${wire}, ${contentLength ? "Content-Length" : "chunked"} 100 MiB`;
  const h = await hostileServer(ctx.sandboxUrl, [
    { method: "GET", path: "/api/v0/health", bodyBytes: 100 * MIB, contentLength, headers: { "content-type": "application/json" } },
  ]);
  try {
    const api = new sdk.SeismicOrchestrationClient({ baseUrl: `${h.origin}/api`, maxRetries: 0, ...extra });
    const r = await settled(api.health(), 20000, what);
    assert.ok("error" in r, `${what}: resolved with ${assert.show(r.value)}`);
    tooLarge(ctx, DEFAULT_MAX, what)(r.error);
    const responses = await ruleResponses(h);
    assert.equal(responses.length, 1, `${what}: one rule answer (${assert.show(responses)})`);
    const [{ bytesSent, finished }] = responses;
    assert.equal(finished, false, `${what}: the client stopped reading before the end (bytesSent ${bytesSent})`);
    // Chunked: read up to the limit, then stop (~20 MiB seen: socket buffers hold a few MiB
    // more). Content-Length: refused from the head, so less than the limit was ever sent
    // (1-4 MiB seen, what the socket buffers took before the client closed).
    const cap = contentLength ? DEFAULT_MAX : 48 * MIB;
    assert.ok(bytesSent < cap, `${what}: bytesSent ${bytesSent} < ${cap}`);
  } finally {
    await h.close();
  }
}

/** An ordinary sandbox answer (a transaction page of ~1.7 kB) over a 1000-byte limit. */
async function smallLimit(ctx, wire, extra) {
  const { sdk, assert } = ctx;
  const t = await createSvTenant(ctx.sandboxUrl);
  const small = new sdk.StoredValueClient({ apiKey: t.apiKey, baseUrl: ctx.sandboxUrl, maxResponseBytes: 1000, ...extra });
  for (let i = 0; i < 4; i++) await small.transactions.reload({ cardNumber: TEST_CARDS[0], amount: "1.00" });
  const r = await settled(small.transactions.list(), 10000, `${wire}: list with maxResponseBytes 1000`);
  assert.ok("error" in r, `${wire}: maxResponseBytes 1000: list resolved with ${assert.show(r.value)}`);
  tooLarge(ctx, 1000, `${wire}: maxResponseBytes 1000`)(r.error);
  // Positive control: the same call under the default limit succeeds and really is > 1000 bytes.
  const page = await new sdk.StoredValueClient({ apiKey: t.apiKey, baseUrl: ctx.sandboxUrl, ...extra }).transactions.list();
  assert.equal(page.data.length, 4, `${wire}: default limit: the four reloads are listed`);
  assert.ok(JSON.stringify(page).length > 1000, `${wire}: the page is over 1000 bytes (${JSON.stringify(page).length})`);
}

// ---------------------------------------------------------------------------------------------
// Defect 2: a Cards retry with the caller's own key got 409 (old: every call drew a fresh
// clientTransactionId, so the retry carried another body under the same Idempotency-Key).

async function callerKeyReplay(ctx) {
  const { sdk, assert } = ctx;
  const { t, client, accountId, budgetId, balance } = await cardsBudget(ctx, { maxRetries: 0 });
  await addCardsFault(ctx.sandboxUrl, t.clientId, { path: `/v1/budgets/${budgetId}/transfer-in`, status: 503, when: "after" });
  const K = unique("caller-key");
  const lost = await settled(client.budgets.transferIn({ budgetId, accountId, amount: "25.00" }, { idempotencyKey: K }), 10000, "first transferIn");
  assert.ok(lost.error instanceof sdk.SeismicError, `the lost answer surfaces as an error (got ${assert.show(lost.error ?? lost.value)})`);
  assert.equal(lost.error.status, 503, "the injected 503");
  const again = await settled(client.budgets.transferIn({ budgetId, accountId, amount: "25.00" }, { idempotencyKey: K }), 10000, "retry");
  assert.ok(!("error" in again), `the retry with the same key replays (got ${assert.show(again.error)})`);
  assert.equal(money(await balance()), "25.00", "the budget was funded once");
  assert.equal(lost.error.idempotencyKey, K, "error.idempotencyKey is the caller's key");
}

// ---------------------------------------------------------------------------------------------
// Defect 3: a generated key never reached the caller, so its natural retry drew a new one and
// moved the money a second time.

function generatedKey(ctx, r, what) {
  const { sdk, assert } = ctx;
  assert.ok(r.error instanceof sdk.SeismicError, `${what}: gives up with an error (got ${assert.show(r.error ?? r.value)})`);
  assert.equal(typeof r.error.idempotencyKey, "string", `${what}: error.idempotencyKey (${assert.show(r.error)})`);
  assert.match(r.error.idempotencyKey, UUID_V4, `${what}: the generated key is a UUIDv4`);
  return r.error.idempotencyKey;
}

/** Envelope, default retries: every attempt is processed (then replayed) and its answer lost. */
async function envelopeGenerated(ctx) {
  const { assert } = ctx;
  const { t, client, ext, cardId } = await envelopeCard(ctx);
  await addFault(ctx.sandboxUrl, t.apiKey, { path: "/cards/topup", status: 503, count: 3, when: "after" });
  const payload = { card_id: cardId, amount: "5.00", external_user_id: ext };
  const key = generatedKey(ctx, await settled(client.cards.topup(payload), 15000, "envelope topup"), "envelope topup");
  const res = await client.cards.topup(payload, { idempotencyKey: key });
  assert.equal(res.data && res.data.card_balance, "15.00", `envelope: the retry replays the topup (${assert.show(res)})`);
  const s = await getStats(ctx.sandboxUrl, t.apiKey);
  assert.equal(money(s.masterBalance), "85.00", "envelope: master debited 10 + 5 once");
}

/** Stored value: the key travels in the body. */
async function storedValueGenerated(ctx) {
  const { sdk, assert } = ctx;
  const t = await createSvTenant(ctx.sandboxUrl);
  const client = new sdk.StoredValueClient({ apiKey: t.apiKey, baseUrl: ctx.sandboxUrl, maxRetries: 0 });
  await addSvFault(ctx.sandboxUrl, t.apiKey, { path: "/v2/transactions", status: 503, when: "after" });
  const params = { cardNumber: TEST_CARDS[1], amount: "30.00" };
  const key = generatedKey(ctx, await settled(client.transactions.redeem(params), 10000, "redeem"), "stored-value redeem");
  const res = await client.transactions.redeem(params, { idempotencyKey: key });
  assert.equal(res.status, "01", `stored value: the retry replays the approval (${assert.show(res)})`);
  const s = await getSvStats(ctx.sandboxUrl, t.apiKey);
  assert.equal(money(s.cards[TEST_CARDS[1]]), "70.00", "stored value: redeemed once");
}

/** Cards: the Idempotency-Key header (the clientTransactionId follows it). */
async function cardsGenerated(ctx) {
  const { assert } = ctx;
  const { t, client, accountId, budgetId, balance } = await cardsBudget(ctx, { maxRetries: 0 });
  await addCardsFault(ctx.sandboxUrl, t.clientId, { path: `/v1/budgets/${budgetId}/transfer-in`, status: 503, when: "after" });
  const params = { budgetId, accountId, amount: "40.00" };
  const key = generatedKey(ctx, await settled(client.budgets.transferIn(params), 10000, "transferIn"), "Cards transferIn");
  await client.budgets.transferIn(params, { idempotencyKey: key });
  assert.equal(money(await balance()), "40.00", "Cards: the budget was funded once");
}

// ---------------------------------------------------------------------------------------------
// Defect 4: ambiguous outcomes were final (old: a timeout was never retried, even for a call
// carrying its key, and the envelope client did not retry a 504), leaving the caller with an
// error for a charge that may have gone through.

/** The first topup is held 1200 ms on its way to the sandbox; the client gives up at 400. */
async function timeoutRetried(ctx) {
  const { sdk, assert } = ctx;
  const t = await createTenant(ctx.sandboxUrl, { masterBalance: "100.00" });
  const h = await hostileServer(ctx.sandboxUrl, [{ method: "POST", path: "/api/v1/cards/topup", count: 1, delayMs: 1200, pass: true }]);
  try {
    const client = new sdk.EnvelopeClient({ baseUrl: h.origin, apiKey: t.apiKey, encryptionKey: t.encryptionKey, timeoutMs: 400 });
    const ext = uniqueId("user");
    const card = (await client.cards.create({ external_user_id: ext, currency: "USD", amount: "10.00" })).data;
    const r = await settled(client.cards.topup({ card_id: card.card_id, amount: "5.00", external_user_id: ext }), 10000, "timed-out topup");
    assert.ok(!("error" in r), `timeout then retry: the topup succeeds (got ${assert.show(r.error)})`);
    assert.equal(r.value.data.card_balance, "15.00", "card topped up once");
    const topups = (await h.state()).requests.filter((q) => q.path === "/api/v1/cards/topup");
    assert.equal(topups.length, 2, "the timed-out attempt and one retry");
    assert.equal(topups[1].headers["idempotency-key"], topups[0].headers["idempotency-key"], "the retry carries the same key");
    // Wait out the held attempt (the server may drop it when the client hangs up, or forward
    // it late) so a second charge would show in the balance.
    await sleep(1200);
    assert.equal(money((await getStats(ctx.sandboxUrl, t.apiKey)).masterBalance), "85.00", "master debited 10 + 5 once");
  } finally {
    await h.close();
  }
}

/** The topup is processed, then its answer is replaced by a 504. */
async function envelope504Retried(ctx) {
  const { assert } = ctx;
  const { t, client, ext, cardId } = await envelopeCard(ctx);
  await addFault(ctx.sandboxUrl, t.apiKey, { path: "/cards/topup", status: 504, count: 1, when: "after" });
  const r = await settled(client.cards.topup({ card_id: cardId, amount: "5.00", external_user_id: ext }), 10000, "504 topup");
  assert.ok(!("error" in r), `504 then retry: the topup succeeds (got ${assert.show(r.error)})`);
  assert.equal(r.value.data.card_balance, "15.00", "card topped up once");
  const s = await getStats(ctx.sandboxUrl, t.apiKey);
  assert.equal(money(s.masterBalance), "85.00", "master debited 10 + 5 once");
  assert.equal(Number(s.requests), 3, "create, the 504'd topup and one retry");
}

/** Positive control: customers.create carries no key, so its timeout is final (sent once). */
async function unkeyedTimeoutOnce(ctx) {
  const { sdk, assert } = ctx;
  const o = await createOrchestrationTenant(ctx.sandboxUrl, { kycDelayMs: 30 });
  const h = await hostileServer(ctx.sandboxUrl, [{ method: "POST", path: "/api/v0/customers", delayMs: 1000, pass: true }]);
  try {
    const api = new sdk.SeismicOrchestrationClient({ baseUrl: `${h.origin}/api`, apiKey: o.apiKey, timeoutMs: 250 });
    const r = await settled(
      api.customers.create({ external_id: unique("user"), type: "individual", email: `${unique("c")}@example.com`, first_name: "Tim", last_name: "Out" }),
      10000,
      "unkeyed POST",
    );
    assert.ok(r.error instanceof sdk.TimeoutError, `unkeyed POST: TimeoutError (got ${assert.show(r.error ?? r.value)})`);
    const posts = (await h.state()).requests.filter((q) => q.method === "POST" && q.path === "/api/v0/customers");
    assert.equal(posts.length, 1, "sent exactly once (not retried)");
  } finally {
    await h.close();
  }
}

// ---------------------------------------------------------------------------------------------

export const tests = [
  {
    name: "faults money: answers over maxResponseBytes reject with ResponseTooLargeError while streaming (chunked, Content-Length, a small custom limit), on every wire",
    runtimes: SERVER,
    fn: async (ctx) => {
      for (const [wire, extra] of WIRES) {
        await hugeAnswer(ctx, wire, extra, false);
        await hugeAnswer(ctx, wire, extra, true);
        await smallLimit(ctx, wire, extra);
      }
    },
  },
  {
    name: "faults money: a caller retrying budgets.transferIn with its own idempotencyKey after a lost answer gets the replay, funded once",
    runtimes: SERVER,
    fn: callerKeyReplay,
  },
  {
    name: "faults money: a generated idempotency key is on the error; retrying with it moves the money once (envelope topup, stored-value redeem, Cards transferIn)",
    runtimes: SERVER,
    fn: async (ctx) => {
      await envelopeGenerated(ctx);
      await storedValueGenerated(ctx);
      await cardsGenerated(ctx);
    },
  },
  {
    name: "faults money: ambiguous outcomes of keyed calls are retried (envelope topup after a timeout, after a 504), charged once; an unkeyed POST that times out is sent once",
    runtimes: SERVER,
    fn: async (ctx) => {
      await timeoutRetried(ctx);
      await envelope504Retried(ctx);
      await unkeyedTimeoutOnce(ctx);
    },
  },
];
