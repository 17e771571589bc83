// Admin helpers of the seismic-sandbox's Orchestration simulation (global fetch; any runtime).

const trim = (url) => String(url).replace(/\/+$/, "");

async function admin(sandboxUrl, method, path, body) {
  const res = await fetch(trim(sandboxUrl) + path, {
    method,
    headers: body === undefined ? {} : { "content-type": "application/json" },
    body: body === undefined ? undefined : JSON.stringify(body),
  });
  const text = await res.text();
  if (!res.ok) throw new Error(`sandbox admin ${method} ${path} -> ${res.status}: ${text.slice(0, 300)}`);
  return text ? JSON.parse(text) : {};
}

/** The Orchestration API root of the sandbox (what `baseUrl` is set to). */
export const orchestrationUrl = (sandboxUrl) => `${trim(sandboxUrl)}/api`;

/** A fresh user + org: { email, password, apiKey, orgId, userId }. */
export function createOrchestrationTenant(sandboxUrl, settings = {}) {
  return admin(sandboxUrl, "POST", "/__sandbox/orchestration/tenants", settings);
}

/** { requests, refreshCalls, loginCalls } of the tenant's org. */
export function orchestrationStats(sandboxUrl, orgId) {
  return admin(sandboxUrl, "GET", `/__sandbox/orchestration/stats?orgId=${encodeURIComponent(orgId)}`);
}

/** Answers the next `count` calls to `path` (under /api/v0) with `status`. */
export function orchestrationFault(sandboxUrl, fault) {
  return admin(sandboxUrl, "POST", "/__sandbox/orchestration/faults", fault);
}

/** The TTL of the user's next access tokens (expire one token, let the refreshed ones last). */
export function setAccessTtl(sandboxUrl, userId, accessTtlSeconds) {
  return admin(sandboxUrl, "POST", "/__sandbox/orchestration/access-ttl", { userId, accessTtlSeconds });
}

/** The current TOTP code of a base32 secret (the sandbox computes RFC 6238). */
export async function totp(sandboxUrl, secret) {
  return (await admin(sandboxUrl, "POST", "/__sandbox/orchestration/totp", { secret })).code;
}

export const sleep = (ms) => new Promise((r) => setTimeout(r, ms));

export const unique = (prefix) => `${prefix}_${Date.now().toString(36)}${Math.random().toString(36).slice(2, 8)}`;

/** A customer whose KYC has been approved, with a USDC wallet account on Base. */
export async function onboardedCustomer(api, sandboxUrl, name = "Alice") {
  const { customer } = await api.customers.create({
    external_id: unique("user"),
    type: "individual",
    email: `${unique(name.toLowerCase())}@example.com`,
    first_name: name,
    last_name: "Liddell",
    date_of_birth: "1990-04-12",
    address: { line1: "123 Main St", city: "Brooklyn", state: "NY", postal_code: "11201", country: "US" },
  });
  let snapshot;
  for (let i = 0; i < 100; i++) {
    snapshot = await api.customers.get(customer.id);
    if (snapshot.providers.length && snapshot.providers.every((r) => r.kyc.status === "approved")) break;
    await sleep(30);
  }
  const provider = snapshot.providers[0].provider;
  const wallet = await api.customers.createAccount(customer.id, {
    provider,
    account_type: "external_digital_asset_wallet",
    currencies: "USDC",
    rails: "base",
    address: "0x00000000000000000000000000000000000000ab",
  });
  return { customer, snapshot, provider, wallet };
}
