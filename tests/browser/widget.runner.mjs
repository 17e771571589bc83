// Runner hook of the PCI card widget tests (loaded by tests/run-browser.mjs in Node).
//   routes: served by the runner's static server (the host page's origin):
//     /__widget/token         the integrator's token endpoint: createWidgetTokenHandler (Node build)
//                             authorizing the cookie `seismic_session=user`
//     /__widget/token-source  POST { cardId, call } -> { token, expiresAt, holdUntil? }, what the
//                             current check wants the page's fetchToken to get
//   checks: each opens tests/browser/widget.html (tests/browser/widget.mjs) in a new page.
// env = { context, origin, sandboxUrl, widgetOrigin, pkgDir, outDir, assert }.
import { join } from "node:path";
import { pathToFileURL } from "node:url";
import { createCardsTenant, fundedCard, jwtPayload, sleep } from "../shared/cards-sandbox.mjs";

const FAST = { kycDelayMs: 30, cardholderDelayMs: 30 };
const SESSION_COOKIE = "seismic_session";

/** Per-run state the routes read; each check sets what it needs. */
const state = { handler: null, source: null, sourceCalls: [] };
let nodeSdk;

async function sdkOf(env) {
  if (!nodeSdk) nodeSdk = await import(pathToFileURL(join(env.pkgDir, "node.js")).href);
  return nodeSdk;
}

async function readBody(req) {
  const chunks = [];
  for await (const c of req) chunks.push(c);
  return chunks.length ? Buffer.concat(chunks) : undefined;
}

/** node:http request -> fetch Request, handler -> Response -> node:http response. */
async function serveWith(handler, req, res, origin) {
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

function sendJson(res, status, body) {
  res.writeHead(status, { "content-type": "application/json", "cache-control": "no-store" });
  res.end(JSON.stringify(body));
}

export const routes = {
  "/__widget/token": async (req, res, env) => {
    if (!state.handler) return sendJson(res, 503, { error: "no handler configured" });
    await serveWith(state.handler, req, res, env.origin);
  },
  "/__widget/token-source": async (req, res) => {
    const body = JSON.parse(String(await readBody(req)) || "{}");
    state.sourceCalls.push(body);
    if (!state.source) return sendJson(res, 503, { error: "no token source configured" });
    try {
      sendJson(res, 200, await state.source(body));
    } catch (e) {
      sendJson(res, 500, { error: String(e && e.message) });
    }
  },
};

// ---------------------------------------------------------------------------------------------
// helpers

/** An issued card of a fresh program, its sensitive data (fetched server-side), the client. */
async function setupCard(env, tenantOpts = FAST) {
  const sdk = await sdkOf(env);
  const t = await createCardsTenant(env.sandboxUrl, { ...FAST, ...tenantOpts });
  const client = new sdk.SeismicCardsClient({ baseUrl: env.sandboxUrl, clientId: t.clientId, clientSecret: t.clientSecret });
  const card = await fundedCard(client, t, { label: "Widget test card" });
  const sensitive = await client.cards.sensitiveData({ cardId: card.cardId, accountId: card.accountId });
  return { sdk, t, client, ...card, sensitive };
}

function useTokenHandler(setup) {
  state.handler = setup.sdk.createWidgetTokenHandler({
    cards: setup.client,
    authorize: (request) => {
      const cookie = request.headers.get("cookie") || "";
      return new RegExp(`(?:^|;\\s*)${SESSION_COOKIE}=user(?:;|$)`).test(cookie) ? { accountId: setup.accountId, cardIds: [setup.cardId] } : null;
    },
  });
}

/** Fresh widget tokens for every fetchToken call (from the Node client). */
function freshTokens(setup) {
  return async () => {
    const wt = await setup.client.cards.widgetToken({ cardId: setup.cardId, accountId: setup.accountId });
    return { token: wt.accessToken, expiresAt: jwtPayload(wt.accessToken).exp * 1000 };
  };
}

async function openHost(env, { query = "", cookie = true } = {}) {
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

async function mount(host, opts, timeoutMs = 30000) {
  return host.page.evaluate(({ opts, timeoutMs }) => window.__widgetHost.mount({ waitMs: timeoutMs, ...opts }), { opts, timeoutMs });
}

function widgetFrame(env, page) {
  const frames = page.frames().filter((f) => f !== page.mainFrame() && f.url().startsWith(env.widgetOrigin + "/"));
  if (frames.length !== 1) throw new Error(`expected one widget frame on ${env.widgetOrigin}, got ${frames.length}: ${page.frames().map((f) => f.url()).join(", ")}`);
  return frames[0];
}

const grouped = (pan) => pan.replace(/(\d{4})(?=\d)/g, "$1 ");

/**
 * Runs in the host page: everything the page can read, searched for the card data.
 * Returns { hits: [where...], iframeContentDocument, iframeDocumentError, scanned }.
 */
function scanHostPage({ pan, cvv, expiry }) {
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
async function scanHostTraffic(env, host, sensitive) {
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

async function shot(env, page, name) {
  const path = join(env.outDir, name);
  await page.screenshot({ path, fullPage: true });
  return path;
}

// ---------------------------------------------------------------------------------------------

export const checks = [
  {
    name: "browser widget: mounted from the widget origin via tokenUrl, the card renders in the frame; PAN and CVV are nowhere the host page can read",
    run: async (env) => {
      const { assert } = env;
      const setup = await setupCard(env);
      useTokenHandler(setup);
      const host = await openHost(env);
      try {
        const started = await mount(host, { cardId: setup.cardId, widgetOrigin: env.widgetOrigin, tokenUrl: "/__widget/token", style: { fontFamily: "Georgia, serif", fontSize: "15px", color: "#1f2937" } });
        assert.equal(started.outcome, "ready", `onReady (errors: ${JSON.stringify(started.errors)}; page: ${host.diagnostics.join(" | ")})`);
        assert.deepEqual(started.errors, [], "no onError");
        // The frame: on the widget origin, no token in its URL.
        const frame = widgetFrame(env, host.page);
        assert.equal(frame.url(), `${env.widgetOrigin}/`, "frame URL is the bare widget page (no token)");
        const src = await host.page.evaluate(() => document.querySelector("iframe").getAttribute("src"));
        assert.equal(src, `${env.widgetOrigin}/`, "iframe src carries no token");
        // Inside the frame: masked number with the right last 4, expiry, masked CVV.
        const last4 = setup.sensitive.cardNumber.slice(-4);
        await frame.waitForSelector("#card:not([hidden])", { timeout: 10000 });
        const masked = (await frame.locator("#number").textContent()).trim();
        assert.match(masked, new RegExp(`^(•{4} ){3}${last4}$`), "masked number ends with the card's last 4");
        assert.equal((await frame.locator("#expiry").textContent()).trim(), setup.sensitive.expiryDate, "expiry");
        assert.equal((await frame.locator("#cvv").textContent()).trim(), "•••", "CVV masked");
        assert.equal((await frame.locator("#label").textContent()).trim(), "Widget test card", "label");
        const font = await frame.evaluate(() => getComputedStyle(document.body).fontFamily);
        assert.match(font, /Georgia/, "style passed to the widget");
        await shot(env, host.page, "widget-rendered.png");
        // Show the number and CVV inside the frame: they are there, and only there.
        await frame.click("#toggle-number");
        await frame.click("#toggle-cvv");
        assert.equal((await frame.locator("#number").textContent()).trim(), grouped(setup.sensitive.cardNumber), "full PAN inside the frame");
        assert.equal((await frame.locator("#cvv").textContent()).trim(), setup.sensitive.cvv, "CVV inside the frame");
        await shot(env, host.page, "widget-revealed.png");
        // Copy (clipboard permission for the widget origin): the host only learns which field.
        await env.context.grantPermissions(["clipboard-read", "clipboard-write"], { origin: env.widgetOrigin }).catch(() => {});
        await frame.click("#copy-number");
        await sleep(300);
        const copies = await host.page.evaluate(() => window.__widgetHost.state.copies);
        assert.deepEqual(copies, [{ field: "number" }], "onCopy gets the field only");
        // What the host can read.
        const scan = await host.page.evaluate(scanHostPage, { pan: setup.sensitive.cardNumber, cvv: setup.sensitive.cvv, expiry: setup.sensitive.expiryDate });
        assert.deepEqual(scan.hits, [], "card data readable by the host page");
        assert.equal(scan.iframeContentDocument, false, "iframe.contentDocument is null (cross-origin)");
        assert.equal(scan.iframeDocumentError, "SecurityError", "iframe.contentWindow.document throws");
        assert.ok(scan.scanned.values > 1000 && scan.scanned.nodes > 5, `the scan covered the page: ${JSON.stringify(scan.scanned)}`);
        const messages = await host.page.evaluate(() => window.__widgetHost.messages);
        const fromWidget = messages.filter((m) => m.origin === env.widgetOrigin);
        assert.ok(fromWidget.length >= 2, `messages from the widget: ${JSON.stringify(messages)}`);
        for (const m of fromWidget) {
          assert.ok(["seismic-widget:loaded", "seismic-widget:ready", "seismic-widget:copy"].includes(m.data && m.data.type), `only status messages: ${JSON.stringify(m)}`);
          const text = JSON.stringify(m.data);
          assert.ok(!text.includes(setup.sensitive.cardNumber.slice(6)) && !text.includes(`"${setup.sensitive.cvv}"`), `message carries card data: ${text}`);
        }
        const traffic = await scanHostTraffic(env, host, setup.sensitive);
        assert.deepEqual(traffic.hits, [], "card data in the host origin's traffic");
        assert.ok(traffic.ownResponses >= 4, `host responses scanned: ${traffic.ownResponses}`);
        assert.ok(traffic.controlFound, `control: the frame's own /card-data answer (widget origin) holds the PAN (${traffic.cardDataResponses} seen)`);
        // The token endpoint answered with no-store and only { token, expiresAt }.
        const tokenResponses = host.responses.filter((r) => r.url === `${env.origin}/__widget/token`);
        assert.equal(tokenResponses.length, 1, "one token request");
        assert.equal(tokenResponses[0].status, 200);
        assert.equal(tokenResponses[0].headers["cache-control"], "no-store");
        const tokenBody = JSON.parse((await tokenResponses[0].body).toString("utf8"));
        assert.deepEqual(Object.keys(tokenBody).sort(), ["expiresAt", "token"]);
        assert.equal(jwtPayload(tokenBody.token).sub, setup.cardId);
        assert.deepEqual(host.diagnostics, [], "no page errors");
        // Control: the same scan finds card data planted where the host could have leaked it.
        await host.page.evaluate(({ pan, cvv }) => {
          window.__planted = { deep: { note: `card ${pan.replace(/(\d{4})(?=\d)/g, "$1 ")}` } };
          const el = document.createElement("span");
          el.dataset.cvv = cvv;
          document.body.appendChild(el);
        }, { pan: setup.sensitive.cardNumber, cvv: setup.sensitive.cvv });
        const control = await host.page.evaluate(scanHostPage, { pan: setup.sensitive.cardNumber, cvv: setup.sensitive.cvv, expiry: setup.sensitive.expiryDate });
        assert.ok(control.hits.some((h) => h.includes("__planted.deep.note: PAN")) && control.hits.some((h) => /data-cvv/.test(h)), `control scan finds planted data: ${JSON.stringify(control.hits)}`);
      } finally {
        await host.page.close();
      }
    },
  },
  {
    name: "browser widget: an expired token reaching the widget (client clock behind) -> token_expired from the frame, a fresh token, the card renders",
    run: async (env) => {
      const { assert } = env;
      const setup = await setupCard(env, { widgetTokenTtlSeconds: 2 });
      const fresh = freshTokens(setup);
      state.sourceCalls = [];
      state.source = async ({ call }) => {
        const t = await fresh();
        // The first token is held back until it has expired on the server (real time).
        return call === 1 ? { ...t, holdUntil: t.expiresAt + 250 } : t;
      };
      const host = await openHost(env, { query: "?skewMs=-30000" });
      try {
        const r = await mount(host, { cardId: setup.cardId, widgetOrigin: env.widgetOrigin, tokenSource: "/__widget/token-source" }, 20000);
        assert.equal(r.outcome, "ready", `the card rendered (errors: ${JSON.stringify(r.errors)}; page: ${host.diagnostics.join(" | ")})`);
        assert.equal(r.fetchTokenCalls, 2, "an expired token, then a fresh one");
        assert.deepEqual(r.errors, [], "no onError: the expiry was handled");
        const frame = widgetFrame(env, host.page);
        await frame.waitForSelector("#card:not([hidden])", { timeout: 5000 });
        assert.match((await frame.locator("#number").textContent()).trim(), new RegExp(`${setup.sensitive.cardNumber.slice(-4)}$`), "card rendered");
        const messages = await host.page.evaluate(() => window.__widgetHost.messages);
        assert.ok(
          messages.some((m) => m.origin === env.widgetOrigin && m.data && m.data.type === "seismic-widget:error" && m.data.code === "token_expired"),
          `the frame reported token_expired first: ${JSON.stringify(messages)}`,
        );
        await shot(env, host.page, "widget-expired-refetched.png");
      } finally {
        await host.page.close();
        state.source = null;
      }
    },
  },
  {
    name: "browser widget: fetchToken answering an already expired token, then a fresh one -> refetched, the card renders (not a broken frame)",
    run: async (env) => {
      const { assert } = env;
      const setup = await setupCard(env, { widgetTokenTtlSeconds: 2 });
      const fresh = freshTokens(setup);
      state.source = async ({ call }) => {
        const t = await fresh();
        return call === 1 ? { ...t, holdUntil: t.expiresAt + 250 } : t;
      };
      const host = await openHost(env);
      try {
        const r = await mount(host, { cardId: setup.cardId, widgetOrigin: env.widgetOrigin, tokenSource: "/__widget/token-source" }, 15000);
        const status = await host.page
          .frames()
          .find((f) => f.url().startsWith(env.widgetOrigin + "/"))
          ?.locator("#status")
          .textContent()
          .catch(() => null);
        await shot(env, host.page, "widget-expired-first.png");
        assert.equal(
          r.outcome,
          "ready",
          `expected a refetch and a rendered card; got outcome ${r.outcome}, fetchToken calls ${r.fetchTokenCalls}, onError ${JSON.stringify(r.errors)}, frame status ${JSON.stringify(status)}`,
        );
        assert.equal(r.fetchTokenCalls, 2, "fetched again");
      } finally {
        await host.page.close();
        state.source = null;
      }
    },
  },
  {
    name: "browser widget: the token endpoint refusing (no session, 401) reaches onError as CardWidgetError token_fetch_failed; nothing rendered",
    run: async (env) => {
      const { assert } = env;
      const setup = await setupCard(env);
      useTokenHandler(setup);
      const host = await openHost(env, { cookie: false });
      try {
        const r = await mount(host, { cardId: setup.cardId, widgetOrigin: env.widgetOrigin, tokenUrl: "/__widget/token" }, 15000);
        assert.equal(r.outcome, "error", `onError (got ${r.outcome})`);
        assert.equal(r.errors[0].code, "token_fetch_failed", `code: ${JSON.stringify(r.errors)}`);
        assert.ok(r.errors[0].isWidgetError && r.errors[0].isSeismic, "a CardWidgetError (SeismicError)");
        const token = host.responses.find((x) => x.url === `${env.origin}/__widget/token`);
        assert.equal(token && token.status, 401, "the handler said 401");
        const frame = widgetFrame(env, host.page);
        assert.equal(await frame.locator("#card").getAttribute("hidden"), "", "no card shown");
        assert.ok(!host.responses.some((x) => x.url === `${env.widgetOrigin}/card-data`), "the frame never asked for card data");
      } finally {
        await host.page.close();
      }
    },
  },
  {
    name: "browser widget: messages not from the widget frame are ignored (same-window and other-frame fakes)",
    run: async (env) => {
      const { assert } = env;
      const setup = await setupCard(env);
      state.source = freshTokens(setup);
      const host = await openHost(env);
      try {
        // fetchToken never answers: the real frame cannot become ready.
        await mount(host, { cardId: setup.cardId, widgetOrigin: env.widgetOrigin, neverAnswer: true, tokenSource: "/__widget/token-source" }, 1500);
        await host.page.evaluate(() => {
          window.postMessage({ type: "seismic-widget:ready" }, "*");
          window.postMessage({ type: "seismic-widget:error", code: "token_expired" }, "*");
          window.postMessage({ type: "seismic-widget:loaded" }, "*");
          const fake = document.createElement("iframe");
          fake.srcdoc = "<script>parent.postMessage({ type: 'seismic-widget:ready' }, '*'); parent.postMessage({ type: 'seismic-widget:error', code: 'token_expired' }, '*');<\/script>";
          document.body.appendChild(fake);
        });
        await sleep(800);
        const s = await host.page.evaluate(() => ({ ready: window.__widgetHost.state.ready, errors: window.__widgetHost.state.errors, calls: window.__widgetHost.state.fetchTokenCalls, messages: window.__widgetHost.messages.length }));
        assert.ok(s.messages >= 5, `the fakes were delivered to the window (${s.messages} messages)`);
        assert.equal(s.ready, 0, "fake ready ignored");
        assert.deepEqual(s.errors, [], "fake error ignored");
        assert.equal(s.calls, 1, "fake loaded / token_expired did not trigger a token fetch");
      } finally {
        await host.page.close();
        state.source = null;
      }
    },
  },
  {
    name: "browser widget: refresh() reloads the frame with a fresh token; unmount() removes it",
    run: async (env) => {
      const { assert } = env;
      const setup = await setupCard(env);
      state.sourceCalls = [];
      state.source = freshTokens(setup);
      const host = await openHost(env);
      try {
        const r = await mount(host, { cardId: setup.cardId, widgetOrigin: env.widgetOrigin, tokenSource: "/__widget/token-source" });
        assert.equal(r.outcome, "ready", JSON.stringify(r.errors));
        await host.page.evaluate(() => window.__widgetHost.refresh());
        const ready = await host.page.evaluate(() => window.__widgetHost.waitReady(2));
        assert.equal(ready, 2, "ready again after refresh()");
        const s = await host.page.evaluate(() => ({ calls: window.__widgetHost.state.fetchTokenCalls, frames: document.querySelectorAll("iframe").length }));
        assert.equal(s.calls, 2, "a fresh token for the refresh");
        assert.equal(s.frames, 1, "one frame after refresh");
        await host.page.evaluate(() => window.__widgetHost.unmount());
        assert.equal(await host.page.evaluate(() => document.querySelectorAll("iframe").length), 0, "frame removed");
      } finally {
        await host.page.close();
        state.source = null;
      }
    },
  },
];
