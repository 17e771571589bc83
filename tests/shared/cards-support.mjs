// Helpers shared by the cards-*.suite.mjs suites (SeismicCardsClient against the seismic-sandbox):
// client construction, error and validation checks, recorded-call filters, timing. Sandbox admin
// helpers (tenants, faults, purchases) live in cards-sandbox.mjs.


export const SERVER = ["node", "workerd"];
export const UUID_V4 = /^[0-9a-f]{8}-[0-9a-f]{4}-4[0-9a-f]{3}-[89ab][0-9a-f]{3}-[0-9a-f]{12}$/i;
export const FAST = { kycDelayMs: 30, cardholderDelayMs: 30 };

// ---------------------------------------------------------------------------------------------
// helpers

export function cardsClient(ctx, tenant, extra = {}) {
  const { SeismicCardsClient } = ctx.sdk;
  if (typeof SeismicCardsClient !== "function") throw new Error(`the package exports no SeismicCardsClient (got ${typeof SeismicCardsClient})`);
  return new SeismicCardsClient({ baseUrl: ctx.sandboxUrl, clientId: tenant.clientId, clientSecret: tenant.clientSecret, ...extra });
}

export const base = (ctx) => ctx.sandboxUrl.replace(/\/+$/, "");

export const callsTo = (calls, method, path) => calls.filter((c) => c.method === method && c.path === path);
export const apiCalls = (calls) => calls.filter((c) => !c.path.startsWith("/v1/oauth/"));

export function validation(ctx, field) {
  const { sdk, assert } = ctx;
  return (e) => {
    assert.ok(e instanceof sdk.ValidationError, `expected ValidationError(${field}), got ${assert.show(e)}`);
    assert.ok(e instanceof sdk.SeismicError && e instanceof Error, "ValidationError extends SeismicError");
    assert.equal(e.name, "ValidationError", "error.name");
    if (field instanceof RegExp) assert.match(e.field, field, `field (${e.message})`);
    else if (field !== undefined) assert.equal(e.field, field, `field (${e.message})`);
    return true;
  };
}

/** A CardsApiError check: `expect` = { code, httpStatus }. */
export function cardsError(ctx, expect = {}) {
  const { sdk, assert } = ctx;
  return (e) => {
    assert.ok(typeof sdk.CardsApiError === "function", "the package exports CardsApiError");
    assert.ok(e instanceof sdk.CardsApiError, `expected CardsApiError ${assert.show(expect)}, got ${assert.show(e)}`);
    assert.ok(e instanceof sdk.SeismicError && sdk.isSeismicError(e), "CardsApiError extends SeismicError");
    assert.equal(e.name, "CardsApiError", "error.name");
    assert.ok(typeof e.message === "string" && e.message.length > 0, "error.message");
    const detail = assert.show({ code: e.code, httpStatus: e.httpStatus, status: e.status, message: e.message, requestId: e.requestId });
    if (expect.code !== undefined) assert.equal(e.code, expect.code, `error.code (${detail})`);
    if (expect.httpStatus !== undefined) {
      assert.equal(e.httpStatus, expect.httpStatus, `error.httpStatus (${detail})`);
      assert.equal(e.status, expect.httpStatus, `error.status (${detail})`);
    }
    assert.ok(typeof e.requestId === "string" && /^req_/.test(e.requestId), `error.requestId is the X-Request-Id (${detail})`);
    return true;
  };
}

/** Resolves to { value } or { error } (never throws). */
export function settled(promiseOrFn) {
  return Promise.resolve()
    .then(() => (typeof promiseOrFn === "function" ? promiseOrFn() : promiseOrFn))
    .then((value) => ({ value }), (error) => ({ error }));
}

/**
 * `fn()` must reject (or throw) with a ValidationError on `field`, and nothing may reach
 * `path` (the endpoint) — nor any other API path.
 */
export async function expectInvalid(ctx, calls, label, field, fn) {
  const { assert } = ctx;
  const before = calls.length;
  const r = await settled(fn);
  if (!("error" in r)) throw new assert.AssertionError(`${label}: resolved with ${assert.show(r.value)} instead of a ValidationError(${field})`);
  try {
    validation(ctx, field)(r.error);
  } catch (e) {
    throw new assert.AssertionError(`${label}: ${e.message}`);
  }
  const sent = apiCalls(calls.slice(before));
  if (sent.length) throw new assert.AssertionError(`${label}: a request was sent anyway: ${sent.map((c) => `${c.method} ${c.path}`).join(", ")}`);
}

/** Collects failures of many `expectInvalid`s and reports them together. */
export function collector(ctx) {
  const problems = [];
  return {
    check: (p) => p.catch((e) => problems.push(e.message)),
    done: () => ctx.assert.ok(problems.length === 0, `${problems.length} problems:\n    ${problems.join("\n    ")}`),
  };
}

export async function listAllOf(iterable) {
  const out = [];
  for await (const x of iterable) out.push(x);
  return out;
}

/** Rejects if `promise` has not settled within `ms`. */
export function within(ms, promise, what) {
  let timer;
  return Promise.race([
    promise,
    new Promise((_, reject) => {
      timer = setTimeout(() => reject(new Error(`${what}: still pending after ${ms} ms`)), ms);
    }),
  ]).finally(() => clearTimeout(timer));
}

export function expectClose(ctx, actual, expected, slack, what) {
  ctx.assert.ok(Math.abs(actual - expected) <= slack, `${what}: ${actual} is not within ${slack} of ${expected}`);
}
