// Customers and accounts: the list (with KYC status), creating a customer, attaching an account.

import { state } from "./state.js";
import { $, busy, h, loading, markInvalid, notice, setContent, table } from "./dom.js";
import { badge, fmtTime, safeUrl, shortId } from "./format.js";
import { errorBox, showError } from "./errors.js";
import { currentPage } from "./router.js";

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

export async function loadCustomers() {
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

export function customerName(c) {
  if (!c) return "—";
  return c.type === "business" ? c.legal_name || c.email : [c.first_name, c.last_name].filter(Boolean).join(" ") || c.email;
}

export function accountSummary(a) {
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

export function wireCustomerForms() {
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
