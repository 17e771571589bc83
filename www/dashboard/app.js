// The Seismic dashboard: a static page over the SDK's browser build. No framework, no build
// step. Everything the page shows comes from SeismicOrchestrationClient (the signed-in user's
// session, kept in localStorage by the documented opt-in) and, for cards, from the edge Worker,
// which holds the Cards API credentials and hands the page nothing but short-lived per-card
// widget tokens. The page holds no API key and no client secret.
//
// Every DOM write goes through textContent / element builders: API data is never parsed as HTML.
//
// This entry boots the page (the SDK, config.json, the client, the session). Beside it, as plain
// ES modules: state.js (what the page holds), dom.js, format.js, errors.js (helpers), session.js
// (sign in / out), router.js (#/<page>), and one module per page: overview.js, customers.js,
// quotes.js, orders.js, cards.js.

import { state } from "./state.js";
import { $ } from "./dom.js";
import { fatal } from "./errors.js";
import { enterApp, showLogin, wireLogin } from "./session.js";
import { wireApp } from "./router.js";

async function boot() {
  try {
    state.sdk = await import("/pkg/browser.js");
  } catch (e) {
    fatal("The SDK's browser build (/pkg/browser.js) could not be loaded. Build the package (cargo xtask build) and serve it with www/serve.mjs.", e);
    return;
  }
  const sdk = state.sdk;
  if (typeof sdk.SeismicOrchestrationClient !== "function") {
    fatal("This build of seismic-sdk has no SeismicOrchestrationClient: rebuild the package.");
    return;
  }
  try {
    const res = await fetch("/config.json", { cache: "no-store" });
    if (!res.ok) throw new Error(`GET /config.json answered HTTP ${res.status}`);
    state.config = await res.json();
  } catch (e) {
    fatal("The dashboard's configuration (/config.json) could not be read.", e);
    return;
  }
  const { orchestrationBaseUrl, sandboxUrl } = state.config;
  if (typeof orchestrationBaseUrl !== "string" || !orchestrationBaseUrl) {
    fatal("config.json has no orchestrationBaseUrl.");
    return;
  }
  if (sandboxUrl) $("env-badge").hidden = false;
  try {
    state.api = new sdk.SeismicOrchestrationClient({
      baseUrl: orchestrationBaseUrl,
      tokenStore: "localStorage",
      onRefreshFailed: () => showLogin({ notice: "Your session has ended. Please sign in again." }),
    });
    // The same localStorage keys, to know at load time whether a session is there.
    state.tokens = sdk.localStorageTokenStore();
  } catch (e) {
    fatal("The orchestration client could not be created.", e);
    return;
  }
  wireLogin();
  wireApp();
  $("boot").hidden = true;
  if (await state.tokens.isAuthenticated()) await enterApp();
  else showLogin();
}

boot().catch((e) => fatal("The dashboard failed while starting.", e));
