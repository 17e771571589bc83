// Tiny dependency-free assertion helpers that behave the same in Node, Chromium and workerd.

export class AssertionError extends Error {
  constructor(message) {
    super(message);
    this.name = "AssertionError";
  }
}

/** Short, JSON-ish rendering of any value for failure messages (bigint, Uint8Array, cycles, errors). */
export function show(value, depth = 0) {
  const seen = new WeakSet();
  const walk = (v, d) => {
    if (typeof v === "bigint") return `${v}n`;
    if (typeof v === "string") return JSON.stringify(v.length > 200 ? v.slice(0, 200) + "…" : v);
    if (typeof v === "function") return `[Function ${v.name || "anonymous"}]`;
    if (typeof v === "symbol") return v.toString();
    if (v === undefined) return "undefined";
    if (v === null || typeof v !== "object") return String(v);
    if (seen.has(v)) return "[Circular]";
    seen.add(v);
    if (v instanceof Error) return `${v.name}(${JSON.stringify(v.message)}${"code" in v ? `, code=${JSON.stringify(v.code)}` : ""}${"status" in v ? `, status=${v.status}` : ""})`;
    if (ArrayBuffer.isView(v)) {
      const bytes = Array.from(new Uint8Array(v.buffer, v.byteOffset, Math.min(v.byteLength, 48)));
      return `${v.constructor.name}(${v.byteLength})[${bytes.join(",")}${v.byteLength > 48 ? ",…" : ""}]`;
    }
    if (d > 4) return Array.isArray(v) ? "[Array]" : "[Object]";
    if (Array.isArray(v)) return `[${v.map((x) => walk(x, d + 1)).join(", ")}]`;
    const keys = Object.keys(v);
    return `{${keys.map((k) => `${JSON.stringify(k)}: ${walk(v[k], d + 1)}`).join(", ")}}`;
  };
  return walk(value, depth);
}

function fail(message, detail) {
  throw new AssertionError(detail ? `${message}: ${detail}` : message);
}

export function ok(value, msg = "expected a truthy value") {
  if (!value) fail(msg, `got ${show(value)}`);
}

export function equal(actual, expected, msg = "values differ") {
  if (!Object.is(actual, expected)) fail(msg, `expected ${show(expected)}, got ${show(actual)}`);
}

export function notEqual(actual, expected, msg = "values should differ") {
  if (Object.is(actual, expected)) fail(msg, `both are ${show(actual)}`);
}

function deepEq(a, b, path, seen) {
  if (Object.is(a, b)) return null;
  if (typeof a !== typeof b) return `${path}: ${show(a)} !== ${show(b)}`;
  if (a === null || b === null || typeof a !== "object") return `${path}: ${show(a)} !== ${show(b)}`;
  if (seen.has(a)) return null;
  seen.add(a);
  if (ArrayBuffer.isView(a) || ArrayBuffer.isView(b)) {
    if (!ArrayBuffer.isView(a) || !ArrayBuffer.isView(b)) return `${path}: ${show(a)} !== ${show(b)}`;
    const x = new Uint8Array(a.buffer, a.byteOffset, a.byteLength);
    const y = new Uint8Array(b.buffer, b.byteOffset, b.byteLength);
    if (x.length !== y.length) return `${path}: length ${x.length} !== ${y.length}`;
    for (let i = 0; i < x.length; i++) if (x[i] !== y[i]) return `${path}[${i}]: ${x[i]} !== ${y[i]}`;
    return null;
  }
  if (Array.isArray(a) !== Array.isArray(b)) return `${path}: array vs non-array`;
  if (a instanceof Date && b instanceof Date) return a.getTime() === b.getTime() ? null : `${path}: dates differ`;
  const ka = Object.keys(a).sort();
  const kb = Object.keys(b).sort();
  if (ka.length !== kb.length || ka.some((k, i) => k !== kb[i])) {
    return `${path}: keys ${show(ka)} !== ${show(kb)}`;
  }
  for (const k of ka) {
    const r = deepEq(a[k], b[k], `${path}.${k}`, seen);
    if (r) return r;
  }
  return null;
}

export function deepEqual(actual, expected, msg = "structures differ") {
  const diff = deepEq(actual, expected, "$", new WeakSet());
  if (diff) fail(msg, `${diff}\n  expected ${show(expected)}\n  actual   ${show(actual)}`);
}

export function match(string, regex, msg = "string does not match") {
  if (typeof string !== "string") fail(msg, `expected a string, got ${show(string)}`);
  if (!regex.test(string)) fail(msg, `${show(string)} !~ ${regex}`);
}

function isErrorClass(fn) {
  return typeof fn === "function" && (fn === Error || fn.prototype instanceof Error);
}

/**
 * `expected` is an Error class (instanceof), a predicate (must return true or throw),
 * or a plain object whose own properties must equal the error's (e.g. { name, code, status }).
 */
function checkError(err, expected, msg) {
  if (expected === undefined) return;
  if (isErrorClass(expected)) {
    if (!(err instanceof expected)) fail(msg, `expected instance of ${expected.name}, got ${show(err)}`);
    return;
  }
  if (typeof expected === "function") {
    let res;
    try {
      res = expected(err);
    } catch (e) {
      fail(msg, `error ${show(err)} failed check: ${e && e.message}`);
    }
    if (res !== true && res !== undefined) fail(msg, `error ${show(err)} rejected by predicate`);
    return;
  }
  if (expected && typeof expected === "object") {
    for (const [k, v] of Object.entries(expected)) {
      const actual = err == null ? undefined : err[k];
      const good = v instanceof RegExp ? typeof actual === "string" && v.test(actual) : Object.is(actual, v);
      if (!good) fail(msg, `error.${k}: expected ${show(v)}, got ${show(actual)} (error ${show(err)})`);
    }
    return;
  }
  fail("assert: bad `expected` argument", show(expected));
}

/** Awaits a promise (or calls an async fn) that must reject; returns the rejection reason. */
export async function rejects(promiseOrFn, expected, msg = "expected a rejection") {
  let p;
  try {
    p = typeof promiseOrFn === "function" ? promiseOrFn() : promiseOrFn;
  } catch (e) {
    fail(msg, `function threw synchronously instead of returning a rejecting promise: ${show(e)}`);
  }
  if (!p || typeof p.then !== "function") fail(msg, `not a promise: ${show(p)}`);
  let value;
  try {
    value = await p;
  } catch (err) {
    checkError(err, expected, msg);
    return err;
  }
  fail(msg, `resolved with ${show(value)}`);
}

/** Calls fn, which must throw synchronously; returns the thrown value. */
export function throws(fn, expected, msg = "expected an exception") {
  let value;
  try {
    value = fn();
  } catch (err) {
    checkError(err, expected, msg);
    return err;
  }
  fail(msg, `returned ${show(value)}`);
}

export const assert = { ok, equal, notEqual, deepEqual, match, rejects, throws, show, AssertionError };
export default assert;
