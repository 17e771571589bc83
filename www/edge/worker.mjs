// The demo's edge Worker (Cloudflare Workers, module syntax). It holds the secrets the browser
// must never see, and answers the dashboard:
//
//   POST /widget-token              { cardId } → { token, expiresAt }   (createWidgetTokenHandler)
//   GET  /cards                     the demo account's cards: [{ id, last4, status, label }]
//   POST /webhooks/cards            Seismic Cards webhooks, checked with verifyWebhook (400 / 200)
//   GET  /webhooks/recent           the last verified events, newest first
//   GET  /orchestration/orgs/current            ┐ orchestration calls made with the org API key
//   GET  /orchestration/customers/orders?…      │ (SeismicOrchestrationClient, apiKey from env);
//   GET  /orchestration/accounts?…              │ the key never leaves the Worker
//   GET  /orchestration/kyb/providers           ┘
//   GET  /envelope/balance          the envelope API master balance (EnvelopeClient)
//   GET  /health                    which parts are configured (no secrets)
//
// Who may call it (everything but /health and /webhooks/cards): the dashboard sends the
// logged-in user's orchestration access token, `Authorization: Bearer <access_token>`. The Worker
// asks the orchestration API which orgs that token's user belongs to (orgs.list() as that user)
// and grants access when one of them is the org of ORCHESTRATION_API_KEY; the answer is cached
// for at most a minute (and never past the token's expiry). A member gets the demo account's
// cards (DEMO_ACCOUNT_ID, DEMO_CARD_IDS); anyone else a 401 (no/invalid token) or 403.
// DEMO ONLY: one shared Cards account for every member of the org. A real product maps its own
// user to *their* cardholder account and cards here.
//
// Secrets (wrangler secret put …): CARDS_CLIENT_ID, CARDS_CLIENT_SECRET, CARDS_WEBHOOK_SECRET,
// ORCHESTRATION_API_KEY, ENVELOPE_API_KEY, ENVELOPE_ENCRYPTION_KEY. Plain vars: see wrangler.toml.
//
// Module scope holds only data and lazily built clients: workerd forbids I/O, timers and random
// values outside a request, and a promise started by one request must not be awaited by another
// (the SDK's clients cache token *data*, so sharing them across requests is safe).
import {
  EnvelopeClient,
  SeismicCardsClient,
  SeismicOrchestrationClient,
  WebhookVerificationError,
  createWidgetTokenHandler,
  isApiError,
  verifyWebhook,
} from "seismic-sdk";

/** Longest webhook body accepted (the sandbox's events are well under 4 KB). */
const MAX_WEBHOOK_BYTES = 256 * 1024;
/** How long a checked access token is trusted without asking the orchestration API again. */
const SESSION_CACHE_MS = 60_000;
/** Most cached sessions per isolate. */
const MAX_SESSIONS = 1000;

/** One state per configuration (clients, the key's org id, checked sessions), built lazily. */
const states = new Map();
/** Verified webhook events, newest last; shared by every configuration of the isolate. */
const recentEvents = [];

function state(env) {
  const key = [env.CARDS_BASE_URL, env.CARDS_ENVIRONMENT, env.CARDS_CLIENT_ID, env.ORCHESTRATION_BASE_URL, env.ORCHESTRATION_API_KEY, env.ENVELOPE_BASE_URL, env.ENVELOPE_API_KEY].join("\n");
  let s = states.get(key);
  if (!s) {
    s = { cards: null, widgetHandler: null, orchestration: null, envelope: null, keyOrgId: null, sessions: new Map() };
    states.set(key, s);
  }
  return s;
}

// ---------------------------------------------------------------------------------------------
// Clients (created by the first request that needs them, then shared by the isolate).

function cardsClient(env, s) {
  if (!s.cards) {
    if (!env.CARDS_CLIENT_ID || !env.CARDS_CLIENT_SECRET) throw notConfigured("cards");
    s.cards = new SeismicCardsClient({
      ...(env.CARDS_BASE_URL ? { baseUrl: env.CARDS_BASE_URL } : { environment: env.CARDS_ENVIRONMENT || "sandbox" }),
      clientId: env.CARDS_CLIENT_ID,
      clientSecret: env.CARDS_CLIENT_SECRET,
    });
  }
  return s.cards;
}

function orchestrationBaseUrl(env) {
  return env.ORCHESTRATION_BASE_URL || "https://orchestration-sandbox.seismic.systems/api";
}

/** The org's client: every call carries `Api-Key: ORCHESTRATION_API_KEY`. */
function orchestrationClient(env, s) {
  if (!s.orchestration) {
    if (!env.ORCHESTRATION_API_KEY) throw notConfigured("orchestration");
    s.orchestration = new SeismicOrchestrationClient({ baseUrl: orchestrationBaseUrl(env), apiKey: env.ORCHESTRATION_API_KEY });
  }
  return s.orchestration;
}

function envelopeClient(env, s) {
  if (!s.envelope) {
    if (!env.ENVELOPE_BASE_URL || !env.ENVELOPE_API_KEY || !env.ENVELOPE_ENCRYPTION_KEY) throw notConfigured("envelope");
    s.envelope = new EnvelopeClient({ baseUrl: env.ENVELOPE_BASE_URL, apiKey: env.ENVELOPE_API_KEY, encryptionKey: env.ENVELOPE_ENCRYPTION_KEY });
  }
  return s.envelope;
}

function demoCardIds(env) {
  return String(env.DEMO_CARD_IDS || "")
    .split(",")
    .map((id) => id.trim())
    .filter(Boolean);
}

// ---------------------------------------------------------------------------------------------
// The caller's session (see the header comment).

/** The expiry (ms) of a JWT, read without verification (only to bound the cache), or undefined. */
function jwtExpiryMs(token) {
  try {
    const part = token.split(".")[1].replace(/-/g, "+").replace(/_/g, "/");
    const exp = JSON.parse(atob(part.padEnd(part.length + ((4 - (part.length % 4)) % 4), "="))).exp;
    return typeof exp === "number" ? exp * 1000 : undefined;
  } catch {
    return undefined;
  }
}

/**
 * `null` without a valid access token, else `{ member }`: whether the token's user belongs to
 * the org of ORCHESTRATION_API_KEY. Upstream failures other than a refused token throw.
 */
async function session(request, env, s) {
  const match = /^Bearer\s+(\S+)$/i.exec(request.headers.get("authorization") || "");
  if (!match) return null;
  const token = match[1];
  const now = Date.now();
  const cached = s.sessions.get(token);
  if (cached && cached.until > now) return cached;

  if (!s.keyOrgId) s.keyOrgId = (await orchestrationClient(env, s).orgs.get()).id;
  // A client acting as the caller, for this request only: the token is theirs, never stored.
  const asCaller = new SeismicOrchestrationClient({
    baseUrl: orchestrationBaseUrl(env),
    getAccessToken: () => token,
    getRefreshToken: () => null,
  });
  let memberships;
  try {
    memberships = await asCaller.orgs.list();
  } catch (e) {
    if (isApiError(e) && (e.status === 401 || e.status === 403)) return null;
    throw e;
  }
  const member = memberships.some((m) => m && m.org && m.org.id === s.keyOrgId);
  const until = Math.min(now + SESSION_CACHE_MS, jwtExpiryMs(token) ?? now + SESSION_CACHE_MS);
  const checked = { member, until };
  if (s.sessions.size >= MAX_SESSIONS) {
    for (const [k, v] of s.sessions) if (v.until <= now) s.sessions.delete(k);
    if (s.sessions.size >= MAX_SESSIONS) s.sessions.clear();
  }
  s.sessions.set(token, checked);
  return checked;
}

/** The session of a member, or the Response refusing the caller. */
async function requireMember(request, env, s) {
  const who = await session(request, env, s);
  if (!who) return json(401, { error: "unauthorized" });
  if (!who.member) return json(403, { error: "forbidden" });
  return who;
}

// ---------------------------------------------------------------------------------------------
// Routes.

async function widgetToken(request, env, s) {
  if (!s.widgetHandler) {
    s.widgetHandler = createWidgetTokenHandler({
      cards: cardsClient(env, s),
      // The handler asks this for the caller's grant: null → 401, a card not listed → 403.
      authorize: async (req) => {
        const who = await session(req, env, s);
        if (!who) return null;
        return { accountId: env.DEMO_ACCOUNT_ID || "", cardIds: who.member ? demoCardIds(env) : [] };
      },
    });
  }
  return s.widgetHandler(request);
}

async function listCards(request, env, s) {
  const who = await requireMember(request, env, s);
  if (who instanceof Response) return who;
  const cards = cardsClient(env, s);
  const accountId = env.DEMO_ACCOUNT_ID || "";
  try {
    const found = await Promise.all(
      demoCardIds(env).map(async (cardId) => {
        const page = await cards.cards.get({ cardId, accountId });
        const card = (page.list || []).find((c) => c.cardId === cardId);
        // Only what a picker needs: never the PAN, CVV or expiry.
        return card ? { id: card.cardId, last4: card.last4, status: card.status, label: card.label ?? null } : null;
      }),
    );
    return json(200, { cards: found.filter(Boolean) });
  } catch {
    // As the widget token handler does: the upstream text could carry account or card details.
    return json(502, { error: "upstream_error" });
  }
}

async function receiveWebhook(request, env) {
  if (!env.CARDS_WEBHOOK_SECRET) return json(503, { error: "not_configured" });
  const length = Number(request.headers.get("content-length") || 0);
  if (length > MAX_WEBHOOK_BYTES) return json(413, { error: "too_large" });
  const raw = new Uint8Array(await request.arrayBuffer());
  if (raw.length > MAX_WEBHOOK_BYTES) return json(413, { error: "too_large" });
  let event;
  try {
    // The exact bytes received: a re-serialised body would not match the signature.
    event = verifyWebhook(raw, request.headers.get("seismic-signature") || "", env.CARDS_WEBHOOK_SECRET);
  } catch (e) {
    if (e instanceof WebhookVerificationError) return json(400, { error: "invalid_signature", reason: e.code });
    throw e;
  }
  const keep = Math.max(1, Number(env.WEBHOOK_HISTORY) || 50);
  // A redelivery of an event already kept replaces nothing.
  if (!recentEvents.some((e) => e.id === event.id)) {
    recentEvents.push({ id: event.id, type: event.type, createdAt: event.createdAt, data: event.data, receivedAt: Date.now() });
    while (recentEvents.length > keep) recentEvents.shift();
  }
  return json(200, { received: true });
}

async function listWebhooks(request, env, s) {
  const who = await requireMember(request, env, s);
  if (who instanceof Response) return who;
  return json(200, { events: [...recentEvents].reverse() });
}

/** Query parameters of `names` present in `url`, as the client's filter object. */
function filters(url, names) {
  const out = {};
  for (const name of names) {
    const values = url.searchParams.getAll(name);
    if (values.length === 1) out[name] = values[0];
    else if (values.length > 1) out[name] = values;
  }
  return out;
}

const ORCHESTRATION_ROUTES = {
  "/orchestration/orgs/current": (api) => api.orgs.get(),
  "/orchestration/kyb/providers": (api) => api.orgs.kyb.providers(),
  "/orchestration/customers/orders": (api, url) => api.customers.orders(filters(url, ["customer_id", "direction", "status"])),
  "/orchestration/accounts": (api, url) => api.accounts.list(filters(url, ["customer_id", "currencies", "rails", "status"])),
};

async function orchestration(request, env, s, url) {
  const call = ORCHESTRATION_ROUTES[url.pathname];
  if (!call) return json(404, { error: "not_found" });
  if (request.method !== "GET") return json(405, { error: "method_not_allowed" });
  const who = await requireMember(request, env, s);
  if (who instanceof Response) return who;
  try {
    return json(200, await call(orchestrationClient(env, s), url));
  } catch (e) {
    // The API's own code and message (they describe the request, never the key); 5xx and
    // transport failures become a plain 502.
    if (isApiError(e) && e.status >= 400 && e.status < 500) return json(e.status, { error: { code: e.code, message: e.message } });
    return json(502, { error: { code: "upstream_error", message: "the orchestration API did not answer" } });
  }
}

async function envelopeBalance(request, env, s) {
  const who = await requireMember(request, env, s);
  if (who instanceof Response) return who;
  try {
    const { data } = await envelopeClient(env, s).request("/master/balance", {});
    return json(200, { balance: data.balance, currency: data.currency });
  } catch (e) {
    if (e && e.code === "not_configured") throw e;
    return json(502, { error: "upstream_error" });
  }
}

function health(env) {
  return json(200, {
    ok: true,
    cards: Boolean(env.CARDS_CLIENT_ID && env.CARDS_CLIENT_SECRET),
    webhooks: Boolean(env.CARDS_WEBHOOK_SECRET),
    orchestration: Boolean(env.ORCHESTRATION_API_KEY),
    envelope: Boolean(env.ENVELOPE_BASE_URL && env.ENVELOPE_API_KEY && env.ENVELOPE_ENCRYPTION_KEY),
    demoCards: demoCardIds(env).length,
  });
}

// ---------------------------------------------------------------------------------------------
// Plumbing: JSON answers and CORS for the dashboard's origin(s).

function json(status, body) {
  return new Response(JSON.stringify(body), {
    status,
    headers: { "content-type": "application/json; charset=utf-8", "cache-control": "no-store", "x-content-type-options": "nosniff" },
  });
}

function notConfigured(part) {
  return Object.assign(new Error(`${part} is not configured`), { code: "not_configured", part });
}

/** CORS headers when the request comes from an allowed origin (ALLOWED_ORIGIN, comma-separated). */
function cors(request, env) {
  const origin = request.headers.get("origin");
  const allowed = String(env.ALLOWED_ORIGIN || "")
    .split(",")
    .map((o) => o.trim().replace(/\/+$/, ""))
    .filter(Boolean);
  if (!origin || !allowed.includes(origin)) return null;
  return {
    "access-control-allow-origin": origin,
    "access-control-allow-methods": "GET, POST, OPTIONS",
    "access-control-allow-headers": "authorization, content-type",
    "access-control-max-age": "600",
  };
}

function withHeaders(response, headers) {
  const out = new Response(response.body, response);
  for (const [k, v] of Object.entries(headers || {})) out.headers.set(k, v);
  out.headers.append("vary", "Origin");
  return out;
}

async function route(request, env, url) {
  const s = state(env);
  const { pathname } = url;
  const method = request.method;
  if (pathname === "/health" && method === "GET") return health(env);
  if (pathname === "/widget-token") return widgetToken(request, env, s);
  if (pathname === "/cards") return method === "GET" ? listCards(request, env, s) : json(405, { error: "method_not_allowed" });
  if (pathname === "/webhooks/cards") return method === "POST" ? receiveWebhook(request, env) : json(405, { error: "method_not_allowed" });
  if (pathname === "/webhooks/recent") return method === "GET" ? listWebhooks(request, env, s) : json(405, { error: "method_not_allowed" });
  if (pathname.startsWith("/orchestration/")) return orchestration(request, env, s, url);
  if (pathname === "/envelope/balance") return method === "GET" ? envelopeBalance(request, env, s) : json(405, { error: "method_not_allowed" });
  return json(404, { error: "not_found" });
}

export default {
  async fetch(request, env) {
    const url = new URL(request.url);
    const corsHeaders = url.pathname === "/webhooks/cards" ? null : cors(request, env);
    if (request.method === "OPTIONS") {
      return corsHeaders ? withHeaders(new Response(null, { status: 204 }), corsHeaders) : withHeaders(json(403, { error: "origin_not_allowed" }));
    }
    let response;
    try {
      response = await route(request, env, url);
    } catch (e) {
      response = e && e.code === "not_configured" ? json(503, { error: "not_configured", part: e.part }) : json(500, { error: "internal_error" });
      if (!(e && e.code === "not_configured")) console.error(`edge worker: ${request.method} ${url.pathname}: ${e && e.stack ? e.stack : e}`);
    }
    return withHeaders(response, corsHeaders);
  },
};
