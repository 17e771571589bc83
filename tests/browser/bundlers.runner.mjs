// Runner hook: the packed tarball bundled for the browser by esbuild (ESM, seismic-sdk aliased
// to seismic-sdk/inline, the README's route), served as one script and loaded in Chromium;
// the page seals and opens an envelope and makes one sandbox call.
import { readFileSync } from "node:fs";
import { join } from "node:path";
import { fileURLToPath } from "node:url";
import { installTarball, run, roundTrip } from "../node/consumer.mjs";

const REPO = fileURLToPath(new URL("../../", import.meta.url));
const ESBUILD = join(REPO, "node_modules/esbuild/bin/esbuild");
let bundle = "";

export const routes = {
  "/__bundlers/esbuild/index.html": (req, res) => {
    res.writeHead(200, { "content-type": "text/html" });
    res.end(`<!doctype html><meta charset="utf-8"><title>esbuild bundle</title><script type="module" src="app.js"></script>`);
  },
  "/__bundlers/esbuild/app.js": (req, res) => {
    res.writeHead(200, { "content-type": "text/javascript", "cache-control": "no-store" });
    res.end(bundle);
  },
};

export const checks = [
  {
    name: "bundlers (browser): esbuild --format=esm with seismic-sdk aliased to seismic-sdk/inline, one script, no wasm asset: seals, opens, one sandbox call",
    run: async (env) => {
      const { assert } = env;
      const program = `import * as sdk from "seismic-sdk";
const env = { SEISMIC_SANDBOX_URL: ${JSON.stringify(env.sandboxUrl)}, SEISMIC_SANDBOX_STORED_VALUE_API_KEY: ${JSON.stringify(process.env.SEISMIC_SANDBOX_STORED_VALUE_API_KEY || "")} };
const console = { log: (line) => { window.__result = JSON.parse(line); } };
${roundTrip("esbuild browser", "env", ", dangerouslyAllowBrowser: true")}`;
      const c = await installTarball(assert, { "app.mjs": program });
      try {
        const b = await run(ESBUILD, ["app.mjs", "--bundle", "--format=esm", "--platform=browser", "--alias:seismic-sdk=seismic-sdk/inline", "--outfile=out/app.js"], { cwd: c.dir });
        assert.equal(b.code, 0, `esbuild:\n${b.stderr}`);
        bundle = readFileSync(join(c.dir, "out/app.js"), "utf8");
        const page = await env.context.newPage();
        try {
          const failed = [];
          const errors = [];
          page.on("pageerror", (e) => errors.push(String(e)));
          page.on("requestfailed", (r) => failed.push(r.url()));
          page.on("response", (r) => r.status() >= 400 && failed.push(`${r.status()} ${r.url()}`));
          await page.goto(`${env.origin}/__bundlers/esbuild/index.html`);
          await page.waitForFunction(() => window.__result, null, { timeout: 20000 }).catch((e) => {
            throw new Error(`${e.message}; page errors: ${errors.join(" | ") || "none"}; failed requests: ${failed.join(", ") || "none"}`);
          });
          const out = await page.evaluate(() => window.__result);
          assert.equal(out.via, "esbuild browser", "sealed and opened in the page");
          assert.equal(out.bin, "object", "binLookup answered from the sandbox");
          assert.equal(out.sameError, true, "error classes share SeismicError");
          assert.deepEqual(failed.filter((u) => /\.wasm/.test(u)), [], "no wasm request");
        } finally {
          await page.close();
        }
      } finally {
        c.cleanup();
      }
    },
  },
];
