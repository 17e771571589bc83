// StoredValueClient (Seamless Payments gift cards) against the seismic-sandbox: every method,
// local validation, the query builder, partial redemption and cancel, idempotent retries,
// error mapping, auth header and configuration. Every sandbox test creates its own tenant.
// The API key is secret, so the client refuses to run in a browser page unless told to: the
// suite runs in Node and workerd, plus two browser-only tests of that refusal.
import { createSvTenant, addSvFault, getSvStats, base64Utf8, freshCardNumber, TEST_CARDS } from "./stored-value-sandbox.mjs";
import { uniqueId } from "./sandbox.mjs";
import { recordingFetch } from "./recording-fetch.mjs";

const SERVER = ["node", "workerd"];
const UUID_V4 = /^[0-9a-f]{8}-[0-9a-f]{4}-4[0-9a-f]{3}-[89ab][0-9a-f]{3}-[0-9a-f]{12}$/i;
const [CARD_A, CARD_B, CARD_C, CARD_D] = TEST_CARDS;
const money = (v) => Number(v).toFixed(2);

/** The spec's status table, verbatim. */
const SPEC_STATUS = {
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

function svClient(ctx, tenant, extra = {}) {
  const { StoredValueClient } = ctx.sdk;
  if (typeof StoredValueClient !== "function") throw new Error(`the package exports no StoredValueClient (got ${typeof StoredValueClient})`);
  return new StoredValueClient({ apiKey: tenant.apiKey, baseUrl: ctx.sandboxUrl, ...extra });
}

const base = (ctx) => ctx.sandboxUrl.replace(/\/+$/, "");


/** A fetch that answers `body` locally (never touches the network). */
function cannedFetch(body, status = 200) {
  return async () => new Response(JSON.stringify(body), { status, headers: { "content-type": "application/json" } });
}

/** A fetch that rewrites the JSON body with `edit(obj)` before delegating (server-side errors). */
function tamperingFetch(edit) {
  return async (input, init = {}) => {
    if (typeof init.body !== "string") throw new Error(`tamperingFetch: expected a string body, got ${typeof init.body}`);
    const obj = JSON.parse(init.body);
    edit(obj);
    return globalThis.fetch(input, { ...init, body: JSON.stringify(obj) });
  };
}

/** The raw query string (after `?`) of a recorded call, or "" without one. */
function rawQuery(call) {
  const at = call.url.indexOf("?");
  return at < 0 ? "" : call.url.slice(at + 1);
}

function rawPath(call) {
  const at = call.url.indexOf("?");
  return at < 0 ? call.url : call.url.slice(0, at);
}

function validation(ctx, field) {
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
function svError(ctx, expect = {}) {
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

function typedError(ctx, cls) {
  const { sdk, assert } = ctx;
  return (e) => {
    assert.ok(e instanceof sdk.SeismicError, `not a SeismicError: ${assert.show(e)}`);
    assert.ok(e instanceof sdk[cls], `expected ${cls}, got ${assert.show(e)}`);
    assert.equal(e.name, cls, "error.name");
    return true;
  };
}

/** `fn()` must reject (or throw) with a ValidationError on `field`, and nothing may be sent. */
async function expectInvalid(ctx, calls, label, field, fn) {
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
async function expectInvalidIter(ctx, calls, label, field, makeIter) {
  return expectInvalid(ctx, calls, label, field, async () => {
    const it = makeIter();
    for await (const x of it) return x;
    return "(iteration ended without error)";
  });
}

/** Resolves to { value } or { error } (no throw). */
function settle(promise) {
  return Promise.resolve()
    .then(() => promise)
    .then((value) => ({ value }), (error) => ({ error }));
}

async function statsDelta(ctx, tenant, before) {
  const s = await getSvStats(ctx.sandboxUrl, tenant.apiKey);
  return { requests: Number(s.requests) - Number(before.requests), transactions: Number(s.transactions) - Number(before.transactions), stats: s };
}

function checkTransactionResult(ctx, r, { method, amount, cardNumber, status = "01", merchantId }) {
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

async function balanceOf(ctx, client, cardNumber) {
  const info = await client.giftCards.info({ cardNumber });
  return info.amount;
}

/** Every transaction of the tenant (one page of 100). */
async function allTransactions(ctx, client) {
  const res = await client.transactions.list({ count: 100 });
  ctx.assert.ok(res && Array.isArray(res.data), `list(): data is an array (got ${ctx.assert.show(res)})`);
  ctx.assert.ok(res.data.length < 100, "fewer than 100 transactions");
  return res.data;
}

const ids = (list) => list.map((t) => t.id).sort();

/** Rejects if `promise` has not settled within `ms`. */
function within(ms, promise, what) {
  let timer;
  return Promise.race([
    promise,
    new Promise((_, reject) => {
      timer = setTimeout(() => reject(new Error(`${what}: still pending after ${ms} ms`)), ms);
    }),
  ]).finally(() => clearTimeout(timer));
}

// ---------------------------------------------------------------------------------------------

const serverTests = [
  // --- gift cards -----------------------------------------------------------------------------
  {
    name: "stored value: giftCards.create issues a new card (POST /v2/stored-value); info and stats see it",
    fn: async (ctx) => {
      const { assert } = ctx;
      const t = await createSvTenant(ctx.sandboxUrl);
      const calls = [];
      const client = svClient(ctx, t, { fetch: recordingFetch(calls) });
      const number = freshCardNumber();
      const created = await client.giftCards.create({ amount: "25.00", cardNumber: number });
      assert.equal(created.cardNumber, number, "cardNumber");
      assert.equal(created.amount, "25.00", "amount");
      assert.equal(String(created.merchantId), String(t.merchantId), "merchantId");
      assert.ok(typeof created.merchantName === "string" && created.merchantName.length > 0, `merchantName (got ${assert.show(created.merchantName)})`);
      assert.ok(typeof created.createdAt === "string" && !Number.isNaN(Date.parse(created.createdAt)), `createdAt (got ${assert.show(created.createdAt)})`);
      assert.equal(calls.length, 1, "one request");
      assert.equal(calls[0].method, "POST");
      assert.equal(calls[0].url, `${base(ctx)}/v2/stored-value`, "url");
      assert.equal(calls[0].json.cardNumber, number, "body.cardNumber");
      assert.equal(calls[0].json.amount, "25.00", "body.amount is the string");
      assert.match(calls[0].json.idempotencyKey, UUID_V4, "body.idempotencyKey");

      const info = await client.giftCards.info({ cardNumber: number });
      assert.equal(info.cardNumber, number, "info.cardNumber");
      assert.equal(info.amount, "25.00", "info.amount");
      assert.equal(info.currency, "USD", "info.currency");
      assert.equal(info.cardStatus, "Active", "info.cardStatus");
      assert.equal(String(info.merchantId), String(t.merchantId), "info.merchantId");
      assert.ok(typeof info.createdAt === "string", "info.createdAt");
      const s = await getSvStats(ctx.sandboxUrl, t.apiKey);
      assert.equal(s.cards[number], "25.00", "stats.cards has the new card");
    },
  },
  {
    name: "stored value: giftCards.delete (DELETE /v2/stored-value/{cardNumber}); afterwards info and delete -> 103 Gift card not found",
    fn: async (ctx) => {
      const { assert } = ctx;
      const t = await createSvTenant(ctx.sandboxUrl);
      const calls = [];
      const client = svClient(ctx, t, { fetch: recordingFetch(calls) });
      const number = freshCardNumber();
      await client.giftCards.create({ amount: "12.34", cardNumber: number });
      calls.length = 0;
      const deleted = await client.giftCards.delete({ cardNumber: number });
      assert.equal(deleted.cardNumber, number, "deleted.cardNumber");
      assert.equal(deleted.amount, "12.34", "deleted.amount");
      assert.equal(String(deleted.merchantId), String(t.merchantId), "deleted.merchantId");
      assert.ok(typeof deleted.merchantName === "string", "deleted.merchantName");
      assert.ok(typeof deleted.createdAt === "string", "deleted.createdAt");
      assert.equal(calls.length, 1);
      assert.equal(calls[0].method, "DELETE");
      assert.equal(calls[0].url, `${base(ctx)}/v2/stored-value/${number}`, "url");
      const s = await getSvStats(ctx.sandboxUrl, t.apiKey);
      assert.ok(!(number in s.cards), `stats.cards no longer has the card: ${assert.show(s.cards[number])}`);
      const notFound = { status: 422, errorName: "Unprocessable", code: 422, statusCode: "103", statusDescription: "Gift card not found" };
      await assert.rejects(client.giftCards.info({ cardNumber: number }), svError(ctx, notFound), "info after delete");
      await assert.rejects(client.giftCards.delete({ cardNumber: number }), svError(ctx, notFound), "delete after delete");
      // and a test card can be deleted too, then re-issued
      await client.giftCards.delete({ cardNumber: CARD_D });
      const again = await client.giftCards.create({ amount: "5.00", cardNumber: CARD_D });
      assert.equal(again.amount, "5.00");
      assert.equal(await balanceOf(ctx, client, CARD_D), "5.00", "re-issued balance");
    },
  },
  {
    name: "stored value: giftCards.delete by cardTrackTwo puts the track data, percent-encoded, in the path",
    fn: async (ctx) => {
      const { assert } = ctx;
      const t = await createSvTenant(ctx.sandboxUrl);
      const calls = [];
      const client = svClient(ctx, t, { fetch: recordingFetch(calls) });
      // ISO 7813 track 2: at most 40 characters with the sentinels
      const track = `;${freshCardNumber()}=2512101000000?`;
      const outcome = await settle(client.giftCards.delete({ cardTrackTwo: track }));
      assert.equal(calls.length, 1, `one request (${assert.show(outcome.error ?? outcome.value)})`);
      assert.equal(calls[0].method, "DELETE");
      const path = rawPath(calls[0]);
      const prefix = `${base(ctx)}/v2/stored-value/`;
      assert.ok(path.startsWith(prefix), `path under /v2/stored-value/: ${path}`);
      const segment = path.slice(prefix.length);
      assert.ok(!/[/?#]/.test(segment), `segment has no raw / ? #: ${segment}`);
      assert.equal(rawQuery(calls[0]), "", "the track's `?` did not start a query string");
      assert.equal(decodeURIComponent(segment), track, "segment decodes to the track data");
      assert.ok(outcome.error instanceof ctx.sdk.StoredValueError && outcome.error.statusCode === "103", `the sandbox read the card number from the track: ${assert.show(outcome.error ?? outcome.value)}`);
      // a track of an issued card deletes it
      const del = await client.giftCards.delete({ cardTrackTwo: `;${CARD_B}=2512101000000?` });
      assert.equal(del.cardNumber, CARD_B, "deleted by track");
      assert.ok(!(CARD_B in (await getSvStats(ctx.sandboxUrl, t.apiKey)).cards), "gone from stats");
    },
  },
  {
    name: "stored value: giftCards.info of a test card (POST /v2/stored-value/info, a read: no idempotencyKey)",
    fn: async (ctx) => {
      const { assert } = ctx;
      const t = await createSvTenant(ctx.sandboxUrl);
      const calls = [];
      const client = svClient(ctx, t, { fetch: recordingFetch(calls) });
      for (const number of [CARD_A, "378282246310005", "30569309025904", "6006493880499919454", "2063025100999300"]) {
        const info = await client.giftCards.info({ cardNumber: number, currency: "USD" });
        assert.equal(info.cardNumber, number, "cardNumber");
        assert.equal(info.amount, "100.00", `${number}: a test card starts at 100.00`);
        assert.equal(info.currency, "USD", "currency");
        assert.equal(info.cardStatus, "Active", "cardStatus");
      }
      const c = calls[0];
      assert.equal(c.method, "POST");
      assert.equal(c.url, `${base(ctx)}/v2/stored-value/info`, "url");
      assert.deepEqual(c.json, { cardNumber: CARD_A, currency: "USD" }, "body is exactly the given fields");
      assert.match(c.headers.get("content-type") || "", /^application\/json/, "content-type");
    },
  },
  // --- transactions ---------------------------------------------------------------------------
  {
    name: "stored value: transactions.reload adds value (POST /v2/transactions type GIFT, method reload)",
    fn: async (ctx) => {
      const { assert } = ctx;
      const t = await createSvTenant(ctx.sandboxUrl);
      const calls = [];
      const client = svClient(ctx, t, { fetch: recordingFetch(calls) });
      const r = await client.transactions.reload({ cardNumber: CARD_A, amount: "10.00", currency: "USD" });
      checkTransactionResult(ctx, r, { method: "reload", amount: "10.00", cardNumber: CARD_A, merchantId: t.merchantId });
      assert.equal(r.currency, "USD", "currency");
      assert.equal(calls.length, 1);
      const c = calls[0];
      assert.equal(c.method, "POST");
      assert.equal(c.url, `${base(ctx)}/v2/transactions`, "url");
      assert.equal(c.json.type, "GIFT", "body.type");
      assert.equal(c.json.method, "reload", "body.method");
      assert.equal(c.json.cardNumber, CARD_A, "body.cardNumber");
      assert.equal(c.json.amount, "10.00", "body.amount");
      assert.equal(c.json.currency, "USD", "body.currency");
      assert.match(c.json.idempotencyKey, UUID_V4, "body.idempotencyKey");
      assert.equal(await balanceOf(ctx, client, CARD_A), "110.00", "info: balance");
      const s = await getSvStats(ctx.sandboxUrl, t.apiKey);
      assert.equal(s.cards[CARD_A], "110.00", "stats: balance");
      assert.equal(Number(s.transactions), 1, "stats.transactions");
      // an integer amount string is a valid amount
      await client.transactions.reload({ cardNumber: CARD_A, amount: "10" });
      assert.equal(await balanceOf(ctx, client, CARD_A), "120.00", "reload of \"10\"");
    },
  },
  {
    name: "stored value: transactions.redeem within the balance -> status 01, no customerPayment",
    fn: async (ctx) => {
      const { assert } = ctx;
      const t = await createSvTenant(ctx.sandboxUrl);
      const calls = [];
      const client = svClient(ctx, t, { fetch: recordingFetch(calls) });
      const r = await client.transactions.redeem({ cardNumber: CARD_B, amount: "30.25" });
      checkTransactionResult(ctx, r, { method: "redemption", amount: "30.25", cardNumber: CARD_B, merchantId: t.merchantId });
      assert.ok(r.customerPayment === undefined || r.customerPayment === null || money(r.customerPayment) === "0.00", `no customerPayment (got ${assert.show(r.customerPayment)})`);
      assert.equal(calls[0].json.type, "GIFT", "body.type");
      assert.equal(calls[0].json.method, "redemption", "body.method");
      assert.match(calls[0].json.idempotencyKey, UUID_V4, "body.idempotencyKey");
      assert.equal(await balanceOf(ctx, client, CARD_B), "69.75", "balance");
      // exactly the whole balance
      const all = await client.transactions.redeem({ cardNumber: CARD_B, amount: "69.75" });
      assert.equal(all.status, "01", "redeeming exactly the balance is an approval");
      assert.equal(await balanceOf(ctx, client, CARD_B), "0.00", "balance 0");
    },
  },
  {
    name: "stored value: partial redemption -> 109 with customerPayment; cancel restores the balance (info and stats)",
    fn: async (ctx) => {
      const { assert } = ctx;
      const t = await createSvTenant(ctx.sandboxUrl);
      const calls = [];
      const client = svClient(ctx, t, { fetch: recordingFetch(calls) });
      await client.transactions.redeem({ cardNumber: CARD_C, amount: "40.00" });
      const r = await client.transactions.redeem({ cardNumber: CARD_C, amount: "100.00" });
      checkTransactionResult(ctx, r, { method: "redemption", status: "109", amount: "60.00", cardNumber: CARD_C });
      assert.equal(r.statusDescription, "Additional payment required to complete transaction");
      assert.equal(r.customerPayment, "40.00", "customerPayment is the remainder");
      assert.equal(await balanceOf(ctx, client, CARD_C), "0.00", "card emptied");
      let s = await getSvStats(ctx.sandboxUrl, t.apiKey);
      assert.equal(s.cards[CARD_C], "0.00", "stats: card emptied");

      calls.length = 0;
      const c = await client.transactions.cancel({ transactionId: r.transactionId, amount: r.amount });
      assert.equal(c.status, "107", `cancel status (${assert.show(c)})`);
      assert.equal(c.transactionType, "cancel", "transactionType");
      assert.ok(typeof c.statusDescription === "string" && c.statusDescription.length > 0, "statusDescription");
      assert.ok(typeof c.transactionId === "string" && c.transactionId.length > 0, "cancel has its own transactionId");
      const body = calls[0].json;
      assert.equal(calls[0].url, `${base(ctx)}/v2/transactions`, "url");
      assert.equal(body.type, "GIFT", "body.type");
      assert.equal(body.method, "cancel", "body.method");
      assert.equal(body.transactionId, r.transactionId, "body.transactionId");
      assert.equal(body.amount, "60.00", "body.amount");
      assert.match(body.idempotencyKey, UUID_V4, "body.idempotencyKey");
      assert.equal(await balanceOf(ctx, client, CARD_C), "60.00", "info: the redeemed 60.00 is back");
      s = await getSvStats(ctx.sandboxUrl, t.apiKey);
      assert.equal(s.cards[CARD_C], "60.00", "stats: balance restored");

      // cancelling a reload takes the value back out
      const re = await client.transactions.reload({ cardNumber: CARD_C, amount: "15.00" });
      assert.equal(await balanceOf(ctx, client, CARD_C), "75.00");
      const c2 = await client.transactions.cancel({ transactionId: re.transactionId, amount: "15.00" });
      assert.equal(c2.status, "107");
      assert.equal(await balanceOf(ctx, client, CARD_C), "60.00", "reload cancelled");
    },
  },
  {
    name: "stored value: cancel errors -> 12 amount mismatch, 107 already cancelled, 108 unknown transaction",
    fn: async (ctx) => {
      const { assert } = ctx;
      const t = await createSvTenant(ctx.sandboxUrl);
      const client = svClient(ctx, t);
      const r = await client.transactions.redeem({ cardNumber: CARD_A, amount: "20.00" });
      await assert.rejects(
        client.transactions.cancel({ transactionId: r.transactionId, amount: "19.99" }),
        svError(ctx, { status: 422, errorName: "Unprocessable", code: 422, className: "unprocessable", statusCode: "12" }),
        "cancel with another amount",
      );
      assert.equal(await balanceOf(ctx, client, CARD_A), "80.00", "nothing restored by the failed cancel");
      await client.transactions.cancel({ transactionId: r.transactionId, amount: "20.00" });
      assert.equal(await balanceOf(ctx, client, CARD_A), "100.00", "restored once");
      await assert.rejects(
        client.transactions.cancel({ transactionId: r.transactionId, amount: "20.00" }),
        svError(ctx, { status: 422, errorName: "Unprocessable", statusCode: "107" }),
        "second cancel",
      );
      assert.equal(await balanceOf(ctx, client, CARD_A), "100.00", "not restored twice");
      await assert.rejects(
        client.transactions.cancel({ transactionId: "TXN_01ARZ3NDEKTSV4RRFFQ69G5FAV", amount: "1.00" }),
        svError(ctx, { statusCode: "108" }),
        "cancel of an unknown transaction",
      );
    },
  },
  {
    name: "stored value: transactions.get (GET /v2/transactions/{id}); unknown id -> 404 NotFound (108)",
    fn: async (ctx) => {
      const { assert } = ctx;
      const t = await createSvTenant(ctx.sandboxUrl);
      const calls = [];
      const client = svClient(ctx, t, { fetch: recordingFetch(calls) });
      const r = await client.transactions.reload({ cardNumber: CARD_A, amount: "5.00" });
      const listed = await allTransactions(ctx, client);
      assert.equal(listed.length, 1, `one transaction listed (${assert.show(listed)})`);
      const rec = listed[0];
      assert.ok(typeof rec.id === "string" && rec.id.length > 0, `listed transaction has an id (${assert.show(rec)})`);
      assert.equal(rec.transId, r.transactionId, "listed.transId is the reload's transactionId");
      calls.length = 0;
      const got = await client.transactions.get({ id: rec.id });
      assert.equal(calls.length, 1);
      assert.equal(calls[0].method, "GET");
      assert.equal(calls[0].url, `${base(ctx)}/v2/transactions/${encodeURIComponent(rec.id)}`, "url");
      assert.equal(calls[0].body, undefined, "no body on GET");
      assert.deepEqual(got, rec, "get() returns the listed transaction");
      assert.equal(got.transactionType, "reload");
      assert.equal(got.cardNumber, CARD_A);
      assert.equal(Number(got.amount), 5, "amount");
      assert.equal(got.status, "01");
      assert.equal(got.statusMessage, "Approval");
      assert.equal(got.currency, "USD");
      await assert.rejects(
        client.transactions.get({ id: "GCT_01BSV680614QDGSNA9GEKKBQ9M" }),
        svError(ctx, { status: 404, errorName: "NotFound", code: 404, statusCode: "108" }),
        "unknown transaction",
      );
    },
  },
  {
    name: "stored value: transactions.list: default count 10, pagination fields, page 2",
    fn: async (ctx) => {
      const { assert } = ctx;
      const t = await createSvTenant(ctx.sandboxUrl);
      const calls = [];
      const client = svClient(ctx, t, { fetch: recordingFetch(calls) });
      for (let i = 0; i < 12; i++) await client.transactions.reload({ cardNumber: i % 2 ? CARD_A : CARD_B, amount: "1.00" });
      calls.length = 0;
      const p1 = await client.transactions.list();
      assert.equal(calls[0].method, "GET");
      assert.equal(calls[0].url, `${base(ctx)}/v2/transactions`, "list() sends no query string");
      assert.equal(p1.total, 12, "total");
      assert.equal(p1.data.length, 10, "default page size 10");
      assert.equal(p1.pagination.count, 10, "pagination.count");
      assert.equal(p1.pagination.page, 1, "pagination.page");
      assert.equal(p1.pagination.pages, 2, "pagination.pages");
      assert.equal(p1.pagination.size, p1.data.length, "pagination.size is the page's item count");
      const p2 = await client.transactions.list({ page: 2 });
      assert.equal(rawQuery(calls[1]), "page=2", "query");
      assert.equal(p2.data.length, 2, "second page holds the rest");
      assert.equal(p2.pagination.page, 2);
      assert.equal(p2.pagination.size, 2, "pagination.size on page 2");
      assert.equal(p2.total, 12);
      assert.equal(new Set([...ids(p1.data), ...ids(p2.data)]).size, 12, "pages are disjoint");
      const byCard = await client.transactions.list({ cardNumber: CARD_A, count: 4 });
      assert.equal(rawQuery(calls[2]), `cardNumber=${CARD_A}&count=4`, "query");
      assert.equal(byCard.total, 6, "total for CARD_A");
      assert.equal(byCard.data.length, 4);
      assert.equal(byCard.pagination.pages, 2);
      assert.ok(byCard.data.every((x) => x.cardNumber === CARD_A), "only CARD_A");
    },
  },
  {
    name: "stored value: transactions.listAll walks page 1.. until pagination.pages, then stops",
    fn: async (ctx) => {
      const { assert } = ctx;
      const t = await createSvTenant(ctx.sandboxUrl);
      const calls = [];
      const client = svClient(ctx, t, { fetch: recordingFetch(calls) });
      for (let i = 1; i <= 7; i++) await client.transactions.reload({ cardNumber: CARD_A, amount: `${i}.00` });
      calls.length = 0;
      const seen = [];
      await within(20000, (async () => {
        for await (const tx of client.transactions.listAll({ count: 3 })) seen.push(tx);
      })(), "listAll({ count: 3 })");
      assert.equal(seen.length, 7, `all 7 transactions (got ${seen.length})`);
      assert.equal(new Set(seen.map((x) => x.id)).size, 7, "distinct");
      assert.equal(calls.length, 3, `three pages fetched (${calls.map((c) => c.url).join(", ")})`);
      calls.forEach((c, i) => {
        const q = new URLSearchParams(rawQuery(c));
        assert.equal(c.method, "GET");
        assert.equal(q.get("count"), "3", `page ${i + 1}: count`);
        if (i > 0 || q.has("page")) assert.equal(q.get("page"), String(i + 1), `request ${i + 1}: page`);
      });

      // with a query, spanning two pages
      calls.length = 0;
      const big = [];
      for await (const tx of client.transactions.listAll({ count: 2, query: { amount: { $gte: 5 } } })) big.push(tx);
      assert.deepEqual(big.map((x) => Number(x.amount)).sort(), [5, 6, 7], "amounts >= 5");
      assert.equal(calls.length, 2, "two pages");
      assert.ok(calls.every((c) => rawQuery(c).includes("amount[$gte]=5")), `query kept on every page: ${calls.map(rawQuery).join(" | ")}`);

      // an empty result: one request, nothing yielded, no endless loop
      calls.length = 0;
      const none = [];
      await within(10000, (async () => {
        for await (const tx of client.transactions.listAll({ cardNumber: CARD_B })) none.push(tx);
      })(), "listAll on an empty result");
      assert.equal(none.length, 0);
      assert.equal(calls.length, 1, "one request for an empty result");

      // breaking out early stops fetching
      calls.length = 0;
      for await (const tx of client.transactions.listAll({ count: 3 })) {
        void tx;
        break;
      }
      assert.equal(calls.length, 1, "break after the first item: no further page requested");
    },
  },
  {
    name: "stored value: binLookup (GET /v2/bin-lookup/{bin})",
    fn: async (ctx) => {
      const { assert } = ctx;
      const t = await createSvTenant(ctx.sandboxUrl);
      const calls = [];
      const client = svClient(ctx, t, { fetch: recordingFetch(calls) });
      const r = await client.binLookup({ bin: "411111" });
      assert.equal(calls[0].method, "GET");
      assert.equal(calls[0].url, `${base(ctx)}/v2/bin-lookup/411111`, "url");
      assert.equal(r.Bin, "411111", "Bin");
      for (const k of ["IssuingBank", "Country", "CardBrand", "CardType"]) assert.equal(typeof r[k], "string", `${k} (got ${assert.show(r)})`);
      const r8 = await client.binLookup({ bin: "42424242" });
      assert.equal(calls[1].url, `${base(ctx)}/v2/bin-lookup/42424242`, "8-digit bin url");
      assert.ok(r8 && typeof r8 === "object", "8-digit bin answered");
    },
  },

  // --- query builder --------------------------------------------------------------------------
  {
    name: "stored value: query builder produces the documented query strings (raw $ [ ])",
    fn: async (ctx) => {
      const { assert } = ctx;
      const t = await createSvTenant(ctx.sandboxUrl);
      await svClient(ctx, t).transactions.reload({ cardNumber: CARD_A, amount: "10.00" });
      const calls = [];
      const client = svClient(ctx, t, { fetch: recordingFetch(calls) });
      const cases = [
        [{ amount: "10", currency: "USD" }, "amount=10&currency=USD"],
        [{ currency: "USD", $limit: 2 }, "currency=USD&$limit=2"],
        [{ $limit: 2, $skip: 2, currency: "USD" }, "$limit=2&$skip=2&currency=USD"],
        [{ $limit: 10, $sort: { createdAt: -1 } }, "$limit=10&$sort[createdAt]=-1"],
        [{ $select: ["cardNumber", "date", "_id"] }, "$select[]=cardNumber&$select[]=date&$select[]=_id"],
        [{ currency: { $in: ["CAD", "USD"] } }, "currency[$in]=CAD&currency[$in]=USD"],
        [{ currency: { $nin: ["CAD"] } }, "currency[$nin]=CAD"],
        [{ tranDate: { $lt: 1479664146607 } }, "tranDate[$lt]=1479664146607"],
        [{ tranDate: { $lte: 1479664146607 } }, "tranDate[$lte]=1479664146607"],
        [{ tranDate: { $gt: 1479664146607 } }, "tranDate[$gt]=1479664146607"],
        [{ tranDate: { $gte: 1479664146607 } }, "tranDate[$gte]=1479664146607"],
        [{ processed: { $ne: true } }, "processed[$ne]=true"],
        [{ $or: [{ status: { $ne: "01" } }, { currency: "USD" }] }, "$or[0][status][$ne]=01&$or[1][currency]=USD"],
        [
          { currency: { $in: ["CAD", "USD"] }, $sort: { createdAt: -1 }, $or: [{ status: { $ne: "01" } }, { currency: "USD" }], $limit: 2, $skip: 2, $select: ["cardNumber", "_id"] },
          "currency[$in]=CAD&currency[$in]=USD&$sort[createdAt]=-1&$or[0][status][$ne]=01&$or[1][currency]=USD&$limit=2&$skip=2&$select[]=cardNumber&$select[]=_id",
        ],
      ];
      const problems = [];
      for (const [query, expected] of cases) {
        calls.length = 0;
        const outcome = await settle(client.transactions.list({ query }));
        if (calls.length !== 1) {
          problems.push(`${assert.show(query)}: ${calls.length} requests (${outcome.error ? assert.show(outcome.error) : "resolved"})`);
          continue;
        }
        if (rawPath(calls[0]) !== `${base(ctx)}/v2/transactions`) problems.push(`${assert.show(query)}: path ${rawPath(calls[0])}`);
        if (rawQuery(calls[0]) !== expected) problems.push(`${assert.show(query)}:\n      expected ${expected}\n      got      ${rawQuery(calls[0])}`);
        else if (outcome.error) problems.push(`${assert.show(query)}: right query string, but the call rejected: ${assert.show(outcome.error)}`);
      }
      assert.ok(problems.length === 0, `${problems.length} of ${cases.length} cases:\n    ${problems.join("\n    ")}`);
    },
  },
  {
    name: "stored value: list parameters go first (filter, cardNumber, page, count), then query keys in order",
    fn: async (ctx) => {
      const { assert } = ctx;
      const t = await createSvTenant(ctx.sandboxUrl);
      const calls = [];
      const client = svClient(ctx, t, { fetch: recordingFetch(calls) });
      const outcome1 = await settle(client.transactions.list({ count: 10, page: 1, cardNumber: "2063025100129939", filter: "Name" }));
      assert.equal(rawQuery(calls[0]), "filter=Name&cardNumber=2063025100129939&page=1&count=10", "spec list example, in the fixed order");
      assert.ok(!outcome1.error, `spec list example answered: ${outcome1.error && assert.show(outcome1.error)}`);
      const outcome2 = await settle(client.transactions.list({ query: { $sort: { amount: 1 }, currency: "USD" }, count: 5, cardNumber: CARD_A }));
      assert.equal(rawQuery(calls[1]), `cardNumber=${CARD_A}&count=5&$sort[amount]=1&currency=USD`, "params then query");
      assert.ok(!outcome2.error, `answered: ${outcome2.error && assert.show(outcome2.error)}`);
    },
  },
  {
    name: "stored value: query values are percent-encoded, operators and brackets stay raw",
    fn: async (ctx) => {
      const { assert } = ctx;
      const t = await createSvTenant(ctx.sandboxUrl);
      const calls = [];
      const client = svClient(ctx, t, { fetch: recordingFetch(calls) });
      const value = "a b&c=d#e/f?g+h%i[j]$k café";
      const res = await client.transactions.list({ query: { cardNumber: value, currency: { $in: ["U&S", "C=D"] } } });
      assert.equal(res.total, 0, "nothing matches");
      const q = rawQuery(calls[0]);
      const parts = q.split("&");
      assert.equal(parts.length, 3, `three parameters (no raw & from the values): ${q}`);
      const [k0, v0] = parts[0].split("=");
      assert.equal(k0, "cardNumber", "first key");
      assert.equal(parts[0].split("=").length, 2, `no raw = in the value: ${parts[0]}`);
      assert.ok(!/[ &=#?+\[\]$]/.test(v0), `value has no raw reserved characters: ${v0}`);
      assert.equal(decodeURIComponent(v0), value, "value round-trips (UTF-8, %20 for space)");
      assert.match(parts[1], /^currency\[\$in\]=/, "operator key raw");
      assert.equal(decodeURIComponent(parts[1].split("=")[1]), "U&S");
      assert.equal(decodeURIComponent(parts[2].split("=")[1]), "C=D");
      // numbers and booleans: the server (form decoding, `+` = space) must read back the same value
      const bad = [];
      for (const n of [1e21, 1e-7, -0.5, 2.5, 1479664146607, 0]) {
        calls.length = 0;
        await settle(client.transactions.list({ query: { tranDate: { $lt: n } } }));
        const got = new URLSearchParams(rawQuery(calls[0])).get("tranDate[$lt]");
        if (!(got !== null && got.trim() !== "" && Number(got) === n)) bad.push(`number ${n} is sent as ${assert.show(rawQuery(calls[0]))}, which a server decodes to ${assert.show(got)}`);
      }
      assert.ok(bad.length === 0, bad.join("; "));
      calls.length = 0;
      await settle(client.transactions.list({ query: { processed: false } }));
      assert.equal(rawQuery(calls[0]), "processed=false", "boolean");
    },
  },
  {
    name: "stored value: the sandbox filters, sorts, limits and selects with the query operators",
    fn: async (ctx) => {
      const { assert } = ctx;
      const t = await createSvTenant(ctx.sandboxUrl);
      const client = svClient(ctx, t);
      await client.transactions.reload({ cardNumber: CARD_A, amount: "1.00" });
      await client.transactions.reload({ cardNumber: CARD_B, amount: "2.50" });
      await client.transactions.redeem({ cardNumber: CARD_A, amount: "3.00" });
      const partial = await client.transactions.redeem({ cardNumber: CARD_C, amount: "150.00" });
      assert.equal(partial.status, "109", "seed: partial redemption");
      await client.transactions.reload({ cardNumber: CARD_C, amount: "4.00" });
      const all = await allTransactions(ctx, client);
      assert.equal(all.length, 5, `five transactions seeded (${assert.show(all.map((x) => [x.transactionType, x.cardNumber, x.amount, x.status]))})`);
      const amt = (x) => Number(x.amount);

      const filters = [
        [{ transactionType: "reload" }, (x) => x.transactionType === "reload"],
        [{ cardNumber: CARD_B }, (x) => x.cardNumber === CARD_B],
        [{ transactionType: { $in: ["redemption"] } }, (x) => x.transactionType === "redemption"],
        [{ transactionType: { $nin: ["redemption"] } }, (x) => x.transactionType !== "redemption"],
        [{ cardNumber: { $in: [CARD_A, CARD_C] } }, (x) => x.cardNumber === CARD_A || x.cardNumber === CARD_C],
        [{ status: { $ne: "01" } }, (x) => x.status !== "01"],
        [{ status: "109" }, (x) => x.status === "109"],
        [{ $or: [{ status: { $ne: "01" } }, { cardNumber: CARD_B }] }, (x) => x.status !== "01" || x.cardNumber === CARD_B],
        [{ amount: { $gt: 2.5 } }, (x) => amt(x) > 2.5],
        [{ amount: { $gte: 2.5 } }, (x) => amt(x) >= 2.5],
        [{ amount: { $lt: 3 } }, (x) => amt(x) < 3],
        [{ amount: { $lte: 3 } }, (x) => amt(x) <= 3],
        [{ transactionType: "reload", amount: { $gte: 2 } }, (x) => x.transactionType === "reload" && amt(x) >= 2],
        [{ currency: "USD" }, () => true],
        [{ currency: "CAD" }, () => false],
        [{ tranDate: { $lt: 1479664146607 } }, () => false],
        [{ tranDate: { $gt: 1479664146607 } }, () => true],
      ];
      const problems = [];
      for (const [query, pred] of filters) {
        const expected = ids(all.filter(pred));
        const r = await settle(client.transactions.list({ count: 100, query }));
        if (r.error) {
          problems.push(`${assert.show(query)}: ${assert.show(r.error)}`);
          continue;
        }
        const got = ids(r.value.data);
        if (JSON.stringify(got) !== JSON.stringify(expected)) problems.push(`${assert.show(query)}: expected ${expected.length} ${assert.show(expected)}, got ${got.length} ${assert.show(got)}`);
        else if (r.value.total !== expected.length) problems.push(`${assert.show(query)}: total ${r.value.total}, expected ${expected.length}`);
      }
      // list({ cardNumber }) filters too
      const byCard = await client.transactions.list({ cardNumber: CARD_A, count: 100 });
      if (JSON.stringify(ids(byCard.data)) !== JSON.stringify(ids(all.filter((x) => x.cardNumber === CARD_A)))) problems.push(`list({ cardNumber }): ${assert.show(ids(byCard.data))}`);

      // $sort (amounts are distinct), then $limit/$skip over the sorted list
      const asc = [...all].sort((a, b) => amt(a) - amt(b)).map((x) => x.id);
      const sortAsc = await client.transactions.list({ count: 100, query: { $sort: { amount: 1 } } });
      if (JSON.stringify(sortAsc.data.map((x) => x.id)) !== JSON.stringify(asc)) problems.push(`$sort amount 1: ${assert.show(sortAsc.data.map(amt))}`);
      const sortDesc = await client.transactions.list({ count: 100, query: { $sort: { amount: -1 } } });
      if (JSON.stringify(sortDesc.data.map((x) => x.id)) !== JSON.stringify([...asc].reverse())) problems.push(`$sort amount -1: ${assert.show(sortDesc.data.map(amt))}`);
      const win = await client.transactions.list({ query: { $sort: { amount: -1 }, $limit: 2, $skip: 1 } });
      if (JSON.stringify(win.data.map((x) => x.id)) !== JSON.stringify([...asc].reverse().slice(1, 3))) problems.push(`$sort -1 $limit 2 $skip 1: ${assert.show(win.data.map(amt))}`);
      const limited = await client.transactions.list({ query: { $limit: 2 } });
      if (limited.data.length !== 2) problems.push(`$limit 2: ${limited.data.length} results`);
      const byDate = await client.transactions.list({ count: 100, query: { $sort: { createdAt: -1 } } });
      const stamps = byDate.data.map((x) => Date.parse(x.createdAt));
      if (byDate.data.length !== 5 || stamps.some((v, i) => i > 0 && v > stamps[i - 1])) problems.push(`$sort createdAt -1: ${assert.show(byDate.data.map((x) => x.createdAt))}`);
      // $select keeps the named fields only
      const sel = await client.transactions.list({ count: 100, query: { $select: ["cardNumber", "amount"] } });
      if (sel.data.length !== 5) problems.push(`$select: ${sel.data.length} results`);
      for (const x of sel.data) {
        if (!("cardNumber" in x) || !("amount" in x) || "statusMessage" in x || "transactionType" in x || "currency" in x) {
          problems.push(`$select [cardNumber, amount]: item ${assert.show(x)}`);
          break;
        }
      }
      assert.ok(problems.length === 0, `${problems.length} problems:\n    ${problems.join("\n    ")}`);
    },
  },

  // --- idempotency and retries ----------------------------------------------------------------
  {
    name: "stored value: lost reload response (502 after processing) is retried with the same body idempotencyKey, reloaded once",
    fn: async (ctx) => {
      const { assert } = ctx;
      const t = await createSvTenant(ctx.sandboxUrl);
      const calls = [];
      const client = svClient(ctx, t, { fetch: recordingFetch(calls) });
      const before = await getSvStats(ctx.sandboxUrl, t.apiKey);
      await addSvFault(ctx.sandboxUrl, t.apiKey, { path: "/v2/transactions", status: 502, count: 1, when: "after" });
      const r = await client.transactions.reload({ cardNumber: CARD_A, amount: "10.00" });
      checkTransactionResult(ctx, r, { method: "reload", amount: "10.00", cardNumber: CARD_A });
      const d = await statsDelta(ctx, t, before);
      assert.equal(d.requests, 2, "stats.requests: the original + one retry");
      assert.equal(d.transactions, 1, "stats.transactions: one reload");
      assert.equal(d.stats.cards[CARD_A], "110.00", "stats: balance increased once");
      assert.equal(calls.length, 2, "two fetch calls");
      const k0 = calls[0].json && calls[0].json.idempotencyKey;
      assert.match(k0, UUID_V4, "generated idempotencyKey in the body is a UUIDv4");
      assert.equal(calls[1].json.idempotencyKey, k0, "the retry carries the same idempotencyKey");
      const { idempotencyKey: _a, ...first } = calls[0].json;
      const { idempotencyKey: _b, ...second } = calls[1].json;
      assert.deepEqual(second, first, "the retry sends the same body");
      for (const c of calls) assert.equal(c.headers.get("idempotency-key"), null, "no Idempotency-Key header (the key travels in the body)");
      assert.equal(await balanceOf(ctx, client, CARD_A), "110.00", "info: balance increased once");
    },
  },
  {
    name: "stored value: lost create response (502 after) returns the card once; lost redeem and cancel responses too",
    fn: async (ctx) => {
      const { assert } = ctx;
      const t = await createSvTenant(ctx.sandboxUrl);
      const calls = [];
      const client = svClient(ctx, t, { fetch: recordingFetch(calls) });
      const number = freshCardNumber();
      await addSvFault(ctx.sandboxUrl, t.apiKey, { path: "/v2/stored-value", status: 502, count: 1, when: "after" });
      const created = await client.giftCards.create({ amount: "30.00", cardNumber: number });
      assert.equal(created.cardNumber, number, "create succeeded (no 21 Card Already Issued on the retry)");
      assert.equal(calls.length, 2, "create retried once");
      assert.equal(calls[1].json.idempotencyKey, calls[0].json.idempotencyKey, "same key");
      await addSvFault(ctx.sandboxUrl, t.apiKey, { path: "/v2/transactions", status: 504, count: 1, when: "after" });
      const red = await client.transactions.redeem({ cardNumber: number, amount: "10.00" });
      assert.equal(red.status, "01");
      assert.equal(await balanceOf(ctx, client, number), "20.00", "redeemed once");
      await addSvFault(ctx.sandboxUrl, t.apiKey, { path: "/v2/transactions", status: 503, count: 1, when: "after" });
      const c = await client.transactions.cancel({ transactionId: red.transactionId, amount: "10.00" });
      assert.equal(c.status, "107", "cancel retried gets the original answer, not 107-already-cancelled error");
      assert.equal(await balanceOf(ctx, client, number), "30.00", "restored once");
    },
  },
  {
    name: "stored value: caller's idempotencyKey wins: in the body on every attempt; a replay returns the same transaction",
    fn: async (ctx) => {
      const { assert } = ctx;
      const t = await createSvTenant(ctx.sandboxUrl);
      const calls = [];
      const client = svClient(ctx, t, { fetch: recordingFetch(calls) });
      const key = `order-${uniqueId("k")}`;
      await addSvFault(ctx.sandboxUrl, t.apiKey, { path: "/v2/transactions", status: 502, count: 1, when: "after" });
      const r1 = await client.transactions.reload({ cardNumber: CARD_A, amount: "5.00" }, { idempotencyKey: key });
      assert.equal(calls.length, 2, "retried once");
      assert.equal(calls[0].json.idempotencyKey, key, "first attempt carries the caller's key");
      assert.equal(calls[1].json.idempotencyKey, key, "retry carries the caller's key");
      const r2 = await client.transactions.reload({ cardNumber: CARD_A, amount: "5.00" }, { idempotencyKey: key });
      assert.equal(calls[2].json.idempotencyKey, key, "second call carries the caller's key");
      assert.equal(r2.transactionId, r1.transactionId, "the replay answers the original transaction");
      const s = await getSvStats(ctx.sandboxUrl, t.apiKey);
      assert.equal(s.cards[CARD_A], "105.00", "reloaded once");
      assert.equal(Number(s.transactions), 1, "one transaction");
      const number = freshCardNumber();
      await client.giftCards.create({ amount: "1.00", cardNumber: number }, { idempotencyKey: `${key}-create` });
      assert.equal(calls[3].json.idempotencyKey, `${key}-create`, "create: caller's key");
      await client.transactions.redeem({ cardNumber: number, amount: "1.00" }, { idempotencyKey: `${key}-redeem` });
      assert.equal(calls[4].json.idempotencyKey, `${key}-redeem`, "redeem: caller's key");
    },
  },
  {
    name: "stored value: generated idempotencyKey: UUIDv4 in the body of create/reload/redeem/cancel, fresh per call; none on reads",
    fn: async (ctx) => {
      const { assert } = ctx;
      const t = await createSvTenant(ctx.sandboxUrl);
      const calls = [];
      const client = svClient(ctx, t, { fetch: recordingFetch(calls) });
      const number = freshCardNumber();
      await client.giftCards.create({ amount: "50.00", cardNumber: number });
      const r1 = await client.transactions.reload({ cardNumber: number, amount: "1.00" });
      await client.transactions.reload({ cardNumber: number, amount: "1.00" });
      await client.transactions.redeem({ cardNumber: number, amount: "1.00" });
      await client.transactions.cancel({ transactionId: r1.transactionId, amount: "1.00" });
      const writes = calls.slice(0, 5);
      const keys = writes.map((c) => c.json && c.json.idempotencyKey);
      keys.forEach((k, i) => assert.match(k, UUID_V4, `write #${i + 1} (${writes[i].json && writes[i].json.method}) has a UUIDv4 idempotencyKey`));
      assert.equal(new Set(keys).size, 5, `a fresh key per call: ${keys.join(", ")}`);
      assert.equal(await balanceOf(ctx, client, number), "50.00", "50 + 1 + 1 - 1 - 1");
      calls.length = 0;
      await client.giftCards.info({ cardNumber: number });
      await client.transactions.list({ count: 1 });
      const listed = await client.transactions.list({ count: 1 });
      await client.transactions.get({ id: listed.data[0].id });
      await client.binLookup({ bin: "411111" });
      await client.giftCards.delete({ cardNumber: number });
      assert.equal(calls.length, 6);
      assert.ok(!("idempotencyKey" in (calls[0].json || {})), `info sends no idempotencyKey: ${calls[0].body}`);
      for (const c of calls) {
        assert.equal(c.headers.get("idempotency-key"), null, `${c.method} ${c.url}: no Idempotency-Key header`);
        if (c.method === "GET") assert.equal(c.body, undefined, `${c.method} ${c.url}: no body`);
        assert.ok(!c.url.includes("idempotencyKey"), `${c.url}: no key in the URL`);
      }
    },
  },
  {
    name: "stored value: 408, 429, 502, 503 and 504 are retried for info, GET and DELETE",
    fn: async (ctx) => {
      const { assert } = ctx;
      const t = await createSvTenant(ctx.sandboxUrl);
      const client = svClient(ctx, t);
      for (const status of [408, 429, 502, 503, 504]) {
        const before = await getSvStats(ctx.sandboxUrl, t.apiKey);
        await addSvFault(ctx.sandboxUrl, t.apiKey, { path: "/v2/stored-value/info", status, count: 1, when: "before" });
        const info = await client.giftCards.info({ cardNumber: CARD_A });
        assert.equal(info.amount, "100.00", `info after a ${status}`);
        assert.equal((await statsDelta(ctx, t, before)).requests, 2, `info retried once after ${status}`);
      }
      let before = await getSvStats(ctx.sandboxUrl, t.apiKey);
      await addSvFault(ctx.sandboxUrl, t.apiKey, { path: "/v2/transactions", status: 503, count: 2, when: "before" });
      const page = await client.transactions.list();
      assert.equal(page.total, 0, "list answered");
      assert.equal((await statsDelta(ctx, t, before)).requests, 3, "list retried twice");

      const r = await client.transactions.reload({ cardNumber: CARD_A, amount: "1.00" });
      const [tx] = (await client.transactions.list({ count: 1 })).data;
      assert.equal(tx.transId, r.transactionId);
      before = await getSvStats(ctx.sandboxUrl, t.apiKey);
      await addSvFault(ctx.sandboxUrl, t.apiKey, { path: `/v2/transactions/${tx.id}`, status: 502, count: 1, when: "after" });
      const got = await client.transactions.get({ id: tx.id });
      assert.equal(got.id, tx.id, "get after a lost response");
      assert.equal((await statsDelta(ctx, t, before)).requests, 2, "get retried once");

      const number = freshCardNumber();
      await client.giftCards.create({ amount: "3.00", cardNumber: number });
      before = await getSvStats(ctx.sandboxUrl, t.apiKey);
      await addSvFault(ctx.sandboxUrl, t.apiKey, { path: `/v2/stored-value/${number}`, status: 503, count: 1, when: "before" });
      const del = await client.giftCards.delete({ cardNumber: number });
      assert.equal(del.cardNumber, number, "delete after a 503");
      assert.equal((await statsDelta(ctx, t, before)).requests, 2, "delete retried once");
    },
  },
  {
    name: "stored value: Retry-After on a 429 is honoured before the retry",
    fn: async (ctx) => {
      const { assert } = ctx;
      const t = await createSvTenant(ctx.sandboxUrl);
      const stamps = [];
      const client = svClient(ctx, t, {
        fetch: (input, init) => {
          stamps.push(Date.now());
          return globalThis.fetch(input, init);
        },
      });
      await addSvFault(ctx.sandboxUrl, t.apiKey, { path: "/v2/transactions", status: 429, count: 1, when: "before", retryAfter: 1 });
      const r = await client.transactions.reload({ cardNumber: CARD_A, amount: "1.00" });
      assert.equal(r.status, "01");
      assert.equal(stamps.length, 2, "one retry");
      assert.ok(stamps[1] - stamps[0] >= 900, `waited ${stamps[1] - stamps[0]} ms (Retry-After: 1)`);
    },
  },
  {
    name: "stored value: 500 and 4xx answers are not retried; retries stop after maxRetries (default 2, 0 disables)",
    fn: async (ctx) => {
      const { assert } = ctx;
      const t = await createSvTenant(ctx.sandboxUrl);
      const client = svClient(ctx, t);
      let before = await getSvStats(ctx.sandboxUrl, t.apiKey);
      await addSvFault(ctx.sandboxUrl, t.apiKey, { path: "/v2/transactions", status: 500, count: 1, when: "before" });
      await assert.rejects(client.transactions.reload({ cardNumber: CARD_A, amount: "1.00" }), svError(ctx, { status: 500 }), "500");
      assert.equal((await statsDelta(ctx, t, before)).requests, 1, "500 not retried");

      before = await getSvStats(ctx.sandboxUrl, t.apiKey);
      await assert.rejects(client.giftCards.create({ amount: "1.00", cardNumber: CARD_A }), svError(ctx, { status: 422, statusCode: "21" }), "422");
      assert.equal((await statsDelta(ctx, t, before)).requests, 1, "422 not retried");

      before = await getSvStats(ctx.sandboxUrl, t.apiKey);
      await addSvFault(ctx.sandboxUrl, t.apiKey, { path: "/v2/transactions", status: 503, count: 50, when: "before" });
      await assert.rejects(client.transactions.reload({ cardNumber: CARD_A, amount: "1.00" }), svError(ctx, { status: 503 }), "default gives up with the 503");
      assert.equal((await statsDelta(ctx, t, before)).requests, 3, "1 attempt + 2 retries");
      before = await getSvStats(ctx.sandboxUrl, t.apiKey);
      await assert.rejects(svClient(ctx, t, { maxRetries: 0 }).transactions.reload({ cardNumber: CARD_A, amount: "1.00" }), svError(ctx, { status: 503 }));
      assert.equal((await statsDelta(ctx, t, before)).requests, 1, "maxRetries: 0 -> one attempt");
      before = await getSvStats(ctx.sandboxUrl, t.apiKey);
      await assert.rejects(svClient(ctx, t, { maxRetries: 0 }).transactions.list(), svError(ctx, { status: 503 }));
      assert.equal((await statsDelta(ctx, t, before)).requests, 1, "maxRetries: 0 on a GET -> one attempt");
      const s = await getSvStats(ctx.sandboxUrl, t.apiKey);
      assert.equal(s.cards[CARD_A], "100.00", "nothing reloaded");
    },
  },
  {
    name: "stored value: network errors -> NetworkError after the retries, same idempotencyKey on each attempt",
    fn: async (ctx) => {
      const { assert } = ctx;
      const t = await createSvTenant(ctx.sandboxUrl);
      const calls = [];
      const down = async () => {
        throw new TypeError("fetch failed");
      };
      const c1 = svClient(ctx, t, { fetch: recordingFetch(calls, down) });
      await assert.rejects(c1.transactions.reload({ cardNumber: CARD_A, amount: "1.00" }), typedError(ctx, "NetworkError"));
      assert.equal(calls.length, 3, "1 attempt + 2 retries");
      assert.ok(calls.every((c) => c.json.idempotencyKey === calls[0].json.idempotencyKey), "same key on every attempt");
      calls.length = 0;
      await assert.rejects(c1.giftCards.info({ cardNumber: CARD_A }), typedError(ctx, "NetworkError"));
      assert.equal(calls.length, 3, "info retried too");
      calls.length = 0;
      let n = 0;
      const flaky = (input, init) => (n++ === 0 ? Promise.reject(new TypeError("fetch failed")) : globalThis.fetch(input, init));
      const c2 = svClient(ctx, t, { fetch: recordingFetch(calls, flaky) });
      const r = await c2.transactions.reload({ cardNumber: CARD_A, amount: "2.00" });
      assert.equal(r.status, "01");
      assert.equal(calls.length, 2);
      assert.equal(calls[1].json.idempotencyKey, calls[0].json.idempotencyKey, "same key after a network error");
      assert.equal(await balanceOf(ctx, c2, CARD_A), "102.00");
    },
  },
  {
    name: "stored value: AbortSignal and timeoutMs -> AbortError / TimeoutError",
    fn: async (ctx) => {
      const { assert } = ctx;
      const t = await createSvTenant(ctx.sandboxUrl);
      const calls = [];
      const client = svClient(ctx, t, { fetch: recordingFetch(calls) });
      await assert.rejects(client.transactions.reload({ cardNumber: CARD_A, amount: "1.00" }, { signal: AbortSignal.abort() }), typedError(ctx, "AbortError"));
      await assert.rejects(client.giftCards.info({ cardNumber: CARD_A }, { signal: AbortSignal.abort() }), typedError(ctx, "AbortError"));
      assert.equal(calls.length, 0, "nothing sent with an aborted signal");
      const hanging = svClient(ctx, t, { fetch: () => new Promise(() => {}), timeoutMs: 150, maxRetries: 0 });
      const started = Date.now();
      await within(5000, assert.rejects(hanging.giftCards.info({ cardNumber: CARD_A }), typedError(ctx, "TimeoutError")), "info with timeoutMs 150");
      assert.ok(Date.now() - started < 5000, "timed out promptly");
      const s = await getSvStats(ctx.sandboxUrl, t.apiKey);
      assert.equal(s.cards[CARD_A], "100.00", "nothing reloaded");
    },
  },

  // --- errors ---------------------------------------------------------------------------------
  {
    name: "stored value: error body -> StoredValueError fields (21 Card Already Issued on create of a test card)",
    fn: async (ctx) => {
      const { assert, sdk } = ctx;
      const t = await createSvTenant(ctx.sandboxUrl);
      const client = svClient(ctx, t);
      const e = await assert.rejects(
        client.giftCards.create({ amount: "10.00", cardNumber: CARD_A }),
        svError(ctx, { status: 422, errorName: "Unprocessable", code: 422, className: "unprocessable", statusCode: "21", statusDescription: "Card Already Issued", requestId: true }),
      );
      assert.deepEqual({ statusCode: e.data.statusCode, statusDescription: e.data.statusDescription }, { statusCode: "21", statusDescription: "Card Already Issued" }, "data");
      assert.ok(!(e instanceof sdk.ValidationError), "not a ValidationError");
      assert.equal(await balanceOf(ctx, client, CARD_A), "100.00", "balance unchanged");
    },
  },
  {
    name: "stored value: server-side 100 / 105 / 31 / 26 bodies (request altered past the client's validation) -> StoredValueError",
    fn: async (ctx) => {
      const { assert } = ctx;
      const t = await createSvTenant(ctx.sandboxUrl);
      const cases = [
        ["info without a card field", "100", (o) => delete o.cardNumber, (c) => c.giftCards.info({ cardNumber: CARD_A })],
        ["reload with both card fields", "100", (o) => (o.cardTrackTwo = `;${CARD_A}=25121010000000000000?`), (c) => c.transactions.reload({ cardNumber: CARD_A, amount: "1.00" })],
        ["reload without amount", "105", (o) => delete o.amount, (c) => c.transactions.reload({ cardNumber: CARD_A, amount: "1.00" })],
        ["reload in EUR", "31", (o) => (o.currency = "EUR"), (c) => c.transactions.reload({ cardNumber: CARD_A, amount: "1.00" })],
        ["unknown method", "26", (o) => (o.method = "refund"), (c) => c.transactions.reload({ cardNumber: CARD_A, amount: "1.00" })],
      ];
      for (const [label, code, edit, call] of cases) {
        const client = svClient(ctx, t, { fetch: tamperingFetch(edit), maxRetries: 0 });
        const e = await assert.rejects(call(client), svError(ctx, { status: 422, errorName: "Unprocessable", code: 422, statusCode: code }), label);
        assert.ok(typeof e.statusDescription === "string" && e.statusDescription.length > 0, `${label}: statusDescription`);
      }
      const s = await getSvStats(ctx.sandboxUrl, t.apiKey);
      assert.equal(s.cards[CARD_A], "100.00", "nothing changed");
      assert.equal(Number(s.transactions), 0, "no transaction recorded");
    },
  },
  {
    name: "stored value: unknown API key -> 401 NotAuthenticated StoredValueError, not retried",
    fn: async (ctx) => {
      const { assert } = ctx;
      const calls = [];
      const client = svClient(ctx, { apiKey: `sv_unknown_${uniqueId("k")}` }, { fetch: recordingFetch(calls) });
      await assert.rejects(client.giftCards.info({ cardNumber: CARD_A }), svError(ctx, { status: 401, errorName: "NotAuthenticated", code: 401 }));
      assert.equal(calls.length, 1, "401 not retried");
      await assert.rejects(client.transactions.list(), svError(ctx, { status: 401, errorName: "NotAuthenticated" }));
    },
  },
  {
    name: "stored value: Authorization is `Bearer ` + base64(apiKey) on every method; JSON bodies",
    fn: async (ctx) => {
      const { assert } = ctx;
      const t = await createSvTenant(ctx.sandboxUrl);
      const calls = [];
      const client = svClient(ctx, t, { fetch: recordingFetch(calls) });
      const number = freshCardNumber();
      await client.giftCards.create({ amount: "9.00", cardNumber: number });
      await client.giftCards.info({ cardNumber: number });
      const r = await client.transactions.reload({ cardNumber: number, amount: "1.00" });
      await client.transactions.redeem({ cardNumber: number, amount: "1.00" });
      await client.transactions.cancel({ transactionId: r.transactionId, amount: "1.00" });
      const listed = await client.transactions.list();
      await client.transactions.get({ id: listed.data[0].id });
      for await (const tx of client.transactions.listAll()) void tx;
      await client.binLookup({ bin: "411111" });
      await client.giftCards.delete({ cardNumber: number });
      const expected = `Bearer ${base64Utf8(t.apiKey)}`;
      assert.equal(calls.length, 10);
      for (const c of calls) {
        assert.equal(c.headers.get("authorization"), expected, `${c.method} ${c.url}: Authorization`);
        if (c.method === "POST") {
          assert.match(c.headers.get("content-type") || "", /^application\/json/, `${c.url}: content-type`);
          assert.ok(c.json && typeof c.json === "object", `${c.url}: JSON body (${c.body})`);
        }
      }
      // base64 padding: keys of length 1, 2 and 3 mod 3, against a canned answer (no network)
      for (const apiKey of ["k", "ke", "key", "sk_test_+/=:ü"]) {
        const seen = [];
        const c = new ctx.sdk.StoredValueClient({ apiKey, baseUrl: "https://api.example.test", fetch: recordingFetch(seen, cannedFetch({ Bin: "411111" })) });
        await c.binLookup({ bin: "411111" });
        assert.equal(seen[0].headers.get("authorization"), `Bearer ${base64Utf8(apiKey)}`, `apiKey ${JSON.stringify(apiKey)}`);
      }
    },
  },

  // --- configuration --------------------------------------------------------------------------
  {
    name: "stored value: constructor: exactly one of baseUrl/environment; plain http only on loopback",
    fn: async (ctx) => {
      const { assert, sdk } = ctx;
      const C = sdk.StoredValueClient;
      assert.equal(typeof C, "function", "StoredValueClient exported");
      new C({ apiKey: "k", baseUrl: "https://api.example.test" });
      new C({ apiKey: "k", environment: "sandbox" });
      new C({ apiKey: "k", environment: "production" });
      new C({ apiKey: "k", baseUrl: "http://127.0.0.1:9" });
      new C({ apiKey: "k", baseUrl: "http://[::1]:9" });
      new C({ apiKey: "k", baseUrl: "https://api.example.test", fetch: globalThis.fetch, maxRetries: 0, timeoutMs: 1000, dangerouslyAllowBrowser: true });
      assert.throws(() => new C({ apiKey: "k" }), validation(ctx, "config.baseUrl"), "neither baseUrl nor environment");
      assert.throws(() => new C({ apiKey: "k", baseUrl: "https://api.example.test", environment: "sandbox" }), validation(ctx, "config.baseUrl"), "both");
      assert.throws(() => new C({ apiKey: "k", baseUrl: "http://api.example.test" }), validation(ctx, "config.baseUrl"), "plain http off loopback");
      assert.throws(() => new C({ apiKey: "k", baseUrl: "http://sandbox.seamlesspay.com" }), validation(ctx, "config.baseUrl"), "plain http to the real sandbox");
      assert.throws(() => new C({ apiKey: "k", baseUrl: "not a url" }), validation(ctx, "config.baseUrl"), "not a URL");
      assert.throws(() => new C({ apiKey: "k", environment: "staging" }), validation(ctx, /^config\.environment$/), "unknown environment");
      assert.throws(() => new C({ apiKey: "", environment: "sandbox" }), validation(ctx, "config.apiKey"), "empty apiKey");
      assert.throws(() => new C({ environment: "sandbox" }), validation(ctx, "config.apiKey"), "missing apiKey");
    },
  },
  {
    name: "stored value: environment sandbox/production select the documented API origins",
    fn: async (ctx) => {
      const { assert, sdk } = ctx;
      const cases = [
        [{ environment: "sandbox" }, "https://sandbox.seamlesspay.com"],
        [{ environment: "production" }, "https://api.seamlesspay.com"],
        [{ baseUrl: "https://gift.example.test/" }, "https://gift.example.test"],
      ];
      for (const [cfg, origin] of cases) {
        const calls = [];
        const bin = { Bin: "411111", IssuingBank: "Bank Name", Country: "USA", CardBrand: "Visa" };
        const client = new sdk.StoredValueClient({ apiKey: "k", ...cfg, fetch: recordingFetch(calls, cannedFetch(bin)) });
        const r = await client.binLookup({ bin: "411111" });
        assert.deepEqual(r, bin, "canned answer passed through");
        assert.equal(calls[0].url, `${origin}/v2/bin-lookup/411111`, `${assert.show(cfg)}: bin lookup url`);
        const infoBody = { merchantId: "1", cardNumber: CARD_A, amount: "1.00", currency: "USD", cardStatus: "Active", createdAt: "2017-12-03T17:32:46.432Z" };
        const c2 = new sdk.StoredValueClient({ apiKey: "k", ...cfg, fetch: recordingFetch(calls, cannedFetch(infoBody)) });
        assert.deepEqual(await c2.giftCards.info({ cardNumber: CARD_A }), infoBody);
        assert.equal(calls[1].url, `${origin}/v2/stored-value/info`, `${assert.show(cfg)}: info url`);
      }
    },
  },
  {
    name: "stored value: STORED_VALUE_STATUS is the spec's status table",
    fn: async (ctx) => {
      const { assert, sdk } = ctx;
      const table = sdk.STORED_VALUE_STATUS;
      assert.ok(table && typeof table === "object", `STORED_VALUE_STATUS exported (got ${assert.show(table)})`);
      assert.equal(table["109"], "Additional payment required to complete transaction");
      assert.equal(table["01"], "Approval");
      assert.equal(table["21"], "Card Already Issued");
      const missing = Object.keys(SPEC_STATUS).filter((k) => table[k] !== SPEC_STATUS[k]);
      assert.ok(missing.length === 0, `entries differing from the spec: ${missing.map((k) => `${k}: ${assert.show(table[k])} (spec ${assert.show(SPEC_STATUS[k])})`).join("; ")}`);
      const extra = Object.keys(table).filter((k) => !(k in SPEC_STATUS));
      assert.deepEqual(extra, [], "no codes beyond the spec's table");
    },
  },

  {
    name: "stored value: ids with / ? # % stay one percent-encoded path segment (get)",
    fn: async (ctx) => {
      const { assert } = ctx;
      const t = await createSvTenant(ctx.sandboxUrl);
      const calls = [];
      const client = svClient(ctx, t, { fetch: recordingFetch(calls) });
      for (const id of ["GCT_x/../y?z#w", "../../__sandbox/stored-value/stats", "a%2Fb", "id with space"]) {
        calls.length = 0;
        await assert.rejects(client.transactions.get({ id }), svError(ctx, { status: 404, statusCode: "108" }), `get ${JSON.stringify(id)}`);
        assert.equal(calls.length, 1);
        const prefix = `${base(ctx)}/v2/transactions/`;
        assert.ok(calls[0].url.startsWith(prefix), `url ${calls[0].url}`);
        const segment = calls[0].url.slice(prefix.length);
        assert.ok(!/[/?# ]/.test(segment), `one segment, no raw / ? # or space: ${segment}`);
        assert.equal(decodeURIComponent(segment), id, "decodes to the id");
      }
    },
  },
  {
    name: "stored value: 20 parallel calls on one client all succeed, each reload applied once",
    fn: async (ctx) => {
      const { assert } = ctx;
      const t = await createSvTenant(ctx.sandboxUrl);
      const client = svClient(ctx, t);
      const jobs = [];
      for (let i = 0; i < 12; i++) jobs.push(client.transactions.reload({ cardNumber: CARD_A, amount: "1.00" }));
      for (let i = 0; i < 4; i++) jobs.push(client.giftCards.info({ cardNumber: CARD_B }));
      for (let i = 0; i < 4; i++) jobs.push(client.transactions.list({ count: 5 }));
      const results = await within(20000, Promise.allSettled(jobs), "20 parallel calls");
      const failed = results.filter((r) => r.status === "rejected");
      assert.equal(failed.length, 0, `rejections: ${failed.map((r) => assert.show(r.reason)).slice(0, 3).join("; ")}`);
      assert.equal(new Set(results.slice(0, 12).map((r) => r.value.transactionId)).size, 12, "12 distinct reloads");
      const s = await getSvStats(ctx.sandboxUrl, t.apiKey);
      assert.equal(s.cards[CARD_A], "112.00", "each reload applied once");
      assert.equal(Number(s.transactions), 12);
      assert.equal(Number(s.requests), 20, "no retries were needed");
    },
  },
  {
    name: "stored value: abort while the request is in flight -> AbortError",
    fn: async (ctx) => {
      const { assert } = ctx;
      const t = await createSvTenant(ctx.sandboxUrl);
      const signalOnly = (input, init = {}) =>
        new Promise((_, reject) => {
          const signal = init.signal;
          if (!signal) return;
          const fire = () => reject(signal.reason instanceof Error ? signal.reason : new DOMException("The operation was aborted.", "AbortError"));
          if (signal.aborted) fire();
          else signal.addEventListener("abort", fire, { once: true });
        });
      const client = svClient(ctx, t, { fetch: signalOnly, timeoutMs: 30000 });
      const ac = new AbortController();
      const started = Date.now();
      setTimeout(() => ac.abort(), 100);
      await within(5000, assert.rejects(client.transactions.reload({ cardNumber: CARD_A, amount: "1.00" }, { signal: ac.signal }), typedError(ctx, "AbortError")), "reload aborted in flight");
      assert.ok(Date.now() - started < 5000, "settled promptly");
    },
  },
  {
    name: "stored value: a non-JSON error answer (proxy HTML) -> StoredValueError with the HTTP status",
    fn: async (ctx) => {
      const { assert } = ctx;
      const html = async () => new Response("<html><body>502 Bad Gateway</body></html>", { status: 502, headers: { "content-type": "text/html" } });
      const client = new ctx.sdk.StoredValueClient({ apiKey: "k", baseUrl: "https://api.example.test", fetch: html, maxRetries: 0 });
      const e = await assert.rejects(client.giftCards.info({ cardNumber: CARD_A }), svError(ctx, { status: 502 }));
      assert.ok(e.statusCode === null || e.statusCode === undefined, `no statusCode (got ${assert.show(e.statusCode)})`);
      const plain = async () => new Response("Forbidden", { status: 403 });
      const c2 = new ctx.sdk.StoredValueClient({ apiKey: "k", baseUrl: "https://api.example.test", fetch: plain });
      await assert.rejects(c2.transactions.list(), svError(ctx, { status: 403 }));
    },
  },

  // --- local validation (nothing sent) --------------------------------------------------------
  {
    name: "stored value: validation: exactly one of cardNumber / cardTrackTwo on every card method (nothing sent)",
    fn: async (ctx) => {
      const t = await createSvTenant(ctx.sandboxUrl);
      const calls = [];
      const client = svClient(ctx, t, { fetch: recordingFetch(calls) });
      const track = `;${CARD_A}=25121010000000000000?`;
      const F = "params.cardNumber";
      const methods = [
        ["giftCards.create", (card) => client.giftCards.create({ amount: "1.00", ...card })],
        ["giftCards.delete", (card) => client.giftCards.delete({ ...card })],
        ["giftCards.info", (card) => client.giftCards.info({ ...card })],
        ["transactions.reload", (card) => client.transactions.reload({ amount: "1.00", ...card })],
        ["transactions.redeem", (card) => client.transactions.redeem({ amount: "1.00", ...card })],
      ];
      for (const [name, call] of methods) {
        await expectInvalid(ctx, calls, `${name} without a card`, F, () => call({}));
        await expectInvalid(ctx, calls, `${name} with both`, F, () => call({ cardNumber: CARD_A, cardTrackTwo: track }));
        await expectInvalid(ctx, calls, `${name} with an empty cardNumber`, F, () => call({ cardNumber: "" }));
      }
      ctx.assert.equal(calls.length, 0, "nothing sent");
    },
  },
  {
    name: "stored value: validation: cardNumber is 12-19 digits (nothing sent for others)",
    fn: async (ctx) => {
      const { assert } = ctx;
      const t = await createSvTenant(ctx.sandboxUrl);
      const calls = [];
      const client = svClient(ctx, t, { fetch: recordingFetch(calls) });
      for (const bad of ["12345678901", "12345678901234567890", "4242 4242 4242 4242", "4242-4242-4242-4242", "424242424242424a", " 4242424242424242", "４２４２４２４２４２４２", 4242424242424242]) {
        await expectInvalid(ctx, calls, `info cardNumber ${assert.show(bad)}`, "params.cardNumber", () => client.giftCards.info({ cardNumber: bad }));
        await expectInvalid(ctx, calls, `reload cardNumber ${assert.show(bad)}`, "params.cardNumber", () => client.transactions.reload({ cardNumber: bad, amount: "1.00" }));
        await expectInvalid(ctx, calls, `delete cardNumber ${assert.show(bad)}`, "params.cardNumber", () => client.giftCards.delete({ cardNumber: bad }));
      }
      for (const good of ["123456789012", "1234567890123456789"]) {
        const r = await settle(client.giftCards.info({ cardNumber: good }));
        assert.ok(r.error instanceof ctx.sdk.StoredValueError, `${good.length} digits is sent (the sandbox answers 103): ${assert.show(r.error ?? r.value)}`);
        assert.equal(r.error.statusCode, "103");
      }
      assert.equal(calls.length, 2, "only the two valid numbers were sent");
    },
  },
  {
    name: "stored value: validation: amount is a positive decimal string with at most 2 decimals (nothing sent)",
    fn: async (ctx) => {
      const { assert } = ctx;
      const t = await createSvTenant(ctx.sandboxUrl);
      const calls = [];
      const client = svClient(ctx, t, { fetch: recordingFetch(calls) });
      const number = freshCardNumber();
      const F = "params.amount";
      for (const bad of [5, 5.5, "", "0", "0.00", "-1.00", "1.005", "abc", "1e2", "1,00", "Infinity", "NaN", null, undefined]) {
        const label = assert.show(bad);
        await expectInvalid(ctx, calls, `create amount ${label}`, F, () => client.giftCards.create({ amount: bad, cardNumber: number }));
        await expectInvalid(ctx, calls, `reload amount ${label}`, F, () => client.transactions.reload({ amount: bad, cardNumber: CARD_A }));
        await expectInvalid(ctx, calls, `redeem amount ${label}`, F, () => client.transactions.redeem({ amount: bad, cardNumber: CARD_A }));
        await expectInvalid(ctx, calls, `cancel amount ${label}`, F, () => client.transactions.cancel({ amount: bad, transactionId: "TXN_X" }));
      }
      await expectInvalid(ctx, calls, "create without amount", F, () => client.giftCards.create({ cardNumber: number }));
      await expectInvalid(ctx, calls, "reload without amount", F, () => client.transactions.reload({ cardNumber: CARD_A }));
      assert.equal(calls.length, 0, "nothing sent");
      for (const good of ["0.01", "1.5", "7", "100.00"]) {
        const r = await client.transactions.reload({ amount: good, cardNumber: CARD_A });
        assert.equal(r.status, "01", `amount ${good} accepted`);
      }
      assert.equal(await balanceOf(ctx, client, CARD_A), "208.51", "100 + 0.01 + 1.5 + 7 + 100");
    },
  },
  {
    name: "stored value: validation: currency is USD or CAD (nothing sent for others)",
    fn: async (ctx) => {
      const { assert } = ctx;
      const t = await createSvTenant(ctx.sandboxUrl);
      const calls = [];
      const client = svClient(ctx, t, { fetch: recordingFetch(calls) });
      for (const bad of ["EUR", "usd", "", "US", 840]) {
        const label = assert.show(bad);
        await expectInvalid(ctx, calls, `info currency ${label}`, "params.currency", () => client.giftCards.info({ cardNumber: CARD_A, currency: bad }));
        await expectInvalid(ctx, calls, `reload currency ${label}`, "params.currency", () => client.transactions.reload({ cardNumber: CARD_A, amount: "1.00", currency: bad }));
        await expectInvalid(ctx, calls, `redeem currency ${label}`, "params.currency", () => client.transactions.redeem({ cardNumber: CARD_A, amount: "1.00", currency: bad }));
      }
      assert.equal(calls.length, 0, "nothing sent");
      const r = await settle(client.giftCards.info({ cardNumber: CARD_A, currency: "CAD" }));
      assert.equal(calls.length, 1, "CAD is sent");
      assert.equal(calls[0].json.currency, "CAD");
      assert.ok(!(r.error instanceof ctx.sdk.ValidationError), `CAD is valid locally: ${assert.show(r.error ?? r.value)}`);
    },
  },
  {
    name: "stored value: validation and encoding of pinNumber (8-digit string, or { ssc?, pin } right-justified zero-filled)",
    fn: async (ctx) => {
      const { assert } = ctx;
      const t = await createSvTenant(ctx.sandboxUrl);
      const calls = [];
      const client = svClient(ctx, t, { fetch: recordingFetch(calls) });
      const F = "params.pinNumber";
      const bads = ["1234", "123456789", "1234567a", "", 12345678, { pin: "" }, { pin: "12345" }, { ssc: "12345", pin: "1" }, { ssc: "1a", pin: "1" }, { ssc: "12" }, {}, { ssc: "", pin: "1" }, { pin: 7 }];
      for (const bad of bads) {
        const label = assert.show(bad);
        await expectInvalid(ctx, calls, `info pinNumber ${label}`, F, () => client.giftCards.info({ cardNumber: CARD_A, pinNumber: bad }));
        await expectInvalid(ctx, calls, `reload pinNumber ${label}`, F, () => client.transactions.reload({ cardNumber: CARD_A, amount: "1.00", pinNumber: bad }));
        await expectInvalid(ctx, calls, `redeem pinNumber ${label}`, F, () => client.transactions.redeem({ cardNumber: CARD_A, amount: "1.00", pinNumber: bad }));
      }
      assert.equal(calls.length, 0, "nothing sent");
      const goods = [
        ["00120007", "00120007"],
        [{ ssc: "12", pin: "7" }, "00120007"],
        [{ pin: "1234" }, "00001234"],
        [{ ssc: "1", pin: "1" }, "00010001"],
        [{ ssc: "1234", pin: "5678" }, "12345678"],
        [{ ssc: "0", pin: "0" }, "00000000"],
      ];
      for (const [pin, wire] of goods) {
        calls.length = 0;
        const r = await settle(client.giftCards.info({ cardNumber: CARD_A, pinNumber: pin }));
        assert.ok(!(r.error instanceof ctx.sdk.ValidationError), `${assert.show(pin)} is valid: ${assert.show(r.error)}`);
        assert.equal(calls.length > 0 && calls[0].json.pinNumber, wire, `info pinNumber ${assert.show(pin)} is sent as ${wire}`);
        calls.length = 0;
        await settle(client.transactions.redeem({ cardNumber: CARD_A, amount: "0.01", pinNumber: pin }));
        assert.equal(calls.length > 0 && calls[0].json.pinNumber, wire, `redeem pinNumber ${assert.show(pin)} is sent as ${wire}`);
      }
    },
  },
  {
    name: "stored value: validation: cancel needs transactionId and amount; get needs id (nothing sent)",
    fn: async (ctx) => {
      const t = await createSvTenant(ctx.sandboxUrl);
      const calls = [];
      const client = svClient(ctx, t, { fetch: recordingFetch(calls) });
      await expectInvalid(ctx, calls, "cancel without transactionId", "params.transactionId", () => client.transactions.cancel({ amount: "1.00" }));
      await expectInvalid(ctx, calls, "cancel with an empty transactionId", "params.transactionId", () => client.transactions.cancel({ transactionId: "", amount: "1.00" }));
      await expectInvalid(ctx, calls, "cancel with a numeric transactionId", "params.transactionId", () => client.transactions.cancel({ transactionId: 12, amount: "1.00" }));
      await expectInvalid(ctx, calls, "cancel without amount", "params.amount", () => client.transactions.cancel({ transactionId: "TXN_X" }));
      await expectInvalid(ctx, calls, "get without id", "params.id", () => client.transactions.get({}));
      await expectInvalid(ctx, calls, "get with an empty id", "params.id", () => client.transactions.get({ id: "" }));
      await expectInvalid(ctx, calls, "get without params", /^params/, () => client.transactions.get());
      ctx.assert.equal(calls.length, 0, "nothing sent");
    },
  },
  {
    name: "stored value: validation: bin is 6-8 digits (nothing sent)",
    fn: async (ctx) => {
      const t = await createSvTenant(ctx.sandboxUrl);
      const calls = [];
      const client = svClient(ctx, t, { fetch: recordingFetch(calls) });
      for (const bad of ["12345", "123456789", "41111a", "", "4111 11", 411111, undefined]) {
        await expectInvalid(ctx, calls, `bin ${ctx.assert.show(bad)}`, "params.bin", () => client.binLookup({ bin: bad }));
      }
      ctx.assert.equal(calls.length, 0, "nothing sent");
    },
  },
  {
    name: "stored value: validation: list page >= 1 and count 1..100 (list and listAll; nothing sent)",
    fn: async (ctx) => {
      const { assert } = ctx;
      const t = await createSvTenant(ctx.sandboxUrl);
      const calls = [];
      const client = svClient(ctx, t, { fetch: recordingFetch(calls) });
      const problems = [];
      const check = (p) => p.catch((e) => problems.push(e.message));
      for (const page of [0, -1, 1.5, "2", Number.NaN, Number.POSITIVE_INFINITY]) {
        await check(expectInvalid(ctx, calls, `list page ${assert.show(page)}`, "params.page", () => client.transactions.list({ page })));
        await check(expectInvalidIter(ctx, calls, `listAll page ${assert.show(page)}`, "params.page", () => client.transactions.listAll({ page })));
      }
      for (const count of [0, 101, -5, 2.5, "10", Number.NaN, Number.POSITIVE_INFINITY]) {
        await check(expectInvalid(ctx, calls, `list count ${assert.show(count)}`, "params.count", () => client.transactions.list({ count })));
        await check(expectInvalidIter(ctx, calls, `listAll count ${assert.show(count)}`, "params.count", () => client.transactions.listAll({ count })));
      }
      assert.ok(problems.length === 0, `${problems.length} problems:\n    ${problems.join("\n    ")}`);
      calls.length = 0;
      await client.transactions.list({ page: 1, count: 1 });
      await client.transactions.list({ page: 3, count: 100 });
      assert.equal(calls.length, 2, "page 1 / count 1 and page 3 / count 100 are sent");
      assert.equal(rawQuery(calls[1]), "page=3&count=100");
    },
  },
  {
    name: "stored value: validation: unknown query operators -> ValidationError naming the path (nothing sent)",
    fn: async (ctx) => {
      const t = await createSvTenant(ctx.sandboxUrl);
      const calls = [];
      const client = svClient(ctx, t, { fetch: recordingFetch(calls) });
      const problems = [];
      const check = (p) => p.catch((e) => problems.push(e.message));
      await check(expectInvalid(ctx, calls, "status.$regex", "params.query.status.$regex", () => client.transactions.list({ query: { status: { $regex: "x" } } })));
      await check(expectInvalid(ctx, calls, "$foo", "params.query.$foo", () => client.transactions.list({ query: { $foo: 1 } })));
      await check(expectInvalid(ctx, calls, "$where", "params.query.$where", () => client.transactions.list({ query: { $where: "1" } })));
      await check(expectInvalid(ctx, calls, "amount.$between", "params.query.amount.$between", () => client.transactions.list({ count: 5, query: { amount: { $between: [1, 2] } } })));
      await check(expectInvalid(ctx, calls, "operator inside $or", /^params\.query\.\$or.*\$bad$/, () => client.transactions.list({ query: { $or: [{ currency: "USD" }, { status: { $bad: 1 } }] } })));
      await check(expectInvalidIter(ctx, calls, "listAll with $regex", "params.query.status.$regex", () => client.transactions.listAll({ query: { status: { $regex: "x" } } })));
      await check(expectInvalid(ctx, calls, "$sort 2", "params.query.$sort.createdAt", () => client.transactions.list({ query: { $sort: { createdAt: 2 } } })));
      await check(expectInvalid(ctx, calls, "NaN operand", "params.query.amount.$gt", () => client.transactions.list({ query: { amount: { $gt: Number.NaN } } })));
      await check(expectInvalid(ctx, calls, "Infinity operand", "params.query.tranDate.$lt", () => client.transactions.list({ query: { tranDate: { $lt: Number.POSITIVE_INFINITY } } })));
      await check(expectInvalid(ctx, calls, "NaN in $in", /^params\.query\.amount\.\$in/, () => client.transactions.list({ query: { amount: { $in: [1, Number.NaN] } } })));
      await check(expectInvalid(ctx, calls, "NaN equality", "params.query.amount", () => client.transactions.list({ query: { amount: Number.NaN } })));
      ctx.assert.ok(problems.length === 0, `${problems.length} problems:\n    ${problems.join("\n    ")}`);
      ctx.assert.equal(calls.length, 0, "nothing sent");
    },
  },
];

const browserTests = [
  {
    name: "stored value (browser): the constructor refuses to run in a page without dangerouslyAllowBrowser",
    runtimes: ["browser"],
    fn: async (ctx) => {
      const { assert, sdk } = ctx;
      assert.ok(globalThis.window && globalThis.window.document, "this is a browser page");
      const C = sdk.StoredValueClient;
      assert.equal(typeof C, "function", "StoredValueClient exported");
      const F = "config.dangerouslyAllowBrowser";
      assert.throws(() => new C({ apiKey: "k", baseUrl: ctx.sandboxUrl }), validation(ctx, F), "baseUrl");
      assert.throws(() => new C({ apiKey: "k", environment: "production" }), validation(ctx, F), "environment production");
      assert.throws(() => new C({ apiKey: "k", environment: "sandbox", dangerouslyAllowBrowser: false }), validation(ctx, F), "dangerouslyAllowBrowser: false");
    },
  },
  {
    name: "stored value (browser): with dangerouslyAllowBrowser: true calls reach the sandbox (CORS, errors readable)",
    runtimes: ["browser"],
    fn: async (ctx) => {
      const { assert } = ctx;
      const t = await createSvTenant(ctx.sandboxUrl);
      const client = svClient(ctx, t, { dangerouslyAllowBrowser: true });
      assert.equal(await balanceOf(ctx, client, CARD_A), "100.00", "info");
      const r = await client.transactions.reload({ cardNumber: CARD_A, amount: "1.00" });
      checkTransactionResult(ctx, r, { method: "reload", amount: "1.00", cardNumber: CARD_A, merchantId: t.merchantId });
      const page = await client.transactions.list({ query: { transactionType: { $in: ["reload"] } } });
      assert.equal(page.total, 1, "list with a query");
      await assert.rejects(client.giftCards.create({ amount: "1.00", cardNumber: CARD_A }), svError(ctx, { status: 422, errorName: "Unprocessable", statusCode: "21" }));
      const s = await getSvStats(ctx.sandboxUrl, t.apiKey);
      assert.equal(s.cards[CARD_A], "101.00");
    },
  },
];

export const tests = [...serverTests.map((t) => ({ runtimes: SERVER, ...t })), ...browserTests];
