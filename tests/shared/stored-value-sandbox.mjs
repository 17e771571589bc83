// Admin helpers for the seismic-sandbox's stored-value (gift card) API (global fetch; any runtime).

/** Test card numbers of the spec; every tenant starts with each issued at "100.00" USD. */
export const TEST_CARDS = [
  "4242424242424242",
  "4012888888881881",
  "4000056655665556",
  "5555555555554444",
  "5200828282828210",
  "5105105105105100",
  "378282246310005",
  "371449635398431",
  "6011111111111117",
  "6011000990139424",
  "30569309025904",
  "38520000023237",
  "3530111333300000",
  "3566002020360505",
  "6006493880499919454",
  "2063025100129939",
  "2063025100208604",
  "2063025100319447",
  "2063025100489025",
  "2063025100553531",
  "2063025100624857",
  "2063025100793656",
  "2063025100806258",
  "2063025100999300",
];

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

/** Fresh isolated stored-value tenant: { apiKey, merchantId }. */
export async function createSvTenant(sandboxUrl) {
  const t = await adminCall(sandboxUrl, "POST", "/__sandbox/stored-value/tenants", {});
  if (!t || typeof t.apiKey !== "string" || !t.apiKey || t.merchantId === undefined) {
    throw new Error(`sandbox stored-value tenant response malformed: ${JSON.stringify(t)}`);
  }
  return t;
}

/**
 * Inject `count` faults on `path` (full request path, e.g. "/v2/transactions").
 * when "before": answered with `status` without processing; "after": processed, then the
 * response is replaced by the fault (a lost response).
 */
export function addSvFault(sandboxUrl, apiKey, { path, status, count = 1, when = "before", retryAfter } = {}) {
  const body = { apiKey, path, status, count, when };
  if (retryAfter !== undefined) body.retryAfter = retryAfter;
  return adminCall(sandboxUrl, "POST", "/__sandbox/stored-value/faults", body);
}

/** { requests, transactions, cards: { "<number>": "<balance>" } } */
export function getSvStats(sandboxUrl, apiKey) {
  return adminCall(sandboxUrl, "GET", `/__sandbox/stored-value/stats?apiKey=${encodeURIComponent(apiKey)}`);
}

/** Raw request to the stored-value API: { status, headers, text, json }. */
export async function svRaw(sandboxUrl, apiKey, method, path, body) {
  const headers = {};
  if (apiKey !== null && apiKey !== undefined) headers.authorization = `Bearer ${base64Utf8(apiKey)}`;
  if (body !== undefined) headers["content-type"] = "application/json";
  const res = await fetch(trimUrl(sandboxUrl) + path, { method, headers, body: body === undefined ? undefined : JSON.stringify(body) });
  const text = await res.text();
  let json;
  try {
    json = JSON.parse(text);
  } catch {
    json = undefined;
  }
  return { status: res.status, headers: res.headers, text, json };
}

/** base64 of the UTF-8 bytes of `s` (what `Authorization: Bearer` carries). */
export function base64Utf8(s) {
  const bytes = new TextEncoder().encode(s);
  let bin = "";
  for (const b of bytes) bin += String.fromCharCode(b);
  return btoa(bin);
}

/** A card number no tenant has issued yet (19 digits, starts with 7). */
export function freshCardNumber() {
  const r = new Uint8Array(18);
  crypto.getRandomValues(r);
  return "7" + Array.from(r, (b) => String(b % 10)).join("");
}
