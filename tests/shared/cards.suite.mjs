// SeismicCardsClient (Seismic Cards issuing API) against the seismic-sandbox: the issuance
// journey of the spec, OAuth (reuse, renewal, 40399, empty tokens, concurrency, a shared token
// cache), idempotent retries, local validation, locked funds (030003), error mapping and the
// widget token handler. Every sandbox test creates its own program (tenant). The client secret
// is server-side only: the suite runs in Node and workerd, plus browser tests of the refusal.
import { recordingFetch } from "./recording-fetch.mjs";
import {
  createCardsTenant,
  revokeTokens,
  getCardsStats,
  addCardsFault,
  purchase,
  settle,
  unique,
  pollUntil,
  cardholderParams,
  approvedAccount,
  walletRef,

  fundedCard,
  jwtPayload,
  ADDRESS,
} from "./cards-sandbox.mjs";

const SERVER = ["node", "workerd"];
const UUID_V4 = /^[0-9a-f]{8}-[0-9a-f]{4}-4[0-9a-f]{3}-[89ab][0-9a-f]{3}-[0-9a-f]{12}$/i;
const FAST = { kycDelayMs: 30, cardholderDelayMs: 30 };

// ---------------------------------------------------------------------------------------------
// helpers

function cardsClient(ctx, tenant, extra = {}) {
  const { SeismicCardsClient } = ctx.sdk;
  if (typeof SeismicCardsClient !== "function") throw new Error(`the package exports no SeismicCardsClient (got ${typeof SeismicCardsClient})`);
  return new SeismicCardsClient({ baseUrl: ctx.sandboxUrl, clientId: tenant.clientId, clientSecret: tenant.clientSecret, ...extra });
}

const base = (ctx) => ctx.sandboxUrl.replace(/\/+$/, "");


const callsTo = (calls, method, path) => calls.filter((c) => c.method === method && c.path === path);
const apiCalls = (calls) => calls.filter((c) => !c.path.startsWith("/v1/oauth/"));

function validation(ctx, field) {
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
function cardsError(ctx, expect = {}) {
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
function settled(promiseOrFn) {
  return Promise.resolve()
    .then(() => (typeof promiseOrFn === "function" ? promiseOrFn() : promiseOrFn))
    .then((value) => ({ value }), (error) => ({ error }));
}

/**
 * `fn()` must reject (or throw) with a ValidationError on `field`, and nothing may reach
 * `path` (the endpoint) — nor any other API path.
 */
async function expectInvalid(ctx, calls, label, field, fn) {
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
function collector(ctx) {
  const problems = [];
  return {
    check: (p) => p.catch((e) => problems.push(e.message)),
    done: () => ctx.assert.ok(problems.length === 0, `${problems.length} problems:\n    ${problems.join("\n    ")}`),
  };
}

async function listAllOf(iterable) {
  const out = [];
  for await (const x of iterable) out.push(x);
  return out;
}

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

function expectClose(ctx, actual, expected, slack, what) {
  ctx.assert.ok(Math.abs(actual - expected) <= slack, `${what}: ${actual} is not within ${slack} of ${expected}`);
}

// ---------------------------------------------------------------------------------------------

const journey = {
  name: "cards: the issuance journey (token, bins, register, KYC, init, cardholder, budget, funding, issue, widget token, velocity, freeze, transactions, label, delete)",
  fn: async (ctx) => {
    const { assert } = ctx;
    const t = await createCardsTenant(ctx.sandboxUrl, { kycDelayMs: 150, cardholderDelayMs: 150 });
    const calls = [];
    const client = cardsClient(ctx, t, { fetch: recordingFetch(calls) });

    // 1. token + BINs
    const bins = await client.bins.list({ accountId: t.parentAccountId });
    assert.equal(calls.length, 3, `authorize, access-token, bins (got ${calls.map((c) => `${c.method} ${c.path}`).join(", ")})`);
    assert.equal(calls[0].method, "GET");
    assert.equal(calls[0].url, `${base(ctx)}/v1/oauth/authorize?clientId=${encodeURIComponent(t.clientId)}`, "authorize URL");
    assert.ok(!calls[0].headers.has("x-access-token"), "no token on authorize");
    assert.equal(calls[1].method, "POST");
    assert.equal(calls[1].path, "/v1/oauth/access-token");
    assert.equal(calls[1].json.clientId, t.clientId, "access-token body.clientId");
    assert.equal(calls[1].json.clientSecret, t.clientSecret, "access-token body.clientSecret");
    assert.match(calls[1].json.code, /^[0-9a-f]{32}$/, "access-token body.code is the authorization code");
    assert.match(calls[1].headers.get("content-type") || "", /^application\/json/, "access-token content-type");
    assert.equal(calls[2].url, `${base(ctx)}/v1/card/bins?accountId=${t.parentAccountId}`, "bins URL");
    const token = calls[2].headers.get("x-access-token");
    assert.match(token, /^[0-9a-f]{40}$/, "x-access-token");
    const bin = bins.list.find((b) => b.id === t.defaultBinId);
    assert.ok(bin, `defaultBinId listed: ${assert.show(bins)}`);
    assert.equal(bin.type, 0, "budget BIN");
    assert.equal(bin.bin, "411111");
    assert.deepEqual(bin.currencies, ["USD"]);

    // 2. register (Idempotency-Key), find by email
    calls.length = 0;
    const email = `${unique("jane")}@example.com`;
    const reg = await client.accounts.register({ name: "Jane Smith", email, phone: "+15551234567", parentAccountId: t.parentAccountId });
    assert.match(reg.accountId, /^[0-9a-f-]{36}$/, "accountId");
    assert.equal(calls.length, 1);
    assert.equal(calls[0].path, "/v1/accounts/register");
    assert.match(calls[0].headers.get("idempotency-key") || "", UUID_V4, "register sends a UUIDv4 Idempotency-Key");
    assert.equal(calls[0].headers.get("x-access-token"), token, "the cached token is reused");
    assert.deepEqual(calls[0].json, { name: "Jane Smith", email, phone: "+15551234567", parentAccountId: t.parentAccountId }, "register body");
    const accountId = reg.accountId;
    const found = await client.accounts.findByEmail({ email });
    assert.equal(found.list.length, 1, "findByEmail: one");
    assert.equal(found.list[0].accountId, accountId);
    assert.equal(calls[1].rawQuery, `email=${encodeURIComponent(email)}`, "findByEmail query");

    // 3. KYC: init before approval is refused; submit; poll until APPROVED; init
    assert.equal((await client.accounts.kycStatus({ accountId })).kyc.status, "NONE", "KYC NONE before submit");
    await assert.rejects(client.accounts.init({ accountId }), cardsError(ctx, { code: "050001", httpStatus: 400 }), "init before KYC");
    const submitted = await client.accounts.submitKyc({ accountId, sourceType: "sumsub", sumsubShareToken: "_act-sbx-jwt-eyJok", ipAddress: "192.0.2.1", occupation: "11-1011", annualSalary: "75000 USD", accountPurpose: "Living Expense", expectedMonthlyVolume: "1000 USD" });
    assert.equal(submitted.status, "PENDING");
    const kycCall = calls[calls.length - 1];
    assert.equal(kycCall.path, `/v1/accounts/${accountId}/kyc`, "submitKyc path");
    assert.ok(!("accountId" in kycCall.json), "the path param is not repeated in the body");
    assert.equal(kycCall.json.sumsubShareToken, "_act-sbx-jwt-eyJok");
    const kyc = await pollUntil("KYC", () => client.accounts.kycStatus({ accountId }), (s) => s.kyc.status !== "PENDING");
    assert.equal(kyc.kyc.status, "APPROVED");
    assert.ok(typeof kyc.kyc.caseId === "string" && kyc.kyc.caseId, "caseId");
    const init = await client.accounts.init({ accountId });
    assert.ok(init.walletId, `init opens the wallet: ${assert.show(init)}`);

    // 4. cardholder: PENDING -> APPROVED; list, get, update; address change -> 010002
    calls.length = 0;
    const chParams = cardholderParams(t, accountId);
    const holder = await client.cardholders.create(chParams);
    assert.equal(holder.status, "PENDING", "cardholder starts PENDING");
    assert.match(calls[0].headers.get("idempotency-key") || "", UUID_V4, "cardholders.create Idempotency-Key");
    assert.deepEqual(calls[0].json, chParams, "cardholder body as given");
    const cardholderId = holder.cardholderId;
    const approved = await pollUntil("cardholder", () => client.cardholders.get({ cardholderId, accountId }), (h) => h.status === "APPROVED");
    assert.equal(approved.firstName, "John");
    assert.equal(calls[calls.length - 1].url, `${base(ctx)}/v1/cardholders/${cardholderId}?accountId=${accountId}`, "cardholders.get URL");
    const holders = await client.cardholders.list({ accountId });
    assert.deepEqual(holders.list.map((h) => h.cardholderId), [cardholderId], "one cardholder");
    const patched = await client.cardholders.update({ cardholderId, accountId, phoneNumber: "5559876543" });
    assert.equal(patched.phoneNumber, "5559876543", "update phoneNumber");
    const patchCall = calls[calls.length - 1];
    assert.equal(patchCall.method, "PATCH");
    assert.deepEqual(patchCall.json, { accountId, phoneNumber: "5559876543" }, "PATCH body: accountId + the change");
    await assert.rejects(client.cardholders.update({ cardholderId, accountId, address: { city: "Boston" } }), cardsError(ctx, { code: "010002", httpStatus: 400 }), "address change");

    // 5. budget + funding (external transfer master -> user, then transfer-in)
    calls.length = 0;
    const budget = await client.budgets.create({ accountId, name: "Travel Budget", currency: "USD" });
    assert.equal(budget.balance.available, "0.00");
    assert.match(calls[0].headers.get("idempotency-key") || "", UUID_V4, "budgets.create Idempotency-Key");
    const budgetId = budget.budgetId;
    const master = await client.wallets.list({ accountId: t.merchantId });
    assert.equal(master.list[0].objectType, 0, "USD wallet");
    assert.equal(master.list[0].balance.available, "100000.00", "master wallet prefunded");
    const from = { accountId: t.merchantId, id: master.list[0].id, currency: "USD", businessType: 0 };
    const to = await walletRef(client, accountId);
    calls.length = 0;
    const moved = await client.transfers.external({ amount: "300.00", from, to });
    assert.equal(moved.status, "SUCCESS");
    const xfer = calls[0];
    assert.equal(xfer.path, "/v1/business/transfer/external");
    assert.match(xfer.headers.get("idempotency-key") || "", UUID_V4, "transfer Idempotency-Key");
    assert.match(xfer.json.clientTransactionId, UUID_V4, "clientTransactionId generated");
    assert.deepEqual(xfer.json.from, from);
    assert.deepEqual(xfer.json.to, to);
    const tin = await client.budgets.transferIn({ budgetId, accountId, amount: "250.00" });
    const tinCall = calls[1];
    assert.equal(tinCall.path, `/v1/budgets/${budgetId}/transfer-in`);
    assert.match(tinCall.json.clientTransactionId, UUID_V4, "transferIn clientTransactionId generated");
    assert.notEqual(tinCall.json.clientTransactionId, xfer.json.clientTransactionId, "a fresh one per call");
    assert.notEqual(tinCall.headers.get("idempotency-key"), xfer.headers.get("idempotency-key"), "a fresh key per call");
    assert.deepEqual(Object.keys(tinCall.json).sort(), ["accountId", "amount", "clientTransactionId"], "transfer-in body (budgetId is in the path)");
    assert.equal(tin.clientTransactionId, tinCall.json.clientTransactionId, "echoed");
    assert.equal((await client.budgets.get({ budgetId, accountId })).balance.available, "250.00", "budget funded");
    assert.equal((await client.wallets.list({ accountId })).list[0].balance.available, "50.00", "user wallet keeps the rest");
    assert.equal((await client.wallets.list({ accountId: t.merchantId })).list[0].balance.available, "99700.00", "master wallet debited");

    // 6. issue a virtual card
    calls.length = 0;
    const referenceId = unique("card");
    const card = await client.cards.issue({ accountId, binId: t.defaultBinId, cardMode: "VIRTUAL_CARD", cardholderId, budgetId, referenceId, label: "Primary card", useType: "personal" });
    assert.equal(card.status, "ACTIVE");
    assert.match(card.last4, /^\d{4}$/);
    assert.match(calls[0].headers.get("idempotency-key") || "", UUID_V4, "cards.issue Idempotency-Key");
    const cardId = card.cardId;
    const details = await client.cards.get({ accountId, cardId });
    assert.equal(details.total, 1);
    assert.equal(details.list[0].cardId, cardId);
    assert.equal(details.list[0].referenceId, referenceId);
    assert.ok(!("cvv" in details.list[0]) && !("cardNumber" in details.list[0]), "card-list carries no PAN/CVV");
    const sensitive = await client.cards.sensitiveData({ cardId, accountId });
    assert.match(sensitive.cardNumber, /^411111\d{10}$/, "PAN on the BIN");
    assert.ok(sensitive.cardNumber.endsWith(card.last4), "PAN ends with last4");
    assert.match(sensitive.cvv, /^\d{3}$/);

    // 7. widget token: a JWT valid ~300 s
    const wt = await client.cards.widgetToken({ cardId, accountId });
    assert.equal(calls[calls.length - 1].url, `${base(ctx)}/v1/cards/${cardId}/private-info/access-token?accountId=${accountId}`, "widget token URL");
    assert.match(wt.accessToken, /^[\w-]+\.[\w-]+\.[\w-]+$/, "a JWT");
    const claims = jwtPayload(wt.accessToken);
    assert.equal(claims.sub, cardId, "sub is the card");
    expectClose(ctx, claims.exp, Date.now() / 1000 + 300, 5, "exp ≈ now + 300 s");

    // 8. velocity control
    const limited = await client.cards.setVelocityControl({ cardId, accountId, transactionLimitsType: "MONTH", amountLimit: "500.00" });
    assert.deepEqual(limited.velocityControl, { transactionLimitsType: "MONTH", amountLimit: "500.00" });
    const vcCall = calls[calls.length - 1];
    assert.equal(vcCall.method, "PUT");
    assert.equal(vcCall.path, `/v1/cards/${cardId}/velocity-control`);

    // 9. freeze / unfreeze (a purchase on a frozen card is declined)
    assert.equal((await client.cards.freeze({ cardId, accountId })).status, "FROZEN");
    const frozenBuy = await purchase(ctx.sandboxUrl, { clientId: t.clientId, accountId, cardId, amount: "1.00" });
    assert.equal(frozenBuy.status, "FAIL");
    assert.equal(frozenBuy.declineReason, "CARD_FROZEN");
    assert.equal((await client.cards.unfreeze({ cardId, accountId })).status, "ACTIVE");

    // 10. purchases, then the transaction list: filters, pagination, listAll
    const buy = (amount, outcome, extra = {}) => purchase(ctx.sandboxUrl, { clientId: t.clientId, accountId, cardId, amount, outcome, ...extra });
    const p1 = await buy("10.00", "settle", { clientTransactionId: "pos-0001", merchantName: "Coffee" });
    const p2 = await buy("20.00", "settle");
    const p3 = await buy("30.00", "settle");
    const p4 = await buy("5.00", "decline");
    const p5 = await buy("7.50", "pending");
    assert.deepEqual([p1, p2, p3, p4, p5].map((p) => p.status), ["CLOSED", "CLOSED", "CLOSED", "FAIL", "PENDING"], "purchase outcomes");
    const all = await client.transactions.list({ accountId, cardId, limit: 100 });
    assert.equal(all.total, 6, "six transactions (incl. the frozen decline)");
    assert.equal(all.list.length, 6);
    const byStatus = async (status) => (await client.transactions.list({ accountId, cardId, status })).list.map((x) => x.id).sort();
    assert.deepEqual(await byStatus("CLOSED"), [p1.id, p2.id, p3.id].sort(), "status CLOSED");
    assert.deepEqual(await byStatus("PENDING"), [p5.id], "status PENDING");
    assert.deepEqual(await byStatus("FAIL"), [frozenBuy.id, p4.id].sort(), "status FAIL");
    const one = await client.transactions.list({ accountId, cardId, id: p2.id });
    assert.deepEqual(one.list.map((x) => x.id), [p2.id], "id filter");
    const byClient = await client.transactions.list({ accountId, cardId, clientTransactionId: "pos-0001" });
    assert.deepEqual(byClient.list.map((x) => x.id), [p1.id], "clientTransactionId filter");
    assert.equal(byClient.list[0].merchantName, "Coffee");
    assert.equal((await client.transactions.list({ accountId, cardId, type: "1" })).total, 6, "type 1 (consumption)");
    const future = Date.now() + 3_600_000;
    assert.equal((await client.transactions.list({ accountId, cardId, startTime: future })).total, 0, "startTime in the future (number)");
    assert.equal((await client.transactions.list({ accountId, cardId, startTime: String(Date.now() - 3_600_000), endTime: String(future) })).total, 6, "time window as strings");
    assert.equal((await client.transactions.list({ accountId, cardId, endTime: 1 })).total, 0, "endTime in 1970");
    const txListUrl = calls[calls.length - 1].url;
    assert.equal(txListUrl, `${base(ctx)}/v1/cards/transaction-list?accountId=${accountId}&cardId=${cardId}&endTime=1`, "query string of list");
    const page1 = await client.transactions.list({ accountId, cardId, page: 1, limit: 4 });
    const page2 = await client.transactions.list({ accountId, cardId, page: 2, limit: 4 });
    assert.equal(page1.list.length, 4);
    assert.equal(page2.list.length, 2);
    assert.equal(page1.total, 6);
    assert.deepEqual([...page1.list, ...page2.list].map((x) => x.id), all.list.map((x) => x.id), "pages in order, no overlap");
    for (const [limit, pages] of [[4, 2], [2, 3], [1, 6], [100, 1]]) {
      calls.length = 0;
      const items = await listAllOf(client.transactions.listAll({ accountId, cardId, limit }));
      assert.deepEqual(items.map((x) => x.id), all.list.map((x) => x.id), `listAll limit ${limit}: every transaction once, newest first`);
      const lists = callsTo(calls, "GET", "/v1/cards/transaction-list");
      assert.equal(lists.length, pages, `listAll limit ${limit}: ${pages} page requests`);
      assert.deepEqual(lists.map((c) => c.query.page), Array.from({ length: pages }, (_, i) => String(i + 1)), "pages 1..n");
      assert.ok(lists.every((c) => c.query.limit === String(limit)), "the limit is kept");
    }
    const closed = await listAllOf(client.transactions.listAll({ accountId, cardId, status: "CLOSED", limit: 2 }));
    assert.deepEqual(closed.map((x) => x.id).sort(), [p1.id, p2.id, p3.id].sort(), "listAll with a filter");
    let seen = 0;
    calls.length = 0;
    for await (const x of client.transactions.listAll({ accountId, cardId, limit: 2 })) {
      void x;
      if (++seen === 2) break;
    }
    assert.equal(callsTo(calls, "GET", "/v1/cards/transaction-list").length, 1, "breaking out after the first page fetches no more pages");
    const afterSpend = await client.budgets.get({ budgetId, accountId });
    assert.equal(afterSpend.balance.available, "190.00", "250 - 60 settled");
    assert.equal(afterSpend.balance.locked, "7.50", "pending authorization locked");

    // 11. label
    const relabeled = await client.cards.updateLabel({ cardId, accountId, label: "Travel card" });
    assert.equal(relabeled.label, "Travel card");
    assert.deepEqual(calls[calls.length - 1].json, { accountId, label: "Travel card" }, "PUT body");
    assert.equal((await client.cards.get({ accountId, cardId })).list[0].label, "Travel card");

    // 12. delete, then every later operation -> 020002
    calls.length = 0;
    const closedCard = await client.cards.delete({ cardId, accountId });
    assert.equal(closedCard.status, "CLOSED");
    assert.equal(calls[0].method, "DELETE");
    assert.equal(calls[0].url, `${base(ctx)}/v1/cards/${cardId}?accountId=${accountId}`, "DELETE URL");
    assert.equal(calls[0].body, undefined, "DELETE has no body");
    const closedErr = cardsError(ctx, { code: "020002", httpStatus: 400 });
    await assert.rejects(client.cards.freeze({ cardId, accountId }), closedErr, "freeze after delete");
    await assert.rejects(client.cards.sensitiveData({ cardId, accountId }), closedErr, "sensitiveData after delete");
    await assert.rejects(client.cards.widgetToken({ cardId, accountId }), closedErr, "widgetToken after delete");
    await assert.rejects(client.cards.updateLabel({ cardId, accountId, label: "x" }), closedErr, "updateLabel after delete");
    await assert.rejects(client.cards.delete({ cardId, accountId }), closedErr, "delete twice");
    const s = await getCardsStats(ctx.sandboxUrl, t.clientId);
    assert.equal(s.authorizeCalls, 1, "one OAuth flow for the whole journey");
    assert.equal(s.tokenCalls, 1);
  },
};

const errorTests = [
  {
    name: "cards: API errors map to CardsApiError (code, httpStatus, requestId): 40001, 40401, 010001, 010003, 050001, 050002",
    fn: async (ctx) => {
      const { assert } = ctx;
      const t = await createCardsTenant(ctx.sandboxUrl, { kycDelayMs: 30, cardholderDelayMs: 600000 });
      const client = cardsClient(ctx, t);
      // 40001: the sandbox (not the SDK) refuses a phone that is not E.164.
      await assert.rejects(client.accounts.register({ name: "N", email: `${unique("e")}@example.com`, phone: "5551234", parentAccountId: t.parentAccountId }), cardsError(ctx, { code: "40001", httpStatus: 400 }), "40001");
      const e40001 = await settled(client.accounts.register({ name: "N", email: `${unique("e")}@example.com`, phone: "5551234", parentAccountId: t.parentAccountId }));
      assert.match(e40001.error.message, /Invalid parameter/, "the API's message is kept");
      // 40401
      await assert.rejects(client.cards.sensitiveData({ cardId: "no-such-card", accountId: t.parentAccountId }), cardsError(ctx, { code: "40401", httpStatus: 404 }), "40401");
      // 010001: the email is taken
      const { accountId, email } = await approvedAccount(client, t);
      await assert.rejects(client.accounts.register({ name: "Again", email, parentAccountId: t.parentAccountId }), cardsError(ctx, { code: "010001", httpStatus: 409 }), "010001");
      // 010003: a duplicate referenceId; 050002: a card for a cardholder still PENDING
      const params = cardholderParams(t, accountId);
      const holder = await client.cardholders.create(params);
      await assert.rejects(client.cardholders.create({ ...params, email: `${unique("o")}@example.com` }), cardsError(ctx, { code: "010003", httpStatus: 409 }), "010003");
      const budget = await client.budgets.create({ accountId, name: "B" });
      await assert.rejects(
        client.cards.issue({ accountId, binId: t.defaultBinId, cardMode: "VIRTUAL_CARD", cardholderId: holder.cardholderId, budgetId: budget.budgetId, referenceId: unique("c") }),
        cardsError(ctx, { code: "050002", httpStatus: 400 }),
        "050002",
      );
      // 050001: a cardholder before init; KYC rejected -> init refused
      const other = await client.accounts.register({ name: "Rex", email: `${unique("rex")}@example.com`, parentAccountId: t.parentAccountId });
      await assert.rejects(client.cardholders.create(cardholderParams(t, other.accountId)), cardsError(ctx, { code: "050001", httpStatus: 400 }), "cardholder before init");
      await client.accounts.submitKyc({ accountId: other.accountId, sourceType: "sumsub", sumsubShareToken: "_act-sbx-jwt-please-reject" });
      const rejected = await pollUntil("KYC", () => client.accounts.kycStatus({ accountId: other.accountId }), (s) => s.kyc.status !== "PENDING");
      assert.equal(rejected.kyc.status, "REJECTED", "a share token containing 'reject'");
      await assert.rejects(client.accounts.init({ accountId: other.accountId }), cardsError(ctx, { code: "050001", httpStatus: 400 }), "init after rejection");
    },
  },
  {
    name: "cards: 030003: a transfer-out touching funds locked by a pending authorization is refused",
    fn: async (ctx) => {
      const { assert } = ctx;
      const t = await createCardsTenant(ctx.sandboxUrl, FAST);
      const client = cardsClient(ctx, t);
      const { accountId, cardId, budgetId } = await fundedCard(client, t, { amount: "100.00" });
      const pending = await purchase(ctx.sandboxUrl, { clientId: t.clientId, accountId, cardId, amount: "80.00", outcome: "pending" });
      assert.equal(pending.status, "PENDING");
      const b = await client.budgets.get({ budgetId, accountId });
      assert.deepEqual([b.balance.available, b.balance.locked], ["100.00", "80.00"], "80.00 locked");
      const locked = await settled(client.budgets.transferOut({ budgetId, accountId, amount: "50.00" }));
      assert.ok("error" in locked, `transfer-out of locked funds succeeded: ${assert.show(locked.value)}`);
      cardsError(ctx, { code: "030003", httpStatus: 400 })(locked.error);
      assert.match(locked.error.message, /locked/i, "message explains the lock");
      // The unlocked part moves; more than the budget holds is 030001.
      const ok = await client.budgets.transferOut({ budgetId, accountId, amount: "20.00" });
      assert.equal(ok.balance.available, "80.00");
      await assert.rejects(client.budgets.transferOut({ budgetId, accountId, amount: "500.00" }), cardsError(ctx, { code: "030001", httpStatus: 400 }), "030001");
      await assert.rejects(client.budgets.transferOut({ budgetId, accountId, amount: "0.01" }), cardsError(ctx, { code: "030003" }), "everything left is locked");
      // Once settled the lock is gone (and so is the money).
      await settle(ctx.sandboxUrl, t.clientId, pending.id);
      const after = await client.budgets.get({ budgetId, accountId });
      assert.deepEqual([after.balance.available, after.balance.locked], ["0.00", "0.00"]);
    },
  },
];

// ---------------------------------------------------------------------------------------------
// OAuth

const oauthTests = [
  {
    name: "cards oauth: the token is fetched once and reused (stats.authorizeCalls === 1 after several calls)",
    fn: async (ctx) => {
      const { assert } = ctx;
      const t = await createCardsTenant(ctx.sandboxUrl);
      const calls = [];
      const client = cardsClient(ctx, t, { fetch: recordingFetch(calls) });
      for (let i = 0; i < 5; i++) await client.bins.list({ accountId: t.parentAccountId });
      await client.wallets.list({ accountId: t.merchantId });
      const s = await getCardsStats(ctx.sandboxUrl, t.clientId);
      assert.equal(s.authorizeCalls, 1, "authorizeCalls");
      assert.equal(s.tokenCalls, 1, "tokenCalls");
      assert.equal(s.requests, 8, "2 OAuth + 6 API requests");
      const tokens = new Set(apiCalls(calls).map((c) => c.headers.get("x-access-token")));
      assert.equal(tokens.size, 1, "one token on every call");
    },
  },
  {
    name: "cards oauth: a token within 60 s of expiry is renewed before the call (tokenTtlSeconds 30 -> one flow per call; 120 -> one)",
    fn: async (ctx) => {
      const { assert } = ctx;
      const short = await createCardsTenant(ctx.sandboxUrl, { tokenTtlSeconds: 30 });
      const c1 = cardsClient(ctx, short);
      for (let i = 0; i < 3; i++) await c1.bins.list({ accountId: short.parentAccountId });
      const s1 = await getCardsStats(ctx.sandboxUrl, short.clientId);
      assert.equal(s1.authorizeCalls, 3, "TTL 30 s is always within 60 s of expiry: renewed on each call");
      assert.equal(s1.tokenCalls, 3);
      const longer = await createCardsTenant(ctx.sandboxUrl, { tokenTtlSeconds: 120 });
      const c2 = cardsClient(ctx, longer);
      for (let i = 0; i < 3; i++) await c2.bins.list({ accountId: longer.parentAccountId });
      assert.equal((await getCardsStats(ctx.sandboxUrl, longer.clientId)).authorizeCalls, 1, "TTL 120 s: reused");
    },
  },
  {
    name: "cards oauth: 40399 (token revoked) -> renewed once and the call retried once; it succeeds with exactly one more authorize",
    fn: async (ctx) => {
      const { assert } = ctx;
      const t = await createCardsTenant(ctx.sandboxUrl);
      const calls = [];
      const client = cardsClient(ctx, t, { fetch: recordingFetch(calls) });
      await client.bins.list({ accountId: t.parentAccountId });
      const oldToken = calls[2].headers.get("x-access-token");
      const revoked = await revokeTokens(ctx.sandboxUrl, t.clientId);
      assert.ok(revoked.ok, "revoked");
      calls.length = 0;
      const bins = await client.bins.list({ accountId: t.parentAccountId });
      assert.ok(bins.list.length > 0, "the call succeeded");
      assert.deepEqual(
        calls.map((c) => `${c.method} ${c.path} ${c.status}`),
        ["GET /v1/card/bins 403", "GET /v1/oauth/authorize 200", "POST /v1/oauth/access-token 200", "GET /v1/card/bins 200"],
        "403, renew, retry",
      );
      assert.equal(calls[0].headers.get("x-access-token"), oldToken, "first with the revoked token");
      assert.notEqual(calls[3].headers.get("x-access-token"), oldToken, "retried with the new token");
      const s = await getCardsStats(ctx.sandboxUrl, t.clientId);
      assert.equal(s.authorizeCalls, 2, "exactly one more authorize");
      // Later calls keep the renewed token.
      calls.length = 0;
      await client.bins.list({ accountId: t.parentAccountId });
      assert.equal(calls.length, 1, "no further renewal");
    },
  },
  {
    name: "cards oauth: a persistent 40399 surfaces as CardsApiError 40399 after one renewal and one retry (no loop)",
    fn: async (ctx) => {
      const { assert } = ctx;
      const t = await createCardsTenant(ctx.sandboxUrl);
      const calls = [];
      // Every API call carries a bogus token (as if the renewed one were refused too).
      const bogus = async (input, init) => {
        if (!String(input).includes("/v1/oauth/")) {
          const headers = new Headers(init.headers);
          headers.set("x-access-token", "0".repeat(40));
          init = { ...init, headers };
        }
        return globalThis.fetch(input, init);
      };
      const client = cardsClient(ctx, t, { fetch: recordingFetch(calls, bogus) });
      await assert.rejects(client.bins.list({ accountId: t.parentAccountId }), cardsError(ctx, { code: "40399", httpStatus: 403 }), "40399 surfaced");
      assert.equal(callsTo(calls, "GET", "/v1/card/bins").length, 2, "the call is tried twice");
      const s = await getCardsStats(ctx.sandboxUrl, t.clientId);
      assert.equal(s.authorizeCalls, 2, "initial flow + one renewal");
    },
  },
  {
    name: "cards oauth: an empty accessToken from the exchange re-runs both steps once; twice empty is an error",
    fn: async (ctx) => {
      const { assert, sdk } = ctx;
      const t = await createCardsTenant(ctx.sandboxUrl);
      // Spoil the first `spoil` exchanges: a used/unknown code -> "000000" with accessToken "".
      const spoiling = (spoil) => {
        let n = 0;
        return async (input, init) => {
          if (String(input).endsWith("/v1/oauth/access-token") && n++ < spoil) {
            const body = JSON.parse(init.body);
            body.code = "f".repeat(32);
            init = { ...init, body: JSON.stringify(body) };
          }
          return globalThis.fetch(input, init);
        };
      };
      const calls = [];
      const client = cardsClient(ctx, t, { fetch: recordingFetch(calls, spoiling(1)) });
      await client.bins.list({ accountId: t.parentAccountId });
      assert.deepEqual(
        calls.map((c) => `${c.method} ${c.path}`),
        ["GET /v1/oauth/authorize", "POST /v1/oauth/access-token", "GET /v1/oauth/authorize", "POST /v1/oauth/access-token", "GET /v1/card/bins"],
        "both steps re-run once",
      );
      assert.match(calls[4].headers.get("x-access-token") || "", /^[0-9a-f]{40}$/, "a real token, not the empty one");
      const t2 = await createCardsTenant(ctx.sandboxUrl);
      const calls2 = [];
      const broken = cardsClient(ctx, t2, { fetch: recordingFetch(calls2, spoiling(100)) });
      const r = await settled(broken.bins.list({ accountId: t2.parentAccountId }));
      assert.ok("error" in r, `resolved with ${assert.show(r.value)}`);
      assert.ok(r.error instanceof sdk.SeismicError, `a SeismicError: ${assert.show(r.error)}`);
      assert.equal(callsTo(calls2, "GET", "/v1/card/bins").length, 0, "the API call is not sent without a token");
      assert.equal(callsTo(calls2, "GET", "/v1/oauth/authorize").length, 2, "two flows, then give up");
      assert.equal(callsTo(calls2, "POST", "/v1/oauth/access-token").length, 2);
      assert.ok(!r.error.message.includes(t2.clientSecret), "the secret is not in the message");
    },
  },
  {
    name: "cards oauth: 20 parallel calls on a fresh client share one token flow (authorizeCalls === 1)",
    fn: async (ctx) => {
      const { assert } = ctx;
      const t = await createCardsTenant(ctx.sandboxUrl);
      const calls = [];
      const client = cardsClient(ctx, t, { fetch: recordingFetch(calls) });
      const results = await within(30000, Promise.all(Array.from({ length: 20 }, (_, i) => (i % 2 ? client.bins.list({ accountId: t.parentAccountId }) : client.wallets.list({ accountId: t.merchantId })))), "20 parallel calls");
      assert.equal(results.length, 20);
      const s = await getCardsStats(ctx.sandboxUrl, t.clientId);
      assert.equal(s.authorizeCalls, 1, "authorizeCalls");
      assert.equal(s.tokenCalls, 1, "tokenCalls");
      assert.equal(new Set(apiCalls(calls).map((c) => c.headers.get("x-access-token"))).size, 1, "one token");
      // After a revocation, 10 parallel calls all hit 40399 and still share one renewal.
      await revokeTokens(ctx.sandboxUrl, t.clientId);
      await within(30000, Promise.all(Array.from({ length: 10 }, () => client.bins.list({ accountId: t.parentAccountId }))), "10 parallel calls after revocation");
      assert.equal((await getCardsStats(ctx.sandboxUrl, t.clientId)).authorizeCalls, 2, "one shared renewal");
    },
  },
  {
    name: "cards oauth: a custom async tokenCache is used (set with { accessToken, expiresAt }); a second client with it makes no authorize call",
    fn: async (ctx) => {
      const { assert } = ctx;
      const t = await createCardsTenant(ctx.sandboxUrl);
      const store = new Map();
      const sets = [];
      let gets = 0;
      const cache = {
        get() {
          gets++;
          return Promise.resolve(store.get("cards-token") ?? null);
        },
        set(token) {
          sets.push(token);
          store.set("cards-token", { ...token });
          return Promise.resolve();
        },
      };
      const calls1 = [];
      const c1 = cardsClient(ctx, t, { tokenCache: cache, fetch: recordingFetch(calls1) });
      await c1.bins.list({ accountId: t.parentAccountId });
      assert.ok(gets >= 1, "get() consulted");
      assert.equal(sets.length, 1, "set() once");
      assert.deepEqual(Object.keys(sets[0]).sort(), ["accessToken", "expiresAt"], "token data only");
      assert.match(sets[0].accessToken, /^[0-9a-f]{40}$/, "accessToken");
      expectClose(ctx, sets[0].expiresAt, Date.now() + 86_400_000, 15_000, "expiresAt (ms) ≈ now + 24 h");
      assert.equal(callsTo(calls1, "GET", "/v1/card/bins")[0].headers.get("x-access-token"), sets[0].accessToken, "the cached token is the one sent");
      const calls2 = [];
      const c2 = cardsClient(ctx, t, { tokenCache: cache, fetch: recordingFetch(calls2) });
      await c2.bins.list({ accountId: t.parentAccountId });
      await c2.wallets.list({ accountId: t.merchantId });
      assert.equal(callsTo(calls2, "GET", "/v1/oauth/authorize").length, 0, "second client: no authorize");
      assert.ok(apiCalls(calls2).every((c) => c.headers.get("x-access-token") === sets[0].accessToken), "second client sends the shared token");
      const s = await getCardsStats(ctx.sandboxUrl, t.clientId);
      assert.equal(s.authorizeCalls, 1, "one flow for both clients");
      assert.equal(sets.length, 1, "no second set()");
      // A cached token that is expired (or within 60 s of expiry) is replaced, and the new one stored.
      store.set("cards-token", { accessToken: sets[0].accessToken, expiresAt: Date.now() + 30_000 });
      const c3 = cardsClient(ctx, t, { tokenCache: cache });
      await c3.bins.list({ accountId: t.parentAccountId });
      assert.equal((await getCardsStats(ctx.sandboxUrl, t.clientId)).authorizeCalls, 2, "near-expiry cached token renewed");
      assert.equal(sets.length, 2, "the renewed token is stored");
      assert.notEqual(sets[1].accessToken, sets[0].accessToken);
      // A cached token the API refuses (revoked) -> 40399 -> renewed and stored.
      await revokeTokens(ctx.sandboxUrl, t.clientId);
      const c4 = cardsClient(ctx, t, { tokenCache: cache });
      await c4.bins.list({ accountId: t.parentAccountId });
      assert.equal((await getCardsStats(ctx.sandboxUrl, t.clientId)).authorizeCalls, 3, "revoked cached token renewed");
      assert.equal(sets.length, 3, "and stored");
    },
  },
  {
    name: "cards oauth: a synchronous tokenCache works too; a throwing one surfaces as ValidationError config.tokenCache.get",
    fn: async (ctx) => {
      const { assert } = ctx;
      const t = await createCardsTenant(ctx.sandboxUrl);
      let saved = null;
      const cache = { get: () => saved, set: (tok) => void (saved = tok) };
      await cardsClient(ctx, t, { tokenCache: cache }).bins.list({ accountId: t.parentAccountId });
      await cardsClient(ctx, t, { tokenCache: cache }).bins.list({ accountId: t.parentAccountId });
      assert.ok(saved && saved.accessToken, "set() called");
      assert.equal((await getCardsStats(ctx.sandboxUrl, t.clientId)).authorizeCalls, 1, "shared through the sync cache");
      const throwing = cardsClient(ctx, t, {
        tokenCache: {
          get() {
            throw new Error("redis down");
          },
          set() {},
        },
      });
      await assert.rejects(throwing.bins.list({ accountId: t.parentAccountId }), validation(ctx, "config.tokenCache.get"), "get() throws");
      assert.throws(() => cardsClient(ctx, t, { tokenCache: { get() {} } }), validation(ctx, "config.tokenCache"), "set missing");
    },
  },
];

// ---------------------------------------------------------------------------------------------
// Retries and idempotency

const retryTests = [
  {
    name: "cards retries: a lost answer (502 after processing) to budgets.create is retried with the same Idempotency-Key; one budget",
    fn: async (ctx) => {
      const { assert } = ctx;
      const t = await createCardsTenant(ctx.sandboxUrl, FAST);
      const calls = [];
      const client = cardsClient(ctx, t, { fetch: recordingFetch(calls) });
      const { accountId } = await approvedAccount(client, t);
      await addCardsFault(ctx.sandboxUrl, t.clientId, { path: "/v1/budgets", status: 502, when: "after" });
      calls.length = 0;
      const budget = await client.budgets.create({ accountId, name: "Retried" });
      const posts = callsTo(calls, "POST", "/v1/budgets");
      assert.deepEqual(posts.map((c) => c.status), [502, 200], "502 then the replay");
      const key = posts[0].headers.get("idempotency-key");
      assert.match(key, UUID_V4, "generated key");
      assert.equal(posts[1].headers.get("idempotency-key"), key, "the same key on the retry");
      assert.equal(posts[1].body, posts[0].body, "the same body on the retry");
      // The replay is the budget the first (lost) attempt created: repeating the key returns it again.
      const again = await client.budgets.create({ accountId, name: "Retried" }, { idempotencyKey: key });
      assert.equal(again.budgetId, budget.budgetId, "one budget for that key");
      assert.equal((await client.budgets.get({ budgetId: budget.budgetId, accountId })).name, "Retried");
    },
  },
  {
    name: "cards retries: a lost answer to cardholders.create is retried with the same key; cardholders.list shows exactly one",
    fn: async (ctx) => {
      const { assert } = ctx;
      const t = await createCardsTenant(ctx.sandboxUrl, FAST);
      const calls = [];
      const client = cardsClient(ctx, t, { fetch: recordingFetch(calls) });
      const { accountId } = await approvedAccount(client, t);
      await addCardsFault(ctx.sandboxUrl, t.clientId, { path: "/v1/cardholders", status: 503, when: "after" });
      calls.length = 0;
      const holder = await client.cardholders.create(cardholderParams(t, accountId));
      const posts = callsTo(calls, "POST", "/v1/cardholders");
      assert.deepEqual(posts.map((c) => c.status), [503, 200], "503 then the replay");
      assert.equal(posts[0].headers.get("idempotency-key"), posts[1].headers.get("idempotency-key"), "same key");
      const list = await client.cardholders.list({ accountId });
      assert.deepEqual(list.list.map((h) => h.cardholderId), [holder.cardholderId], "exactly one cardholder");
    },
  },
  {
    name: "cards retries: transfers keep their generated clientTransactionId and key across retries (money moves once)",
    fn: async (ctx) => {
      const { assert } = ctx;
      const t = await createCardsTenant(ctx.sandboxUrl, FAST);
      const calls = [];
      const client = cardsClient(ctx, t, { fetch: recordingFetch(calls) });
      const { accountId } = await approvedAccount(client, t);
      const budget = await client.budgets.create({ accountId, name: "B" });
      const from = { ...(await walletRef(client, t.merchantId)), businessType: 0 };
      const to = await walletRef(client, accountId);
      await addCardsFault(ctx.sandboxUrl, t.clientId, { path: "/v1/business/transfer/external", status: 504, when: "after" });
      await addCardsFault(ctx.sandboxUrl, t.clientId, { path: `/v1/budgets/${budget.budgetId}/transfer-in`, status: 502, when: "after" });
      calls.length = 0;
      await client.transfers.external({ amount: "40.00", from, to });
      await client.budgets.transferIn({ budgetId: budget.budgetId, accountId, amount: "15.00" });
      for (const path of ["/v1/business/transfer/external", `/v1/budgets/${budget.budgetId}/transfer-in`]) {
        const posts = callsTo(calls, "POST", path);
        assert.equal(posts.length, 2, `${path}: retried once`);
        assert.equal(posts[0].headers.get("idempotency-key"), posts[1].headers.get("idempotency-key"), `${path}: same key`);
        assert.match(posts[0].json.clientTransactionId, UUID_V4, `${path}: generated clientTransactionId`);
        assert.equal(posts[1].json.clientTransactionId, posts[0].json.clientTransactionId, `${path}: same clientTransactionId`);
      }
      assert.equal((await client.wallets.list({ accountId: t.merchantId })).list[0].balance.available, "99960.00", "master debited once");
      assert.equal((await client.wallets.list({ accountId })).list[0].balance.available, "25.00", "user: +40 once, -15 once");
      assert.equal((await client.budgets.get({ budgetId: budget.budgetId, accountId })).balance.available, "15.00", "budget credited once");
      // A caller's clientTransactionId is sent as given.
      calls.length = 0;
      const mine = unique("ctx");
      await client.budgets.transferOut({ budgetId: budget.budgetId, accountId, amount: "5.00", clientTransactionId: mine });
      assert.equal(calls[0].json.clientTransactionId, mine);
    },
  },
  {
    name: "cards retries: the caller's idempotencyKey wins (sent verbatim, same on the retry, replays the first answer)",
    fn: async (ctx) => {
      const { assert } = ctx;
      const t = await createCardsTenant(ctx.sandboxUrl, FAST);
      const calls = [];
      const client = cardsClient(ctx, t, { fetch: recordingFetch(calls) });
      const { accountId } = await approvedAccount(client, t);
      const key = `my-key-${unique("k")}`;
      await addCardsFault(ctx.sandboxUrl, t.clientId, { path: "/v1/budgets", status: 502, when: "after" });
      calls.length = 0;
      const first = await client.budgets.create({ accountId, name: "Mine" }, { idempotencyKey: key });
      const posts = callsTo(calls, "POST", "/v1/budgets");
      assert.deepEqual(posts.map((c) => c.headers.get("idempotency-key")), [key, key], "caller's key on both attempts");
      const second = await client.budgets.create({ accountId, name: "Mine" }, { idempotencyKey: key });
      assert.equal(second.budgetId, first.budgetId, "replayed");
      // Register (optional key on the API) also takes the caller's key.
      calls.length = 0;
      const regKey = `reg-${unique("k")}`;
      const email = `${unique("idem")}@example.com`;
      const a = await client.accounts.register({ name: "Idem", email, parentAccountId: t.parentAccountId }, { idempotencyKey: regKey });
      const b = await client.accounts.register({ name: "Idem", email, parentAccountId: t.parentAccountId }, { idempotencyKey: regKey });
      assert.equal(b.accountId, a.accountId, "register replayed for the same key (no 010001)");
      assert.ok(calls.every((c) => c.headers.get("idempotency-key") === regKey), "register sent the caller's key");
      // The same key with a different body -> 40901.
      await assert.rejects(client.budgets.create({ accountId, name: "Other" }, { idempotencyKey: key }), cardsError(ctx, { code: "40901", httpStatus: 409 }), "key reuse with another body");
      // Endpoints without an Idempotency-Key do not get one.
      calls.length = 0;
      await client.bins.list({ accountId });
      assert.ok(!calls[0].headers.has("idempotency-key"), "no key on GET");
    },
  },
  {
    name: "cards retries: a 400 is never retried (API 40001 or injected); maxRetries 0 disables retries",
    fn: async (ctx) => {
      const { assert, sdk } = ctx;
      const t = await createCardsTenant(ctx.sandboxUrl, FAST);
      const calls = [];
      const client = cardsClient(ctx, t, { fetch: recordingFetch(calls) });
      const { accountId } = await approvedAccount(client, t);
      calls.length = 0;
      await assert.rejects(client.budgets.create({ accountId, name: "x".repeat(101) }), cardsError(ctx, { code: "40001", httpStatus: 400 }), "name too long (sandbox rule)");
      assert.equal(callsTo(calls, "POST", "/v1/budgets").length, 1, "40001: one attempt");
      await addCardsFault(ctx.sandboxUrl, t.clientId, { path: "/v1/budgets", status: 400, when: "before" });
      calls.length = 0;
      const r = await settled(client.budgets.create({ accountId, name: "Fine" }));
      assert.ok(r.error instanceof sdk.SeismicError, `injected 400 -> an error: ${assert.show(r.error ?? r.value)}`);
      if (r.error instanceof sdk.CardsApiError) assert.equal(r.error.httpStatus, 400, "httpStatus");
      assert.equal(callsTo(calls, "POST", "/v1/budgets").length, 1, "injected 400: one attempt");
      const noRetry = cardsClient(ctx, t, { fetch: recordingFetch(calls), maxRetries: 0 });
      await addCardsFault(ctx.sandboxUrl, t.clientId, { path: "/v1/budgets", status: 503, when: "before" });
      calls.length = 0;
      const r2 = await settled(noRetry.budgets.create({ accountId, name: "Fine" }));
      assert.ok(r2.error instanceof sdk.SeismicError, `maxRetries 0: the 503 surfaces (${assert.show(r2.error ?? r2.value)})`);
      assert.equal(callsTo(calls, "POST", "/v1/budgets").length, 1, "maxRetries 0: one attempt");
    },
  },
  {
    name: "cards retries: GET/PUT/DELETE are retried on 408/429/502/503/504; POSTs without a key (freeze, init) are not",
    fn: async (ctx) => {
      const { assert, sdk } = ctx;
      const t = await createCardsTenant(ctx.sandboxUrl, FAST);
      const calls = [];
      const client = cardsClient(ctx, t, { fetch: recordingFetch(calls) });
      const { accountId, cardId } = await fundedCard(client, t);
      const cases = [
        ["GET", "/v1/card/bins", 408, () => client.bins.list({ accountId })],
        ["GET", "/v1/card-list", 429, () => client.cards.get({ accountId, cardId })],
        ["PUT", `/v1/cards/${cardId}`, 502, () => client.cards.updateLabel({ cardId, accountId, label: "Retried label" })],
        ["PUT", `/v1/cards/${cardId}/velocity-control`, 503, () => client.cards.setVelocityControl({ cardId, accountId, transactionLimitsType: "DAY", amountLimit: "50.00" })],
        ["GET", `/v1/cards/${cardId}/private-info/access-token`, 504, () => client.cards.widgetToken({ cardId, accountId })],
      ];
      for (const [method, path, status, run] of cases) {
        await addCardsFault(ctx.sandboxUrl, t.clientId, { path, status, when: "before" });
        calls.length = 0;
        const r = await settled(run);
        assert.ok(!("error" in r), `${method} ${path} after ${status}: ${assert.show(r.error)}`);
        assert.deepEqual(callsTo(calls, method, path).map((c) => c.status), [status, 200], `${method} ${path}: ${status} then 200`);
      }
      for (const [path, run] of [
        [`/v1/cards/${cardId}/freeze`, () => client.cards.freeze({ cardId, accountId })],
        [`/v1/accounts/${accountId}/init`, () => client.accounts.init({ accountId })],
      ]) {
        await addCardsFault(ctx.sandboxUrl, t.clientId, { path, status: 502, when: "before" });
        calls.length = 0;
        const r = await settled(run);
        assert.ok(r.error instanceof sdk.SeismicError, `POST ${path}: the 502 surfaces (${assert.show(r.error ?? r.value)})`);
        assert.equal(callsTo(calls, "POST", path).length, 1, `POST ${path}: not retried`);
      }
      // DELETE is retried too (the card is closed once).
      await addCardsFault(ctx.sandboxUrl, t.clientId, { path: `/v1/cards/${cardId}`, status: 503, when: "after" });
      calls.length = 0;
      const del = await settled(client.cards.delete({ cardId, accountId }));
      const dels = callsTo(calls, "DELETE", `/v1/cards/${cardId}`);
      assert.equal(dels.length, 2, "DELETE retried once");
      assert.equal(dels[0].status, 503);
      // The replayed DELETE meets an already-closed card: 020002 is the honest answer.
      if ("error" in del) cardsError(ctx, { code: "020002" })(del.error);
      assert.equal((await client.cards.get({ accountId, cardId })).list[0].status, "CLOSED");
    },
  },
];

// ---------------------------------------------------------------------------------------------
// Validation (nothing sent)

const validationTests = [
  {
    name: "cards validation: params shape — unknown fields, missing required fields, non-objects (nothing sent)",
    fn: async (ctx) => {
      const t = await createCardsTenant(ctx.sandboxUrl);
      const calls = [];
      const client = cardsClient(ctx, t, { fetch: recordingFetch(calls) });
      const c = collector(ctx);
      await c.check(expectInvalid(ctx, calls, "unknown field", "params.cardNumber", () => client.cards.freeze({ cardId: "c", accountId: "a", cardNumber: "4111" })));
      await c.check(expectInvalid(ctx, calls, "snake_case field", "params.account_id", () => client.bins.list({ accountId: "a", account_id: "a" })));
      await c.check(expectInvalid(ctx, calls, "missing path param", "params.cardId", () => client.cards.freeze({ accountId: "a" })));
      await c.check(expectInvalid(ctx, calls, "missing accountId", "params.accountId", () => client.cards.freeze({ cardId: "c" })));
      await c.check(expectInvalid(ctx, calls, "null required", "params.accountId", () => client.budgets.get({ budgetId: "b", accountId: null })));
      await c.check(expectInvalid(ctx, calls, "empty string id", "params.cardId", () => client.cards.get({ accountId: "a", cardId: "" })));
      await c.check(expectInvalid(ctx, calls, "numeric id", "params.accountId", () => client.wallets.list({ accountId: 12 })));
      await c.check(expectInvalid(ctx, calls, "missing email", "params.email", () => client.accounts.findByEmail({})));
      await c.check(expectInvalid(ctx, calls, "bad email", "params.email", () => client.accounts.register({ name: "N", email: "not-an-email", parentAccountId: t.parentAccountId })));
      await c.check(expectInvalid(ctx, calls, "params undefined", /^params/, () => client.bins.list()));
      await c.check(expectInvalid(ctx, calls, "params a string", /^params/, () => client.bins.list("acct")));
      await c.check(expectInvalid(ctx, calls, "transfer endpoint not an object", "params.from", () => client.transfers.external({ amount: "1.00", from: "wallet", to: { accountId: "a", id: "w", currency: "USD" } })));
      await c.check(expectInvalid(ctx, calls, "currency EUR", "params.currency", () => client.budgets.create({ accountId: "a", name: "B", currency: "EUR" })));
      await c.check(expectInvalid(ctx, calls, "options.idempotencyKey a number", "options.idempotencyKey", () => client.budgets.create({ accountId: "a", name: "B" }, { idempotencyKey: 5 })));
      c.done();
    },
  },
  {
    name: "cards validation: cardholder names A-Z only, first + ' ' + last <= 23 (on params.lastName), phone fields (nothing sent)",
    fn: async (ctx) => {
      const { assert } = ctx;
      const t = await createCardsTenant(ctx.sandboxUrl);
      const calls = [];
      const client = cardsClient(ctx, t, { fetch: recordingFetch(calls) });
      const p = (extra) => cardholderParams(t, "acct-x", extra);
      const c = collector(ctx);
      for (const bad of ["Jo3", "Jo hn", "José", "", "O'Brien", "Anne-Marie", "Zoë", 7]) {
        await c.check(expectInvalid(ctx, calls, `firstName ${assert.show(bad)}`, "params.firstName", () => client.cardholders.create(p({ firstName: bad }))));
        await c.check(expectInvalid(ctx, calls, `lastName ${assert.show(bad)}`, "params.lastName", () => client.cardholders.create(p({ lastName: bad }))));
        await c.check(expectInvalid(ctx, calls, `update firstName ${assert.show(bad)}`, "params.firstName", () => client.cardholders.update({ cardholderId: "h", accountId: "a", firstName: bad })));
      }
      // 10 + 1 + 13 = 24 > 23
      await c.check(expectInvalid(ctx, calls, "24 characters", "params.lastName", () => client.cardholders.create(p({ firstName: "Alexandriaa", lastName: "Montgomeryyy" }))));
      await c.check(expectInvalid(ctx, calls, "24 characters (update)", "params.lastName", () => client.cardholders.update({ cardholderId: "h", accountId: "a", firstName: "Alexandriaa", lastName: "Montgomeryyy" })));
      await c.check(expectInvalid(ctx, calls, "1 + 1 + 22", "params.lastName", () => client.cardholders.create(p({ firstName: "A", lastName: "B".repeat(22) }))));
      for (const bad of ["+1", "1a", "", "12345", " 1", 1]) {
        await c.check(expectInvalid(ctx, calls, `phoneCountryCode ${assert.show(bad)}`, "params.phoneCountryCode", () => client.cardholders.create(p({ phoneCountryCode: bad }))));
      }
      for (const bad of ["5".repeat(16), "555-1234", "", "+15551234", "555 1234", 5551234]) {
        await c.check(expectInvalid(ctx, calls, `phoneNumber ${assert.show(bad)}`, "params.phoneNumber", () => client.cardholders.create(p({ phoneNumber: bad }))));
        await c.check(expectInvalid(ctx, calls, `update phoneNumber ${assert.show(bad)}`, "params.phoneNumber", () => client.cardholders.update({ cardholderId: "h", accountId: "a", phoneNumber: bad })));
      }
      await c.check(expectInvalid(ctx, calls, "businessModel B2B", "params.businessModel", () => client.cardholders.create(p({ businessModel: "B2B" }))));
      for (const field of ["addressLine1", "city", "country", "postalCode"]) {
        const address = { ...ADDRESS };
        delete address[field];
        await c.check(expectInvalid(ctx, calls, `address without ${field}`, `params.address.${field}`, () => client.cardholders.create(p({ address }))));
        await c.check(expectInvalid(ctx, calls, `address with an empty ${field}`, `params.address.${field}`, () => client.cardholders.create(p({ address: { ...ADDRESS, [field]: "" } }))));
      }
      await c.check(expectInvalid(ctx, calls, "address unknown field", "params.address.zip", () => client.cardholders.create(p({ address: { ...ADDRESS, zip: "10001" } }))));
      await c.check(expectInvalid(ctx, calls, "address not an object", "params.address", () => client.cardholders.create(p({ address: "123 Main St" }))));
      await c.check(expectInvalid(ctx, calls, "address missing", "params.address", () => client.cardholders.create(p({ address: undefined }))));
      c.done();
      // At the limits: sent (the sandbox answers; here 40401 for the unknown account).
      calls.length = 0;
      for (const ok of [
        { firstName: "Alexandria", lastName: "Montgomeryyy" }, // 10 + 1 + 12 = 23
        { phoneCountryCode: "1234", phoneNumber: "5".repeat(15) },
        { address: { addressLine1: "1 A St", city: "C", country: "US", postalCode: "1" } }, // optional lines omitted
      ]) {
        const r = await settled(client.cardholders.create(p(ok)));
        assert.ok(!(r.error instanceof ctx.sdk.ValidationError), `${assert.show(ok)} is valid locally: ${assert.show(r.error)}`);
      }
      assert.equal(callsTo(calls, "POST", "/v1/cardholders").length, 3, "the three valid ones were sent");
      // PATCH may send a partial address (the sandbox then answers 010002 for the BIN).
      const patch = await settled(client.cardholders.update({ cardholderId: "h", accountId: "a", address: { city: "Boston" } }));
      assert.ok(!(patch.error instanceof ctx.sdk.ValidationError), `partial address on update is valid locally: ${assert.show(patch.error)}`);
    },
  },
  {
    name: "cards validation: amounts and amountLimit are positive decimal strings with <= 2 decimals (nothing sent)",
    fn: async (ctx) => {
      const { assert } = ctx;
      const t = await createCardsTenant(ctx.sandboxUrl);
      const calls = [];
      const client = cardsClient(ctx, t, { fetch: recordingFetch(calls) });
      const w = { accountId: "a", id: "w", currency: "USD" };
      const c = collector(ctx);
      for (const bad of [5, 5.5, "", "0", "0.00", "-1.00", "1.005", "abc", "1e2", "1,00", " 1.00", "Infinity", "NaN", null]) {
        const label = assert.show(bad);
        if (bad !== null) {
          // null is "absent": the required-field check names it the same way.
          await c.check(expectInvalid(ctx, calls, `transferIn ${label}`, "params.amount", () => client.budgets.transferIn({ budgetId: "b", accountId: "a", amount: bad })));
        }
        await c.check(expectInvalid(ctx, calls, `transferOut ${label}`, "params.amount", () => client.budgets.transferOut({ budgetId: "b", accountId: "a", amount: bad })));
        await c.check(expectInvalid(ctx, calls, `external ${label}`, "params.amount", () => client.transfers.external({ amount: bad, from: w, to: { ...w, id: "w2" } })));
        await c.check(expectInvalid(ctx, calls, `amountLimit ${label}`, "params.amountLimit", () => client.cards.setVelocityControl({ cardId: "c", accountId: "a", transactionLimitsType: "DAY", amountLimit: bad })));
      }
      await c.check(expectInvalid(ctx, calls, "transferIn without amount", "params.amount", () => client.budgets.transferIn({ budgetId: "b", accountId: "a" })));
      c.done();
      calls.length = 0;
      for (const good of ["0.01", "1.5", "7", "100.00"]) {
        const r = await settled(client.budgets.transferIn({ budgetId: "b", accountId: "a", amount: good }));
        assert.ok(!(r.error instanceof ctx.sdk.ValidationError), `${good} valid locally: ${assert.show(r.error)}`);
      }
      assert.equal(apiCalls(calls).length, 4, "the four valid amounts were sent");
    },
  },
  {
    name: "cards validation: label 1-50, cardMode, physicalCardDesignId for PHYSICAL_CARD, transactionLimitsType (nothing sent)",
    fn: async (ctx) => {
      const { assert } = ctx;
      const t = await createCardsTenant(ctx.sandboxUrl);
      const calls = [];
      const client = cardsClient(ctx, t, { fetch: recordingFetch(calls) });
      const issue = (extra) => client.cards.issue({ accountId: "a", binId: t.defaultBinId, cardMode: "VIRTUAL_CARD", cardholderId: "h", budgetId: "b", referenceId: unique("r"), ...extra });
      const c = collector(ctx);
      for (const bad of ["", "x".repeat(51), "é".repeat(51), 5]) {
        await c.check(expectInvalid(ctx, calls, `issue label ${assert.show(bad)}`, "params.label", () => issue({ label: bad })));
        await c.check(expectInvalid(ctx, calls, `updateLabel ${assert.show(bad)}`, "params.label", () => client.cards.updateLabel({ cardId: "c", accountId: "a", label: bad })));
      }
      await c.check(expectInvalid(ctx, calls, "updateLabel without label", "params.label", () => client.cards.updateLabel({ cardId: "c", accountId: "a" })));
      for (const bad of ["VIRTUAL", "virtual_card", "", "PHYSICAL"]) {
        await c.check(expectInvalid(ctx, calls, `cardMode ${assert.show(bad)}`, "params.cardMode", () => issue({ cardMode: bad })));
      }
      await c.check(expectInvalid(ctx, calls, "PHYSICAL_CARD without physicalCardDesignId", "params.physicalCardDesignId", () => issue({ cardMode: "PHYSICAL_CARD" })));
      await c.check(expectInvalid(ctx, calls, "PHYSICAL_CARD with an empty design", "params.physicalCardDesignId", () => issue({ cardMode: "PHYSICAL_CARD", physicalCardDesignId: "" })));
      for (const bad of ["HOUR", "month", "", "LIFETIME ", 1]) {
        await c.check(expectInvalid(ctx, calls, `transactionLimitsType ${assert.show(bad)}`, "params.transactionLimitsType", () => client.cards.setVelocityControl({ cardId: "c", accountId: "a", transactionLimitsType: bad, amountLimit: "5.00" })));
      }
      c.done();
      calls.length = 0;
      for (const ok of [{ label: "x".repeat(50) }, { label: "é".repeat(50) }, { cardMode: "PHYSICAL_CARD", physicalCardDesignId: "design-1" }]) {
        const r = await settled(issue(ok));
        assert.ok(!(r.error instanceof ctx.sdk.ValidationError), `${assert.show(ok)} valid locally: ${assert.show(r.error)}`);
      }
      for (const type of ["TRANSACTION", "DAY", "WEEK", "MONTH", "QUARTER", "YEAR", "LIFETIME", "NA"]) {
        const r = await settled(client.cards.setVelocityControl({ cardId: "c", accountId: "a", transactionLimitsType: type, amountLimit: "5.00" }));
        assert.ok(!(r.error instanceof ctx.sdk.ValidationError), `${type} valid locally: ${assert.show(r.error)}`);
      }
      assert.equal(apiCalls(calls).length, 11, "3 issues + 8 velocity calls sent");
    },
  },
  {
    name: "cards validation: transactions.list / listAll limit 1..100, page >= 1, status PENDING|CLOSED|FAIL (nothing sent)",
    fn: async (ctx) => {
      const { assert } = ctx;
      const t = await createCardsTenant(ctx.sandboxUrl);
      const calls = [];
      const client = cardsClient(ctx, t, { fetch: recordingFetch(calls) });
      const q = { accountId: "a", cardId: "c" };
      const c = collector(ctx);
      const iterFirst = (params) => async () => {
        for await (const x of client.transactions.listAll(params)) return x;
        return "(iteration ended without error)";
      };
      for (const bad of [0, 101, -1, 2.5, 1e9]) {
        await c.check(expectInvalid(ctx, calls, `list limit ${bad}`, "params.limit", () => client.transactions.list({ ...q, limit: bad })));
        await c.check(expectInvalid(ctx, calls, `listAll limit ${bad}`, "params.limit", iterFirst({ ...q, limit: bad })));
      }
      for (const bad of [0, -1, 1.5]) {
        await c.check(expectInvalid(ctx, calls, `list page ${bad}`, "params.page", () => client.transactions.list({ ...q, page: bad })));
      }
      for (const bad of ["OPEN", "closed", "", "SETTLED"]) {
        await c.check(expectInvalid(ctx, calls, `list status ${assert.show(bad)}`, "params.status", () => client.transactions.list({ ...q, status: bad })));
        await c.check(expectInvalid(ctx, calls, `listAll status ${assert.show(bad)}`, "params.status", iterFirst({ ...q, status: bad })));
      }
      await c.check(expectInvalid(ctx, calls, "startTime negative", "params.startTime", () => client.transactions.list({ ...q, startTime: -1 })));
      await c.check(expectInvalid(ctx, calls, "endTime a date string", "params.endTime", () => client.transactions.list({ ...q, endTime: "2026-01-01" })));
      await c.check(expectInvalid(ctx, calls, "list without cardId", "params.cardId", () => client.transactions.list({ accountId: "a" })));
      await c.check(expectInvalid(ctx, calls, "unknown filter", "params.merchantName", () => client.transactions.list({ ...q, merchantName: "x" })));
      c.done();
      calls.length = 0;
      for (const ok of [{ limit: 1 }, { limit: 100 }, { page: 3 }, { status: "PENDING" }, { status: "CLOSED" }, { status: "FAIL" }]) {
        const r = await settled(client.transactions.list({ ...q, ...ok }));
        assert.ok(!(r.error instanceof ctx.sdk.ValidationError), `${assert.show(ok)} valid locally: ${assert.show(r.error)}`);
      }
      assert.equal(apiCalls(calls).length, 6, "the valid ones were sent");
    },
  },
  {
    name: "cards validation: client configuration (ValidationError naming config.*)",
    fn: async (ctx) => {
      const { assert, sdk } = ctx;
      const C = sdk.SeismicCardsClient;
      const ok = { clientId: "id", clientSecret: "secret" };
      assert.throws(() => new C({ ...ok }), validation(ctx, /^config\.(baseUrl|environment)$/), "neither baseUrl nor environment");
      assert.throws(() => new C({ ...ok, baseUrl: "https://x.test", environment: "sandbox" }), validation(ctx, /^config\.(baseUrl|environment)$/), "both");
      assert.throws(() => new C({ ...ok, environment: "staging" }), validation(ctx, "config.environment"), "unknown environment");
      assert.throws(() => new C({ ...ok, baseUrl: "not a url" }), validation(ctx, "config.baseUrl"), "bad baseUrl");
      assert.throws(() => new C({ clientSecret: "s", baseUrl: ctx.sandboxUrl }), validation(ctx, "config.clientId"), "clientId missing");
      assert.throws(() => new C({ clientId: "i", baseUrl: ctx.sandboxUrl }), validation(ctx, "config.clientSecret"), "clientSecret missing");
      assert.throws(() => new C({ ...ok, baseUrl: ctx.sandboxUrl, maxRetries: -1 }), validation(ctx, "config.maxRetries"), "maxRetries");
      assert.throws(() => new C({ ...ok, baseUrl: ctx.sandboxUrl, timeoutMs: 0 }), validation(ctx, "config.timeoutMs"), "timeoutMs");
      assert.throws(() => new C({ ...ok, baseUrl: ctx.sandboxUrl, fetch: "fetch" }), validation(ctx, "config.fetch"), "fetch");
      assert.throws(() => new C({ ...ok, baseUrl: ctx.sandboxUrl, tokenCache: {} }), validation(ctx, "config.tokenCache"), "tokenCache");
      assert.throws(() => new C(null), validation(ctx, "config"), "null config");
      const prod = new C({ ...ok, environment: "production" });
      assert.equal(typeof prod.cards.issue, "function", "namespaces present");
      for (const ns of ["accounts", "cardholders", "bins", "budgets", "transfers", "wallets", "cards", "transactions"]) {
        assert.equal(typeof prod[ns], "object", `client.${ns}`);
      }
    },
  },
];

// ---------------------------------------------------------------------------------------------
// The widget token handler (runs inside the Worker's request in workerd)

async function handlerCall(handler, method, { cardId, auth, body, query } = {}) {
  const headers = {};
  if (auth) headers.authorization = `Bearer ${auth}`;
  let url = "https://app.example.test/api/widget-token";
  if (query !== undefined) url += `?${query}`;
  else if (method === "GET" && cardId !== undefined) url += `?cardId=${encodeURIComponent(cardId)}`;
  let payload;
  if (method !== "GET" && method !== "HEAD") {
    headers["content-type"] = "application/json";
    payload = body !== undefined ? body : JSON.stringify({ cardId });
  }
  const res = await handler(new Request(url, { method, headers, body: payload }));
  const text = await res.text();
  let json;
  try {
    json = JSON.parse(text);
  } catch {
    json = undefined;
  }
  return { status: res.status, headers: res.headers, text, json };
}

const handlerTests = [
  {
    name: "cards widget token handler: 401 unauthorized, 403 forbidden, 200 { token, expiresAt } with no-store; GET ?cardId=; 400; 405",
    fn: async (ctx) => {
      const { assert, sdk } = ctx;
      const t = await createCardsTenant(ctx.sandboxUrl, FAST);
      const client = cardsClient(ctx, t);
      const { accountId, cardId } = await fundedCard(client, t);
      const seen = [];
      const handler = sdk.createWidgetTokenHandler({
        cards: client,
        authorize: (request) => {
          seen.push(request);
          const auth = request.headers.get("authorization");
          if (auth === "Bearer alice") return { accountId, cardIds: [cardId] };
          if (auth === "Bearer bob") return { accountId, cardIds: ["someone-elses-card"] };
          if (auth === "Bearer async") return Promise.resolve({ accountId, cardIds: [cardId] });
          if (auth === "Bearer async-null") return Promise.resolve(null);
          return null;
        },
      });
      assert.equal(typeof handler, "function", "a (request) => Promise<Response>");
      const none = await handlerCall(handler, "POST", { cardId });
      assert.equal(none.status, 401, "no session");
      assert.deepEqual(none.json, { error: "unauthorized" });
      assert.equal((await handlerCall(handler, "POST", { cardId, auth: "async-null" })).status, 401, "async null");
      const bob = await handlerCall(handler, "POST", { cardId, auth: "bob" });
      assert.equal(bob.status, 403, "not this caller's card");
      assert.deepEqual(bob.json, { error: "forbidden" });
      for (const r of [none, bob]) assert.ok(!r.text.includes(accountId), "no account id in refusals");
      const ok = await handlerCall(handler, "POST", { cardId, auth: "alice" });
      assert.equal(ok.status, 200, `alice: ${ok.text}`);
      assert.equal(ok.headers.get("cache-control"), "no-store", "Cache-Control: no-store");
      assert.match(ok.headers.get("content-type") || "", /^application\/json/);
      assert.deepEqual(Object.keys(ok.json).sort(), ["expiresAt", "token"], "only token and expiresAt");
      const claims = jwtPayload(ok.json.token);
      assert.equal(claims.sub, cardId, "token for the card");
      assert.equal(claims.accountId, accountId);
      assert.equal(ok.json.expiresAt, claims.exp * 1000, "expiresAt is the JWT exp in ms");
      expectClose(ctx, ok.json.expiresAt, Date.now() + 300_000, 5000, "expiresAt ≈ now + 5 min");
      const viaGet = await handlerCall(handler, "GET", { cardId, auth: "alice" });
      assert.equal(viaGet.status, 200, `GET ?cardId=: ${viaGet.text}`);
      assert.equal(jwtPayload(viaGet.json.token).sub, cardId);
      assert.equal(viaGet.headers.get("cache-control"), "no-store");
      assert.equal((await handlerCall(handler, "POST", { cardId, auth: "async" })).status, 200, "async authorize");
      assert.ok(seen.every((r) => r instanceof Request), "authorize receives the Request");
      // Malformed requests
      const bad = [
        ["POST", { auth: "alice", body: "{not json" }],
        ["POST", { auth: "alice", body: "{}" }],
        ["POST", { auth: "alice", body: JSON.stringify({ cardId: 42 }) }],
        ["POST", { auth: "alice", body: JSON.stringify({ cardId: "" }) }],
        ["GET", { auth: "alice", query: "" }],
      ];
      for (const [method, opts] of bad) {
        const r = await handlerCall(handler, method, opts);
        assert.equal(r.status, 400, `${method} ${assert.show(opts)} -> 400 (${r.text})`);
        assert.deepEqual(r.json, { error: "invalid_request" });
      }
      for (const method of ["PUT", "DELETE", "PATCH"]) {
        const r = await handlerCall(handler, method, { cardId, auth: "alice" });
        assert.equal(r.status, 405, `${method} -> 405`);
      }
      // A card the API refuses (closed) -> 502 without the API's words.
      await client.cards.delete({ cardId, accountId });
      const closed = await handlerCall(handler, "POST", { cardId, auth: "alice" });
      assert.equal(closed.status, 502, "closed card");
      assert.deepEqual(closed.json, { error: "upstream_error" });
      assert.ok(!/closed|020002/i.test(closed.text), `upstream text not passed on: ${closed.text}`);
    },
  },
  {
    name: "cards widget token handler: an upstream failure -> 502 { error: 'upstream_error' } never carrying the upstream text (PAN-like)",
    fn: async (ctx) => {
      const { assert, sdk } = ctx;
      const PAN = "4111111111111111";
      const grant = { accountId: "acct-1", cardIds: ["card-1"] };
      const makeHandler = (widgetToken) => sdk.createWidgetTokenHandler({ cards: { cards: { widgetToken } }, authorize: () => grant });
      const variants = {
        "rejects with an Error": async () => {
          const e = new Error(`card ${PAN} exp 12/29 cvv 123 belongs to acct-1`);
          e.code = "40001";
          throw e;
        },
        "throws synchronously": () => {
          throw new Error(`PAN ${PAN}`);
        },
        "rejects with a string": () => Promise.reject(`raw ${PAN}`),
        "resolves without a token": async () => ({ accessToken: "", detail: PAN }),
        "resolves null": async () => null,
      };
      for (const [label, fn] of Object.entries(variants)) {
        const handler = makeHandler(fn);
        const r = await handlerCall(handler, "POST", { cardId: "card-1" });
        assert.equal(r.status, 502, `${label}: status`);
        assert.deepEqual(r.json, { error: "upstream_error" }, `${label}: body`);
        assert.ok(!r.text.includes(PAN) && !r.text.includes("acct-1") && !r.text.includes("cvv"), `${label}: upstream text leaked: ${r.text}`);
        assert.equal(r.headers.get("cache-control"), "no-store", `${label}: no-store`);
        for (const [k, v] of r.headers) assert.ok(!v.includes(PAN), `${label}: header ${k} leaks`);
      }
      // A real CardsApiError from the client (unknown card): same.
      const t = await createCardsTenant(ctx.sandboxUrl);
      const real = sdk.createWidgetTokenHandler({ cards: cardsClient(ctx, t), authorize: () => ({ accountId: t.parentAccountId, cardIds: ["no-such-card"] }) });
      const r = await handlerCall(real, "POST", { cardId: "no-such-card" });
      assert.equal(r.status, 502);
      assert.deepEqual(r.json, { error: "upstream_error" });
      // The factory checks its options.
      assert.throws(() => sdk.createWidgetTokenHandler({ cards: {}, authorize: () => null }), validation(ctx, "options.cards"), "cards must be a client");
      assert.throws(() => sdk.createWidgetTokenHandler({ cards: cardsClient(ctx, t) }), validation(ctx, "options.authorize"), "authorize required");
    },
  },
];

// ---------------------------------------------------------------------------------------------
// Browser: the client secret must not be shipped to a page.

const browserTests = [
  {
    name: "cards (browser): SeismicCardsClient refuses to run in a page without dangerouslyAllowBrowser",
    runtimes: ["browser"],
    fn: async (ctx) => {
      const { assert, sdk } = ctx;
      assert.ok(globalThis.window && globalThis.window.document, "this is a browser page");
      const C = sdk.SeismicCardsClient;
      assert.equal(typeof C, "function", "SeismicCardsClient exported");
      const F = "config.dangerouslyAllowBrowser";
      const creds = { clientId: "sbx_cards_x", clientSecret: "sbx_cards_secret_y" };
      assert.throws(() => new C({ ...creds, baseUrl: ctx.sandboxUrl }), validation(ctx, F), "baseUrl");
      assert.throws(() => new C({ ...creds, environment: "production" }), validation(ctx, F), "environment production");
      assert.throws(() => new C({ ...creds, environment: "sandbox", dangerouslyAllowBrowser: false }), validation(ctx, F), "dangerouslyAllowBrowser: false");
      let message = "";
      try {
        new C({ ...creds, baseUrl: ctx.sandboxUrl });
      } catch (e) {
        message = e.message;
      }
      assert.ok(!message.includes(creds.clientSecret), "the secret is not echoed in the error");
      const allowed = new C({ ...creds, baseUrl: ctx.sandboxUrl, dangerouslyAllowBrowser: true });
      assert.equal(typeof allowed.cards.widgetToken, "function", "constructs when explicitly allowed");
    },
  },
];

const serverTests = [journey, ...errorTests, ...oauthTests, ...retryTests, ...validationTests, ...handlerTests];

export const tests = [...serverTests.map((t) => ({ runtimes: SERVER, ...t })), ...browserTests];


