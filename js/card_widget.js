// The PCI card widget flow. Edge: a handler that mints a short-lived per-card token for a
// caller the integrator has authorized. Browser: an iframe on the widget's own origin that gets
// the token by postMessage and shows the card itself; the host page never sees card data.
import { makeError } from "./errors.js";

const json = (status, body) =>
  new Response(JSON.stringify(body), {
    status,
    headers: { "content-type": "application/json", "cache-control": "no-store" },
  });

// exp of a JWT, in ms. Not verified: only used to know when to fetch a fresh token.
function jwtExpiryMs(token) {
  try {
    const part = token.split(".")[1].replace(/-/g, "+").replace(/_/g, "/");
    const exp = JSON.parse(atob(part.padEnd(part.length + ((4 - (part.length % 4)) % 4), "="))).exp;
    return typeof exp === "number" ? exp * 1000 : undefined;
  } catch {
    return undefined;
  }
}

/** @internal Options were validated by the wasm wrapper. */
export function widgetTokenHandlerImpl(cards, authorize) {
  return async function handleWidgetTokenRequest(request) {
    if (request.method !== "POST" && request.method !== "GET") return json(405, { error: "method_not_allowed" });
    let cardId;
    try {
      cardId = request.method === "GET" ? new URL(request.url).searchParams.get("cardId") : (await request.json())?.cardId;
    } catch {
      return json(400, { error: "invalid_request" });
    }
    if (typeof cardId !== "string" || cardId === "") return json(400, { error: "invalid_request" });
    let grant;
    try {
      grant = await authorize(request);
    } catch {
      return json(500, { error: "authorize_failed" });
    }
    if (!grant) return json(401, { error: "unauthorized" });
    if (typeof grant.accountId !== "string" || !Array.isArray(grant.cardIds) || !grant.cardIds.includes(cardId)) {
      return json(403, { error: "forbidden" });
    }
    try {
      const data = await cards.cards.widgetToken({ cardId, accountId: grant.accountId });
      const token = data.accessToken;
      if (typeof token !== "string" || token === "") return json(502, { error: "upstream_error" });
      const expiresAt = jwtExpiryMs(token) ?? Date.now() + (Number(data.expiresIn) || 300) * 1000;
      return json(200, { token, expiresAt });
    } catch {
      // Upstream text is never passed on: it could carry account or card details.
      return json(502, { error: "upstream_error" });
    }
  };
}

const LOAD_TIMEOUT_MS = 10_000;
const EXPIRY_MARGIN_MS = 5_000;

/** @internal Options were validated by the wasm wrapper; `widgetUrl` is absolute. */
export function mountCardWidgetImpl(element, options, widgetUrl) {
  const origin = new URL(widgetUrl).origin;
  const fail = (code, message) => options.onError?.(makeError("card_widget", message, { code }));
  let iframe = null;
  let current = null; // { token, exp }
  let loadTimer = null;
  let frameLoaded = false;
  let retriedExpired = false;
  let disposed = false;

  const fetchToken = async () => {
    let answer;
    try {
      if (options.fetchToken) {
        answer = await options.fetchToken(options.cardId);
      } else {
        const res = await fetch(options.tokenUrl, {
          method: "POST",
          headers: { "content-type": "application/json" },
          credentials: "same-origin",
          body: JSON.stringify({ cardId: options.cardId }),
        });
        if (!res.ok) throw new Error(`token endpoint answered HTTP ${res.status}`);
        answer = await res.json();
      }
    } catch (e) {
      throw makeError("card_widget", `could not get a widget token: ${e?.message ?? e}`, { code: "token_fetch_failed" });
    }
    const token = typeof answer === "string" ? answer : answer?.token;
    if (typeof token !== "string" || token === "") {
      throw makeError("card_widget", "the token endpoint returned no token", { code: "token_fetch_failed" });
    }
    const exp = jwtExpiryMs(token) ?? (typeof answer?.expiresAt === "number" ? answer.expiresAt : undefined);
    if (exp !== undefined && exp <= Date.now()) {
      throw makeError("card_widget", "the token endpoint returned an expired token", { code: "token_expired" });
    }
    return { token, exp };
  };

  const sendToken = async () => {
    try {
      if (!current || (current.exp !== undefined && current.exp - Date.now() < EXPIRY_MARGIN_MS)) {
        try {
          current = await fetchToken();
        } catch (e) {
          // An endpoint that handed out a stale token (a cache, a slow hop) gets one more ask.
          if (e?.code !== "token_expired") throw e;
          current = await fetchToken();
        }
      }
      if (disposed || !iframe?.contentWindow) return;
      // The exact widget origin: the token can reach nothing else.
      iframe.contentWindow.postMessage({ type: "seismic-widget:init", token: current.token, style: options.style }, origin);
    } catch (e) {
      fail(e.code ?? "token_fetch_failed", e.message);
    }
  };

  const onMessage = (event) => {
    if (event.origin !== origin || !iframe || event.source !== iframe.contentWindow) return;
    const msg = event.data;
    if (!msg || typeof msg.type !== "string") return;
    if (msg.type === "seismic-widget:loaded") {
      clearTimeout(loadTimer);
      sendToken();
    } else if (msg.type === "seismic-widget:ready") {
      retriedExpired = false;
      options.onReady?.();
    } else if (msg.type === "seismic-widget:error") {
      if (msg.code === "token_expired" && !retriedExpired) {
        // An expired token gets a fresh one, not a broken frame.
        retriedExpired = true;
        current = null;
        sendToken();
      } else {
        fail(msg.code === "token_expired" ? "token_expired" : "token_invalid", `the widget refused the token (${msg.code})`);
      }
    } else if (msg.type === "seismic-widget:copy") {
      options.onCopy?.({ field: msg.field === "cvv" ? "cvv" : "number" });
    }
  };

  const load = () => {
    frameLoaded = false;
    iframe?.remove();
    iframe = document.createElement("iframe");
    iframe.title = "Card details";
    // The URL carries no token: it would reach logs, history and Referer headers.
    iframe.src = widgetUrl;
    iframe.setAttribute("sandbox", "allow-scripts allow-same-origin");
    iframe.setAttribute("allow", "clipboard-write");
    iframe.referrerPolicy = "no-referrer";
    iframe.style.cssText = "border:0;width:100%;height:220px;display:block";
    iframe.addEventListener("load", () => (frameLoaded = true));
    clearTimeout(loadTimer);
    loadTimer = setTimeout(() => {
      fail(frameLoaded ? "widget_blocked" : "widget_load_failed", frameLoaded ? "the widget frame loaded but never answered (blocked by a policy?)" : "the widget frame did not load");
    }, LOAD_TIMEOUT_MS);
    element.appendChild(iframe);
  };

  window.addEventListener("message", onMessage);
  current = null;
  load();
  return {
    /** Removes the widget and forgets its token. */
    unmount() {
      disposed = true;
      clearTimeout(loadTimer);
      window.removeEventListener("message", onMessage);
      iframe?.remove();
      iframe = null;
      current = null;
    },
    /** Reloads the widget with a freshly fetched token. */
    refresh() {
      if (disposed) return;
      current = null;
      retriedExpired = false;
      load();
    },
  };
}
