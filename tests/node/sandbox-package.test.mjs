// Node-only: the packed seismic-sandbox (SEISMIC_SANDBOX_TARBALL) as a JS user's tests use it:
// installed with seismic-sdk into a fresh project, startSandbox() from a plain Node program
// (ESM and require()), one call through the SDK with the credentials it answers, stop();
// a program that exits without stop() takes the sandbox with it; and `npx seismic-sandbox --help`.
import { existsSync, writeFileSync } from "node:fs";
import { join } from "node:path";
import { installTarball, run } from "./consumer.mjs";

const PROGRAM = (load) => `${load}
const sandbox = await startSandbox();
const client = new EnvelopeClient({ baseUrl: sandbox.url, apiKey: sandbox.envelope.apiKey, encryptionKey: sandbox.envelope.encryptionKey, maxRetries: 0 });
const bin = typeof (await client.request("/master/balance", {}));
const refused = await new EnvelopeClient({ baseUrl: sandbox.url, apiKey: "wrong", encryptionKey: sandbox.envelope.encryptionKey, maxRetries: 0 })
  .request("/master/balance", {})
  .then(() => "accepted", (e) => e.name);
await sandbox.stop();
const after = await fetch(sandbox.url).then(() => "still serving", () => "stopped");
console.log(JSON.stringify({ url: sandbox.url, bin, refused, after, keys: Object.keys(sandbox).sort() }));
`;

async function project(assert) {
  const tarball = process.env.SEISMIC_SANDBOX_TARBALL || "";
  assert.ok(tarball && existsSync(tarball), `SEISMIC_SANDBOX_TARBALL must name the packed sandbox (cargo xtask pack); got ${tarball || "(unset)"}`);
  const c = await installTarball(assert, {
    "main.mjs": PROGRAM(`import { startSandbox } from "seismic-sandbox";\nimport { EnvelopeClient } from "seismic-sdk";`),
    "main.cjs": `(async () => {\n${PROGRAM(`const { startSandbox } = require("seismic-sandbox");\nconst { EnvelopeClient } = require("seismic-sdk");`)}\n})();\n`,
  });
  const r = await run("npm", ["install", "--no-audit", "--no-fund", "--offline", tarball], { cwd: c.dir });
  assert.equal(r.code, 0, `npm install <sandbox tarball>:\n${r.stderr.slice(-1500)}`);
  return c;
}

export const tests = [
  {
    name: "sandbox package: startSandbox() from a plain Node program (import and require) serves the APIs with the credentials it answers, and stop() stops it",
    fn: async ({ assert }) => {
      const c = await project(assert);
      try {
        for (const file of ["main.mjs", "main.cjs"]) {
          const r = await run(process.execPath, [file], { cwd: c.dir });
          assert.equal(r.code, 0, `${file}:\n${r.stderr.slice(-1500)}`);
          const out = JSON.parse(r.stdout.trim().split("\n").pop());
          assert.match(out.url, /^http:\/\/127\.0\.0\.1:\d+$/, `${file}: a loopback URL`);
          assert.equal(out.bin, "object", `${file}: the SDK's call answered`);
          assert.equal(out.refused, "EnvelopeApiError", `${file}: a wrong key is refused, so the key it answered is what made the call work`);
          assert.equal(out.after, "stopped", `${file}: nothing listens after stop()`);
          assert.deepEqual(out.keys, ["cards", "envelope", "orchestration", "stop", "storedValue", "url"], `${file}: what startSandbox answers`);
        }
        // A program that ends without stop(): the sandbox goes with it.
        writeFileSync(join(c.dir, "forget.mjs"), `import { startSandbox } from "seismic-sandbox";\nconst s = await startSandbox();\nconsole.log(s.url);\n`);
        const forgot = await run(process.execPath, ["forget.mjs"], { cwd: c.dir });
        assert.equal(forgot.code, 0, `forget.mjs:\n${forgot.stderr}`);
        const url = forgot.stdout.trim().split("\n").pop();
        let served = true;
        for (let i = 0; i < 50 && served; i++) {
          served = await fetch(url).then(() => true, () => false);
          if (served) await new Promise((r) => setTimeout(r, 100));
        }
        assert.equal(served, false, `the sandbox at ${url} outlived the program that started it`);
        const help = await run("npx", ["--no-install", "seismic-sandbox", "--help"], { cwd: c.dir });
        assert.equal(help.code, 0, `npx seismic-sandbox --help:\n${help.stderr}`);
        assert.match(help.stdout + help.stderr, /--port/, "the help lists the flags");
        assert.ok(existsSync(join(c.dir, "node_modules/seismic-sandbox/bin/seismic-sandbox")), "the binary is in the package");
      } finally {
        c.cleanup();
      }
    },
  },
];
