// Cards checks driven from Node against the worker's routes (tests/workerd/cards.routes.mjs):
// concurrent requests on one module-scope SeismicCardsClient, and the widget token handler
// answering requests as the Worker. Run by tests/run-workerd.mjs with
// env = { dispatch(path, init, ms?), sandboxUrl, widgetOrigin, pkgDir, assert }.
import { join } from "node:path";
import { pathToFileURL } from "node:url";
import { createCardsTenant, getCardsStats, revokeTokens, fundedCard, jwtPayload } from "../shared/cards-sandbox.mjs";

async function post(env, path, body, headers = {}) {
  const res = await env.dispatch(path, { method: "POST", headers: { "content-type": "application/json", ...headers }, body: JSON.stringify(body) });
  const text = await res.text();
  let json;
  try {
    json = JSON.parse(text);
  } catch {
    json = undefined;
  }
  return { status: res.status, headers: res.headers, text, json };
}

async function concurrent(env, t, n) {
  const body = { clientId: t.clientId, clientSecret: t.clientSecret, accountId: t.parentAccountId, merchantId: t.merchantId };
  const answers = await Promise.all(Array.from({ length: n }, () => post(env, "/cards/concurrent", body)));
  for (const a of answers) {
    if (!a.json || !a.json.ok) throw new Error(`a concurrent request failed (${a.status}): ${a.json ? a.json.error : a.text.slice(0, 300)}`);
  }
  return answers;
}

export const checks = [
  {
    name: "workerd cards: concurrent requests on one module-scope SeismicCardsClient, both needing a token, finish with one authorize",
    run: async (env) => {
      const { assert } = env;
      // Two requests racing for the first token of a fresh client.
      const t = await createCardsTenant(env.sandboxUrl);
      await concurrent(env, t, 2);
      let s = await getCardsStats(env.sandboxUrl, t.clientId);
      assert.equal(s.authorizeCalls, 1, "two concurrent first requests: authorizeCalls");
      assert.equal(s.tokenCalls, 1, "tokenCalls");
      // A later request reuses it.
      await concurrent(env, t, 1);
      assert.equal((await getCardsStats(env.sandboxUrl, t.clientId)).authorizeCalls, 1, "a third request reuses the token");
      // After a revocation, concurrent requests all meet 40399 and renew once.
      await revokeTokens(env.sandboxUrl, t.clientId);
      await concurrent(env, t, 3);
      s = await getCardsStats(env.sandboxUrl, t.clientId);
      assert.equal(s.authorizeCalls, 2, "one renewal for three concurrent requests after revocation");
      // Eight concurrent first requests on another fresh client.
      const t2 = await createCardsTenant(env.sandboxUrl);
      await concurrent(env, t2, 8);
      assert.equal((await getCardsStats(env.sandboxUrl, t2.clientId)).authorizeCalls, 1, "eight concurrent first requests: authorizeCalls");
    },
  },
  {
    name: "workerd cards: the widget token handler as the Worker's fetch (module-scope client): 401 / 403 / 200 no-store / 502 without upstream text",
    run: async (env) => {
      const { assert } = env;
      const t = await createCardsTenant(env.sandboxUrl, { kycDelayMs: 30, cardholderDelayMs: 30 });
      // The card is set up from Node with the Node build; the Worker mints its widget tokens.
      const sdk = await import(pathToFileURL(join(env.pkgDir, "node.js")).href);
      const client = new sdk.SeismicCardsClient({ baseUrl: env.sandboxUrl, clientId: t.clientId, clientSecret: t.clientSecret });
      const { accountId, cardId } = await fundedCard(client, t);
      const configured = await post(env, "/cards/handler/configure", { name: "real", clientId: t.clientId, clientSecret: t.clientSecret, accountId, cardIds: [cardId] });
      assert.equal(configured.status, 200, configured.text);
      const call = (auth, handler = "real") => post(env, `/cards/handler?handler=${handler}`, { cardId }, auth ? { authorization: `Bearer ${auth}` } : {});
      const none = await call(null);
      assert.equal(none.status, 401, `no session: ${none.text}`);
      assert.deepEqual(none.json, { error: "unauthorized" });
      const other = await call("other");
      assert.equal(other.status, 403, `not this caller's card: ${other.text}`);
      assert.deepEqual(other.json, { error: "forbidden" });
      // Two concurrent token requests on the fresh module-scope client (both need the OAuth token).
      const [a, b] = await Promise.all([call("user"), call("user")]);
      for (const ok of [a, b]) {
        assert.equal(ok.status, 200, `user: ${ok.text}`);
        assert.equal(ok.headers.get("cache-control"), "no-store", "Cache-Control: no-store");
        assert.equal(jwtPayload(ok.json.token).sub, cardId, "token for the card");
        assert.equal(ok.json.expiresAt, jwtPayload(ok.json.token).exp * 1000, "expiresAt");
      }
      const s = await getCardsStats(env.sandboxUrl, t.clientId);
      // One flow for the Node client that set the card up, one for the Worker's client.
      assert.equal(s.authorizeCalls, 2, "the Worker's two concurrent requests shared one token flow");
      // Upstream failure with a PAN-like message: 502, nothing of it in the answer.
      const PAN = "4111111111111111";
      await post(env, "/cards/handler/configure", { name: "failing", accountId, cardIds: [cardId], failWith: `card ${PAN} cvv 123 acct ${accountId}` });
      const failed = await call("user", "failing");
      assert.equal(failed.status, 502, `failing upstream: ${failed.text}`);
      assert.deepEqual(failed.json, { error: "upstream_error" });
      assert.ok(!failed.text.includes(PAN) && !failed.text.includes(accountId) && !failed.text.includes("cvv"), `upstream text leaked: ${failed.text}`);
      assert.equal(failed.headers.get("cache-control"), "no-store");
      // The real client on a closed card: 502 too.
      await client.cards.delete({ cardId, accountId });
      const closed = await call("user");
      assert.equal(closed.status, 502, `closed card: ${closed.text}`);
      assert.deepEqual(closed.json, { error: "upstream_error" });
    },
  },
];
