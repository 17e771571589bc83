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

/**
 * Flattens `[{ file, module }]` into `[{ name, fn, file }]`, rejecting malformed or duplicate
 * tests. Tests marked `last: true` (they change process-wide state if the SDK is buggy, e.g. a
 * leaked clock offset) run after all others, so a failure there cannot cascade.
 */
export function collectTests(modules) {
  const out = [];
  const names = new Set();
  for (const { file, module } of modules) {
    const list = module && module.tests;
    if (!Array.isArray(list)) throw new Error(`${file}: does not export \`tests\` as an array`);
    for (const t of list) {
      if (!t || typeof t.name !== "string" || typeof t.fn !== "function") throw new Error(`${file}: malformed test entry`);
      if (names.has(t.name)) throw new Error(`${file}: duplicate test name ${JSON.stringify(t.name)}`);
      names.add(t.name);
      out.push({ name: t.name, fn: t.fn, file, last: !!t.last });
    }
  }
  return [...out.filter((t) => !t.last), ...out.filter((t) => t.last)];
}
