// Errors: always a readable message, never a blank screen.

import { state } from "./state.js";
import { $, h, setContent } from "./dom.js";

/** { title, lines[] } for any thrown value, using the SDK's typed errors. */
export function explain(e, action) {
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

export function errorBox(e, action) {
  const { title, lines } = explain(e, action);
  const box = h("div", { class: "error-box", role: "alert", dataset: { error: "" } }, h("strong", { class: "error-title" }, title));
  if (e && e.code !== undefined) box.dataset.code = String(e.code);
  if (e && e.field) box.dataset.field = String(e.field);
  for (const line of lines) box.append(h("div", { class: "error-line" }, line));
  return box;
}

export function showError(container, e, action) {
  setContent(container, errorBox(e, action));
}

export function banner(text, kind = "error") {
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

export function fatal(message, e) {
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
