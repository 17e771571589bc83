// Helpers shared by the stored-value-*.suite.mjs suites (StoredValueClient against the
// seismic-sandbox): the spec's status table, client construction, fetch doubles, error and
// validation checks, result checks. Sandbox admin helpers live in stored-value-sandbox.mjs.
import { getSvStats, TEST_CARDS } from "./stored-value-sandbox.mjs";

export const SERVER = ["node", "workerd"];
export const UUID_V4 = /^[0-9a-f]{8}-[0-9a-f]{4}-4[0-9a-f]{3}-[89ab][0-9a-f]{3}-[0-9a-f]{12}$/i;
export const [CARD_A, CARD_B, CARD_C, CARD_D] = TEST_CARDS;
export const money = (v) => Number(v).toFixed(2);
/** The API document's example BIN lookup answer, verbatim: a canned 2xx of the documented shape. */
export const BIN_ANSWER = Object.freeze({
  Bin: "411111",
  IssuingBank: "Bank Name",
  Country: "USA",
  CardBrand: "Visa",
  CardType: "Credit",
  CardDetail: "True credit (No PIN/Signature capability).",
  DebitNetwork: "ACCEL FISERV – Pinned POS",
  DebitSignatureNetworkParticipant: "",
  FSA: "No",
  PrepaidIndicator: "No",
  ProductID: "Visa Classic",
  RegulatorIndicator: "N",
  CardClass: "Consumer",
});

/** The spec's status table, verbatim. */
export const SPEC_STATUS = {
  "01": "Approval",
  "02": "Inactive Card",
  "03": "Invalid Card Number",
  "04": "Invalid Transaction Code",
  "05": "Insufficient Funds",
  "06": "No Previous Authorizations",
  "07": "Invalid Message",
  "08": "No Card Found",
  "09": "Insufficient Funds due to Outstanding Pre-Authorization",
  "10": "Denial - No Previous Authorization",
  "11": "No Authorization Number",
  "12": "Invalid Authorization Number",
  "13": "Maximum Single Recharge Exceeded",
  "14": "Maximum Working Balance Exceeded",
  "15": "Host Unavailable",
  "16": "Invalid Card Status",
  "17": "Unknown Dealer/Store Code – Special Edit",
  "18": "Maximum Number of Recharges Exceeded",
  "19": "Invalid Card Verification Value (CVV) or Secondary Security Code (SSC)",
  "20": "Invalid PIN Number or PIN Locked",
  "21": "Card Already Issued",
  "22": "Card Not Issued",
  "23": "Card Already Used",
  "24": "Manual Transaction Not Allowed",
  "25": "Mag Stripe Read not Valid",
  "26": "Transaction Type Unknown",
  "27": "Invalid Tender Type",
  "28": "Invalid Customer Type",
  "29": "Unknown Error",
  "30": "Max number of redemption exceeded",
  "31": "Invalid currency code",
  "32": "Invalid Server ID (restaurant only – server ID code is invalid)",
  "33": "Frozen card, contact customer service",
  "34": "Invalid Amount (Does not match the pre-valued card dollar amount)",
  "35": "Unknown Error, please contact customer support",
  "36": "Rejected – Invalid transaction promotion-wide or invalid for originating merchant and store",
  "37": "Rejected – Invalid merchant and store combination for promotion",
  "38": "Rejected – Exceeded maximum number of promotion cards allowed for a single POS transaction",
  "42": "Transaction declined – transaction amount less than the required minimum",
  "99": "Failure retrieving data (Enhance Balance Inquiry Only)",
  "100": "Card Number required",
  "101": "Merchant not found",
  "102": "Gift Card Processor not configured",
  "103": "Gift card not found",
  "104": "Type required",
  "105": "Amount required",
  "106": "Gift Card Processor not supported",
  "107": "Transaction cancelled",
  "108": "Transaction not found",
  "109": "Additional payment required to complete transaction",
  "911": "Declined transaction",
};

// ---------------------------------------------------------------------------------------------
// helpers

export function svClient(ctx, tenant, extra = {}) {
  const { StoredValueClient } = ctx.sdk;
  if (typeof StoredValueClient !== "function") throw new Error(`the package exports no StoredValueClient (got ${typeof StoredValueClient})`);
  return new StoredValueClient({ apiKey: tenant.apiKey, baseUrl: ctx.sandboxUrl, ...extra });
}

export const base = (ctx) => ctx.sandboxUrl.replace(/\/+$/, "");

/** A fetch that answers `body` locally (never touches the network). */
export function cannedFetch(body, status = 200) {
  return async () => new Response(JSON.stringify(body), { status, headers: { "content-type": "application/json" } });
}

/** A fetch that rewrites the JSON body with `edit(obj)` before delegating (server-side errors). */
export function tamperingFetch(edit) {
  return async (input, init = {}) => {
    if (typeof init.body !== "string") throw new Error(`tamperingFetch: expected a string body, got ${typeof init.body}`);
    const obj = JSON.parse(init.body);
    edit(obj);
    return globalThis.fetch(input, { ...init, body: JSON.stringify(obj) });
  };
}

/** The raw query string (after `?`) of a recorded call, or "" without one. */
export function rawQuery(call) {
  const at = call.url.indexOf("?");
  return at < 0 ? "" : call.url.slice(at + 1);
}

export function rawPath(call) {
  const at = call.url.indexOf("?");
  return at < 0 ? call.url : call.url.slice(0, at);
}

export function validation(ctx, field) {
  const { sdk, assert } = ctx;
  return (e) => {
    assert.ok(e instanceof sdk.ValidationError, `expected ValidationError, got ${assert.show(e)}`);
    assert.ok(e instanceof sdk.SeismicError && e instanceof Error, "ValidationError extends SeismicError");
    assert.equal(e.name, "ValidationError", "error.name");
    if (field instanceof RegExp) assert.match(e.field, field, `field (${e.message})`);
    else if (field !== undefined) assert.equal(e.field, field, `field (${e.message})`);
    return true;
  };
}

/**
 * A StoredValueError check: `expect` holds the fields to compare (status, errorName, code,
 * className, statusCode, statusDescription), `requestId: true` requires one.
 */
export function svError(ctx, expect = {}) {
  const { sdk, assert } = ctx;
  return (e) => {
    assert.ok(e instanceof Error, `not an Error: ${assert.show(e)}`);
    assert.ok(typeof sdk.StoredValueError === "function", "the package exports StoredValueError");
    assert.ok(e instanceof sdk.StoredValueError, `not a StoredValueError: ${assert.show(e)}`);
    assert.ok(e instanceof sdk.SeismicError, "StoredValueError extends SeismicError");
    assert.ok(sdk.isSeismicError(e), "isSeismicError");
    assert.equal(e.name, "StoredValueError", "error.name");
    assert.ok(typeof e.message === "string" && e.message.length > 0, `error.message non-empty (got ${assert.show(e.message)})`);
    const { requestId, ...fields } = expect;
    for (const [k, v] of Object.entries(fields)) assert.equal(e[k], v, `error.${k} (error: ${assert.show({ status: e.status, errorName: e.errorName, code: e.code, className: e.className, statusCode: e.statusCode, statusDescription: e.statusDescription, message: e.message, data: e.data })})`);
    if (fields.statusCode !== undefined) {
      assert.ok(e.data && typeof e.data === "object", `error.data is the body's data object (got ${assert.show(e.data)})`);
      assert.equal(e.data.statusCode, fields.statusCode, "error.data.statusCode");
    }
    if (requestId) assert.ok(typeof e.requestId === "string" && e.requestId.length > 0, `error.requestId set (got ${assert.show(e.requestId)})`);
    return true;
  };
}

export function typedError(ctx, cls) {
  const { sdk, assert } = ctx;
  return (e) => {
    assert.ok(e instanceof sdk.SeismicError, `not a SeismicError: ${assert.show(e)}`);
    assert.ok(e instanceof sdk[cls], `expected ${cls}, got ${assert.show(e)}`);
    assert.equal(e.name, cls, "error.name");
    return true;
  };
}

/** `fn()` must reject (or throw) with a ValidationError on `field`, and nothing may be sent. */
export async function expectInvalid(ctx, calls, label, field, fn) {
  const { assert } = ctx;
  const before = calls.length;
  let outcome;
  try {
    outcome = { value: await fn() };
  } catch (error) {
    outcome = { error };
  }
  if (!("error" in outcome)) assert.ok(false, `${label}: resolved with ${assert.show(outcome.value)} instead of a ValidationError`);
  try {
    validation(ctx, field)(outcome.error);
  } catch (e) {
    throw new ctx.assert.AssertionError(`${label}: ${e.message}`);
  }
  assert.equal(calls.length - before, 0, `${label}: nothing sent (fetch calls)`);
}

/** Same, for listAll: the error may come from the call itself or from the first next(). */
export async function expectInvalidIter(ctx, calls, label, field, makeIter) {
  return expectInvalid(ctx, calls, label, field, async () => {
    const it = makeIter();
    for await (const x of it) return x;
    return "(iteration ended without error)";
  });
}

/** Resolves to { value } or { error } (no throw). */
export function settle(promise) {
  return Promise.resolve()
    .then(() => promise)
    .then((value) => ({ value }), (error) => ({ error }));
}

export async function statsDelta(ctx, tenant, before) {
  const s = await getSvStats(ctx.sandboxUrl, tenant.apiKey);
  return { requests: Number(s.requests) - Number(before.requests), transactions: Number(s.transactions) - Number(before.transactions), stats: s };
}

export function checkTransactionResult(ctx, r, { method, amount, cardNumber, status = "01", merchantId }) {
  const { assert } = ctx;
  assert.ok(r && typeof r === "object", `${method}: result is an object (got ${assert.show(r)})`);
  assert.equal(r.status, status, `${method}: status (${assert.show(r)})`);
  assert.equal(r.statusDescription, SPEC_STATUS[status], `${method}: statusDescription`);
  assert.equal(r.transactionType, method, `${method}: transactionType`);
  if (amount !== undefined) assert.equal(r.amount, amount, `${method}: amount`);
  if (cardNumber !== undefined) assert.equal(r.cardNumber, cardNumber, `${method}: cardNumber`);
  assert.ok(typeof r.transactionId === "string" && r.transactionId.length > 0, `${method}: transactionId (got ${assert.show(r.transactionId)})`);
  assert.ok(typeof r.createdAt === "string" && !Number.isNaN(Date.parse(r.createdAt)), `${method}: createdAt is a date (got ${assert.show(r.createdAt)})`);
  if (merchantId !== undefined) assert.equal(String(r.merchantId), String(merchantId), `${method}: merchantId`);
}

export async function balanceOf(ctx, client, cardNumber) {
  const info = await client.giftCards.info({ cardNumber });
  return info.amount;
}

/** Every transaction of the tenant (one page of 100). */
export async function allTransactions(ctx, client) {
  const res = await client.transactions.list({ count: 100 });
  ctx.assert.ok(res && Array.isArray(res.data), `list(): data is an array (got ${ctx.assert.show(res)})`);
  ctx.assert.ok(res.data.length < 100, "fewer than 100 transactions");
  return res.data;
}

export const ids = (list) => list.map((t) => t.id).sort();

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
