#!/usr/bin/env node
// The seismic-sdk walkthrough, run by `cargo xtask demo` (and `cargo xtask test`) against a
// local seismic-sandbox. Prints a readable transcript; exits non-zero on any error.
// Env: SEISMIC_PKG_DIR (built package), SEISMIC_SANDBOX_URL; optionally SEISMIC_EDGE_URL and
// SEISMIC_DEMO_SETUP (the JSON line of www/demo/setup.mjs) for the edge Worker's part: then the
// new team member joins the demo org whose API key the Worker holds.
import { createHmac } from "node:crypto";
import { join } from "node:path";
import { pathToFileURL } from "node:url";

const pkg = process.env.SEISMIC_PKG_DIR;
const sandbox = (process.env.SEISMIC_SANDBOX_URL || "").replace(/\/+$/, "");
if (!pkg || !sandbox) {
  console.error("set SEISMIC_PKG_DIR and SEISMIC_SANDBOX_URL (or run `cargo xtask demo`)");
  process.exit(2);
}
const sdk = await import(pathToFileURL(join(pkg, "node.js")).href);
const edgeUrl = (process.env.SEISMIC_EDGE_URL || "").replace(/\/+$/, "");
const demo = process.env.SEISMIC_DEMO_SETUP ? JSON.parse(process.env.SEISMIC_DEMO_SETUP) : null;

const dim = (s) => `\x1b[2m${s}\x1b[0m`;
const bold = (s) => `\x1b[1m${s}\x1b[0m`;
const show = (label, value) => console.log(`  ${label.padEnd(10)} ${typeof value === "string" ? value : JSON.stringify(value)}`);
const short = (s) => (s.length > 72 ? `${s.slice(0, 72)}… (${s.length} chars)` : s);
const check = (ok, what) => {
  if (!ok) throw new Error(`walkthrough check failed: ${what}`);
};

const admin = async (path, body) => {
  const res = await fetch(`${sandbox}/__sandbox/${path}`, {
    method: "POST",
    headers: { "content-type": "application/json" },
    body: JSON.stringify(body ?? {}),
  });
  const text = await res.text();
  if (!res.ok) throw new Error(`sandbox admin /__sandbox/${path} → ${res.status}: ${text.slice(0, 300)}`);
  return JSON.parse(text);
};
const sleep = (ms) => new Promise((r) => setTimeout(r, ms));
const until = async (label, probe, { tries = 100, ms = 200 } = {}) => {
  process.stdout.write(dim(`  waiting for ${label} `));
  for (let i = 0; i < tries; i++) {
    if (await probe()) return console.log(dim("✓"));
    process.stdout.write(dim("."));
    await sleep(ms);
  }
  throw new Error(`${label} did not happen`);
};

// RFC 6238 TOTP (HMAC-SHA-1, 30 s steps, 6 digits) over an RFC 4648 base32 secret: what an
// authenticator app computes from the QR code.
function base32Decode(text) {
  const alphabet = "ABCDEFGHIJKLMNOPQRSTUVWXYZ234567";
  let bits = 0;
  let value = 0;
  const out = [];
  for (const c of text.replace(/[\s=]/g, "").toUpperCase()) {
    const index = alphabet.indexOf(c);
    if (index < 0) throw new Error(`not base32: ${JSON.stringify(c)}`);
    value = (value << 5) | index;
    bits += 5;
    if (bits >= 8) {
      bits -= 8;
      out.push((value >>> bits) & 0xff);
      value &= (1 << bits) - 1;
    }
  }
  return Buffer.from(out);
}
function totp(secretBase32, nowMs = Date.now()) {
  const counter = Buffer.alloc(8);
  counter.writeBigUInt64BE(BigInt(Math.floor(nowMs / 1000 / 30)));
  const mac = createHmac("sha1", base32Decode(secretBase32)).update(counter).digest();
  const offset = mac[mac.length - 1] & 0x0f;
  return String((mac.readUInt32BE(offset) & 0x7fffffff) % 1_000_000).padStart(6, "0");
}
// RFC 6238 appendix B, SHA-1, T = 59 s: 94287082 (8 digits) → 287082.
check(totp("GEZDGNBVGY3TQOJQGEZDGNBVGY3TQOJQ", 59_000) === "287082", "TOTP matches the RFC 6238 test vector");

// ---------------------------------------------------------------------------------------------
console.log(bold("\n1. Seismic Orchestration: a teammate joins with MFA, mints an API key, onboards a customer, quotes and orders"));
const orchestrationUrl = `${sandbox}/api`;
// The org: the demo's (whose API key the edge Worker holds) or a fresh one.
const org = demo ? demo.dashboard : await admin("orchestration/tenants", { quoteDelayMs: 300, kycDelayMs: 600 });
const owner = new sdk.SeismicOrchestrationClient({ baseUrl: orchestrationUrl });
await owner.auth.login(org.email, org.password);
const email = `sam+${Date.now().toString(36)}@example.com`;
const password = "correct horse battery staple";
await owner.orgs.members.invite({ email, role: "member" });
show("invite", `${email} joins "${(await owner.orgs.get()).name}" as member (invited by the owner)`);
await owner.auth.logout();

// The teammate's session lives in a token store (the dashboard uses localStorage).
const tokens = sdk.memoryTokenStore();
const api = new sdk.SeismicOrchestrationClient({ baseUrl: orchestrationUrl, tokenStore: tokens });
const signedUp = await api.auth.signup(email, password);
show("signup", { user_id: signedUp.user_id });
let login = await api.auth.login(email, password);
show("login", `${login.status} (no MFA yet)`);
const enrolment = await api.auth.mfa.enroll();
show("enroll", `secret ${enrolment.secret_base32}  ${dim(short(enrolment.provisioning_uri))}`);
const firstCode = totp(enrolment.secret_base32);
await api.auth.mfa.activate(firstCode);
show("activate", `TOTP ${firstCode} (RFC 6238, computed in this script with node:crypto)`);
await api.auth.logout();
show("logout", `refresh token revoked, store cleared (authenticated: ${await tokens.isAuthenticated()})`);
login = await api.auth.login(email, password);
check(login.status === "mfa_required", `login after MFA activation answers mfa_required, got ${login.status}`);
show("login", `${login.status}, challenge ${login.challenge_id}`);
const pair = await api.auth.mfa.verify(login.challenge_id, totp(enrolment.secret_base32));
show("verify", `tokens saved to the store (access until ${pair.access_expires_at})`);
show("me", await api.auth.me());
const key = await api.apiKeys.mint({ label: "walkthrough", environment: "sandbox" });
show("API key", `${key.secret.slice(0, 24)}… (the secret is shown once)`);

// Server side: the API key, no session.
const server = new sdk.SeismicOrchestrationClient({ baseUrl: orchestrationUrl, apiKey: key.secret });
const created = await server.customers.create({
  external_id: `walkthrough-${Date.now().toString(36)}`,
  type: "individual",
  email: "alice@example.com",
  first_name: "Alice",
  last_name: "Liddell",
  date_of_birth: "1990-04-12",
  address: { line1: "123 Main St", city: "Brooklyn", state: "NY", postal_code: "11201", country: "US" },
});
const customer = created.customer;
show("customer", `${customer.id} (${created.providers.map((p) => `${p.provider}: KYC ${p.kyc.status}`).join(", ")})`);
let kyc;
await until("KYC approval on every provider", async () => {
  kyc = await server.customers.get(customer.id);
  return kyc.providers.every((p) => p.kyc.status === "approved");
});
show("KYC", kyc.providers.map((p) => `${p.provider}: ${p.kyc.status}`).join(", "));
const routing = kyc.providers[0].provider;
const bank = await server.customers.createAccount(customer.id, {
  provider: routing,
  account_type: "us_bank_account",
  currencies: "USD",
  rails: ["ach", "wire"],
  routing_number: "021000021",
  account_number: "0123456789",
  account_holder_name: "Alice Liddell",
});
const wallet = await server.customers.createAccount(customer.id, {
  provider: routing,
  account_type: "external_digital_asset_wallet",
  currencies: "USDC",
  rails: "base",
  address: "0x71C7656EC7ab88b098defB751B7401B5f6d8976F",
});
show("accounts", `bank ${bank.id} (${bank.rails.join("/")} ${bank.currencies}), wallet ${wallet.id} (${wallet.rails} ${wallet.currencies})`);

const printLegs = (snapshot) => {
  console.log(dim(`  ${"#".padEnd(3)}${"provider".padEnd(15)}${"rails".padEnd(13)}${"rate".padEnd(10)}${"fees".padEnd(14)}${"you pay".padEnd(14)}receive`));
  snapshot.quotes.forEach((q, i) => {
    const best = q.id === snapshot.best_quote_id ? " ← best" : "";
    console.log(
      `  ${String(i + 1).padEnd(3)}${q.provider.padEnd(15)}${`${q.in.rail}→${q.out.rail}`.padEnd(13)}${q.rate.padEnd(10)}${`${q.fees.total} ${q.fees.currency}`.padEnd(14)}${`${q.in.amount} ${q.in.currency}`.padEnd(14)}${q.out.amount} ${q.out.currency}${best}`,
    );
  });
};
// A pricing preview first (no accounts: every provider and USD rail), then the real thing.
const preview = await server.quotes.create({ amount: "1000.00", source: { currency: "USD" }, destination: { currency: "USDC", rail: "base" } });
show("quote", `${preview.id} ${preview.status}: a pricing preview of 1000.00 USD → USDC on base, polled until ready`);
const ranked = await server.quotes.waitUntilReady(preview.id);
printLegs(ranked);
const snapshot = await server.quotes.create({ amount: "1000.00", source: { account: bank.id, currency: "USD" }, destination: wallet.id }, { wait: true });
show("quote", `${snapshot.id}: ${snapshot.quotes.length} legs from Alice's bank account to her wallet (wait: true)`);
printLegs(snapshot);
const accepted = await server.quotes.accept(snapshot.id, snapshot.best_quote_id);
show("accept", `order ${accepted.order_id} from quote ${snapshot.best_quote_id}`);
const orders = await server.customers.orders({ customer_id: customer.id });
show("orders", orders.map((o) => `${o.id} ${o.direction} ${o.status} ${o.source_amount} ${o.source_currency} → ${o.destination_currency}`).join("; "));
check(orders.some((o) => o.id === accepted.order_id), "the accepted order is listed");

// ---------------------------------------------------------------------------------------------
console.log(bold("\n2. Seismic Cards: issue a card, end to end"));
const program = await admin("cards/tenants", { kycDelayMs: 300, cardholderDelayMs: 300 });
const cards = new sdk.SeismicCardsClient({ baseUrl: sandbox, clientId: program.clientId, clientSecret: program.clientSecret });
const [bin] = (await cards.bins.list({ accountId: program.parentAccountId })).list;
show("BIN", `${bin.bin} ${bin.network} (OAuth token fetched and cached on first call)`);
const { accountId } = await cards.accounts.register({ name: "Jane Smith", email: `jane+${Date.now()}@example.com`, parentAccountId: program.parentAccountId });
show("account", accountId);
await cards.accounts.submitKyc({ accountId, sourceType: "sumsub", sumsubShareToken: "_act-sbx-jwt-demo" });
await until("KYC approval", async () => (await cards.accounts.kycStatus({ accountId })).kyc.status === "APPROVED");
await cards.accounts.init({ accountId });
const holder = await cards.cardholders.create({
  accountId, binId: bin.id, businessModel: "B2C_GATEWAY", referenceId: `demo-ch-${Date.now()}`,
  firstName: "Jane", lastName: "Smith", email: "jane@example.com", phoneCountryCode: "1", phoneNumber: "5551234567",
  address: { addressLine1: "1 Main St", city: "New York", state: "NY", country: "US", postalCode: "10001" },
});
await until("cardholder approval", async () => (await cards.cardholders.get({ cardholderId: holder.cardholderId, accountId })).status === "APPROVED");
const budget = await cards.budgets.create({ accountId, name: "Travel" });
const [master] = (await cards.wallets.list({ accountId: program.merchantId })).list;
const [userWallet] = (await cards.wallets.list({ accountId })).list;
await cards.transfers.external({ amount: "200.00", from: { accountId: program.merchantId, id: master.id, currency: "USD" }, to: { accountId, id: userWallet.id, currency: "USD" } });
await cards.budgets.transferIn({ budgetId: budget.budgetId, accountId, amount: "150.00" });
show("funding", "200.00 USD master → account wallet, 150.00 into the budget");
const card = await cards.cards.issue({ accountId, binId: bin.id, cardMode: "VIRTUAL_CARD", cardholderId: holder.cardholderId, budgetId: budget.budgetId, referenceId: `demo-card-${Date.now()}`, label: "Travel" });
show("card", { cardId: card.cardId, last4: card.last4, status: card.status });
const { accessToken } = await cards.cards.widgetToken({ cardId: card.cardId, accountId });
show("widget", `per-card token ${accessToken.slice(0, 24)}… (the browser shows the card in an iframe; the host page never sees it)`);
await admin("cards/purchase", { clientId: program.clientId, accountId, cardId: card.cardId, amount: "42.50", merchantName: "Coffee Roasters" });
const txs = await cards.transactions.list({ accountId, cardId: card.cardId });
show("purchases", txs.list.map((t) => `${t.merchantName} ${t.amount} ${t.status}`).join(", "));
try {
  await cards.cardholders.create({ accountId, binId: bin.id, businessModel: "B2C_GATEWAY", referenceId: "x", firstName: "Jane-Marie", lastName: "Smith", email: "j@x.io", phoneCountryCode: "+1", phoneNumber: "1", address: { addressLine1: "1", city: "c", country: "US", postalCode: "1" } });
  throw new Error("an invalid cardholder was accepted");
} catch (e) {
  check(e instanceof sdk.ValidationError, `ValidationError expected, got ${e}`);
  show(e.name, { field: e.field, message: e.message });
}

// ---------------------------------------------------------------------------------------------
console.log(bold("\n3. The edge Worker (workerd): widget tokens, webhooks and the org API key stay server-side"));
if (!edgeUrl || !demo) {
  console.log(dim("  (no edge Worker here: `cargo xtask demo` starts one and sets SEISMIC_EDGE_URL and SEISMIC_DEMO_SETUP)"));
} else {
  // The teammate's session (a member of the demo org) is what the Worker checks.
  const bearer = { authorization: `Bearer ${await tokens.accessToken()}` };
  const edge = async (path, init = {}) => {
    const res = await fetch(`${edgeUrl}${path}`, { ...init, headers: { "content-type": "application/json", ...(init.headers || {}) } });
    const text = await res.text();
    check(!text.includes(demo.edgeEnv.ORCHESTRATION_API_KEY) && !text.includes(demo.edgeEnv.CARDS_CLIENT_SECRET), `no secret in the Worker's answer to ${path}`);
    return { status: res.status, body: text ? JSON.parse(text) : null };
  };
  const listed = await edge("/cards", { headers: bearer });
  check(listed.status === 200, `GET /cards → ${listed.status} ${JSON.stringify(listed.body)}`);
  show("GET /cards", listed.body.cards.map((c) => `${c.label} •••• ${c.last4} ${c.status}`).join(", "));
  const picked = listed.body.cards[0];
  const issuedToken = await edge("/widget-token", { method: "POST", headers: bearer, body: JSON.stringify({ cardId: picked.id }) });
  check(issuedToken.status === 200 && typeof issuedToken.body.token === "string", `POST /widget-token → ${issuedToken.status}`);
  show("token", `${issuedToken.body.token.slice(0, 24)}… for •••• ${picked.last4}, expires in ${Math.round((issuedToken.body.expiresAt - Date.now()) / 1000)} s`);
  const anonymous = await edge("/widget-token", { method: "POST", body: JSON.stringify({ cardId: picked.id }) });
  const otherCard = await edge("/widget-token", { method: "POST", headers: bearer, body: JSON.stringify({ cardId: card.cardId }) });
  check(anonymous.status === 401 && otherCard.status === 403, `refusals: ${anonymous.status}, ${otherCard.status}`);
  show("refused", `no session → ${anonymous.status} ${anonymous.body.error}; a card not granted → ${otherCard.status} ${otherCard.body.error}`);

  // Sandbox webhooks for the demo program go to the Worker, which checks their signature.
  await admin("cards/webhooks", { clientId: demo.cardsProgram.clientId, url: `${edgeUrl}/webhooks/cards` });
  const sale = await admin("cards/purchase", { clientId: demo.cardsProgram.clientId, accountId: demo.cardsProgram.accountId, cardId: picked.id, amount: "18.20", merchantName: "Book Nook" });
  let seen;
  await until("the signed webhook at the Worker", async () => {
    const recent = await edge("/webhooks/recent", { headers: bearer });
    seen = recent.body.events.find((e) => e.data && e.data.transaction && e.data.transaction.id === sale.id);
    return Boolean(seen);
  });
  show("webhook", `${seen.type} ${seen.data.transaction.merchantName} ${seen.data.transaction.amount} (Seismic-Signature verified by verifyWebhook)`);
  const forged = await fetch(`${edgeUrl}/webhooks/cards`, { method: "POST", headers: { "seismic-signature": `t=${Math.floor(Date.now() / 1000)},v1=${"0".repeat(64)}` }, body: JSON.stringify(seen) });
  check(forged.status === 400, `a forged webhook → ${forged.status}`);
  show("forged", `${forged.status} ${(await forged.json()).reason}`);

  const current = await edge("/orchestration/orgs/current", { headers: bearer });
  const feed = await edge("/orchestration/customers/orders", { headers: bearer });
  check(current.status === 200 && feed.status === 200, `orchestration proxy → ${current.status}, ${feed.status}`);
  show("proxy", `org "${current.body.name}", ${feed.body.length} order(s) in the org feed (the Worker called with its Api-Key; the browser never sees it)`);
}

// ---------------------------------------------------------------------------------------------
console.log(bold("\n4. The encrypted envelope API"));
// A tenant of its own, so the demo never touches anyone else's sandbox state.
const tenant = await admin("envelope/tenants", { masterBalance: "500.00" });
const sealed = sdk.sealEnvelope(tenant.encryptionKey, { external_user_id: "ext-123" });
show("sealed", { encrypted: short(sealed.encrypted) });
show("opened", sdk.openEnvelope(tenant.encryptionKey, sealed));

const recordingFetch = async (url, init) => {
  const res = await fetch(url, init);
  console.log(dim(`  → ${init.method} ${new URL(url).pathname}  Idempotency-Key: ${init.headers["Idempotency-Key"] ?? "(none)"}`));
  console.log(dim(`    body ${short(init.body)}`));
  console.log(dim(`  ← ${res.status}  X-Request-Id: ${res.headers.get("x-request-id")}`));
  return res;
};
const client = new sdk.EnvelopeClient({
  baseUrl: sandbox,
  apiKey: tenant.apiKey,
  encryptionKey: tenant.encryptionKey,
  fetch: recordingFetch,
});
const createdCard = await client.cards.create({ external_user_id: "ext-123", amount: "25.00" });
show("card", createdCard.data);

console.log(dim("  a top-up whose response is lost: the client retries with the same Idempotency-Key"));
await admin("envelope/faults", { apiKey: tenant.apiKey, path: "/api/v1/cards/topup", status: 502, when: "after", count: 1 });
const topup = await client.cards.topup({ card_id: createdCard.data.card_id, amount: "10.00" });
show("order", topup.data);
const balance = await client.request("/master/balance", {});
check(balance.data.balance === "465.00", `balance charged once: ${balance.data.balance}`);
show("balance", `${balance.data.balance} ${balance.data.currency} (500.00 − 25.00 − 10.00: charged once)`);
try {
  await client.cards.topup({ card_id: "card_missing", amount: "1.00" });
} catch (e) {
  show(e.name, { status: e.status, slug: e.slug, message: e.message, requestId: e.requestId });
}
try {
  await client.cards.topup({ card_id: createdCard.data.card_id, amount: "1.005" });
} catch (e) {
  show(e.name, { field: e.field, message: e.message, sent: "nothing (checked before sending)" });
}

// ---------------------------------------------------------------------------------------------
console.log(bold("\n5. Stored value: a redemption larger than the balance, then its cancellation"));
const svTenant = await admin("stored-value/tenants");
const sv = new sdk.StoredValueClient({ baseUrl: sandbox, apiKey: svTenant.apiKey });
const giftCard = { cardNumber: "6006493880499919454" };
show("balance", (await sv.giftCards.info(giftCard)).amount);
const redeemed = await sv.transactions.redeem({ ...giftCard, amount: "130.00" });
show("redeem", { status: redeemed.status, meaning: sdk.STORED_VALUE_STATUS[redeemed.status], redeemed: redeemed.amount, customerPayment: redeemed.customerPayment });
await sv.transactions.cancel({ transactionId: redeemed.transactionId, amount: redeemed.amount });
show("cancelled", `balance back to ${(await sv.giftCards.info(giftCard)).amount}`);

console.log("\nDone.");
