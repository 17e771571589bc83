// The widget token handler (createWidgetTokenHandler) over a SeismicCardsClient; in workerd it
// runs inside the Worker's request.
// Every sandbox test creates its own program (tenant). The client secret is server-side only:
// these tests run in Node and workerd.
import { createCardsTenant, fundedCard, jwtPayload } from "./cards-sandbox.mjs";
import { SERVER, FAST, cardsClient, validation, expectClose } from "./cards-support.mjs";

async function handlerCall(handler, method, { cardId, auth, body, query } = {}) {
  const headers = {};
  if (auth) headers.authorization = `Bearer ${auth}`;
  let url = "https://app.example.test/api/widget-token";
  if (query !== undefined) url += `?${query}`;
  else if (method === "GET" && cardId !== undefined) url += `?cardId=${encodeURIComponent(cardId)}`;
  let payload;
  if (method !== "GET" && method !== "HEAD") {
    headers["content-type"] = "application/json";
    payload = body !== undefined ? body : JSON.stringify({ cardId });
  }
  const res = await handler(new Request(url, { method, headers, body: payload }));
  const text = await res.text();
  let json;
  try {
    json = JSON.parse(text);
  } catch {
    json = undefined;
  }
  return { status: res.status, headers: res.headers, text, json };
}

const handlerTests = [
  {
    name: "cards widget token handler: 401 unauthorized, 403 forbidden, 200 { token, expiresAt } with no-store; GET ?cardId=; 400; 405",
    fn: async (ctx) => {
      const { assert, sdk } = ctx;
      const t = await createCardsTenant(ctx.sandboxUrl, FAST);
      const client = cardsClient(ctx, t);
      const { accountId, cardId } = await fundedCard(client, t);
      const seen = [];
      const handler = sdk.createWidgetTokenHandler({
        cards: client,
        authorize: (request) => {
          seen.push(request);
          const auth = request.headers.get("authorization");
          if (auth === "Bearer alice") return { accountId, cardIds: [cardId] };
          if (auth === "Bearer bob") return { accountId, cardIds: ["someone-elses-card"] };
          if (auth === "Bearer async") return Promise.resolve({ accountId, cardIds: [cardId] });
          if (auth === "Bearer async-null") return Promise.resolve(null);
          return null;
        },
      });
      assert.equal(typeof handler, "function", "a (request) => Promise<Response>");
      const none = await handlerCall(handler, "POST", { cardId });
      assert.equal(none.status, 401, "no session");
      assert.deepEqual(none.json, { error: "unauthorized" });
      assert.equal((await handlerCall(handler, "POST", { cardId, auth: "async-null" })).status, 401, "async null");
      const bob = await handlerCall(handler, "POST", { cardId, auth: "bob" });
      assert.equal(bob.status, 403, "not this caller's card");
      assert.deepEqual(bob.json, { error: "forbidden" });
      for (const r of [none, bob]) assert.ok(!r.text.includes(accountId), "no account id in refusals");
      const ok = await handlerCall(handler, "POST", { cardId, auth: "alice" });
      assert.equal(ok.status, 200, `alice: ${ok.text}`);
      assert.equal(ok.headers.get("cache-control"), "no-store", "Cache-Control: no-store");
      assert.match(ok.headers.get("content-type") || "", /^application\/json/);
      assert.deepEqual(Object.keys(ok.json).sort(), ["expiresAt", "token"], "only token and expiresAt");
      const claims = jwtPayload(ok.json.token);
      assert.equal(claims.sub, cardId, "token for the card");
      assert.equal(claims.accountId, accountId);
      assert.equal(ok.json.expiresAt, claims.exp * 1000, "expiresAt is the JWT exp in ms");
      expectClose(ctx, ok.json.expiresAt, Date.now() + 300_000, 5000, "expiresAt ≈ now + 5 min");
      const viaGet = await handlerCall(handler, "GET", { cardId, auth: "alice" });
      assert.equal(viaGet.status, 200, `GET ?cardId=: ${viaGet.text}`);
      assert.equal(jwtPayload(viaGet.json.token).sub, cardId);
      assert.equal(viaGet.headers.get("cache-control"), "no-store");
      assert.equal((await handlerCall(handler, "POST", { cardId, auth: "async" })).status, 200, "async authorize");
      assert.ok(seen.every((r) => r instanceof Request), "authorize receives the Request");
      // Malformed requests
      const bad = [
        ["POST", { auth: "alice", body: "{not json" }],
        ["POST", { auth: "alice", body: "{}" }],
        ["POST", { auth: "alice", body: JSON.stringify({ cardId: 42 }) }],
        ["POST", { auth: "alice", body: JSON.stringify({ cardId: "" }) }],
        ["GET", { auth: "alice", query: "" }],
      ];
      for (const [method, opts] of bad) {
        const r = await handlerCall(handler, method, opts);
        assert.equal(r.status, 400, `${method} ${assert.show(opts)} -> 400 (${r.text})`);
        assert.deepEqual(r.json, { error: "invalid_request" });
      }
      for (const method of ["PUT", "DELETE", "PATCH"]) {
        const r = await handlerCall(handler, method, { cardId, auth: "alice" });
        assert.equal(r.status, 405, `${method} -> 405`);
      }
      // A card the API refuses (closed) -> 502 without the API's words.
      await client.cards.delete({ cardId, accountId });
      const closed = await handlerCall(handler, "POST", { cardId, auth: "alice" });
      assert.equal(closed.status, 502, "closed card");
      assert.deepEqual(closed.json, { error: "upstream_error" });
      assert.ok(!/closed|020002/i.test(closed.text), `upstream text not passed on: ${closed.text}`);
    },
  },
  {
    name: "cards widget token handler: an upstream failure -> 502 { error: 'upstream_error' } never carrying the upstream text (PAN-like)",
    fn: async (ctx) => {
      const { assert, sdk } = ctx;
      const PAN = "4111111111111111";
      const grant = { accountId: "acct-1", cardIds: ["card-1"] };
      const makeHandler = (widgetToken) => sdk.createWidgetTokenHandler({ cards: { cards: { widgetToken } }, authorize: () => grant });
      const variants = {
        "rejects with an Error": async () => {
          const e = new Error(`card ${PAN} exp 12/29 cvv 123 belongs to acct-1`);
          e.code = "40001";
          throw e;
        },
        "throws synchronously": () => {
          throw new Error(`PAN ${PAN}`);
        },
        "rejects with a string": () => Promise.reject(`raw ${PAN}`),
        "resolves without a token": async () => ({ accessToken: "", detail: PAN }),
        "resolves null": async () => null,
      };
      for (const [label, fn] of Object.entries(variants)) {
        const handler = makeHandler(fn);
        const r = await handlerCall(handler, "POST", { cardId: "card-1" });
        assert.equal(r.status, 502, `${label}: status`);
        assert.deepEqual(r.json, { error: "upstream_error" }, `${label}: body`);
        assert.ok(!r.text.includes(PAN) && !r.text.includes("acct-1") && !r.text.includes("cvv"), `${label}: upstream text leaked: ${r.text}`);
        assert.equal(r.headers.get("cache-control"), "no-store", `${label}: no-store`);
        for (const [k, v] of r.headers) assert.ok(!v.includes(PAN), `${label}: header ${k} leaks`);
      }
      // A real CardsApiError from the client (unknown card): same.
      const t = await createCardsTenant(ctx.sandboxUrl);
      const real = sdk.createWidgetTokenHandler({ cards: cardsClient(ctx, t), authorize: () => ({ accountId: t.parentAccountId, cardIds: ["no-such-card"] }) });
      const r = await handlerCall(real, "POST", { cardId: "no-such-card" });
      assert.equal(r.status, 502);
      assert.deepEqual(r.json, { error: "upstream_error" });
      // The factory checks its options.
      assert.throws(() => sdk.createWidgetTokenHandler({ cards: {}, authorize: () => null }), validation(ctx, "options.cards"), "cards must be a client");
      assert.throws(() => sdk.createWidgetTokenHandler({ cards: cardsClient(ctx, t) }), validation(ctx, "options.authorize"), "authorize required");
    },
  },
];

export const tests = handlerTests.map((t) => ({ runtimes: SERVER, ...t }));
