// The Seismic dashboard: a static page over the SDK's browser build. No framework, no build
// step. Everything the page shows comes from SeismicOrchestrationClient (the signed-in user's
// session, kept in localStorage by the documented opt-in) and, for cards, from the edge Worker,
// which holds the Cards API credentials and hands the page nothing but short-lived per-card
// widget tokens. The page holds no API key and no client secret.
//
// Every DOM write goes through textContent / element builders: API data is never parsed as HTML.

const $ = (id) => document.getElementById(id);

/** Element builder: h("td", { class: "x", dataset: { id } }, "text", child, …). */
function h(tag, attrs = {}, ...children) {
  const el = document.createElement(tag);
  for (const [k, v] of Object.entries(attrs || {})) {
    if (v === undefined || v === null || v === false) continue;
    if (k === "class") el.className = v;
    else if (k === "dataset") Object.assign(el.dataset, v);
    else if (k === "text") el.textContent = v;
    else if (k.startsWith("on") && typeof v === "function") el.addEventListener(k.slice(2), v);
    else el.setAttribute(k, v === true ? "" : String(v));
  }
  for (const c of children.flat()) {
    if (c === undefined || c === null || c === false) continue;
    el.append(c instanceof Node ? c : document.createTextNode(String(c)));
  }
  return el;
}

function setContent(container, ...nodes) {
  container.replaceChildren(...nodes.flat().filter((n) => n !== null && n !== undefined && n !== false));
}

function loading(container, text = "Loading…") {
  setContent(container, h("p", { class: "loading", dataset: { loading: "" } }, h("span", { class: "spinner", "aria-hidden": "true" }), text));
}

const state = {
  sdk: null,
  config: null,
  api: null,
  tokens: null,
  signedIn: false,
  challengeId: null,
  me: null,
  org: null,
  customers: new Map(), // id → { customer, providers, accounts?, error? }
  accounts: [],
  catalog: null,
  snapshot: null,
  accepted: null, // { snapshotId, quoteId, orderId }
  lastOrderId: null,
  cards: [],
  widget: null,
  widgetCardId: null,
};

// ---------------------------------------------------------------------------------------------
// Errors: always a readable message, never a blank screen.

/** { title, lines[] } for any thrown value, using the SDK's typed errors. */
function explain(e, action) {
  const sdk = state.sdk || {};
  const is = (cls) => typeof cls === "function" && e instanceof cls;
  const lines = [];
  let title;
  if (is(sdk.ValidationError)) {
    title = `Check ${e.field || "your input"}`;
    lines.push(e.message);
  } else if (is(sdk.ApiError) || (sdk.isApiError && sdk.isApiError(e))) {
    title = `${e.code || "ApiError"}${e.status ? ` (HTTP ${e.status})` : ""}`;
    lines.push(e.message || "The API refused the request.");
    if (Array.isArray(e.missing) && e.missing.length) lines.push(`Missing: ${e.missing.join(", ")}`);
    if (Array.isArray(e.violations) && e.violations.length) {
      for (const v of e.violations) lines.push(typeof v === "string" ? v : [v.field, v.message].filter(Boolean).join(": ") || JSON.stringify(v));
    }
    if (Array.isArray(e.currencies) && e.currencies.length) lines.push(`Pick one currency: ${e.currencies.join(", ")}`);
    if (Array.isArray(e.rails) && e.rails.length) lines.push(`Pick one rail: ${e.rails.join(", ")}`);
    if (e.order_id) lines.push(`Existing order: ${e.order_id}`);
    if (e.requestId) lines.push(`Request id: ${e.requestId}`);
  } else if (is(sdk.ResponseValidationError)) {
    title = "Unexpected answer from the API";
    lines.push(`${e.message}${e.field ? ` (at ${e.field})` : ""}`);
  } else if (is(sdk.NetworkError)) {
    title = "Cannot reach the API";
    lines.push(e.message);
  } else if (is(sdk.TimeoutError)) {
    title = "The API took too long to answer";
    lines.push(e.message);
  } else if (is(sdk.AbortError)) {
    title = "Cancelled";
    lines.push(e.message);
  } else if (is(sdk.CardWidgetError)) {
    title = `Card widget: ${e.code}`;
    lines.push(e.message);
  } else if (e && typeof e === "object" && "message" in e) {
    title = e.name && e.name !== "Error" ? e.name : "Something went wrong";
    lines.push(String(e.message || e));
  } else {
    title = "Something went wrong";
    lines.push(String(e));
  }
  if (action) title = `${action}: ${title}`;
  return { title, lines };
}

function errorBox(e, action) {
  const { title, lines } = explain(e, action);
  const box = h("div", { class: "error-box", role: "alert", dataset: { error: "" } }, h("strong", { class: "error-title" }, title));
  if (e && e.code !== undefined) box.dataset.code = String(e.code);
  if (e && e.field) box.dataset.field = String(e.field);
  for (const line of lines) box.append(h("div", { class: "error-line" }, line));
  return box;
}

function showError(container, e, action) {
  setContent(container, errorBox(e, action));
}

function notice(text, kind = "ok") {
  return h("div", { class: `notice-box ${kind}`, role: "status" }, text);
}

function banner(text, kind = "error") {
  const b = $("banner");
  if (!text) {
    b.hidden = true;
    b.replaceChildren();
    return;
  }
  b.className = `banner ${kind}`;
  b.replaceChildren(h("span", {}, text), h("button", { type: "button", class: "link", onclick: () => banner(null) }, "Dismiss"));
  b.hidden = false;
}

function fatal(message, e) {
  document.body.dataset.state = "fatal";
  const boot = $("boot");
  boot.hidden = false;
  $("login-view").hidden = true;
  $("app-view").hidden = true;
  setContent(boot, h("section", { class: "card narrow" }, h("h1", {}, "The dashboard cannot start"), h("p", {}, message), e ? errorBox(e) : null));
}

// A failure nobody caught still reaches the user.
window.addEventListener("unhandledrejection", (ev) => {
  const { title, lines } = explain(ev.reason);
  banner(`${title}: ${lines.join(" — ")}`);
});
window.addEventListener("error", (ev) => {
  if (ev.error || ev.message) banner(`Unexpected error: ${ev.error?.message || ev.message}`);
});

/** Disables `button` and shows `text` while `fn` runs. */
async function busy(button, text, fn) {
  const label = button.textContent;
  button.disabled = true;
  button.classList.add("is-busy");
  button.textContent = text;
  try {
    return await fn();
  } finally {
    button.disabled = false;
    button.classList.remove("is-busy");
    button.textContent = label;
  }
}

/** Highlights the form control named like the last segment of a ValidationError's field. */
function markInvalid(form, e) {
  for (const el of form.querySelectorAll(".invalid")) el.classList.remove("invalid");
  const field = e && e.field ? String(e.field) : "";
  const name = field.split(/[.[\]]/).filter(Boolean).pop();
  if (!name) return;
  const el = form.querySelector(`[name="${CSS.escape(name)}"], #${CSS.escape(`quote-${name}`)}`);
  if (el) {
    el.classList.add("invalid");
    el.focus();
  }
}

// ---------------------------------------------------------------------------------------------
// Formatting

const fmtTime = (iso) => {
  if (!iso) return "—";
  const d = new Date(iso);
  return Number.isNaN(d.getTime()) ? String(iso) : d.toLocaleString();
};
/** `url` when it is an http(s) URL (hosted KYB/KYC links come from the API), else null. */
function safeUrl(url) {
  try {
    const u = new URL(String(url));
    return u.protocol === "https:" || u.protocol === "http:" ? u.href : null;
  } catch {
    return null;
  }
}
const shortId = (id) => (typeof id === "string" && id.length > 14 ? `${id.slice(0, 8)}…${id.slice(-4)}` : String(id ?? "—"));
const money = (amount, currency) => `${amount ?? "—"} ${currency ?? ""}`.trim();
const badge = (text, kind = statusKind(text)) => h("span", { class: `badge ${kind}` }, text ?? "—");

function statusKind(s) {
  switch (s) {
    case "approved":
    case "active":
    case "completed":
    case "ready":
    case "ACTIVE":
      return "good";
    case "rejected":
    case "failed":
    case "disabled":
    case "expired":
    case "canceled":
    case "FROZEN":
    case "CANCELLED":
      return "bad";
    default:
      return "pending";
  }
}

function table(headers, rows, attrs = {}) {
  return h(
    "div",
    { class: "table-wrap" },
    h("table", attrs, h("thead", {}, h("tr", {}, headers.map((x) => h("th", {}, x)))), h("tbody", {}, rows)),
  );
}

// ---------------------------------------------------------------------------------------------
// Boot, session

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

function showLogin({ notice: text, error } = {}) {
  state.signedIn = false;
  state.me = null;
  state.org = null;
  state.customers.clear();
  state.snapshot = null;
  state.accepted = null;
  if (state.widget) {
    try {
      state.widget.unmount();
    } catch {
      /* already gone */
    }
    state.widget = null;
  }
  document.body.dataset.state = "login";
  $("app-view").hidden = true;
  $("session").hidden = true;
  $("login-view").hidden = false;
  $("mfa-form").hidden = true;
  $("login-form").hidden = false;
  $("login-password").value = "";
  $("mfa-code").value = "";
  state.challengeId = null;
  $("login-notice").hidden = !text;
  $("login-notice").textContent = text || "";
  if (error) {
    setContent($("login-error"), errorBox(error));
    $("login-error").hidden = false;
  } else {
    $("login-error").hidden = true;
  }
  (($("login-email").value && $("login-password")) || $("login-email")).focus();
}

function loginError(e) {
  setContent($("login-error"), errorBox(e));
  $("login-error").hidden = false;
  $("login-notice").hidden = true;
}

function wireLogin() {
  $("login-form").addEventListener("submit", async (ev) => {
    ev.preventDefault();
    $("login-error").hidden = true;
    const email = $("login-email").value.trim();
    const password = $("login-password").value;
    await busy($("login-submit"), "Signing in…", async () => {
      try {
        const res = await state.api.auth.login(email, password);
        if (res.status === "mfa_required") {
          state.challengeId = res.challenge_id;
          $("login-form").hidden = true;
          $("mfa-form").hidden = false;
          $("login-notice").hidden = true;
          document.body.dataset.state = "mfa";
          $("mfa-code").focus();
        } else {
          await enterApp();
        }
      } catch (e) {
        loginError(e);
      }
    });
  });
  $("mfa-form").addEventListener("submit", async (ev) => {
    ev.preventDefault();
    $("login-error").hidden = true;
    await busy($("mfa-submit"), "Verifying…", async () => {
      try {
        await state.api.auth.mfa.verify(state.challengeId, $("mfa-code").value.trim());
        await enterApp();
      } catch (e) {
        loginError(e);
        $("mfa-code").select();
      }
    });
  });
  $("mfa-code").addEventListener("input", () => ($("login-error").hidden = true));
  $("mfa-cancel").addEventListener("click", () => showLogin());
  $("logout").addEventListener("click", async () => {
    await busy($("logout"), "Signing out…", async () => {
      try {
        await state.api.auth.logout();
      } catch {
        // Revoking failed (offline?): the local session goes anyway.
        await state.tokens.clear();
      }
    });
    showLogin({ notice: "You are signed out." });
  });
}

async function enterApp() {
  state.signedIn = true;
  document.body.dataset.state = "app";
  $("login-view").hidden = true;
  $("login-error").hidden = true;
  $("app-view").hidden = false;
  $("session").hidden = false;
  $("header-org").textContent = "…";
  $("header-user").textContent = "";
  // Header: who and which org. A failure here is shown, the app stays usable.
  Promise.allSettled([state.api.users.me(), state.api.orgs.get()]).then(([me, org]) => {
    if (!state.signedIn) return;
    if (me.status === "fulfilled") {
      state.me = me.value;
      $("header-user").textContent = me.value.email;
    }
    if (org.status === "fulfilled") {
      state.org = org.value;
      $("header-org").textContent = org.value.name;
    } else {
      $("header-org").textContent = "";
    }
    const failed = [me, org].find((r) => r.status === "rejected");
    if (failed && state.signedIn) banner(`Could not load your profile: ${explain(failed.reason).title} — ${explain(failed.reason).lines[0]}`);
  });
  if (!location.hash || location.hash === "#") history.replaceState(null, "", "#/overview");
  route();
}

// ---------------------------------------------------------------------------------------------
// Routing

const PAGES = ["overview", "customers", "quotes", "orders", "cards"];
const LOADERS = {
  overview: loadOverview,
  customers: loadCustomers,
  quotes: loadQuoteBuilder,
  orders: loadOrders,
  cards: loadCards,
};

function currentPage() {
  const m = location.hash.match(/^#\/([a-z]+)/);
  return m && PAGES.includes(m[1]) ? m[1] : "overview";
}

function route() {
  if (!state.signedIn) return;
  const page = currentPage();
  for (const p of PAGES) $(`page-${p}`).hidden = p !== page;
  for (const a of document.querySelectorAll("nav.tabs a")) a.classList.toggle("active", a.dataset.route === page);
  document.body.dataset.page = page;
  Promise.resolve()
    .then(() => LOADERS[page]())
    .catch((e) => banner(`${explain(e).title}: ${explain(e).lines.join(" — ")}`));
}

function wireApp() {
  window.addEventListener("hashchange", route);
  $("kyb-reload").addEventListener("click", () => loadKyb());
  $("customers-reload").addEventListener("click", () => loadCustomers());
  $("orders-reload").addEventListener("click", () => loadOrders());
  $("cards-reload").addEventListener("click", () => loadCards());
  for (const r of document.querySelectorAll('input[name="orders-scope"]')) r.addEventListener("change", () => loadOrders());
  wireMfaEnroll();
  wireCustomerForms();
  wireQuoteForm();
}

// ---------------------------------------------------------------------------------------------
// Overview: org, KYB, security

async function loadOverview() {
  loadOrg();
  loadSecurity();
  loadKyb();
}

async function loadOrg() {
  const body = $("org-body");
  loading(body, "Loading your organization…");
  try {
    const [org, memberships] = await Promise.all([state.api.orgs.get(), state.api.orgs.list().catch(() => null)]);
    state.org = org;
    $("header-org").textContent = org.name;
    const role = memberships?.find((m) => m.org?.id === org.id)?.role;
    setContent(
      body,
      h(
        "dl",
        { class: "kv" },
        h("dt", {}, "Name"),
        h("dd", { class: "org-name-value", dataset: { testid: "org-name" } }, org.name),
        h("dt", {}, "Org id"),
        h("dd", {}, h("code", {}, org.id)),
        role ? [h("dt", {}, "Your role"), h("dd", {}, role)] : null,
        h("dt", {}, "Created"),
        h("dd", {}, fmtTime(org.created_at)),
      ),
    );
  } catch (e) {
    showError(body, e, "Loading the organization");
  }
}

async function loadKyb() {
  const body = $("kyb-body");
  loading(body, "Loading KYB status…");
  try {
    const rows = await state.api.orgs.kyb.providers();
    if (!rows.length) {
      setContent(body, h("p", { class: "muted" }, "No KYB submission yet. Submit your KYB profile to start verification."));
      return;
    }
    const approved = rows.filter((r) => r.kyb_status === "approved").length;
    const overall = approved === rows.length ? "approved" : rows.some((r) => r.kyb_status === "rejected") ? "rejected" : "in progress";
    setContent(
      body,
      h("p", { class: "kyb-summary", dataset: { testid: "kyb-summary" } }, "Business verification: ", badge(overall, statusKind(overall === "in progress" ? "pending" : overall)), ` — ${approved} of ${rows.length} verification rows approved`),
      table(
        ["Verification row", "Status", "Missing fields", "Last synced", ""],
        rows.map((r, i) =>
          h(
            "tr",
            { dataset: { kybStatus: r.kyb_status } },
            h("td", {}, `Route ${String.fromCharCode(65 + i)}`),
            h("td", {}, badge(r.kyb_status), r.rejection_reason ? h("div", { class: "small muted" }, r.rejection_reason) : null),
            h("td", {}, r.missing_fields?.length ? r.missing_fields.join(", ") : "—"),
            h("td", {}, fmtTime(r.last_synced_at)),
            h(
              "td",
              { class: "actions-cell" },
              safeUrl(r.kyb_link?.url) ? h("a", { href: safeUrl(r.kyb_link.url), target: "_blank", rel: "noopener noreferrer" }, "Continue KYB") : null,
              h("button", { type: "button", class: "secondary small", onclick: (ev) => resyncKyb(ev.currentTarget, r.provider) }, "Resync"),
            ),
          ),
        ),
        { class: "kyb-table" },
      ),
    );
  } catch (e) {
    showError(body, e, "Loading KYB status");
  }
}

async function resyncKyb(button, provider) {
  await busy(button, "Resyncing…", async () => {
    try {
      await state.api.orgs.kyb.resync(provider);
      await loadKyb();
    } catch (e) {
      $("kyb-body").prepend(errorBox(e, "Resync"));
    }
  });
}

async function loadSecurity() {
  const body = $("security-body");
  loading(body, "Loading your account…");
  try {
    const me = await state.api.users.me();
    state.me = me;
    $("header-user").textContent = me.email;
    const rows = [h("dt", {}, "Email"), h("dd", {}, me.email), h("dt", {}, "Two-factor")];
    if (me.mfa_active) {
      $("mfa-enroll").hidden = true;
      rows.push(h("dd", { dataset: { testid: "mfa-state" } }, badge("on", "good"), " TOTP authenticator app"));
      setContent(body, h("dl", { class: "kv" }, rows));
    } else {
      rows.push(h("dd", { dataset: { testid: "mfa-state" } }, badge("off", "pending"), me.mfa_required ? " (required for this account)" : ""));
      setContent(
        body,
        h("dl", { class: "kv" }, rows),
        $("mfa-enroll").hidden ? h("button", { type: "button", class: "primary", id: "mfa-enable", onclick: (ev) => startEnroll(ev.currentTarget) }, "Enable MFA") : null,
      );
    }
  } catch (e) {
    showError(body, e, "Loading your account");
  }
}

async function startEnroll(button) {
  await busy(button, "Starting…", async () => {
    try {
      const enrollment = await state.api.auth.mfa.enroll();
      $("mfa-secret").textContent = enrollment.secret_base32;
      $("mfa-uri").textContent = enrollment.provisioning_uri;
      if (/^otpauth:\/\//.test(enrollment.provisioning_uri)) $("mfa-uri").href = enrollment.provisioning_uri;
      $("mfa-enroll").hidden = false;
      button.remove();
      $("mfa-activate-code").focus();
    } catch (e) {
      $("security-body").append(errorBox(e, "Enabling MFA"));
    }
  });
}

function wireMfaEnroll() {
  $("mfa-activate-form").addEventListener("submit", async (ev) => {
    ev.preventDefault();
    const form = ev.currentTarget;
    form.parentElement.querySelector(".error-box")?.remove();
    await busy($("mfa-activate"), "Activating…", async () => {
      try {
        await state.api.auth.mfa.activate($("mfa-activate-code").value.trim());
        // The secret leaves the page once it is in the authenticator.
        $("mfa-secret").textContent = "";
        $("mfa-uri").textContent = "";
        $("mfa-uri").removeAttribute("href");
        $("mfa-activate-code").value = "";
        $("mfa-enroll").hidden = true;
        await loadSecurity();
        $("security-body").append(notice("MFA is active: you will be asked for a code at every sign-in."));
      } catch (e) {
        form.after(errorBox(e, "Activating MFA"));
      }
    });
  });
}

// ---------------------------------------------------------------------------------------------
// Customers and accounts

const knownKey = () => `seismic-dashboard.customers.${state.org?.id || "default"}`;

function knownCustomerIds() {
  try {
    const v = JSON.parse(localStorage.getItem(knownKey()) || "[]");
    return Array.isArray(v) ? v.filter((x) => typeof x === "string") : [];
  } catch {
    return [];
  }
}

function rememberCustomer(id) {
  try {
    const ids = knownCustomerIds();
    if (!ids.includes(id)) localStorage.setItem(knownKey(), JSON.stringify([...ids, id]));
  } catch {
    /* storage full or unavailable: the list still finds it through its accounts */
  }
}

async function ensureOrg() {
  if (!state.org) state.org = await state.api.orgs.get();
  return state.org;
}

async function loadCustomers() {
  const body = $("customers-body");
  loading(body, "Loading customers…");
  try {
    await ensureOrg();
    const [accounts, orders] = await Promise.all([state.api.accounts.list(), state.api.customers.orders()]);
    state.accounts = accounts;
    const ids = new Set(knownCustomerIds());
    for (const a of accounts) if (a.ramp_customer_id) ids.add(a.ramp_customer_id);
    for (const o of orders) if (o.ramp_customer_id) ids.add(o.ramp_customer_id);
    const entries = await Promise.all(
      [...ids].map(async (id) => {
        try {
          const [env, accts] = await Promise.all([state.api.customers.get(id), state.api.customers.listAccounts(id)]);
          return { id, ...env, accounts: accts };
        } catch (e) {
          return { id, error: e };
        }
      }),
    );
    state.customers = new Map(entries.map((x) => [x.id, x]));
    renderCustomers();
    fillAccountCustomerSelect();
  } catch (e) {
    showError(body, e, "Loading customers");
  }
}

function customerName(c) {
  if (!c) return "—";
  return c.type === "business" ? c.legal_name || c.email : [c.first_name, c.last_name].filter(Boolean).join(" ") || c.email;
}

function accountSummary(a) {
  const what = { us_bank_account: "US bank", external_digital_asset_wallet: "Wallet", virtual_digital_asset_wallet: "Virtual wallet", iban: "IBAN", upi: "UPI" }[a.account_type] || a.account_type;
  return `${what} · ${a.currencies.join("/")} on ${a.rails.join(", ")}${a.address ? ` · ${shortId(a.address)}` : ""}`;
}

function renderCustomers() {
  const body = $("customers-body");
  const list = [...state.customers.values()].sort((a, b) => String(b.customer?.created_at || "").localeCompare(String(a.customer?.created_at || "")));
  if (!list.length) {
    setContent(body, h("p", { class: "muted", dataset: { testid: "customers-empty" } }, "No customers yet. Create one below."));
    return;
  }
  setContent(
    body,
    table(
      ["Customer", "Email", "External id", "KYC", "Accounts"],
      list.map((x) => {
        if (x.error) {
          return h("tr", { dataset: { customerId: x.id } }, h("td", {}, h("code", {}, shortId(x.id))), h("td", { colspan: "4" }, errorBox(x.error, "Loading this customer")));
        }
        const c = x.customer;
        return h(
          "tr",
          { dataset: { customerId: c.id } },
          h("td", {}, h("div", { class: "strong" }, customerName(c)), h("div", { class: "small muted" }, `${c.type} · since ${fmtTime(c.created_at)}`)),
          h("td", {}, c.email),
          h("td", {}, h("code", {}, c.external_id)),
          h(
            "td",
            {},
            (x.providers || []).map((p, i) =>
              h("div", { class: "kyc-row" }, `Route ${String.fromCharCode(65 + i)} `, badge(p.kyc?.status), safeUrl(p.kyc?.link?.url) ? [" ", h("a", { href: safeUrl(p.kyc.link.url), target: "_blank", rel: "noopener noreferrer" }, "KYC link")] : null),
            ),
          ),
          h(
            "td",
            { class: "accounts-cell" },
            x.accounts?.length
              ? h("ul", { class: "plain" }, x.accounts.map((a) => h("li", { dataset: { accountId: a.id } }, badge(a.status), " ", accountSummary(a))))
              : h("span", { class: "muted" }, "none"),
          ),
        );
      }),
      { class: "customers-table" },
    ),
  );
}

function fillAccountCustomerSelect() {
  const sel = $("account-customer");
  const previous = sel.value;
  const list = [...state.customers.values()].filter((x) => x.customer);
  sel.replaceChildren(...(list.length ? list.map((x) => h("option", { value: x.id }, `${customerName(x.customer)} (${x.customer.email})`)) : [h("option", { value: "" }, "Create a customer first")]));
  if (list.some((x) => x.id === previous)) sel.value = previous;
  fillProviderSelect();
}

function fillProviderSelect() {
  const sel = $("account-provider");
  const x = state.customers.get($("account-customer").value);
  const rows = x?.providers || [];
  sel.replaceChildren(...(rows.length ? rows.map((p, i) => h("option", { value: p.provider }, `Route ${String.fromCharCode(65 + i)} · KYC ${p.kyc?.status ?? "?"}`)) : [h("option", { value: "" }, "—")]));
}

const ACCOUNT_DEFAULTS = {
  external_digital_asset_wallet: { group: "wallet", currencies: "USDC", rails: "base" },
  us_bank_account: { group: "bank", currencies: "USD", rails: "ach, wire" },
  iban: { group: "iban", currencies: "EUR", rails: "sepa" },
  upi: { group: "upi", currencies: "INR", rails: "upi" },
};

function syncAccountType() {
  const form = $("account-form");
  const d = ACCOUNT_DEFAULTS[$("account-type").value];
  for (const el of form.querySelectorAll("[data-account]")) el.hidden = !el.dataset.account.split(" ").includes(d.group);
  form.elements.currencies.value = d.currencies;
  form.elements.rails.value = d.rails;
}

function syncCustomerType() {
  const form = $("customer-form");
  const kind = form.elements.type.value;
  for (const el of form.querySelectorAll("[data-kind]")) el.hidden = el.dataset.kind !== kind;
}

const list = (text) =>
  String(text || "")
    .split(/[,\s]+/)
    .map((s) => s.trim())
    .filter(Boolean);

function wireCustomerForms() {
  syncCustomerType();
  syncAccountType();
  $("customer-form").elements.type.addEventListener("change", syncCustomerType);
  $("account-type").addEventListener("change", syncAccountType);
  $("account-customer").addEventListener("change", fillProviderSelect);

  $("customer-form").addEventListener("submit", async (ev) => {
    ev.preventDefault();
    const form = ev.currentTarget;
    const out = $("customer-form-result");
    out.replaceChildren();
    const v = (name) => form.elements[name].value.trim();
    const req = { external_id: v("external_id"), type: v("type"), email: v("email") };
    const fields = req.type === "business" ? ["legal_name", "tax_id"] : ["first_name", "last_name", "date_of_birth"];
    for (const f of fields) if (v(f)) req[f] = v(f);
    const address = {};
    for (const f of ["line1", "city", "state", "postal_code", "country"]) if (v(f)) address[f] = f === "country" || f === "state" ? v(f).toUpperCase() : v(f);
    if (Object.keys(address).length) address.country ??= "US";
    if (Object.keys(address).length > 1) req.address = address;
    else if (req.type === "business" && address.country) req.country = address.country;
    await busy($("customer-create"), "Creating…", async () => {
      try {
        const created = await state.api.customers.create(req);
        const c = created.customer;
        rememberCustomer(c.id);
        setContent(out, notice(`Customer ${customerName(c)} created. Verification is under way.`));
        form.querySelectorAll(".invalid").forEach((el) => el.classList.remove("invalid"));
        form.reset();
        syncCustomerType();
        await loadCustomers();
        $("account-customer").value = c.id;
        fillProviderSelect();
        watchKyc(c.id);
      } catch (e) {
        setContent(out, errorBox(e, "Creating the customer"));
        markInvalid(form, e);
      }
    });
  });

  $("account-form").addEventListener("submit", async (ev) => {
    ev.preventDefault();
    const form = ev.currentTarget;
    const out = $("account-form-result");
    out.replaceChildren();
    const customerId = $("account-customer").value;
    const type = $("account-type").value;
    const req = { provider: $("account-provider").value, account_type: type, currencies: list(form.elements.currencies.value), rails: list(form.elements.rails.value) };
    const group = ACCOUNT_DEFAULTS[type].group;
    for (const el of form.querySelectorAll("[data-account] input")) {
      if (el.closest("[data-account]").dataset.account.split(" ").includes(group) && el.value.trim()) req[el.name] = el.value.trim();
    }
    await busy($("account-create"), "Attaching…", async () => {
      try {
        if (!customerId) throw new Error("Create a customer first.");
        const account = await state.api.customers.createAccount(customerId, req);
        setContent(out, notice(`Account attached: ${accountSummary(account)} (${account.status}).`));
        await loadCustomers();
      } catch (e) {
        setContent(out, errorBox(e, "Attaching the account"));
        markInvalid(form, e);
      }
    });
  });
}

/** Re-reads a new customer until KYC settles (sandbox KYC takes a few seconds). */
async function watchKyc(id) {
  for (let i = 0; i < 20 && state.signedIn; i++) {
    await new Promise((r) => setTimeout(r, 1000));
    let env;
    try {
      env = await state.api.customers.get(id);
    } catch {
      return;
    }
    const entry = state.customers.get(id);
    if (entry) Object.assign(entry, env);
    if (currentPage() === "customers") {
      renderCustomers();
      if ($("account-customer").value === id) fillProviderSelect();
    }
    if ((env.providers || []).every((p) => p.kyc?.status === "approved" || p.kyc?.status === "rejected")) return;
  }
}

// ---------------------------------------------------------------------------------------------
// Quotes

async function loadQuoteBuilder() {
  try {
    if (!state.catalog) {
      const { currencies } = await state.api.currencies();
      state.catalog = currencies;
      fillCurrency("source", "USD");
      fillCurrency("destination", "USDC");
    }
  } catch (e) {
    setContent($("quote-result"), errorBox(e, "Loading currencies"));
  }
  try {
    state.accounts = await state.api.accounts.list();
  } catch (e) {
    state.accounts = [];
    $("quote-result").prepend(errorBox(e, "Loading accounts"));
  }
  for (const side of ["source", "destination"]) fillAccountSelect(side);
}

function fillCurrency(side, preferred) {
  const sel = $(`${side}-currency`);
  sel.replaceChildren(...state.catalog.map((c) => h("option", { value: c.currency }, `${c.currency}${c.kind ? ` (${c.kind})` : ""}`)));
  if (state.catalog.some((c) => c.currency === preferred)) sel.value = preferred;
  fillRail(side);
}

function fillRail(side) {
  const cur = state.catalog?.find((c) => c.currency === $(`${side}-currency`).value);
  const sel = $(`${side}-rail`);
  const rails = (cur?.rails || []).map((r) => (typeof r === "string" ? r : r.rail));
  sel.replaceChildren(h("option", { value: "" }, "Any rail (compare all)"), ...rails.map((r) => h("option", { value: r }, r)));
  if (side === "destination" && rails.length) sel.value = rails[0];
}

function fillAccountSelect(side) {
  const sel = $(`${side}-account`);
  const previous = sel.value;
  const options = [];
  for (const a of state.accounts) {
    const owner = customerName(state.customers.get(a.ramp_customer_id)?.customer);
    for (const cur of a.currencies) {
      options.push(h("option", { value: JSON.stringify({ account: a.id, currency: cur }) }, `${cur} · ${accountSummary(a)}${owner !== "—" ? ` · ${owner}` : ""}`));
    }
  }
  sel.replaceChildren(...(options.length ? options : [h("option", { value: "" }, "No attached accounts yet")]));
  if ([...sel.options].some((o) => o.value === previous)) sel.value = previous;
}

function sideOf(side) {
  const mode = document.querySelector(`input[name="${side}-mode"]:checked`).value;
  if (mode === "account") {
    const v = $(`${side}-account`).value;
    // No account: send an empty one and let the SDK say which field is wrong.
    return v ? JSON.parse(v) : { account: "" };
  }
  const out = { currency: $(`${side}-currency`).value };
  const rail = $(`${side}-rail`).value;
  if (rail) out.rail = rail;
  if (side === "destination") {
    const address = $("destination-address").value.trim();
    if (address) out.address = address;
  }
  return out;
}

function wireQuoteForm() {
  for (const side of ["source", "destination"]) {
    $(`${side}-currency`).addEventListener("change", () => fillRail(side));
    for (const r of document.querySelectorAll(`input[name="${side}-mode"]`)) {
      r.addEventListener("change", () => {
        const fs = r.closest("fieldset");
        for (const el of fs.querySelectorAll("[data-mode]")) el.hidden = el.dataset.mode !== r.value;
      });
    }
  }
  $("quote-form").addEventListener("submit", async (ev) => {
    ev.preventDefault();
    const form = ev.currentTarget;
    const out = $("quote-result");
    const req = { amount: $("quote-amount").value.trim(), source: sideOf("source"), destination: sideOf("destination") };
    $("accept-best").hidden = true;
    loading(out, "Pricing every rail leg…");
    await busy($("quote-submit"), "Pricing…", async () => {
      try {
        let snapshot = await state.api.quotes.create(req, { wait: true });
        if (snapshot.status === "pending" && typeof state.api.quotes.waitUntilReady === "function") {
          loading(out, "Still pricing…");
          snapshot = await state.api.quotes.waitUntilReady(snapshot.id);
        }
        state.snapshot = snapshot;
        state.accepted = null;
        form.querySelectorAll(".invalid").forEach((el) => el.classList.remove("invalid"));
        renderSnapshot();
      } catch (e) {
        showError(out, e, "Quoting");
        markInvalid(form, e);
      }
    });
  });
  $("accept-best").addEventListener("click", (ev) => acceptQuote(ev.currentTarget, null));
}

function feeLines(fees) {
  const items = fees?.items || [];
  if (!items.length) return h("span", { class: "muted" }, "none itemised");
  return h(
    "ul",
    { class: "plain fees" },
    items.map((f) =>
      h(
        "li",
        { dataset: { feeType: f.type } },
        h("span", { class: "fee-type" }, f.type),
        " ",
        f.description || (f.type === "percentage" && f.bps !== undefined ? `${f.bps} bps` : ""),
        f.type === "percentage" && f.bps !== undefined && f.description ? ` (${f.bps} bps)` : "",
        ": ",
        h("span", { class: "num" }, money(f.amount, f.currency)),
      ),
    ),
  );
}

function sideCell(s) {
  if (!s) return h("td", {}, "—");
  return h(
    "td",
    {},
    h("div", { class: "num strong" }, money(s.amount, s.currency)),
    h("div", { class: "small" }, "via ", h("span", { class: "rail" }, s.rail)),
    s.account ? h("div", { class: "small muted" }, `${s.account.account_type} account`) : null,
    s.address ? h("div", { class: "small muted break", title: s.address }, shortId(s.address)) : null,
  );
}

function renderSnapshot() {
  const out = $("quote-result");
  const snap = state.snapshot;
  if (!snap) return;
  const quotes = snap.quotes || [];
  const accepted = state.accepted?.snapshotId === snap.id ? state.accepted : null;
  const head = h(
    "p",
    { class: "snapshot-meta", dataset: { testid: "snapshot-meta", snapshotId: snap.id } },
    "Snapshot ",
    h("code", {}, snap.id),
    " ",
    badge(snap.status),
    ` · ${quotes.length} priced leg${quotes.length === 1 ? "" : "s"} · created ${fmtTime(snap.created_at)}`,
  );
  if (!quotes.length) {
    setContent(out, head, h("p", { class: "muted" }, "Nothing priced this corridor right now."));
    $("accept-best").hidden = true;
    return;
  }
  const rows = quotes.map((q, i) => {
    const best = q.id === snap.best_quote_id;
    const isAccepted = accepted?.quoteId === q.id;
    return h(
      "tr",
      { class: [best ? "best" : "", isAccepted ? "accepted" : ""].join(" ").trim() || null, dataset: { quoteId: q.id, best: best ? "true" : "false" } },
      h("td", { class: "rank" }, String(i + 1), best ? h("span", { class: "badge best-badge", dataset: { testid: "best-badge" } }, "Best") : null),
      sideCell(q.in),
      sideCell(q.out),
      h("td", { class: "num" }, q.rate),
      h("td", {}, feeLines(q.fees)),
      h("td", { class: "num strong fee-total" }, money(q.fees?.total, q.fees?.currency)),
      h("td", { class: "small" }, q.expires_at ? new Date(q.expires_at).toLocaleTimeString() : "—"),
      h(
        "td",
        {},
        isAccepted
          ? h("span", { class: "badge good" }, "Accepted")
          : h("button", { type: "button", class: best ? "primary small" : "secondary small", disabled: accepted ? true : null, dataset: { accept: q.id }, onclick: (ev) => acceptQuote(ev.currentTarget, q.id) }, "Accept"),
      ),
    );
  });
  setContent(
    out,
    head,
    h("div", { id: "accept-result", dataset: { testid: "accept-result" } }, accepted ? acceptedNotice(accepted) : null),
    table(["#", "You pay (in)", "Lands (out)", "Rate", "Fees", "Fee total", "Expires", ""], rows, { class: "quotes-table", dataset: { testid: "quotes-table" } }),
    h("p", { class: "small muted" }, "In amounts include every fee; fees are already deducted on the way to the out amount. Some legs carry a spread inside the rate that is not itemised."),
  );
  $("accept-best").hidden = !!accepted;
}

function acceptedNotice(a) {
  return h(
    "div",
    { class: "notice-box ok", role: "status" },
    "Order ",
    h("code", { dataset: { testid: "order-id" } }, a.orderId),
    ` created${a.status ? ` (${a.status})` : ""}. `,
    h("a", { href: "#/orders" }, "See it in your orders →"),
  );
}

async function acceptQuote(button, quoteId) {
  const snap = state.snapshot;
  if (!snap) return;
  const result = $("accept-result");
  await busy(button, "Accepting…", async () => {
    try {
      const res = quoteId ? await state.api.quotes.accept(snap.id, quoteId) : await state.api.quotes.acceptBest(snap.id);
      state.accepted = { snapshotId: snap.id, quoteId: res.quote_id || quoteId || snap.best_quote_id, orderId: res.order_id, status: res.status };
      state.lastOrderId = res.order_id;
    } catch (e) {
      if (result) setContent(result, errorBox(e, "Accepting the quote"));
      return;
    }
  });
  if (state.accepted?.snapshotId === snap.id) renderSnapshot();
}

// ---------------------------------------------------------------------------------------------
// Orders

async function loadOrders() {
  const body = $("orders-body");
  const scope = document.querySelector('input[name="orders-scope"]:checked').value;
  loading(body, "Loading orders…");
  try {
    const orders = scope === "org" ? await state.api.customers.orders() : await state.api.users.myOrders();
    if (!orders.length) {
      setContent(body, h("p", { class: "muted", dataset: { testid: "orders-empty" } }, scope === "org" ? "No customer orders yet." : "No orders yet. Accept a quote to place one."));
      return;
    }
    setContent(
      body,
      h("p", { class: "small muted" }, `${orders.length} order${orders.length === 1 ? "" : "s"}, most recent first.`),
      table(
        ["Order", "Created", "Direction", "Status", "Pays", "Receives", "Funding"],
        orders.map((o) =>
          h(
            "tr",
            { class: o.id === state.lastOrderId ? "new" : null, dataset: { orderId: o.id } },
            h("td", {}, h("code", { title: o.id }, o.id), o.reference ? h("div", { class: "small muted" }, o.reference) : null),
            h("td", { class: "small" }, fmtTime(o.created_at)),
            h("td", {}, o.direction === "on_ramp" ? "On-ramp" : o.direction === "off_ramp" ? "Off-ramp" : o.direction),
            h("td", {}, badge(o.status)),
            h("td", { class: "num" }, money(o.source_amount, o.source_currency)),
            h(
              "td",
              {},
              o.destination_currency,
              o.destination_chain ? ` on ${o.destination_chain}` : "",
              o.destination_address ? h("div", { class: "small muted", title: o.destination_address }, shortId(o.destination_address)) : null,
            ),
            h("td", { class: "small" }, fundingSummary(o.funding_instructions)),
          ),
        ),
        { class: "orders-table", dataset: { testid: "orders-table" } },
      ),
    );
  } catch (e) {
    showError(body, e, "Loading orders");
  }
}

function fundingSummary(f) {
  if (!f || typeof f !== "object") return "—";
  const parts = [];
  if (f.amount) parts.push(`Send ${money(f.amount, f.currency)}`);
  if (f.payment_rail) parts.push(`by ${f.payment_rail}`);
  if (f.bank_name) parts.push(`to ${f.bank_name}`);
  if (f.deposit_message) parts.push(`reference ${f.deposit_message}`);
  return parts.length ? parts.join(" ") : "instructions attached";
}

// ---------------------------------------------------------------------------------------------
// Cards: listed by the edge Worker, shown by the PCI widget in its own-origin iframe.

function edgeUrl(path) {
  const base = String(state.config.edgeUrl || "").replace(/\/+$/, "");
  return `${base}${path}`;
}

/**
 * A request to the edge Worker as the signed-in user: `Authorization: Bearer <access token>`
 * (the Worker checks that the token's user belongs to its org). An authenticated call first
 * lets the client refresh an expiring token, so the one sent is current.
 */
async function edgeFetch(path, init = {}) {
  await state.api.auth.me();
  const token = await state.tokens.accessToken();
  if (!token) throw new Error("You are signed out.");
  try {
    return await fetch(edgeUrl(path), { ...init, headers: { ...(init.headers || {}), authorization: `Bearer ${token}` } });
  } catch (e) {
    throw new Error(`The edge Worker at ${state.config.edgeUrl} cannot be reached (${e.message}).`);
  }
}

/** The edge Worker's JSON answer, or an Error naming its status and error code. */
async function edgeJson(res, what) {
  const text = await res.text();
  let data = null;
  try {
    data = text ? JSON.parse(text) : null;
  } catch {
    /* not JSON */
  }
  if (!res.ok) {
    const err = data?.error;
    const detail = typeof err === "string" ? err : err?.message || err?.code;
    const why = res.status === 401 ? " (your session was not accepted)" : res.status === 403 ? " (your account may not see these cards)" : "";
    throw new Error(`The edge Worker answered HTTP ${res.status} to ${what}${detail ? `: ${detail}` : ""}${why}.`);
  }
  return data;
}

async function loadCards() {
  const body = $("cards-body");
  if (!state.config.edgeUrl) {
    setContent(body, errorBox(new Error("config.json has no edgeUrl: start the edge Worker (www/edge) to see cards.")));
    return;
  }
  loading(body, "Loading cards…");
  try {
    const data = await edgeJson(await edgeFetch("/cards", { headers: { accept: "application/json" } }), "GET /cards");
    const cards = Array.isArray(data) ? data : Array.isArray(data?.cards) ? data.cards : Array.isArray(data?.data) ? data.data : null;
    if (!cards) throw new Error("The edge Worker's GET /cards answer has no list of cards.");
    state.cards = cards;
    if (!cards.length) {
      setContent(body, h("p", { class: "muted" }, "The demo account has no cards yet."));
      return;
    }
    setContent(
      body,
      h(
        "ul",
        { class: "card-list", dataset: { testid: "card-list" } },
        cards.map((c) =>
          h(
            "li",
            {},
            h(
              "button",
              { type: "button", class: `card-pick${c.id === state.widgetCardId ? " selected" : ""}`, dataset: { cardId: c.id }, onclick: () => openCard(c) },
              h("span", { class: "pan" }, `•••• ${c.last4 ?? "????"}`),
              " ",
              badge(c.status),
              c.label ? h("span", { class: "small muted" }, ` ${c.label}`) : null,
            ),
          ),
        ),
      ),
    );
  } catch (e) {
    showError(body, e, "Loading cards");
  }
}

function openCard(card) {
  const status = $("card-status");
  const el = $("card-widget");
  for (const b of document.querySelectorAll(".card-pick")) b.classList.toggle("selected", b.dataset.cardId === card.id);
  if (state.widget) {
    try {
      state.widget.unmount();
    } catch {
      /* already gone */
    }
    state.widget = null;
  }
  el.replaceChildren();
  state.widgetCardId = card.id;
  loading(status, `Opening card •••• ${card.last4 ?? ""}…`);
  status.dataset.widget = "loading";
  if (!state.config.widgetOrigin) {
    showError(status, new Error("config.json has no widgetOrigin."), "Showing the card");
    status.dataset.widget = "error";
    return;
  }
  try {
    state.widget = state.sdk.mountCardWidget(el, {
      cardId: card.id,
      // The Worker's createWidgetTokenHandler at /widget-token, called with the user's bearer
      // token (a plain tokenUrl could not send it cross-origin).
      fetchToken: async (cardId) =>
        edgeJson(
          await edgeFetch("/widget-token", { method: "POST", headers: { "content-type": "application/json" }, body: JSON.stringify({ cardId }) }),
          "POST /widget-token",
        ),
      widgetOrigin: state.config.widgetOrigin,
      onReady: () => {
        if (state.widgetCardId !== card.id) return;
        status.dataset.widget = "ready";
        setContent(status, h("p", {}, badge("secure", "good"), ` Card •••• ${card.last4 ?? ""} is shown by the card issuer's widget: its number never reaches this page.`));
      },
      onError: (e) => {
        if (state.widgetCardId !== card.id) return;
        status.dataset.widget = "error";
        showError(status, e, "Showing the card");
      },
    });
  } catch (e) {
    status.dataset.widget = "error";
    showError(status, e, "Showing the card");
  }
}

// ---------------------------------------------------------------------------------------------

boot().catch((e) => fatal("The dashboard failed while starting.", e));
