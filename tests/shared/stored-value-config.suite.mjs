// StoredValueClient: configuration (baseUrl/environment, STORED_VALUE_STATUS, path encoding,
// parallel calls, abort, non-JSON errors) against the seismic-sandbox. The API key is secret, so
// the client refuses to run in a browser page unless told to: the configuration tests run in
// Node and workerd, plus two browser-only tests of that refusal.
import { createSvTenant, getSvStats } from "./stored-value-sandbox.mjs";
import { recordingFetch } from "./recording-fetch.mjs";
import {
  SERVER,
  CARD_A,
  CARD_B,
  SPEC_STATUS,
  svClient,
  base,
  cannedFetch,
  BIN_ANSWER,
  validation,
  svError,
  typedError,
  checkTransactionResult,
  balanceOf,
  within,
} from "./stored-value-support.mjs";

const serverTests = [
  // --- configuration --------------------------------------------------------------------------
  {
    name: "stored value: constructor: exactly one of baseUrl/environment; plain http only on loopback",
    fn: async (ctx) => {
      const { assert, sdk } = ctx;
      const C = sdk.StoredValueClient;
      assert.equal(typeof C, "function", "StoredValueClient exported");
      new C({ apiKey: "k", baseUrl: "https://api.example.test" });
      new C({ apiKey: "k", environment: "sandbox" });
      new C({ apiKey: "k", environment: "production" });
      new C({ apiKey: "k", baseUrl: "http://127.0.0.1:9" });
      new C({ apiKey: "k", baseUrl: "http://[::1]:9" });
      new C({ apiKey: "k", baseUrl: "https://api.example.test", fetch: globalThis.fetch, maxRetries: 0, timeoutMs: 1000, dangerouslyAllowBrowser: true });
      assert.throws(() => new C({ apiKey: "k" }), validation(ctx, "config.baseUrl"), "neither baseUrl nor environment");
      assert.throws(() => new C({ apiKey: "k", baseUrl: "https://api.example.test", environment: "sandbox" }), validation(ctx, "config.baseUrl"), "both");
      assert.throws(() => new C({ apiKey: "k", baseUrl: "http://api.example.test" }), validation(ctx, "config.baseUrl"), "plain http off loopback");
      assert.throws(() => new C({ apiKey: "k", baseUrl: "http://sandbox.seamlesspay.com" }), validation(ctx, "config.baseUrl"), "plain http to the real sandbox");
      assert.throws(() => new C({ apiKey: "k", baseUrl: "not a url" }), validation(ctx, "config.baseUrl"), "not a URL");
      assert.throws(() => new C({ apiKey: "k", environment: "staging" }), validation(ctx, /^config\.environment$/), "unknown environment");
      assert.throws(() => new C({ apiKey: "", environment: "sandbox" }), validation(ctx, "config.apiKey"), "empty apiKey");
      assert.throws(() => new C({ environment: "sandbox" }), validation(ctx, "config.apiKey"), "missing apiKey");
    },
  },
  {
    name: "stored value: environment sandbox/production select the documented API origins",
    fn: async (ctx) => {
      const { assert, sdk } = ctx;
      const cases = [
        [{ environment: "sandbox" }, "https://sandbox.seamlesspay.com"],
        [{ environment: "production" }, "https://api.seamlesspay.com"],
        [{ baseUrl: "https://gift.example.test/" }, "https://gift.example.test"],
      ];
      for (const [cfg, origin] of cases) {
        const calls = [];
        const bin = { ...BIN_ANSWER };
        const client = new sdk.StoredValueClient({ apiKey: "k", ...cfg, fetch: recordingFetch(calls, cannedFetch(bin)) });
        const r = await client.binLookup({ bin: "411111" });
        assert.deepEqual(r, bin, "canned answer passed through");
        assert.equal(calls[0].url, `${origin}/v2/bin-lookup/411111`, `${assert.show(cfg)}: bin lookup url`);
        const infoBody = { merchantId: "1", cardNumber: CARD_A, amount: "1.00", currency: "USD", cardStatus: "Active", createdAt: "2017-12-03T17:32:46.432Z" };
        const c2 = new sdk.StoredValueClient({ apiKey: "k", ...cfg, fetch: recordingFetch(calls, cannedFetch(infoBody)) });
        assert.deepEqual(await c2.giftCards.info({ cardNumber: CARD_A }), infoBody);
        assert.equal(calls[1].url, `${origin}/v2/stored-value/info`, `${assert.show(cfg)}: info url`);
      }
    },
  },
  {
    name: "stored value: STORED_VALUE_STATUS is the spec's status table",
    fn: async (ctx) => {
      const { assert, sdk } = ctx;
      const table = sdk.STORED_VALUE_STATUS;
      assert.ok(table && typeof table === "object", `STORED_VALUE_STATUS exported (got ${assert.show(table)})`);
      assert.equal(table["109"], "Additional payment required to complete transaction");
      assert.equal(table["01"], "Approval");
      assert.equal(table["21"], "Card Already Issued");
      const missing = Object.keys(SPEC_STATUS).filter((k) => table[k] !== SPEC_STATUS[k]);
      assert.ok(missing.length === 0, `entries differing from the spec: ${missing.map((k) => `${k}: ${assert.show(table[k])} (spec ${assert.show(SPEC_STATUS[k])})`).join("; ")}`);
      const extra = Object.keys(table).filter((k) => !(k in SPEC_STATUS));
      assert.deepEqual(extra, [], "no codes beyond the spec's table");
    },
  },

  {
    name: "stored value: ids with / ? # % stay one percent-encoded path segment (get)",
    fn: async (ctx) => {
      const { assert } = ctx;
      const t = await createSvTenant(ctx.sandboxUrl);
      const calls = [];
      const client = svClient(ctx, t, { fetch: recordingFetch(calls) });
      for (const id of ["GCT_x/../y?z#w", "../../__sandbox/stored-value/stats", "a%2Fb", "id with space"]) {
        calls.length = 0;
        await assert.rejects(client.transactions.get({ id }), svError(ctx, { status: 404, statusCode: "108" }), `get ${JSON.stringify(id)}`);
        assert.equal(calls.length, 1);
        const prefix = `${base(ctx)}/v2/transactions/`;
        assert.ok(calls[0].url.startsWith(prefix), `url ${calls[0].url}`);
        const segment = calls[0].url.slice(prefix.length);
        assert.ok(!/[/?# ]/.test(segment), `one segment, no raw / ? # or space: ${segment}`);
        assert.equal(decodeURIComponent(segment), id, "decodes to the id");
      }
    },
  },
  {
    name: "stored value: 20 parallel calls on one client all succeed, each reload applied once",
    fn: async (ctx) => {
      const { assert } = ctx;
      const t = await createSvTenant(ctx.sandboxUrl);
      const client = svClient(ctx, t);
      const jobs = [];
      for (let i = 0; i < 12; i++) jobs.push(client.transactions.reload({ cardNumber: CARD_A, amount: "1.00" }));
      for (let i = 0; i < 4; i++) jobs.push(client.giftCards.info({ cardNumber: CARD_B }));
      for (let i = 0; i < 4; i++) jobs.push(client.transactions.list({ count: 5 }));
      const results = await within(20000, Promise.allSettled(jobs), "20 parallel calls");
      const failed = results.filter((r) => r.status === "rejected");
      assert.equal(failed.length, 0, `rejections: ${failed.map((r) => assert.show(r.reason)).slice(0, 3).join("; ")}`);
      assert.equal(new Set(results.slice(0, 12).map((r) => r.value.transactionId)).size, 12, "12 distinct reloads");
      const s = await getSvStats(ctx.sandboxUrl, t.apiKey);
      assert.equal(s.cards[CARD_A], "112.00", "each reload applied once");
      assert.equal(Number(s.transactions), 12);
      assert.equal(Number(s.requests), 20, "no retries were needed");
    },
  },
  {
    name: "stored value: abort while the request is in flight -> AbortError",
    fn: async (ctx) => {
      const { assert } = ctx;
      const t = await createSvTenant(ctx.sandboxUrl);
      const signalOnly = (input, init = {}) =>
        new Promise((_, reject) => {
          const signal = init.signal;
          if (!signal) return;
          const fire = () => reject(signal.reason instanceof Error ? signal.reason : new DOMException("The operation was aborted.", "AbortError"));
          if (signal.aborted) fire();
          else signal.addEventListener("abort", fire, { once: true });
        });
      const client = svClient(ctx, t, { fetch: signalOnly, timeoutMs: 30000 });
      const ac = new AbortController();
      const started = Date.now();
      setTimeout(() => ac.abort(), 100);
      await within(5000, assert.rejects(client.transactions.reload({ cardNumber: CARD_A, amount: "1.00" }, { signal: ac.signal }), typedError(ctx, "AbortError")), "reload aborted in flight");
      assert.ok(Date.now() - started < 5000, "settled promptly");
    },
  },
  {
    name: "stored value: a non-JSON error answer (proxy HTML) -> StoredValueError with the HTTP status",
    fn: async (ctx) => {
      const { assert } = ctx;
      const html = async () => new Response("<html><body>502 Bad Gateway</body></html>", { status: 502, headers: { "content-type": "text/html" } });
      const client = new ctx.sdk.StoredValueClient({ apiKey: "k", baseUrl: "https://api.example.test", fetch: html, maxRetries: 0 });
      const e = await assert.rejects(client.giftCards.info({ cardNumber: CARD_A }), svError(ctx, { status: 502 }));
      assert.ok(e.statusCode === null || e.statusCode === undefined, `no statusCode (got ${assert.show(e.statusCode)})`);
      const plain = async () => new Response("Forbidden", { status: 403 });
      const c2 = new ctx.sdk.StoredValueClient({ apiKey: "k", baseUrl: "https://api.example.test", fetch: plain });
      await assert.rejects(c2.transactions.list(), svError(ctx, { status: 403 }));
    },
  },
];

const browserTests = [
  {
    name: "stored value (browser): the constructor refuses to run in a page without dangerouslyAllowBrowser",
    runtimes: ["browser"],
    fn: async (ctx) => {
      const { assert, sdk } = ctx;
      assert.ok(globalThis.window && globalThis.window.document, "this is a browser page");
      const C = sdk.StoredValueClient;
      assert.equal(typeof C, "function", "StoredValueClient exported");
      const F = "config.dangerouslyAllowBrowser";
      assert.throws(() => new C({ apiKey: "k", baseUrl: ctx.sandboxUrl }), validation(ctx, F), "baseUrl");
      assert.throws(() => new C({ apiKey: "k", environment: "production" }), validation(ctx, F), "environment production");
      assert.throws(() => new C({ apiKey: "k", environment: "sandbox", dangerouslyAllowBrowser: false }), validation(ctx, F), "dangerouslyAllowBrowser: false");
    },
  },
  {
    name: "stored value (browser): with dangerouslyAllowBrowser: true calls reach the sandbox (CORS, errors readable)",
    runtimes: ["browser"],
    fn: async (ctx) => {
      const { assert } = ctx;
      const t = await createSvTenant(ctx.sandboxUrl);
      const client = svClient(ctx, t, { dangerouslyAllowBrowser: true });
      assert.equal(await balanceOf(ctx, client, CARD_A), "100.00", "info");
      const r = await client.transactions.reload({ cardNumber: CARD_A, amount: "1.00" });
      checkTransactionResult(ctx, r, { method: "reload", amount: "1.00", cardNumber: CARD_A, merchantId: t.merchantId });
      const page = await client.transactions.list({ query: { transactionType: { $in: ["reload"] } } });
      assert.equal(page.total, 1, "list with a query");
      await assert.rejects(client.giftCards.create({ amount: "1.00", cardNumber: CARD_A }), svError(ctx, { status: 422, errorName: "Unprocessable", statusCode: "21" }));
      const s = await getSvStats(ctx.sandboxUrl, t.apiKey);
      assert.equal(s.cards[CARD_A], "101.00");
    },
  },
];

export const tests = [...serverTests.map((t) => ({ runtimes: SERVER, ...t })), ...browserTests];
