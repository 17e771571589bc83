#!/usr/bin/env node
// Seismic Cards benchmarks.
//   SEISMIC_PKG_DIR=/abs/pkg SEISMIC_SANDBOX_URL=http://127.0.0.1:PORT node benches/cards.bench.mjs
// (a) The widget token handler (createWidgetTokenHandler) inside workerd (Miniflare): a Worker
//     with one module-scope SeismicCardsClient whose token is already cached, answering
//     N concurrent POST { cardId } requests that each mint a widget token from the sandbox.
//     For scale: the same Worker doing the upstream GET with plain fetch (no SDK), the Worker
//     answering a static body (Miniflare's own cost), and the GET straight from Node.
// (b) Webhook verifications per second on a realistic ~1 KB event: verifyWebhook (wasm) vs
//     node:crypto createHmac('sha256') + timingSafeEqual + JSON.parse doing the same checks.
// Env: BENCH_SECONDS (default 3 for (a), 1.5 per case for (b)), BENCH_CONCURRENCY (default 16),
// BENCH_WARMUP_SECONDS (default 0.3).
import { cpSync, existsSync, mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join, resolve } from "node:path";
import { fileURLToPath, pathToFileURL } from "node:url";
import { createHmac, timingSafeEqual } from "node:crypto";
import { Miniflare } from "miniflare";
import { createCardsTenant, getCardsStats, fundedCard } from "../tests/shared/cards-sandbox.mjs";

const ROOT = fileURLToPath(new URL("../", import.meta.url));
const PKG = process.env.SEISMIC_PKG_DIR ? resolve(process.env.SEISMIC_PKG_DIR) : join(ROOT, "pkg");
const SANDBOX = (process.env.SEISMIC_SANDBOX_URL || "").replace(/\/+$/, "");
const OUT = join(ROOT, "benches", "out");
const HANDLER_SECONDS = Number(process.env.BENCH_SECONDS || 3);
const VERIFY_SECONDS = Number(process.env.BENCH_SECONDS || 1.5);
const WARMUP = Number(process.env.BENCH_WARMUP_SECONDS || 0.3);
const CONCURRENCY = Number(process.env.BENCH_CONCURRENCY || 16);
const COMPAT_DATE = process.env.SEISMIC_COMPAT_DATE || "2026-04-01";

if (!existsSync(join(PKG, "node.js")) || !existsSync(join(PKG, "workerd.js"))) {
  console.error(`package not found at ${PKG} (set SEISMIC_PKG_DIR)`);
  process.exit(2);
}
if (!SANDBOX) {
  console.error("SEISMIC_SANDBOX_URL is not set");
  process.exit(2);
}
const sdk = await import(pathToFileURL(join(PKG, "node.js")).href);
const report = {
  date: new Date().toISOString(),
  node: process.version,
  platform: `${process.platform}-${process.arch}`,
  versions: {
    "seismic-sdk": JSON.parse(readFileSync(join(PKG, "package.json"), "utf8")).version,
    miniflare: JSON.parse(readFileSync(join(ROOT, "node_modules/miniflare/package.json"), "utf8")).version,
  },
};

// ------------------------------------------------------------------------------- (a) handler
const WORKER = `
import * as sdk from "./pkg/workerd.js";
let handler;
export default {
  async fetch(request, env) {
    const path = new URL(request.url).pathname;
    // Baselines: Miniflare's own cost (a static answer), and the same upstream GET without the SDK.
    if (path === "/static") return new Response(JSON.stringify({ token: "x".repeat(40), expiresAt: 0 }), { headers: { "content-type": "application/json" } });
    if (path === "/raw") {
      const { cardId } = await request.json();
      const res = await fetch(env.SANDBOX_URL + "/v1/cards/" + cardId + "/private-info/access-token?accountId=" + env.ACCOUNT_ID, { headers: { "x-access-token": request.headers.get("x-upstream-token") } });
      const body = await res.json();
      return new Response(JSON.stringify({ token: body.data.accessToken, expiresAt: 0 }), { headers: { "content-type": "application/json", "cache-control": "no-store" } });
    }
    if (!handler) {
      const cards = new sdk.SeismicCardsClient({ baseUrl: env.SANDBOX_URL, clientId: env.CLIENT_ID, clientSecret: env.CLIENT_SECRET });
      handler = sdk.createWidgetTokenHandler({
        cards,
        authorize: (req) => (req.headers.get("authorization") === "Bearer bench" ? { accountId: env.ACCOUNT_ID, cardIds: [env.CARD_ID] } : null),
      });
    }
    return handler(request);
  },
};
`;

function percentile(sorted, p) {
  if (!sorted.length) return NaN;
  return sorted[Math.min(sorted.length - 1, Math.floor((p / 100) * sorted.length))];
}

/** N concurrent loops of `one()` for `seconds`; `one` resolves true when the answer was right. */
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
          firstBad ??= String(e && e.message);
        }
        latencies.push(performance.now() - t0);
      }
    }),
  );
  const elapsed = (performance.now() - started) / 1000;
  latencies.sort((a, b) => a - b);
  return { ok, bad, firstBad, seconds: elapsed, rps: ok / elapsed, p50: percentile(latencies, 50), p99: percentile(latencies, 99) };
}

async function handlerBench() {
  const t = await createCardsTenant(SANDBOX, { kycDelayMs: 20, cardholderDelayMs: 20 });
  const client = new sdk.SeismicCardsClient({ baseUrl: SANDBOX, clientId: t.clientId, clientSecret: t.clientSecret });
  const { accountId, cardId } = await fundedCard(client, t);
  const root = mkdtempSync(join(tmpdir(), "seismic-cards-bench-"));
  cpSync(PKG, join(root, "pkg"), { recursive: true, dereference: true });
  writeFileSync(join(root, "worker.mjs"), WORKER);
  const mf = new Miniflare({
    modules: true,
    modulesRoot: root,
    scriptPath: join(root, "worker.mjs"),
    modulesRules: [
      { type: "ESModule", include: ["**/*.js", "**/*.mjs"] },
      { type: "CompiledWasm", include: ["**/*.wasm"] },
    ],
    compatibilityDate: COMPAT_DATE,
    bindings: { SANDBOX_URL: SANDBOX, CLIENT_ID: t.clientId, CLIENT_SECRET: t.clientSecret, ACCOUNT_ID: accountId, CARD_ID: cardId },
  });
  try {
    await mf.ready;
    const body = JSON.stringify({ cardId });
    const post = (path, headers = {}) => async () => {
      const res = await mf.dispatchFetch(`http://worker.test${path}`, { method: "POST", headers: { "content-type": "application/json", authorization: "Bearer bench", ...headers }, body });
      const json = await res.json();
      return res.status === 200 && typeof json.token === "string" && json.token.length > 20;
    };
    const viaWorker = post("/api/widget-token");
    // Warm the isolate and the client's token cache, then check the answer once.
    for (let i = 0; i < 5; i++) if (!(await viaWorker())) throw new Error("the worker's handler did not answer 200 { token }");
    const before = await getCardsStats(SANDBOX, t.clientId);
    await closedLoop(viaWorker, WARMUP, CONCURRENCY);
    const worker = await closedLoop(viaWorker, HANDLER_SECONDS, CONCURRENCY);
    const after = await getCardsStats(SANDBOX, t.clientId);
    worker.oauthFlowsDuringRun = after.authorizeCalls - before.authorizeCalls;
    // Upstream alone: the same GET the handler makes, from Node, with a cached token.
    const token = await (async () => {
      const code = (await (await fetch(`${SANDBOX}/v1/oauth/authorize?clientId=${t.clientId}`)).json()).data.code;
      const r = await fetch(`${SANDBOX}/v1/oauth/access-token`, { method: "POST", headers: { "content-type": "application/json" }, body: JSON.stringify({ clientId: t.clientId, clientSecret: t.clientSecret, code }) });
      return (await r.json()).data.accessToken;
    })();
    const upstreamUrl = `${SANDBOX}/v1/cards/${cardId}/private-info/access-token?accountId=${accountId}`;
    const direct = async () => {
      const res = await fetch(upstreamUrl, { headers: { "x-access-token": token } });
      const json = await res.json();
      return res.status === 200 && json.code === "000000";
    };
    await closedLoop(direct, WARMUP, CONCURRENCY);
    const upstream = await closedLoop(direct, HANDLER_SECONDS, CONCURRENCY);
    const rawFetch = post("/raw", { "x-upstream-token": token });
    if (!(await rawFetch())) throw new Error("the worker's /raw baseline did not answer");
    await closedLoop(rawFetch, WARMUP, CONCURRENCY);
    const workerRaw = await closedLoop(rawFetch, HANDLER_SECONDS, CONCURRENCY);
    const staticAnswer = post("/static");
    await closedLoop(staticAnswer, WARMUP, CONCURRENCY);
    const workerStatic = await closedLoop(staticAnswer, HANDLER_SECONDS, CONCURRENCY);
    return { concurrency: CONCURRENCY, worker, workerRaw, workerStatic, upstream };
  } finally {
    await mf.dispose().catch(() => {});
    rmSync(root, { recursive: true, force: true });
  }
}

// ------------------------------------------------------------------------------- (b) webhooks
const SECRET = "whsec_bench_9f8e7d6c5b4a39281706f5e4";
function event1k(t) {
  const e = {
    id: "evt_9c1d2e3f4a5b",
    type: "CARD_TRANSACTION.UPDATED",
    createdAt: t,
    data: {
      transaction: {
        id: "0d13f168-339b-4b74-a412-07a6ababcd9c",
        cardId: "d8eda079-6ba7-409e-99c8-ab5f83566fbd",
        accountId: "78ad30f2-5794-47c7-b413-62cc599ab203",
        budgetId: "c0598084-16d9-4426-b98e-382166afb0eb",
        clientTransactionId: "txn-550e8400-e29b-41d4-a716-446655440000",
        type: "1",
        status: "CLOSED",
        amount: "42.50",
        currency: "USD",
        merchantName: "Blue Bottle Coffee #1042",
        merchantCategoryCode: "5814",
        merchantCity: "San Francisco",
        merchantCountry: "US",
        authorizationCode: "A1B2C3",
        createdAt: t * 1000,
        updatedAt: t * 1000,
      },
      card: { last4: "4242", label: "Team travel card", cardMode: "VIRTUAL_CARD", status: "ACTIVE" },
      memo: "",
    },
  };
  e.data.memo = "x".repeat(Math.max(0, 1024 - JSON.stringify(e).length));
  return JSON.stringify(e);
}

/** The same checks as verifyWebhook, with node:crypto. */
function nodeVerify(raw, header, secret, toleranceSeconds = 300) {
  let t;
  const sigs = [];
  for (const part of header.split(",")) {
    const at = part.indexOf("=");
    if (at < 0) throw new Error("invalid_header");
    const k = part.slice(0, at).trim();
    const v = part.slice(at + 1).trim();
    if (k === "t" && /^\d+$/.test(v)) t = Number(v);
    else if (k === "v1") {
      if (!/^(?:[0-9a-fA-F]{2})+$/.test(v)) throw new Error("invalid_header");
      sigs.push(Buffer.from(v, "hex"));
    }
  }
  if (t === undefined || !sigs.length) throw new Error("invalid_header");
  const expected = createHmac("sha256", secret).update(`${t}.`).update(raw).digest();
  let matched = false;
  for (const s of sigs) if (s.length === expected.length && timingSafeEqual(s, expected)) matched = true;
  if (!matched) throw new Error("no_signature_match");
  if (Math.abs(Math.floor(Date.now() / 1000) - t) > toleranceSeconds) throw new Error("timestamp_outside_tolerance");
  return JSON.parse(raw);
}

function time(fn, seconds) {
  const limit = BigInt(Math.round(seconds * 1e9));
  let ops = 0;
  let keep = 0;
  const start = process.hrtime.bigint();
  let elapsed = 0n;
  do {
    if (fn() !== undefined) keep++;
    ops++;
    elapsed = process.hrtime.bigint() - start;
  } while (elapsed < limit);
  if (keep !== ops) throw new Error("an implementation returned nothing");
  return { ops, seconds: Number(elapsed) / 1e9 };
}

function webhookBench() {
  const t = Math.floor(Date.now() / 1000);
  const raw = event1k(t);
  const bytes = new TextEncoder().encode(raw);
  const header = `t=${t},v1=${createHmac("sha256", SECRET).update(`${t}.${raw}`).digest("hex")}`;
  const impls = {
    ours: { label: "seismic-sdk verifyWebhook (string)", fn: () => sdk.verifyWebhook(raw, header, SECRET) },
    oursBytes: { label: "seismic-sdk verifyWebhook (Uint8Array)", fn: () => sdk.verifyWebhook(bytes, header, SECRET) },
    node: { label: "node:crypto createHmac + timingSafeEqual + JSON.parse", fn: () => nodeVerify(raw, header, SECRET) },
  };
  // Correctness gate: all accept the event, all refuse a tampered one.
  const expected = JSON.stringify(JSON.parse(raw));
  for (const [id, impl] of Object.entries(impls)) {
    if (JSON.stringify(impl.fn()) !== expected) throw new Error(`${id}: wrong event`);
  }
  const tampered = raw.replace('"42.50"', '"92.50"');
  for (const [id, f] of [["ours", () => sdk.verifyWebhook(tampered, header, SECRET)], ["node", () => nodeVerify(tampered, header, SECRET)]]) {
    let refused = false;
    try {
      f();
    } catch {
      refused = true;
    }
    if (!refused) throw new Error(`${id}: accepted a tampered body`);
  }
  const results = {};
  for (const [id, impl] of Object.entries(impls)) {
    time(impl.fn, WARMUP);
    const { ops, seconds } = time(impl.fn, VERIFY_SECONDS);
    results[id] = { label: impl.label, ops, seconds, opsPerSec: ops / seconds };
    console.log(`  ${impl.label.padEnd(56)} ${Math.round(ops / seconds).toLocaleString("en-US")} verifications/s`);
  }
  return { bodyBytes: Buffer.byteLength(raw), results };
}

// ------------------------------------------------------------------------------- run
console.log(`Cards benchmarks: node ${process.version}, package ${PKG}, sandbox ${SANDBOX}`);
console.log(`(a) widget token handler in workerd (Miniflare ${report.versions.miniflare}), ${CONCURRENCY} concurrent requests for ${HANDLER_SECONDS} s, warm token cache`);
const handler = await handlerBench();
const fmt = (r) => `${r.rps.toFixed(0)} req/s (p50 ${r.p50.toFixed(1)} ms, p99 ${r.p99.toFixed(1)} ms, ${r.ok} ok, ${r.bad} failed${r.firstBad ? `: ${r.firstBad}` : ""})`;
console.log(`  worker handler (dispatchFetch -> handler -> sandbox): ${fmt(handler.worker)}; OAuth flows during the run: ${handler.worker.oauthFlowsDuringRun}`);
console.log(`  worker without the SDK (dispatchFetch -> plain fetch of the same GET): ${fmt(handler.workerRaw)}`);
console.log(`  worker floor (dispatchFetch -> static answer): ${fmt(handler.workerStatic)}`);
console.log(`  upstream alone (Node fetch -> sandbox widget-token GET): ${fmt(handler.upstream)}`);
console.log(`\n(b) webhook verification, ~1 KB event, ${VERIFY_SECONDS} s per case`);
const webhooks = webhookBench();


const r = webhooks.results;
const rows = [
  ["widget token handler in workerd (Miniflare), warm token", `${Math.round(handler.worker.rps).toLocaleString("en-US")} req/s`, `${(handler.worker.rps / handler.upstream.rps).toFixed(2)}× of the upstream alone`],
  ["same GET from the Worker with plain fetch (no SDK)", `${Math.round(handler.workerRaw.rps).toLocaleString("en-US")} req/s`, `handler = ${(handler.worker.rps / handler.workerRaw.rps).toFixed(2)}× of this`],
  ["Worker answering a static body (Miniflare floor)", `${Math.round(handler.workerStatic.rps).toLocaleString("en-US")} req/s`, "—"],
  ["sandbox widget-token GET from Node (upstream alone)", `${Math.round(handler.upstream.rps).toLocaleString("en-US")} req/s`, "—"],
  [`${r.ours.label}, ${webhooks.bodyBytes} B`, `${Math.round(r.ours.opsPerSec).toLocaleString("en-US")} /s`, `${(r.ours.opsPerSec / r.node.opsPerSec).toFixed(2)}× node:crypto`],
  [`${r.oursBytes.label}, ${webhooks.bodyBytes} B`, `${Math.round(r.oursBytes.opsPerSec).toLocaleString("en-US")} /s`, `${(r.oursBytes.opsPerSec / r.node.opsPerSec).toFixed(2)}× node:crypto`],
  [`${r.node.label}, ${webhooks.bodyBytes} B`, `${Math.round(r.node.opsPerSec).toLocaleString("en-US")} /s`, "—"],
];
const table = ["| case | throughput | ratio |", "|---|---:|---:|", ...rows.map((x) => `| ${x.join(" | ")} |`)].join("\n");
console.log("\n" + table + "\n");
console.log(`concurrency ${CONCURRENCY}; ratio > 1 means seismic-sdk is faster.`);

mkdirSync(OUT, { recursive: true });
Object.assign(report, {
  widgetTokenHandler: { concurrency: CONCURRENCY, seconds: HANDLER_SECONDS, worker: handler.worker, workerWithoutSdk: handler.workerRaw, workerStatic: handler.workerStatic, upstream: handler.upstream, handlerOverPlainFetch: handler.worker.rps / handler.workerRaw.rps },
  webhookVerification: { seconds: VERIFY_SECONDS, bodyBytes: webhooks.bodyBytes, results: r, oursOverNode: r.ours.opsPerSec / r.node.opsPerSec, oursBytesOverNode: r.oursBytes.opsPerSec / r.node.opsPerSec },
  markdown: table,
});
writeFileSync(join(OUT, "cards.json"), JSON.stringify(report, null, 2) + "\n");
console.log(`wrote ${join(OUT, "cards.json")}`);
