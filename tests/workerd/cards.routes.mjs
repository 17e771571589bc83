// Worker routes for the Cards checks driven from Node (tests/workerd/cards.checks.mjs). State in
// module scope lives as long as the isolate, like a real Worker's: one SeismicCardsClient per
// program, shared by every request, and widget token handlers built on it.
// No randomness, timers or I/O at module scope (workerd forbids them outside a request).

/** clientId -> SeismicCardsClient, created by the first request that needs it. */
const clients = new Map();
/** name -> (request) => Promise<Response>, configured by POST /cards/handler/configure. */
const handlers = new Map();

function json(body, status = 200) {
  return new Response(JSON.stringify(body), { status, headers: { "content-type": "application/json" } });
}

function sharedClient(sdk, env, clientId, clientSecret) {
  let client = clients.get(clientId);
  if (!client) {
    client = new sdk.SeismicCardsClient({ baseUrl: env.SANDBOX_URL, clientId, clientSecret });
    clients.set(clientId, client);
  }
  return client;
}

export const routes = {
  /**
   * POST { clientId, clientSecret, accountId, merchantId }: a few calls on the module-scope
   * client of that program (the first request(s) of a program need a token).
   */
  "/cards/concurrent": async (request, env, { sdk, formatError }) => {
    const { clientId, clientSecret, accountId, merchantId } = await request.json();
    const started = Date.now();
    try {
      const client = sharedClient(sdk, env, clientId, clientSecret);
      const bins = await client.bins.list({ accountId });
      const wallets = await client.wallets.list({ accountId: merchantId });
      return json({ ok: true, ms: Date.now() - started, bins: bins.list.length, wallet: wallets.list[0] && wallets.list[0].balance });
    } catch (e) {
      return json({ ok: false, ms: Date.now() - started, error: formatError(e) });
    }
  },

  /**
   * POST { name, clientId, clientSecret, accountId, cardIds, failWith? }: builds a widget token
   * handler kept in module scope. Its authorize() grants { accountId, cardIds } to
   * `Authorization: Bearer user`, an empty grant to `Bearer other`, null otherwise. With
   * `failWith`, the handler gets a fake client whose widgetToken rejects with that text.
   */
  "/cards/handler/configure": async (request, env, { sdk }) => {
    const { name, clientId, clientSecret, accountId, cardIds, failWith } = await request.json();
    const cards = failWith
      ? {
          cards: {
            widgetToken: async () => {
              const e = new Error(failWith);
              e.code = "40001";
              throw e;
            },
          },
        }
      : sharedClient(sdk, env, clientId, clientSecret);
    handlers.set(
      name,
      sdk.createWidgetTokenHandler({
        cards,
        authorize: async (req) => {
          const auth = req.headers.get("authorization");
          if (auth === "Bearer user") return { accountId, cardIds };
          if (auth === "Bearer other") return { accountId, cardIds: [] };
          return null;
        },
      }),
    );
    return json({ ok: true });
  },

  /** The configured handler answers the request itself (as a Worker's fetch would). */
  "/cards/handler": async (request) => {
    const name = new URL(request.url).searchParams.get("handler");
    const handler = handlers.get(name);
    if (!handler) return json({ ok: false, error: `no handler ${name}` }, 404);
    return handler(request);
  },
};
