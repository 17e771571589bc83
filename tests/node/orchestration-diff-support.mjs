// Machinery of the orchestration diff tests (orchestration-diff*.test.mjs): requests recorded and
// reduced to one line each, unrecorded sandbox helpers, loading both clients, running a table
// through one client and comparing both runs with it. The tables are in
// orchestration-diff-tables.mjs. Not a *.test.mjs file: it has no tests of its own.
import { recordingFetch } from "../shared/recording-fetch.mjs";
import { PACKAGE, LITERALS } from "./orchestration-diff-tables.mjs";

export const API = "/api"; // orchestration baseUrl = `${sandboxUrl}/api`
// SEISMIC_ORCH_DIFF_DUMP=1 prints every request line of both runs.
const DUMP = !!(globalThis.process && process.env.SEISMIC_ORCH_DIFF_DUMP);

// ---------------------------------------------------------------------------------------------
// Normalising recorded requests

export function canonical(v) {
  if (Array.isArray(v)) return `[${v.map(canonical).join(",")}]`;
  if (v && typeof v === "object") return `{${Object.keys(v).sort().map((k) => `${JSON.stringify(k)}:${canonical(v[k])}`).join(",")}}`;
  return JSON.stringify(v);
}

/** Replaces every known id value in `s` by `{name}` (short values only when they are all of `s`). */
function subIds(s, ids) {
  if (typeof s !== "string") return s;
  const entries = Object.entries(ids).filter(([, v]) => typeof v === "string" && v.length > 0).sort((a, b) => b[1].length - a[1].length);
  for (const [name, value] of entries) {
    if (value.length >= 8) s = s.split(value).join(`{${name}}`);
    else if (s === value) return `{${name}}`;
  }
  return s;
}

function subDeep(v, ids) {
  if (typeof v === "string") return subIds(v, ids);
  if (Array.isArray(v)) return v.map((x) => subDeep(x, ids));
  if (v && typeof v === "object") return Object.fromEntries(Object.entries(v).map(([k, x]) => [k, subDeep(x, ids)]));
  return v;
}

function authKind(headers) {
  const key = headers.has("api-key");
  const bearer = /^Bearer\s/i.test(headers.get("authorization") || "");
  if (key && bearer) return "Api-Key+Bearer";
  if (key) return "Api-Key";
  if (bearer) return "Bearer";
  return headers.has("authorization") ? "Authorization(other)" : "none";
}

/** One recorded call → `METHOD /path?sorted-query AUTH BODY → STATUS`. */
export function line(call, ids) {
  const u = new URL(call.url);
  let path = u.pathname;
  if (path === API || path.startsWith(API + "/")) path = path.slice(API.length);
  path = subIds(path, ids);
  const query = [...u.searchParams].map(([k, v]) => `${k}=${subIds(v, ids)}`).sort().join("&");
  let body = "";
  if (call.body !== undefined) {
    if (call.json === undefined) body = ` <non-JSON ${JSON.stringify(call.body.slice(0, 40))}>`;
    else {
      const named = Object.entries(LITERALS).find(([, lit]) => canonical(lit) === canonical(call.json));
      body = ` ${named ? `<${named[0]}>` : canonical(subDeep(call.json, ids))}`;
    }
  }
  return `${call.method} ${path}${query ? `?${query}` : ""} ${authKind(call.headers)}${body} → ${call.status ?? "no answer"}`;
}

/** A fetch recording every call with its parsed answer. */
export function recorder(inner) {
  const calls = [];
  const rec = recordingFetch(calls, inner);
  const fetch = async (input, init) => {
    const res = await rec(input, init);
    const call = calls[calls.length - 1];
    try {
      const text = await res.clone().text();
      call.response = text ? JSON.parse(text) : undefined;
    } catch {
      call.response = undefined;
    }
    return res;
  };
  return { calls, fetch };
}

// ---------------------------------------------------------------------------------------------
// Sandbox helpers (unrecorded)

export const trim = (url) => String(url).replace(/\/+$/, "");

export async function admin(ctx, method, path, body) {
  const res = await fetch(trim(ctx.sandboxUrl) + path, {
    method,
    headers: body === undefined ? {} : { "content-type": "application/json" },
    body: body === undefined ? undefined : JSON.stringify(body),
  });
  const text = await res.text();
  if (!res.ok) throw new Error(`sandbox admin ${method} ${path} -> ${res.status}: ${text.slice(0, 300)}`);
  return text ? JSON.parse(text) : {};
}

/** Raw API call with the tenant's key (fixtures). */
export function rawApi(ctx, apiKey) {
  return async (method, path, body) => {
    const res = await fetch(`${trim(ctx.sandboxUrl)}${API}${path}`, {
      method,
      headers: { "Api-Key": apiKey, ...(body === undefined ? {} : { "content-type": "application/json" }) },
      body: body === undefined ? undefined : JSON.stringify(body),
    });
    const text = await res.text();
    if (!res.ok) throw new Error(`fixture ${method} ${path} -> ${res.status}: ${text.slice(0, 300)}`);
    return text ? JSON.parse(text) : undefined;
  };
}

export const tag = () => `${Date.now().toString(36)}${Math.random().toString(36).slice(2, 8)}`;
export const sleep = (ms) => new Promise((r) => setTimeout(r, ms));

export async function loadPackage() {
  try {
    return await import(PACKAGE);
  } catch (e) {
    throw new Error(`cannot import ${PACKAGE} (a dev dependency: run \`npm ci\` at the repo root): ${e.message}`);
  }
}

function ours(ctx) {
  const { SeismicOrchestrationClient } = ctx.sdk;
  if (typeof SeismicOrchestrationClient !== "function") {
    throw new Error(`the package exports no SeismicOrchestrationClient (got ${typeof SeismicOrchestrationClient})`);
  }
  return ctx.sdk;
}

/** Ours, or (while the package lacks it) the problem to report after the package's half. */
export function oursOrMissing(ctx) {
  try {
    return { sdk: ours(ctx), missing: [] };
  } catch (e) {
    return { sdk: null, missing: [e.message] };
  }
}

export function needSandbox(ctx) {
  if (!ctx.sandboxUrl) throw new Error("needs the seismic-sandbox (set SEISMIC_SANDBOX_URL)");
}

export const resultOf = (e) => (e === undefined ? "ok" : (e && e.name) || typeof e);

/**
 * Runs `rows` through one client (`lib`'s SeismicOrchestrationClient built by `make(lib, fetch)`)
 * and returns, per row, the request lines and the outcome.
 */
export async function runRows(ctx, lib, rows, ids, make, http) {
  const rec = recorder();
  const api = make(lib, rec.fetch);
  const out = [];
  for (const row of rows) {
    if (row.before === "totp") ids.code = (await admin(ctx, "POST", "/__sandbox/orchestration/totp", { secret: ids.totpSecret })).code;
    const before = rec.calls.length;
    let error;
    try {
      await Promise.resolve().then(() => row.run(api, ids));
    } catch (e) {
      error = e;
    }
    const calls = rec.calls.slice(before);
    if (row.capture) {
      const ok = calls.find((c) => c.status >= 200 && c.status < 300 && c.response && typeof c.response === "object");
      if (ok) row.capture(ok.response, ids);
    }
    if (row.fixture && (row.captures || []).some((k) => !ids[k])) await row.fixture(http, ids);
    out.push({ row, lines: calls.map((c) => line(c, ids)), result: resultOf(error), error });
    if (DUMP) console.log(`  [${lib === ctx.sdk ? "ours" : PACKAGE}] ${row.call}: ${resultOf(error)}${error ? ` ${Array.isArray(error.issues) ? error.issues.slice(0, 4).map((i) => `${i.path.join(".")}: ${i.message}`).join("; ") : error.message}` : ""}${calls.map((c) => `\n      ${line(c, ids)}`).join("")}`);
  }
  return out;
}

/** Compares both runs with the table; returns the problems (empty = all as specified). */
export function compare(rows, theirs, mine) {
  const problems = [];
  rows.forEach((row, i) => {
    const p = theirs[i];
    const o = mine && mine[i];
    const wantPkg = row.pkg ?? row.docs;
    const show = (xs) => (xs.length ? xs.map((x) => `\n        ${x}`).join("") : " (nothing sent)");
    if (o && canonical(o.lines) !== canonical(row.docs)) problems.push(`${row.call}: ours sent${show(o.lines)}\n      docs say${show(row.docs)}`);
    if (o && o.result !== "ok") problems.push(`${row.call}: ours rejected (${o.error && o.error.name}: ${o.error && o.error.message}) — the docs' call must resolve`);
    if (canonical(p.lines) !== canonical(wantPkg)) problems.push(`${row.call}: ${PACKAGE} sent${show(p.lines)}\n      table expects${show(wantPkg)}`);
    if (p.result !== (row.pkgResult ?? "ok")) problems.push(`${row.call}: ${PACKAGE} ${p.result === "ok" ? "resolved" : `rejected with ${p.result} (${String(p.error && p.error.message).split("\n")[0].slice(0, 120)})`}, table expects ${row.pkgResult ?? "ok"}`);
  });
  return problems;
}

export function report(assert, problems, label) {
  assert.ok(problems.length === 0, `${label}: ${problems.length} difference(s) not in the table:\n    ${problems.join("\n    ")}`);
}

export async function keyClients(ctx) {
  const settings = { quoteDelayMs: 0, kycDelayMs: 0 };
  const [tp, to] = [await admin(ctx, "POST", "/__sandbox/orchestration/tenants", settings), await admin(ctx, "POST", "/__sandbox/orchestration/tenants", settings)];
  return [tp, to];
}
