// Differential tests of SeismicOrchestrationClient against `seismic-orchestration` 0.0.14 (see
// orchestration-diff.test.mjs) outside the request tables: refresh-on-401 with concurrent calls
// on an expired session (requests compared as a multiset), and what needs no sandbox — the
// environment factories' base URLs, fromEnv(), and the keys the localStorage token store writes.
import { PACKAGE, PASSWORD, REFRESH, SANDBOX_URLS, PRODUCTION_URL, LOCAL_STORAGE_KEYS } from "./orchestration-diff-tables.mjs";
import { API, canonical, line, recorder, trim, admin, sleep, loadPackage, oursOrMissing, needSandbox, resultOf, report } from "./orchestration-diff-support.mjs";

export const tests = [
  {
    name: "orchestration diff: refresh-on-401 — concurrent calls on an expired session share one refresh",
    runtimes: ["node"],
    fn: async (ctx) => {
      needSandbox(ctx);
      const { assert } = ctx;
      const pkg = await loadPackage();
      const run = async (lib) => {
        const t = await admin(ctx, "POST", "/__sandbox/orchestration/tenants", { accessTtlSeconds: 1 });
        const login = await fetch(`${trim(ctx.sandboxUrl)}${API}/v0/auth/login`, {
          method: "POST",
          headers: { "content-type": "application/json" },
          body: JSON.stringify({ email: t.email, password: t.password }),
        }).then((r) => r.json());
        // The refreshed token should outlive a slow machine's retries (older sandboxes lack this).
        await admin(ctx, "POST", "/__sandbox/orchestration/access-ttl", { userId: t.userId, accessTtlSeconds: 900 }).catch(() => {});
        const ids = { email: t.email, orgId: t.orgId, userId: t.userId, refresh: login.refresh_token };
        const rec = recorder();
        const store = lib.memoryTokenStore({ access_token: login.access_token, refresh_token: login.refresh_token });
        const api = new lib.SeismicOrchestrationClient({ baseUrl: `${trim(ctx.sandboxUrl)}${API}`, tokenStore: store, fetch: rec.fetch });
        await sleep(2200); // the access token (1 s) is now expired
        const settled = await Promise.allSettled([api.orgs.get(), api.orgs.get(), api.orgs.get()]);
        const results = [...new Set(settled.map((s) => (s.status === "fulfilled" ? "ok" : resultOf(s.reason))))];
        const stats = await admin(ctx, "GET", `/__sandbox/orchestration/stats?orgId=${encodeURIComponent(t.orgId)}`);
        return { lines: rec.calls.map((c) => line(c, ids)).sort(), results, refreshCalls: stats.refreshCalls, errors: settled.filter((s) => s.status === "rejected").map((s) => s.reason) };
      };
      const theirs = await run(pkg);
      const { sdk, missing } = oursOrMissing(ctx);
      const problems = [...missing];
      const sorted = (xs) => [...xs].sort();
      if (sdk) {
        const mine = await run(sdk);
        if (canonical(mine.lines) !== canonical(sorted(REFRESH.docs))) problems.push(`ours sent\n        ${mine.lines.join("\n        ")}\n      docs say\n        ${sorted(REFRESH.docs).join("\n        ")}`);
        if (canonical(mine.results) !== canonical(["ok"])) problems.push(`ours: ${mine.results.join(", ")} (${mine.errors.map((e) => `${e.name}: ${e.message}`).join("; ")})`);
        if (mine.refreshCalls !== 1) problems.push(`ours refreshed ${mine.refreshCalls} times, want 1`);
      }
      // The package shares a refresh only among the 401s that arrive while it is in flight: on a
      // loaded machine a late 401 refreshes again, with the rotated token. How many is its own
      // timing, so its lines are compared with one refresh (ours must make exactly one).
      const oneRefresh = (lines) => {
        let seen = false;
        return lines
          .map((l) => l.replace(/("refresh_token":")[^"]+"/, '$1{refresh}"'))
          .filter((l) => !l.startsWith("POST /v0/auth/refresh") || (!seen && (seen = true)));
      };
      const theirLines = oneRefresh(theirs.lines);
      if (canonical(theirLines) !== canonical(sorted(REFRESH.pkg))) problems.push(`${PACKAGE} sent\n        ${theirs.lines.join("\n        ")}\n      table expects\n        ${sorted(REFRESH.pkg).join("\n        ")}`);
      if (canonical(theirs.results) !== canonical([REFRESH.pkgResult])) problems.push(`${PACKAGE}: ${theirs.results.join(", ")}, table expects ${REFRESH.pkgResult}`);
      if (theirs.refreshCalls < 1) problems.push(`${PACKAGE} refreshed ${theirs.refreshCalls} times, table expects at least 1`);
      report(assert, problems, "refresh-on-401");
    },
  },
  {
    name: "orchestration diff: environment factories and the localStorage token store",
    runtimes: ["node"],
    fn: async (ctx) => {
      const { assert } = ctx;
      const pkg = await loadPackage();
      const { sdk, missing } = oursOrMissing(ctx);
      const problems = [...missing];
      const libs = (want) => [[PACKAGE, pkg, want.pkg], ...(sdk ? [["ours", sdk, want.docs]] : [])];
      const fake = (answer) => {
        const calls = [];
        const fetch = async (input, init) => {
          calls.push({ url: String(input instanceof Request ? input.url : input), init });
          return new Response(JSON.stringify(answer), { status: 200, headers: { "content-type": "application/json" } });
        };
        return { calls, fetch };
      };
      const RAILS = { rails: [{ rail: "ach", kind: "fiat" }] };
      for (const [who, lib, want] of libs(SANDBOX_URLS)) {
        for (const [factory, base] of [["sandbox", want], ["production", PRODUCTION_URL]]) {
          const f = fake(RAILS);
          await lib.SeismicOrchestrationClient[factory]({ apiKey: "seismic_sandbox_k", fetch: f.fetch }).rails();
          if (f.calls[0]?.url !== `${base}/v0/rails`) problems.push(`${who} ${factory}(): rails() went to ${f.calls[0]?.url}, want ${base}/v0/rails`);
        }
        // fromEnv: loud and early, with the documented message.
        const saved = process.env.SEISMIC_ORCHESTRATION_ENV;
        try {
          process.env.SEISMIC_ORCHESTRATION_ENV = "staging";
          let err;
          try {
            lib.SeismicOrchestrationClient.fromEnv({ apiKey: "k" });
          } catch (e) {
            err = e;
          }
          const msg = 'SEISMIC_ORCHESTRATION_ENV must be "production" or "sandbox"; got "staging"';
          if (!(err instanceof Error) || err.message !== msg) problems.push(`${who} fromEnv() with "staging": ${err ? `${err.name}: ${err.message}` : "did not throw"}`);
          process.env.SEISMIC_ORCHESTRATION_ENV = "sandbox";
          const f = fake(RAILS);
          await lib.SeismicOrchestrationClient.fromEnv({ apiKey: "k", fetch: f.fetch }).rails();
          if (f.calls[0]?.url !== `${want}/v0/rails`) problems.push(`${who} fromEnv() with "sandbox": went to ${f.calls[0]?.url}, want ${want}/v0/rails`);
        } finally {
          if (saved === undefined) delete process.env.SEISMIC_ORCHESTRATION_ENV;
          else process.env.SEISMIC_ORCHESTRATION_ENV = saved;
        }
      }
      // tokenStore: "localStorage" — keys written by a login.
      const PAIR = { access_token: "eyJ.a.b", refresh_token: "rt_1", access_expires_at: "2030-01-01T00:10:00Z", refresh_expires_at: "2030-02-01T00:00:00Z" };
      const hadStorage = Object.getOwnPropertyDescriptor(globalThis, "localStorage");
      for (const [who, lib, want] of libs(LOCAL_STORAGE_KEYS)) {
        const map = new Map();
        const shim = {
          getItem: (k) => (map.has(k) ? map.get(k) : null),
          setItem: (k, v) => void map.set(k, String(v)),
          removeItem: (k) => void map.delete(k),
          clear: () => map.clear(),
          key: (i) => [...map.keys()][i] ?? null,
          get length() {
            return map.size;
          },
        };
        Object.defineProperty(globalThis, "localStorage", { value: shim, configurable: true, writable: true });
        try {
          const f = fake({ status: "tokens", ...PAIR });
          const api = new lib.SeismicOrchestrationClient({ baseUrl: "https://orchestration.example.test/api", tokenStore: "localStorage", fetch: f.fetch });
          await api.auth.login("alice@example.com", PASSWORD);
          const keys = [...map.keys()].sort();
          if (canonical(keys) !== canonical(want)) problems.push(`${who} localStorage keys after login: ${keys.join(", ")}; want ${want.join(", ")}`);
        } catch (e) {
          problems.push(`${who} localStorage login: ${e.name}: ${e.message}`);
        } finally {
          if (hadStorage) Object.defineProperty(globalThis, "localStorage", hadStorage);
          else delete globalThis.localStorage;
        }
      }
      report(assert, problems, "factories / localStorage");
    },
  },
];
