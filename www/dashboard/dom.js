// DOM helpers: element lookup and building (text only: API data is never parsed as HTML),
// loading and notice boxes, tables, busy buttons, invalid-field marks.

export const $ = (id) => document.getElementById(id);

/** Element builder: h("td", { class: "x", dataset: { id } }, "text", child, …). */
export function h(tag, attrs = {}, ...children) {
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

export function setContent(container, ...nodes) {
  container.replaceChildren(...nodes.flat().filter((n) => n !== null && n !== undefined && n !== false));
}

export function loading(container, text = "Loading…") {
  setContent(container, h("p", { class: "loading", dataset: { loading: "" } }, h("span", { class: "spinner", "aria-hidden": "true" }), text));
}

export function notice(text, kind = "ok") {
  return h("div", { class: `notice-box ${kind}`, role: "status" }, text);
}

/** Disables `button` and shows `text` while `fn` runs. */
export async function busy(button, text, fn) {
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
export function markInvalid(form, e) {
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

export function table(headers, rows, attrs = {}) {
  return h(
    "div",
    { class: "table-wrap" },
    h("table", attrs, h("thead", {}, h("tr", {}, headers.map((x) => h("th", {}, x)))), h("tbody", {}, rows)),
  );
}
