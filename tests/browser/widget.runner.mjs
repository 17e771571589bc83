// Runner hook of the PCI card widget tests (loaded by tests/run-browser.mjs in Node).
//   routes: served by the runner's static server (the host page's origin):
//     /__widget/token         the integrator's token endpoint: createWidgetTokenHandler (Node build)
//                             authorizing the cookie `seismic_session=user`
//     /__widget/token-source  POST { cardId, call } -> { token, expiresAt, holdUntil? }, what the
//                             current check wants the page's fetchToken to get
//   checks: each opens tests/browser/widget.html (tests/browser/widget.mjs) in a new page.
// env = { context, origin, sandboxUrl, widgetOrigin, pkgDir, outDir, assert }.
// The helpers (host page, token routes' state, scans for card data) are in widget-host.mjs.
import { jwtPayload, sleep } from "../shared/cards-sandbox.mjs";
import { state, readBody, serveWith, sendJson, setupCard, useTokenHandler, freshTokens, openHost, mount, widgetFrame, grouped, scanHostPage, scanHostTraffic, shot } from "./widget-host.mjs";

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
