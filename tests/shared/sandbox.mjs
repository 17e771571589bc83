// Admin and raw-protocol helpers for the seismic-sandbox (uses the global fetch; any runtime).

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

/** Fresh isolated tenant: { apiKey, encryptionKey (base64), masterBalance }. */
export async function createTenant(sandboxUrl, opts = {}) {
  const body = {};
  if (opts.masterBalance !== undefined) body.masterBalance = opts.masterBalance;
  const t = await adminCall(sandboxUrl, "POST", "/__sandbox/envelope/tenants", body);
  if (!t || typeof t.apiKey !== "string" || typeof t.encryptionKey !== "string") {
    throw new Error(`sandbox tenant response malformed: ${JSON.stringify(t)}`);
  }
  return t;
}

export function setClock(sandboxUrl, apiKey, offsetMs) {
  return adminCall(sandboxUrl, "POST", "/__sandbox/envelope/clock", { apiKey, offsetMs });
}

/**
 * Inject `count` faults on `path` (the API path below /api/v1, e.g. "/cards/topup").
 * when "before": answered with `status` without processing; "after": processed, then the
 * response is replaced by the fault (a lost response).
 */
export function addFault(sandboxUrl, apiKey, { path, status, count = 1, when = "before", retryAfter } = {}) {
  const body = { apiKey, path: apiPath(path), status, count, when };
  if (retryAfter !== undefined) body.retryAfter = retryAfter;
  return adminCall(sandboxUrl, "POST", "/__sandbox/envelope/faults", body);
}

/** { requests, masterBalance, orders } */
export function getStats(sandboxUrl, apiKey) {
  return adminCall(sandboxUrl, "GET", `/__sandbox/envelope/stats?apiKey=${encodeURIComponent(apiKey)}`);
}

/** Full request path as the sandbox sees it. Admin fault paths use this form. */
export function apiPath(path) {
  return path.startsWith("/api/v1") ? path : "/api/v1" + path;
}

/**
 * Raw POST of an already-sealed body. Returns { status, headers, text, json } (json is
 * undefined when the body is not JSON).
 */
export async function rawPost(sandboxUrl, apiKey, path, body, extraHeaders = {}) {
  const headers = { "content-type": "application/json", ...extraHeaders };
  if (apiKey !== null && apiKey !== undefined) headers["API-KEY"] = apiKey;
  const res = await fetch(trimUrl(sandboxUrl) + apiPath(path), {
    method: "POST",
    headers,
    body: typeof body === "string" ? body : JSON.stringify(body),
  });
  const text = await res.text();
  let json;
  try {
    json = JSON.parse(text);
  } catch {
    json = undefined;
  }
  return { status: res.status, headers: res.headers, text, json };
}

let counter = 0;
/** Unique-enough id for external_user_id etc. (no module-scope randomness: workerd forbids it). */
export function uniqueId(prefix = "ext") {
  const r = new Uint8Array(6);
  crypto.getRandomValues(r);
  counter += 1;
  return `${prefix}-${Date.now().toString(36)}-${counter}-${Array.from(r, (b) => b.toString(16).padStart(2, "0")).join("")}`;
}

/**
 * Starts a hostile server: another origin of the same sandbox (same tenants and keys) where
 * the first matching rule answers instead of the real API. A rule is
 * { method?, path ("/exact" or "/prefix*"), count?, status = 200, headers = {}, body = "",
 *   bodyBytes? (filler of exactly that many bytes), contentLength = true, delayMs?,
 *   chunkDelayMs?, pass? (only delay, then forward) }.
 * Returns { id, origin, state(), close() }: state() resolves to { requests, responses } (every
 * request received, and { rule, bytesSent, finished } per rule-generated body); close() stops
 * the listener (calling it again does nothing; a client still holding a keep-alive connection
 * to the origin may see one socket error before connections are refused).
 */
export async function hostileServer(sandboxUrl, rules = []) {
  const created = await adminCall(sandboxUrl, "POST", "/__sandbox/hostile/servers", { rules });
  if (!created || typeof created.id !== "string" || typeof created.origin !== "string") {
    throw new Error(`sandbox hostile server response malformed: ${JSON.stringify(created)}`);
  }
  const path = `/__sandbox/hostile/servers/${encodeURIComponent(created.id)}`;
  let closed;
  return {
    id: created.id,
    origin: created.origin,
    async state() {
      const { requests, responses } = await adminCall(sandboxUrl, "GET", path);
      return { requests, responses };
    },
    close() {
      // One DELETE however often it is called, so cleanup hooks may call it freely.
      closed ??= adminCall(sandboxUrl, "DELETE", path).then(() => undefined);
      return closed;
    },
  };
}
