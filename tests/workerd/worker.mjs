// Test worker for workerd (run by tests/run-workerd.mjs through Miniflare). The runner copies
// this file, the shared suites and the package into one temp tree:
//   <tmp>/pkg/workerd.js   <tmp>/tests/shared/*.mjs   <tmp>/tests/workerd/{worker,suites.gen}.mjs
// Routes:  GET /list · POST /run?name=… (body { vectors }) · POST /concurrent (body { apiKey, encryptionKey, tag })
// plus the routes exported by tests/workerd/*.routes.mjs (`export const routes = { "/path":
// (request, env, { sdk, formatError }) => Response }`), for checks the runner drives from outside
// (tests/workerd/*.checks.mjs): module-scope state there lives as long as the isolate.
import * as sdk from "../../pkg/workerd.js";
import assert from "../shared/assert.mjs";
import { runTest, collectTests, formatError } from "../shared/harness.mjs";
import { suites } from "./suites.gen.mjs";
import { routeModules } from "./routes.gen.mjs";

// Module scope: no randomness, timers or I/O here (workerd forbids them outside a request).
let tests;
let loadError;
try {
  tests = collectTests(suites, "workerd");
} catch (e) {
  loadError = formatError(e);
}

const extraRoutes = Object.assign({}, ...routeModules.map((m) => m.routes || {}));

/** One EnvelopeClient shared by every request of the isolate (per tenant), created lazily. */
const sharedClients = new Map();

function json(body, status = 200) {
  return new Response(JSON.stringify(body), { status, headers: { "content-type": "application/json" } });
}

export default {
  async fetch(request, env) {
    const url = new URL(request.url);
    if (loadError) return json({ error: loadError }, 500);
    if (url.pathname === "/list") return json({ names: tests.map((t) => t.name) });

    if (url.pathname === "/run") {
      const name = url.searchParams.get("name");
      const t = tests.find((x) => x.name === name);
      if (!t) return json({ name, ok: false, ms: 0, error: `no such test ${name}` }, 404);
      const body = request.method === "POST" ? await request.json() : {};
      const ctx = {
        sdk,
        assert,
        runtime: "workerd",
        sandboxUrl: env.SANDBOX_URL || undefined,
        noAccessKey: env.NOACCESS_KEY || undefined,
        widgetOrigin: env.WIDGET_ORIGIN || undefined,
        vectors: body.vectors,
      };
      return json(await runTest(t, ctx, Number(env.TEST_TIMEOUT_MS || 60000)));
    }

    if (url.pathname === "/concurrent") {
      // Several requests use one module-scope client at once; none may hang on a promise
      // created by another request.
      const { apiKey, encryptionKey, tag, topupCardId } = await request.json();
      const started = Date.now();
      try {
        let client = sharedClients.get(apiKey);
        if (!client) {
          client = new sdk.EnvelopeClient({ baseUrl: env.SANDBOX_URL, apiKey, encryptionKey });
          sharedClients.set(apiKey, client);
        }
        const balance = await client.request("/master/balance", {});
        const created = await client.cards.create({ external_user_id: `wd-${tag}`, amount: "1.00" });
        let topped;
        if (topupCardId) topped = await client.cards.topup({ card_id: topupCardId, amount: "1.00" });
        return json({ ok: true, ms: Date.now() - started, balance, created, topped });
      } catch (e) {
        return json({ ok: false, ms: Date.now() - started, error: formatError(e) });
      }
    }
    const route = extraRoutes[url.pathname];
    if (route) {
      try {
        return await route(request, env, { sdk, formatError });
      } catch (e) {
        return json({ ok: false, error: formatError(e) }, 500);
      }
    }
    return json({ error: "not found" }, 404);
  },
};
