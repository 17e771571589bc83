// EnvelopeClient against the seismic-sandbox: error mapping (API keys, encryption keys, error
// slugs), config and payload validation, the raw protocol.
// Every test creates its own tenant, so tests are independent and may run in any order.
import { createTenant, getStats, rawPost, uniqueId } from "./sandbox.mjs";
import { randomBytes } from "./vectors.mjs";
import { recordingFetch } from "./recording-fetch.mjs";
import { newClient, money, apiError, createCard } from "./envelope-client-support.mjs";

export const tests = [
  {
    name: "client: unknown API key -> 404 api_key_not_found",
    fn: async (ctx) => {
      const { assert, sdk } = ctx;
      const t = await createTenant(ctx.sandboxUrl);
      const client = newClient(ctx, { apiKey: "sk_unknown_" + uniqueId("k"), encryptionKey: t.encryptionKey });
      await assert.rejects(client.request("/master/balance", {}), apiError(sdk, assert, { status: 404, slug: "api_key_not_found" }));
      await assert.rejects(client.cards.create({ external_user_id: uniqueId("user") }), apiError(sdk, assert, { status: 404, slug: "api_key_not_found" }));
    },
  },
  {
    name: "client: key without API access -> 403 api_access_denied",
    fn: async (ctx) => {
      const { assert, sdk } = ctx;
      if (!ctx.noAccessKey) throw new Error("noAccessKey missing (set SEISMIC_SANDBOX_NOACCESS_KEY)");
      const client = newClient(ctx, { apiKey: ctx.noAccessKey, encryptionKey: randomBytes(32) });
      await assert.rejects(client.request("/master/balance", {}), apiError(sdk, assert, { status: 403, slug: "api_access_denied" }));
    },
  },
  {
    name: "client: wrong encryption key -> 400 encrypted_payload_invalid",
    fn: async (ctx) => {
      const { assert, sdk } = ctx;
      const t = await createTenant(ctx.sandboxUrl);
      const client = newClient(ctx, { apiKey: t.apiKey, encryptionKey: randomBytes(32) });
      await assert.rejects(client.request("/master/balance", {}), apiError(sdk, assert, { status: 400, slug: "encrypted_payload_invalid" }));
    },
  },
  {
    name: "client: encrypted error slugs carry status, slug, message and requestId",
    fn: async (ctx) => {
      const { assert, sdk } = ctx;
      const t = await createTenant(ctx.sandboxUrl, { masterBalance: "50.00" });
      const client = newClient(ctx, t);
      const { ext, card } = await createCard(ctx, client);
      const cases = [
        ["card_not_found", 404, () => client.cards.topup({ card_id: "card_nope_" + uniqueId("c"), amount: "1.00" })],
        // cards.* validate amounts locally (ValidationError); the generic request() sends as is
        ["invalid_amount", 400, () => client.request("/cards/topup", { card_id: card.card_id, amount: "-5.00" })],
        ["insufficient_funds", 403, () => client.cards.topup({ card_id: card.card_id, amount: "1000000.00" })],
        ["card_user_mismatch", 422, () => client.cards.topup({ card_id: card.card_id, amount: "1.00", external_user_id: ext + "-other" })],
        ["invalid_request", 400, () => client.request("/cards/create", { currency: "USD" })],
      ];
      for (const [slug, status, call] of cases) {
        const e = await assert.rejects(call, apiError(sdk, assert, { status, slug, requestId: true }), slug);
        assert.notEqual(e.message, slug, "message is the human-readable error, not the slug");
      }
      const s = await getStats(ctx.sandboxUrl, t.apiKey);
      assert.equal(money(s.masterBalance), "40.00", "failed calls debit nothing");
    },
  },
  {
    name: "client: constructor validates its config",
    fn: async (ctx) => {
      const { assert, sdk } = ctx;
      const good = { baseUrl: "https://api.example.test", apiKey: "k", encryptionKey: randomBytes(32) };
      new sdk.EnvelopeClient(good);
      new sdk.EnvelopeClient({ ...good, baseUrl: "http://127.0.0.1:9" });
      const validation = (field) => (e) => {
        assert.ok(e instanceof sdk.ValidationError, `expected ValidationError, got ${assert.show(e)}`);
        assert.ok(e instanceof sdk.SeismicError && e instanceof Error);
        assert.equal(e.name, "ValidationError");
        assert.equal(e.field, field, `field (${e.message})`);
        return true;
      };
      assert.throws(() => new sdk.EnvelopeClient({ ...good, baseUrl: "not a url" }), validation("config.baseUrl"), "bad baseUrl");
      assert.throws(() => new sdk.EnvelopeClient({ ...good, baseUrl: "http://api.example.test" }), validation("config.baseUrl"), "plain http off loopback");
      assert.throws(() => new sdk.EnvelopeClient({ ...good, apiKey: "" }), validation("config.apiKey"), "empty apiKey");
      assert.throws(() => new sdk.EnvelopeClient({ ...good, encryptionKey: "short" }), (e) => e instanceof sdk.EnvelopeError && e.code === "invalid_key", "bad encryptionKey");
    },
  },
  {
    name: "client: cards.* validate the payload locally (ValidationError, nothing sent)",
    fn: async (ctx) => {
      const { assert, sdk } = ctx;
      const t = await createTenant(ctx.sandboxUrl, { masterBalance: "100.00" });
      const calls = [];
      const client = newClient(ctx, t, { fetch: recordingFetch(calls) });
      const validation = (field) => (e) => {
        assert.ok(e instanceof sdk.ValidationError, `expected ValidationError, got ${assert.show(e)}`);
        assert.equal(e.field, field, `field (${e.message})`);
        return true;
      };
      for (const amount of ["-5.00", "0.00", "1.005", "abc", 5]) {
        await assert.rejects(client.cards.topup({ card_id: "card_x", amount }), validation("payload.amount"), `topup amount ${JSON.stringify(amount)}`);
      }
      await assert.rejects(client.cards.create({}), validation("payload.external_user_id"), "create without external_user_id");
      assert.equal(calls.length, 0, "nothing was sent");
    },
  },
  {
    name: "client: raw protocol: missing Idempotency-Key -> encrypted 400 idempotency_key_required",
    fn: async (ctx) => {
      const { assert, sdk } = ctx;
      const t = await createTenant(ctx.sandboxUrl);
      const r = await rawPost(ctx.sandboxUrl, t.apiKey, "/cards/create", sdk.sealEnvelope(t.encryptionKey, { external_user_id: uniqueId("user") }));
      assert.equal(r.status, 400);
      assert.ok(r.json && typeof r.json.encrypted === "string", `encrypted error body, got ${r.text.slice(0, 200)}`);
      const body = sdk.openEnvelope(t.encryptionKey, r.json);
      assert.equal(body.success, false);
      assert.equal(body.error_slug, "idempotency_key_required");
      assert.ok(typeof body.error === "string" && body.error.length > 0);
    },
  },
];
