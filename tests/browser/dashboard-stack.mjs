// What the dashboard checks (dashboard.runner.mjs) run against, started once for all of them:
// demo data in the sandbox, the edge Worker (www/edge/run.mjs in workerd) and the static server
// (www/serve.mjs), both child processes with --exit-with-stdin. Module scope on purpose: the
// runner imports this module once, so every check shares one stack and one set of children.
// Not named *.runner.mjs: tests/run-browser.mjs would load it as a runner hook of its own.
import { spawn } from "node:child_process";
import { existsSync } from "node:fs";
import net from "node:net";
import { join } from "node:path";
import { pathToFileURL } from "node:url";
import { REPO_ROOT } from "../runner-common.mjs";
import { createCardsTenant, fundedCard } from "../shared/cards-sandbox.mjs";

const SERVE = join(REPO_ROOT, "www", "serve.mjs");
const EDGE = join(REPO_ROOT, "www", "edge", "run.mjs");

// ---------------------------------------------------------------------------------------------
// Child processes

const children = new Set();
// The children stop when their stdin closes (--exit-with-stdin), which happens when this process
// exits, however it exits; closing it here lets them clean up (a signal could cut that short).
process.once("exit", () => {
  for (const c of children) {
    try {
      c.stdin.destroy();
    } catch {
      /* gone */
    }
  }
});

function freePort() {
  return new Promise((resolve, reject) => {
    const srv = net.createServer();
    srv.unref();
    srv.on("error", reject);
    srv.listen(0, "127.0.0.1", () => {
      const { port } = srv.address();
      srv.close(() => resolve(port));
    });
  });
}

/** Starts `node script args… --exit-with-stdin`; resolves to { child, url } on its JSON ready line. */
function startChild(name, script, args, { timeoutMs = 60000 } = {}) {
  return new Promise((resolve, reject) => {
    const child = spawn(process.execPath, [script, ...args, "--exit-with-stdin"], { cwd: REPO_ROOT, stdio: ["pipe", "pipe", "pipe"], env: process.env });
    children.add(child);
    let out = "";
    let err = "";
    let done = false;
    const finish = (e, v) => {
      if (done) return;
      done = true;
      clearTimeout(timer);
      if (e) {
        try {
          child.kill("SIGTERM");
        } catch {
          /* gone */
        }
        reject(e);
      } else resolve(v);
    };
    const timer = setTimeout(() => finish(new Error(`${name} printed no ready line within ${timeoutMs} ms\nstdout: ${out.slice(-1500)}\nstderr: ${err.slice(-1500)}`)), timeoutMs);
    child.stdout.setEncoding("utf8");
    child.stderr.setEncoding("utf8");
    child.stdout.on("data", (d) => {
      out += d;
      for (const line of out.split("\n")) {
        if (!line.trim().startsWith("{")) continue;
        try {
          const msg = JSON.parse(line);
          if (msg.event === "ready" && msg.url) finish(null, { child, url: String(msg.url).replace(/\/+$/, "") });
        } catch {
          /* partial line */
        }
      }
    });
    child.stderr.on("data", (d) => {
      err += d;
      if (err.length > 20000) err = err.slice(-10000);
    });
    child.on("exit", (code, signal) => {
      children.delete(child);
      finish(new Error(`${name} exited (${signal || code}) before it was ready\nstdout: ${out.slice(-1500)}\nstderr: ${err.slice(-1500)}`));
    });
    child.stdin.on("error", () => {});
  });
}

// ---------------------------------------------------------------------------------------------
// Sandbox helpers

async function admin(sandboxUrl, path, body) {
  const res = await fetch(`${sandboxUrl}/__sandbox/${path}`, {
    method: body === undefined ? "GET" : "POST",
    headers: body === undefined ? {} : { "content-type": "application/json" },
    body: body === undefined ? undefined : JSON.stringify(body),
  });
  const text = await res.text();
  if (!res.ok) throw new Error(`sandbox ${path} → ${res.status}: ${text.slice(0, 300)}`);
  return JSON.parse(text);
}

export const totp = async (env, secret) => (await admin(env.sandboxUrl, "orchestration/totp", { secret })).code;
export const stats = (env, orgId) => admin(env.sandboxUrl, `orchestration/stats?orgId=${encodeURIComponent(orgId)}`);

/** A raw orchestration call with the org API key (what the test knows independently of the page). */
export async function orchestration(env, apiKey, method, path, body) {
  const res = await fetch(`${env.sandboxUrl}/api/v0${path}`, {
    method,
    headers: { "api-key": apiKey, ...(body ? { "content-type": "application/json" } : {}) },
    body: body ? JSON.stringify(body) : undefined,
  });
  const text = await res.text();
  if (!res.ok) throw new Error(`${method} ${path} → ${res.status}: ${text.slice(0, 300)}`);
  return JSON.parse(text);
}

/** A customer (KYC approved) with a USDC wallet on base, made through the API: { customerId, accountId }. */
export async function walletAccount(env, s) {
  if (s.wallet) return s.wallet;
  const ext = `wallet-${Date.now().toString(36)}`;
  const { customer } = await orchestration(env, s.tenant.apiKey, "POST", "/customers", {
    external_id: ext,
    type: "individual",
    email: `${ext}@example.com`,
    first_name: "Wally",
    last_name: "Wallet",
    address: { line1: "1 Main St", city: "Brooklyn", state: "NY", postal_code: "11201", country: "US" },
  });
  for (let i = 0; ; i++) {
    const env2 = await orchestration(env, s.tenant.apiKey, "GET", `/customers/${customer.id}`);
    if (env2.providers.every((p) => p.kyc.status === "approved")) {
      const account = await orchestration(env, s.tenant.apiKey, "POST", `/customers/${customer.id}/accounts`, {
        provider: env2.providers[0].provider,
        account_type: "external_digital_asset_wallet",
        currencies: ["USDC"],
        rails: ["base"],
        address: "0x000000000000000000000000000000000000dEaD",
      });
      s.wallet = { customerId: customer.id, accountId: account.id };
      return s.wallet;
    }
    if (i > 100) throw new Error("customer KYC did not settle");
    await new Promise((r) => setTimeout(r, 100));
  }
}

// ---------------------------------------------------------------------------------------------
// The stack (data + edge Worker + static server), shared by the checks

let stackPromise = null;

export function stack(env) {
  if (!stackPromise) {
    stackPromise = startStack(env);
    stackPromise.catch(() => {}); // reported by the check that awaits it
  }
  return stackPromise;
}

async function startStack(env) {
  if (!env.sandboxUrl) throw new Error("SEISMIC_SANDBOX_URL is not set");
  if (!env.widgetOrigin) throw new Error("SEISMIC_SANDBOX_WIDGET_ORIGIN is not set (the sandbox's card widget origin)");
  const missing = [SERVE, EDGE].filter((f) => !existsSync(f));
  if (missing.length) throw new Error(`not there yet: ${missing.join(", ")} (the dashboard tests start them)`);
  const sdk = await import(pathToFileURL(join(env.pkgDir, "node.js")).href);

  // Orchestration: the user who signs in; its org's API key goes to the edge Worker.
  const tenant = await admin(env.sandboxUrl, "orchestration/tenants", { quoteDelayMs: 200, kycDelayMs: 300 });
  // Cards: a program with one funded virtual card the Worker may show.
  const program = await createCardsTenant(env.sandboxUrl, { kycDelayMs: 30, cardholderDelayMs: 30 });
  const cards = new sdk.SeismicCardsClient({ baseUrl: env.sandboxUrl, clientId: program.clientId, clientSecret: program.clientSecret });
  const card = await fundedCard(cards, program, { label: "Dashboard card" });
  const sensitive = await cards.cards.sensitiveData({ cardId: card.cardId, accountId: card.accountId });

  const wwwPort = await freePort();
  const wwwOrigin = `http://127.0.0.1:${wwwPort}`;
  const bind = {
    CARDS_BASE_URL: env.sandboxUrl,
    CARDS_CLIENT_ID: program.clientId,
    CARDS_CLIENT_SECRET: program.clientSecret,
    CARDS_WEBHOOK_SECRET: program.webhookSecret,
    ORCHESTRATION_BASE_URL: `${env.sandboxUrl}/api`,
    ORCHESTRATION_API_KEY: tenant.apiKey,
    ALLOWED_ORIGIN: wwwOrigin,
    DEMO_ACCOUNT_ID: card.accountId,
    DEMO_CARD_IDS: card.cardId,
  };
  const edge = await startChild("www/edge/run.mjs", EDGE, ["--pkg", env.pkgDir, ...Object.entries(bind).flatMap(([k, v]) => ["--bind", `${k}=${v}`])], { timeoutMs: 90000 });
  const www = await startChild("www/serve.mjs", SERVE, [
    "--port", String(wwwPort),
    "--pkg", env.pkgDir,
    "--sandbox-url", env.sandboxUrl,
    "--orchestration-base-url", `${env.sandboxUrl}/api`,
    "--edge-url", edge.url,
    "--widget-origin", env.widgetOrigin,
  ]);
  return {
    tenant,
    orgName: (await orchestration(env, tenant.apiKey, "GET", "/org")).name,
    card: { id: card.cardId, accountId: card.accountId, last4: sensitive.cardNumber.slice(-4), pan: sensitive.cardNumber, cvv: sensitive.cvv },
    secrets: [tenant.apiKey, program.clientSecret, program.webhookSecret],
    edgeUrl: edge.url,
    wwwUrl: www.url,
    dashboard: `${www.url}/dashboard/`,
    mfaSecret: null,
  };
}
