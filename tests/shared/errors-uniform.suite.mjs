// One failure, one error class, whichever API answered: a 2xx answer that is not the
// documented body (here: an HTML page from a misconfigured proxy, or an envelope that decrypts
// to no object) is a ResponseValidationError naming `response…` in all four clients, while an
// error status with an unreadable body stays that API's own error class.
import { hostileServer, uniqueId } from "./sandbox.mjs";
import { createCardsTenant } from "./cards-sandbox.mjs";
import { createSvTenant } from "./stored-value-sandbox.mjs";
import { KAT_KEY_HEX, BAD_PLAINTEXT } from "./vectors.mjs";

const SERVER = ["node", "workerd"];
const HTML = "<html><body>502 Bad Gateway</body></html>";

/** Runs `call(origin)` against a hostile origin answering `rule`; returns what it threw. */
async function through(ctx, rule, call) {
  const h = await hostileServer(ctx.sandboxUrl, [rule]);
  try {
    return await call(h.origin).then(
      (v) => ({ resolved: v }),
      (e) => e,
    );
  } finally {
    await h.close();
  }
}

function isShapeError(ctx, e, field, what) {
  const { assert, sdk } = ctx;
  assert.ok(e instanceof sdk.ResponseValidationError, `${what}: a ResponseValidationError, got ${assert.show(e)}`);
  assert.ok(e instanceof sdk.SeismicError, `${what}: a SeismicError`);
  assert.equal(e.code, "unexpected_response", `${what}: code`);
  assert.equal(e.field, field, `${what}: field`);
  assert.ok(!e.message.includes("Bad Gateway"), `${what}: the body is not echoed`);
}

export const tests = [
  {
    name: "errors: a 2xx body that is not the documented JSON is a ResponseValidationError in all four clients",
    runtimes: SERVER,
    fn: async (ctx) => {
      const { sdk } = ctx;
      const html = (path) => ({ path, status: 200, headers: { "content-type": "text/html" }, body: HTML });

      const orchestration = await through(ctx, html("/api/v0/health"), (origin) => new sdk.SeismicOrchestrationClient({ baseUrl: `${origin}/api` }).health());
      isShapeError(ctx, orchestration, "response", "Orchestration");

      const program = await createCardsTenant(ctx.sandboxUrl);
      const cards = await through(ctx, html("/v1/accounts"), (origin) =>
        new sdk.SeismicCardsClient({ baseUrl: origin, clientId: program.clientId, clientSecret: program.clientSecret }).accounts.findByEmail({ email: "a@example.com" }),
      );
      isShapeError(ctx, cards, "response", "Cards");

      const merchant = await createSvTenant(ctx.sandboxUrl);
      const storedValue = await through(ctx, html("/v2/transactions/*"), (origin) =>
        new sdk.StoredValueClient({ baseUrl: origin, apiKey: merchant.apiKey }).transactions.get({ id: "txn_1" }),
      );
      isShapeError(ctx, storedValue, "response", "stored value");

      const envelope = await through(ctx, html("/api/v1/cards/create"), (origin) =>
        new sdk.EnvelopeClient({ baseUrl: origin, apiKey: "k", encryptionKey: KAT_KEY_HEX }).cards.create({ external_user_id: uniqueId("u") }),
      );
      isShapeError(ctx, envelope, "response", "envelope");

      // Sealed with the client's own key, but to a JSON array: the answer broke its shape.
      const sealedArray = { path: "/api/v1/cards/create", status: 200, body: JSON.stringify({ encrypted: BAD_PLAINTEXT.jsonArray }) };
      const opened = await through(ctx, sealedArray, (origin) =>
        new sdk.EnvelopeClient({ baseUrl: origin, apiKey: "k", encryptionKey: KAT_KEY_HEX }).cards.create({ external_user_id: uniqueId("u") }),
      );
      isShapeError(ctx, opened, "response.encrypted", "envelope plaintext");
    },
  },
  {
    name: "errors: a 2xx whose body drifted from its documented type is a ResponseValidationError naming the field, in Cards and stored value too",
    runtimes: SERVER,
    fn: async (ctx) => {
      const { sdk } = ctx;
      const json = (path, body) => ({ path, status: 200, headers: { "content-type": "application/json" }, body: JSON.stringify(body) });

      // An approved KYC case always has its caseId (the reference's field list).
      const program = await createCardsTenant(ctx.sandboxUrl);
      const approvedWithoutCase = json("/v1/accounts/cdd/detail/*", { code: "000000", message: "success", data: { kyc: { status: "APPROVED" } } });
      const cards = await through(ctx, approvedWithoutCase, (origin) =>
        new sdk.SeismicCardsClient({ baseUrl: origin, clientId: program.clientId, clientSecret: program.clientSecret }).accounts.kycStatus({ accountId: "acct_1" }),
      );
      isShapeError(ctx, cards, "response.kyc.caseId", "Cards kycStatus");

      // The stored transaction object's amounts are numbers; a string one is drift.
      const merchant = await createSvTenant(ctx.sandboxUrl);
      const transaction = {
        id: "txn_1", cardNumber: "6006491234567890", transactionType: "reload", authCode: "A1", amount: "25.00", amountOriginal: 25,
        merchantId: "m1", ipAddress: "127.0.0.1", transId: "t1", status: "01", statusMessage: "Approved", currency: "USD",
        tranDate: "2026-12-04T00:00:00Z", createdAt: "2026-12-04T00:00:00Z", updatedAt: "2026-12-04T00:00:00Z",
      };
      const storedValue = await through(ctx, json("/v2/transactions/*", transaction), (origin) =>
        new sdk.StoredValueClient({ baseUrl: origin, apiKey: merchant.apiKey }).transactions.get({ id: "txn_1" }),
      );
      isShapeError(ctx, storedValue, "response.amount", "stored value transactions.get");
      const fixed = await through(ctx, json("/v2/transactions/*", { ...transaction, amount: 25 }), (origin) =>
        new sdk.StoredValueClient({ baseUrl: origin, apiKey: merchant.apiKey }).transactions.get({ id: "txn_1" }),
      );
      ctx.assert.equal(fixed.resolved?.amount, 25, `the documented shape passes (control): ${ctx.assert.show(fixed)}`);
    },
  },
  {
    name: "errors (control): an error status with an unreadable body stays the API's own error class, with its status",
    runtimes: SERVER,
    fn: async (ctx) => {
      const { assert, sdk } = ctx;
      const html = (path) => ({ path, status: 502, headers: { "content-type": "text/html" }, body: HTML });
      const orchestration = await through(ctx, html("/api/v0/health"), (origin) => new sdk.SeismicOrchestrationClient({ baseUrl: `${origin}/api`, maxRetries: 0 }).health());
      assert.ok(orchestration instanceof sdk.ApiError && orchestration.status === 502, `Orchestration: ApiError 502, got ${assert.show(orchestration)}`);
      const merchant = await createSvTenant(ctx.sandboxUrl);
      const storedValue = await through(ctx, html("/v2/transactions/*"), (origin) =>
        new sdk.StoredValueClient({ baseUrl: origin, apiKey: merchant.apiKey, maxRetries: 0 }).transactions.get({ id: "txn_1" }),
      );
      assert.ok(storedValue instanceof sdk.StoredValueError && storedValue.status === 502, `stored value: StoredValueError 502, got ${assert.show(storedValue)}`);
      const envelope = await through(ctx, html("/api/v1/cards/create"), (origin) =>
        new sdk.EnvelopeClient({ baseUrl: origin, apiKey: "k", encryptionKey: KAT_KEY_HEX, maxRetries: 0 }).cards.create({ external_user_id: uniqueId("u") }),
      );
      assert.ok(envelope instanceof sdk.EnvelopeApiError && envelope.status === 502, `envelope: EnvelopeApiError 502, got ${assert.show(envelope)}`);
    },
  },
];
