// Node-only: the packed tarball through the bundlers and runtimes a JS developer brings, each
// in a fresh project, by the route the README's "Bundlers" section documents; every program
// seals and opens an envelope and makes one sandbox call (consumer.mjs, roundTrip).
//   esbuild for Node (ESM and CommonJS output): `--alias:seismic-sdk=seismic-sdk/inline`;
//   Bun: `bun run` as is, `bun build` importing seismic-sdk/inline; Deno: `deno run` as is;
//   wrangler: `wrangler deploy --dry-run` as is, its output then run in workerd (Miniflare).
import { join } from "node:path";
import { fileURLToPath } from "node:url";
import { existsSync, readdirSync, statSync } from "node:fs";
import { installTarball, run, roundTrip, assertRoundTrip } from "./consumer.mjs";

const REPO = fileURLToPath(new URL("../../", import.meta.url));
const ESBUILD = join(REPO, "node_modules/esbuild/bin/esbuild");
// npm's bun puts the binary in its own bin/ (its postinstall would link it; npm may not run it).
const BUN = ["node_modules/@oven/bun-linux-x64/bin/bun", "node_modules/bun/bin/bun.exe"]
  .map((p) => join(REPO, p))
  .find((p) => existsSync(p) && statSync(p).size > 1 << 20) ?? join(REPO, "node_modules/bun/bin/bun.exe");
const DENO = join(REPO, "node_modules/@deno/linux-x64-glibc/deno");

const MAIN = (how, from = "seismic-sdk") => `import * as sdk from "${from}";\n${roundTrip(how)}`;

function tool(assert, path, name) {
  assert.ok(existsSync(path), `${name} not installed at ${path} (npm ci at the repo root)`);
  return path;
}

export const tests = [
  {
    name: "bundlers: esbuild --platform=node, ESM and CommonJS output, seismic-sdk aliased to seismic-sdk/inline: the bundle runs on its own",
    fn: async ({ assert }) => {
      const esbuild = tool(assert, ESBUILD, "esbuild");
      const c = await installTarball(assert, {
        "main.mjs": MAIN("esbuild"),
        // CommonJS output has no top-level await: the same program in an async function.
        "main-cjs.mjs": `import * as sdk from "seismic-sdk";\n(async () => {\n${roundTrip("esbuild")}\n})();\n`,
      });
      try {
        for (const format of ["esm", "cjs"]) {
          const out = `bundle.${format === "esm" ? "mjs" : "cjs"}`;
          const entry = format === "esm" ? "main.mjs" : "main-cjs.mjs";
          const b = await run(esbuild, [entry, "--bundle", "--platform=node", `--format=${format}`, "--alias:seismic-sdk=seismic-sdk/inline", `--outfile=${out}`], { cwd: c.dir });
          assert.equal(b.code, 0, `esbuild ${format}:\n${b.stderr}`);
          // Run from elsewhere: the bundle must not need node_modules or files beside it.
          const r = await run(process.execPath, [join(c.dir, out)], { cwd: REPO });
          assertRoundTrip(assert, r, "esbuild", `esbuild ${format} bundle`);
        }
      } finally {
        c.cleanup();
      }
    },
  },
  {
    name: "bundlers: Bun runs the package as is, and `bun build --target=bun` of seismic-sdk/inline runs on its own",
    fn: async ({ assert }) => {
      const bun = tool(assert, BUN, "bun (npm bun)");
      const c = await installTarball(assert, { "main.mjs": MAIN("bun"), "inline.mjs": MAIN("bun build", "seismic-sdk/inline") });
      try {
        assertRoundTrip(assert, await run(bun, ["run", "main.mjs"], { cwd: c.dir }), "bun", "bun run");
        const b = await run(bun, ["build", "inline.mjs", "--target=bun", "--outfile=bundle.js"], { cwd: c.dir });
        assert.equal(b.code, 0, `bun build:\n${b.stderr}${b.stdout}`);
        assertRoundTrip(assert, await run(bun, [join(c.dir, "bundle.js")], { cwd: REPO }), "bun build", "bun build bundle");
      } finally {
        c.cleanup();
      }
    },
  },
  {
    name: "bundlers: Deno runs the package from node_modules as is (the node entry)",
    fn: async ({ assert }) => {
      const deno = tool(assert, DENO, "deno (npm @deno/linux-x64-glibc)");
      const c = await installTarball(assert, { "main.mjs": MAIN("deno") });
      try {
        const r = await run(deno, ["run", "--allow-read", "--allow-env", "--allow-net", "main.mjs"], {
          cwd: c.dir,
          env: { ...process.env, DENO_NO_UPDATE_CHECK: "1", NO_COLOR: "1" },
        });
        assertRoundTrip(assert, r, "deno", "deno run");
      } finally {
        c.cleanup();
      }
    },
  },
];

const WORKER = `import * as sdk from "seismic-sdk";
export default {
  async fetch(request, env) {
    const lines = [];
    const console = { log: (line) => lines.push(line) };
    ${roundTrip("wrangler", "env").replace(/\n/g, "\n    ")}
    return new Response(lines.join("\\n"));
  },
};
`;

tests.push({
  name: "bundlers: `wrangler deploy --dry-run` bundles a Worker importing seismic-sdk (the wasm as a module), and the bundle runs in workerd",
  fn: async ({ assert, sandboxUrl }) => {
    const wrangler = tool(assert, join(REPO, "node_modules/wrangler/bin/wrangler.js"), "wrangler");
    const c = await installTarball(assert, {
      "worker.js": WORKER,
      "wrangler.toml": `name = "seismic-sdk-dry-run"\nmain = "worker.js"\ncompatibility_date = "2026-04-01"\n`,
    });
    try {
      const b = await run(process.execPath, [wrangler, "deploy", "--dry-run", "--outdir", "out"], {
        cwd: c.dir,
        env: { ...process.env, WRANGLER_SEND_METRICS: "false", CI: "true", NO_COLOR: "1" },
      });
      assert.equal(b.code, 0, `wrangler deploy --dry-run:\n${b.stderr.slice(-2000)}${b.stdout.slice(-1000)}`);
      const out = readdirSync(join(c.dir, "out"));
      const wasm = out.filter((f) => f.endsWith(".wasm"));
      assert.equal(wasm.length, 1, `the wasm uploaded as a module (out/: ${out.join(", ")})`);
      const { Miniflare } = await import(join(REPO, "node_modules/miniflare/dist/src/index.js"));
      const mf = new Miniflare({
        modulesRoot: join(c.dir, "out"),
        modules: [
          { type: "ESModule", path: join(c.dir, "out/worker.js") },
          { type: "CompiledWasm", path: join(c.dir, "out", wasm[0]) },
        ],
        compatibilityDate: "2026-04-01",
        bindings: { SEISMIC_SANDBOX_URL: sandboxUrl, SEISMIC_SANDBOX_STORED_VALUE_API_KEY: process.env.SEISMIC_SANDBOX_STORED_VALUE_API_KEY || "" },
      });
      try {
        const res = await mf.dispatchFetch("http://worker.test/");
        const text = await res.text();
        assertRoundTrip(assert, { code: res.status === 200 ? 0 : 1, stdout: text, stderr: text }, "wrangler", "the wrangler bundle in workerd");
      } finally {
        await mf.dispose();
      }
    } finally {
      c.cleanup();
    }
  },
});
