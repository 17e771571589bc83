// StoredValueClient against the seismic-sandbox: error mapping (StoredValueError) and the
// Authorization header.
// Every sandbox test creates its own tenant. The API key is secret: these tests run in Node and
// workerd.
import { createSvTenant, getSvStats, base64Utf8, freshCardNumber } from "./stored-value-sandbox.mjs";
import { uniqueId } from "./sandbox.mjs";
import { recordingFetch } from "./recording-fetch.mjs";
import { SERVER, CARD_A, svClient, cannedFetch, tamperingFetch, svError, balanceOf, BIN_ANSWER } from "./stored-value-support.mjs";

const serverTests = [
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
        const c = new ctx.sdk.StoredValueClient({ apiKey, baseUrl: "https://api.example.test", fetch: recordingFetch(seen, cannedFetch(BIN_ANSWER)) });
        await c.binLookup({ bin: "411111" });
        assert.equal(seen[0].headers.get("authorization"), `Bearer ${base64Utf8(apiKey)}`, `apiKey ${JSON.stringify(apiKey)}`);
      }
    },
  },
];

export const tests = serverTests.map((t) => ({ runtimes: SERVER, ...t }));
