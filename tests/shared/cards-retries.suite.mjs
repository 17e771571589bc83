// SeismicCardsClient against the seismic-sandbox: retries and idempotency.
// Every sandbox test creates its own program (tenant). The client secret is server-side only:
// these tests run in Node and workerd.
import { recordingFetch } from "./recording-fetch.mjs";
import { createCardsTenant, addCardsFault, unique, cardholderParams, approvedAccount, walletRef, fundedCard } from "./cards-sandbox.mjs";
import { SERVER, UUID_V4, FAST, cardsClient, callsTo, cardsError, settled } from "./cards-support.mjs";

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

export const tests = retryTests.map((t) => ({ runtimes: SERVER, ...t }));
