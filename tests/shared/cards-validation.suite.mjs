// SeismicCardsClient: local validation of params and configuration (nothing sent), and the
// browser refusal. The client secret is server-side only: the validation tests run in Node and
// workerd, the refusal test in the browser.
import { recordingFetch } from "./recording-fetch.mjs";
import { createCardsTenant, unique, cardholderParams, ADDRESS } from "./cards-sandbox.mjs";
import { SERVER, cardsClient, callsTo, apiCalls, validation, settled, expectInvalid, collector } from "./cards-support.mjs";

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

export const tests = [...validationTests.map((t) => ({ runtimes: SERVER, ...t })), ...browserTests];
