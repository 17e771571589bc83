#!/usr/bin/env node
// Envelope seal/open benchmark: seismic-sdk (wasm) vs the usual JS ways of doing the same work.
//   SEISMIC_PKG_DIR=/abs/pkg node benches/envelope.bench.mjs
// Every case does the full job: seal = object in -> { encrypted } out (adds request_timestamp,
// random 24-byte nonce, JSON, secretbox, base64); open = { encrypted } in -> object out.
// Env: BENCH_SECONDS (default 1.5 per case), BENCH_WARMUP_SECONDS (default 0.3).
import { existsSync, mkdirSync, readFileSync, writeFileSync } from "node:fs";
import { join, resolve } from "node:path";
import { fileURLToPath, pathToFileURL } from "node:url";
import { randomBytes } from "node:crypto";
import nacl from "tweetnacl";
import { xsalsa20poly1305 } from "@noble/ciphers/salsa.js";
import sodium from "libsodium-wrappers";

const ROOT = fileURLToPath(new URL("../", import.meta.url));
const PKG = process.env.SEISMIC_PKG_DIR ? resolve(process.env.SEISMIC_PKG_DIR) : join(ROOT, "pkg");
const OUT = join(ROOT, "benches", "out");
const SECONDS = Number(process.env.BENCH_SECONDS || 1.5);
const WARMUP = Number(process.env.BENCH_WARMUP_SECONDS || 0.3);

if (!existsSync(join(PKG, "node.js"))) {
  console.error(`package not found at ${PKG} (set SEISMIC_PKG_DIR)`);
  process.exit(2);
}
const sdk = await import(pathToFileURL(join(PKG, "node.js")).href);
await sodium.ready;

// ---------------------------------------------------------------- payloads
function cardOrder(i) {
  return {
    external_user_id: `ext-user-${100000 + i}`,
    card_id: `card_${(0x9f3a7c00 + i).toString(16)}`,
    amount: `${(i % 997) + 10}.${String(i % 100).padStart(2, "0")}`,
    currency: "USD",
    card_product_id: "prod_virtual_usd_01",
    cardholder: { first_name: "Alexandra", last_name: "Montgomery-Smith", email: `alex.${i}@example.com`, phone: "+14155550123" },
    billing_address: { line1: "1234 Market Street", line2: "Suite 500", city: "San Francisco", state: "CA", postal_code: "94103", country: "US" },
    metadata: { source: "dashboard", campaign: "spring-2026", note: "Top-up for team travel expenses" },
  };
}
/** ~1 KB: one realistic card order, padded with a memo. */
function order1k() {
  const p = cardOrder(1);
  p.metadata.memo = "";
  p.metadata.memo = "x".repeat(Math.max(0, 1024 - JSON.stringify(p).length));
  return p;
}
/** ~1 MB: a batch of card orders. */
function batch1m() {
  const orders = [];
  let size = 40;
  for (let i = 0; size < 1024 * 1024; i++) {
    orders.push(cardOrder(i));
    size += JSON.stringify(orders[orders.length - 1]).length + 1;
  }
  return { batch_id: "batch_2026_11", orders };
}
const PAYLOADS = { "1k": order1k(), "1m": batch1m() };

// ---------------------------------------------------------------- implementations
const enc = new TextEncoder();
const dec = new TextDecoder();
const key = new Uint8Array(randomBytes(32));
const keyB64 = Buffer.from(key).toString("base64");
let lastTs = 0;
function timestampMicros() {
  // unique and monotonic, like a real client must be (replay protection)
  const now = Date.now() * 1000;
  lastTs = now > lastTs ? now : lastTs + 1;
  return lastTs;
}
function concat(nonce, box) {
  const out = new Uint8Array(nonce.length + box.length);
  out.set(nonce);
  out.set(box, nonce.length);
  return out;
}

const impls = {
  ours: {
    label: "seismic-sdk (wasm)",
    seal: (payload) => sdk.sealEnvelope(key, payload),
    open: (body) => sdk.openEnvelope(key, body),
  },
  tweetnacl: {
    label: "tweetnacl",
    seal: (payload) => {
      const nonce = nacl.randomBytes(24);
      const pt = enc.encode(JSON.stringify({ ...payload, request_timestamp: timestampMicros() }));
      return { encrypted: Buffer.from(concat(nonce, nacl.secretbox(pt, nonce, key))).toString("base64") };
    },
    open: (body) => {
      const raw = new Uint8Array(Buffer.from(body.encrypted, "base64"));
      const pt = nacl.secretbox.open(raw.subarray(24), raw.subarray(0, 24), key);
      if (!pt) throw new Error("tweetnacl: decryption failed");
      return JSON.parse(dec.decode(pt));
    },
  },
  noble: {
    label: "@noble/ciphers",
    seal: (payload) => {
      const nonce = new Uint8Array(randomBytes(24));
      const pt = enc.encode(JSON.stringify({ ...payload, request_timestamp: timestampMicros() }));
      return { encrypted: Buffer.from(concat(nonce, xsalsa20poly1305(key, nonce).encrypt(pt))).toString("base64") };
    },
    open: (body) => {
      const raw = new Uint8Array(Buffer.from(body.encrypted, "base64"));
      return JSON.parse(dec.decode(xsalsa20poly1305(key, raw.subarray(0, 24)).decrypt(raw.subarray(24))));
    },
  },
  libsodium: {
    label: "libsodium-wrappers",
    seal: (payload) => {
      const nonce = sodium.randombytes_buf(sodium.crypto_secretbox_NONCEBYTES);
      const pt = sodium.from_string(JSON.stringify({ ...payload, request_timestamp: timestampMicros() }));
      return { encrypted: sodium.to_base64(concat(nonce, sodium.crypto_secretbox_easy(pt, nonce, key)), sodium.base64_variants.ORIGINAL) };
    },
    open: (body) => {
      const raw = sodium.from_base64(body.encrypted, sodium.base64_variants.ORIGINAL);
      return JSON.parse(sodium.to_string(sodium.crypto_secretbox_open_easy(raw.subarray(24), raw.subarray(0, 24), key)));
    },
  },
};

// ---------------------------------------------------------------- correctness gate
function canonical(o) {
  const { request_timestamp, ...rest } = o;
  return JSON.stringify(rest);
}
for (const [size, payload] of Object.entries(PAYLOADS)) {
  for (const [id, impl] of Object.entries(impls)) {
    const sealed = impl.seal(payload);
    const byOurs = sdk.openEnvelope(key, sealed);
    if (canonical(byOurs) !== JSON.stringify(payload) || !Number.isSafeInteger(byOurs.request_timestamp)) {
      console.error(`correctness check failed: ${id} ${size} envelope does not open with seismic-sdk to the same payload`);
      process.exit(1);
    }
    const theirs = impl.open(impls.ours.seal(payload));
    if (canonical(theirs) !== JSON.stringify(payload)) {
      console.error(`correctness check failed: ${id} cannot open a seismic-sdk ${size} envelope`);
      process.exit(1);
    }
    const self = impl.open(sealed);
    if (canonical(self) !== JSON.stringify(payload)) {
      console.error(`correctness check failed: ${id} ${size} round trip`);
      process.exit(1);
    }
  }
}
console.log("correctness: every implementation's envelopes open with seismic-sdk and vice versa");

// ---------------------------------------------------------------- timing
/** Calls fn until `seconds` have elapsed; hrtime per call costs ~50 ns, noise next to the work. */
function time(fn, seconds) {
  const limit = BigInt(Math.round(seconds * 1e9));
  let ops = 0;
  let keep = 0;
  const start = process.hrtime.bigint();
  let elapsed = 0n;
  do {
    if (fn() !== undefined) keep++; // consume the result so the work cannot be skipped
    ops++;
    elapsed = process.hrtime.bigint() - start;
  } while (elapsed < limit);
  if (keep !== ops) throw new Error("an implementation returned nothing");
  return { ops, seconds: Number(elapsed) / 1e9 };
}

const results = [];
const sizes = {
  "1k": Buffer.byteLength(JSON.stringify(PAYLOADS["1k"])),
  "1m": Buffer.byteLength(JSON.stringify(PAYLOADS["1m"])),
};
console.log(`payload JSON: 1k = ${sizes["1k"]} B, 1m = ${sizes["1m"]} B; ${SECONDS}s per case after ${WARMUP}s warm-up; node ${process.version}`);
for (const size of ["1k", "1m"]) {
  const payload = PAYLOADS[size];
  for (const op of ["seal", "open"]) {
    for (const [id, impl] of Object.entries(impls)) {
      const body = impl.seal(payload);
      const fn = op === "seal" ? () => impl.seal(payload) : () => impl.open(body);
      time(fn, WARMUP);
      const { ops, seconds } = time(fn, SECONDS);
      const opsPerSec = ops / seconds;
      const mbps = (opsPerSec * sizes[size]) / (1024 * 1024);
      results.push({ size, op, impl: id, label: impl.label, ops, seconds, opsPerSec, mbps });
      process.stdout.write(`  ${size} ${op.padEnd(4)} ${impl.label.padEnd(20)} ${size === "1k" ? `${opsPerSec.toFixed(0)} ops/s` : `${mbps.toFixed(1)} MB/s`}\n`);
    }
  }
}

// ---------------------------------------------------------------- report
let native = null;
const nativePath = join(OUT, "native.json");
if (existsSync(nativePath)) {
  try {
    native = JSON.parse(readFileSync(nativePath, "utf8"));
  } catch (e) {
    console.warn(`ignoring ${nativePath}: ${e.message}`);
  }
}
const nativeKey = { "1k:seal": "seal_1k_ops", "1k:open": "open_1k_ops", "1m:seal": "seal_1m_mbps", "1m:open": "open_1m_mbps" };
const metric = (r) => (r.size === "1k" ? r.opsPerSec : r.mbps);
const ours = (size, op) => results.find((r) => r.size === size && r.op === op && r.impl === "ours");

const rows = [];
for (const r of results) {
  const o = ours(r.size, r.op);
  const row = {
    case: `${r.op} ${r.size === "1k" ? "1 KB" : "1 MB"}`,
    impl: r.label,
    value: metric(r),
    unit: r.size === "1k" ? "ops/s" : "MB/s",
    oursOverPeer: r.impl === "ours" ? null : metric(o) / metric(r),
  };
  if (r.impl === "ours" && native && typeof native[nativeKey[`${r.size}:${r.op}`]] === "number") {
    row.native = native[nativeKey[`${r.size}:${r.op}`]];
    row.oursOverNative = metric(r) / row.native;
  }
  rows.push(row);
}

const fmt = (v, unit) => (unit === "ops/s" ? Math.round(v).toLocaleString("en-US") : v.toFixed(1));
const lines = [
  "| case | implementation | throughput | ours / this |" + (native ? " ours / native Rust |" : ""),
  "|---|---|---:|---:|" + (native ? "---:|" : ""),
];
for (const r of rows) {
  const ratio = r.oursOverPeer == null ? "—" : `${r.oursOverPeer.toFixed(2)}×`;
  const nat = native ? (r.oursOverNative != null ? ` ${r.oursOverNative.toFixed(2)}× (native ${fmt(r.native, r.unit)} ${r.unit}) |` : " |") : "";
  lines.push(`| ${r.case} | ${r.impl} | ${fmt(r.value, r.unit)} ${r.unit} | ${ratio} |${nat}`);
}
const table = lines.join("\n");
console.log("\n" + table + "\n");
console.log("ours / this > 1 means seismic-sdk is faster than that implementation.");

mkdirSync(OUT, { recursive: true });
const report = {
  date: new Date().toISOString(),
  node: process.version,
  platform: `${process.platform}-${process.arch}`,
  secondsPerCase: SECONDS,
  payloadBytes: sizes,
  versions: {
    "seismic-sdk": JSON.parse(readFileSync(join(PKG, "package.json"), "utf8")).version,
    tweetnacl: JSON.parse(readFileSync(join(ROOT, "node_modules/tweetnacl/package.json"), "utf8")).version,
    "@noble/ciphers": JSON.parse(readFileSync(join(ROOT, "node_modules/@noble/ciphers/package.json"), "utf8")).version,
    "libsodium-wrappers": JSON.parse(readFileSync(join(ROOT, "node_modules/libsodium-wrappers/package.json"), "utf8")).version,
  },
  native,
  results: results.map((r) => ({ size: r.size, op: r.op, impl: r.impl, label: r.label, ops: r.ops, seconds: r.seconds, opsPerSec: r.opsPerSec, mbps: r.mbps })),
  table: rows,
  markdown: table,
};
writeFileSync(join(OUT, "envelope.json"), JSON.stringify(report, null, 2) + "\n");
console.log(`wrote ${join(OUT, "envelope.json")}`);
