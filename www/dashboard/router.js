// Routing: #/<page> shows one page and runs its loader; wires every page's controls.

import { state } from "./state.js";
import { $ } from "./dom.js";
import { banner, explain } from "./errors.js";
import { loadKyb, loadOverview, wireMfaEnroll } from "./overview.js";
import { loadCustomers, wireCustomerForms } from "./customers.js";
import { loadQuoteBuilder, wireQuoteForm } from "./quotes.js";
import { loadOrders } from "./orders.js";
import { loadCards } from "./cards.js";
// (customers.js imports currentPage from here: a cycle through function declarations only,
// which are bound before any module runs.)

const PAGES = ["overview", "customers", "quotes", "orders", "cards"];
const LOADERS = {
  overview: loadOverview,
  customers: loadCustomers,
  quotes: loadQuoteBuilder,
  orders: loadOrders,
  cards: loadCards,
};

export function currentPage() {
  const m = location.hash.match(/^#\/([a-z]+)/);
  return m && PAGES.includes(m[1]) ? m[1] : "overview";
}

export function route() {
  if (!state.signedIn) return;
  const page = currentPage();
  for (const p of PAGES) $(`page-${p}`).hidden = p !== page;
  for (const a of document.querySelectorAll("nav.tabs a")) a.classList.toggle("active", a.dataset.route === page);
  document.body.dataset.page = page;
  Promise.resolve()
    .then(() => LOADERS[page]())
    .catch((e) => banner(`${explain(e).title}: ${explain(e).lines.join(" — ")}`));
}

export function wireApp() {
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
