// Node-only: the package's .d.ts type-checks tests/types/usage.ts (and the per-API files it
// imports, every .ts file of tests/types) under `tsc --strict`, and the deliberate misuses there
// are rejected.
import { execFile } from "node:child_process";
import { copyFileSync, writeFileSync, existsSync, realpathSync, readdirSync, readFileSync, symlinkSync } from "node:fs";
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

// The server view without the DOM library, as a Node or Workers project has it: every file
// server.ts imports, and a CommonJS file requiring the package under node16.
const SERVER_SOURCES = ["server.ts", "envelope.ts", "stored-value.ts", "cards.ts"];
const REQUIRE_CTS = `// A CommonJS TypeScript file: compiled to require(), typed by the package's .d.cts.
import { sealEnvelope, openEnvelope, SeismicError, SeismicCardsClient } from "seismic-sdk";
const key = new Uint8Array(32);
const opened = openEnvelope<{ amount: string }>(key, sealEnvelope(key, { amount: "1.00" }));
const amount: string = opened.amount;
const isError = (e: unknown): boolean => e instanceof SeismicError;
export = { amount, isError, SeismicCardsClient };
`;
const VIEWS = [
  {
    name: "Node: lib es2022 + @types/node, module nodenext",
    types: ["node"],
    module: "nodenext",
    moduleResolution: "nodenext",
    files: ["server.ts"],
  },
  {
    name: "Node: lib es2022 + @types/node, module node16, a .cts requiring the package",
    types: ["node"],
    module: "node16",
    moduleResolution: "node16",
    files: ["server.ts", "require.cts"],
  },
  {
    name: "Workers: lib es2022 + @cloudflare/workers-types, moduleResolution bundler",
    types: ["@cloudflare/workers-types"],
    module: "es2022",
    moduleResolution: "bundler",
    files: ["server.ts"],
  },
];

function linkTypes(dir) {
  for (const scope of ["@types", "@cloudflare"]) {
    symlinkSync(join(REPO, "node_modules", scope), join(dir, "node_modules", scope), "dir");
  }
}

export const tests = [
  {
    name: "node types: every ts example of the npm README type-checks (strict, lib dom + @types/node)",
    fn: async ({ assert, node }) => {
      const readme = readFileSync(join(node.pkgDir, "README.md"), "utf8");
      const blocks = [...readme.matchAll(/```ts\n([\s\S]*?)```/g)].map((m) => m[1]);
      assert.ok(blocks.length >= 3, `one example per runtime (found ${blocks.length})`);
      const files = Object.fromEntries(blocks.map((b, i) => [`readme-${i}.ts`, `${b}\nexport {};\n`]));
      const config = {
        compilerOptions: { strict: true, noEmit: true, target: "es2022", module: "nodenext", moduleResolution: "nodenext", lib: ["es2022", "dom"], types: ["node"], skipLibCheck: false },
        files: Object.keys(files),
      };
      const c = makeConsumer(node.pkgDir, { ...files, "tsconfig.json": JSON.stringify(config, null, 2) }, { name: "types-readme", private: true, type: "module" });
      try {
        linkTypes(c.dir);
        const r = await tsc(["-p", "tsconfig.json"], c.dir);
        const diagnostics = r.out.split("\n").filter((l) => /error TS\d+/.test(l));
        assert.equal(r.code, 0, `the README's examples do not type-check:\n${diagnostics.join("\n") || r.out.slice(-3000)}`);
      } finally {
        c.cleanup();
      }
    },
  },
  ...VIEWS.map((view) => ({
    name: `node types: the server-side .d.ts type-checks without the DOM library (${view.name}), strict, no skipLibCheck`,
    fn: async ({ assert, node }) => {
      const config = {
        compilerOptions: {
          strict: true,
          noEmit: true,
          target: "es2022",
          module: view.module,
          moduleResolution: view.moduleResolution,
          lib: ["es2022"],
          types: view.types,
          skipLibCheck: false,
        },
        files: view.files,
      };
      const c = makeConsumer(node.pkgDir, { "tsconfig.json": JSON.stringify(config, null, 2), "require.cts": REQUIRE_CTS }, { name: "types-server", private: true, type: "module" });
      try {
        linkTypes(c.dir);
        for (const f of SERVER_SOURCES) copyFileSync(join(TYPES, f), join(c.dir, f));
        const r = await tsc(["-p", "tsconfig.json", "--listFiles"], c.dir);
        const diagnostics = r.out.split("\n").filter((l) => /error TS\d+/.test(l));
        assert.equal(r.code, 0, `tsc failed:\n${diagnostics.join("\n") || r.out.slice(-3000)}`);
        assert.ok(!/lib\.dom\.d\.ts/.test(r.out), "the DOM library stayed out of the program");
        if (view.files.includes("require.cts")) {
          assert.ok(/index\.d\.cts/.test(r.out), `the .cts was typed by index.d.cts:\n${r.out.slice(-1500)}`);
        }
        // Control: the same program rejects a misuse, so the check is live.
        writeFileSync(join(c.dir, "server.ts"), `import { sealEnvelope } from "seismic-sdk";\nsealEnvelope(42, {});\n`);
        const bad = await tsc(["-p", "tsconfig.json"], c.dir);
        assert.ok(/server\.ts\(2,/.test(bad.out), `misuse reported on line 2: ${bad.out.slice(0, 500)}`);
      } finally {
        c.cleanup();
      }
    },
  })),
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
