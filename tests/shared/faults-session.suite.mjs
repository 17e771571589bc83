// Sessions and credentials under faults: a transient refresh failure, one caller's abort and a
// slow refresh must not end a session; a refused token ends it exactly once; a wrong Cards
// secret costs one OAuth exchange however many calls wait on it. Each runs against the sandbox
// through a hostile origin of it (tests/shared/sandbox.mjs `hostileServer`) that fails or
// stalls the refresh while everything else passes through to the real API.
import { hostileServer } from "./sandbox.mjs";
import { createOrchestrationTenant, orchestrationStats, sleep } from "./orchestration-sandbox.mjs";
import { createCardsTenant, getCardsStats } from "./cards-sandbox.mjs";

const SERVER = ["node", "workerd"];
const REFRESH = "/api/v0/auth/refresh";

/** A logged-in tenant whose store holds a dead access token and a live refresh token. */
async function staleSession(ctx, hostileRules, extra = {}) {
  const { SeismicOrchestrationClient, memoryTokenStore } = ctx.sdk;
  const t = await createOrchestrationTenant(ctx.sandboxUrl, { kycDelayMs: 30 });
  const direct = new SeismicOrchestrationClient({ baseUrl: `${ctx.sandboxUrl}/api` });
  const pair = await direct.auth.login(t.email, t.password);
  // Seeded without expiry: only the 401 tells the client its token is stale.
  const store = memoryTokenStore({ access_token: "expired.access.token", refresh_token: pair.refresh_token });
  const h = await hostileServer(ctx.sandboxUrl, hostileRules);
  const failed = [];
  const api = new SeismicOrchestrationClient({
    baseUrl: `${h.origin}/api`,
    tokenStore: store,
    onRefreshFailed: () => failed.push(store.isAuthenticated()),
    ...extra,
  });
  return { t, pair, store, h, api, failed };
}

const refreshes = async (ctx, t) => (await orchestrationStats(ctx.sandboxUrl, t.orgId)).refreshCalls;

const transientRefresh = {
  name: "faults session: a refresh answered 503 is the callers' error; the session stays, onRefreshFailed is not fired, and the next call refreshes",
  fn: async (ctx) => {
    const { assert, sdk } = ctx;
    const s = await staleSession(ctx, [
      // Held a little, so that both callers' 401s find it running and share it.
      { path: REFRESH, count: 1, status: 503, delayMs: 300, body: '{"ok":false,"error":{"code":"Unavailable","message":"try later"}}' },
    ]);
    try {
      const outcomes = await Promise.allSettled([s.api.auth.me(), s.api.orgs.get()]);
      for (const o of outcomes) {
        assert.ok(o.status === "rejected" && o.reason instanceof sdk.ApiError && o.reason.status === 503, `the refresh's 503, got ${assert.show(o.reason ?? o.value)}`);
      }
      assert.equal(s.store.refreshToken(), s.pair.refresh_token, "the refresh token is still in the store");
      assert.deepEqual(s.failed, [], "onRefreshFailed is for a refused refresh token only");
      const me = await s.api.auth.me();
      assert.equal(me.user_id, s.t.userId, "the session works once the API is back");
      assert.equal(await refreshes(ctx, s.t), 1, "one refresh reached the API");
      const sent = (await s.h.state()).requests.filter((r) => r.path === REFRESH);
      assert.equal(sent.length, 2, "the 503, then the refresh that worked (the two callers shared the first)");
    } finally {
      await s.h.close();
    }
  },
};

const abortedLeader = {
  name: "faults session: the caller that started a refresh aborting does not cancel it; the waiting callers get the new pair and the session stays",
  fn: async (ctx) => {
    const { assert, sdk } = ctx;
    const s = await staleSession(ctx, [{ path: REFRESH, count: 1, delayMs: 500, pass: true }]);
    try {
      const ctl = new AbortController();
      const first = s.api.auth.me({ signal: ctl.signal }).catch((e) => e);
      await sleep(50);
      const others = Promise.all([s.api.orgs.get(), s.api.auth.me()]).catch((e) => e);
      await sleep(100);
      ctl.abort();
      const aborted = await first;
      const waited = await others;
      assert.ok(aborted instanceof sdk.AbortError, `the aborted caller gets an AbortError, got ${assert.show(aborted)}`);
      assert.ok(Array.isArray(waited), `the waiting callers succeed, got ${assert.show(waited)}`);
      const [org, me] = waited;
      assert.equal(org.id, s.t.orgId);
      assert.equal(me.user_id, s.t.userId);
      assert.notEqual(s.store.refreshToken(), s.pair.refresh_token, "the rotated pair was kept");
      assert.deepEqual(s.failed, [], "no logout");
      assert.equal(await refreshes(ctx, s.t), 1, "the refresh token was spent once");
    } finally {
      await s.h.close();
    }
  },
};

const slowRefresh = {
  name: "faults session: a refresh slower than 15 s is waited for, not spent a second time, and the pair it saved is kept",
  fn: async (ctx) => {
    const { assert } = ctx;
    const s = await staleSession(ctx, [{ path: REFRESH, count: 1, delayMs: 16_000, pass: true }]);
    try {
      const first = s.api.auth.me().catch((e) => e);
      await sleep(100);
      const [me, org] = await Promise.all([first, s.api.orgs.get().catch((e) => e)]);
      assert.ok(!(me instanceof Error) && !(org instanceof Error), `both callers succeed, got ${assert.show([me, org])}`);
      assert.equal(me.user_id, s.t.userId);
      assert.equal(org.id, s.t.orgId);
      assert.ok(s.store.isAuthenticated() && s.store.refreshToken() !== s.pair.refresh_token, "the new pair is in the store");
      assert.deepEqual(s.failed, [], "no logout");
      assert.equal((await s.h.state()).requests.filter((r) => r.path === REFRESH).length, 1, "one refresh sent");
      assert.equal(await refreshes(ctx, s.t), 1);
    } finally {
      await s.h.close();
    }
  },
};

const refusedRefresh = {
  name: "faults session (positive control): a refresh answered 401 clears the store and fires onRefreshFailed once; a pair saved meanwhile by another client is kept",
  fn: async (ctx) => {
    const { assert, sdk } = ctx;
    const refused = '{"ok":false,"error":{"code":"RefreshTokenInvalid","message":"expired or revoked"}}';
    const s = await staleSession(ctx, [{ path: REFRESH, status: 401, body: refused }]);
    try {
      const outcomes = await Promise.allSettled([s.api.auth.me(), s.api.orgs.get(), s.api.auth.me()]);
      assert.ok(outcomes.every((o) => o.status === "rejected" && o.reason instanceof sdk.ApiError && o.reason.status === 401), "every caller gets its 401");
      assert.deepEqual(s.failed, [false], "cleared first, then reported once");
      assert.equal(s.store.isAuthenticated(), false);
    } finally {
      await s.h.close();
    }
    // The same refusal, but another client (a second tab) saved a newer pair while the refresh
    // was in flight: that pair is the live session and stays.
    const late = await staleSession(ctx, [{ path: REFRESH, status: 401, body: refused, delayMs: 300 }]);
    try {
      const call = late.api.auth.me().catch((e) => e);
      await sleep(100);
      late.store.save({ access_token: "newer.access", refresh_token: "rt_newer", access_expires_at: "2999-01-01T00:00:00Z", refresh_expires_at: "2999-01-01T00:00:00Z" });
      await call;
      assert.equal(late.store.refreshToken(), "rt_newer", "the newer pair survives the older token's refusal");
      assert.deepEqual(late.failed, [], "no logout for a pair that is no longer the session");
    } finally {
      await late.h.close();
    }
  },
};

const wrongSecret = {
  name: "faults session: a wrong Cards clientSecret costs one OAuth exchange for 100 parallel calls, and calls right after back off without a round trip",
  fn: async (ctx) => {
    const { assert, sdk } = ctx;
    const tenant = await createCardsTenant(ctx.sandboxUrl);
    const cards = new sdk.SeismicCardsClient({ baseUrl: ctx.sandboxUrl, clientId: tenant.clientId, clientSecret: "not-the-secret" });
    const before = await getCardsStats(ctx.sandboxUrl, tenant.clientId);
    const outcomes = await Promise.allSettled(Array.from({ length: 100 }, (_, i) => cards.accounts.findByEmail({ email: `u${i}@example.com` })));
    const codes = new Set(outcomes.map((o) => (o.status === "rejected" && o.reason instanceof sdk.CardsApiError ? o.reason.code : `not a CardsApiError: ${assert.show(o.reason ?? o.value)}`)));
    assert.equal(codes.size, 1, `one refusal shared by all: ${[...codes].join(", ")}`);
    const after = await getCardsStats(ctx.sandboxUrl, tenant.clientId);
    assert.equal(after.authorizeCalls - before.authorizeCalls, 1, "one authorization");
    assert.equal(after.tokenCalls - before.tokenCalls, 1, "one code exchange");
    await assert.rejects(cards.accounts.findByEmail({ email: "later@example.com" }), (e) => e instanceof sdk.CardsApiError && codes.has(e.code));
    const held = await getCardsStats(ctx.sandboxUrl, tenant.clientId);
    assert.equal(held.authorizeCalls, after.authorizeCalls, "inside the backoff: no round trip");
    await sleep(1100);
    await assert.rejects(cards.accounts.findByEmail({ email: "retry@example.com" }), sdk.CardsApiError);
    const retried = await getCardsStats(ctx.sandboxUrl, tenant.clientId);
    assert.equal(retried.authorizeCalls - after.authorizeCalls, 1, "after the backoff it asks again, once");
  },
};

const abortedRenewal = {
  name: "faults session: the Cards caller that started the OAuth renewal aborting does not cancel it; the waiting caller uses its token",
  fn: async (ctx) => {
    const { assert, sdk } = ctx;
    const tenant = await createCardsTenant(ctx.sandboxUrl);
    const h = await hostileServer(ctx.sandboxUrl, [{ path: "/v1/oauth/access-token", count: 1, delayMs: 500, pass: true }]);
    try {
      const cards = new sdk.SeismicCardsClient({ baseUrl: h.origin, clientId: tenant.clientId, clientSecret: tenant.clientSecret });
      const before = await getCardsStats(ctx.sandboxUrl, tenant.clientId);
      const ctl = new AbortController();
      const first = cards.accounts.findByEmail({ email: "a@example.com" }, { signal: ctl.signal }).catch((e) => e);
      await sleep(50);
      const second = cards.accounts.findByEmail({ email: "b@example.com" }).catch((e) => e);
      await sleep(100);
      ctl.abort();
      const [aborted, found] = [await first, await second];
      assert.ok(aborted instanceof sdk.AbortError, `the aborted caller gets an AbortError, got ${assert.show(aborted)}`);
      assert.ok(Array.isArray(found?.list), `the waiting caller succeeds, got ${assert.show(found)}`);
      const after = await getCardsStats(ctx.sandboxUrl, tenant.clientId);
      assert.equal(after.authorizeCalls - before.authorizeCalls, 1, "one renewal for both");
    } finally {
      await h.close();
    }
  },
};

export const tests = [transientRefresh, abortedLeader, slowRefresh, refusedRefresh, wrongSecret, abortedRenewal].map((t) => ({ runtimes: SERVER, ...t }));
