#!/usr/bin/env node
// Runs the shared suites and tests/browser/*.suite.mjs inside headless Chromium (Debian's
// /usr/bin/chromium through playwright-core), against the package's browser entry.
//   SEISMIC_PKG_DIR=/abs/pkg SEISMIC_SANDBOX_URL=... SEISMIC_SANDBOX_NOACCESS_KEY=... \
//   SEISMIC_PYTHON=python3 [SEISMIC_CHROMIUM=/usr/bin/chromium] node tests/run-browser.mjs [name-regex]
import http from "node:http";
import { createReadStream, statSync, mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join, resolve, sep, extname } from "node:path";
import nacl from "tweetnacl";
import { chromium } from "playwright-core";
import { pathToFileURL } from "node:url";
import { formatError } from "./shared/harness.mjs";
import assert from "./shared/assert.mjs";
import { makePynaclVectors, pynacl, pythonPath, INTEROP_PAYLOADS } from "./interop/pynacl.mjs";
import { pkgDir, outDir, sandboxConfig, listSuites, relFromTests, testFilter, checkPkgDir, Reporter, withTimeout, TESTS_DIR, REPO_ROOT } from "./runner-common.mjs";

const reporter = new Reporter("browser");
const dir = pkgDir();
const CHROMIUM = process.env.SEISMIC_CHROMIUM || "/usr/bin/chromium";
const TYPES = {
  ".html": "text/html; charset=utf-8",
  ".js": "text/javascript; charset=utf-8",
  ".mjs": "text/javascript; charset=utf-8",
  ".json": "application/json",
  ".wasm": "application/wasm",
  ".ts": "text/plain; charset=utf-8",
  ".map": "application/json",
  ".css": "text/css",
};

/**
 * Static server: /pkg/ -> package dir, /tests/ -> tests dir, /node_modules/ -> repo node_modules,
 * plus the exact paths of `routes` ((req, res, hookEnv) => void, from tests/browser/*.runner.mjs).
 */
function startServer(suiteList, routes = {}, hookEnv = {}) {
  const roots = { "/pkg/": dir, "/tests/": TESTS_DIR, "/node_modules/": join(REPO_ROOT, "node_modules") };
  const server = http.createServer((req, res) => {
    const url = new URL(req.url, "http://x");
    const path = decodeURIComponent(url.pathname);
    if (Object.hasOwn(routes, path)) {
      Promise.resolve()
        .then(() => routes[path](req, res, hookEnv))
        .catch((e) => {
          if (!res.headersSent) res.writeHead(500, { "content-type": "text/plain" });
          res.end(`runner route ${path} failed: ${formatError(e)}`);
        });
      return;
    }
    if (path === "/favicon.ico") {
      res.writeHead(204);
      return res.end();
    }
    if (path === "/") {
      res.writeHead(302, { location: "/tests/browser/index.html" });
      return res.end();
    }
    if (path === "/__suites.json") {
      res.writeHead(200, { "content-type": "application/json", "cache-control": "no-store" });
      return res.end(JSON.stringify(suiteList));
    }
    const prefix = Object.keys(roots).find((p) => path.startsWith(p));
    if (!prefix) {
      res.writeHead(404);
      return res.end("not found");
    }
    const root = resolve(roots[prefix]);
    const file = resolve(root, "." + path.slice(prefix.length - 1));
    if (file !== root && !file.startsWith(root + sep)) {
      res.writeHead(403);
      return res.end("forbidden");
    }
    let st;
    try {
      st = statSync(file);
    } catch {
      res.writeHead(404);
      return res.end("not found");
    }
    if (!st.isFile()) {
      res.writeHead(404);
      return res.end("not a file");
    }
    res.writeHead(200, {
      "content-type": TYPES[extname(file)] || "application/octet-stream",
      "content-length": st.size,
      "cache-control": "no-store",
    });
    createReadStream(file).pipe(res);
  });
  return new Promise((ok) => server.listen(0, "127.0.0.1", () => ok(server)));
}

async function main() {
  console.log(`seismic-sdk browser tests: ${CHROMIUM}, package ${dir}`);
  const missing = checkPkgDir(dir, "browser.js");
  if (missing) {
    reporter.record({ name: "load package (browser entry)", ok: false, error: missing });
    return;
  }
  const { sandboxUrl, noAccessKey, widgetOrigin } = sandboxConfig();
  console.log(`sandbox: ${sandboxUrl || "(SEISMIC_SANDBOX_URL not set)"}`);
  const python = pythonPath();
  const vectors = await makePynaclVectors(python);
  console.log(vectors.error ? `PyNaCl: ${vectors.error}` : `PyNaCl ${vectors.version}: ${vectors.pynacl.length} vectors for the page`);

  const suites = [...listSuites("shared", ".suite.mjs"), ...listSuites("browser", ".suite.mjs")].map(relFromTests);
  // Runner hooks (tests/browser/*.runner.mjs): extra server routes and checks driven from Node
  // with their own pages (e.g. the card widget on a second origin).
  const hooks = [];
  for (const file of listSuites("browser", ".runner.mjs")) {
    try {
      hooks.push({ file: relFromTests(file), module: await import(pathToFileURL(file).href) });
    } catch (e) {
      reporter.record({ name: `load ${relFromTests(file)}`, ok: false, error: formatError(e) });
    }
  }
  const hookEnv = { sandboxUrl, widgetOrigin, pkgDir: dir, outDir: outDir("browser"), assert };
  const routes = Object.assign({}, ...hooks.map((h) => h.module.routes || {}));
  const server = await startServer(suites, routes, hookEnv);
  const origin = `http://127.0.0.1:${server.address().port}`;
  hookEnv.origin = origin;
  console.log(`static server: ${origin}`);
  const profile = mkdtempSync(join(tmpdir(), "seismic-chromium-"));
  let context;
  try {
    context = await chromium.launchPersistentContext(profile, {
      executablePath: CHROMIUM,
      headless: true,
      args: [
        "--no-sandbox",
        "--disable-gpu",
        "--disable-background-networking",
        "--disable-component-update",
        "--disable-sync",
        "--no-first-run",
        "--disable-quic",
      ],
      viewport: { width: 1100, height: 900 },
    });
    console.log(`chromium ${context.browser()?.version() ?? ""}`.trim());
    const page = context.pages()[0] || (await context.newPage());
    const pageErrors = [];
    page.on("pageerror", (e) => pageErrors.push(`pageerror: ${e.message}`));
    let httpErrorLogs = 0;
    page.on("console", (m) => {
      // Chromium logs every non-2xx fetch; the client tests provoke many on purpose.
      if (/^Failed to load resource: the server responded with a status of/.test(m.text())) return void httpErrorLogs++;
      if (m.type() === "error" || m.type() === "warning") pageErrors.push(`console.${m.type()}: ${m.text()}`);
    });
    page.on("requestfailed", (r) => pageErrors.push(`requestfailed: ${r.url()} ${r.failure()?.errorText ?? ""}`));

    await page.goto(`${origin}/tests/browser/index.html`);
    const state = await page
      .waitForFunction(() => window.__seismicReady || window.__seismicLoadError, null, { timeout: 60000 })
      .then(() => page.evaluate(() => ({ ready: !!window.__seismicReady, error: window.__seismicLoadError, names: window.__seismic?.names ?? [] })))
      .catch((e) => ({ ready: false, error: formatError(e) }));
    if (!state.ready) {
      reporter.record({ name: "load page and package (browser entry)", ok: false, error: `${state.error}\n${pageErrors.join("\n")}` });
      await page.screenshot({ path: join(outDir("browser"), "results.png"), fullPage: true }).catch(() => {});
      return;
    }
    const keep = testFilter();
    const cfg = { sandboxUrl, noAccessKey, widgetOrigin, vectors, timeoutMs: 60000 };
    for (const name of state.names.filter(keep)) {
      const r = await withTimeout(
        page.evaluate(({ name, cfg }) => window.__seismic.run(name, cfg), { name, cfg }),
        90000,
        `page.evaluate(${name})`,
      ).catch((e) => ({ name, ok: false, ms: 0, error: formatError(e) }));
      reporter.record(r);
    }

    // Envelopes sealed in the page, opened in Node by PyNaCl and tweetnacl.
    if (keep("browser interop: PyNaCl and tweetnacl (Node) open envelopes sealed in the page")) {
      const started = Date.now();
      try {
        const key = nacl.randomBytes(32);
        const keyB64 = Buffer.from(key).toString("base64");
        const sealed = await page.evaluate(({ keyB64, payloads }) => window.__seismic.seal(keyB64, payloads), { keyB64, payloads: INTEROP_PAYLOADS });
        const answers = await pynacl(sealed.map((encrypted) => ({ op: "open", keyB64, encrypted })), python);
        sealed.forEach((encrypted, i) => {
          const a = answers[i];
          if (a.error) throw new Error(`PyNaCl could not open page envelope #${i}: ${a.error}`);
          const { request_timestamp, ...rest } = a.payload;
          if (JSON.stringify(rest) !== JSON.stringify(INTEROP_PAYLOADS[i]) || !Number.isSafeInteger(request_timestamp)) {
            throw new Error(`PyNaCl payload #${i} differs: ${JSON.stringify(a.payload).slice(0, 200)}`);
          }
          const raw = new Uint8Array(Buffer.from(encrypted, "base64"));
          const pt = nacl.secretbox.open(raw.subarray(24), raw.subarray(0, 24), key);
          if (!pt) throw new Error(`tweetnacl could not open page envelope #${i}`);
          const obj = JSON.parse(Buffer.from(pt).toString("utf8"));
          if (JSON.stringify(obj) !== JSON.stringify(a.payload)) throw new Error(`tweetnacl and PyNaCl disagree on #${i}`);
        });
        reporter.record({ name: "browser interop: PyNaCl and tweetnacl (Node) open envelopes sealed in the page", ok: true, ms: Date.now() - started });
      } catch (e) {
        reporter.record({ name: "browser interop: PyNaCl and tweetnacl (Node) open envelopes sealed in the page", ok: false, ms: Date.now() - started, error: formatError(e) });
      }
    }

    hookEnv.context = context;
    for (const hook of hooks) {
      for (const check of (hook.module.checks || []).filter((c) => keep(c.name))) {
        const started = Date.now();
        try {
          if (!widgetOrigin && /widget/i.test(check.name)) throw new Error("SEISMIC_SANDBOX_WIDGET_ORIGIN is not set (the sandbox's widget origin; GET /__sandbox/health does not tell it)");
          await withTimeout(Promise.resolve().then(() => check.run(hookEnv)), 90000, check.name);
          reporter.record({ name: check.name, ok: true, ms: Date.now() - started });
        } catch (e) {
          reporter.record({ name: check.name, ok: false, ms: Date.now() - started, error: formatError(e) });
        }
      }
    }

    const passed = reporter.results.filter((r) => r.ok).length;
    await page.evaluate((s) => window.__seismic.done(s), `${passed} passed, ${reporter.results.length - passed} failed`).catch(() => {});
    const shot = join(outDir("browser"), "results.png");
    await page.screenshot({ path: shot, fullPage: true });
    console.log(`screenshot: ${shot}`);
    if (httpErrorLogs) console.log(`(${httpErrorLogs} expected "Failed to load resource" console lines for non-2xx API answers not shown)`);
    if (pageErrors.length) {
      console.log(`page diagnostics (${pageErrors.length}):`);
      for (const e of pageErrors.slice(0, 30)) console.log(`  ${e}`);
    }
  } finally {
    if (context) await context.close().catch(() => {});
    server.close();
    rmSync(profile, { recursive: true, force: true });
  }
}

try {
  await main();
} catch (e) {
  reporter.record({ name: "browser runner", ok: false, error: formatError(e) });
}
reporter.exit();
