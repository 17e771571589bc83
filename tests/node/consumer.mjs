// Throwaway consumer projects: node_modules/seismic-sdk a symlink to the built package, or the
// packed tarball installed; and the program they run to prove the package works there.
import { execFile } from "node:child_process";
import { existsSync, mkdtempSync, mkdirSync, symlinkSync, writeFileSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";

export function makeConsumer(pkgDir, files = {}, packageJson = { name: "consumer", private: true }) {
  const dir = mkdtempSync(join(tmpdir(), "seismic-consumer-"));
  mkdirSync(join(dir, "node_modules"), { recursive: true });
  symlinkSync(pkgDir, join(dir, "node_modules", "seismic-sdk"), "dir");
  writeFileSync(join(dir, "package.json"), JSON.stringify(packageJson, null, 2));
  for (const [name, text] of Object.entries(files)) writeFileSync(join(dir, name), text);
  return { dir, cleanup: () => rmSync(dir, { recursive: true, force: true }) };
}

/**
 * A throwaway project with the packed tarball (SEISMIC_PKG_TARBALL) installed from the file, as
 * `npm install <tgz>` does; under `parent` (a folder inside the repo lets it resolve the repo's
 * dev dependencies, e.g. Next.js and React, as its own).
 */
export async function installTarball(assert, files = {}, packageJson = { name: "tarball-consumer", private: true, type: "module" }, parent = tmpdir()) {
  const tarball = process.env.SEISMIC_PKG_TARBALL || "";
  assert.ok(tarball && existsSync(tarball), `SEISMIC_PKG_TARBALL must name the packed tarball (cargo xtask pack); got ${tarball || "(unset)"}`);
  mkdirSync(parent, { recursive: true });
  const dir = mkdtempSync(join(parent, "seismic-tarball-"));
  writeFileSync(join(dir, "package.json"), JSON.stringify(packageJson, null, 2));
  for (const [name, text] of Object.entries(files)) writeFileSync(join(dir, name), text);
  const r = await run("npm", ["install", "--no-audit", "--no-fund", "--offline", tarball], { cwd: dir });
  assert.equal(r.code, 0, `npm install <tarball> failed:\n${r.stderr.slice(-2000)}`);
  return { dir, cleanup: () => rmSync(dir, { recursive: true, force: true }) };
}

/** Runs a command, resolving to its exit code and output (never rejects). */
export function run(cmd, args, opts = {}) {
  return new Promise((resolve) => {
    execFile(cmd, args, { timeout: 120000, maxBuffer: 32 << 20, ...opts }, (error, stdout, stderr) =>
      resolve({ code: error ? error.code ?? 1 : 0, stdout, stderr }),
    );
  });
}

/**
 * The body of a consumer program: seals and opens an envelope, makes one sandbox call, and
 * prints `{ via, bin, sameError }` as its last line. `sdk` is the imported package; needs
 * `SEISMIC_SANDBOX_URL` and `SEISMIC_SANDBOX_STORED_VALUE_API_KEY` (or `env` to name them);
 * `extraConfig` is appended to the client's config (", dangerouslyAllowBrowser: true" in a page).
 */
export function roundTrip(how, env = "process.env", extraConfig = "") {
  return `const key = "22".repeat(32);
const body = sdk.sealEnvelope(key, { via: "${how}" });
const back = sdk.openEnvelope(key, body);
const client = new sdk.StoredValueClient({ baseUrl: ${env}.SEISMIC_SANDBOX_URL, apiKey: ${env}.SEISMIC_SANDBOX_STORED_VALUE_API_KEY, maxRetries: 0${extraConfig} });
const bin = await client.binLookup({ bin: "411111" }).then((b) => typeof b, (e) => e instanceof sdk.SeismicError ? e.name : String(e));
console.log(JSON.stringify({ via: back.via, bin, sameError: sdk.EnvelopeError.prototype instanceof sdk.SeismicError }));
`;
}

/** Checks the last stdout line of a `roundTrip` program. */
export function assertRoundTrip(assert, r, via, what) {
  assert.equal(r.code, 0, `${what} failed:\n${(r.stderr || "").slice(-1500)}${(r.stdout || "").slice(-500)}`);
  const out = JSON.parse(r.stdout.trim().split("\n").pop());
  assert.equal(out.via, via, `${what}: sealed and opened`);
  assert.equal(out.bin, "object", `${what}: binLookup answered from the sandbox`);
  assert.equal(out.sameError, true, `${what}: error classes share SeismicError`);
}
