// Hostile or malformed input at the SDK's edges, one test per defect fixed:
// verifyWebhook's arguments (a non-string secret trapped the wasm), `t` verified as sent, a
// signed event that is not an object; header values from token stores (control characters,
// non-ASCII) refused before sending; token store / token cache errors wrapped without their
// text; Orchestration error bodies that try to shadow the error's own fields; envelope
// payloads whose `toJSON` serialises to something other than what was checked.
import { signHeader, sampleEvent } from "./webhook.suite.mjs";
import { createTenant, getStats, hostileServer } from "./sandbox.mjs";
import { createCardsTenant } from "./cards-sandbox.mjs";
import { createOrchestrationTenant } from "./orchestration-sandbox.mjs";

const SERVER = ["node", "workerd"];
const SECRET = "whsec_test_faults_input_0123456789";
const nowSecs = () => Math.floor(Date.now() / 1000);

function attempt(fn) {
  try {
    return { value: fn() };
  } catch (error) {
    return { error };
  }
}

function settle(promise) {
  return Promise.resolve()
    .then(() => (typeof promise === "function" ? promise() : promise))
    .then((value) => ({ value }), (error) => ({ error }));
}

/** `r` ({ value } | { error }) must be `Class` with the given own fields, else a labelled failure. */
function expectError(ctx, label, r, Class, fields = {}) {
  const { sdk, assert } = ctx;
  if (!("error" in r)) throw new assert.AssertionError(`${label}: returned ${assert.show(r.value)} instead of ${Class}`);
  const e = r.error;
  if (!(e instanceof sdk[Class]) || e.name !== Class) throw new assert.AssertionError(`${label}: expected ${Class}, got ${assert.show(e)}`);
  for (const [k, v] of Object.entries(fields)) {
    const good = v instanceof RegExp ? typeof e[k] === "string" && v.test(e[k]) : Object.is(e[k], v);
    if (!good) throw new assert.AssertionError(`${label}: error.${k} expected ${assert.show(v)}, got ${assert.show(e[k])} (${e.message})`);
  }
  return e;
}

/**
 * Runs every variant and reports all failures together, so a run on a build with the defect
 * shows which variants fail (not only the first).
 */
function variants(ctx) {
  const problems = [];
  return {
    check: async (fn) => {
      try {
        await fn();
      } catch (e) {
        problems.push(e && e.message ? e.message : String(e));
      }
    },
    done: () => {
      if (problems.length) throw new ctx.assert.AssertionError(`${problems.length} problem(s):\n    ${problems.join("\n    ")}`);
    },
  };
}

// ---------------------------------------------------------------------------------------------
// verifyWebhook / describeStoredValueStatus arguments (pure: every runtime)

const webhookSecretTypes = {
  name: "faults input: verifyWebhook with a non-string secret (42, {length:-1}, undefined, null, Uint8Array) → WebhookVerificationError invalid_secret, and the module keeps working",
  fn: async (ctx) => {
    const { sdk, assert } = ctx;
    const v = variants(ctx);
    // Old: 42 and {length:-1} trapped the wasm (RuntimeError), the others were TypeErrors.
    for (const [label, secret] of [["42", 42], ["{length:-1}", { length: -1 }], ["undefined", undefined], ["null", null], ["Uint8Array", new TextEncoder().encode(SECRET)]]) {
      await v.check(() => expectError(ctx, `secret ${label}`, attempt(() => sdk.verifyWebhook("{}", "t=1,v1=00", secret)), "WebhookVerificationError", { code: "invalid_secret" }));
    }
    // After those calls a real verification still works (a trap can leave the module unusable).
    const t = nowSecs();
    const body = JSON.stringify(sampleEvent(t));
    const header = await signHeader(body, t, SECRET);
    await v.check(() => assert.deepEqual(sdk.verifyWebhook(body, header, SECRET), JSON.parse(body), "a valid webhook verifies afterwards"));
    v.done();
  },
};

const describeStatusType = {
  name: "faults input: describeStoredValueStatus(42) → ValidationError (not a wasm trap)",
  fn: async (ctx) => {
    const { sdk, assert } = ctx;
    expectError(ctx, "describeStoredValueStatus(42)", attempt(() => sdk.describeStoredValueStatus(42)), "ValidationError");
    assert.equal(sdk.describeStoredValueStatus("01"), "Approval", "a string code still works afterwards");
  },
};

const webhookRawT = {
  name: "faults input: verifyWebhook verifies t as sent — t=0<unix> signed over \"0<unix>.<body>\" verifies",
  fn: async (ctx) => {
    const { sdk, assert } = ctx;
    const t = nowSecs();
    const body = JSON.stringify(sampleEvent(t));
    // The sender signed its own text of t (a leading zero); old: the SDK re-printed the parsed
    // number ("<unix>.") and found no_signature_match.
    const header = await signHeader(body, `0${t}`, SECRET);
    assert.match(header, /^t=0\d+,v1=/, "header carries the leading zero");
    const r = attempt(() => sdk.verifyWebhook(body, header, SECRET, { now: t * 1000 }));
    if ("error" in r) throw new assert.AssertionError(`refused: ${assert.show(r.error)}`);
    assert.deepEqual(r.value, JSON.parse(body), "the event");
    // The signature still covers t: the same signature under the re-printed t does not verify.
    expectError(ctx, "t without the zero", attempt(() => sdk.verifyWebhook(body, header.replace(`t=0${t}`, `t=${t}`), SECRET, { now: t * 1000 })), "WebhookVerificationError", { code: "no_signature_match" });
  },
};

const webhookNonObject = {
  name: "faults input: a correctly signed body that is JSON but not an object (null, [1], \"str\") → WebhookVerificationError invalid_payload",
  fn: async (ctx) => {
    const t = nowSecs();
    const v = variants(ctx);
    // Old: returned null / [1] / "str" as the event; handlers then crashed on event.type.
    for (const body of ["null", "[1]", '"str"']) {
      const header = await signHeader(body, t, SECRET);
      await v.check(() => expectError(ctx, `body ${body}`, attempt(() => ctx.sdk.verifyWebhook(body, header, SECRET)), "WebhookVerificationError", { code: "invalid_payload" }));
    }
    v.done();
  },
};

// ---------------------------------------------------------------------------------------------
// Header values and token stores (a hostile server records whatever would be sent)

/** A custom TokenStore whose accessToken() is `access` (a function). */
const tokenStore = (access) => ({
  save() {},
  clear() {},
  accessToken: access,
  refreshToken: () => null,
  isAuthenticated: () => true,
});

async function withRecorder(ctx, fn) {
  const h = await hostileServer(ctx.sandboxUrl, []);
  try {
    return await fn(h);
  } finally {
    await h.close();
  }
}

const headerControlChars = {
  name: "faults input: a token store access token with \\u0000, \\u0007 or é → ValidationError headers.* before sending, value not in the message",
  runtimes: SERVER,
  fn: async (ctx) => {
    const { sdk, assert } = ctx;
    await withRecorder(ctx, async (h) => {
      const v = variants(ctx);
      for (const [label, token] of [["NUL", "tok\u0000secret-value-123"], ["BEL", "tok\u0007secret-value-123"], ["é", "tok\u00e9secret-value-123"]]) {
        const api = new sdk.SeismicOrchestrationClient({ baseUrl: `${h.origin}/api`, tokenStore: tokenStore(() => token) });
        const r = await settle(() => api.orgs.get());
        await v.check(() => {
          const e = expectError(ctx, label, r, "ValidationError", { field: /^headers\./ });
          assert.ok(!e.message.includes("secret-value-123"), `${label}: the token is in the message: ${e.message}`);
        });
      }
      const sent = (await h.state()).requests;
      await v.check(() => assert.equal(sent.length, 0, `nothing may be sent: ${sent.map((q) => `${q.method} ${q.path} authorization=${JSON.stringify(q.headers.authorization)}`).join(" | ")}`));
      v.done();
    });
  },
};

const storeErrors = {
  name: "faults input: a token store / Cards token cache that throws or rejects → ValidationError without its message (it may hold a token)",
  runtimes: SERVER,
  fn: async (ctx) => {
    const { sdk, assert } = ctx;
    const leak = "tok_SECRET_1";
    await withRecorder(ctx, async (h) => {
      const stores = [
        ["accessToken() throws", () => { throw new Error(`boom ${leak}`); }],
        ["accessToken() rejects", () => Promise.reject(new Error(`boom ${leak}`))],
      ];
      const v = variants(ctx);
      for (const [label, access] of stores) {
        const api = new sdk.SeismicOrchestrationClient({ baseUrl: `${h.origin}/api`, tokenStore: tokenStore(access) });
        const r = await settle(() => api.orgs.get());
        await v.check(() => {
          const e = expectError(ctx, `orchestration ${label}`, r, "ValidationError");
          assert.ok(!e.message.includes(leak), `orchestration ${label}: the store's message is copied: ${e.message}`);
        });
      }
      const t = await createCardsTenant(ctx.sandboxUrl, {});
      const caches = [
        ["get() throws", () => { throw new Error(`boom ${leak}`); }],
        ["get() rejects", () => Promise.reject(new Error(`boom ${leak}`))],
      ];
      for (const [label, get] of caches) {
        const cards = new sdk.SeismicCardsClient({ baseUrl: h.origin, clientId: t.clientId, clientSecret: t.clientSecret, tokenCache: { get, set() {} } });
        const r = await settle(() => cards.accounts.kycStatus({ accountId: "acc_faults" }));
        await v.check(() => {
          const e = expectError(ctx, `Cards tokenCache ${label}`, r, "ValidationError");
          assert.ok(!e.message.includes(leak), `Cards tokenCache ${label}: the cache's message is copied: ${e.message}`);
        });
      }
      const sent = (await h.state()).requests;
      await v.check(() => assert.equal(sent.length, 0, `nothing sent without a token: ${sent.map((q) => `${q.method} ${q.path}`).join(", ")}`));
      v.done();
    });
  },
};

// ---------------------------------------------------------------------------------------------
// Error bodies (Cards' envelope_data does not copy body extras onto the error: only
// Orchestration's ApiError takes extra fields, so only it is tested here)

const shadowingErrorBody = {
  name: "faults input: an Orchestration error body with name/stack/cause/status/requestId/idempotencyKey cannot shadow the ApiError's own fields",
  runtimes: SERVER,
  fn: async (ctx) => {
    const { sdk, assert } = ctx;
    const t = await createOrchestrationTenant(ctx.sandboxUrl, {});
    const body = JSON.stringify({
      ok: false,
      error: { code: "Bad", message: "m", name: "Hacked", stack: "fake", cause: "c", status: 999, requestId: "forged", idempotencyKey: "forged", extra_info: "kept" },
    });
    const h = await hostileServer(ctx.sandboxUrl, [
      { method: "GET", path: "/api/v0/org", status: 400, headers: { "content-type": "application/json", "x-request-id": "req_hostile_1" }, body },
    ]);
    try {
      const api = new sdk.SeismicOrchestrationClient({ baseUrl: `${h.origin}/api`, apiKey: t.apiKey });
      const e = expectError(ctx, "orgs.get", await settle(() => api.orgs.get()), "ApiError");
      assert.ok(sdk.isApiError(e) && e instanceof sdk.SeismicError, "an ApiError");
      assert.equal(e.name, "ApiError", "name");
      assert.equal(e.status, 400, "status is the HTTP status");
      assert.equal(e.code, "Bad", "code from the body");
      assert.equal(e.message, "m", "message from the body");
      assert.ok(typeof e.stack === "string" && e.stack !== "fake" && /ApiError/.test(e.stack), `a real stack: ${assert.show(e.stack)}`);
      assert.equal(e.cause, undefined, "cause");
      assert.equal(e.requestId, "req_hostile_1", "requestId is the X-Request-Id header");
      assert.notEqual(e.idempotencyKey, "forged", "idempotencyKey");
      assert.equal(e.extra_info, "kept", "other extra fields are still copied");
    } finally {
      await h.close();
    }
  },
};

// ---------------------------------------------------------------------------------------------
// Envelope payloads checked as serialised (a toJSON can say something else than the object)

const envelopeToJson = {
  name: "faults input: envelope payloads are checked as serialised — a toJSON setting request_timestamp or a bad amount is refused, nothing sent",
  runtimes: SERVER,
  fn: async (ctx) => {
    const { sdk, assert } = ctx;
    const t = await createTenant(ctx.sandboxUrl, { masterBalance: "100.00" });
    const v = variants(ctx);
    const sealed = attempt(() => sdk.sealEnvelope(t.encryptionKey, { toJSON() { return { request_timestamp: 1 }; } }));
    await v.check(() => expectError(ctx, "sealEnvelope toJSON → {request_timestamp}", sealed, "EnvelopeError", { code: "invalid_payload" }));
    const client = new sdk.EnvelopeClient({ baseUrl: ctx.sandboxUrl, apiKey: t.apiKey, encryptionKey: t.encryptionKey });
    const before = await getStats(ctx.sandboxUrl, t.apiKey);
    // Old: the checks saw amount "1.00", the wire carried "-5".
    const topup = { card_id: "c", amount: "1.00", toJSON() { return { card_id: "c", amount: "-5" }; } };
    const r1 = await settle(() => client.cards.topup(topup));
    await v.check(() => expectError(ctx, "cards.topup toJSON → amount -5", r1, "ValidationError", { field: "payload.amount" }));
    const stamped = { toJSON: () => ({ request_timestamp: 5, card_id: "c", amount: "1.00" }) };
    const r2 = await settle(() => client.request("/cards/topup", stamped));
    await v.check(() => expectError(ctx, "request() toJSON → {request_timestamp}", r2, "EnvelopeError", { code: "invalid_payload" }));
    const after = await getStats(ctx.sandboxUrl, t.apiKey);
    await v.check(() => assert.equal(Number(after.requests), Number(before.requests), "nothing reached the API"));
    await v.check(() => assert.equal(Number(after.masterBalance).toFixed(2), "100.00", "master balance untouched"));
    v.done();
  },
};

export const tests = [
  webhookSecretTypes,
  describeStatusType,
  webhookRawT,
  webhookNonObject,
  headerControlChars,
  storeErrors,
  shadowingErrorBody,
  envelopeToJson,
];
