// Overview: org, KYB, security (MFA status and enrolment).

import { state } from "./state.js";
import { $, busy, h, loading, notice, setContent, table } from "./dom.js";
import { badge, fmtTime, safeUrl, statusKind } from "./format.js";
import { errorBox, showError } from "./errors.js";

export async function loadOverview() {
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

export async function loadKyb() {
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

export function wireMfaEnroll() {
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
