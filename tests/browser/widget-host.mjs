// Helpers of the PCI card widget checks (widget.runner.mjs): the per-run state its token routes
// read, the node:http <-> fetch plumbing of those routes, a funded card of a fresh program,
// opening the host page (tests/browser/widget.html) and mounting the widget in it, finding the
// widget's frame, screenshots, and the searches for card data in what the host page can read
// (scanHostPage, run in the page) and in the host origin's traffic (scanHostTraffic).
// Not named *.runner.mjs: tests/run-browser.mjs would load it as a runner hook of its own.
import { join } from "node:path";
import { pathToFileURL } from "node:url";
import { createCardsTenant, fundedCard, jwtPayload } from "../shared/cards-sandbox.mjs";

const FAST = { kycDelayMs: 30, cardholderDelayMs: 30 };
const SESSION_COOKIE = "seismic_session";

/** Per-run state the routes read; each check sets what it needs. */
export const state = { handler: null, source: null, sourceCalls: [] };
let nodeSdk;

async function sdkOf(env) {
  if (!nodeSdk) nodeSdk = await import(pathToFileURL(join(env.pkgDir, "node.js")).href);
  return nodeSdk;
}

export async function readBody(req) {
  const chunks = [];
  for await (const c of req) chunks.push(c);
  return chunks.length ? Buffer.concat(chunks) : undefined;
}

/** node:http request -> fetch Request, handler -> Response -> node:http response. */
export async function serveWith(handler, req, res, origin) {
  const body = await readBody(req);
  const headers = new Headers();
  for (const [k, v] of Object.entries(req.headers)) headers.set(k, Array.isArray(v) ? v.join(", ") : v);
  const request = new Request(origin + req.url, { method: req.method, headers, body: req.method === "GET" || req.method === "HEAD" ? undefined : body });
  const response = await handler(request);
  const out = {};
  response.headers.forEach((v, k) => (out[k] = v));
  res.writeHead(response.status, out);
  res.end(Buffer.from(await response.arrayBuffer()));
}

export function sendJson(res, status, body) {
  res.writeHead(status, { "content-type": "application/json", "cache-control": "no-store" });
  res.end(JSON.stringify(body));
}

/** An issued card of a fresh program, its sensitive data (fetched server-side), the client. */
export async function setupCard(env, tenantOpts = FAST) {
  const sdk = await sdkOf(env);
  const t = await createCardsTenant(env.sandboxUrl, { ...FAST, ...tenantOpts });
  const client = new sdk.SeismicCardsClient({ baseUrl: env.sandboxUrl, clientId: t.clientId, clientSecret: t.clientSecret });
  const card = await fundedCard(client, t, { label: "Widget test card" });
  const sensitive = await client.cards.sensitiveData({ cardId: card.cardId, accountId: card.accountId });
  return { sdk, t, client, ...card, sensitive };
}

export function useTokenHandler(setup) {
  state.handler = setup.sdk.createWidgetTokenHandler({
    cards: setup.client,
    authorize: (request) => {
      const cookie = request.headers.get("cookie") || "";
      return new RegExp(`(?:^|;\\s*)${SESSION_COOKIE}=user(?:;|$)`).test(cookie) ? { accountId: setup.accountId, cardIds: [setup.cardId] } : null;
    },
  });
}

/** Fresh widget tokens for every fetchToken call (from the Node client). */
export function freshTokens(setup) {
  return async () => {
    const wt = await setup.client.cards.widgetToken({ cardId: setup.cardId, accountId: setup.accountId });
    return { token: wt.accessToken, expiresAt: jwtPayload(wt.accessToken).exp * 1000 };
  };
}

export async function openHost(env, { query = "", cookie = true } = {}) {
  if (cookie) await env.context.addCookies([{ name: SESSION_COOKIE, value: "user", url: env.origin }]);
  else await env.context.clearCookies();
  const page = await env.context.newPage();
  const diagnostics = [];
  page.on("pageerror", (e) => diagnostics.push(`pageerror: ${e.message}`));
  page.on("console", (m) => {
    if (m.type() === "error") diagnostics.push(`console.error: ${m.text()}`);
  });
  const responses = [];
  page.on("response", (r) => {
    const entry = { url: r.url(), status: r.status(), headers: r.headers(), frameIsMain: safe(() => r.frame() === page.mainFrame(), null) };
    entry.body = r.body().then(
      (b) => b,
      () => null,
    );
    responses.push(entry);
  });
  const requests = [];
  page.on("request", (r) => requests.push({ url: r.url(), method: r.method(), postData: r.postData() }));
  await page.goto(`${env.origin}/tests/browser/widget.html${query}`);
  await page.waitForFunction(() => window.__widgetHostReady || window.__widgetHostError, null, { timeout: 30000 });
  const bootError = await page.evaluate(() => window.__widgetHostError);
  if (bootError) throw new Error(`widget host page failed to boot: ${bootError}`);
  return { page, diagnostics, responses, requests };
}

function safe(fn, fallback) {
  try {
    return fn();
  } catch {
    return fallback;
  }
}

export async function mount(host, opts, timeoutMs = 30000) {
  return host.page.evaluate(({ opts, timeoutMs }) => window.__widgetHost.mount({ waitMs: timeoutMs, ...opts }), { opts, timeoutMs });
}

export function widgetFrame(env, page) {
  const frames = page.frames().filter((f) => f !== page.mainFrame() && f.url().startsWith(env.widgetOrigin + "/"));
  if (frames.length !== 1) throw new Error(`expected one widget frame on ${env.widgetOrigin}, got ${frames.length}: ${page.frames().map((f) => f.url()).join(", ")}`);
  return frames[0];
}

export const grouped = (pan) => pan.replace(/(\d{4})(?=\d)/g, "$1 ");

/**
 * Runs in the host page: everything the page can read, searched for the card data.
 * Returns { hits: [where...], iframeContentDocument, iframeDocumentError, scanned }.
 */
export function scanHostPage({ pan, cvv, expiry }) {
  const needles = [pan, pan.replace(/(\d{4})(?=\d)/g, "$1 "), pan.replace(/(\d{4})(?=\d)/g, "$1-")];
  const hits = [];
  const digitsOnly = (s) => s.replace(/[\s-]/g, "");
  const checkString = (s, where) => {
    if (typeof s !== "string") return;
    if (needles.some((n) => s.includes(n)) || digitsOnly(s).includes(pan)) hits.push(`${where}: PAN`);
    if (s.trim() === cvv) hits.push(`${where}: CVV (${JSON.stringify(s)})`);
    if (new RegExp(`(cvv|cvc|securityCode)\\W{0,6}${cvv}(?!\\d)`, "i").test(s)) hits.push(`${where}: CVV with its label`);
  };
  // 1. The DOM: serialized markup, every text node and attribute, form values.
  const html = document.documentElement.outerHTML;
  checkString(html, "document.documentElement.outerHTML");
  const walker = document.createTreeWalker(document.documentElement, NodeFilter.SHOW_TEXT | NodeFilter.SHOW_ELEMENT);
  let nodes = 0;
  for (let n = walker.currentNode; n; n = walker.nextNode()) {
    nodes++;
    if (n.nodeType === Node.TEXT_NODE) checkString(n.nodeValue, "text node");
    else {
      for (const a of n.attributes) checkString(a.value, `<${n.tagName.toLowerCase()} ${a.name}>`);
      if ("value" in n) checkString(String(n.value), `<${n.tagName.toLowerCase()}>.value`);
    }
  }
  checkString(document.body.innerText, "document.body.innerText");
  // 2. The frame itself: cross-origin, so its document must be out of reach.
  const iframe = document.querySelector("iframe");
  const iframeContentDocument = iframe ? iframe.contentDocument !== null : null;
  let iframeDocumentError = null;
  if (iframe) {
    try {
      const d = iframe.contentWindow.document;
      checkString(d.documentElement.outerHTML, "iframe.contentWindow.document");
    } catch (e) {
      iframeDocumentError = e.name;
    }
  }
  // 3. Storage, cookies, URL, history, performance entries.
  checkString(document.cookie, "document.cookie");
  checkString(location.href, "location.href");
  for (const store of ["localStorage", "sessionStorage"]) {
    try {
      const s = window[store];
      for (let i = 0; i < s.length; i++) checkString(`${s.key(i)}=${s.getItem(s.key(i))}`, store);
    } catch {
      /* unavailable */
    }
  }
  for (const e of performance.getEntries()) checkString(e.name, "performance entry");
  // 4. JS globals reachable from window (depth-limited walk; DOM nodes were covered above).
  const seen = new WeakSet();
  let values = 0;
  const skip = new Set(["window", "self", "top", "parent", "frames", "globalThis", "document", "opener", "frameElement"]);
  const walk = (v, path, depth) => {
    values++;
    if (typeof v === "string") return checkString(v, path);
    if (typeof v === "number" || typeof v === "bigint") {
      if (String(v) === pan) hits.push(`${path}: PAN as a number`);
      return;
    }
    if (v === null || (typeof v !== "object" && typeof v !== "function")) return;
    if (seen.has(v) || depth > 5) return;
    seen.add(v);
    if (typeof Node !== "undefined" && v instanceof Node) return;
    if (v === window.__widgetHost?.realNow) return;
    let keys;
    try {
      keys = Reflect.ownKeys(v);
    } catch {
      return;
    }
    for (const k of keys.slice(0, 2000)) {
      if (typeof k === "symbol") continue;
      let child;
      try {
        const d = Object.getOwnPropertyDescriptor(v, k);
        if (d && "get" in d && d.get && depth > 0) continue; // do not trigger accessors deep inside
        child = v[k];
      } catch {
        continue;
      }
      walk(child, `${path}.${String(k)}`, depth + 1);
    }
    if (v instanceof Map) for (const [k, x] of v) walk(x, `${path}.get(${String(k)})`, depth + 1);
    if (v instanceof Set) for (const x of v) walk(x, `${path}.<set>`, depth + 1);
  };
  for (const k of Object.getOwnPropertyNames(window)) {
    if (skip.has(k)) continue;
    let v;
    try {
      v = window[k];
    } catch {
      continue;
    }
    walk(v, `window.${k}`, 0);
  }
  void expiry;
  return { hits, iframeContentDocument, iframeDocumentError, scanned: { nodes, values, htmlLength: html.length } };
}

/** Searches the host-origin responses (and requests) of the page for the card data. */
export async function scanHostTraffic(env, host, sensitive) {
  const pan = sensitive.cardNumber;
  const needles = [pan, grouped(pan), pan.replace(/(\d{4})(?=\d)/g, "$1-")];
  const hits = [];
  const own = host.responses.filter((r) => safe(() => new URL(r.url).origin, "") === env.origin);
  let bytes = 0;
  for (const r of own) {
    const body = await r.body;
    if (!body) continue;
    bytes += body.length;
    const text = body.toString("latin1");
    if (needles.some((n) => text.includes(n))) hits.push(`response ${r.url}: PAN`);
    if (/json/.test(r.headers["content-type"] || "")) {
      const walk = (v, path) => {
        if (typeof v === "string" && (v === sensitive.cvv || v.includes(pan))) hits.push(`response ${r.url} ${path}: card data`);
        else if (v && typeof v === "object") for (const [k, x] of Object.entries(v)) {
          if (/^(cvv|cvc|cardNumber|pan)$/i.test(k)) hits.push(`response ${r.url}: key ${k}`);
          walk(x, `${path}.${k}`);
        }
      };
      try {
        walk(JSON.parse(body.toString("utf8")), "$");
      } catch {
        /* not JSON after all */
      }
    }
  }
  for (const q of host.requests.filter((x) => safe(() => new URL(x.url).origin, "") === env.origin)) {
    if (needles.some((n) => q.url.includes(n) || (q.postData || "").includes(n))) hits.push(`request ${q.method} ${q.url}: PAN`);
  }
  // Positive control: the card data did travel, to the widget's own origin (so the search above
  // is not vacuous: the same search finds it there).
  const cardData = host.responses.filter((r) => r.url === `${env.widgetOrigin}/card-data`);
  let controlFound = false;
  for (const r of cardData) {
    const body = await r.body;
    if (body && body.toString("latin1").includes(pan)) controlFound = true;
  }
  return { hits, ownResponses: own.length, bytes, controlFound, cardDataResponses: cardData.length };
}

export async function shot(env, page, name) {
  const path = join(env.outDir, name);
  await page.screenshot({ path, fullPage: true });
  return path;
}
