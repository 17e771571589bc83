// JSON.stringify for request params that refuses what JSON cannot carry faithfully instead of
// silently turning it into null (NaN, Infinity) or dropping it (functions, symbols, bigints).

function check(value, path) {
  if (typeof value === "number" && !Number.isFinite(value)) return [path, "must be a finite number"];
  if (typeof value === "function" || typeof value === "symbol") return [path, "cannot be sent as JSON"];
  if (typeof value === "bigint") return [path, "must be a number or a string, not a bigint"];
  if (value === null || typeof value !== "object" || typeof value.toJSON === "function") return null;
  if (Array.isArray(value)) {
    for (let i = 0; i < value.length; i++) {
      const bad = check(value[i], `${path}[${i}]`);
      if (bad) return bad;
    }
    return null;
  }
  for (const key of Object.keys(value)) {
    if (value[key] === undefined) continue;
    const bad = check(value[key], path ? `${path}.${key}` : key);
    if (bad) return bad;
  }
  return null;
}

/** @internal Used by the wasm module. Throws a TypeError whose `path` names the offending value. */
export function stringifyParams(value) {
  const bad = check(value, "");
  if (bad) throw Object.assign(new TypeError(bad[1]), { path: bad[0] });
  return JSON.stringify(value);
}

/**
 * @internal Used by the wasm module: `JSON.parse(text)`, or its `field` when given, in one
 * crossing that cannot throw (a throwing import costs a try/catch shim per call);
 * `undefined` when `text` is not JSON.
 */
export function parseReply(text, field) {
  try {
    const value = JSON.parse(text);
    return field === undefined ? value : value?.[field];
  } catch {
    return undefined;
  }
}
