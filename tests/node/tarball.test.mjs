// Node-only: the npm tarball `cargo xtask pack` makes (SEISMIC_PKG_TARBALL; `cargo xtask test`
// packs it), as a user gets it: what it holds, publint and @arethetypeswrong/cli on it, and a
// fresh project that installs it and uses it through import and require().
import { existsSync, mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { fileURLToPath } from "node:url";
import { installTarball, run, roundTrip, assertRoundTrip } from "./consumer.mjs";

const REPO = fileURLToPath(new URL("../../", import.meta.url));
const TARBALL = process.env.SEISMIC_PKG_TARBALL || "";

function needTarball(assert) {
  assert.ok(TARBALL && existsSync(TARBALL), `SEISMIC_PKG_TARBALL must name the packed tarball (cargo xtask pack); got ${TARBALL || "(unset)"}`);
}

export const tests = [
  {
    name: "tarball: holds the loaders, wasm, declarations with their CommonJS twins, the npm README, MIGRATION.md and both licenses, nothing else",
    fn: async ({ assert }) => {
      needTarball(assert);
      const r = await run("tar", ["-tzf", TARBALL]);
      assert.equal(r.code, 0, r.stderr);
      const files = r.stdout.split("\n").filter(Boolean).map((f) => f.replace(/^package\//, ""));
      for (const f of ["package.json", "README.md", "MIGRATION.md", "LICENSE-MIT", "LICENSE-APACHE", "node.js", "node.cjs", "browser.js", "workerd.js", "inline.js", "inline.cjs", "freed.js", "seismic_sdk.js", "seismic_sdk_bg.wasm", "index.d.ts", "index.d.cts", "seismic_sdk.d.ts", "seismic_sdk.d.cts", "errors.d.ts", "errors.d.cts"]) {
        assert.ok(files.includes(f), `${f} is in the tarball (have ${files.length} files)`);
      }
      const stray = files.filter((f) => /\.(rs|toml|mjs|map)$/.test(f) || f.startsWith("src/") || f.startsWith("tests/"));
      assert.deepEqual(stray, [], "no sources or tests in the tarball");
      const readme = (await run("tar", ["-xzOf", TARBALL, "package/README.md"])).stdout;
      assert.ok(/npm install/.test(readme) && !/cargo xtask test/.test(readme), "the npm README is for users, not the contributors' one");
    },
  },
  {
    name: "tarball: publint reports nothing, suggestions included",
    fn: async ({ assert }) => {
      needTarball(assert);
      const { publint } = await import(join(REPO, "node_modules/publint/src/index-node.js"));
      const { formatMessage } = await import(join(REPO, "node_modules/publint/src/utils.js"));
      const dir = mkdtempSync(join(tmpdir(), "seismic-publint-"));
      try {
        const x = await run("tar", ["-xzf", TARBALL, "-C", dir]);
        assert.equal(x.code, 0, x.stderr);
        const pkgDir = join(dir, "package");
        const { messages, pkg } = await publint({ pkgDir, level: "suggestion", strict: true });
        const text = messages.map((m) => `${m.type}: ${formatMessage(m, pkg) ?? m.code}`);
        assert.equal(text.join("\n"), "", "publint messages");
      } finally {
        rmSync(dir, { recursive: true, force: true });
      }
    },
  },
  {
    name: "tarball: @arethetypeswrong/cli finds no problem for node10, node16 (CJS and ESM) and bundler resolution",
    fn: async ({ assert }) => {
      needTarball(assert);
      const cli = join(REPO, "node_modules/@arethetypeswrong/cli/dist/index.js");
      const r = await run(process.execPath, [cli, TARBALL, "--format", "json"]);
      let report;
      try {
        report = JSON.parse(r.stdout);
      } catch {
        assert.fail(`attw did not answer JSON (exit ${r.code}):\n${r.stdout.slice(-1500)}${r.stderr.slice(-1500)}`);
      }
      const problems = (report.analysis?.problems ?? []).map((p) => `${p.kind}${p.resolutionKind ? ` (${p.resolutionKind})` : ""}${p.entrypoint ? ` at ${p.entrypoint}` : ""}`);
      assert.equal(problems.join("\n"), "", "attw problems");
      assert.equal(r.code, 0, `attw exit code:\n${r.stderr.slice(-1000)}`);
    },
  },
  {
    name: "tarball: a fresh project installs it; import and require() each seal, open and make one sandbox call",
    fn: async ({ assert, sandboxUrl }) => {
      needTarball(assert);
      assert.ok(sandboxUrl, "SEISMIC_SANDBOX_URL");
      const c = await installTarball(assert, {
        "main.mjs": `import * as sdk from "seismic-sdk";\n${roundTrip("import")}`,
        "main.cjs": `const sdk = require("seismic-sdk");\n(async () => {\n${roundTrip("require")}\n})();\n`,
      });
      try {
        for (const [file, via] of [["main.mjs", "import"], ["main.cjs", "require"]]) {
          assertRoundTrip(assert, await run(process.execPath, [file], { cwd: c.dir }), via, file);
        }
      } finally {
        c.cleanup();
      }
    },
  },
];
