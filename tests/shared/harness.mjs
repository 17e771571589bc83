// Runtime-neutral test execution: used by the Node runner, the page and the worker.

export function formatError(e) {
  if (e instanceof Error) {
    let trace = typeof e.stack === "string" ? e.stack : "";
    const at = e.message ? trace.indexOf(e.message) : -1;
    if (at >= 0) trace = trace.slice(at + e.message.length);
    const stack = trace.split("\n").filter((l) => /^\s+at /.test(l)).slice(0, 3).join("\n");
    return `${e.name}: ${e.message}${stack ? "\n" + stack : ""}`;
  }
  try {
    return `non-Error thrown: ${typeof e === "string" ? e : JSON.stringify(e)}`;
  } catch {
    return `non-Error thrown: ${String(e)}`;
  }
}

/** Runs one `{ name, fn }` test with a timeout; never throws. */
export async function runTest(test, ctx, timeoutMs = 60000) {
  const started = Date.now();
  let timer;
  try {
    await Promise.race([
      Promise.resolve().then(() => test.fn(ctx)),
      new Promise((_, reject) => {
        timer = setTimeout(() => reject(new Error(`test timed out after ${timeoutMs} ms`)), timeoutMs);
      }),
    ]);
    return { name: test.name, ok: true, ms: Date.now() - started };
  } catch (e) {
    return { name: test.name, ok: false, ms: Date.now() - started, error: formatError(e) };
  } finally {
    clearTimeout(timer);
  }
}

/** Runtimes a test may name in its optional `runtimes` field. */
export const RUNTIMES = ["node", "browser", "workerd"];

/**
 * Flattens `[{ file, module }]` into `[{ name, fn, file }]`, rejecting malformed or duplicate
 * tests. Tests marked `last: true` (they change process-wide state if the SDK is buggy, e.g. a
 * leaked clock offset) run after all others, so a failure there cannot cascade.
 * A test with `runtimes: ["node", "workerd"]` runs only there: when `runtime` is given, the
 * others are left out (no `runtimes` = every runtime).
 */
export function collectTests(modules, runtime) {
  if (runtime !== undefined && !RUNTIMES.includes(runtime)) throw new Error(`collectTests: unknown runtime ${JSON.stringify(runtime)}`);
  const out = [];
  const names = new Set();
  for (const { file, module } of modules) {
    const list = module && module.tests;
    if (!Array.isArray(list)) throw new Error(`${file}: does not export \`tests\` as an array`);
    for (const t of list) {
      if (!t || typeof t.name !== "string" || typeof t.fn !== "function") throw new Error(`${file}: malformed test entry`);
      if (names.has(t.name)) throw new Error(`${file}: duplicate test name ${JSON.stringify(t.name)}`);
      if (t.runtimes !== undefined && (!Array.isArray(t.runtimes) || t.runtimes.length === 0 || t.runtimes.some((r) => !RUNTIMES.includes(r)))) {
        throw new Error(`${file}: test ${JSON.stringify(t.name)}: runtimes must be a non-empty subset of ${JSON.stringify(RUNTIMES)}`);
      }
      names.add(t.name);
      if (runtime !== undefined && t.runtimes && !t.runtimes.includes(runtime)) continue;
      out.push({ name: t.name, fn: t.fn, file, last: !!t.last });
    }
  }
  return [...out.filter((t) => !t.last), ...out.filter((t) => t.last)];
}
