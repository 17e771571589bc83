// Differential test of SeismicOrchestrationClient against the npm package it replaces,
// `seismic-orchestration` 0.0.14 (a dev dependency): the same documented calls go through both
// clients against the seismic-sandbox, each client with its own tenant and a recording fetch,
// and every request is reduced to one line — method, path below the base URL, sorted query,
// credential kind (Api-Key / Bearer / none), canonical JSON body, answer status — with the ids
// each run got back replaced by their names ({customer}, {snapshot}, …).
//
// The tables below are the specification. `docs` is what the Seismic Orchestration docs say the
// call sends (the SDK reference and the REST pages' curl examples); ours must send exactly that and
// resolve. Where the package has drifted from the docs, the row records what the package does
// instead (`pkg`, `pkgResult`, `note`) as an EXPECTED difference — so the test fails when
// either side changes. `migrationTable()` renders those rows as the README's migration table.
//
// This file runs the API-key and token-mode tables; refresh-on-401, the factories and the
// localStorage store are in orchestration-diff-session.test.mjs. The tables are in
// orchestration-diff-tables.mjs, the machinery in orchestration-diff-support.mjs.
import { KEY, TOKEN } from "./orchestration-diff-tables.mjs";
import { API, trim, tag, rawApi, needSandbox, loadPackage, oursOrMissing, runRows, compare, report, keyClients } from "./orchestration-diff-support.mjs";

// Re-exported where MIGRATION.md's regeneration command imports it from.
export { migrationTable } from "./orchestration-diff-tables.mjs";

export const tests = [
  {
    name: "orchestration diff: API-key mode — every documented method vs seismic-orchestration 0.0.14",
    runtimes: ["node"],
    fn: async (ctx) => {
      needSandbox(ctx);
      const pkg = await loadPackage();
      const [tp, to] = await keyClients(ctx);
      const make = (t) => (lib, fetch) => new lib.SeismicOrchestrationClient({ baseUrl: `${trim(ctx.sandboxUrl)}${API}`, apiKey: t.apiKey, fetch });
      const idsOf = (t) => ({ apiKey: t.apiKey, orgId: t.orgId, userId: t.userId, email: t.email, password: t.password, invitee: `carol+${tag()}@acme.com` });
      const theirs = await runRows(ctx, pkg, KEY, idsOf(tp), make(tp), rawApi(ctx, tp.apiKey));
      const { sdk, missing } = oursOrMissing(ctx);
      const mine = sdk ? await runRows(ctx, sdk, KEY, idsOf(to), make(to), rawApi(ctx, to.apiKey)) : null;
      report(ctx.assert, [...compare(KEY, theirs, mine), ...missing], "API-key mode");
    },
  },
  {
    name: "orchestration diff: token mode — signup, login, MFA enroll/activate/verify, refresh, logout",
    runtimes: ["node"],
    fn: async (ctx) => {
      needSandbox(ctx);
      const pkg = await loadPackage();
      const [tp, to] = await keyClients(ctx);
      const make = (lib, fetch) => new lib.SeismicOrchestrationClient({ baseUrl: `${trim(ctx.sandboxUrl)}${API}`, tokenStore: "memory", fetch });
      const idsOf = (t) => ({ orgId: t.orgId, userId: t.userId, email: t.email, password: t.password, newEmail: `signup+${tag()}@example.com` });
      const theirs = await runRows(ctx, pkg, TOKEN, idsOf(tp), make, rawApi(ctx, tp.apiKey));
      const { sdk, missing } = oursOrMissing(ctx);
      const mine = sdk ? await runRows(ctx, sdk, TOKEN, idsOf(to), make, rawApi(ctx, to.apiKey)) : null;
      report(ctx.assert, [...compare(TOKEN, theirs, mine), ...missing], "token mode");
    },
  },
];
