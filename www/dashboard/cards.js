// Cards: listed by the edge Worker, shown by the PCI widget in its own-origin iframe.

import { state } from "./state.js";
import { $, h, loading, setContent } from "./dom.js";
import { badge } from "./format.js";
import { errorBox, showError } from "./errors.js";

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

export async function loadCards() {
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
