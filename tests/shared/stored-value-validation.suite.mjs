// StoredValueClient: local validation (nothing sent).
// Every sandbox test creates its own tenant. The API key is secret: these tests run in Node and
// workerd.
import { createSvTenant, freshCardNumber } from "./stored-value-sandbox.mjs";
import { recordingFetch } from "./recording-fetch.mjs";
import { SERVER, CARD_A, svClient, rawQuery, expectInvalid, expectInvalidIter, settle, balanceOf } from "./stored-value-support.mjs";

const serverTests = [
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

export const tests = serverTests.map((t) => ({ runtimes: SERVER, ...t }));
