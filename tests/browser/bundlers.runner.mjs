// Runner hook: the packed tarball bundled for the browser, each by the README's route, served
// from its own output folder and loaded in Chromium: esbuild (ESM, seismic-sdk aliased to
// seismic-sdk/inline) and Rollup (node-resolve, seismic-sdk/inline) as one script; Vite,
// webpack 5 and Next.js with no configuration, the wasm their asset. Each page seals and opens
// an envelope and makes one sandbox call.
import http from "node:http";
import { spawn } from "node:child_process";
import { readFileSync, existsSync, writeFileSync, mkdirSync } from "node:fs";
import { join, extname, normalize } from "node:path";
import { fileURLToPath } from "node:url";
import { installTarball, run, roundTrip } from "../node/consumer.mjs";

const REPO = fileURLToPath(new URL("../../", import.meta.url));
const ESBUILD = join(REPO, "node_modules/esbuild/bin/esbuild");
const TYPES = { ".html": "text/html", ".js": "text/javascript", ".mjs": "text/javascript", ".wasm": "application/wasm" };

/** Serves `dir` on a free loopback port until `close()`; answers its origin. */
function serve(dir) {
  const server = http.createServer((req, res) => {
    const path = normalize(decodeURIComponent(new URL(req.url, "http://x").pathname)).replace(/^(\.\.[/\\])+/, "");
    const file = join(dir, path.endsWith("/") ? `${path}index.html` : path);
    if (!file.startsWith(dir) || !existsSync(file)) {
      res.writeHead(404);
      return res.end();
    }
    res.writeHead(200, { "content-type": TYPES[extname(file)] || "application/octet-stream" });
    res.end(readFileSync(file));
  });
  return new Promise((resolve) => server.listen(0, "127.0.0.1", () => resolve({ origin: `http://127.0.0.1:${server.address().port}`, close: () => server.close() })));
}

/** Opens `url`, waits for the page's `window.__result`, checks it; failures name the page's errors. */
async function check(env, url, via, { noWasm = false } = {}) {
  const { assert } = env;
  const page = await env.context.newPage();
  try {
    const failed = [];
    const errors = [];
    const wasm = [];
    page.on("pageerror", (e) => errors.push(String(e)));
    page.on("requestfailed", (r) => failed.push(r.url()));
    page.on("response", (r) => {
      if (r.status() >= 400) failed.push(`${r.status()} ${r.url()}`);
      if (/\.wasm(\?|$)/.test(r.url())) wasm.push(r.url());
    });
    await page.goto(url);
    await page.waitForFunction(() => window.__result, null, { timeout: 20000 }).catch((e) => {
      throw new Error(`${e.message}; page errors: ${errors.join(" | ") || "none"}; failed requests: ${failed.join(", ") || "none"}`);
    });
    const out = await page.evaluate(() => window.__result);
    assert.equal(out.via, via, "sealed and opened in the page");
    assert.equal(out.bin, "object", "binLookup answered from the sandbox");
    assert.equal(out.sameError, true, "error classes share SeismicError");
    if (noWasm) assert.deepEqual(wasm, [], "no wasm request: the module is inside the script");
    else assert.equal(wasm.length, 1, `the wasm loaded as the bundler's asset (${wasm.join(", ") || "none"})`);
  } finally {
    await page.close();
  }
}

/** Serves a built site folder and checks its page. */
async function checkBuilt(env, dir, via, options) {
  const site = await serve(dir);
  try {
    await check(env, `${site.origin}/`, via, options);
  } finally {
    site.close();
  }
}

/** A page that loads one module script. */
const PAGE = (script, type = "module") => `<!doctype html><meta charset="utf-8"><title>bundle</title><script${type ? ` type="${type}"` : ""} src="${script}"></script>`;

/** The page program: the round trip, its result on `window.__result`. */
function program(env, via) {
  return `import * as sdk from "seismic-sdk";
const env = { SEISMIC_SANDBOX_URL: ${JSON.stringify(env.sandboxUrl)}, SEISMIC_SANDBOX_STORED_VALUE_API_KEY: ${JSON.stringify(process.env.SEISMIC_SANDBOX_STORED_VALUE_API_KEY || "")} };
const console = { log: (line) => { window.__result = JSON.parse(line); } };
${roundTrip(via, "env", ", dangerouslyAllowBrowser: true")}`;
}

/** A free loopback port. */
function freePort() {
  return new Promise((resolve) => {
    const s = http.createServer().listen(0, "127.0.0.1", () => {
      const { port } = s.address();
      s.close(() => resolve(port));
    });
  });
}

export const checks = [
  {
    name: "bundlers (browser): Next.js (next build, Turbopack) with no configuration: a client component imports seismic-sdk in an effect; next start; seals, opens, one sandbox call",
    run: async (env) => {
      const { assert } = env;
      const client = `"use client";
import { useEffect, useState } from "react";
export default function Client() {
  const [state, setState] = useState("loading");
  useEffect(() => {
    import("seismic-sdk").then(async (sdk) => {
      ${program(env, "next").replace('import * as sdk from "seismic-sdk";', "").replace(/\n/g, "\n      ")}
      setState("done");
    });
  }, []);
  return <p id="state">{state}</p>;
}
`;
      const c = await installTarball(
        assert,
        {},
        { name: "next-consumer", private: true, type: "module" },
        // Inside the repo, so the project resolves next, react and react-dom from its dev dependencies.
        join(REPO, "target/consumers"),
      );
      let server;
      try {
        mkdirSync(join(c.dir, "app"));
        writeFileSync(join(c.dir, "app/layout.js"), `export default function RootLayout({ children }) { return <html><body>{children}</body></html>; }\n`);
        writeFileSync(join(c.dir, "app/page.js"), `import Client from "./client.js";\nexport default function Page() { return <Client />; }\n`);
        writeFileSync(join(c.dir, "app/client.js"), client);
        const next = join(REPO, "node_modules/next/dist/bin/next");
        const nextEnv = { ...process.env, NEXT_TELEMETRY_DISABLED: "1" };
        const b = await run(process.execPath, [next, "build"], { cwd: c.dir, env: nextEnv, timeout: 180000 });
        assert.equal(b.code, 0, `next build:\n${b.stderr.slice(-2000)}${b.stdout.slice(-2000)}`);
        const port = await freePort();
        server = spawn(process.execPath, [next, "start", "-p", String(port), "-H", "127.0.0.1"], { cwd: c.dir, env: nextEnv, stdio: "ignore" });
        const origin = `http://127.0.0.1:${port}`;
        for (let i = 0; i < 100; i++) {
          if (await fetch(origin).then((r) => r.ok, () => false)) break;
          await new Promise((r) => setTimeout(r, 100));
        }
        await check(env, `${origin}/`, "next");
      } finally {
        server?.kill();
        c.cleanup();
      }
    },
  },
  {
    name: "bundlers (browser): Rollup with @rollup/plugin-node-resolve (browser), importing seismic-sdk/inline: one script, no wasm asset; seals, opens, one sandbox call",
    run: async (env) => {
      const { assert } = env;
      const c = await installTarball(assert, { "app.mjs": program(env, "rollup").replace('from "seismic-sdk"', 'from "seismic-sdk/inline"') });
      try {
        const { rollup } = await import(join(REPO, "node_modules/rollup/dist/es/rollup.js"));
        const { nodeResolve } = await import(join(REPO, "node_modules/@rollup/plugin-node-resolve/dist/es/index.js"));
        const build = await rollup({ input: join(c.dir, "app.mjs"), plugins: [nodeResolve({ browser: true, rootDir: c.dir })] });
        const { output } = await build.generate({ format: "es" });
        await build.close();
        assert.equal(output.length, 1, `one chunk (${output.map((o) => o.fileName).join(", ")})`);
        mkdirSync(join(c.dir, "out"));
        writeFileSync(join(c.dir, "out/app.js"), output[0].code);
        writeFileSync(join(c.dir, "out/index.html"), PAGE("app.js"));
        await checkBuilt(env, join(c.dir, "out"), "rollup", { noWasm: true });
      } finally {
        c.cleanup();
      }
    },
  },
  {
    name: "bundlers (browser): Vite build with no configuration, dist/ served as built: the wasm is its asset; seals, opens, one sandbox call",
    run: async (env) => {
      const { assert } = env;
      const c = await installTarball(assert, {
        "index.html": PAGE("/main.js"),
        "main.js": program(env, "vite"),
      });
      try {
        const b = await run(process.execPath, [join(REPO, "node_modules/vite/bin/vite.js"), "build", "--logLevel", "warn"], { cwd: c.dir });
        assert.equal(b.code, 0, `vite build:\n${b.stderr}${b.stdout}`);
        await checkBuilt(env, join(c.dir, "dist"), "vite");
      } finally {
        c.cleanup();
      }
    },
  },
  {
    name: "bundlers (browser): webpack 5 with no configuration (production mode), dist/ served as built: the wasm is its asset; seals, opens, one sandbox call",
    run: async (env) => {
      const { assert } = env;
      const c = await installTarball(assert, {});
      try {
        mkdirSync(join(c.dir, "src"));
        writeFileSync(join(c.dir, "src/index.js"), program(env, "webpack"));
        // What `npx webpack --mode production` does in the project (its defaults: ./src → ./dist).
        const { default: webpack } = await import(join(REPO, "node_modules/webpack/lib/index.js"));
        const stats = await new Promise((resolve, reject) => webpack({ context: c.dir, mode: "production", output: { path: join(c.dir, "dist") } }, (e, s) => (e ? reject(e) : resolve(s))));
        assert.ok(!stats.hasErrors(), `webpack:\n${stats.toString({ all: false, errors: true })}`);
        writeFileSync(join(c.dir, "dist/index.html"), PAGE("main.js", ""));
        await checkBuilt(env, join(c.dir, "dist"), "webpack");
      } finally {
        c.cleanup();
      }
    },
  },
  {
    name: "bundlers (browser): esbuild --format=esm with seismic-sdk aliased to seismic-sdk/inline, one script, no wasm asset: seals, opens, one sandbox call",
    run: async (env) => {
      const { assert } = env;
      const c = await installTarball(assert, { "app.mjs": program(env, "esbuild browser") });
      try {
        const b = await run(ESBUILD, ["app.mjs", "--bundle", "--format=esm", "--platform=browser", "--alias:seismic-sdk=seismic-sdk/inline", "--outfile=out/app.js"], { cwd: c.dir });
        assert.equal(b.code, 0, `esbuild:\n${b.stderr}`);
        writeFileSync(join(c.dir, "out/index.html"), PAGE("app.js"));
        await checkBuilt(env, join(c.dir, "out"), "esbuild browser", { noWasm: true });
      } finally {
        c.cleanup();
      }
    },
  },
];
