// JSON.stringify for request params that refuses what JSON cannot carry faithfully instead of
// silently turning it into null (NaN, Infinity) or dropping it (functions, symbols).

/** @internal Used by the wasm module. Throws a TypeError naming the offending key. */
export function stringifyParams(value) {
  const refuse = (key, message) => Object.assign(new TypeError(message), { key });
  return JSON.stringify(value, function (key, v) {
    if (typeof v === "number" && !Number.isFinite(v)) throw refuse(key, "must be a finite number");
    if (typeof v === "function" || typeof v === "symbol") throw refuse(key, "cannot be sent as JSON");
    if (typeof v === "bigint") throw refuse(key, "must be a number or a string, not a bigint");
    return v;
  });
}
