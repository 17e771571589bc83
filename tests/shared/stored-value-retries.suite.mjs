// StoredValueClient against the seismic-sandbox: idempotent retries, Retry-After, network
// errors, abort and timeout.
// Every sandbox test creates its own tenant. The API key is secret: these tests run in Node and
// workerd.
import { createSvTenant, addSvFault, getSvStats, freshCardNumber } from "./stored-value-sandbox.mjs";
import { uniqueId } from "./sandbox.mjs";
import { recordingFetch } from "./recording-fetch.mjs";
import { SERVER, UUID_V4, CARD_A, svClient, svError, typedError, statsDelta, checkTransactionResult, balanceOf, within } from "./stored-value-support.mjs";

const serverTests = [
  // --- idempotency and retries ----------------------------------------------------------------
  {
    name: "stored value: lost reload response (502 after processing) is retried with the same body idempotencyKey, reloaded once",
    fn: async (ctx) => {
      const { assert } = ctx;
      const t = await createSvTenant(ctx.sandboxUrl);
      const calls = [];
      const client = svClient(ctx, t, { fetch: recordingFetch(calls) });
      const before = await getSvStats(ctx.sandboxUrl, t.apiKey);
      await addSvFault(ctx.sandboxUrl, t.apiKey, { path: "/v2/transactions", status: 502, count: 1, when: "after" });
      const r = await client.transactions.reload({ cardNumber: CARD_A, amount: "10.00" });
      checkTransactionResult(ctx, r, { method: "reload", amount: "10.00", cardNumber: CARD_A });
      const d = await statsDelta(ctx, t, before);
      assert.equal(d.requests, 2, "stats.requests: the original + one retry");
      assert.equal(d.transactions, 1, "stats.transactions: one reload");
      assert.equal(d.stats.cards[CARD_A], "110.00", "stats: balance increased once");
      assert.equal(calls.length, 2, "two fetch calls");
      const k0 = calls[0].json && calls[0].json.idempotencyKey;
      assert.match(k0, UUID_V4, "generated idempotencyKey in the body is a UUIDv4");
      assert.equal(calls[1].json.idempotencyKey, k0, "the retry carries the same idempotencyKey");
      const { idempotencyKey: _a, ...first } = calls[0].json;
      const { idempotencyKey: _b, ...second } = calls[1].json;
      assert.deepEqual(second, first, "the retry sends the same body");
      for (const c of calls) assert.equal(c.headers.get("idempotency-key"), null, "no Idempotency-Key header (the key travels in the body)");
      assert.equal(await balanceOf(ctx, client, CARD_A), "110.00", "info: balance increased once");
    },
  },
  {
    name: "stored value: lost create response (502 after) returns the card once; lost redeem and cancel responses too",
    fn: async (ctx) => {
      const { assert } = ctx;
      const t = await createSvTenant(ctx.sandboxUrl);
      const calls = [];
      const client = svClient(ctx, t, { fetch: recordingFetch(calls) });
      const number = freshCardNumber();
      await addSvFault(ctx.sandboxUrl, t.apiKey, { path: "/v2/stored-value", status: 502, count: 1, when: "after" });
      const created = await client.giftCards.create({ amount: "30.00", cardNumber: number });
      assert.equal(created.cardNumber, number, "create succeeded (no 21 Card Already Issued on the retry)");
      assert.equal(calls.length, 2, "create retried once");
      assert.equal(calls[1].json.idempotencyKey, calls[0].json.idempotencyKey, "same key");
      await addSvFault(ctx.sandboxUrl, t.apiKey, { path: "/v2/transactions", status: 504, count: 1, when: "after" });
      const red = await client.transactions.redeem({ cardNumber: number, amount: "10.00" });
      assert.equal(red.status, "01");
      assert.equal(await balanceOf(ctx, client, number), "20.00", "redeemed once");
      await addSvFault(ctx.sandboxUrl, t.apiKey, { path: "/v2/transactions", status: 503, count: 1, when: "after" });
      const c = await client.transactions.cancel({ transactionId: red.transactionId, amount: "10.00" });
      assert.equal(c.status, "107", "cancel retried gets the original answer, not 107-already-cancelled error");
      assert.equal(await balanceOf(ctx, client, number), "30.00", "restored once");
    },
  },
  {
    name: "stored value: caller's idempotencyKey wins: in the body on every attempt; a replay returns the same transaction",
    fn: async (ctx) => {
      const { assert } = ctx;
      const t = await createSvTenant(ctx.sandboxUrl);
      const calls = [];
      const client = svClient(ctx, t, { fetch: recordingFetch(calls) });
      const key = `order-${uniqueId("k")}`;
      await addSvFault(ctx.sandboxUrl, t.apiKey, { path: "/v2/transactions", status: 502, count: 1, when: "after" });
      const r1 = await client.transactions.reload({ cardNumber: CARD_A, amount: "5.00" }, { idempotencyKey: key });
      assert.equal(calls.length, 2, "retried once");
      assert.equal(calls[0].json.idempotencyKey, key, "first attempt carries the caller's key");
      assert.equal(calls[1].json.idempotencyKey, key, "retry carries the caller's key");
      const r2 = await client.transactions.reload({ cardNumber: CARD_A, amount: "5.00" }, { idempotencyKey: key });
      assert.equal(calls[2].json.idempotencyKey, key, "second call carries the caller's key");
      assert.equal(r2.transactionId, r1.transactionId, "the replay answers the original transaction");
      const s = await getSvStats(ctx.sandboxUrl, t.apiKey);
      assert.equal(s.cards[CARD_A], "105.00", "reloaded once");
      assert.equal(Number(s.transactions), 1, "one transaction");
      const number = freshCardNumber();
      await client.giftCards.create({ amount: "1.00", cardNumber: number }, { idempotencyKey: `${key}-create` });
      assert.equal(calls[3].json.idempotencyKey, `${key}-create`, "create: caller's key");
      await client.transactions.redeem({ cardNumber: number, amount: "1.00" }, { idempotencyKey: `${key}-redeem` });
      assert.equal(calls[4].json.idempotencyKey, `${key}-redeem`, "redeem: caller's key");
    },
  },
  {
    name: "stored value: generated idempotencyKey: UUIDv4 in the body of create/reload/redeem/cancel, fresh per call; none on reads",
    fn: async (ctx) => {
      const { assert } = ctx;
      const t = await createSvTenant(ctx.sandboxUrl);
      const calls = [];
      const client = svClient(ctx, t, { fetch: recordingFetch(calls) });
      const number = freshCardNumber();
      await client.giftCards.create({ amount: "50.00", cardNumber: number });
      const r1 = await client.transactions.reload({ cardNumber: number, amount: "1.00" });
      await client.transactions.reload({ cardNumber: number, amount: "1.00" });
      await client.transactions.redeem({ cardNumber: number, amount: "1.00" });
      await client.transactions.cancel({ transactionId: r1.transactionId, amount: "1.00" });
      const writes = calls.slice(0, 5);
      const keys = writes.map((c) => c.json && c.json.idempotencyKey);
      keys.forEach((k, i) => assert.match(k, UUID_V4, `write #${i + 1} (${writes[i].json && writes[i].json.method}) has a UUIDv4 idempotencyKey`));
      assert.equal(new Set(keys).size, 5, `a fresh key per call: ${keys.join(", ")}`);
      assert.equal(await balanceOf(ctx, client, number), "50.00", "50 + 1 + 1 - 1 - 1");
      calls.length = 0;
      await client.giftCards.info({ cardNumber: number });
      await client.transactions.list({ count: 1 });
      const listed = await client.transactions.list({ count: 1 });
      await client.transactions.get({ id: listed.data[0].id });
      await client.binLookup({ bin: "411111" });
      await client.giftCards.delete({ cardNumber: number });
      assert.equal(calls.length, 6);
      assert.ok(!("idempotencyKey" in (calls[0].json || {})), `info sends no idempotencyKey: ${calls[0].body}`);
      for (const c of calls) {
        assert.equal(c.headers.get("idempotency-key"), null, `${c.method} ${c.url}: no Idempotency-Key header`);
        if (c.method === "GET") assert.equal(c.body, undefined, `${c.method} ${c.url}: no body`);
        assert.ok(!c.url.includes("idempotencyKey"), `${c.url}: no key in the URL`);
      }
    },
  },
  {
    name: "stored value: 408, 429, 502, 503 and 504 are retried for info, GET and DELETE",
    fn: async (ctx) => {
      const { assert } = ctx;
      const t = await createSvTenant(ctx.sandboxUrl);
      const client = svClient(ctx, t);
      for (const status of [408, 429, 502, 503, 504]) {
        const before = await getSvStats(ctx.sandboxUrl, t.apiKey);
        await addSvFault(ctx.sandboxUrl, t.apiKey, { path: "/v2/stored-value/info", status, count: 1, when: "before" });
        const info = await client.giftCards.info({ cardNumber: CARD_A });
        assert.equal(info.amount, "100.00", `info after a ${status}`);
        assert.equal((await statsDelta(ctx, t, before)).requests, 2, `info retried once after ${status}`);
      }
      let before = await getSvStats(ctx.sandboxUrl, t.apiKey);
      await addSvFault(ctx.sandboxUrl, t.apiKey, { path: "/v2/transactions", status: 503, count: 2, when: "before" });
      const page = await client.transactions.list();
      assert.equal(page.total, 0, "list answered");
      assert.equal((await statsDelta(ctx, t, before)).requests, 3, "list retried twice");

      const r = await client.transactions.reload({ cardNumber: CARD_A, amount: "1.00" });
      const [tx] = (await client.transactions.list({ count: 1 })).data;
      assert.equal(tx.transId, r.transactionId);
      before = await getSvStats(ctx.sandboxUrl, t.apiKey);
      await addSvFault(ctx.sandboxUrl, t.apiKey, { path: `/v2/transactions/${tx.id}`, status: 502, count: 1, when: "after" });
      const got = await client.transactions.get({ id: tx.id });
      assert.equal(got.id, tx.id, "get after a lost response");
      assert.equal((await statsDelta(ctx, t, before)).requests, 2, "get retried once");

      const number = freshCardNumber();
      await client.giftCards.create({ amount: "3.00", cardNumber: number });
      before = await getSvStats(ctx.sandboxUrl, t.apiKey);
      await addSvFault(ctx.sandboxUrl, t.apiKey, { path: `/v2/stored-value/${number}`, status: 503, count: 1, when: "before" });
      const del = await client.giftCards.delete({ cardNumber: number });
      assert.equal(del.cardNumber, number, "delete after a 503");
      assert.equal((await statsDelta(ctx, t, before)).requests, 2, "delete retried once");
    },
  },
  {
    name: "stored value: Retry-After on a 429 is honoured before the retry",
    fn: async (ctx) => {
      const { assert } = ctx;
      const t = await createSvTenant(ctx.sandboxUrl);
      const stamps = [];
      const client = svClient(ctx, t, {
        fetch: (input, init) => {
          stamps.push(Date.now());
          return globalThis.fetch(input, init);
        },
      });
      await addSvFault(ctx.sandboxUrl, t.apiKey, { path: "/v2/transactions", status: 429, count: 1, when: "before", retryAfter: 1 });
      const r = await client.transactions.reload({ cardNumber: CARD_A, amount: "1.00" });
      assert.equal(r.status, "01");
      assert.equal(stamps.length, 2, "one retry");
      assert.ok(stamps[1] - stamps[0] >= 900, `waited ${stamps[1] - stamps[0]} ms (Retry-After: 1)`);
    },
  },
  {
    name: "stored value: 500 and 4xx answers are not retried; retries stop after maxRetries (default 2, 0 disables)",
    fn: async (ctx) => {
      const { assert } = ctx;
      const t = await createSvTenant(ctx.sandboxUrl);
      const client = svClient(ctx, t);
      let before = await getSvStats(ctx.sandboxUrl, t.apiKey);
      await addSvFault(ctx.sandboxUrl, t.apiKey, { path: "/v2/transactions", status: 500, count: 1, when: "before" });
      await assert.rejects(client.transactions.reload({ cardNumber: CARD_A, amount: "1.00" }), svError(ctx, { status: 500 }), "500");
      assert.equal((await statsDelta(ctx, t, before)).requests, 1, "500 not retried");

      before = await getSvStats(ctx.sandboxUrl, t.apiKey);
      await assert.rejects(client.giftCards.create({ amount: "1.00", cardNumber: CARD_A }), svError(ctx, { status: 422, statusCode: "21" }), "422");
      assert.equal((await statsDelta(ctx, t, before)).requests, 1, "422 not retried");

      before = await getSvStats(ctx.sandboxUrl, t.apiKey);
      await addSvFault(ctx.sandboxUrl, t.apiKey, { path: "/v2/transactions", status: 503, count: 50, when: "before" });
      await assert.rejects(client.transactions.reload({ cardNumber: CARD_A, amount: "1.00" }), svError(ctx, { status: 503 }), "default gives up with the 503");
      assert.equal((await statsDelta(ctx, t, before)).requests, 3, "1 attempt + 2 retries");
      before = await getSvStats(ctx.sandboxUrl, t.apiKey);
      await assert.rejects(svClient(ctx, t, { maxRetries: 0 }).transactions.reload({ cardNumber: CARD_A, amount: "1.00" }), svError(ctx, { status: 503 }));
      assert.equal((await statsDelta(ctx, t, before)).requests, 1, "maxRetries: 0 -> one attempt");
      before = await getSvStats(ctx.sandboxUrl, t.apiKey);
      await assert.rejects(svClient(ctx, t, { maxRetries: 0 }).transactions.list(), svError(ctx, { status: 503 }));
      assert.equal((await statsDelta(ctx, t, before)).requests, 1, "maxRetries: 0 on a GET -> one attempt");
      const s = await getSvStats(ctx.sandboxUrl, t.apiKey);
      assert.equal(s.cards[CARD_A], "100.00", "nothing reloaded");
    },
  },
  {
    name: "stored value: network errors -> NetworkError after the retries, same idempotencyKey on each attempt",
    fn: async (ctx) => {
      const { assert } = ctx;
      const t = await createSvTenant(ctx.sandboxUrl);
      const calls = [];
      const down = async () => {
        throw new TypeError("fetch failed");
      };
      const c1 = svClient(ctx, t, { fetch: recordingFetch(calls, down) });
      await assert.rejects(c1.transactions.reload({ cardNumber: CARD_A, amount: "1.00" }), typedError(ctx, "NetworkError"));
      assert.equal(calls.length, 3, "1 attempt + 2 retries");
      assert.ok(calls.every((c) => c.json.idempotencyKey === calls[0].json.idempotencyKey), "same key on every attempt");
      calls.length = 0;
      await assert.rejects(c1.giftCards.info({ cardNumber: CARD_A }), typedError(ctx, "NetworkError"));
      assert.equal(calls.length, 3, "info retried too");
      calls.length = 0;
      let n = 0;
      const flaky = (input, init) => (n++ === 0 ? Promise.reject(new TypeError("fetch failed")) : globalThis.fetch(input, init));
      const c2 = svClient(ctx, t, { fetch: recordingFetch(calls, flaky) });
      const r = await c2.transactions.reload({ cardNumber: CARD_A, amount: "2.00" });
      assert.equal(r.status, "01");
      assert.equal(calls.length, 2);
      assert.equal(calls[1].json.idempotencyKey, calls[0].json.idempotencyKey, "same key after a network error");
      assert.equal(await balanceOf(ctx, c2, CARD_A), "102.00");
    },
  },
  {
    name: "stored value: AbortSignal and timeoutMs -> AbortError / TimeoutError",
    fn: async (ctx) => {
      const { assert } = ctx;
      const t = await createSvTenant(ctx.sandboxUrl);
      const calls = [];
      const client = svClient(ctx, t, { fetch: recordingFetch(calls) });
      await assert.rejects(client.transactions.reload({ cardNumber: CARD_A, amount: "1.00" }, { signal: AbortSignal.abort() }), typedError(ctx, "AbortError"));
      await assert.rejects(client.giftCards.info({ cardNumber: CARD_A }, { signal: AbortSignal.abort() }), typedError(ctx, "AbortError"));
      assert.equal(calls.length, 0, "nothing sent with an aborted signal");
      const hanging = svClient(ctx, t, { fetch: () => new Promise(() => {}), timeoutMs: 150, maxRetries: 0 });
      const started = Date.now();
      await within(5000, assert.rejects(hanging.giftCards.info({ cardNumber: CARD_A }), typedError(ctx, "TimeoutError")), "info with timeoutMs 150");
      assert.ok(Date.now() - started < 5000, "timed out promptly");
      const s = await getSvStats(ctx.sandboxUrl, t.apiKey);
      assert.equal(s.cards[CARD_A], "100.00", "nothing reloaded");
    },
  },
];

export const tests = serverTests.map((t) => ({ runtimes: SERVER, ...t }));
