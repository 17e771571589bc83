#!/usr/bin/env node
// Creates the demo's data in a running seismic-sandbox and prints it as one JSON line:
//   { edgeEnv: { CARDS_*, ORCHESTRATION_*, ENVELOPE_*, DEMO_* bindings for www/edge/run.mjs },
//     dashboard: { email, password, orgId },  cards: [{ id, last4, status, label }],
//     cardsProgram: { clientId, accountId } }
// Cards: a fresh program (OAuth client), an account through KYC, a cardholder, a funded budget
// and two virtual cards. Orchestration: a fresh org whose API key goes to the Worker and whose
// owner logs in to the dashboard. Envelope: a fresh tenant. Progress goes to stderr.
//
//   SEISMIC_PKG_DIR=pkg SEISMIC_SANDBOX_URL=http://127.0.0.1:PORT node www/demo/setup.mjs
import { join, resolve } from "node:path";
import { pathToFileURL } from "node:url";

const pkg = process.env.SEISMIC_PKG_DIR;
const sandbox = (process.env.SEISMIC_SANDBOX_URL || "").replace(/\/+$/, "");
if (!pkg || !sandbox) {
  console.error("set SEISMIC_PKG_DIR and SEISMIC_SANDBOX_URL (or run `cargo xtask demo`)");
  process.exit(2);
}
const sdk = await import(pathToFileURL(join(resolve(pkg), "node.js")).href);

const progress = (text) => process.stderr.write(text);
const sleep = (ms) => new Promise((r) => setTimeout(r, ms));

async function admin(path, body) {
  const res = await fetch(`${sandbox}/__sandbox/${path}`, {
    method: "POST",
    headers: { "content-type": "application/json" },
    body: JSON.stringify(body ?? {}),
  });
  const text = await res.text();
  if (!res.ok) throw new Error(`sandbox admin POST /__sandbox/${path} → ${res.status}: ${text.slice(0, 300)}`);
  return JSON.parse(text);
}

async function until(label, check, timeoutMs = 30_000) {
  progress(`  waiting for ${label} `);
  const start = Date.now();
  while (Date.now() - start < timeoutMs) {
    if (await check()) return progress("✓\n");
    progress(".");
    await sleep(200);
  }
  throw new Error(`${label}: not done after ${timeoutMs} ms`);
}

const stamp = Date.now().toString(36);

progress("demo data: Cards program, account, cardholder, cards\n");
const program = await admin("cards/tenants", { kycDelayMs: 300, cardholderDelayMs: 300 });
const cards = new sdk.SeismicCardsClient({ baseUrl: sandbox, clientId: program.clientId, clientSecret: program.clientSecret });
const { accountId } = await cards.accounts.register({ name: "Dana Demo", email: `dana+${stamp}@example.com`, parentAccountId: program.parentAccountId });
await cards.accounts.submitKyc({ accountId, sourceType: "sumsub", sumsubShareToken: "_act-sbx-jwt-demo" });
await until("KYC approval", async () => (await cards.accounts.kycStatus({ accountId })).kyc.status === "APPROVED");
await cards.accounts.init({ accountId });
const holder = await cards.cardholders.create({
  accountId,
  binId: program.defaultBinId,
  businessModel: "B2C_GATEWAY",
  referenceId: `demo-ch-${stamp}`,
  firstName: "Dana",
  lastName: "Demo",
  email: `dana+${stamp}@example.com`,
  phoneCountryCode: "1",
  phoneNumber: "5551234567",
  address: { addressLine1: "1 Main St", city: "New York", state: "NY", country: "US", postalCode: "10001" },
});
await until("cardholder approval", async () => (await cards.cardholders.get({ cardholderId: holder.cardholderId, accountId })).status === "APPROVED");
const budget = await cards.budgets.create({ accountId, name: "Demo budget" });
const [master] = (await cards.wallets.list({ accountId: program.merchantId })).list;
const [wallet] = (await cards.wallets.list({ accountId })).list;
await cards.transfers.external({ amount: "500.00", from: { accountId: program.merchantId, id: master.id, currency: "USD" }, to: { accountId, id: wallet.id, currency: "USD" } });
await cards.budgets.transferIn({ budgetId: budget.budgetId, accountId, amount: "400.00" });
const issued = [];
for (const label of ["Travel", "Groceries"]) {
  const card = await cards.cards.issue({
    accountId,
    binId: program.defaultBinId,
    cardMode: "VIRTUAL_CARD",
    cardholderId: holder.cardholderId,
    budgetId: budget.budgetId,
    referenceId: `demo-card-${label.toLowerCase()}-${stamp}`,
    label,
  });
  issued.push({ id: card.cardId, last4: card.last4, status: card.status, label });
}
progress(`  cards ${issued.map((c) => `${c.label} •••• ${c.last4}`).join(", ")}\n`);

progress("demo data: orchestration org (owner + API key), envelope tenant\n");
const org = await admin("orchestration/tenants", { quoteDelayMs: 300, kycDelayMs: 300 });
const envelope = await admin("envelope/tenants", { masterBalance: "1000.00" });

console.log(
  JSON.stringify({
    edgeEnv: {
      CARDS_BASE_URL: sandbox,
      CARDS_CLIENT_ID: program.clientId,
      CARDS_CLIENT_SECRET: program.clientSecret,
      CARDS_WEBHOOK_SECRET: program.webhookSecret,
      ORCHESTRATION_BASE_URL: `${sandbox}/api`,
      ORCHESTRATION_API_KEY: org.apiKey,
      ENVELOPE_BASE_URL: sandbox,
      ENVELOPE_API_KEY: envelope.apiKey,
      ENVELOPE_ENCRYPTION_KEY: envelope.encryptionKey,
      DEMO_ACCOUNT_ID: accountId,
      DEMO_CARD_IDS: issued.map((c) => c.id).join(","),
    },
    dashboard: { email: org.email, password: org.password, orgId: org.orgId },
    cards: issued,
    cardsProgram: { clientId: program.clientId, accountId },
  }),
);
