// EnvelopeClient against the seismic-sandbox: abort/timeout, Retry-After, network errors, the
// custom fetch hook and the Idempotency-Key it sends.
// Every test creates its own tenant, so tests are independent and may run in any order.
import { createTenant, addFault, getStats, uniqueId } from "./sandbox.mjs";
import { recordingFetch } from "./recording-fetch.mjs";
import { UUID_V4, newClient, dataOf, money, hangingFetch, signalOnlyFetch, typedError, createCard, sleep, rejectsWithin } from "./envelope-client-support.mjs";

export const tests = [
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
