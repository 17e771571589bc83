// EnvelopeClient against the seismic-sandbox: success paths, idempotency, retries, replay
// protection, clock skew, error mapping, abort/timeout and the custom fetch hook.
// Every test creates its own tenant, so tests are independent and may run in any order.
import { createTenant, setClock, addFault, getStats, rawPost, apiPath, uniqueId } from "./sandbox.mjs";
import { randomBytes } from "./vectors.mjs";
import { describeFetchCall, recordingFetch } from "./recording-fetch.mjs";

const UUID_V4 = /^[0-9a-f]{8}-[0-9a-f]{4}-4[0-9a-f]{3}-[89ab][0-9a-f]{3}-[0-9a-f]{12}$/i;

function newClient(ctx, tenant, extra = {}) {
  return new ctx.sdk.EnvelopeClient({
    baseUrl: ctx.sandboxUrl,
    apiKey: tenant.apiKey,
    encryptionKey: tenant.encryptionKey,
    ...extra,
  });
}

/** `request` resolves to the decrypted response JSON: { success: true, data }. */
function dataOf(assert, res, what = "response") {
  assert.ok(res && typeof res === "object", `${what}: expected an object, got ${assert.show(res)}`);
  assert.equal(res.success, true, `${what}.success (got ${assert.show(res)})`);
  assert.ok(res.data && typeof res.data === "object", `${what}.data is an object (got ${assert.show(res)})`);
  return res.data;
}

const money = (v) => Number(v).toFixed(2);
const orderCount = (stats) => (Array.isArray(stats.orders) ? stats.orders.length : Number(stats.orders));

async function requestsSince(ctx, tenant, before) {
  const s = await getStats(ctx.sandboxUrl, tenant.apiKey);
  return Number(s.requests) - Number(before.requests);
}


/** A fetch that never settles, ignoring any signal. */
const hangingFetch = () => new Promise(() => {});

/** A fetch that only settles (rejecting) when its signal aborts, like the real one. */
function signalOnlyFetch(input, init = {}) {
  const signal = init.signal || (typeof Request !== "undefined" && input instanceof Request ? input.signal : undefined);
  return new Promise((_, reject) => {
    if (!signal) return;
    const fire = () => reject(signal.reason instanceof Error ? signal.reason : new DOMException("The operation was aborted.", "AbortError"));
    if (signal.aborted) fire();
    else signal.addEventListener("abort", fire, { once: true });
  });
}

function apiError(sdk, assert, { status, slug, requestId = false }) {
  return (e) => {
    assert.ok(e instanceof Error, `not an Error: ${assert.show(e)}`);
    assert.ok(e instanceof sdk.SeismicError, `not a SeismicError: ${assert.show(e)}`);
    assert.ok(e instanceof sdk.EnvelopeApiError, `not an EnvelopeApiError: ${assert.show(e)}`);
    assert.equal(e.name, "EnvelopeApiError", "error.name");
    if (status !== undefined) assert.equal(e.status, status, `error.status (${e.message})`);
    if (slug !== undefined) assert.equal(e.slug, slug, `error.slug (${e.message})`);
    assert.equal(e.code, e.slug, "error.code === error.slug");
    assert.ok(typeof e.message === "string" && e.message.length > 0, "error.message non-empty");
    if (requestId) assert.ok(typeof e.requestId === "string" && e.requestId.length > 0, `error.requestId set (got ${assert.show(e.requestId)})`);
    assert.ok(sdk.isSeismicError(e), "isSeismicError");
    return true;
  };
}

function typedError(sdk, assert, cls) {
  return (e) => {
    assert.ok(e instanceof Error, `not an Error: ${assert.show(e)}`);
    assert.ok(e instanceof sdk.SeismicError, `not a SeismicError: ${assert.show(e)}`);
    assert.ok(e instanceof sdk[cls], `expected ${cls}, got ${assert.show(e)}`);
    assert.equal(e.name, cls, "error.name");
    return true;
  };
}

async function createCard(ctx, client, amount = "10.00") {
  const ext = uniqueId("user");
  const res = await client.cards.create({ external_user_id: ext, currency: "USD", amount });
  const d = dataOf(ctx.assert, res, "cards.create");
  return { ext, card: d };
}

const sleep = (ms) => new Promise((r) => setTimeout(r, ms));

/**
 * Awaits a call that must reject within `ms`; a hang fails the test with a clear message
 * instead of a confusing assertion. Returns the rejection reason after running `check`.
 */
async function rejectsWithin(assert, ms, promise, check, what) {
  const settled = await within(ms, Promise.resolve(promise).then((value) => ({ value }), (error) => ({ error })), what);
  if (!("error" in settled)) assert.ok(false, `${what}: resolved with ${assert.show(settled.value)} instead of rejecting`);
  const res = check(settled.error);
  if (res !== true && res !== undefined) assert.ok(false, `${what}: rejected with ${assert.show(settled.error)}`);
  return settled.error;
}

/** Rejects if `promise` has not settled within `ms` (so a hang fails fast with a clear message). */
function within(ms, promise, what) {
  let timer;
  return Promise.race([
    promise,
    new Promise((_, reject) => {
      timer = setTimeout(() => reject(new Error(`${what}: still pending after ${ms} ms`)), ms);
    }),
  ]).finally(() => clearTimeout(timer));
}

export const tests = [
  {
    name: "client: cards.create then cards.topup succeed",
    fn: async (ctx) => {
      const { assert } = ctx;
      const t = await createTenant(ctx.sandboxUrl, { masterBalance: "100.00" });
      const client = newClient(ctx, t);
      const ext = uniqueId("user");
      const created = dataOf(assert, await client.cards.create({ external_user_id: ext, currency: "USD", amount: "10.00" }), "create");
      assert.equal(created.type, "card_create", "type");
      assert.equal(created.status, "completed", "status");
      assert.equal(created.external_user_id, ext, "external_user_id");
      assert.equal(created.amount, "10.00", "amount");
      assert.equal(created.currency, "USD", "currency");
      assert.equal(created.card_balance, "10.00", "card_balance");
      assert.ok(typeof created.order_id === "string" && created.order_id, "order_id");
      assert.ok(typeof created.card_id === "string" && created.card_id, "card_id");
      assert.ok(typeof created.created_at === "string", "created_at");

      const top = dataOf(assert, await client.cards.topup({ card_id: created.card_id, amount: "5.00", external_user_id: ext }), "topup");
      assert.equal(top.type, "card_topup", "type");
      assert.equal(top.card_id, created.card_id, "card_id");
      assert.equal(top.amount, "5.00", "amount");
      assert.equal(top.card_balance, "15.00", "card_balance");
      assert.notEqual(top.order_id, created.order_id, "distinct orders");

      const s = await getStats(ctx.sandboxUrl, t.apiKey);
      assert.equal(money(s.masterBalance), "85.00", "master balance debited 10 + 5");
      assert.equal(orderCount(s), 2, "two orders");
      assert.equal(Number(s.requests), 2, "two API requests");
    },
  },
  {
    name: "client: request('/master/balance') returns the decrypted response",
    fn: async (ctx) => {
      const { assert } = ctx;
      const t = await createTenant(ctx.sandboxUrl, { masterBalance: "123.45" });
      const d = dataOf(assert, await newClient(ctx, t).request("/master/balance", {}), "balance");
      assert.equal(d.balance, "123.45", "balance");
      assert.equal(d.currency, "USD", "currency");
    },
  },
  {
    name: "client: same idempotencyKey twice returns the same order, debited once",
    fn: async (ctx) => {
      const { assert } = ctx;
      const t = await createTenant(ctx.sandboxUrl, { masterBalance: "100.00" });
      const client = newClient(ctx, t);
      const ext = uniqueId("user");
      const key = `idem-${uniqueId("k")}`;
      const a = dataOf(assert, await client.cards.create({ external_user_id: ext, amount: "10.00" }, { idempotencyKey: key }));
      const b = dataOf(assert, await client.cards.create({ external_user_id: ext, amount: "10.00" }, { idempotencyKey: key }));
      assert.equal(b.order_id, a.order_id, "same order_id");
      assert.equal(b.card_id, a.card_id, "same card_id");
      const topKey = `idem-${uniqueId("k")}`;
      const x = dataOf(assert, await client.cards.topup({ card_id: a.card_id, amount: "7.00" }, { idempotencyKey: topKey }));
      const y = dataOf(assert, await client.cards.topup({ card_id: a.card_id, amount: "7.00" }, { idempotencyKey: topKey }));
      assert.equal(y.order_id, x.order_id, "same topup order_id");
      const s = await getStats(ctx.sandboxUrl, t.apiKey);
      assert.equal(money(s.masterBalance), "83.00", "debited once per key (100 - 10 - 7)");
      assert.equal(orderCount(s), 2, "two orders");
    },
  },
  {
    name: "client: lost topup response (502 after processing) is retried with the same key, debited once",
    fn: async (ctx) => {
      const { assert } = ctx;
      const t = await createTenant(ctx.sandboxUrl, { masterBalance: "100.00" });
      const calls = [];
      const client = newClient(ctx, t, { fetch: recordingFetch(calls) });
      const { ext, card } = await createCard(ctx, client);
      const before = await getStats(ctx.sandboxUrl, t.apiKey);
      calls.length = 0;
      await addFault(ctx.sandboxUrl, t.apiKey, { path: "/cards/topup", status: 502, count: 1, when: "after" });
      const top = dataOf(assert, await client.cards.topup({ card_id: card.card_id, amount: "5.00", external_user_id: ext }), "topup");
      assert.equal(top.card_balance, "15.00", "topped up exactly once");
      assert.equal(await requestsSince(ctx, t, before), 2, "stats.requests: original + one retry");
      const s = await getStats(ctx.sandboxUrl, t.apiKey);
      assert.equal(money(s.masterBalance), "85.00", "master balance debited once");
      assert.equal(orderCount(s), 2, "no duplicate order");
      assert.equal(calls.length, 2, "two fetch calls");
      const k0 = calls[0].headers.get("idempotency-key");
      assert.match(k0, UUID_V4, "generated Idempotency-Key is a UUIDv4");
      assert.equal(calls[1].headers.get("idempotency-key"), k0, "same Idempotency-Key on the retry");
    },
  },
  {
    name: "client: lost create response (502 after) returns the original card",
    fn: async (ctx) => {
      const { assert } = ctx;
      const t = await createTenant(ctx.sandboxUrl, { masterBalance: "100.00" });
      const client = newClient(ctx, t);
      await addFault(ctx.sandboxUrl, t.apiKey, { path: "/cards/create", status: 502, count: 1, when: "after" });
      const { card } = await createCard(ctx, client);
      assert.equal(card.card_balance, "10.00");
      const s = await getStats(ctx.sandboxUrl, t.apiKey);
      assert.equal(Number(s.requests), 2, "stats.requests");
      assert.equal(money(s.masterBalance), "90.00", "debited once");
      assert.equal(orderCount(s), 1, "one order");
    },
  },
  {
    name: "client: 503 before processing is retried",
    fn: async (ctx) => {
      const { assert } = ctx;
      const t = await createTenant(ctx.sandboxUrl, { masterBalance: "100.00" });
      const client = newClient(ctx, t);
      await addFault(ctx.sandboxUrl, t.apiKey, { path: "/cards/create", status: 503, count: 1, when: "before" });
      await createCard(ctx, client);
      const s = await getStats(ctx.sandboxUrl, t.apiKey);
      assert.equal(Number(s.requests), 2, "stats.requests");
      assert.equal(money(s.masterBalance), "90.00");
    },
  },
  {
    name: "client: retries stop after maxRetries (default 2; 0 disables)",
    fn: async (ctx) => {
      const { assert, sdk } = ctx;
      const t = await createTenant(ctx.sandboxUrl, { masterBalance: "100.00" });
      await addFault(ctx.sandboxUrl, t.apiKey, { path: "/cards/create", status: 503, count: 50, when: "before" });
      let before = await getStats(ctx.sandboxUrl, t.apiKey);
      await assert.rejects(
        newClient(ctx, t).cards.create({ external_user_id: uniqueId("user") }),
        apiError(sdk, assert, { status: 503 }),
        "default client gives up with the 503",
      );
      assert.equal(await requestsSince(ctx, t, before), 3, "1 attempt + 2 retries");
      before = await getStats(ctx.sandboxUrl, t.apiKey);
      await assert.rejects(
        newClient(ctx, t, { maxRetries: 0 }).cards.create({ external_user_id: uniqueId("user") }),
        apiError(sdk, assert, { status: 503 }),
      );
      assert.equal(await requestsSince(ctx, t, before), 1, "maxRetries: 0 -> one attempt");
    },
  },
  {
    name: "client: 4xx is never retried",
    fn: async (ctx) => {
      const { assert, sdk } = ctx;
      const t = await createTenant(ctx.sandboxUrl, { masterBalance: "100.00" });
      const client = newClient(ctx, t);
      let before = await getStats(ctx.sandboxUrl, t.apiKey);
      await assert.rejects(
        client.cards.topup({ card_id: "card_does_not_exist", amount: "1.00" }),
        apiError(sdk, assert, { status: 404, slug: "card_not_found" }),
      );
      assert.equal(await requestsSince(ctx, t, before), 1, "404 not retried");
      before = await getStats(ctx.sandboxUrl, t.apiKey);
      await addFault(ctx.sandboxUrl, t.apiKey, { path: "/cards/create", status: 400, count: 1, when: "before" });
      await assert.rejects(client.cards.create({ external_user_id: uniqueId("user") }), apiError(sdk, assert, { status: 400 }));
      assert.equal(await requestsSince(ctx, t, before), 1, "injected 400 not retried");
    },
  },
  {
    name: "client: no retry without an idempotency key (master/balance 503)",
    fn: async (ctx) => {
      const { assert, sdk } = ctx;
      const t = await createTenant(ctx.sandboxUrl, { masterBalance: "100.00" });
      await addFault(ctx.sandboxUrl, t.apiKey, { path: "/master/balance", status: 503, count: 1, when: "before" });
      const before = await getStats(ctx.sandboxUrl, t.apiKey);
      await assert.rejects(newClient(ctx, t).request("/master/balance", {}), apiError(sdk, assert, { status: 503 }));
      assert.equal(await requestsSince(ctx, t, before), 1, "stats.requests === 1");
    },
  },
  {
    name: "client: replay protection (raw): same request_timestamp twice -> 400 Duplicate request detected",
    fn: async (ctx) => {
      const { assert, sdk } = ctx;
      const t = await createTenant(ctx.sandboxUrl, { masterBalance: "100.00" });
      const ts = Date.now() * 1000;
      const b1 = sdk.sealEnvelope(t.encryptionKey, {}, { timestampMicros: ts });
      const b2 = sdk.sealEnvelope(t.encryptionKey, {}, { timestampMicros: ts });
      assert.notEqual(b1.encrypted, b2.encrypted, "different nonces");
      const r1 = await rawPost(ctx.sandboxUrl, t.apiKey, "/master/balance", b1);
      assert.equal(r1.status, 200, `first raw request: ${r1.text.slice(0, 200)}`);
      assert.ok(r1.json && typeof r1.json.encrypted === "string", "response is an encrypted envelope");
      assert.deepEqual(Object.keys(r1.json), ["encrypted"], "response body has only `encrypted`");
      const opened = sdk.openEnvelope(t.encryptionKey, r1.json);
      assert.equal(opened.success, true, "decrypted success");
      assert.equal(opened.data.balance, "100.00", "decrypted balance");
      const r2 = await rawPost(ctx.sandboxUrl, t.apiKey, "/master/balance", b2);
      assert.equal(r2.status, 400, "duplicate status");
      assert.ok(r2.text.includes("Duplicate request detected"), `plain duplicate error, got ${r2.text.slice(0, 200)}`);
      assert.ok(!(r2.json && r2.json.encrypted), "duplicate error is not encrypted");
    },
  },
  {
    name: "client: 20 parallel requests on one client never collide on request_timestamp",
    fn: async (ctx) => {
      const { assert } = ctx;
      const t = await createTenant(ctx.sandboxUrl, { masterBalance: "100.00" });
      const calls = [];
      const client = newClient(ctx, t, { fetch: recordingFetch(calls) });
      const results = await Promise.allSettled(Array.from({ length: 20 }, () => client.request("/master/balance", {})));
      const failed = results.filter((r) => r.status === "rejected");
      assert.equal(failed.length, 0, `rejections: ${failed.map((r) => assert.show(r.reason)).slice(0, 3).join("; ")}`);
      for (const r of results) assert.equal(dataOf(assert, r.value).balance, "100.00");
      const stamps = new Set(calls.map((c) => ctx.sdk.openEnvelope(t.encryptionKey, JSON.parse(c.body)).request_timestamp));
      assert.equal(stamps.size, calls.length, "every attempt carries a distinct request_timestamp");
      const s = await getStats(ctx.sandboxUrl, t.apiKey);
      assert.equal(Number(s.requests), 20, "no retries were needed");
    },
  },
  {
    name: "client: 20 parallel cards.create on one client all succeed",
    fn: async (ctx) => {
      const { assert } = ctx;
      const t = await createTenant(ctx.sandboxUrl, { masterBalance: "1000.00" });
      const client = newClient(ctx, t);
      const results = await Promise.allSettled(Array.from({ length: 20 }, () => createCard(ctx, client, "1.00")));
      const failed = results.filter((r) => r.status === "rejected");
      assert.equal(failed.length, 0, `rejections: ${failed.map((r) => assert.show(r.reason)).slice(0, 3).join("; ")}`);
      assert.equal(new Set(results.map((r) => r.value.card.card_id)).size, 20, "20 distinct cards");
      const s = await getStats(ctx.sandboxUrl, t.apiKey);
      assert.equal(money(s.masterBalance), "980.00");
      assert.equal(Number(s.requests), 20, "no retries were needed");
    },
  },
  {
    name: "client: server clock +120 s -> client corrects its offset (one retry) and remembers it",
    fn: async (ctx) => {
      const { assert } = ctx;
      const t = await createTenant(ctx.sandboxUrl, { masterBalance: "100.00" });
      await setClock(ctx.sandboxUrl, t.apiKey, 120000);
      const client = newClient(ctx, t);
      let before = await getStats(ctx.sandboxUrl, t.apiKey);
      dataOf(assert, await client.request("/master/balance", {}), "balance");
      assert.equal(await requestsSince(ctx, t, before), 2, "rejected once, then corrected");
      before = await getStats(ctx.sandboxUrl, t.apiKey);
      await createCard(ctx, client);
      assert.equal(await requestsSince(ctx, t, before), 1, "offset remembered by the client");
    },
  },
  {
    name: "client: server clock -120 s -> client corrects its offset",
    fn: async (ctx) => {
      const { assert } = ctx;
      const t = await createTenant(ctx.sandboxUrl, { masterBalance: "100.00" });
      await setClock(ctx.sandboxUrl, t.apiKey, -120000);
      const before = await getStats(ctx.sandboxUrl, t.apiKey);
      await createCard(ctx, newClient(ctx, t));
      assert.equal(await requestsSince(ctx, t, before), 2, "rejected once, then corrected");
    },
  },
  {
    name: "client: a learned clock offset stays in its client (no leak into other clients or sealEnvelope)",
    fn: async (ctx) => {
      const { assert, sdk } = ctx;
      const skewed = await createTenant(ctx.sandboxUrl, { masterBalance: "100.00" });
      await setClock(ctx.sandboxUrl, skewed.apiKey, 120000);
      dataOf(assert, await newClient(ctx, skewed).request("/master/balance", {}), "skewed tenant");
      const key = randomBytes(32);
      const ts = sdk.openEnvelope(key, sdk.sealEnvelope(key, {})).request_timestamp;
      assert.ok(Math.abs(ts - Date.now() * 1000) < 5_000_000, `sealEnvelope's default timestamp is off by ${(ts - Date.now() * 1000) / 1e6} s after a client learned +120 s`);
      const normal = await createTenant(ctx.sandboxUrl, { masterBalance: "100.00" });
      const before = await getStats(ctx.sandboxUrl, normal.apiKey);
      dataOf(assert, await newClient(ctx, normal).request("/master/balance", {}), "normal tenant, new client");
      assert.equal(await requestsSince(ctx, normal, before), 1, "a new client on an unskewed server needs no clock retry");
      // and a client can learn a second, different offset
      const back = await createTenant(ctx.sandboxUrl, { masterBalance: "100.00" });
      await setClock(ctx.sandboxUrl, back.apiKey, -90000);
      dataOf(assert, await newClient(ctx, back).request("/master/balance", {}), "tenant at -90 s");
    },
  },
  {
    name: "client: unknown API key -> 404 api_key_not_found",
    fn: async (ctx) => {
      const { assert, sdk } = ctx;
      const t = await createTenant(ctx.sandboxUrl);
      const client = newClient(ctx, { apiKey: "sk_unknown_" + uniqueId("k"), encryptionKey: t.encryptionKey });
      await assert.rejects(client.request("/master/balance", {}), apiError(sdk, assert, { status: 404, slug: "api_key_not_found" }));
      await assert.rejects(client.cards.create({ external_user_id: uniqueId("user") }), apiError(sdk, assert, { status: 404, slug: "api_key_not_found" }));
    },
  },
  {
    name: "client: key without API access -> 403 api_access_denied",
    fn: async (ctx) => {
      const { assert, sdk } = ctx;
      if (!ctx.noAccessKey) throw new Error("noAccessKey missing (set SEISMIC_SANDBOX_NOACCESS_KEY)");
      const client = newClient(ctx, { apiKey: ctx.noAccessKey, encryptionKey: randomBytes(32) });
      await assert.rejects(client.request("/master/balance", {}), apiError(sdk, assert, { status: 403, slug: "api_access_denied" }));
    },
  },
  {
    name: "client: wrong encryption key -> 400 encrypted_payload_invalid",
    fn: async (ctx) => {
      const { assert, sdk } = ctx;
      const t = await createTenant(ctx.sandboxUrl);
      const client = newClient(ctx, { apiKey: t.apiKey, encryptionKey: randomBytes(32) });
      await assert.rejects(client.request("/master/balance", {}), apiError(sdk, assert, { status: 400, slug: "encrypted_payload_invalid" }));
    },
  },
  {
    name: "client: encrypted error slugs carry status, slug, message and requestId",
    fn: async (ctx) => {
      const { assert, sdk } = ctx;
      const t = await createTenant(ctx.sandboxUrl, { masterBalance: "50.00" });
      const client = newClient(ctx, t);
      const { ext, card } = await createCard(ctx, client);
      const cases = [
        ["card_not_found", 404, () => client.cards.topup({ card_id: "card_nope_" + uniqueId("c"), amount: "1.00" })],
        // cards.* validate amounts locally (ValidationError); the generic request() sends as is
        ["invalid_amount", 400, () => client.request("/cards/topup", { card_id: card.card_id, amount: "-5.00" })],
        ["insufficient_funds", 403, () => client.cards.topup({ card_id: card.card_id, amount: "1000000.00" })],
        ["card_user_mismatch", 422, () => client.cards.topup({ card_id: card.card_id, amount: "1.00", external_user_id: ext + "-other" })],
        ["invalid_request", 400, () => client.request("/cards/create", { currency: "USD" })],
      ];
      for (const [slug, status, call] of cases) {
        const e = await assert.rejects(call, apiError(sdk, assert, { status, slug, requestId: true }), slug);
        assert.notEqual(e.message, slug, "message is the human-readable error, not the slug");
      }
      const s = await getStats(ctx.sandboxUrl, t.apiKey);
      assert.equal(money(s.masterBalance), "40.00", "failed calls debit nothing");
    },
  },
  {
    name: "client: constructor validates its config",
    fn: async (ctx) => {
      const { assert, sdk } = ctx;
      const good = { baseUrl: "https://api.example.test", apiKey: "k", encryptionKey: randomBytes(32) };
      new sdk.EnvelopeClient(good);
      new sdk.EnvelopeClient({ ...good, baseUrl: "http://127.0.0.1:9" });
      const validation = (field) => (e) => {
        assert.ok(e instanceof sdk.ValidationError, `expected ValidationError, got ${assert.show(e)}`);
        assert.ok(e instanceof sdk.SeismicError && e instanceof Error);
        assert.equal(e.name, "ValidationError");
        assert.equal(e.field, field, `field (${e.message})`);
        return true;
      };
      assert.throws(() => new sdk.EnvelopeClient({ ...good, baseUrl: "not a url" }), validation("config.baseUrl"), "bad baseUrl");
      assert.throws(() => new sdk.EnvelopeClient({ ...good, baseUrl: "http://api.example.test" }), validation("config.baseUrl"), "plain http off loopback");
      assert.throws(() => new sdk.EnvelopeClient({ ...good, apiKey: "" }), validation("config.apiKey"), "empty apiKey");
      assert.throws(() => new sdk.EnvelopeClient({ ...good, encryptionKey: "short" }), (e) => e instanceof sdk.EnvelopeError && e.code === "invalid_key", "bad encryptionKey");
    },
  },
  {
    name: "client: cards.* validate the payload locally (ValidationError, nothing sent)",
    fn: async (ctx) => {
      const { assert, sdk } = ctx;
      const t = await createTenant(ctx.sandboxUrl, { masterBalance: "100.00" });
      const calls = [];
      const client = newClient(ctx, t, { fetch: recordingFetch(calls) });
      const validation = (field) => (e) => {
        assert.ok(e instanceof sdk.ValidationError, `expected ValidationError, got ${assert.show(e)}`);
        assert.equal(e.field, field, `field (${e.message})`);
        return true;
      };
      for (const amount of ["-5.00", "0.00", "1.005", "abc", 5]) {
        await assert.rejects(client.cards.topup({ card_id: "card_x", amount }), validation("payload.amount"), `topup amount ${JSON.stringify(amount)}`);
      }
      await assert.rejects(client.cards.create({}), validation("payload.external_user_id"), "create without external_user_id");
      assert.equal(calls.length, 0, "nothing was sent");
    },
  },
  {
    name: "client: raw protocol: missing Idempotency-Key -> encrypted 400 idempotency_key_required",
    fn: async (ctx) => {
      const { assert, sdk } = ctx;
      const t = await createTenant(ctx.sandboxUrl);
      const r = await rawPost(ctx.sandboxUrl, t.apiKey, "/cards/create", sdk.sealEnvelope(t.encryptionKey, { external_user_id: uniqueId("user") }));
      assert.equal(r.status, 400);
      assert.ok(r.json && typeof r.json.encrypted === "string", `encrypted error body, got ${r.text.slice(0, 200)}`);
      const body = sdk.openEnvelope(t.encryptionKey, r.json);
      assert.equal(body.success, false);
      assert.equal(body.error_slug, "idempotency_key_required");
      assert.ok(typeof body.error === "string" && body.error.length > 0);
    },
  },
  {
    name: "client: already-aborted signal -> AbortError, nothing sent",
    fn: async (ctx) => {
      const { assert, sdk } = ctx;
      const t = await createTenant(ctx.sandboxUrl);
      const calls = [];
      const client = newClient(ctx, t, { fetch: recordingFetch(calls) });
      const ac = new AbortController();
      ac.abort();
      await assert.rejects(client.request("/master/balance", {}, { signal: ac.signal }), typedError(sdk, assert, "AbortError"));
      await assert.rejects(client.cards.create({ external_user_id: uniqueId("user") }, { signal: AbortSignal.abort() }), typedError(sdk, assert, "AbortError"));
      assert.equal(calls.length, 0, "fetch never called");
      const s = await getStats(ctx.sandboxUrl, t.apiKey);
      assert.equal(Number(s.requests), 0, "sandbox saw nothing");
    },
  },
  {
    name: "client: abort while the request is in flight -> AbortError",
    fn: async (ctx) => {
      const { assert, sdk } = ctx;
      const t = await createTenant(ctx.sandboxUrl);
      const client = newClient(ctx, t, { fetch: signalOnlyFetch, timeoutMs: 30000 });
      const ac = new AbortController();
      const started = Date.now();
      setTimeout(() => ac.abort(), 100);
      await assert.rejects(client.request("/master/balance", {}, { signal: ac.signal }), typedError(sdk, assert, "AbortError"));
      assert.ok(Date.now() - started < 5000, "settled promptly");
    },
  },
  {
    name: "client: abort during retry backoff -> AbortError without further attempts",
    fn: async (ctx) => {
      const { assert, sdk } = ctx;
      const t = await createTenant(ctx.sandboxUrl);
      const calls = [];
      const unavailable = async () => new Response("Service Unavailable", { status: 503, headers: { "Retry-After": "3" } });
      const client = newClient(ctx, t, { fetch: recordingFetch(calls, unavailable), maxRetries: 5 });
      const ac = new AbortController();
      const started = Date.now();
      const p = client.cards.create({ external_user_id: uniqueId("user") }, { signal: ac.signal });
      p.catch(() => {});
      while (calls.length === 0 && Date.now() - started < 5000) await sleep(5);
      await sleep(150);
      const attemptsAtAbort = calls.length;
      ac.abort();
      await assert.rejects(p, typedError(sdk, assert, "AbortError"));
      assert.ok(Date.now() - started < 2500, `aborted promptly (${Date.now() - started} ms)`);
      await sleep(50);
      assert.equal(calls.length, attemptsAtAbort, "no attempt after the abort");
      assert.ok(attemptsAtAbort < 6, `was still backing off (attempts ${attemptsAtAbort})`);
    },
  },
  {
    name: "client: Retry-After from the server is honoured between attempts",
    fn: async (ctx) => {
      const { assert } = ctx;
      const t = await createTenant(ctx.sandboxUrl, { masterBalance: "100.00" });
      const calls = [];
      const stamps = [];
      const client = newClient(ctx, t, {
        fetch: recordingFetch(calls, (input, init) => {
          stamps.push(Date.now());
          return globalThis.fetch(input, init);
        }),
      });
      await addFault(ctx.sandboxUrl, t.apiKey, { path: "/cards/create", status: 503, count: 1, when: "before", retryAfter: 1 });
      await createCard(ctx, client);
      assert.equal(calls.length, 2, "one retry");
      assert.ok(stamps[1] - stamps[0] >= 900, `waited ${stamps[1] - stamps[0]} ms (Retry-After: 1)`);
    },
  },
  {
    name: "client: abort during a sandbox Retry-After wait -> AbortError, nothing more sent",
    fn: async (ctx) => {
      const { assert, sdk } = ctx;
      const t = await createTenant(ctx.sandboxUrl, { masterBalance: "100.00" });
      await addFault(ctx.sandboxUrl, t.apiKey, { path: "/cards/create", status: 503, count: 5, when: "before", retryAfter: 3 });
      const calls = [];
      const client = newClient(ctx, t, { fetch: recordingFetch(calls) });
      const ac = new AbortController();
      const started = Date.now();
      const p = client.cards.create({ external_user_id: uniqueId("user"), amount: "10.00" }, { signal: ac.signal });
      p.catch(() => {});
      while (calls.length === 0 && Date.now() - started < 5000) await sleep(5);
      await sleep(300);
      ac.abort();
      await rejectsWithin(assert, 2000, p, typedError(sdk, assert, "AbortError"), "call aborted during Retry-After");
      await sleep(100);
      const s = await getStats(ctx.sandboxUrl, t.apiKey);
      assert.equal(Number(s.requests), 1, "no attempt after the abort");
      assert.equal(money(s.masterBalance), "100.00", "nothing charged");
    },
  },
  {
    name: "client: timeoutMs with a fetch that never settles -> TimeoutError",
    fn: async (ctx) => {
      const { assert, sdk } = ctx;
      const t = await createTenant(ctx.sandboxUrl);
      const client = newClient(ctx, t, { fetch: hangingFetch, timeoutMs: 150 });
      const started = Date.now();
      const e = await rejectsWithin(
        assert,
        5000,
        client.request("/master/balance", {}),
        typedError(sdk, assert, "TimeoutError"),
        "request() with timeoutMs 150 and a fetch that ignores its signal and never settles (the client must enforce timeoutMs itself)",
      );
      assert.ok(!(e instanceof sdk.AbortError), "a timeout is not an AbortError");
      assert.ok(Date.now() - started < 5000, `timed out promptly (${Date.now() - started} ms)`);
    },
  },
  {
    name: "client: timeoutMs with a signal-honouring fetch -> TimeoutError (not AbortError)",
    fn: async (ctx) => {
      const { assert, sdk } = ctx;
      const t = await createTenant(ctx.sandboxUrl);
      const client = newClient(ctx, t, { fetch: signalOnlyFetch, timeoutMs: 150 });
      const started = Date.now();
      await rejectsWithin(assert, 5000, client.request("/master/balance", {}), typedError(sdk, assert, "TimeoutError"), "request() with timeoutMs 150");
      await rejectsWithin(assert, 10000, client.cards.create({ external_user_id: uniqueId("user") }), typedError(sdk, assert, "TimeoutError"), "cards.create() with timeoutMs 150");
      assert.ok(Date.now() - started < 15000, "timed out promptly");
    },
  },
  {
    name: "client: network errors -> NetworkError; retried only with an idempotency key",
    fn: async (ctx) => {
      const { assert, sdk } = ctx;
      const t = await createTenant(ctx.sandboxUrl, { masterBalance: "100.00" });
      const calls = [];
      const down = async () => {
        throw new TypeError("fetch failed");
      };
      const c1 = newClient(ctx, t, { fetch: recordingFetch(calls, down) });
      await assert.rejects(c1.request("/master/balance", {}), typedError(sdk, assert, "NetworkError"));
      assert.equal(calls.length, 1, "not retried without idempotency key");
      calls.length = 0;
      await assert.rejects(c1.cards.create({ external_user_id: uniqueId("user") }), typedError(sdk, assert, "NetworkError"));
      assert.equal(calls.length, 3, "1 attempt + 2 retries");
      // flaky: the first attempt fails, the retry reaches the sandbox
      calls.length = 0;
      let n = 0;
      const flaky = (input, init) => (n++ === 0 ? Promise.reject(new TypeError("fetch failed")) : globalThis.fetch(input, init));
      const c2 = newClient(ctx, t, { fetch: recordingFetch(calls, flaky) });
      await createCard(ctx, c2);
      assert.equal(calls.length, 2);
      assert.equal(calls[0].headers.get("idempotency-key"), calls[1].headers.get("idempotency-key"), "same key after a network error");
    },
  },
  {
    name: "client: custom fetch is used and sends the documented request",
    fn: async (ctx) => {
      const { assert, sdk } = ctx;
      const t = await createTenant(ctx.sandboxUrl, { masterBalance: "100.00" });
      const calls = [];
      const client = newClient(ctx, t, { fetch: recordingFetch(calls) });
      dataOf(assert, await client.request("/master/balance", { probe: "x" }));
      assert.equal(calls.length, 1, "custom fetch called once");
      const c = calls[0];
      assert.equal(c.url, ctx.sandboxUrl.replace(/\/+$/, "") + "/api/v1/master/balance", "url");
      assert.equal(c.method, "POST", "method");
      assert.equal(c.headers.get("api-key"), t.apiKey, "API-KEY header");
      assert.match(c.headers.get("content-type") || "", /^application\/json/, "content-type");
      assert.equal(c.headers.get("idempotency-key"), null, "no Idempotency-Key on master/balance");
      const body = JSON.parse(c.body);
      assert.deepEqual(Object.keys(body), ["encrypted"], "body is exactly { encrypted }");
      const inner = sdk.openEnvelope(t.encryptionKey, body);
      assert.equal(inner.probe, "x", "payload fields at the root");
      assert.ok(Number.isSafeInteger(inner.request_timestamp), "request_timestamp integer");
      assert.ok(Math.abs(inner.request_timestamp - Date.now() * 1000) < 30_000_000, "request_timestamp near now");
      assert.equal("data" in inner, false, "not wrapped in data");
      const s = await getStats(ctx.sandboxUrl, t.apiKey);
      assert.equal(Number(s.requests), 1);
    },
  },
  {
    name: "client: fetch option accepts the unbound global fetch",
    fn: async (ctx) => {
      const { assert } = ctx;
      const t = await createTenant(ctx.sandboxUrl, { masterBalance: "100.00" });
      const client = newClient(ctx, t, { fetch: globalThis.fetch });
      dataOf(assert, await client.request("/master/balance", {}));
    },
  },
  {
    name: "client: Idempotency-Key is a UUIDv4, identical across retries, fresh timestamp per attempt",
    fn: async (ctx) => {
      const { assert, sdk } = ctx;
      const t = await createTenant(ctx.sandboxUrl, { masterBalance: "100.00" });
      const calls = [];
      const client = newClient(ctx, t, { fetch: recordingFetch(calls) });
      await addFault(ctx.sandboxUrl, t.apiKey, { path: "/cards/create", status: 503, count: 2, when: "before" });
      await createCard(ctx, client);
      assert.equal(calls.length, 3, "two retries");
      const keys = calls.map((c) => c.headers.get("idempotency-key"));
      assert.match(keys[0], UUID_V4, "UUIDv4");
      assert.ok(keys.every((k) => k === keys[0]), `same key on every attempt: ${keys.join(", ")}`);
      const stamps = calls.map((c) => sdk.openEnvelope(t.encryptionKey, JSON.parse(c.body)).request_timestamp);
      assert.equal(new Set(stamps).size, 3, `fresh request_timestamp per attempt: ${stamps.join(", ")}`);
      // two separate calls get two different keys
      calls.length = 0;
      await createCard(ctx, client);
      assert.match(calls[0].headers.get("idempotency-key"), UUID_V4);
      assert.notEqual(calls[0].headers.get("idempotency-key"), keys[0], "a new key per call");
      // the generic request() path also gets one for /cards/create
      calls.length = 0;
      dataOf(assert, await client.request("/cards/create", { external_user_id: uniqueId("user") }));
      assert.match(calls[0].headers.get("idempotency-key") || "", UUID_V4, "request('/cards/create') gets a generated key");
    },
  },
  {
    name: "client: caller's idempotencyKey wins and is reused on retry",
    fn: async (ctx) => {
      const { assert } = ctx;
      const t = await createTenant(ctx.sandboxUrl, { masterBalance: "100.00" });
      const calls = [];
      const client = newClient(ctx, t, { fetch: recordingFetch(calls) });
      await addFault(ctx.sandboxUrl, t.apiKey, { path: "/cards/create", status: 502, count: 1, when: "after" });
      const key = "order-" + uniqueId("k");
      dataOf(assert, await client.cards.create({ external_user_id: uniqueId("user"), amount: "10.00" }, { idempotencyKey: key }));
      assert.equal(calls.length, 2);
      assert.equal(calls[0].headers.get("idempotency-key"), key);
      assert.equal(calls[1].headers.get("idempotency-key"), key);
      const s = await getStats(ctx.sandboxUrl, t.apiKey);
      assert.equal(money(s.masterBalance), "90.00", "debited once");
    },
  },
];

export { recordingFetch, signalOnlyFetch, hangingFetch, describeFetchCall, newClient, dataOf, apiPath };
