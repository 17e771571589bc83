#!/usr/bin/env node
// Runs the edge Worker (www/edge/worker.mjs) locally in workerd through Miniflare, as
// `wrangler dev` would, against the built package. Prints one line
//   {"event":"ready","url":"http://127.0.0.1:PORT"}
// and serves until SIGINT/SIGTERM/SIGHUP (or stdin closing with --exit-with-stdin).
//
//   node www/edge/run.mjs [--port 0] [--host 127.0.0.1] [--pkg DIR] [--bind NAME=VALUE]… [--exit-with-stdin]
//
// Bindings: every name of BINDINGS below is read from the process environment (the same names
// as wrangler.toml's [vars] and secrets); --bind NAME=VALUE wins. Unset vars fall back to
// wrangler.toml's [vars]. The package: --pkg, else SEISMIC_PKG_DIR, else <repo>/pkg.
import { cpSync, mkdtempSync, readdirSync, readFileSync, rmSync, statSync, existsSync } from "node:fs";
import { tmpdir } from "node:os";
import { dirname, join, resolve } from "node:path";
import { fileURLToPath } from "node:url";
import { Miniflare } from "miniflare";

const HERE = dirname(fileURLToPath(import.meta.url));
const REPO = resolve(HERE, "..", "..");

/** Every binding the Worker reads (wrangler.toml: [vars] and the secrets). */
export const BINDINGS = [
  "CARDS_ENVIRONMENT",
  "CARDS_BASE_URL",
  "CARDS_CLIENT_ID",
  "CARDS_CLIENT_SECRET",
  "CARDS_WEBHOOK_SECRET",
  "ORCHESTRATION_BASE_URL",
  "ORCHESTRATION_API_KEY",
  "ENVELOPE_BASE_URL",
  "ENVELOPE_API_KEY",
  "ENVELOPE_ENCRYPTION_KEY",
  "ALLOWED_ORIGIN",
  "DEMO_ACCOUNT_ID",
  "DEMO_CARD_IDS",
  "WEBHOOK_HISTORY",
];

function usage(message) {
  console.error(`run.mjs: ${message}\nusage: node www/edge/run.mjs [--port N] [--host H] [--pkg DIR] [--bind NAME=VALUE]… [--exit-with-stdin]`);
  process.exit(2);
}

function parseArgs(argv) {
  const opts = { port: 0, host: "127.0.0.1", pkg: process.env.SEISMIC_PKG_DIR || join(REPO, "pkg"), binds: {}, exitWithStdin: false };
  for (let i = 0; i < argv.length; i++) {
    const arg = argv[i];
    const value = () => (i + 1 < argv.length ? argv[++i] : usage(`${arg} needs a value`));
    if (arg === "--port") opts.port = Number(value());
    else if (arg === "--host") opts.host = value();
    else if (arg === "--pkg") opts.pkg = value();
    else if (arg === "--exit-with-stdin") opts.exitWithStdin = true;
    else if (arg === "--bind") {
      const pair = value();
      const eq = pair.indexOf("=");
      if (eq < 1) usage(`--bind wants NAME=VALUE, got ${JSON.stringify(pair)}`);
      opts.binds[pair.slice(0, eq)] = pair.slice(eq + 1);
    } else usage(`unknown argument ${JSON.stringify(arg)}`);
  }
  if (!Number.isInteger(opts.port) || opts.port < 0 || opts.port > 65535) usage("--port must be 0..65535");
  opts.pkg = resolve(opts.pkg);
  return opts;
}

/** `compatibility_date` and the [vars] table of wrangler.toml (flat `KEY = "string"` lines only). */
export function readWranglerToml(file = join(HERE, "wrangler.toml")) {
  const out = { compatibilityDate: undefined, vars: {} };
  let section = "";
  for (const raw of readFileSync(file, "utf8").split("\n")) {
    const line = raw.replace(/#.*$/, "").trim();
    if (!line) continue;
    const header = /^\[+\s*([^\]]+?)\s*\]+$/.exec(line);
    if (header) {
      section = header[1];
      continue;
    }
    const kv = /^([A-Za-z0-9_]+)\s*=\s*"([^"]*)"$/.exec(line);
    if (!kv) continue;
    if (section === "" && kv[1] === "compatibility_date") out.compatibilityDate = kv[2];
    if (section === "vars") out.vars[kv[1]] = kv[2];
  }
  return out;
}

/** Modules for Miniflare: the worker, an alias module named "seismic-sdk", and the package's files. */
function stage(pkg) {
  const root = mkdtempSync(join(tmpdir(), "seismic-edge-"));
  cpSync(pkg, join(root, "pkg"), { recursive: true, dereference: true });
  const modules = [];
  for (const f of readdirSync(HERE).filter((f) => f.endsWith(".mjs") && f !== "run.mjs")) {
    cpSync(join(HERE, f), join(root, f));
  }
  modules.push({ type: "ESModule", path: join(root, "worker.mjs") });
  for (const f of readdirSync(root).filter((f) => f.endsWith(".mjs") && f !== "worker.mjs")) modules.push({ type: "ESModule", path: join(root, f) });
  // What wrangler does through node_modules and the exports map's "workerd" condition.
  modules.push({ type: "ESModule", path: join(root, "seismic-sdk"), contents: 'export * from "./pkg/workerd.js";\n' });
  const walk = (dir) => {
    for (const name of readdirSync(dir)) {
      const p = join(dir, name);
      if (statSync(p).isDirectory()) walk(p);
      else if (name.endsWith(".js")) modules.push({ type: "ESModule", path: p });
      else if (name.endsWith(".wasm")) modules.push({ type: "CompiledWasm", path: p });
    }
  };
  walk(join(root, "pkg"));
  return { root, modules };
}

async function main() {
  const opts = parseArgs(process.argv.slice(2));
  if (!existsSync(join(opts.pkg, "workerd.js"))) usage(`no built package at ${opts.pkg} (run \`cargo xtask build\`, or pass --pkg)`);
  const toml = readWranglerToml();
  const bindings = { ...toml.vars };
  for (const name of BINDINGS) if (process.env[name] !== undefined) bindings[name] = process.env[name];
  Object.assign(bindings, opts.binds);
  for (const name of Object.keys(bindings)) if (!BINDINGS.includes(name)) console.error(`run.mjs: warning: the Worker does not read ${name}`);

  const { root, modules } = stage(opts.pkg);
  const mf = new Miniflare({
    modules,
    modulesRoot: root,
    compatibilityDate: toml.compatibilityDate || "2026-04-01",
    bindings,
    host: opts.host,
    port: opts.port,
  });
  let stopping = false;
  const stop = async (code = 0) => {
    if (stopping) return;
    stopping = true;
    await mf.dispose().catch(() => {});
    rmSync(root, { recursive: true, force: true });
    process.exit(code);
  };
  for (const signal of ["SIGINT", "SIGTERM", "SIGHUP"]) process.on(signal, () => stop(0));
  if (opts.exitWithStdin) {
    process.stdin.on("end", () => stop(0));
    process.stdin.on("error", () => stop(0));
    process.stdin.resume();
  }
  let url;
  try {
    url = await mf.ready;
  } catch (e) {
    console.error(`run.mjs: workerd did not start: ${e && e.stack ? e.stack : e}`);
    await stop(1);
    return;
  }
  const base = String(url).replace(/\/+$/, "");
  console.log(JSON.stringify({ event: "ready", url: base }));
}

await main();
