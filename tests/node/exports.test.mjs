// Node-only: the package resolves by name through its exports map (node condition) for both
// `import` (node.js) and `require` (node.cjs, which requires node.js), and both give the very
// same module instance.
import { createRequire } from "node:module";
import { existsSync, readFileSync, realpathSync } from "node:fs";
import { execFile } from "node:child_process";
import { join } from "node:path";
import { pathToFileURL, fileURLToPath } from "node:url";
import { makeConsumer } from "./consumer.mjs";

function run(cmd, args, opts) {
  return new Promise((resolve) => {
    execFile(cmd, args, { ...opts, timeout: 60000 }, (error, stdout, stderr) => resolve({ code: error ? error.code ?? 1 : 0, stdout, stderr }));
  });
}

/** Every string target in an exports map, with its condition path. */
function targets(exp, path = []) {
  if (typeof exp === "string") return [[path.join(" > "), exp]];
  if (Array.isArray(exp)) return exp.flatMap((e, i) => targets(e, [...path, `[${i}]`]));
  if (exp && typeof exp === "object") return Object.entries(exp).flatMap(([k, v]) => targets(v, [...path, k]));
  return [];
}

const ESM_ENTRY = `import * as sdk from "seismic-sdk";
export { sdk };
export const resolved = import.meta.resolve("seismic-sdk");
`;
const CJS_ENTRY = `const sdk = require("seismic-sdk");
module.exports = { sdk, resolved: require.resolve("seismic-sdk") };
`;
const CJS_MAIN = `const sdk = require("seismic-sdk");
const key = "00".repeat(32);
const body = sdk.sealEnvelope(key, { hello: "cjs" });
const back = sdk.openEnvelope(key, body);
let err;
try { sdk.openEnvelope(key, "AAAA"); } catch (e) { err = e; }
console.log(JSON.stringify({
  resolved: require.resolve("seismic-sdk"),
  hello: back.hello,
  errIsEnvelopeError: err instanceof sdk.EnvelopeError,
  errIsError: err instanceof Error,
  exportsClient: typeof sdk.EnvelopeClient,
}));
`;
const ESM_MAIN = `import { sealEnvelope, openEnvelope } from "seismic-sdk";
const key = "11".repeat(32);
console.log(JSON.stringify({ resolved: import.meta.resolve("seismic-sdk"), hello: openEnvelope(key, sealEnvelope(key, { hello: "esm" })).hello }));
`;

export const tests = [
  {
    name: "node exports: package.json exports map is complete and every target exists",
    fn: async ({ assert, node }) => {
      const pj = JSON.parse(readFileSync(join(node.pkgDir, "package.json"), "utf8"));
      assert.equal(pj.name, "seismic-sdk", "package name");
      assert.equal(pj.type, "module", "type: module");
      const dot = pj.exports && (pj.exports["."] ?? pj.exports);
      assert.ok(dot && typeof dot === "object", "exports['.'] is a conditions object");
      const conds = Object.keys(dot);
      for (const c of ["workerd", "node", "browser", "default"]) assert.ok(conds.includes(c), `condition ${c} present (have ${conds.join(", ")})`);
      // Every leaf pairs its types with its JS, types first (as TypeScript and publint want).
      const leaves = (e) => (e && typeof e === "object" && !("default" in e && typeof e.default === "string") ? Object.values(e).flatMap(leaves) : [e]);
      for (const leaf of leaves(dot)) {
        assert.equal(Object.keys(leaf)[0], "types", `types first in ${JSON.stringify(leaf)}`);
        assert.ok(/\.d\.c?ts$/.test(leaf.types), `a declaration file: ${leaf.types}`);
        assert.equal(leaf.types.endsWith(".d.cts"), leaf.default.endsWith(".cjs"), `CommonJS types go with the CommonJS file: ${JSON.stringify(leaf)}`);
      }
      assert.ok(conds.indexOf("workerd") < conds.indexOf("node"), "workerd before node");
      assert.ok(conds.indexOf("node") < conds.indexOf("browser"), "node before browser");
      assert.equal(conds[conds.length - 1], "default", "default comes last");
      for (const [cond, target] of targets(pj.exports)) {
        assert.ok(target.startsWith("./"), `${cond}: relative target ${target}`);
        assert.ok(existsSync(join(node.pkgDir, target)), `${cond}: ${target} exists`);
      }
      const wasm = join(node.pkgDir, "seismic_sdk_bg.wasm");
      assert.ok(existsSync(wasm), "seismic_sdk_bg.wasm present");
      const magic = readFileSync(wasm).subarray(0, 4);
      assert.deepEqual(Array.from(magic), [0x00, 0x61, 0x73, 0x6d], "wasm magic");
    },
  },
  {
    name: "node exports: import and require resolve to the node entry and share one instance",
    fn: async ({ sdk, assert, node }) => {
      const c = makeConsumer(node.pkgDir, { "entry.mjs": ESM_ENTRY, "entry.cjs": CJS_ENTRY });
      try {
        const esm = await import(pathToFileURL(join(c.dir, "entry.mjs")).href);
        const nodeEntry = realpathSync(join(node.pkgDir, "node.js"));
        assert.equal(realpathSync(fileURLToPath(esm.resolved)), nodeEntry, "import resolves to node.js");
        const cjs = createRequire(import.meta.url)(join(c.dir, "entry.cjs"));
        // node.cjs re-exports node.js: one module, one wasm instance, for require and import.
        assert.equal(realpathSync(cjs.resolved), realpathSync(join(node.pkgDir, "node.cjs")), "require resolves to node.cjs");
        for (const name of ["EnvelopeClient", "SeismicError", "EnvelopeError", "EnvelopeApiError", "sealEnvelope", "openEnvelope", "isSeismicError"]) {
          assert.equal(esm.sdk[name], sdk[name], `import by name: same ${name} as the runner's instance`);
          assert.equal(cjs.sdk[name], esm.sdk[name], `require() gives the same ${name} as import`);
        }
        const e = assert.throws(() => cjs.sdk.openEnvelope("00".repeat(32), "AAAA"));
        assert.ok(e instanceof esm.sdk.EnvelopeError, "error from require()'d module is instanceof the imported class");
      } finally {
        c.cleanup();
      }
    },
  },
  {
    name: "node exports: fresh processes can require() and import the package by name",
    fn: async ({ assert, node }) => {
      const c = makeConsumer(node.pkgDir, { "main.cjs": CJS_MAIN, "main.mjs": ESM_MAIN });
      try {
        const nodeEntry = realpathSync(join(node.pkgDir, "node.js"));
        const r1 = await run(process.execPath, ["main.cjs"], { cwd: c.dir });
        assert.equal(r1.code, 0, `require in a fresh process failed:\n${r1.stderr.slice(-1500)}`);
        const j1 = JSON.parse(r1.stdout.trim().split("\n").pop());
        assert.equal(realpathSync(j1.resolved), realpathSync(join(node.pkgDir, "node.cjs")), "require resolves to node.cjs");
        assert.equal(j1.hello, "cjs");
        assert.equal(j1.errIsEnvelopeError, true, "EnvelopeError via require");
        assert.equal(j1.errIsError, true);
        assert.equal(j1.exportsClient, "function");
        const r2 = await run(process.execPath, ["main.mjs"], { cwd: c.dir });
        assert.equal(r2.code, 0, `import in a fresh process failed:\n${r2.stderr.slice(-1500)}`);
        const j2 = JSON.parse(r2.stdout.trim().split("\n").pop());
        assert.equal(realpathSync(fileURLToPath(j2.resolved)), nodeEntry);
        assert.equal(j2.hello, "esm");
      } finally {
        c.cleanup();
      }
    },
  },
];
