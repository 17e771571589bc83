// EnvelopeClient against the seismic-sandbox: success paths, idempotency, retries, replay
// protection, parallel requests and clock skew.
// Every test creates its own tenant, so tests are independent and may run in any order.
import { createTenant, setClock, addFault, getStats, rawPost, uniqueId } from "./sandbox.mjs";
import { randomBytes } from "./vectors.mjs";
import { recordingFetch } from "./recording-fetch.mjs";
import { UUID_V4, newClient, dataOf, money, orderCount, requestsSince, apiError, createCard } from "./envelope-client-support.mjs";

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
];
