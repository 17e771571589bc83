// SeismicCardsClient against the seismic-sandbox: OAuth (reuse, renewal, 40399, empty tokens,
// concurrency, a shared token cache).
// Every sandbox test creates its own program (tenant). The client secret is server-side only:
// these tests run in Node and workerd.
import { recordingFetch } from "./recording-fetch.mjs";
import { createCardsTenant, revokeTokens, getCardsStats } from "./cards-sandbox.mjs";
import { SERVER, cardsClient, callsTo, apiCalls, validation, cardsError, settled, within, expectClose } from "./cards-support.mjs";

const oauthTests = [
  {
    name: "cards oauth: the token is fetched once and reused (stats.authorizeCalls === 1 after several calls)",
    fn: async (ctx) => {
      const { assert } = ctx;
      const t = await createCardsTenant(ctx.sandboxUrl);
      const calls = [];
      const client = cardsClient(ctx, t, { fetch: recordingFetch(calls) });
      for (let i = 0; i < 5; i++) await client.bins.list({ accountId: t.parentAccountId });
      await client.wallets.list({ accountId: t.merchantId });
      const s = await getCardsStats(ctx.sandboxUrl, t.clientId);
      assert.equal(s.authorizeCalls, 1, "authorizeCalls");
      assert.equal(s.tokenCalls, 1, "tokenCalls");
      assert.equal(s.requests, 8, "2 OAuth + 6 API requests");
      const tokens = new Set(apiCalls(calls).map((c) => c.headers.get("x-access-token")));
      assert.equal(tokens.size, 1, "one token on every call");
    },
  },
  {
    name: "cards oauth: a token within 60 s of expiry is renewed before the call (tokenTtlSeconds 30 -> one flow per call; 120 -> one)",
    fn: async (ctx) => {
      const { assert } = ctx;
      const short = await createCardsTenant(ctx.sandboxUrl, { tokenTtlSeconds: 30 });
      const c1 = cardsClient(ctx, short);
      for (let i = 0; i < 3; i++) await c1.bins.list({ accountId: short.parentAccountId });
      const s1 = await getCardsStats(ctx.sandboxUrl, short.clientId);
      assert.equal(s1.authorizeCalls, 3, "TTL 30 s is always within 60 s of expiry: renewed on each call");
      assert.equal(s1.tokenCalls, 3);
      const longer = await createCardsTenant(ctx.sandboxUrl, { tokenTtlSeconds: 120 });
      const c2 = cardsClient(ctx, longer);
      for (let i = 0; i < 3; i++) await c2.bins.list({ accountId: longer.parentAccountId });
      assert.equal((await getCardsStats(ctx.sandboxUrl, longer.clientId)).authorizeCalls, 1, "TTL 120 s: reused");
    },
  },
  {
    name: "cards oauth: 40399 (token revoked) -> renewed once and the call retried once; it succeeds with exactly one more authorize",
    fn: async (ctx) => {
      const { assert } = ctx;
      const t = await createCardsTenant(ctx.sandboxUrl);
      const calls = [];
      const client = cardsClient(ctx, t, { fetch: recordingFetch(calls) });
      await client.bins.list({ accountId: t.parentAccountId });
      const oldToken = calls[2].headers.get("x-access-token");
      const revoked = await revokeTokens(ctx.sandboxUrl, t.clientId);
      assert.ok(revoked.ok, "revoked");
      calls.length = 0;
      const bins = await client.bins.list({ accountId: t.parentAccountId });
      assert.ok(bins.list.length > 0, "the call succeeded");
      assert.deepEqual(
        calls.map((c) => `${c.method} ${c.path} ${c.status}`),
        ["GET /v1/card/bins 403", "GET /v1/oauth/authorize 200", "POST /v1/oauth/access-token 200", "GET /v1/card/bins 200"],
        "403, renew, retry",
      );
      assert.equal(calls[0].headers.get("x-access-token"), oldToken, "first with the revoked token");
      assert.notEqual(calls[3].headers.get("x-access-token"), oldToken, "retried with the new token");
      const s = await getCardsStats(ctx.sandboxUrl, t.clientId);
      assert.equal(s.authorizeCalls, 2, "exactly one more authorize");
      // Later calls keep the renewed token.
      calls.length = 0;
      await client.bins.list({ accountId: t.parentAccountId });
      assert.equal(calls.length, 1, "no further renewal");
    },
  },
  {
    name: "cards oauth: a persistent 40399 surfaces as CardsApiError 40399 after one renewal and one retry (no loop)",
    fn: async (ctx) => {
      const { assert } = ctx;
      const t = await createCardsTenant(ctx.sandboxUrl);
      const calls = [];
      // Every API call carries a bogus token (as if the renewed one were refused too).
      const bogus = async (input, init) => {
        if (!String(input).includes("/v1/oauth/")) {
          const headers = new Headers(init.headers);
          headers.set("x-access-token", "0".repeat(40));
          init = { ...init, headers };
        }
        return globalThis.fetch(input, init);
      };
      const client = cardsClient(ctx, t, { fetch: recordingFetch(calls, bogus) });
      await assert.rejects(client.bins.list({ accountId: t.parentAccountId }), cardsError(ctx, { code: "40399", httpStatus: 403 }), "40399 surfaced");
      assert.equal(callsTo(calls, "GET", "/v1/card/bins").length, 2, "the call is tried twice");
      const s = await getCardsStats(ctx.sandboxUrl, t.clientId);
      assert.equal(s.authorizeCalls, 2, "initial flow + one renewal");
    },
  },
  {
    name: "cards oauth: an empty accessToken from the exchange re-runs both steps once; twice empty is an error",
    fn: async (ctx) => {
      const { assert, sdk } = ctx;
      const t = await createCardsTenant(ctx.sandboxUrl);
      // Spoil the first `spoil` exchanges: a used/unknown code -> "000000" with accessToken "".
      const spoiling = (spoil) => {
        let n = 0;
        return async (input, init) => {
          if (String(input).endsWith("/v1/oauth/access-token") && n++ < spoil) {
            const body = JSON.parse(init.body);
            body.code = "f".repeat(32);
            init = { ...init, body: JSON.stringify(body) };
          }
          return globalThis.fetch(input, init);
        };
      };
      const calls = [];
      const client = cardsClient(ctx, t, { fetch: recordingFetch(calls, spoiling(1)) });
      await client.bins.list({ accountId: t.parentAccountId });
      assert.deepEqual(
        calls.map((c) => `${c.method} ${c.path}`),
        ["GET /v1/oauth/authorize", "POST /v1/oauth/access-token", "GET /v1/oauth/authorize", "POST /v1/oauth/access-token", "GET /v1/card/bins"],
        "both steps re-run once",
      );
      assert.match(calls[4].headers.get("x-access-token") || "", /^[0-9a-f]{40}$/, "a real token, not the empty one");
      const t2 = await createCardsTenant(ctx.sandboxUrl);
      const calls2 = [];
      const broken = cardsClient(ctx, t2, { fetch: recordingFetch(calls2, spoiling(100)) });
      const r = await settled(broken.bins.list({ accountId: t2.parentAccountId }));
      assert.ok("error" in r, `resolved with ${assert.show(r.value)}`);
      assert.ok(r.error instanceof sdk.SeismicError, `a SeismicError: ${assert.show(r.error)}`);
      assert.equal(callsTo(calls2, "GET", "/v1/card/bins").length, 0, "the API call is not sent without a token");
      assert.equal(callsTo(calls2, "GET", "/v1/oauth/authorize").length, 2, "two flows, then give up");
      assert.equal(callsTo(calls2, "POST", "/v1/oauth/access-token").length, 2);
      assert.ok(!r.error.message.includes(t2.clientSecret), "the secret is not in the message");
    },
  },
  {
    name: "cards oauth: 20 parallel calls on a fresh client share one token flow (authorizeCalls === 1)",
    fn: async (ctx) => {
      const { assert } = ctx;
      const t = await createCardsTenant(ctx.sandboxUrl);
      const calls = [];
      const client = cardsClient(ctx, t, { fetch: recordingFetch(calls) });
      const results = await within(30000, Promise.all(Array.from({ length: 20 }, (_, i) => (i % 2 ? client.bins.list({ accountId: t.parentAccountId }) : client.wallets.list({ accountId: t.merchantId })))), "20 parallel calls");
      assert.equal(results.length, 20);
      const s = await getCardsStats(ctx.sandboxUrl, t.clientId);
      assert.equal(s.authorizeCalls, 1, "authorizeCalls");
      assert.equal(s.tokenCalls, 1, "tokenCalls");
      assert.equal(new Set(apiCalls(calls).map((c) => c.headers.get("x-access-token"))).size, 1, "one token");
      // After a revocation, 10 parallel calls all hit 40399 and still share one renewal.
      await revokeTokens(ctx.sandboxUrl, t.clientId);
      await within(30000, Promise.all(Array.from({ length: 10 }, () => client.bins.list({ accountId: t.parentAccountId }))), "10 parallel calls after revocation");
      assert.equal((await getCardsStats(ctx.sandboxUrl, t.clientId)).authorizeCalls, 2, "one shared renewal");
    },
  },
  {
    name: "cards oauth: a custom async tokenCache is used (set with { accessToken, expiresAt }); a second client with it makes no authorize call",
    fn: async (ctx) => {
      const { assert } = ctx;
      const t = await createCardsTenant(ctx.sandboxUrl);
      const store = new Map();
      const sets = [];
      let gets = 0;
      const cache = {
        get() {
          gets++;
          return Promise.resolve(store.get("cards-token") ?? null);
        },
        set(token) {
          sets.push(token);
          store.set("cards-token", { ...token });
          return Promise.resolve();
        },
      };
      const calls1 = [];
      const c1 = cardsClient(ctx, t, { tokenCache: cache, fetch: recordingFetch(calls1) });
      await c1.bins.list({ accountId: t.parentAccountId });
      assert.ok(gets >= 1, "get() consulted");
      assert.equal(sets.length, 1, "set() once");
      assert.deepEqual(Object.keys(sets[0]).sort(), ["accessToken", "expiresAt"], "token data only");
      assert.match(sets[0].accessToken, /^[0-9a-f]{40}$/, "accessToken");
      expectClose(ctx, sets[0].expiresAt, Date.now() + 86_400_000, 15_000, "expiresAt (ms) ≈ now + 24 h");
      assert.equal(callsTo(calls1, "GET", "/v1/card/bins")[0].headers.get("x-access-token"), sets[0].accessToken, "the cached token is the one sent");
      const calls2 = [];
      const c2 = cardsClient(ctx, t, { tokenCache: cache, fetch: recordingFetch(calls2) });
      await c2.bins.list({ accountId: t.parentAccountId });
      await c2.wallets.list({ accountId: t.merchantId });
      assert.equal(callsTo(calls2, "GET", "/v1/oauth/authorize").length, 0, "second client: no authorize");
      assert.ok(apiCalls(calls2).every((c) => c.headers.get("x-access-token") === sets[0].accessToken), "second client sends the shared token");
      const s = await getCardsStats(ctx.sandboxUrl, t.clientId);
      assert.equal(s.authorizeCalls, 1, "one flow for both clients");
      assert.equal(sets.length, 1, "no second set()");
      // A cached token that is expired (or within 60 s of expiry) is replaced, and the new one stored.
      store.set("cards-token", { accessToken: sets[0].accessToken, expiresAt: Date.now() + 30_000 });
      const c3 = cardsClient(ctx, t, { tokenCache: cache });
      await c3.bins.list({ accountId: t.parentAccountId });
      assert.equal((await getCardsStats(ctx.sandboxUrl, t.clientId)).authorizeCalls, 2, "near-expiry cached token renewed");
      assert.equal(sets.length, 2, "the renewed token is stored");
      assert.notEqual(sets[1].accessToken, sets[0].accessToken);
      // A cached token the API refuses (revoked) -> 40399 -> renewed and stored.
      await revokeTokens(ctx.sandboxUrl, t.clientId);
      const c4 = cardsClient(ctx, t, { tokenCache: cache });
      await c4.bins.list({ accountId: t.parentAccountId });
      assert.equal((await getCardsStats(ctx.sandboxUrl, t.clientId)).authorizeCalls, 3, "revoked cached token renewed");
      assert.equal(sets.length, 3, "and stored");
    },
  },
  {
    name: "cards oauth: a synchronous tokenCache works too; a throwing one surfaces as ValidationError config.tokenCache.get",
    fn: async (ctx) => {
      const { assert } = ctx;
      const t = await createCardsTenant(ctx.sandboxUrl);
      let saved = null;
      const cache = { get: () => saved, set: (tok) => void (saved = tok) };
      await cardsClient(ctx, t, { tokenCache: cache }).bins.list({ accountId: t.parentAccountId });
      await cardsClient(ctx, t, { tokenCache: cache }).bins.list({ accountId: t.parentAccountId });
      assert.ok(saved && saved.accessToken, "set() called");
      assert.equal((await getCardsStats(ctx.sandboxUrl, t.clientId)).authorizeCalls, 1, "shared through the sync cache");
      const throwing = cardsClient(ctx, t, {
        tokenCache: {
          get() {
            throw new Error("redis down");
          },
          set() {},
        },
      });
      await assert.rejects(throwing.bins.list({ accountId: t.parentAccountId }), validation(ctx, "config.tokenCache.get"), "get() throws");
      assert.throws(() => cardsClient(ctx, t, { tokenCache: { get() {} } }), validation(ctx, "config.tokenCache"), "set missing");
    },
  },
];

export const tests = oauthTests.map((t) => ({ runtimes: SERVER, ...t }));
