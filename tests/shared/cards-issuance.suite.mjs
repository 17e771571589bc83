// SeismicCardsClient (Seismic Cards issuing API) against the seismic-sandbox: the issuance
// journey of the spec, error mapping and locked funds (030003).
// Every sandbox test creates its own program (tenant). The client secret is server-side only:
// these tests run in Node and workerd.
import { recordingFetch } from "./recording-fetch.mjs";
import {
  createCardsTenant,
  getCardsStats,
  purchase,
  settle,
  unique,
  pollUntil,
  cardholderParams,
  approvedAccount,
  walletRef,
  fundedCard,
  jwtPayload,
} from "./cards-sandbox.mjs";
import { SERVER, UUID_V4, FAST, cardsClient, base, callsTo, cardsError, settled, listAllOf, expectClose } from "./cards-support.mjs";

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

const serverTests = [journey, ...errorTests];

export const tests = serverTests.map((t) => ({ runtimes: SERVER, ...t }));
