// StoredValueClient (Seamless Payments gift cards) against the seismic-sandbox: giftCards.*
// (create, delete, info).
// Every sandbox test creates its own tenant. The API key is secret: these tests run in Node and
// workerd.
import { createSvTenant, getSvStats, freshCardNumber } from "./stored-value-sandbox.mjs";
import { recordingFetch } from "./recording-fetch.mjs";
import { SERVER, UUID_V4, CARD_A, CARD_B, CARD_D, svClient, base, rawQuery, rawPath, svError, settle, balanceOf } from "./stored-value-support.mjs";

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
];

export const tests = serverTests.map((t) => ({ runtimes: SERVER, ...t }));
