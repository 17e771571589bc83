// Host page script of the widget test (tests/browser/widget.html): loads the package's browser
// entry, mounts the card widget on request and records what the host page can observe
// (callbacks, every message event). Exposes window.__widgetHost for page.evaluate.
const logEl = document.getElementById("log");
const log = (text) => {
  const line = document.createElement("div");
  line.textContent = text;
  logEl.appendChild(line);
};

// Every message the host window receives, whatever its origin: the widget may only ever send
// status messages, never card data.
const messages = [];
window.addEventListener("message", (event) => {
  let data;
  try {
    data = JSON.parse(JSON.stringify(event.data));
  } catch {
    data = String(event.data);
  }
  messages.push({ origin: event.origin, data });
});

// `?skewMs=-30000` simulates a client whose clock runs behind the server's.
const skew = Number(new URLSearchParams(location.search).get("skewMs") || 0);
const realNow = Date.now.bind(Date);
if (skew) {
  Date.now = () => realNow() + skew;
  log(`client clock skewed by ${skew} ms`);
}

async function boot() {
  const sdk = await import("/pkg/browser.js");
  let handle = null;
  const state = { ready: 0, errors: [], copies: [], fetchTokenCalls: 0 };
  window.__widgetHost = {
    state,
    messages,
    realNow,
    /**
     * Mounts the widget. opts: { cardId, widgetOrigin, tokenUrl? | tokenSource?: URL answering
     * POST { cardId, call } with { token, expiresAt } (fetchToken is then used), style? }.
     * Resolves on the first onReady or onError (or after `waitMs`).
     */
    mount(opts) {
      state.ready = 0;
      state.errors = [];
      state.fetchTokenCalls = 0;
      const el = document.getElementById("card");
      return new Promise((resolve) => {
        const done = (outcome) => resolve({ outcome, ready: state.ready, errors: state.errors.slice(), fetchTokenCalls: state.fetchTokenCalls });
        const options = {
          cardId: opts.cardId,
          widgetOrigin: opts.widgetOrigin,
          style: opts.style,
          onReady: () => {
            state.ready++;
            log(`onReady #${state.ready}`);
            done("ready");
          },
          onError: (e) => {
            state.errors.push({ name: e && e.name, code: e && e.code, message: e && e.message, isWidgetError: e instanceof sdk.CardWidgetError, isSeismic: e instanceof sdk.SeismicError });
            log(`onError ${e && e.code}: ${e && e.message}`);
            done("error");
          },
          onCopy: (ev) => {
            state.copies.push(ev);
            log(`onCopy ${JSON.stringify(ev)}`);
          },
        };
        if (opts.tokenUrl) {
          options.tokenUrl = opts.tokenUrl;
        } else {
          options.fetchToken = async (cardId) => {
            const call = ++state.fetchTokenCalls;
            log(`fetchToken #${call}`);
            if (opts.neverAnswer) return new Promise(() => {});
            const res = await fetch(opts.tokenSource, { method: "POST", headers: { "content-type": "application/json" }, body: JSON.stringify({ cardId, call }) });
            if (!res.ok) throw new Error(`token source answered ${res.status}`);
            const answer = await res.json();
            if (answer.holdUntil) {
              // Deliver the token only once it has expired on the server (real time).
              await new Promise((r) => setTimeout(r, Math.max(0, answer.holdUntil - realNow())));
            }
            return { token: answer.token, expiresAt: answer.expiresAt };
          };
        }
        try {
          handle = sdk.mountCardWidget(el, options);
        } catch (e) {
          state.errors.push({ name: e.name, code: e.code, field: e.field, message: e.message });
          done("threw");
          return;
        }
        if (opts.waitMs) setTimeout(() => done("timeout"), opts.waitMs);
      });
    },
    /** Resolves once onReady has been called `n` times in total (or after `ms`). */
    waitReady(n, ms = 15000) {
      const start = realNow();
      return new Promise((resolve) => {
        const tick = () => (state.ready >= n || realNow() - start > ms ? resolve(state.ready) : setTimeout(tick, 25));
        tick();
      });
    },
    refresh: () => handle && handle.refresh(),
    unmount: () => handle && handle.unmount(),
  };
  log("host ready");
}

boot().then(
  () => (window.__widgetHostReady = true),
  (e) => {
    window.__widgetHostError = String(e && e.stack ? e.stack : e);
    log(window.__widgetHostError);
  },
);
