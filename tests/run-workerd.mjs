#!/usr/bin/env node
// Runs the shared suites inside real workerd (npm miniflare), one request per test, against
// the package's workerd entry; plus a cross-request concurrency check on a module-scope client.
//   SEISMIC_PKG_DIR=/abs/pkg SEISMIC_SANDBOX_URL=... SEISMIC_SANDBOX_NOACCESS_KEY=... \
//   SEISMIC_PYTHON=python3 node tests/run-workerd.mjs [name-regex]
import { cpSync, mkdtempSync, mkdirSync, rmSync, writeFileSync, readFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join, basename } from "node:path";
import { pathToFileURL } from "node:url";
import { Miniflare } from "miniflare";
import assert from "./shared/assert.mjs";
import { formatError } from "./shared/harness.mjs";
import { makePynaclVectors, pythonPath } from "./interop/pynacl.mjs";
import { createTenant, addFault, getStats } from "./shared/sandbox.mjs";
import { pkgDir, sandboxConfig, listSuites, testFilter, checkPkgDir, Reporter, withTimeout, TESTS_DIR } from "./runner-common.mjs";

const reporter = new Reporter("workerd");
const dir = pkgDir();
const COMPAT_DATE = process.env.SEISMIC_COMPAT_DATE || "2026-04-01";

/** Copies package + suites + worker into one modulesRoot and writes the static suite index. */
function stageTree() {
  const root = mkdtempSync(join(tmpdir(), "seismic-workerd-"));
  cpSync(dir, join(root, "pkg"), { recursive: true, dereference: true });
  mkdirSync(join(root, "tests", "workerd"), { recursive: true });
  cpSync(join(TESTS_DIR, "shared"), join(root, "tests", "shared"), { recursive: true });
  cpSync(join(TESTS_DIR, "workerd", "worker.mjs"), join(root, "tests", "workerd", "worker.mjs"));
  const suites = [...listSuites("shared", ".suite.mjs"), ...listSuites("workerd", ".suite.mjs")];
  const lines = [];
  suites.forEach((file, i) => {
    const rel = file.includes(`${join("tests", "shared")}`) ? `../shared/${basename(file)}` : `./${basename(file)}`;
    if (rel.startsWith("./")) cpSync(file, join(root, "tests", "workerd", basename(file)));
    lines.push(`import * as s${i} from ${JSON.stringify(rel)};`);
  });
  lines.push(`export const suites = [${suites.map((f, i) => `{ file: ${JSON.stringify(basename(f))}, module: s${i} }`).join(", ")}];`);
  writeFileSync(join(root, "tests", "workerd", "suites.gen.mjs"), lines.join("\n") + "\n");
  // Extra worker routes (tests/workerd/*.routes.mjs) for the checks driven from Node.
  const routeFiles = listSuites("workerd", ".routes.mjs");
  const routeLines = routeFiles.map((file, i) => {
    cpSync(file, join(root, "tests", "workerd", basename(file)));
    return `import * as r${i} from ${JSON.stringify(`./${basename(file)}`)};`;
  });
  routeLines.push(`export const routeModules = [${routeFiles.map((_, i) => `r${i}`).join(", ")}];`);
  writeFileSync(join(root, "tests", "workerd", "routes.gen.mjs"), routeLines.join("\n") + "\n");
  return root;
}

async function post(mf, path, body, ms) {
  const res = await withTimeout(
    mf.dispatchFetch(`http://worker.test${path}`, { method: "POST", headers: { "content-type": "application/json" }, body: JSON.stringify(body) }),
    ms,
    `dispatchFetch ${path}`,
  );
  const text = await res.text();
  try {
    return JSON.parse(text);
  } catch {
    throw new Error(`worker answered ${res.status} non-JSON: ${text.slice(0, 500)}`);
  }
}

/** Two (then three) concurrent requests share one module-scope EnvelopeClient. */
async function concurrencyCheck(mf, sandboxUrl) {
  const started = Date.now();
  const name = "workerd: concurrent requests share one module-scope EnvelopeClient without hanging";
  try {
    if (!sandboxUrl) throw new Error("sandbox URL missing (set SEISMIC_SANDBOX_URL)");
    const t = await createTenant(sandboxUrl, { masterBalance: "100.00" });
    const first = await Promise.all(
      ["a", "b"].map((tag) => post(mf, "/concurrent", { apiKey: t.apiKey, encryptionKey: t.encryptionKey, tag: `${tag}-${Date.now()}` }, 20000)),
    );
    for (const r of first) if (!r.ok) throw new Error(`concurrent request failed: ${r.error}`);
    // Again, with a retry (503 before processing) in flight while the other request runs, and
    // a third request that starts after the first two have finished.
    await addFault(sandboxUrl, t.apiKey, { path: "/cards/create", status: 503, count: 1, when: "before" });
    const cardId = first[0].created.data.card_id;
    const second = await Promise.all(
      ["c", "d"].map((tag) => post(mf, "/concurrent", { apiKey: t.apiKey, encryptionKey: t.encryptionKey, tag: `${tag}-${Date.now()}`, topupCardId: cardId }, 20000)),
    );
    for (const r of second) if (!r.ok) throw new Error(`concurrent request (with retry) failed: ${r.error}`);
    const third = await post(mf, "/concurrent", { apiKey: t.apiKey, encryptionKey: t.encryptionKey, tag: `e-${Date.now()}` }, 20000);
    if (!third.ok) throw new Error(`follow-up request failed: ${third.error}`);
    const s = await getStats(sandboxUrl, t.apiKey);
    const expected = (100 - 5 * 1 - 2 * 1).toFixed(2);
    if (Number(s.masterBalance).toFixed(2) !== expected) throw new Error(`master balance ${s.masterBalance}, expected ${expected}`);
    reporter.record({ name, ok: true, ms: Date.now() - started });
  } catch (e) {
    reporter.record({ name, ok: false, ms: Date.now() - started, error: formatError(e) });
  }
}

async function main() {
  console.log(`seismic-sdk workerd tests: package ${dir}, compatibility date ${COMPAT_DATE}`);
  const missing = checkPkgDir(dir, "workerd.js");
  if (missing) {
    reporter.record({ name: "load package (workerd entry)", ok: false, error: missing });
    return;
  }
  const { sandboxUrl, noAccessKey, widgetOrigin } = sandboxConfig();
  console.log(`sandbox: ${sandboxUrl || "(SEISMIC_SANDBOX_URL not set)"}`);
  const vectors = await makePynaclVectors(pythonPath());
  console.log(vectors.error ? `PyNaCl: ${vectors.error}` : `PyNaCl ${vectors.version}: ${vectors.pynacl.length} vectors for the worker`);

  const root = stageTree();
  let mf;
  try {
    mf = new Miniflare({
      modules: true,
      modulesRoot: root,
      scriptPath: join(root, "tests", "workerd", "worker.mjs"),
      modulesRules: [
        { type: "ESModule", include: ["**/*.js", "**/*.mjs"] },
        { type: "CompiledWasm", include: ["**/*.wasm"] },
      ],
      compatibilityDate: COMPAT_DATE,
      bindings: { SANDBOX_URL: sandboxUrl || "", NOACCESS_KEY: noAccessKey || "", WIDGET_ORIGIN: widgetOrigin || "", TEST_TIMEOUT_MS: "60000" },
    });
    await mf.ready;
    const listRes = await mf.dispatchFetch("http://worker.test/list");
    const list = await listRes.json();
    if (!list.names) {
      reporter.record({ name: "load worker (workerd entry)", ok: false, error: list.error || JSON.stringify(list) });
      return;
    }
    const keep = testFilter();
    // First, while the isolate is fresh: no state left behind by other tests can mask or cause a hang.
    if (keep("workerd: concurrent requests share one module-scope EnvelopeClient without hanging")) await concurrencyCheck(mf, sandboxUrl);
    // Checks driven from Node against the worker's extra routes (tests/workerd/*.checks.mjs).
    const env = {
      sandboxUrl,
      widgetOrigin,
      pkgDir: dir,
      assert,
      dispatch: (path, init, ms = 30000) => withTimeout(mf.dispatchFetch(`http://worker.test${path}`, init), ms, `dispatchFetch ${path}`),
    };
    for (const file of listSuites("workerd", ".checks.mjs")) {
      let checks;
      try {
        ({ checks } = await import(pathToFileURL(file).href));
      } catch (e) {
        reporter.record({ name: `load ${basename(file)}`, ok: false, error: formatError(e) });
        continue;
      }
      for (const check of checks.filter((c) => keep(c.name))) {
        const started = Date.now();
        try {
          await withTimeout(Promise.resolve().then(() => check.run(env)), 90000, check.name);
          reporter.record({ name: check.name, ok: true, ms: Date.now() - started });
        } catch (e) {
          reporter.record({ name: check.name, ok: false, ms: Date.now() - started, error: formatError(e) });
        }
      }
    }
    for (const name of list.names.filter(keep)) {
      const r = await post(mf, `/run?name=${encodeURIComponent(name)}`, { vectors }, 90000).catch((e) => ({ name, ok: false, ms: 0, error: formatError(e) }));
      reporter.record(r);
    }
  } catch (e) {
    reporter.record({ name: "start workerd (miniflare)", ok: false, error: formatError(e) });
  } finally {
    if (mf) await mf.dispose().catch(() => {});
    rmSync(root, { recursive: true, force: true });
  }
}

try {
  await main();
} catch (e) {
  reporter.record({ name: "workerd runner", ok: false, error: formatError(e) });
}
reporter.exit();
