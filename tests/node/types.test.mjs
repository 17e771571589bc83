// Node-only: the package's .d.ts type-checks tests/types/usage.ts (and the per-API files it
// imports, every .ts file of tests/types) under `tsc --strict`, and the deliberate misuses there
// are rejected.
import { execFile } from "node:child_process";
import { copyFileSync, writeFileSync, existsSync, realpathSync, readdirSync } from "node:fs";
import { join } from "node:path";
import { fileURLToPath } from "node:url";
import { makeConsumer } from "./consumer.mjs";

const REPO = fileURLToPath(new URL("../../", import.meta.url));
const TSC = join(REPO, "node_modules", "typescript", "bin", "tsc");
const TYPES = fileURLToPath(new URL("../types/", import.meta.url));
// usage.ts is the entry (the tsconfig's one file); it imports the others.
const SOURCES = readdirSync(TYPES).filter((f) => f.endsWith(".ts")).sort();

const TSCONFIG = {
  compilerOptions: {
    strict: true,
    noEmit: true,
    target: "es2022",
    module: "nodenext",
    moduleResolution: "nodenext",
    // esnext.disposable: wasm-bindgen classes declare [Symbol.dispose]
    lib: ["es2022", "dom", "esnext.disposable"],
    types: [],
    skipLibCheck: false,
    noUnusedLocals: false,
  },
  files: ["usage.ts"],
};

function tsc(args, cwd) {
  return new Promise((resolve) => {
    execFile(process.execPath, [TSC, ...args], { cwd, timeout: 120000, maxBuffer: 16 << 20 }, (error, stdout, stderr) =>
      resolve({ code: error ? error.code ?? 1 : 0, out: `${stdout}${stderr}` }),
    );
  });
}

export const tests = [
  {
    name: "node types: usage.ts type-checks against the package's .d.ts (tsc --strict)",
    fn: async ({ assert, node }) => {
      assert.ok(existsSync(TSC), `typescript not installed at ${TSC} (run npm ci at the repo root)`);
      const c = makeConsumer(node.pkgDir, { "tsconfig.json": JSON.stringify(TSCONFIG, null, 2) }, { name: "types-consumer", private: true, type: "module" });
      try {
        for (const f of SOURCES) copyFileSync(join(TYPES, f), join(c.dir, f));
        const r = await tsc(["-p", "tsconfig.json", "--listFiles"], c.dir);
        const diagnostics = r.out.split("\n").filter((l) => /error TS\d+/.test(l));
        assert.equal(r.code, 0, `tsc failed:\n${diagnostics.join("\n") || r.out.slice(-3000)}`);
        const listed = r.out.split("\n").map((l) => l.trim());
        const unchecked = SOURCES.filter((f) => !listed.some((l) => l.endsWith(`/${f}`) || l.endsWith(`\\${f}`)));
        assert.deepEqual(unchecked, [], `tests/types files not imported by usage.ts (so not type-checked): ${unchecked.join(", ")}`);
        const dts = [join(c.dir, "node_modules", "seismic-sdk", "index.d.ts"), realpathSync(join(node.pkgDir, "index.d.ts"))];
        assert.ok(dts.some((p) => r.out.includes(p)), `the package's index.d.ts was part of the program:\n${r.out.slice(-1500)}`);
        // Control: a plain misuse without the directive must fail, at the expected line.
        writeFileSync(join(c.dir, "usage.ts"), `import { sealEnvelope } from "seismic-sdk";\nsealEnvelope(42, {});\n`);
        const bad = await tsc(["-p", "tsconfig.json"], c.dir);
        assert.notEqual(bad.code, 0, "tsc must reject sealEnvelope(42, {})");
        assert.ok(/usage\.ts\(2,/.test(bad.out), `error reported on line 2: ${bad.out.slice(0, 500)}`);
      } finally {
        c.cleanup();
      }
    },
  },
];
