// Node-side helpers shared by the three runners: configuration, suite discovery, reporting.
import { readdirSync, existsSync, mkdirSync } from "node:fs";
import { join, resolve, relative, isAbsolute } from "node:path";
import { fileURLToPath } from "node:url";

export const TESTS_DIR = fileURLToPath(new URL(".", import.meta.url));
export const REPO_ROOT = resolve(TESTS_DIR, "..");

export function pkgDir() {
  const dir = process.env.SEISMIC_PKG_DIR ? resolve(process.env.SEISMIC_PKG_DIR) : join(REPO_ROOT, "pkg");
  return dir;
}

export function outDir(sub) {
  const base = process.env.SEISMIC_TEST_OUT ? resolve(process.env.SEISMIC_TEST_OUT) : join(TESTS_DIR, "out");
  const dir = sub ? join(base, sub) : base;
  mkdirSync(dir, { recursive: true });
  return dir;
}

export function sandboxConfig() {
  return {
    sandboxUrl: (process.env.SEISMIC_SANDBOX_URL || "").replace(/\/+$/, "") || undefined,
    noAccessKey: process.env.SEISMIC_SANDBOX_NOACCESS_KEY || undefined,
    // The sandbox's second (PCI widget) origin; the Cards widget tests need it.
    widgetOrigin: (process.env.SEISMIC_SANDBOX_WIDGET_ORIGIN || "").replace(/\/+$/, "") || undefined,
  };
}

/** Files in tests/<sub> matching `suffix`, sorted, as absolute paths. */
export function listSuites(sub, suffix) {
  const dir = join(TESTS_DIR, sub);
  if (!existsSync(dir)) return [];
  return readdirSync(dir)
    .filter((f) => f.endsWith(suffix))
    .sort()
    .map((f) => join(dir, f));
}

export function relFromTests(file) {
  return relative(TESTS_DIR, file).split("\\").join("/");
}

/** Optional name filter: argv[2] or SEISMIC_TEST_FILTER, a case-insensitive regex. */
export function testFilter() {
  const src = process.argv[2] || process.env.SEISMIC_TEST_FILTER;
  if (!src) return () => true;
  const re = new RegExp(src, "i");
  return (name) => re.test(name);
}

export function checkPkgDir(dir, entry) {
  if (!isAbsolute(dir) || !existsSync(join(dir, entry))) {
    return `package entry ${join(dir, entry)} not found (set SEISMIC_PKG_DIR to the built pkg/ directory)`;
  }
  return null;
}

const useColor = process.stdout.isTTY && !process.env.NO_COLOR;
const paint = (code, s) => (useColor ? `\x1b[${code}m${s}\x1b[0m` : s);

export class Reporter {
  constructor(runtime) {
    this.runtime = runtime;
    this.results = [];
    this.started = Date.now();
  }

  record(result) {
    this.results.push(result);
    const ms = `${result.ms ?? 0} ms`.padStart(8);
    if (result.ok) {
      console.log(`${paint(32, "  ok  ")} ${ms}  ${result.name}`);
    } else {
      console.log(`${paint(31, " FAIL ")} ${ms}  ${result.name}`);
      for (const line of String(result.error || "").split("\n")) console.log(`                  ${paint(90, line)}`);
    }
  }

  /** Prints the failure recap and the machine-readable SUMMARY line; returns the exit code. */
  finish(extra = "") {
    const passed = this.results.filter((r) => r.ok).length;
    const failed = this.results.length - passed;
    const secs = ((Date.now() - this.started) / 1000).toFixed(1);
    console.log("");
    if (failed) {
      console.log(paint(31, `${failed} failing (${this.runtime}):`));
      for (const r of this.results.filter((x) => !x.ok)) console.log(`  - ${r.name}: ${String(r.error).split("\n")[0]}`);
    }
    console.log(`${this.runtime}: ${passed} passed, ${failed} failed in ${secs} s${extra ? ` ${extra}` : ""}`);
    console.log(`SUMMARY ${JSON.stringify({ runtime: this.runtime, passed, failed })}`);
    return failed > 0 || passed + failed === 0 ? 1 : 0;
  }

  /** finish(), then exit once stdout has drained (it may be a pipe to cargo xtask). */
  exit() {
    const code = this.finish();
    process.stdout.write("", () => process.exit(code));
  }
}

export function withTimeout(promise, ms, what) {
  let timer;
  return Promise.race([
    promise,
    new Promise((_, reject) => {
      timer = setTimeout(() => reject(new Error(`${what} timed out after ${ms} ms`)), ms);
    }),
  ]).finally(() => clearTimeout(timer));
}
