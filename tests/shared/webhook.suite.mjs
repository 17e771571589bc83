// verifyWebhook: Seismic Cards webhook signatures (`Seismic-Signature: t=<unix s>,v1=<hex>[,v1=…]`,
// HMAC-SHA256 over `t + "." + rawBody`). Signed here with WebCrypto, so every runtime checks the
// same vectors; plus, in Node, real deliveries from the sandbox to a local receiver.
import { createCardsTenant, addWebhookEndpoint, rotateWebhookSecret, recentEvents, purchase, approvedAccount, fundedCard, pollUntil } from "./cards-sandbox.mjs";

const enc = new TextEncoder();

async function hmacHex(secret, message) {
  const key = await crypto.subtle.importKey("raw", enc.encode(secret), { name: "HMAC", hash: "SHA-256" }, false, ["sign"]);
  const sig = new Uint8Array(await crypto.subtle.sign("HMAC", key, typeof message === "string" ? enc.encode(message) : message));
  return Array.from(sig, (b) => b.toString(16).padStart(2, "0")).join("");
}

function concatBytes(...parts) {
  const all = new Uint8Array(parts.reduce((n, p) => n + p.length, 0));
  let at = 0;
  for (const p of parts) {
    all.set(p, at);
    at += p.length;
  }
  return all;
}

/** `t=<t>,v1=<hex>[,v1=<hex>]` over `body` (string or bytes) with each secret. */
async function signHeader(body, t, ...secrets) {
  const bytes = typeof body === "string" ? enc.encode(body) : body;
  const msg = concatBytes(enc.encode(`${t}.`), bytes);
  const sigs = [];
  for (const s of secrets) sigs.push(`v1=${await hmacHex(s, msg)}`);
  return [`t=${t}`, ...sigs].join(",");
}

/** A realistic event, as the sandbox sends it (compact JSON, one line). */
function sampleEvent(t) {
  return {
    id: "evt_5f0c2a9be1d3",
    type: "CARD_TRANSACTION.UPDATED",
    createdAt: t,
    data: {
      transaction: {
        id: "0d13f168-339b-4b74-a412-07a6ababcd9c",
        cardId: "d8eda079-6ba7-409e-99c8-ab5f83566fbd",
        type: "1",
        status: "CLOSED",
        amount: "12.34",
        currency: "USD",
        merchantName: "Café Ünïcode ✓",
        createdAt: t * 1000,
        updatedAt: t * 1000,
      },
    },
  };
}

const SECRET = "whsec_test_5d1e0c6f4b2a4e7f9a3c8b1d";
const OLD_SECRET = "whsec_test_previous_0a1b2c3d4e5f6a7b";

function webhookError(ctx, code) {
  const { sdk, assert } = ctx;
  return (e) => {
    assert.ok(typeof sdk.WebhookVerificationError === "function", "the package exports WebhookVerificationError");
    assert.ok(e instanceof sdk.WebhookVerificationError, `expected WebhookVerificationError(${code}), got ${assert.show(e)}`);
    assert.ok(e instanceof sdk.SeismicError && e instanceof Error, "WebhookVerificationError extends SeismicError");
    assert.equal(e.name, "WebhookVerificationError", "error.name");
    assert.equal(e.code, code, `error.code (${e.message})`);
    assert.ok(sdk.isSeismicError(e), "isSeismicError");
    return true;
  };
}

/** Runs verifyWebhook and returns { value } or { error } (never throws). */
function attempt(ctx, ...args) {
  try {
    return { value: ctx.sdk.verifyWebhook(...args) };
  } catch (error) {
    return { error };
  }
}

function expectRefused(ctx, label, code, ...args) {
  const r = attempt(ctx, ...args);
  if (!("error" in r)) throw new ctx.assert.AssertionError(`${label}: accepted (returned ${ctx.assert.show(r.value)}) instead of ${code}`);
  try {
    webhookError(ctx, code)(r.error);
  } catch (e) {
    throw new ctx.assert.AssertionError(`${label}: ${e.message}`);
  }
}

const nowSecs = () => Math.floor(Date.now() / 1000);

const pureTests = [
  {
    name: "webhook: a valid signature verifies and returns the parsed event (string body)",
    fn: async (ctx) => {
      const { assert, sdk } = ctx;
      assert.equal(typeof sdk.verifyWebhook, "function", "verifyWebhook exported");
      const t = nowSecs();
      const body = JSON.stringify(sampleEvent(t));
      const header = await signHeader(body, t, SECRET);
      const event = sdk.verifyWebhook(body, header, SECRET);
      assert.deepEqual(event, JSON.parse(body), "parsed event");
      assert.equal(event.data.transaction.merchantName, "Café Ünïcode ✓", "UTF-8 body");
      // With explicit options (defaults spelled out) and `now` as a Date or ms.
      assert.deepEqual(sdk.verifyWebhook(body, header, SECRET, { toleranceSeconds: 300 }), event);
      assert.deepEqual(sdk.verifyWebhook(body, header, SECRET, { now: new Date(t * 1000) }), event);
      assert.deepEqual(sdk.verifyWebhook(body, header, SECRET, { now: t * 1000 + 999 }), event);
      // Whitespace after the commas and unknown schemes (v0) are tolerated.
      const v1 = header.split(",v1=")[1];
      assert.deepEqual(sdk.verifyWebhook(body, `t=${t}, v0=deadbeef, v1=${v1}`, SECRET), event, "v0 ignored, spaces tolerated");
    },
  },
  {
    name: "webhook: a Uint8Array body verifies (bytes exactly as received)",
    fn: async (ctx) => {
      const { assert, sdk } = ctx;
      const t = nowSecs();
      const text = JSON.stringify(sampleEvent(t));
      const bytes = enc.encode(text);
      const header = await signHeader(bytes, t, SECRET);
      assert.deepEqual(sdk.verifyWebhook(bytes, header, SECRET), JSON.parse(text), "Uint8Array");
      assert.deepEqual(sdk.verifyWebhook(text, header, SECRET), JSON.parse(text), "the same as a string");
      // A subarray view (offset into a larger buffer, like a pooled Buffer) is read at its offset.
      const pooled = new Uint8Array(bytes.length + 16);
      pooled.set(bytes, 7);
      assert.deepEqual(sdk.verifyWebhook(pooled.subarray(7, 7 + bytes.length), header, SECRET), JSON.parse(text), "subarray view");
    },
  },
  {
    name: "webhook: a tampered body (or header timestamp) -> no_signature_match",
    fn: async (ctx) => {
      const t = nowSecs();
      const body = JSON.stringify(sampleEvent(t));
      const header = await signHeader(body, t, SECRET);
      expectRefused(ctx, "amount changed", "no_signature_match", body.replace('"12.34"', '"99.34"'), header, SECRET);
      expectRefused(ctx, "trailing newline", "no_signature_match", body + "\n", header, SECRET);
      expectRefused(ctx, "re-serialized with spaces", "no_signature_match", JSON.stringify(JSON.parse(body), null, 1), header, SECRET);
      const bytes = enc.encode(body);
      bytes[10] ^= 1;
      expectRefused(ctx, "one bit flipped (bytes)", "no_signature_match", bytes, header, SECRET);
      expectRefused(ctx, "wrong secret", "no_signature_match", body, header, SECRET + "x");
      expectRefused(ctx, "t changed (signature covers it)", "no_signature_match", body, header.replace(`t=${t}`, `t=${t - 1}`), SECRET);
      const v1 = header.split("v1=")[1];
      const flipped = (v1[0] === "a" ? "b" : "a") + v1.slice(1);
      expectRefused(ctx, "signature changed", "no_signature_match", body, `t=${t},v1=${flipped}`, SECRET);
      expectRefused(ctx, "truncated signature", "no_signature_match", body, `t=${t},v1=${v1.slice(0, 32)}`, SECRET);
    },
  },
  {
    name: "webhook: timestamps beyond the tolerance (stale or future) -> timestamp_outside_tolerance",
    fn: async (ctx) => {
      const { assert, sdk } = ctx;
      const t = 1_760_000_000;
      const body = JSON.stringify(sampleEvent(t));
      const header = await signHeader(body, t, SECRET);
      expectRefused(ctx, "stale: now = t + 301 s", "timestamp_outside_tolerance", body, header, SECRET, { now: (t + 301) * 1000 });
      expectRefused(ctx, "future: now = t - 301 s", "timestamp_outside_tolerance", body, header, SECRET, { now: (t - 301) * 1000 });
      expectRefused(ctx, "stale by a day (Date)", "timestamp_outside_tolerance", body, header, SECRET, { now: new Date((t + 86400) * 1000) });
      expectRefused(ctx, "real clock (t is in 2025)", "timestamp_outside_tolerance", body, header, SECRET);
      assert.deepEqual(sdk.verifyWebhook(body, header, SECRET, { now: (t + 300) * 1000 }), JSON.parse(body), "t + 300 s is inside");
      assert.deepEqual(sdk.verifyWebhook(body, header, SECRET, { now: (t - 300) * 1000 }), JSON.parse(body), "t - 300 s is inside");
      // A custom tolerance.
      expectRefused(ctx, "toleranceSeconds 10, 11 s late", "timestamp_outside_tolerance", body, header, SECRET, { toleranceSeconds: 10, now: (t + 11) * 1000 });
      assert.deepEqual(sdk.verifyWebhook(body, header, SECRET, { toleranceSeconds: 3600, now: (t + 3000) * 1000 }), JSON.parse(body), "toleranceSeconds 3600");
      // Tampered and stale: refused (either reason).
      const both = attempt(ctx, body + " ", header, SECRET, { now: (t + 301) * 1000 });
      assert.ok(both.error instanceof sdk.WebhookVerificationError && ["no_signature_match", "timestamp_outside_tolerance"].includes(both.error.code), `tampered and stale: ${assert.show(both.error ?? both.value)}`);
    },
  },
  {
    name: "webhook: during a secret rotation (two v1) either secret verifies; a third does not",
    fn: async (ctx) => {
      const { assert, sdk } = ctx;
      const t = nowSecs();
      const body = JSON.stringify(sampleEvent(t));
      const header = await signHeader(body, t, SECRET, OLD_SECRET);
      assert.equal(header.split(",").length, 3, "t + two v1");
      assert.deepEqual(sdk.verifyWebhook(body, header, SECRET), JSON.parse(body), "new secret");
      assert.deepEqual(sdk.verifyWebhook(body, header, OLD_SECRET), JSON.parse(body), "old secret");
      const swapped = await signHeader(body, t, OLD_SECRET, SECRET);
      assert.deepEqual(sdk.verifyWebhook(body, swapped, SECRET), JSON.parse(body), "order does not matter");
      expectRefused(ctx, "a third secret", "no_signature_match", body, header, "whsec_someone_else");
    },
  },
  {
    name: "webhook: an object instead of the raw body -> raw_body_required",
    fn: async (ctx) => {
      const t = nowSecs();
      const event = sampleEvent(t);
      const header = await signHeader(JSON.stringify(event), t, SECRET);
      expectRefused(ctx, "parsed object", "raw_body_required", event, header, SECRET);
      expectRefused(ctx, "array", "raw_body_required", [event], header, SECRET);
      expectRefused(ctx, "number", "raw_body_required", 42, header, SECRET);
      expectRefused(ctx, "null", "raw_body_required", null, header, SECRET);
      expectRefused(ctx, "undefined", "raw_body_required", undefined, header, SECRET);
      expectRefused(ctx, "ArrayBuffer (not a Uint8Array)", "raw_body_required", enc.encode(JSON.stringify(event)).buffer, header, SECRET);
    },
  },
  {
    name: "webhook: malformed headers -> invalid_header; empty secret -> invalid_secret; non-JSON -> invalid_payload",
    fn: async (ctx) => {
      const { assert, sdk } = ctx;
      const t = nowSecs();
      const body = JSON.stringify(sampleEvent(t));
      const header = await signHeader(body, t, SECRET);
      const v1 = header.split("v1=")[1];
      for (const bad of ["", "garbage", `v1=${v1}`, `t=${t}`, `t=${t},`, `t=abc,v1=${v1}`, `t=-5,v1=${v1}`, `t=${t},v1=xyz`, `t=${t},v1=${v1.slice(1)}`, `t=${t};v1=${v1}`]) {
        expectRefused(ctx, `header ${assert.show(bad)}`, "invalid_header", body, bad, SECRET);
      }
      expectRefused(ctx, "null header", "invalid_header", body, null, SECRET);
      expectRefused(ctx, "undefined header", "invalid_header", body, undefined, SECRET);
      expectRefused(ctx, "empty secret", "invalid_secret", body, header, "");
      const text = "not json at all";
      expectRefused(ctx, "signed non-JSON body", "invalid_payload", text, await signHeader(text, t, SECRET), SECRET);
      const bin = new Uint8Array([0xff, 0xfe, 0x7b, 0x7d]);
      expectRefused(ctx, "signed non-UTF-8 bytes", "invalid_payload", bin, await signHeader(bin, t, SECRET), SECRET);
      // The error message never carries the secret or the body.
      const r = attempt(ctx, body, header, SECRET + "x");
      assert.ok(r.error && !r.error.message.includes(SECRET) && !r.error.message.includes("12.34"), `message leaks nothing: ${r.error && r.error.message}`);
    },
  },
];

// ---------------------------------------------------------------------------------------------
// Real deliveries (Node: a node:http receiver on 127.0.0.1:0).

async function startReceiver(ctx) {
  const http = await ctx.node.import("node:http");
  const received = [];
  const waiters = [];
  const server = http.createServer((req, res) => {
    const chunks = [];
    req.on("data", (c) => chunks.push(c));
    req.on("end", () => {
      const raw = Buffer.concat(chunks);
      received.push({ method: req.method, path: req.url, headers: req.headers, raw, text: raw.toString("utf8") });
      res.writeHead(200, { "content-type": "text/plain" });
      res.end("ok");
      for (const w of waiters.splice(0)) w();
    });
  });
  await new Promise((ok) => server.listen(0, "127.0.0.1", ok));
  return {
    url: `http://127.0.0.1:${server.address().port}/hooks/seismic`,
    received,
    async waitFor(what, pred, timeoutMs = 15000) {
      const start = Date.now();
      for (;;) {
        const hit = received.filter(pred);
        if (hit.length) return hit;
        if (Date.now() - start > timeoutMs) {
          throw new Error(`${what}: not received after ${timeoutMs} ms (got ${received.map((r) => r.text.slice(0, 80)).join(" | ") || "nothing"})`);
        }
        await new Promise((ok) => {
          waiters.push(ok);
          setTimeout(ok, 200);
        });
      }
    },
    // The sandbox's HTTP client keeps connections alive: drop them, or close() waits for them.
    close: () =>
      new Promise((ok) => {
        server.close(() => ok());
        server.closeAllConnections();
      }),
  };
}

const typeIs = (type) => (r) => {
  try {
    return JSON.parse(r.text).type === type;
  } catch {
    return false;
  }
};

const nodeTests = [
  {
    name: "webhook (node): sandbox deliveries (KYC, cardholder, purchase) verify with the tenant's webhookSecret",
    runtimes: ["node"],
    fn: async (ctx) => {
      const { assert, sdk } = ctx;
      const t = await createCardsTenant(ctx.sandboxUrl, { kycDelayMs: 50, cardholderDelayMs: 50 });
      const rx = await startReceiver(ctx);
      try {
        await addWebhookEndpoint(ctx.sandboxUrl, t.clientId, rx.url);
        const client = new sdk.SeismicCardsClient({ baseUrl: ctx.sandboxUrl, clientId: t.clientId, clientSecret: t.clientSecret });
        const { accountId, cardId } = await fundedCard(client, t);
        await purchase(ctx.sandboxUrl, { clientId: t.clientId, accountId, cardId, amount: "12.34", merchantName: "Café Ünïcode ✓" });
        const kyc = await rx.waitFor("KYC.UPDATED", typeIs("KYC.UPDATED"));
        await rx.waitFor("CARDHOLDER.UPDATED", typeIs("CARDHOLDER.UPDATED"));
        await rx.waitFor("CARD_TRANSACTION.CREATED", typeIs("CARD_TRANSACTION.CREATED"));
        await rx.waitFor("CARD_TRANSACTION.UPDATED", typeIs("CARD_TRANSACTION.UPDATED"));
        assert.ok(rx.received.length >= 4, `at least 4 deliveries (got ${rx.received.length})`);
        for (const d of rx.received) {
          assert.equal(d.method, "POST", "delivered by POST");
          const header = d.headers["seismic-signature"];
          assert.match(header, /^t=\d+,v1=[0-9a-f]{64}$/, "one v1 before any rotation");
          // The raw bytes (a Buffer is a Uint8Array) and the same text both verify.
          const fromBytes = sdk.verifyWebhook(d.raw, header, t.webhookSecret);
          const fromText = sdk.verifyWebhook(d.text, header, t.webhookSecret);
          assert.deepEqual(fromBytes, JSON.parse(d.text), "event from the raw Buffer");
          assert.deepEqual(fromText, fromBytes, "event from the text");
          assert.match(fromBytes.id, /^evt_/, "event id");
          assert.ok(Number(header.slice(2, header.indexOf(","))) === fromBytes.createdAt, "t is the event's createdAt");
          webhookError(ctx, "no_signature_match")(attempt(ctx, d.text, header, "whsec_wrong").error);
        }
        const kycEvent = sdk.verifyWebhook(kyc[0].raw, kyc[0].headers["seismic-signature"], t.webhookSecret);
        assert.equal(kycEvent.data.accountId, accountId, "KYC.UPDATED data.accountId");
        assert.equal(kycEvent.data.status, "APPROVED", "KYC.UPDATED data.status");
        const updated = rx.received.filter(typeIs("CARD_TRANSACTION.UPDATED")).map((d) => sdk.verifyWebhook(d.raw, d.headers["seismic-signature"], t.webhookSecret));
        assert.equal(updated[0].data.transaction.status, "CLOSED", "settled purchase");
        assert.equal(updated[0].data.transaction.merchantName, "Café Ünïcode ✓", "UTF-8 merchant name survives");
        // What was delivered is what the sandbox recorded.
        const events = await recentEvents(ctx.sandboxUrl, t.clientId);
        const ids = new Set(events.map((e) => e.id));
        for (const d of rx.received) assert.ok(ids.has(JSON.parse(d.text).id), "delivered event is in /__sandbox/cards/events");
      } finally {
        await rx.close();
      }
    },
  },
  {
    name: "webhook (node): after a secret rotation deliveries carry two v1; the new and the old secret both verify",
    runtimes: ["node"],
    fn: async (ctx) => {
      const { assert, sdk } = ctx;
      const t = await createCardsTenant(ctx.sandboxUrl, { kycDelayMs: 50, cardholderDelayMs: 50 });
      const rx = await startReceiver(ctx);
      try {
        await addWebhookEndpoint(ctx.sandboxUrl, t.clientId, rx.url);
        const { webhookSecret: fresh } = await rotateWebhookSecret(ctx.sandboxUrl, t.clientId);
        assert.ok(typeof fresh === "string" && fresh && fresh !== t.webhookSecret, "a new secret");
        const client = new sdk.SeismicCardsClient({ baseUrl: ctx.sandboxUrl, clientId: t.clientId, clientSecret: t.clientSecret });
        await approvedAccount(client, t, { initialize: false });
        const [d] = await rx.waitFor("KYC.UPDATED", typeIs("KYC.UPDATED"));
        const header = d.headers["seismic-signature"];
        assert.match(header, /^t=\d+,v1=[0-9a-f]{64},v1=[0-9a-f]{64}$/, "two v1 while rotating");
        assert.deepEqual(sdk.verifyWebhook(d.raw, header, fresh), JSON.parse(d.text), "new secret");
        assert.deepEqual(sdk.verifyWebhook(d.raw, header, t.webhookSecret), JSON.parse(d.text), "old secret");
        expectRefused(ctx, "unrelated secret", "no_signature_match", d.raw, header, "whsec_unrelated");
        // A delivery replayed later than the tolerance is refused.
        const ts = Number(header.slice(2, header.indexOf(",")));
        expectRefused(ctx, "replayed 301 s later", "timestamp_outside_tolerance", d.raw, header, fresh, { now: (ts + 301) * 1000 });
      } finally {
        await rx.close();
      }
    },
  },
];

export const tests = [...pureTests, ...nodeTests];

/** For the benchmark and other suites: signs like the sandbox does. */
export { signHeader, sampleEvent };
