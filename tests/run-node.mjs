#!/usr/bin/env node
// Runs the shared suites (tests/shared/*.suite.mjs) and the Node-only suites
// (tests/node/*.test.mjs) against the built package's node entry.
//   SEISMIC_PKG_DIR=/abs/pkg SEISMIC_SANDBOX_URL=http://127.0.0.1:PORT \
//   SEISMIC_SANDBOX_NOACCESS_KEY=... SEISMIC_PYTHON=python3 node tests/run-node.mjs [name-regex]
import { join } from "node:path";
import { pathToFileURL } from "node:url";
import assert from "./shared/assert.mjs";
import { runTest, collectTests, formatError } from "./shared/harness.mjs";
import { makePynaclVectors, pythonPath } from "./interop/pynacl.mjs";
import { pkgDir, sandboxConfig, listSuites, relFromTests, testFilter, checkPkgDir, Reporter, REPO_ROOT } from "./runner-common.mjs";

const reporter = new Reporter("node");
const dir = pkgDir();

async function main() {
  console.log(`seismic-sdk node tests: node ${process.version}, package ${dir}`);
  const missing = checkPkgDir(dir, "node.js");
  if (missing) {
    reporter.record({ name: "load package (node entry)", ok: false, error: missing });
    return;
  }
  let sdk;
  try {
    sdk = await import(pathToFileURL(join(dir, "node.js")).href);
  } catch (e) {
    reporter.record({ name: "load package (node entry)", ok: false, error: formatError(e) });
    return;
  }
  const { sandboxUrl, noAccessKey, widgetOrigin } = sandboxConfig();
  console.log(`sandbox: ${sandboxUrl || "(SEISMIC_SANDBOX_URL not set)"}`);
  const python = pythonPath();
  const vectors = await makePynaclVectors(python);
  console.log(vectors.error ? `PyNaCl: ${vectors.error}` : `PyNaCl ${vectors.version} via ${python}: ${vectors.pynacl.length} vectors`);

  const files = [...listSuites("shared", ".suite.mjs"), ...listSuites("node", ".test.mjs")];
  const modules = [];
  for (const file of files) {
    try {
      modules.push({ file: relFromTests(file), module: await import(pathToFileURL(file).href) });
    } catch (e) {
      reporter.record({ name: `load ${relFromTests(file)}`, ok: false, error: formatError(e) });
    }
  }
  const keep = testFilter();
  const tests = collectTests(modules, "node").filter((t) => keep(t.name));
  const ctx = {
    sdk,
    sandboxUrl,
    noAccessKey,
    widgetOrigin,
    assert,
    runtime: "node",
    vectors,
    // `import` lets shared suites load Node built-ins in their node-only tests (a static or
    // literal dynamic import would break the workerd bundle and the page).
    node: { pkgDir: dir, python, repoRoot: REPO_ROOT, import: (specifier) => import(specifier) },
  };
  let current = "";
  for (const t of tests) {
    if (t.file !== current) console.log(`\n# ${(current = t.file)}`);
    reporter.record(await runTest(t, ctx, 90000));
  }
}

try {
  await main();
} catch (e) {
  reporter.record({ name: "node runner", ok: false, error: formatError(e) });
}
reporter.exit();
