// Driving one dashboard tab for the dashboard checks (dashboard.runner.mjs): open it (recording
// page errors and every response body), wait for page states and texts, sign in (with a TOTP code
// once MFA is on), screenshots, the scan for server secrets, and exact decimal comparison.
// Not named *.runner.mjs: tests/run-browser.mjs would load it as a runner hook of its own.
import { join } from "node:path";
import { outDir } from "../runner-common.mjs";
import { totp } from "./dashboard-stack.mjs";

export const STEP_MS = 20000;

// ---------------------------------------------------------------------------------------------
// Page helpers

export async function openDashboard(env, s, hash = "") {
  const page = await env.context.newPage();
  const diagnostics = [];
  page.on("pageerror", (e) => diagnostics.push(`pageerror: ${e.message}`));
  page.on("console", (m) => {
    if (m.type() === "error" && !/^Failed to load resource/.test(m.text())) diagnostics.push(`console.error: ${m.text()}`);
  });
  const bodies = [];
  page.on("response", (r) => {
    const method = r.request().method();
    bodies.push(r.body().then((b) => ({ url: r.url(), method, status: r.status(), text: b.toString("utf8") }), () => null));
  });
  await page.goto(`${s.dashboard}${hash}`);
  await waitState(page, ["login", "app", "fatal"]);
  return { page, diagnostics, bodies };
}

export async function waitState(page, states, timeout = STEP_MS) {
  await page.waitForFunction((states) => states.includes(document.body.dataset.state), states, { timeout }).catch(async (e) => {
    const now = await page.evaluate(() => ({ state: document.body.dataset.state, text: document.body.innerText.slice(0, 800) })).catch(() => ({}));
    throw new Error(`waiting for page state ${states.join("|")}: got ${JSON.stringify(now.state)}; page text: ${JSON.stringify(now.text)} (${e.message.split("\n")[0]})`);
  });
  return page.evaluate(() => document.body.dataset.state);
}

export const text = (page, selector) => page.locator(selector).first().innerText({ timeout: STEP_MS });

/** Waits until `selector`'s text matches `re`; the error says what the text was. */
export async function waitText(page, selector, re, timeout = STEP_MS) {
  try {
    await page.waitForFunction(
      ({ selector, source, flags }) => {
        const el = document.querySelector(selector);
        return !!el && new RegExp(source, flags).test(el.innerText);
      },
      { selector, source: re.source, flags: re.flags },
      { timeout },
    );
  } catch {
    const got = await page.evaluate((sel) => document.querySelector(sel)?.innerText ?? null, selector).catch(() => null);
    throw new Error(`${selector} never matched ${re}: ${JSON.stringify(got)}`);
  }
}

export async function shot(page, name) {
  const path = join(outDir("screenshots"), name);
  await page.screenshot({ path, fullPage: true });
  return path;
}

export async function signIn(env, s, page) {
  await page.fill("#login-email", s.tenant.email);
  await page.fill("#login-password", s.tenant.password);
  await page.click("#login-submit");
  let st = await waitState(page, ["app", "mfa"]);
  if (st === "mfa") {
    if (!s.mfaSecret) throw new Error("the account asks for MFA but no secret is known");
    await page.fill("#mfa-code", await totp(env, s.mfaSecret));
    await page.click("#mfa-submit");
    st = await waitState(page, ["app"]);
  }
  return st;
}

/** The dashboard at `hash`, signed in. */
export async function openSignedIn(env, s, hash) {
  const tab = await openDashboard(env, s, hash);
  const st = await tab.page.evaluate(() => document.body.dataset.state);
  if (st === "fatal") throw new Error(`the dashboard could not start: ${await text(tab.page, "#boot")}`);
  if (st === "login") {
    await signIn(env, s, tab.page);
    if (hash) await tab.page.evaluate((h) => (location.hash = h), hash);
  }
  return tab;
}

export const localStore = (page) => page.evaluate(() => Object.fromEntries(Object.keys(localStorage).map((k) => [k, localStorage.getItem(k)])));

/** Everything the page holds or received, searched for the org API key and the Cards secrets. */
export async function assertNoSecrets(assert, s, tab) {
  const html = await tab.page.content();
  const storage = JSON.stringify(await localStore(tab.page));
  const received = (await Promise.all(tab.bodies)).filter(Boolean);
  for (const secret of s.secrets) {
    assert.ok(!html.includes(secret), "a server secret is in the page's DOM");
    assert.ok(!storage.includes(secret), "a server secret is in localStorage");
    const hit = received.find((r) => r.text.includes(secret));
    assert.ok(!hit, `a server secret reached the page in ${hit && hit.url}`);
  }
  assert.ok(received.length > 5, `responses scanned: ${received.length}`);
}

/** Sum of decimal strings, exact (scaled integers). */
export function decimalSum(values) {
  const scale = Math.max(0, ...values.map((v) => (String(v).split(".")[1] || "").length));
  const total = values.reduce((acc, v) => {
    const [i, f = ""] = String(v).split(".");
    return acc + BigInt(i + f.padEnd(scale, "0"));
  }, 0n);
  return { total, scale };
}
export const decimalEq = (a, b) => {
  const s = Math.max((String(a).split(".")[1] || "").length, (String(b).split(".")[1] || "").length);
  const n = (v) => {
    const [i, f = ""] = String(v).split(".");
    return BigInt(i + f.padEnd(s, "0"));
  };
  return n(a) === n(b);
};
