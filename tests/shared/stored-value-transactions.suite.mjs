// StoredValueClient against the seismic-sandbox: transactions.* (reload, redeem, partial
// redemption, cancel, get, list, listAll) and binLookup.
// Every sandbox test creates its own tenant. The API key is secret: these tests run in Node and
// workerd.
import { createSvTenant, getSvStats } from "./stored-value-sandbox.mjs";
import { recordingFetch } from "./recording-fetch.mjs";
import {
  SERVER,
  UUID_V4,
  CARD_A,
  CARD_B,
  CARD_C,
  money,
  svClient,
  base,
  rawQuery,
  svError,
  checkTransactionResult,
  balanceOf,
  allTransactions,
  ids,
  within,
} from "./stored-value-support.mjs";

const serverTests = [
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
];

export const tests = serverTests.map((t) => ({ runtimes: SERVER, ...t }));
