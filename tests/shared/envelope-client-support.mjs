// Helpers shared by the envelope-client-*.suite.mjs suites (EnvelopeClient against the
// seismic-sandbox): client construction, response and error checks, fetch doubles, timing.
import { getStats, apiPath, uniqueId } from "./sandbox.mjs";
import { describeFetchCall, recordingFetch } from "./recording-fetch.mjs";

export const UUID_V4 = /^[0-9a-f]{8}-[0-9a-f]{4}-4[0-9a-f]{3}-[89ab][0-9a-f]{3}-[0-9a-f]{12}$/i;

export function newClient(ctx, tenant, extra = {}) {
  return new ctx.sdk.EnvelopeClient({
    baseUrl: ctx.sandboxUrl,
    apiKey: tenant.apiKey,
    encryptionKey: tenant.encryptionKey,
    ...extra,
  });
}

/** `request` resolves to the decrypted response JSON: { success: true, data }. */
export function dataOf(assert, res, what = "response") {
  assert.ok(res && typeof res === "object", `${what}: expected an object, got ${assert.show(res)}`);
  assert.equal(res.success, true, `${what}.success (got ${assert.show(res)})`);
  assert.ok(res.data && typeof res.data === "object", `${what}.data is an object (got ${assert.show(res)})`);
  return res.data;
}

export const money = (v) => Number(v).toFixed(2);
export const orderCount = (stats) => (Array.isArray(stats.orders) ? stats.orders.length : Number(stats.orders));

export async function requestsSince(ctx, tenant, before) {
  const s = await getStats(ctx.sandboxUrl, tenant.apiKey);
  return Number(s.requests) - Number(before.requests);
}

/** A fetch that never settles, ignoring any signal. */
export const hangingFetch = () => new Promise(() => {});

/** A fetch that only settles (rejecting) when its signal aborts, like the real one. */
export function signalOnlyFetch(input, init = {}) {
  const signal = init.signal || (typeof Request !== "undefined" && input instanceof Request ? input.signal : undefined);
  return new Promise((_, reject) => {
    if (!signal) return;
    const fire = () => reject(signal.reason instanceof Error ? signal.reason : new DOMException("The operation was aborted.", "AbortError"));
    if (signal.aborted) fire();
    else signal.addEventListener("abort", fire, { once: true });
  });
}

export function apiError(sdk, assert, { status, slug, requestId = false }) {
  return (e) => {
    assert.ok(e instanceof Error, `not an Error: ${assert.show(e)}`);
    assert.ok(e instanceof sdk.SeismicError, `not a SeismicError: ${assert.show(e)}`);
    assert.ok(e instanceof sdk.EnvelopeApiError, `not an EnvelopeApiError: ${assert.show(e)}`);
    assert.equal(e.name, "EnvelopeApiError", "error.name");
    if (status !== undefined) assert.equal(e.status, status, `error.status (${e.message})`);
    if (slug !== undefined) assert.equal(e.slug, slug, `error.slug (${e.message})`);
    assert.equal(e.code, e.slug, "error.code === error.slug");
    assert.ok(typeof e.message === "string" && e.message.length > 0, "error.message non-empty");
    if (requestId) assert.ok(typeof e.requestId === "string" && e.requestId.length > 0, `error.requestId set (got ${assert.show(e.requestId)})`);
    assert.ok(sdk.isSeismicError(e), "isSeismicError");
    return true;
  };
}

export function typedError(sdk, assert, cls) {
  return (e) => {
    assert.ok(e instanceof Error, `not an Error: ${assert.show(e)}`);
    assert.ok(e instanceof sdk.SeismicError, `not a SeismicError: ${assert.show(e)}`);
    assert.ok(e instanceof sdk[cls], `expected ${cls}, got ${assert.show(e)}`);
    assert.equal(e.name, cls, "error.name");
    return true;
  };
}

export async function createCard(ctx, client, amount = "10.00") {
  const ext = uniqueId("user");
  const res = await client.cards.create({ external_user_id: ext, currency: "USD", amount });
  const d = dataOf(ctx.assert, res, "cards.create");
  return { ext, card: d };
}

export const sleep = (ms) => new Promise((r) => setTimeout(r, ms));

/**
 * Awaits a call that must reject within `ms`; a hang fails the test with a clear message
 * instead of a confusing assertion. Returns the rejection reason after running `check`.
 */
export async function rejectsWithin(assert, ms, promise, check, what) {
  const settled = await within(ms, Promise.resolve(promise).then((value) => ({ value }), (error) => ({ error })), what);
  if (!("error" in settled)) assert.ok(false, `${what}: resolved with ${assert.show(settled.value)} instead of rejecting`);
  const res = check(settled.error);
  if (res !== true && res !== undefined) assert.ok(false, `${what}: rejected with ${assert.show(settled.error)}`);
  return settled.error;
}

/** Rejects if `promise` has not settled within `ms` (so a hang fails fast with a clear message). */
export function within(ms, promise, what) {
  let timer;
  return Promise.race([
    promise,
    new Promise((_, reject) => {
      timer = setTimeout(() => reject(new Error(`${what}: still pending after ${ms} ms`)), ms);
    }),
  ]).finally(() => clearTimeout(timer));
}

export { recordingFetch, describeFetchCall, apiPath };
