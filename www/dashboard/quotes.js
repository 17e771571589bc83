// Quotes: the builder, the ranked legs of a snapshot, accepting one.

import { state } from "./state.js";
import { $, busy, h, loading, markInvalid, setContent, table } from "./dom.js";
import { badge, fmtTime, money, shortId } from "./format.js";
import { errorBox, showError } from "./errors.js";
import { accountSummary, customerName } from "./customers.js";

export async function loadQuoteBuilder() {
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

export function wireQuoteForm() {
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
