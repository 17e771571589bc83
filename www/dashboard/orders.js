// Orders: the user's or the org's, with funding instructions.

import { state } from "./state.js";
import { $, h, loading, setContent, table } from "./dom.js";
import { badge, fmtTime, money, shortId } from "./format.js";
import { showError } from "./errors.js";

export async function loadOrders() {
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
