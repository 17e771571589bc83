#!/usr/bin/env node
// SeismicOrchestrationClient against the npm package it replaces (seismic-orchestration 0.0.14).
//   SEISMIC_PKG_DIR=/abs/pkg SEISMIC_SANDBOX_URL=http://127.0.0.1:PORT node benches/orchestration.bench.mjs
// (a) Per-call overhead against the sandbox: calls/s of `accounts.list()` (API-key auth, an org
//     with no accounts, so both clients accept the answer) at 1 and at 50 calls in flight, ours vs
//     the package, with plain fetch + JSON.parse of the same GET for scale.
// (b) Decoding + validating a 200-order `customers.orders()` answer, client-side only: both clients
//     get a `fetch` answering a canned body built from a real order (quote with wait, acceptBest)
//     cloned 200 times with distinct ids — the documented array for ours, the same orders in the
//     package's own page shape (`{ data, next_cursor }`, nested legs) for the package, which
//     zod-parses it. Ops/s and ours/theirs.
// (c) Size, gzip -9: our package as the build's size line counts it (wasm; seismic_sdk.js +
//     browser.js + snippets/**, plus orchestration.js, the client's JS half) vs seismic-orchestration
//     bundled with zod by esbuild (--bundle --minify --format=esm).
// Each case runs in BENCH_ROUNDS rounds (default 3), the cases alternating within a round, and
// reports its median round: a shared machine's background load then hits every case alike.
// Env: BENCH_SECONDS (per case and round; default 2 for (a), 1.5 for (b)), BENCH_ROUNDS,
// BENCH_WARMUP_SECONDS (default 0.5), BENCH_CONCURRENCY (the "many in flight" case, default 50).
import { existsSync, mkdirSync, readFileSync, readdirSync, statSync, writeFileSync } from "node:fs";
import { join, resolve } from "node:path";
import { fileURLToPath, pathToFileURL } from "node:url";
import { gzipSync } from "node:zlib";
import { randomUUID } from "node:crypto";
import { build } from "esbuild";

const ROOT = fileURLToPath(new URL("../", import.meta.url));
const PKG = process.env.SEISMIC_PKG_DIR ? resolve(process.env.SEISMIC_PKG_DIR) : join(ROOT, "pkg");
const SANDBOX = (process.env.SEISMIC_SANDBOX_URL || "").replace(/\/+$/, "");
const OUT = join(ROOT, "benches", "out");
const CALL_SECONDS = Number(process.env.BENCH_SECONDS || 2);
const DECODE_SECONDS = Number(process.env.BENCH_SECONDS || 1.5);
const ROUNDS = Math.max(1, Number(process.env.BENCH_ROUNDS || 3));
const WARMUP = Number(process.env.BENCH_WARMUP_SECONDS || 0.5);
const MANY = Number(process.env.BENCH_CONCURRENCY || 50);
const THEIRS = "seismic-orchestration";
const ORDERS = 200;

if (!existsSync(join(PKG, "node.js"))) {
  console.error(`package not found at ${PKG} (set SEISMIC_PKG_DIR)`);
  process.exit(2);
}
if (!SANDBOX) {
  console.error("SEISMIC_SANDBOX_URL is not set");
  process.exit(2);
}
const sdk = await import(pathToFileURL(join(PKG, "node.js")).href);
if (typeof sdk.SeismicOrchestrationClient !== "function") {
  console.error(`${PKG} has no SeismicOrchestrationClient`);
  process.exit(2);
}
const pkg = await import(THEIRS);
const theirsVersion = JSON.parse(readFileSync(join(ROOT, "node_modules", THEIRS, "package.json"), "utf8")).version;
const report = {
  date: new Date().toISOString(),
  node: process.version,
  platform: `${process.platform}-${process.arch}`,
  versions: {
    "seismic-sdk": JSON.parse(readFileSync(join(PKG, "package.json"), "utf8")).version,
    [THEIRS]: theirsVersion,
    zod: JSON.parse(readFileSync(join(ROOT, "node_modules/zod/package.json"), "utf8")).version,
    esbuild: JSON.parse(readFileSync(join(ROOT, "node_modules/esbuild/package.json"), "utf8")).version,
  },
};
const API = `${SANDBOX}/api`;

async function admin(path, body) {
  const res = await fetch(SANDBOX + path, { method: "POST", headers: { "content-type": "application/json" }, body: JSON.stringify(body) });
  if (!res.ok) throw new Error(`sandbox ${path} -> ${res.status}: ${await res.text()}`);
  return res.json();
}

function percentile(sorted, p) {
  if (!sorted.length) return NaN;
  return sorted[Math.min(sorted.length - 1, Math.floor((p / 100) * sorted.length))];
}

/** `concurrency` loops of `one()` for `seconds`; `one` resolves true when the answer was right. */
async function closedLoop(one, seconds, concurrency) {
  const latencies = [];
  let ok = 0;
  let bad = 0;
  let firstBad;
  const end = performance.now() + seconds * 1000;
  const started = performance.now();
  await Promise.all(
    Array.from({ length: concurrency }, async () => {
      while (performance.now() < end) {
        const t0 = performance.now();
        try {
          if (await one()) ok++;
          else bad++;
        } catch (e) {
          bad++;
          firstBad ??= `${e && e.name}: ${e && e.message}`.slice(0, 200);
        }
        latencies.push(performance.now() - t0);
      }
    }),
  );
  const elapsed = (performance.now() - started) / 1000;
  latencies.sort((a, b) => a - b);
  return { ok, bad, firstBad, seconds: elapsed, rps: ok / elapsed, p50: percentile(latencies, 50), p99: percentile(latencies, 99) };
}

const int = (x) => Math.round(x).toLocaleString("en-US");
/** The element with the median `key` (the lower middle one for an even count). */
const median = (xs, key) => [...xs].sort((a, b) => key(a) - key(b))[Math.floor((xs.length - 1) / 2)];
/** `xs` rotated left by `n`: each round starts with another case. */
const rotate = (xs, n) => xs.map((_, i) => xs[(i + n) % xs.length]);

// ------------------------------------------------------------------------------- (a) calls/s
async function callBench() {
  const t = await admin("/__sandbox/orchestration/tenants", {});
  const ours = new sdk.SeismicOrchestrationClient({ baseUrl: API, apiKey: t.apiKey });
  const theirs = new pkg.SeismicOrchestrationClient({ baseUrl: API, apiKey: t.apiKey });
  // The package has no timeout: this is the cheapest fetch wrapper that gives it ours (30 s per
  // attempt, the request really aborted). Node's fetch pays ~25 µs for any signal it is given.
  const timed = (url, init) => {
    const ctl = new AbortController();
    const timer = setTimeout(() => ctl.abort(), 30_000);
    return fetch(url, { ...init, signal: ctl.signal }).finally(() => clearTimeout(timer));
  };
  const theirsTimed = new pkg.SeismicOrchestrationClient({ baseUrl: API, apiKey: t.apiKey, fetch: timed });
  const cases = {
    ours: { label: "seismic-sdk accounts.list()", one: async () => (await ours.accounts.list()).length === 0 },
    theirs: { label: `${THEIRS} accounts.list()`, one: async () => (await theirs.accounts.list()).length === 0 },
    theirsTimed: { label: `${THEIRS} + a 30 s timeout`, one: async () => (await theirsTimed.accounts.list()).length === 0 },
    raw: {
      label: "plain fetch + JSON.parse (same GET, no SDK)",
      one: async () => {
        const res = await fetch(`${API}/v0/accounts`, { headers: { "Api-Key": t.apiKey, accept: "application/json" } });
        const body = await res.json();
        return res.status === 200 && Array.isArray(body.accounts) && body.accounts.length === 0;
      },
    },
  };
  for (const [id, c] of Object.entries(cases)) if (!(await c.one())) throw new Error(`${id}: accounts.list() gave a wrong answer`);
  const out = {};
  for (const concurrency of [1, MANY]) {
    const rounds = Object.fromEntries(Object.keys(cases).map((id) => [id, []]));
    for (const [id, c] of Object.entries(cases)) await closedLoop(c.one, WARMUP, concurrency);
    for (let round = 0; round < ROUNDS; round++) {
      for (const [id, c] of rotate(Object.entries(cases), round)) {
        const r = await closedLoop(c.one, CALL_SECONDS, concurrency);
        if (r.bad) throw new Error(`${id} at ${concurrency} in flight: ${r.bad} failed calls (${r.firstBad})`);
        rounds[id].push(r);
      }
    }
    out[concurrency] = {};
    for (const [id, c] of Object.entries(cases)) {
      const r = median(rounds[id], (x) => x.rps);
      out[concurrency][id] = { ...r, rounds: rounds[id].map((x) => Math.round(x.rps)) };
      console.log(`  ${c.label.padEnd(46)} ${String(concurrency).padStart(3)} in flight: ${int(r.rps)} calls/s (p50 ${r.p50.toFixed(2)} ms, p99 ${r.p99.toFixed(2)} ms; rounds ${out[concurrency][id].rounds.map(int).join(" / ")})`);
    }
  }
  return out;
}

// ------------------------------------------------------------------------------- (b) decoding
/** A real order: customer, USDC wallet, quote (wait), acceptBest — through our client. */
async function realOrder() {
  const t = await admin("/__sandbox/orchestration/tenants", { quoteDelayMs: 0, kycDelayMs: 0 });
  const api = new sdk.SeismicOrchestrationClient({ baseUrl: API, apiKey: t.apiKey });
  const { customer } = await api.customers.create({
    external_id: "bench_user_1", type: "individual", email: "alice@example.com", first_name: "Alice", last_name: "Liddell", date_of_birth: "1990-04-12",
    address: { line1: "123 Main St", city: "Brooklyn", state: "NY", postal_code: "11201", country: "US" },
  });
  const snapshot = await api.customers.get(customer.id);
  const provider = snapshot.providers.find((p) => p.kyc.status === "approved").provider;
  const account = await api.customers.createAccount(customer.id, {
    provider, account_type: "external_digital_asset_wallet", currencies: "USDC", rails: "base", address: "0x71C7656EC7ab88b098defB751B7401B5f6d8976F",
  });
  const quotes = await api.quotes.create({ amount: "1000", source: { currency: "USD", rail: "ach" }, destination: account.id }, { wait: true });
  const accepted = await api.quotes.acceptBest(quotes.id);
  const orders = await api.customers.orders({ customer_id: customer.id });
  const order = orders.find((o) => o.id === accepted.order_id);
  if (!order) throw new Error(`the accepted order ${accepted.order_id} is not in customers.orders()`);
  const best = quotes.quotes.find((q) => q.id === quotes.best_quote_id) ?? quotes.quotes[0];
  return { order, best };
}

/** The documented order in the package's `RampOrder` shape (nested legs, other names). */
function toPackageShape(o, best) {
  const leg = (amount, currency, rail, address, accountId) => {
    const l = { amount, currency, rail };
    if (address) l.address = address;
    if (accountId) l.account_id = accountId;
    return l;
  };
  return {
    id: o.id,
    placed_by_user_id: o.user_id,
    customer_id: o.ramp_customer_id,
    status: o.status,
    source: leg(o.source_amount, o.source_currency, best.in.rail, undefined, o.source_account_id),
    destination: leg(best.out.amount, o.destination_currency, o.destination_chain ?? best.out.rail, o.destination_address, o.destination_account_id),
    idempotency_key: o.idempotency_key,
    funding_instructions: o.funding_instructions,
    reference: o.reference,
    comment: o.comment,
    created_at: o.created_at,
    updated_at: o.updated_at,
  };
}

/** Sequential awaited calls for `seconds`. */
async function timeAsync(one, seconds) {
  let ops = 0;
  const start = performance.now();
  const end = start + seconds * 1000;
  while (performance.now() < end) {
    if (!(await one())) throw new Error("wrong answer");
    ops++;
  }
  const elapsed = (performance.now() - start) / 1000;
  return { ops, seconds: elapsed, opsPerSec: ops / elapsed };
}

async function decodeBench() {
  const { order, best } = await realOrder();
  const docsOrders = [];
  for (let i = 0; i < ORDERS; i++) {
    const id = randomUUID();
    docsOrders.push({ ...order, id, idempotency_key: randomUUID(), provider_order_id: `SBX-${id.slice(0, 8).toUpperCase()}` });
  }
  const oursBody = JSON.stringify(docsOrders);
  const theirsBody = JSON.stringify({ data: docsOrders.map((o) => toPackageShape(o, best)), next_cursor: null });
  const canned = (body) => async () => new Response(body, { status: 200, headers: { "content-type": "application/json" } });
  const ours = new sdk.SeismicOrchestrationClient({ baseUrl: "https://orchestration.example.test/api", apiKey: "seismic_sandbox_bench", fetch: canned(oursBody) });
  const theirs = new pkg.SeismicOrchestrationClient({ baseUrl: "https://orchestration.example.test/api", apiKey: "seismic_sandbox_bench", fetch: canned(theirsBody) });
  const cases = {
    ours: { label: `seismic-sdk customers.orders(), ${ORDERS} orders`, bytes: Buffer.byteLength(oursBody), one: async () => (await ours.customers.orders()).length === ORDERS },
    theirs: { label: `${THEIRS} customers.orders(), ${ORDERS} orders (zod)`, bytes: Buffer.byteLength(theirsBody), one: async () => (await theirs.customers.orders()).data.length === ORDERS },
    json: { label: `Response.json() alone, ${ORDERS} orders (floor)`, bytes: Buffer.byteLength(oursBody), one: async () => (await (await canned(oursBody)()).json()).length === ORDERS },
  };
  // Correctness gate: ours validates, so a broken order must be refused.
  const broken = JSON.stringify(docsOrders.map((o, i) => (i === 137 ? { ...o, status: 42 } : o)));
  const strict = new sdk.SeismicOrchestrationClient({ baseUrl: "https://orchestration.example.test/api", apiKey: "k", fetch: canned(broken) });
  let refused;
  try {
    await strict.customers.orders();
  } catch (e) {
    refused = e;
  }
  if (!refused) throw new Error("ours accepted an order whose status is a number");
  const out = { orderTemplate: order, refusedWith: `${refused.name}: ${refused.message}` };
  const rounds = Object.fromEntries(Object.keys(cases).map((id) => [id, []]));
  for (const [id, c] of Object.entries(cases)) {
    if (!(await c.one())) throw new Error(`${id}: wrong answer`);
    await timeAsync(c.one, WARMUP);
  }
  for (let round = 0; round < ROUNDS; round++) {
    for (const [id, c] of rotate(Object.entries(cases), round)) rounds[id].push(await timeAsync(c.one, DECODE_SECONDS));
  }
  for (const [id, c] of Object.entries(cases)) {
    const r = median(rounds[id], (x) => x.opsPerSec);
    out[id] = { label: c.label, bytes: c.bytes, ...r, rounds: rounds[id].map((x) => Math.round(x.opsPerSec)) };
    console.log(`  ${c.label.padEnd(56)} ${int(r.opsPerSec)} ops/s (${(1e6 / r.opsPerSec).toFixed(0)} µs per call, body ${c.bytes} B; rounds ${out[id].rounds.map(int).join(" / ")})`);
  }
  return out;
}

// ------------------------------------------------------------------------------- (c) size
const gz = (buf) => gzipSync(buf, { level: 9 }).length;

function files(dir) {
  const out = [];
  for (const name of readdirSync(dir).sort()) {
    const p = join(dir, name);
    if (statSync(p).isDirectory()) out.push(...files(p));
    else out.push(p);
  }
  return out;
}

async function sizeBench() {
  const wasm = readFileSync(join(PKG, "seismic_sdk_bg.wasm"));
  // As xtask's print_size: seismic_sdk.js + browser.js + snippets/**, concatenated; plus
  // orchestration.js (the client's JS half, imported by every entry) when the package has it.
  const jsFiles = ["seismic_sdk.js", "browser.js", "orchestration.js"].map((f) => join(PKG, f)).filter(existsSync);
  if (existsSync(join(PKG, "snippets"))) jsFiles.push(...files(join(PKG, "snippets")));
  const js = Buffer.concat(jsFiles.map((f) => readFileSync(f)));
  const ours = { wasm: wasm.length, wasmGz: gz(wasm), js: js.length, jsGz: gz(js), files: jsFiles.map((f) => f.slice(PKG.length + 1)) };
  ours.gz = ours.wasmGz + ours.jsGz;
  const bundle = async (contents) => {
    const r = await build({ stdin: { contents, resolveDir: ROOT, loader: "js" }, bundle: true, minify: true, format: "esm", write: false, logLevel: "silent" });
    const text = r.outputFiles[0].contents;
    return { bytes: text.length, gz: gz(text) };
  };
  const theirs = await bundle(`export * from "${THEIRS}";`);
  const theirsClientOnly = await bundle(`export { SeismicOrchestrationClient } from "${THEIRS}";`);
  console.log(`  seismic-sdk: wasm ${ours.wasm} B (${ours.wasmGz} B gz) + JS ${ours.js} B (${ours.jsGz} B gz) = ${ours.gz} B gz [${ours.files.join(", ")}]`);
  console.log(`  ${THEIRS} + zod, esbuild --bundle --minify --format=esm: ${theirs.bytes} B (${theirs.gz} B gz); only SeismicOrchestrationClient imported: ${theirsClientOnly.bytes} B (${theirsClientOnly.gz} B gz)`);
  return { ours, theirs, theirsClientOnly };
}

// ------------------------------------------------------------------------------- run
console.log(`Orchestration benchmarks: node ${process.version}, package ${PKG}, ${THEIRS} ${theirsVersion}, sandbox ${SANDBOX}`);
console.log(`(a) accounts.list() against the sandbox, API-key auth, ${ROUNDS} rounds of ${CALL_SECONDS} s per case after ${WARMUP} s warm-up (median round)`);
const calls = await callBench();
console.log(`\n(b) customers.orders() decoding + validation, canned ${ORDERS}-order answer, ${ROUNDS} rounds of ${DECODE_SECONDS} s per case (median round)`);
const decode = await decodeBench();
console.log("\n(c) size, gzip -9");
const size = await sizeBench();

const ratio = (a, b) => `${(a / b).toFixed(2)}×`;
const perCallUs = (r, raw) => ((1 / r.rps - 1 / raw.rps) * 1e6).toFixed(0);
const c1 = calls[1];
const cm = calls[MANY];
const rows = [
  ["accounts.list() against the sandbox, 1 in flight (calls/s)", int(c1.ours.rps), int(c1.theirs.rps), ratio(c1.ours.rps, c1.theirs.rps)],
  [`accounts.list() against the sandbox, ${MANY} in flight (calls/s)`, int(cm.ours.rps), int(cm.theirs.rps), ratio(cm.ours.rps, cm.theirs.rps)],
  ["… vs the package given the same 30 s timeout, 1 in flight (calls/s)", int(c1.ours.rps), int(c1.theirsTimed.rps), ratio(c1.ours.rps, c1.theirsTimed.rps)],
  [`… vs the package given the same 30 s timeout, ${MANY} in flight (calls/s)`, int(cm.ours.rps), int(cm.theirsTimed.rps), ratio(cm.ours.rps, cm.theirsTimed.rps)],
  ["… overhead over plain fetch + JSON.parse, 1 in flight (µs/call)", perCallUs(c1.ours, c1.raw), perCallUs(c1.theirs, c1.raw), "—"],
  [`customers.orders(), ${ORDERS} orders, decode + validate (ops/s)`, int(decode.ours.opsPerSec), int(decode.theirs.opsPerSec), ratio(decode.ours.opsPerSec, decode.theirs.opsPerSec)],
  ["package size, gzip -9 (bytes)", int(size.ours.gz), int(size.theirs.gz), ratio(size.ours.gz, size.theirs.gz)],
];
const table = [
  `| case | seismic-sdk | ${THEIRS} ${theirsVersion} | ours/theirs |`,
  "|---|---:|---:|---:|",
  ...rows.map((x) => `| ${x.join(" | ")} |`),
].join("\n");
console.log("\n" + table + "\n");
console.log(
  `plain fetch + JSON.parse of the same GET: ${int(c1.raw.rps)} calls/s at 1 in flight, ${int(cm.raw.rps)} at ${MANY}; ` +
    `Response.json() alone on the ${ORDERS}-order body: ${int(decode.json.opsPerSec)} ops/s. ` +
    `Size: ours = wasm ${int(size.ours.wasmGz)} + JS ${int(size.ours.jsGz)} B gz; theirs = ${THEIRS} + zod ${report.versions.zod} bundled by esbuild ${report.versions.esbuild} ` +
    `(${int(size.theirsClientOnly.gz)} B gz importing only SeismicOrchestrationClient). ` +
    "For calls/s and ops/s a ratio > 1 means seismic-sdk is faster; for size, < 1 means smaller.",
);

mkdirSync(OUT, { recursive: true });
Object.assign(report, {
  calls: { endpoint: "GET /v0/accounts (accounts.list(), empty org, API key)", seconds: CALL_SECONDS, rounds: ROUNDS, warmup: WARMUP, byConcurrency: calls },
  decode: { seconds: DECODE_SECONDS, rounds: ROUNDS, orders: ORDERS, ...decode, oursOverTheirs: decode.ours.opsPerSec / decode.theirs.opsPerSec },
  size: { ...size, oursOverTheirs: size.ours.gz / size.theirs.gz },
  markdown: table,
});
writeFileSync(join(OUT, "orchestration.json"), JSON.stringify(report, null, 2) + "\n");
console.log(`wrote ${join(OUT, "orchestration.json")}`);
