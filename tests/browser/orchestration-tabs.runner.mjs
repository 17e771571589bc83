// Runner hook: dashboard sessions across browser tabs (tests/run-browser.mjs loads it in Node).
// Two pages on one origin share the localStorage token store; when the access token expires
// in both at once, the Web Locks coordination must spend the rotating refresh token once —
// a second spend of the old token would be refused and log the user out. Also: a reload
// keeps the session.
// env = { context, origin, sandboxUrl, assert, outDir }.
import { join } from "node:path";
import { orchestrationUrl, createOrchestrationTenant, orchestrationStats, setAccessTtl, sleep } from "../shared/orchestration-sandbox.mjs";

async function openTab(env) {
  const page = await env.context.newPage();
  const errors = [];
  page.on("pageerror", (e) => errors.push(e.message));
  await page.goto(`${env.origin}/tests/browser/orchestration-tab.html`);
  await page.waitForFunction(() => window.__tabReady || window.__tabError, null, { timeout: 30000 });
  const bootError = await page.evaluate(() => window.__tabError);
  if (bootError) throw new Error(`tab failed to boot: ${bootError}`);
  return { page, errors };
}

/** In the tab: `n` parallel auth.me() calls through a fresh localStorage-backed client. */
function burst(tab, baseUrl, n) {
  return tab.page.evaluate(
    async ({ baseUrl, n }) => {
      const api = window.__tab.client(baseUrl);
      const out = await Promise.allSettled(Array.from({ length: n }, () => api.auth.me()));
      return {
        ok: out.filter((o) => o.status === "fulfilled").length,
        errors: out.filter((o) => o.status === "rejected").map((o) => `${o.reason?.name}: ${o.reason?.code} ${o.reason?.message}`),
        access: localStorage.getItem("orchestration.access_token"),
        refreshFailed: window.__tab.refreshFailed,
      };
    },
    { baseUrl, n },
  );
}

export const checks = [
  {
    name: "browser orchestration: two tabs on one localStorage session hit an expired token at once → one /auth/refresh (Web Locks), both tabs keep the session, a reload keeps it too",
    run: async (env) => {
      const { assert } = env;
      const baseUrl = orchestrationUrl(env.sandboxUrl);
      const t = await createOrchestrationTenant(env.sandboxUrl, { accessTtlSeconds: 1 });
      const a = await openTab(env);
      const b = await openTab(env);
      try {
        const login = await a.page.evaluate(async ({ baseUrl, email, password }) => {
          for (const k of Object.keys(localStorage)) if (k.startsWith("orchestration.")) localStorage.removeItem(k);
          const res = await window.__tab.client(baseUrl).auth.login(email, password);
          return { status: res.status, access: res.access_token, stored: localStorage.getItem("orchestration.access_token") };
        }, { baseUrl, email: t.email, password: t.password });
        assert.equal(login.status, "tokens");
        assert.equal(login.stored, login.access, "tab A stored the pair");
        assert.equal(await b.page.evaluate(() => localStorage.getItem("orchestration.access_token")), login.access, "tab B sees it");
        await setAccessTtl(env.sandboxUrl, t.userId, 600);
        await sleep(2100); // the 1 s token is now expired in both tabs

        const before = await orchestrationStats(env.sandboxUrl, t.orgId);
        const [ra, rb] = await Promise.all([burst(a, baseUrl, 20), burst(b, baseUrl, 20)]);
        const after = await orchestrationStats(env.sandboxUrl, t.orgId);
        assert.deepEqual([ra.errors, rb.errors], [[], []], `no call failed in either tab: ${JSON.stringify([ra.errors, rb.errors])}`);
        assert.deepEqual([ra.ok, rb.ok], [20, 20], "all calls succeeded");
        assert.equal(after.refreshCalls - before.refreshCalls, 1, "one refresh across both tabs");
        assert.deepEqual([ra.refreshFailed, rb.refreshFailed], [0, 0], "nobody was logged out");
        assert.ok(ra.access && ra.access !== login.access && ra.access === rb.access, "both tabs share the new access token");

        await b.page.reload();
        await b.page.waitForFunction(() => window.__tabReady, null, { timeout: 30000 });
        const reloaded = await b.page.evaluate(async (baseUrl) => (await window.__tab.client(baseUrl).auth.me()).user_id, baseUrl);
        assert.equal(reloaded, t.userId, "the session survives a reload");
        await b.page.screenshot({ path: join(env.outDir, "orchestration-tab.png") });
        assert.deepEqual([...a.errors, ...b.errors], [], "no page errors");
      } finally {
        await a.page.close();
        await b.page.close();
      }
    },
  },
];
