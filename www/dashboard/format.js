// Formatting: times, ids, amounts, safe links, status badges.

import { h } from "./dom.js";

export const fmtTime = (iso) => {
  if (!iso) return "—";
  const d = new Date(iso);
  return Number.isNaN(d.getTime()) ? String(iso) : d.toLocaleString();
};
/** `url` when it is an http(s) URL (hosted KYB/KYC links come from the API), else null. */
export function safeUrl(url) {
  try {
    const u = new URL(String(url));
    return u.protocol === "https:" || u.protocol === "http:" ? u.href : null;
  } catch {
    return null;
  }
}
export const shortId = (id) => (typeof id === "string" && id.length > 14 ? `${id.slice(0, 8)}…${id.slice(-4)}` : String(id ?? "—"));
export const money = (amount, currency) => `${amount ?? "—"} ${currency ?? ""}`.trim();
export const badge = (text, kind = statusKind(text)) => h("span", { class: `badge ${kind}` }, text ?? "—");

export function statusKind(s) {
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
