// SeismicOrchestrationClient sessions against the seismic-sandbox: token mode (signup, login,
// MFA, logout), API keys minted from a session, single-flight refresh (100 parallel calls → one
// /auth/refresh), failed refresh, refresh ahead of expiry, custom async stores, the factories and
// the token stores. The API-key journey, errors and validation are in orchestration.suite.mjs.
// Every test makes its own tenant (a fresh user + org).
import { recordingFetch } from "./recording-fetch.mjs";
import { createOrchestrationTenant, orchestrationStats, totp, setAccessTtl, sleep, unique } from "./orchestration-sandbox.mjs";
import { SERVER, FAST, client, sent, apiError, validation, session } from "./orchestration-support.mjs";

const tokenMode = {
  name: "orchestration: token mode — signup, login persists the pair, Bearer only, MFA enrol/activate, login → mfa_required → verify persists, users.me, mint a key, logout revokes and clears",
  fn: async (ctx) => {
    const { assert } = ctx;
    const { memoryTokenStore } = ctx.sdk;
    const store = memoryTokenStore();
    const calls = [];
    const api = client(ctx, { tokenStore: store, fetch: recordingFetch(calls) });
    const email = `${unique("alice")}@example.com`;
    const password = "hunter22!hunter22";
    const { user_id } = await api.auth.signup(email, password);
    assert.ok(user_id, "user_id");
    assert.equal(store.isAuthenticated(), false, "signup gives no tokens");
    const res = await api.auth.login(email, password);
    assert.equal(res.status, "tokens");
    assert.equal(store.accessToken(), res.access_token, "login persisted the access token");
    assert.equal(store.refreshToken(), res.refresh_token);
    const claims = await api.auth.me();
    assert.equal(claims.user_id, user_id);
    assert.equal(calls.at(-1).headers.get("authorization"), `Bearer ${res.access_token}`);
    assert.equal(calls.at(-1).headers.get("api-key"), null, "never Api-Key in token mode");
    for (const c of calls.slice(0, 2)) assert.equal(c.headers.get("authorization"), null, `no credentials on ${c.path}`);

    const enrollment = await api.auth.mfa.enroll();
    assert.match(enrollment.provisioning_uri, /^otpauth:\/\/totp\//);
    assert.equal(await api.auth.mfa.activate(await totp(ctx.sandboxUrl, enrollment.secret_base32)), undefined, "activate → 204 → undefined");
    await api.auth.logout();
    assert.deepEqual(calls.at(-1).json, { refresh_token: res.refresh_token }, "logout sends the stored refresh token");
    assert.equal(store.isAuthenticated(), false, "logout cleared the store");
    await assert.rejects(api.auth.refresh(res.refresh_token), apiError(ctx, { status: 401 }), "the revoked refresh token is dead");

    const challenge = await api.auth.login(email, password);
    assert.equal(challenge.status, "mfa_required");
    assert.match(challenge.challenge_id, /\S/);
    assert.equal(store.isAuthenticated(), false, "a challenge is not a session");
    await assert.rejects(api.auth.mfa.verify(challenge.challenge_id, "000000"), apiError(ctx, { status: 401 }), "wrong code");
    const again = await api.auth.login(email, password);
    const pair = await api.auth.mfa.verify(again.challenge_id, await totp(ctx.sandboxUrl, enrollment.secret_base32));
    assert.equal(store.accessToken(), pair.access_token, "verify persisted the pair");
    assert.equal((await api.auth.me()).mfa_passed, true);
    const profile = await api.users.me();
    assert.equal(profile.email, email);
    const rotated = await api.auth.refresh(pair.refresh_token);
    assert.notEqual(rotated.refresh_token, pair.refresh_token, "refresh rotates");
    assert.equal(store.refreshToken(), rotated.refresh_token, "refresh persisted the new pair");
    await api.auth.logout("rt_explicit_unknown").catch(() => {});
    assert.equal(store.isAuthenticated(), false, "logout(token) clears local state too");
  },
};

const apiKeysWithBearer = {
  name: "orchestration: a dashboard session mints an API key (secret shown once), the key works, revoke → 401 ApiKeyRevoked, revoke again → 409 AlreadyRevoked",
  fn: async (ctx) => {
    const { assert } = ctx;
    const { t, api } = await session(ctx);
    const key = await api.apiKeys.mint({ label: "ci-pipeline", environment: "sandbox" });
    assert.match(key.secret, /^seismic_sandbox_/);
    const keyed = client(ctx, { apiKey: key.secret, dangerouslyAllowBrowser: true });
    assert.equal((await keyed.orgs.get()).id, t.orgId);
    const listed = await api.apiKeys.list();
    assert.ok(listed.some((k) => k.id === key.id && !("secret" in k)), "listed without secret");
    assert.equal(await api.apiKeys.revoke(key.id), undefined);
    await assert.rejects(keyed.orgs.get(), apiError(ctx, { status: 401, code: "ApiKeyRevoked" }));
    await assert.rejects(api.apiKeys.revoke(key.id), apiError(ctx, { status: 409, code: "AlreadyRevoked" }));
  },
};

const singleFlight = {
  name: "orchestration: 100 parallel calls with an expired access token → exactly one /auth/refresh, all 100 succeed with the new token",
  fn: async (ctx) => {
    const { assert, sdk } = ctx;
    const t = await createOrchestrationTenant(ctx.sandboxUrl, { ...FAST, accessTtlSeconds: 1 });
    const seed = client(ctx);
    const res = await seed.auth.login(t.email, t.password);
    // The refreshed token must outlive 200 requests even through a browser's 6 connections.
    await setAccessTtl(ctx.sandboxUrl, t.userId, 600);
    await sleep(2100); // exp is whole seconds rounded up: a 1 s token lives < 2 s
    // Seeded without expiry (as from env vars): only the 401 tells the token is stale.
    const store = sdk.memoryTokenStore({ access_token: res.access_token, refresh_token: res.refresh_token });
    const calls = [];
    const api = client(ctx, { tokenStore: store, fetch: recordingFetch(calls) });
    const before = await orchestrationStats(ctx.sandboxUrl, t.orgId);
    const results = await Promise.all(Array.from({ length: 100 }, () => api.auth.me()));
    assert.ok(results.every((r) => r.user_id === t.userId), "all 100 succeed");
    const after = await orchestrationStats(ctx.sandboxUrl, t.orgId);
    assert.equal(after.refreshCalls - before.refreshCalls, 1, "one refresh round-trip");
    assert.equal(calls.filter((c) => c.path.endsWith("/v0/auth/refresh")).length, 1, "one refresh sent");
    assert.notEqual(store.accessToken(), res.access_token, "the new pair is in the store");
    const retried = calls.filter((c) => c.path.endsWith("/v0/auth/me") && c.headers.get("authorization") === `Bearer ${store.accessToken()}`);
    assert.ok(retried.length >= 100, `retried with the new token: ${retried.length}`);
  },
};

const failedRefresh = {
  name: "orchestration: a failed refresh clears the store first, then calls onRefreshFailed once, and the call rejects with the 401",
  fn: async (ctx) => {
    const { assert, sdk } = ctx;
    const t = await createOrchestrationTenant(ctx.sandboxUrl, { ...FAST, accessTtlSeconds: 1 });
    const res = await client(ctx).auth.login(t.email, t.password);
    await client(ctx).auth.logout(res.refresh_token); // the refresh token is now revoked
    await sleep(2100); // exp is whole seconds rounded up: a 1 s token lives < 2 s
    const store = sdk.memoryTokenStore({ access_token: res.access_token, refresh_token: res.refresh_token });
    const seen = [];
    const api = client(ctx, { tokenStore: store, onRefreshFailed: () => seen.push(store.isAuthenticated()) });
    const outcomes = await Promise.allSettled([api.auth.me(), api.orgs.get(), api.users.me()]);
    assert.ok(outcomes.every((o) => o.status === "rejected" && o.reason instanceof sdk.ApiError && o.reason.status === 401), `all reject with 401: ${assert.show(outcomes.map((o) => o.reason?.code))}`);
    assert.deepEqual(seen, [false], "hook once, after the store was cleared");
  },
};

const refreshAhead = {
  name: "orchestration: with access_expires_at known and near, the client refreshes before sending instead of spending a 401",
  fn: async (ctx) => {
    const { assert } = ctx;
    const { t, api, calls } = await session(ctx, { accessTtlSeconds: 20 });
    calls.length = 0;
    await api.orgs.get();
    assert.deepEqual(sent(ctx, calls), ["POST /v0/auth/refresh", "GET /v0/org"], "refresh first (expiry within 30 s), no 401");
    assert.ok(calls.every((c) => c.status < 400), "no 401");
    const stats = await orchestrationStats(ctx.sandboxUrl, t.orgId);
    assert.equal(stats.refreshCalls, 1);
  },
};

const customStore = {
  name: "orchestration: a custom TokenStore whose methods return Promises (KV-style) and the getAccessToken/getRefreshToken/onTokensRefreshed overrides",
  fn: async (ctx) => {
    const { assert } = ctx;
    const t = await createOrchestrationTenant(ctx.sandboxUrl, { ...FAST, accessTtlSeconds: 1 });
    const kv = new Map();
    const later = (v) => new Promise((r) => setTimeout(() => r(v), 2));
    const store = {
      save: async (p) => { await later(); kv.set("pair", JSON.stringify(p)); },
      clear: async () => { await later(); kv.delete("pair"); },
      accessToken: async () => later(kv.has("pair") ? JSON.parse(kv.get("pair")).access_token : null),
      refreshToken: async () => later(kv.has("pair") ? JSON.parse(kv.get("pair")).refresh_token : null),
      isAuthenticated: async () => kv.has("pair"),
    };
    const api = client(ctx, { tokenStore: store });
    const res = await api.auth.login(t.email, t.password);
    assert.equal(JSON.parse(kv.get("pair")).access_token, res.access_token, "saved through the async store");
    await sleep(2100); // exp is whole seconds rounded up: a 1 s token lives < 2 s
    const results = await Promise.all(Array.from({ length: 10 }, () => api.auth.me()));
    assert.ok(results.every((r) => r.user_id === t.userId), "refreshed through the async store");
    assert.notEqual(JSON.parse(kv.get("pair")).access_token, res.access_token);
    assert.equal((await orchestrationStats(ctx.sandboxUrl, t.orgId)).refreshCalls, 1, "one refresh");

    // Overrides replace the store wiring entirely.
    let access = JSON.parse(kv.get("pair")).access_token;
    let refresh = JSON.parse(kv.get("pair")).refresh_token;
    const refreshed = [];
    const over = client(ctx, {
      getAccessToken: () => access,
      getRefreshToken: () => refresh,
      onTokensRefreshed: (p) => { refreshed.push(p); access = p.access_token; refresh = p.refresh_token; },
    });
    await sleep(2100); // exp is whole seconds rounded up: a 1 s token lives < 2 s
    assert.equal((await over.auth.me()).user_id, t.userId);
    assert.equal(refreshed.length, 1, "onTokensRefreshed got the new pair");
    assert.equal(access, refreshed[0].access_token);

    // An API key getter is asked on every call (rotation without a new client).
    const keys = [t.apiKey];
    const rotating = client(ctx, { apiKey: () => keys[0], dangerouslyAllowBrowser: true });
    assert.equal((await rotating.orgs.get()).id, t.orgId);
    keys[0] = null;
    await assert.rejects(rotating.orgs.get(), apiError(ctx, { status: 401 }), "no key, no session → 401");

    // A stored token that cannot be a header value is refused before sending, and not echoed.
    const sent = [];
    const broken = client(ctx, { getAccessToken: () => "tok\nX-Evil: 1", fetch: recordingFetch(sent) });
    const e = await assert.rejects(broken.auth.me(), validation(ctx, "headers.Authorization"));
    assert.ok(!e.message.includes("tok"), "the token is not in the message");
    assert.equal(sent.length, 0, "nothing sent");
  },
};

const factories = {
  name: "orchestration: sandbox()/production() base URLs, fromEnv() accepts only production|sandbox with the documented message, memoryTokenStore seeding",
  fn: async (ctx) => {
    const { assert, sdk } = ctx;
    const { SeismicOrchestrationClient, memoryTokenStore } = sdk;
    const urls = [];
    const fake = async (input) => { urls.push(String(input)); return new Response(JSON.stringify({ status: "ok" }), { status: 200 }); };
    await SeismicOrchestrationClient.sandbox({ fetch: fake }).health();
    await SeismicOrchestrationClient.production({ fetch: fake }).health();
    assert.deepEqual(urls, ["https://orchestration-sandbox.seismic.systems/api/v0/health", "https://orchestration.seismic.systems/api/v0/health"]);
    const env = globalThis.process?.env;
    if (env) {
      const saved = env.SEISMIC_ORCHESTRATION_ENV;
      try {
        env.SEISMIC_ORCHESTRATION_ENV = "staging";
        assert.throws(() => SeismicOrchestrationClient.fromEnv(), (e) => e instanceof Error && e.message === 'SEISMIC_ORCHESTRATION_ENV must be "production" or "sandbox"; got "staging"');
        delete env.SEISMIC_ORCHESTRATION_ENV;
        assert.throws(() => SeismicOrchestrationClient.fromEnv(), (e) => e.message === 'SEISMIC_ORCHESTRATION_ENV must be "production" or "sandbox"; got undefined');
        env.SEISMIC_ORCHESTRATION_ENV = "sandbox";
        urls.length = 0;
        await SeismicOrchestrationClient.fromEnv({ fetch: fake }).health();
        assert.deepEqual(urls, ["https://orchestration-sandbox.seismic.systems/api/v0/health"]);
      } finally {
        if (saved === undefined) delete env.SEISMIC_ORCHESTRATION_ENV;
        else env.SEISMIC_ORCHESTRATION_ENV = saved;
      }
    }
    const seeded = memoryTokenStore({ access_token: "a1", refresh_token: "r1" });
    assert.deepEqual([seeded.accessToken(), seeded.refreshToken(), seeded.isAuthenticated()], ["a1", "r1", true]);
    seeded.clear();
    assert.deepEqual([seeded.accessToken(), seeded.isAuthenticated()], [null, false]);
    assert.throws(() => memoryTokenStore({ access_token: 5 }), validation(ctx, "initial.access_token"));
  },
};

const noLocalStorage = {
  name: "orchestration: localStorageTokenStore() / tokenStore: \"localStorage\" without localStorage is a clear ValidationError (ignored with an API key)",
  runtimes: SERVER,
  fn: async (ctx) => {
    const { assert, sdk } = ctx;
    assert.throws(() => sdk.localStorageTokenStore(), (e) => validation(ctx, "tokenStore")(e) && /memoryTokenStore/.test(e.message));
    assert.throws(() => client(ctx, { tokenStore: "localStorage" }), validation(ctx, "tokenStore"));
    client(ctx, { tokenStore: "localStorage", apiKey: "seismic_sandbox_x" });
  },
};

const localStorageStore = {
  name: "orchestration (browser): tokenStore \"localStorage\" persists the pair under orchestration.*; a new client (as after a reload) is still logged in; logout clears",
  runtimes: ["browser"],
  fn: async (ctx) => {
    const { assert } = ctx;
    for (const k of Object.keys(localStorage)) if (k.startsWith("orchestration.")) localStorage.removeItem(k);
    const { t, api, res } = await session(ctx, {}, { tokenStore: "localStorage" });
    assert.equal(localStorage.getItem("orchestration.access_token"), res.access_token);
    assert.equal(localStorage.getItem("orchestration.refresh_token"), res.refresh_token);
    assert.equal(localStorage.getItem("orchestration.access_expires_at"), res.access_expires_at);
    assert.equal(localStorage.getItem("orchestration.refresh_expires_at"), res.refresh_expires_at);
    const later = client(ctx, { tokenStore: "localStorage" });
    assert.equal((await later.auth.me()).user_id, t.userId, "the session survives a new client");
    await later.auth.logout();
    assert.equal(localStorage.getItem("orchestration.access_token"), null, "cleared");
    assert.equal(Object.keys(localStorage).filter((k) => k.startsWith("orchestration.")).length, 0);
    void api;
  },
};

const apiKeyInBrowser = {
  name: "orchestration (browser): an org API key string is refused in a page unless dangerouslyAllowBrowser",
  runtimes: ["browser"],
  fn: async (ctx) => {
    const { assert } = ctx;
    assert.throws(() => client(ctx, { apiKey: "seismic_prod_abc" }), validation(ctx, "config.dangerouslyAllowBrowser"));
    client(ctx, { apiKey: "seismic_prod_abc", dangerouslyAllowBrowser: true });
  },
};
export const tests = [
  tokenMode,
  apiKeysWithBearer,
  singleFlight,
  failedRefresh,
  refreshAhead,
  customStore,
  factories,
  noLocalStorage,
  localStorageStore,
  apiKeyInBrowser,
];
