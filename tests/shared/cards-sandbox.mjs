// Admin helpers for the seismic-sandbox's Seismic Cards API (global fetch; any runtime), and the
// setup steps of the issuance journey that several Cards tests share.

function trimUrl(url) {
  if (!url) throw new Error("sandbox URL missing (set SEISMIC_SANDBOX_URL)");
  return String(url).replace(/\/+$/, "");
}

async function adminCall(sandboxUrl, method, path, body) {
  const res = await fetch(trimUrl(sandboxUrl) + path, {
    method,
    headers: body === undefined ? {} : { "content-type": "application/json" },
    body: body === undefined ? undefined : JSON.stringify(body),
  });
  const text = await res.text();
  if (!res.ok) throw new Error(`sandbox admin ${method} ${path} -> ${res.status}: ${text.slice(0, 300)}`);
  try {
    return text ? JSON.parse(text) : {};
  } catch {
    throw new Error(`sandbox admin ${method} ${path} -> non-JSON body: ${text.slice(0, 300)}`);
  }
}

/**
 * Fresh isolated Cards program:
 * { clientId, clientSecret, parentAccountId, merchantId, defaultBinId, webhookSecret }.
 * opts: { tokenTtlSeconds, kycDelayMs, cardholderDelayMs, widgetTokenTtlSeconds, authCodeTtlSeconds }.
 */
export async function createCardsTenant(sandboxUrl, opts = {}) {
  const body = {};
  for (const k of ["tokenTtlSeconds", "kycDelayMs", "cardholderDelayMs", "widgetTokenTtlSeconds", "authCodeTtlSeconds"]) {
    if (opts[k] !== undefined) body[k] = opts[k];
  }
  const t = await adminCall(sandboxUrl, "POST", "/__sandbox/cards/tenants", body);
  for (const k of ["clientId", "clientSecret", "parentAccountId", "merchantId", "defaultBinId", "webhookSecret"]) {
    if (typeof t[k] !== "string" || !t[k]) throw new Error(`sandbox cards tenant response malformed (${k}): ${JSON.stringify(t)}`);
  }
  return t;
}

/** Revokes every access token of the program (the next call gets 40399). */
export function revokeTokens(sandboxUrl, clientId) {
  return adminCall(sandboxUrl, "POST", "/__sandbox/cards/revoke-tokens", { clientId });
}

/** { authorizeCalls, tokenCalls, requests } */
export async function getCardsStats(sandboxUrl, clientId) {
  const s = await adminCall(sandboxUrl, "GET", `/__sandbox/cards/stats?clientId=${encodeURIComponent(clientId)}`);
  return { authorizeCalls: Number(s.authorizeCalls), tokenCalls: Number(s.tokenCalls), requests: Number(s.requests) };
}

/**
 * Queue `count` faults on `path` (full path, e.g. "/v1/budgets"). when "before": answered with
 * `status` without processing; "after": processed, then the answer is replaced (a lost response).
 */
export function addCardsFault(sandboxUrl, clientId, { path, status, count = 1, when = "before", retryAfter } = {}) {
  const body = { clientId, path, status, count, when };
  if (retryAfter !== undefined) body.retryAfter = retryAfter;
  return adminCall(sandboxUrl, "POST", "/__sandbox/cards/faults", body);
}

export function addWebhookEndpoint(sandboxUrl, clientId, url) {
  return adminCall(sandboxUrl, "POST", "/__sandbox/cards/webhooks", { clientId, url });
}

/** { webhookSecret } (the previous secret keeps signing as the second v1). */
export function rotateWebhookSecret(sandboxUrl, clientId) {
  return adminCall(sandboxUrl, "POST", "/__sandbox/cards/webhook-secret/rotate", { clientId });
}

/** The program's most recent webhook events (sent or not), oldest first. */
export async function recentEvents(sandboxUrl, clientId) {
  const r = await adminCall(sandboxUrl, "GET", `/__sandbox/cards/events?clientId=${encodeURIComponent(clientId)}`);
  return r.events;
}

/** A simulated card purchase: { clientId, accountId, cardId, amount, merchantName?, outcome?, clientTransactionId? }. */
export function purchase(sandboxUrl, body) {
  return adminCall(sandboxUrl, "POST", "/__sandbox/cards/purchase", body);
}

export function settle(sandboxUrl, clientId, transactionId) {
  return adminCall(sandboxUrl, "POST", "/__sandbox/cards/settle", { clientId, transactionId });
}

/**
 * The widget's origin: ctx.widgetOrigin (SEISMIC_SANDBOX_WIDGET_ORIGIN, passed by the runners),
 * else whatever the sandbox tells (GET /__sandbox/health, a tenant answer). Throws if unknown.
 */
export async function widgetOriginOf(ctx, tenant) {
  if (ctx.widgetOrigin) return String(ctx.widgetOrigin).replace(/\/+$/, "");
  const pick = (o) => o && (o.widgetOrigin || o.widgetUrl || (o.cards && (o.cards.widgetOrigin || o.cards.widgetUrl)));
  if (pick(tenant)) return String(pick(tenant)).replace(/\/+$/, "");
  const health = await adminCall(ctx.sandboxUrl, "GET", "/__sandbox/health").catch(() => null);
  if (pick(health)) return String(pick(health)).replace(/\/+$/, "");
  throw new Error(
    `the widget origin is not discoverable from the sandbox URL (GET /__sandbox/health -> ${JSON.stringify(health)}; tenant has no widgetOrigin): set SEISMIC_SANDBOX_WIDGET_ORIGIN`,
  );
}

// ---------------------------------------------------------------------------------------------
// Journey steps (SDK calls).

let seq = 0;
/** Unique suffix for emails and referenceIds (no module-scope randomness: workerd forbids it). */
export function unique(prefix = "x") {
  const r = new Uint8Array(5);
  crypto.getRandomValues(r);
  seq += 1;
  return `${prefix}-${Date.now().toString(36)}-${seq}-${Array.from(r, (b) => b.toString(16).padStart(2, "0")).join("")}`;
}

export const sleep = (ms) => new Promise((r) => setTimeout(r, ms));

/** Calls `probe()` until `done(value)`; returns the value or throws after `timeoutMs`. */
export async function pollUntil(what, probe, done, { timeoutMs = 15000, intervalMs = 50 } = {}) {
  const start = Date.now();
  let last;
  for (;;) {
    last = await probe();
    if (done(last)) return last;
    if (Date.now() - start > timeoutMs) throw new Error(`${what}: not done after ${timeoutMs} ms (last: ${JSON.stringify(last)})`);
    await sleep(intervalMs);
  }
}

export const ADDRESS = { addressLine1: "123 Main St", addressLine2: "Apt 4B", city: "New York", state: "NY", country: "US", postalCode: "10001" };

/** Valid cardholder params for `accountId`. */
export function cardholderParams(tenant, accountId, extra = {}) {
  return {
    accountId,
    binId: tenant.defaultBinId,
    businessModel: "B2C_GATEWAY",
    referenceId: unique("ch"),
    firstName: "John",
    lastName: "Doe",
    email: `${unique("holder")}@example.com`,
    phoneCountryCode: "1",
    phoneNumber: "5551234567",
    address: { ...ADDRESS },
    ...extra,
  };
}

/** Registers a sub-account and waits for its KYC approval; returns { accountId, userId, email }. */
export async function approvedAccount(client, tenant, { initialize = true } = {}) {
  const email = `${unique("user")}@example.com`;
  const reg = await client.accounts.register({ name: "Jane Smith", email, phone: "+15551234567", parentAccountId: tenant.parentAccountId });
  await client.accounts.submitKyc({ accountId: reg.accountId, sourceType: "sumsub", sumsubShareToken: "_act-sbx-jwt-approve" });
  await pollUntil("KYC approval", () => client.accounts.kycStatus({ accountId: reg.accountId }), (s) => s && s.kyc && s.kyc.status === "APPROVED");
  if (initialize) await client.accounts.init({ accountId: reg.accountId });
  return { ...reg, email };
}

/** The USD wallet (objectType 0) of `accountId` as a transfer endpoint. */
export async function walletRef(client, accountId) {
  const w = await client.wallets.list({ accountId });
  const usd = (w.list || []).find((x) => x.objectType === 0);
  if (!usd) throw new Error(`no USD wallet for ${accountId}: ${JSON.stringify(w)}`);
  return { accountId, id: usd.id, currency: "USD" };
}

/** Moves `amount` master wallet -> user wallet -> budget. */
export async function fundBudget(client, tenant, accountId, budgetId, amount) {
  const from = { ...(await walletRef(client, tenant.merchantId)), businessType: 0 };
  const to = await walletRef(client, accountId);
  await client.transfers.external({ amount, from, to });
  return client.budgets.transferIn({ budgetId, accountId, amount });
}

/**
 * An approved account with an approved cardholder, a funded budget and an active virtual card:
 * { accountId, cardholderId, budgetId, cardId, card }.
 */
export async function fundedCard(client, tenant, { amount = "500.00", label = "Primary card" } = {}) {
  const { accountId } = await approvedAccount(client, tenant);
  const holder = await client.cardholders.create(cardholderParams(tenant, accountId));
  await pollUntil(
    "cardholder approval",
    () => client.cardholders.get({ cardholderId: holder.cardholderId, accountId }),
    (h) => h && h.status === "APPROVED",
  );
  const budget = await client.budgets.create({ accountId, name: "Travel Budget", currency: "USD" });
  await fundBudget(client, tenant, accountId, budget.budgetId, amount);
  const card = await client.cards.issue({
    accountId,
    binId: tenant.defaultBinId,
    cardMode: "VIRTUAL_CARD",
    cardholderId: holder.cardholderId,
    budgetId: budget.budgetId,
    referenceId: unique("card"),
    label,
  });
  return { accountId, cardholderId: holder.cardholderId, budgetId: budget.budgetId, cardId: card.cardId, card };
}

/** Decodes a JWT's payload (no verification). */
export function jwtPayload(token) {
  const part = String(token).split(".")[1];
  if (!part) throw new Error(`not a JWT: ${String(token).slice(0, 40)}`);
  const b64 = part.replace(/-/g, "+").replace(/_/g, "/").padEnd(part.length + ((4 - (part.length % 4)) % 4), "=");
  const bin = atob(b64);
  return JSON.parse(new TextDecoder().decode(Uint8Array.from(bin, (c) => c.charCodeAt(0))));
}
