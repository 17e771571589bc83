// The session: sign in (with a TOTP code when MFA is on), sign out, entering the app.

import { state } from "./state.js";
import { $, busy, setContent } from "./dom.js";
import { banner, errorBox, explain } from "./errors.js";
import { route } from "./router.js";

export function showLogin({ notice: text, error } = {}) {
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

export function wireLogin() {
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

export async function enterApp() {
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
