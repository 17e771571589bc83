// In-page harness: loads the package through its browser entry (top-level-await instantiation),
// loads the suites listed by the runner, and exposes window.__seismic for page.evaluate.
import assert from "../shared/assert.mjs";
import { runTest, collectTests, formatError } from "../shared/harness.mjs";

const statusEl = document.getElementById("status");
const logEl = document.getElementById("log");

function log(text, cls) {
  const line = document.createElement("div");
  if (cls) line.className = cls;
  line.textContent = text;
  logEl.appendChild(line);
}

async function boot() {
  let sdk;
  try {
    sdk = await import("/pkg/browser.js");
  } catch (e) {
    throw new Error(`importing /pkg/browser.js failed: ${formatError(e)}`);
  }
  const list = await (await fetch("/__suites.json")).json();
  const modules = [];
  for (const file of list) modules.push({ file, module: await import(`/tests/${file}`) });
  const tests = collectTests(modules, "browser");
  const byName = new Map(tests.map((t) => [t.name, t]));
  let passed = 0;
  let failed = 0;

  window.__seismic = {
    names: tests.map((t) => t.name),
    async run(name, cfg) {
      const t = byName.get(name);
      if (!t) return { name, ok: false, ms: 0, error: `no such test ${name}` };
      const ctx = { sdk, assert, runtime: "browser", sandboxUrl: cfg.sandboxUrl, noAccessKey: cfg.noAccessKey, widgetOrigin: cfg.widgetOrigin, vectors: cfg.vectors };
      const r = await runTest(t, ctx, cfg.timeoutMs || 60000);
      r.ok ? passed++ : failed++;
      log(`${r.ok ? "ok  " : "FAIL"} ${String(r.ms).padStart(6)} ms  ${r.name}${r.ok ? "" : "\n      " + r.error.split("\n")[0]}`, r.ok ? "ok" : "fail");
      statusEl.textContent = `${passed} passed, ${failed} failed`;
      return r;
    },
    /** Seals in the page for the runner to open with PyNaCl and tweetnacl in Node. */
    seal(keyB64, payloads) {
      return payloads.map((p) => sdk.sealEnvelope(keyB64, p).encrypted);
    },
    done(summary) {
      statusEl.textContent = summary;
    },
  };
  statusEl.textContent = `loaded ${tests.length} tests`;
}

boot().then(
  () => {
    window.__seismicReady = true;
  },
  (e) => {
    window.__seismicLoadError = formatError(e);
    statusEl.textContent = "load failed";
    log(window.__seismicLoadError, "fail");
  },
);
