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
console.log("\nDone.");
