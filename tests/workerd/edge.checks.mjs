// The demo's edge Worker (www/edge/worker.mjs) in workerd, started with www/edge/run.mjs exactly
// as `cargo xtask demo` starts it, driven over HTTP from Node: widget tokens, webhooks, the
// orchestration proxy and CORS. Run by tests/run-workerd.mjs (env = { sandboxUrl, pkgDir, assert, … }).
import { spawn } from "node:child_process";
import { createHmac } from "node:crypto";
import { join } from "node:path";
import { fileURLToPath, pathToFileURL } from "node:url";
import { createCardsTenant, fundedCard, addWebhookEndpoint, purchase, pollUntil, jwtPayload } from "../shared/cards-sandbox.mjs";

const RUN_MJS = fileURLToPath(new URL("../../www/edge/run.mjs", import.meta.url));
const ALLOWED = "http://dashboard.test:8080";

/** One Worker (and its demo data) shared by the checks below; stopped when the runner exits. */
let started;

async function adminPost(sandboxUrl, path, body) {
  const res = await fetch(`${sandboxUrl}${path}`, { method: "POST", headers: { "content-type": "application/json" }, body: JSON.stringify(body) });
  const text = await res.text();
  if (!res.ok) throw new Error(`POST ${path} → ${res.status}: ${text.slice(0, 300)}`);
  return JSON.parse(text);
}

async function login(sandboxUrl, email, password) {
  const res = await fetch(`${sandboxUrl}/api/v0/auth/login`, { method: "POST", headers: { "content-type": "application/json" }, body: JSON.stringify({ email, password }) });
  const body = await res.json();
  const pair = body && body.data ? body.data : body;
  if (!res.ok || typeof pair.access_token !== "string") throw new Error(`login ${email} → ${res.status}: ${JSON.stringify(body)}`);
  return pair.access_token;
}

function startWorker(pkgDir, bindings) {
  const child = spawn(process.execPath, [RUN_MJS, "--port", "0", "--pkg", pkgDir, "--exit-with-stdin"], {
    env: { ...process.env, ...bindings },
    stdio: ["pipe", "pipe", "pipe"],
  });
  process.on("exit", () => child.kill("SIGTERM"));
  let stderr = "";
  child.stderr.on("data", (d) => {
    stderr += d;
  });
  return new Promise((resolve, reject) => {
    let buffered = "";
    const timer = setTimeout(() => reject(new Error(`run.mjs not ready after 60 s; stderr: ${stderr.slice(-2000)}`)), 60_000);
    child.stdout.on("data", (d) => {
      buffered += d;
      const line = buffered.split("\n").find((l) => l.includes('"ready"'));
      if (line) {
        clearTimeout(timer);
        resolve({ child, url: JSON.parse(line).url, stderr: () => stderr });
      }
    });
    child.on("exit", (code) => {
      clearTimeout(timer);
      reject(new Error(`run.mjs exited (${code}) before it was ready; stderr: ${stderr.slice(-2000)}`));
    });
  });
}

/** Demo data (a funded card, an org, an outsider org) and the Worker holding its secrets. */
async function setup(env) {
  if (started) return started;
  const sandboxUrl = env.sandboxUrl;
  if (!sandboxUrl) throw new Error("sandbox URL missing (set SEISMIC_SANDBOX_URL)");
  const sdk = await import(pathToFileURL(join(env.pkgDir, "node.js")).href);
  const program = await createCardsTenant(sandboxUrl, { kycDelayMs: 30, cardholderDelayMs: 30 });
  const cards = new sdk.SeismicCardsClient({ baseUrl: sandboxUrl, clientId: program.clientId, clientSecret: program.clientSecret });
  const { accountId, cardId, card } = await fundedCard(cards, program);
  const other = await fundedCard(cards, program, { label: "Not granted" });
  const org = await adminPost(sandboxUrl, "/__sandbox/orchestration/tenants", {});
  const outsider = await adminPost(sandboxUrl, "/__sandbox/orchestration/tenants", {});
  const bindings = {
    CARDS_BASE_URL: sandboxUrl,
    CARDS_CLIENT_ID: program.clientId,
    CARDS_CLIENT_SECRET: program.clientSecret,
    CARDS_WEBHOOK_SECRET: program.webhookSecret,
    ORCHESTRATION_BASE_URL: `${sandboxUrl}/api`,
    ORCHESTRATION_API_KEY: org.apiKey,
    DEMO_ACCOUNT_ID: accountId,
    DEMO_CARD_IDS: cardId,
    ALLOWED_ORIGIN: ALLOWED,
    WEBHOOK_HISTORY: "20",
  };
  const worker = await startWorker(env.pkgDir, bindings);
  started = {
    sandboxUrl,
    url: worker.url,
    worker,
    program,
    accountId,
    cardId,
    card,
    otherCardId: other.cardId,
    org,
    bindings,
    member: await login(sandboxUrl, org.email, org.password),
    outsider: await login(sandboxUrl, outsider.email, outsider.password),
  };
  return started;
}

async function call(w, path, { method = "GET", token, body, headers = {} } = {}) {
  const res = await fetch(`${w.url}${path}`, {
    method,
    headers: { ...(body !== undefined ? { "content-type": "application/json" } : {}), ...(token ? { authorization: `Bearer ${token}` } : {}), ...headers },
    body: body === undefined ? undefined : typeof body === "string" ? body : JSON.stringify(body),
  });
  const text = await res.text();
  let json;
  try {
    json = JSON.parse(text);
  } catch {
    json = undefined;
  }
  return { status: res.status, headers: res.headers, text, json };
}

/** No secret the Worker holds may appear in anything it answers. */
function assertNoSecrets(assert, w, answer, what) {
  const everything = `${answer.text}\n${[...answer.headers].map(([k, v]) => `${k}: ${v}`).join("\n")}`;
  for (const name of ["ORCHESTRATION_API_KEY", "CARDS_CLIENT_SECRET", "CARDS_WEBHOOK_SECRET", "CARDS_CLIENT_ID"]) {
    assert.ok(!everything.includes(w.bindings[name]), `${what}: ${name} leaked into the answer`);
  }
}

function sign(secret, body, t = Math.floor(Date.now() / 1000)) {
  return `t=${t},v1=${createHmac("sha256", secret).update(`${t}.${body}`).digest("hex")}`;
}

export const checks = [
  {
    name: "edge Worker (www/edge in workerd): widget token for a granted card (200, no-store) and refused otherwise (401 no/invalid session, 403 other org or card not granted); GET /cards without PAN/CVV",
    run: async (env) => {
      const { assert } = env;
      const w = await setup(env);
      const ok = await call(w, "/widget-token", { method: "POST", token: w.member, body: { cardId: w.cardId } });
      assert.equal(ok.status, 200, `member, granted card: ${ok.text}`);
      assert.equal(ok.headers.get("cache-control"), "no-store", "Cache-Control");
      assert.equal(jwtPayload(ok.json.token).sub, w.cardId, "token for the card");
      assert.equal(ok.json.expiresAt, jwtPayload(ok.json.token).exp * 1000, "expiresAt");
      assertNoSecrets(assert, w, ok, "widget token");

      const none = await call(w, "/widget-token", { method: "POST", body: { cardId: w.cardId } });
      assert.equal(none.status, 401, `no session: ${none.text}`);
      const forged = await call(w, "/widget-token", { method: "POST", token: `${w.member.slice(0, -4)}AAAA`, body: { cardId: w.cardId } });
      assert.equal(forged.status, 401, `a token with a bad signature: ${forged.text}`);
      const outsider = await call(w, "/widget-token", { method: "POST", token: w.outsider, body: { cardId: w.cardId } });
      assert.equal(outsider.status, 403, `a user of another org: ${outsider.text}`);
      const notGranted = await call(w, "/widget-token", { method: "POST", token: w.member, body: { cardId: w.otherCardId } });
      assert.equal(notGranted.status, 403, `a card of the program that is not granted: ${notGranted.text}`);
      const bad = await call(w, "/widget-token", { method: "POST", token: w.member, body: "{" });
      assert.equal(bad.status, 400, `malformed body: ${bad.text}`);

      const listed = await call(w, "/cards", { token: w.member });
      assert.equal(listed.status, 200, listed.text);
      assert.deepEqual(listed.json, { cards: [{ id: w.cardId, last4: w.card.last4, status: "ACTIVE", label: w.card.label }] }, "GET /cards");
      const sensitive = await (await import(pathToFileURL(join(env.pkgDir, "node.js")).href)).SeismicCardsClient;
      const client = new sensitive({ baseUrl: w.sandboxUrl, clientId: w.program.clientId, clientSecret: w.program.clientSecret });
      const secret = await client.cards.sensitiveData({ cardId: w.cardId, accountId: w.accountId });
      const pan = JSON.stringify(secret).match(/\d{15,19}/);
      assert.ok(pan, `the sandbox returns a PAN to the server client: ${JSON.stringify(secret)}`);
      assert.ok(!listed.text.includes(pan[0]), "the PAN is not in GET /cards");
      assert.equal((await call(w, "/cards")).status, 401, "GET /cards without a session");
      assert.equal((await call(w, "/cards", { token: w.outsider })).status, 403, "GET /cards for another org");
    },
  },
  {
    name: "edge Worker: sandbox webhooks reach it and verify (200, kept for GET /webhooks/recent); tampered, stale, unsigned and wrong-secret ones → 400",
    run: async (env) => {
      const { assert } = env;
      const w = await setup(env);
      // A real delivery: the sandbox signs with the program's secret.
      await addWebhookEndpoint(w.sandboxUrl, w.program.clientId, `${w.url}/webhooks/cards`);
      const sale = await purchase(w.sandboxUrl, { clientId: w.program.clientId, accountId: w.accountId, cardId: w.cardId, amount: "7.25", merchantName: "Edge Cafe" });
      const recent = await pollUntil(
        "the delivered webhook",
        () => call(w, "/webhooks/recent", { token: w.member }),
        (r) => r.status === 200 && r.json.events.some((e) => e.data && e.data.transaction && e.data.transaction.id === sale.id),
        { timeoutMs: 15000, intervalMs: 100 },
      );
      const event = recent.json.events.find((e) => e.data.transaction.id === sale.id);
      assert.ok(/^CARD_TRANSACTION\./.test(event.type), `event type ${event.type}`);
      assert.equal((await call(w, "/webhooks/recent")).status, 401, "recent events need a session");

      // Crafted ones, signed here with the same secret.
      const body = JSON.stringify({ id: `evt_edge_${Date.now()}`, type: "CARD.UPDATED", createdAt: Math.floor(Date.now() / 1000), data: { cardId: w.cardId } });
      const post = (text, signature) => call(w, "/webhooks/cards", { method: "POST", body: text, headers: signature === undefined ? {} : { "seismic-signature": signature } });
      const accepted = await post(body, sign(w.bindings.CARDS_WEBHOOK_SECRET, body));
      assert.equal(accepted.status, 200, `signed: ${accepted.text}`);
      const tampered = await post(body.replace("CARD.UPDATED", "CARD.DELETED"), sign(w.bindings.CARDS_WEBHOOK_SECRET, body));
      assert.equal(tampered.status, 400, `tampered body: ${tampered.text}`);
      assert.equal(tampered.json.reason, "no_signature_match");
      const stale = await post(body, sign(w.bindings.CARDS_WEBHOOK_SECRET, body, Math.floor(Date.now() / 1000) - 3600));
      assert.equal(stale.status, 400, `an hour old: ${stale.text}`);
      assert.equal(stale.json.reason, "timestamp_outside_tolerance");
      assert.equal((await post(body, undefined)).status, 400, "unsigned");
      assert.equal((await post(body, sign("whsec_not_the_secret", body))).status, 400, "another secret");
      const after = await call(w, "/webhooks/recent", { token: w.member });
      const ids = after.json.events.map((e) => e.id);
      assert.ok(ids.includes(JSON.parse(body).id), "the crafted signed event is kept");
      assert.equal(after.json.events.filter((e) => e.type === "CARD.DELETED").length, 0, "the tampered event is not kept");
      assert.equal((await call(w, "/webhooks/cards")).status, 405, "GET on the webhook endpoint");
    },
  },
  {
    // Old: verifyWebhook returned null for a signed "null" body and the Worker crashed on
    // event.id (500). Now the SDK refuses a non-object event and the Worker's catch answers 400.
    name: "edge Worker: a correctly signed null body on /webhooks/cards → 400 invalid_payload (not a 500)",
    run: async (env) => {
      const { assert } = env;
      const w = await setup(env);
      const res = await call(w, "/webhooks/cards", { method: "POST", body: "null", headers: { "seismic-signature": sign(w.bindings.CARDS_WEBHOOK_SECRET, "null") } });
      assert.equal(res.status, 400, `signed null: ${res.text}`);
      assert.equal(res.json && res.json.reason, "invalid_payload", `reason: ${res.text}`);
      assertNoSecrets(assert, w, res, "signed null");
    },
  },
  {
    name: "edge Worker: the orchestration proxy answers with the org's API key (seen by the API) and the key never reaches the browser's answer",
    run: async (env) => {
      const { assert } = env;
      const w = await setup(env);
      const current = await call(w, "/orchestration/orgs/current", { token: w.member, headers: { origin: ALLOWED } });
      assert.equal(current.status, 200, current.text);
      assert.equal(current.json.id, w.org.orgId, "the org of the API key");
      assertNoSecrets(assert, w, current, "orgs/current");
      const orders = await call(w, "/orchestration/customers/orders?direction=on_ramp", { token: w.member });
      assert.equal(orders.status, 200, orders.text);
      assert.ok(Array.isArray(orders.json), `orders feed: ${orders.text}`);
      assertNoSecrets(assert, w, orders, "customers/orders");
      // The API saw the Worker's calls with Api-Key (the sandbox logs the auth scheme).
      const res = await fetch(`${w.sandboxUrl}/__sandbox/orchestration/log?orgId=${encodeURIComponent(w.org.orgId)}`);
      const log = await res.json();
      const proxied = log.filter((e) => e.path === "/api/v0/customers/orders");
      assert.ok(proxied.length > 0, `the proxied call is in the API's log: ${JSON.stringify(log).slice(0, 500)}`);
      assert.ok(proxied.every((e) => /api-key/i.test(JSON.stringify(e.authHeader))), `sent with Api-Key: ${JSON.stringify(proxied)}`);
      assert.equal((await call(w, "/orchestration/orgs/current")).status, 401, "no session");
      assert.equal((await call(w, "/orchestration/orgs/current", { token: w.outsider })).status, 403, "another org's user");
      assert.equal((await call(w, "/orchestration/nope", { token: w.member })).status, 404, "unknown proxy route");
    },
  },
  {
    name: "edge Worker: CORS only for ALLOWED_ORIGIN (preflight 204 with the exact origin; others get no Access-Control-Allow-Origin)",
    run: async (env) => {
      const { assert } = env;
      const w = await setup(env);
      const pre = await call(w, "/widget-token", { method: "OPTIONS", headers: { origin: ALLOWED, "access-control-request-method": "POST", "access-control-request-headers": "authorization, content-type" } });
      assert.equal(pre.status, 204, pre.text);
      assert.equal(pre.headers.get("access-control-allow-origin"), ALLOWED);
      assert.ok(/authorization/i.test(pre.headers.get("access-control-allow-headers")), "Authorization allowed");
      const evil = await call(w, "/widget-token", { method: "OPTIONS", headers: { origin: "http://evil.test", "access-control-request-method": "POST" } });
      assert.equal(evil.headers.get("access-control-allow-origin"), null, "no CORS for another origin");
      const cross = await call(w, "/cards", { token: w.member, headers: { origin: "http://evil.test" } });
      assert.equal(cross.headers.get("access-control-allow-origin"), null, "no CORS on the answer either");
      const health = await call(w, "/health");
      assert.equal(health.status, 200);
      assertNoSecrets(assert, w, health, "health");
    },
  },
];
