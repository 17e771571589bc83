#!/usr/bin/env node
// The seismic-sdk walkthrough, run by `cargo xtask demo` against a local seismic-sandbox.
// Env: SEISMIC_PKG_DIR (built package), SEISMIC_SANDBOX_URL. Prints what goes over the wire.
import { join } from "node:path";
import { pathToFileURL } from "node:url";

const pkg = process.env.SEISMIC_PKG_DIR;
const sandbox = process.env.SEISMIC_SANDBOX_URL;
if (!pkg || !sandbox) {
  console.error("set SEISMIC_PKG_DIR and SEISMIC_SANDBOX_URL (or run `cargo xtask demo`)");
  process.exit(2);
}
const sdk = await import(pathToFileURL(join(pkg, "node.js")).href);

const dim = (s) => `\x1b[2m${s}\x1b[0m`;
const bold = (s) => `\x1b[1m${s}\x1b[0m`;
const show = (label, value) => console.log(`  ${label.padEnd(10)} ${typeof value === "string" ? value : JSON.stringify(value)}`);
const short = (s) => (s.length > 72 ? `${s.slice(0, 72)}… (${s.length} chars)` : s);

// A tenant of its own, so the demo never touches anyone else's sandbox state.
const tenant = await (await fetch(`${sandbox}/__sandbox/envelope/tenants`, {
  method: "POST",
  headers: { "content-type": "application/json" },
  body: JSON.stringify({ masterBalance: "500.00" }),
})).json();

console.log(bold("\n1. Seal and open an envelope locally"));
const sealed = sdk.sealEnvelope(tenant.encryptionKey, { external_user_id: "ext-123" });
show("sealed", { encrypted: short(sealed.encrypted) });
show("opened", sdk.openEnvelope(tenant.encryptionKey, sealed));

console.log(bold("\n2. EnvelopeClient against the sandbox (the wire, as recorded)"));
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

const created = await client.cards.create({ external_user_id: "ext-123", amount: "25.00" });
show("card", created.data);

console.log(bold("\n3. A top-up whose response is lost: the client retries with the same Idempotency-Key"));
await fetch(`${sandbox}/__sandbox/envelope/faults`, {
  method: "POST",
  headers: { "content-type": "application/json" },
  body: JSON.stringify({ apiKey: tenant.apiKey, path: "/api/v1/cards/topup", status: 502, when: "after", count: 1 }),
});
const topup = await client.cards.topup({ card_id: created.data.card_id, amount: "10.00" });
show("order", topup.data);
const balance = await client.request("/master/balance", {});
show("balance", `${balance.data.balance} ${balance.data.currency} (500.00 − 25.00 − 10.00: charged once)`);

console.log(bold("\n4. Errors are typed"));
try {
  await client.cards.topup({ card_id: "card_missing", amount: "1.00" });
} catch (e) {
  show(e.name, { status: e.status, slug: e.slug, message: e.message, requestId: e.requestId });
}
try {
  await client.cards.topup({ card_id: created.data.card_id, amount: "1.005" });
} catch (e) {
  show(e.name, { field: e.field, message: e.message, sent: "nothing (checked before sending)" });
}
const admin = async (path, body) => {
  const res = await fetch(`${sandbox}/__sandbox/${path}`, {
    method: "POST",
    headers: { "content-type": "application/json" },
    body: JSON.stringify(body ?? {}),
  });
  return res.json();
};
const sleep = (ms) => new Promise((r) => setTimeout(r, ms));
const until = async (label, check) => {
  process.stdout.write(dim(`  waiting for ${label} `));
  for (let i = 0; i < 100; i++) {
    if (await check()) return console.log(dim("✓"));
    process.stdout.write(dim("."));
    await sleep(200);
  }
  throw new Error(`${label} did not happen`);
};

console.log(bold("\n5. Stored value: a redemption larger than the balance, then its cancellation"));
const svTenant = await admin("stored-value/tenants");
const sv = new sdk.StoredValueClient({ baseUrl: sandbox, apiKey: svTenant.apiKey });
const giftCard = { cardNumber: "6006493880499919454" };
show("balance", (await sv.giftCards.info(giftCard)).amount);
const redeemed = await sv.transactions.redeem({ ...giftCard, amount: "130.00" });
show("redeem", { status: redeemed.status, meaning: sdk.STORED_VALUE_STATUS[redeemed.status], redeemed: redeemed.amount, customerPayment: redeemed.customerPayment });
await sv.transactions.cancel({ transactionId: redeemed.transactionId, amount: redeemed.amount });
show("cancelled", `balance back to ${(await sv.giftCards.info(giftCard)).amount}`);

console.log(bold("\n6. Seismic Cards: issue a card, end to end"));
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
const [wallet] = (await cards.wallets.list({ accountId })).list;
await cards.transfers.external({ amount: "200.00", from: { accountId: program.merchantId, id: master.id, currency: "USD" }, to: { accountId, id: wallet.id, currency: "USD" } });
await cards.budgets.transferIn({ budgetId: budget.budgetId, accountId, amount: "150.00" });
const card = await cards.cards.issue({ accountId, binId: bin.id, cardMode: "VIRTUAL_CARD", cardholderId: holder.cardholderId, budgetId: budget.budgetId, referenceId: `demo-card-${Date.now()}`, label: "Travel" });
show("card", { cardId: card.cardId, last4: card.last4, status: card.status });
const { accessToken } = await cards.cards.widgetToken({ cardId: card.cardId, accountId });
show("widget", `per-card token ${accessToken.slice(0, 24)}… (the browser shows the card in an iframe; the host page never sees it)`);
await admin("cards/purchase", { clientId: program.clientId, accountId, cardId: card.cardId, amount: "42.50", merchantName: "Coffee Roasters" });
const txs = await cards.transactions.list({ accountId, cardId: card.cardId });
show("purchases", txs.list.map((t) => `${t.merchantName} ${t.amount} ${t.status}`).join(", "));
try {
  await cards.cardholders.create({ accountId, binId: bin.id, businessModel: "B2C_GATEWAY", referenceId: "x", firstName: "Jane-Marie", lastName: "Smith", email: "j@x.io", phoneCountryCode: "+1", phoneNumber: "1", address: { addressLine1: "1", city: "c", country: "US", postalCode: "1" } });
} catch (e) {
  show(e.name, { field: e.field, message: e.message });
}

console.log("\nDone.");
