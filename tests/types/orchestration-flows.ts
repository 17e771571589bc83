// Seismic Orchestration, every method: auth, apiKeys, users, orgs (members, KYB), customers,
// accounts, quotes, catalog and health, with the documented response types.
// Checked with tsc --strict through usage.ts (tests/node/types.test.mjs); never executed. Each
// `@ts-expect-error` line is a misuse the .d.ts must reject.
import {
  type OrchestrationRequestOptions,
  type TokenPair,
  type LoginResponse,
  type AuthClaims,
  type MfaEnrollment,
  type ApiKey,
  type ApiKeyMinted,
  type UserProfile,
  type RampOrder,
  type OrderStatus,
  type Org,
  type OrgRole,
  type OrgWithRole,
  type OrgMember,
  type OrgMembership,
  type KybProfile,
  type KybStatus,
  type KybLink,
  type OrgProviderState,
  type CreateCustomerRequest,
  type CustomerEnvelope,
  type Customer,
  type CustomerKycStatus,
  type KycLinksResponse,
  type CreateAccountInput,
  type Account,
  type AccountStatus,
  type ListAccountsFilter,
  type OrderListFilter,
  type QuoteRequest,
  type QuoteEndpoint,
  type AsyncQuoteSnapshot,
  type Quote,
  type QuoteEndpointAmount,
  type AcceptQuoteResult,
  type RailInfo,
  type CurrencyInfo,
  type CurrencyRail,
  type HealthResponse,
} from "seismic-sdk";
import { orch, orchDefault, orchSandbox, orchSession, seededTokens } from "./orchestration-clients.js";
import { feeLabel } from "./orchestration-results.js";

async function orchestrationFlows(): Promise<void> {
  const ac = new AbortController();
  const opts: OrchestrationRequestOptions = { signal: ac.signal };

  // auth
  const { user_id } = await orch.auth.signup("alice@example.com", "hunter22!hunter22", opts);
  const res: LoginResponse = await orchSession.auth.login("alice@example.com", "hunter22!hunter22");
  switch (res.status) {
    case "tokens": {
      const access: string = res.access_token;
      const expires: string = res.refresh_expires_at;
      void [access, expires];
      break;
    }
    case "mfa_required": {
      const pair: TokenPair = await orchSession.auth.mfa.verify(res.challenge_id, "123456", opts);
      seededTokens.save(pair);
      break;
    }
  }
  if (res.status === "tokens") {
    const asPair: TokenPair = res;
    void asPair;
  } else {
    const challenge: string = res.challenge_id;
    void challenge;
  }
  const enrollment: MfaEnrollment = await orchSession.auth.mfa.enroll();
  const uri: string = enrollment.provisioning_uri;
  const secret: string = enrollment.secret_base32;
  const activated: void = await orchSession.auth.mfa.activate("123456", { signal: ac.signal });
  const refreshed: TokenPair = await orchSession.auth.refresh("rt_1", opts);
  const rt = seededTokens.refreshToken();
  if (rt) await orchSession.auth.logout(rt);
  await orchSession.auth.logout();
  await orchSession.auth.logout(undefined, opts);
  const claims: AuthClaims = await orchSession.auth.me(opts);
  const mfaPassed: boolean = claims.mfa_passed;

  // apiKeys
  const minted: ApiKeyMinted = await orch.apiKeys.mint({ label: "ci-pipeline" });
  const mintedSandbox = await orch.apiKeys.mint({ label: "local-dev", environment: "sandbox" }, opts);
  const plaintext: string = mintedSandbox.secret;
  const keys: ApiKey[] = await orch.apiKeys.list(opts);
  const live = keys.filter((k) => !k.revoked_at && k.environment === "production");
  const lastUsed: string | null | undefined = keys[0]?.last_used_at;
  const revoked: void = await orch.apiKeys.revoke(minted.id, opts);

  // users
  const me: UserProfile = await orchSandbox.users.me();
  for (const m of me.memberships) {
    const role: OrgRole = m.role;
    const name: string = m.org_name;
    void [role, name];
  }
  const myOrders: RampOrder[] = await orchSandbox.users.myOrders(opts);
  const firstOrder = myOrders[0];
  if (firstOrder) {
    const status: OrderStatus = firstOrder.status;
    const amount: string = firstOrder.source_amount;
    const chain: string | null = firstOrder.destination_chain;
    const instructions: { [field: string]: unknown } | null = firstOrder.funding_instructions;
    void [status, amount, chain, instructions, firstOrder.direction === "on_ramp"];
  }

  // orgs
  const memberships: OrgWithRole[] = await orch.orgs.list(opts);
  for (const { org, role } of memberships) void `${role} at ${org.name}`;
  const org: Org = await orch.orgs.get(opts);
  const approvedRows = org.providers.filter((p) => p.kyb_status === "approved");
  const renamed: Org = await orch.orgs.update({ name: "Acme International Inc." }, opts);
  await orch.orgs.update({});
  const members: OrgMember[] = await orch.orgs.members.list(opts);
  const invited: OrgMembership = await orch.orgs.members.invite({ email: "carol@acme.com", role: "member" });
  const invitedDefault = await orch.orgs.members.invite({ email: "dave@acme.com" }, opts);
  const promoted: OrgMember = await orch.orgs.members.updateRole(invited.user_id, "admin", opts);
  const removed: void = await orch.orgs.members.remove(invitedDefault.user_id, opts);

  // orgs.kyb
  const profile: KybProfile = await orch.orgs.kyb.profile(opts);
  const legalName: string = profile.business.legal_name;
  const fullProfile: KybProfile = {
    business: {
      legal_name: "Acme Inc.",
      entity_type: "corporation",
      industry: "software_blockchain_crypto",
      registration_number: "1234567",
      tax_id: "82-1234567",
      country_of_registration: "US",
      state_of_incorporation: "DE",
      formation_date: "2020-04-12",
    },
    addresses: { registered: { line1: "1 Wall St", city: "New York", state: "NY", postal_code: "10005", country: "US" } },
    contact: { email: "ops@acme.com", phone: "+12025550100" },
    operations: {
      business_jurisdictions: ["US"],
      funds_movement_jurisdictions: ["US", "GB"],
      primary_source_of_funds: "company_capital",
      regulated_status: "unregistered",
    },
    volumes: { monthly_deposits: 35, monthly_withdrawals: 30 },
    counterparties: { counterparties: ["customers", "merchants_suppliers"] },
    associated_persons: [
      {
        first_name: "Alice",
        last_name: "Liddell",
        date_of_birth: "1985-06-15",
        email: "alice@acme.com",
        phone: "+12025550100",
        address: { line1: "1 Wall St", city: "New York", state: "NY", postal_code: "10005", country: "US" },
        tax_id: "123-45-6789",
        nationality: "US",
        citizenship: "US",
        ownership_percent: 100,
        roles: { has_control: true, is_signer: true, is_director: true },
      },
    ],
  };
  const saved: KybProfile = await orch.orgs.kyb.setProfile(fullProfile, opts);
  const submitted: OrgProviderState[] = await orch.orgs.kyb.submit(opts);
  for (const s of submitted) {
    const stage: KybStatus = s.kyb_status;
    if (s.kyb_link) void s.kyb_link.url;
    void [stage, s.missing_fields.length, s.rejection_reason];
  }
  const states: OrgProviderState[] = await orch.orgs.kyb.providers(opts);
  const routingId = states[0]?.provider ?? "prv_a";
  const link: KybLink = await orch.orgs.kyb.refreshLink(routingId, opts);
  const linkExpiry: string | undefined = link.expires_at;
  const fresh: OrgProviderState = await orch.orgs.kyb.resync(routingId, opts);
  const syncedAt: string = fresh.last_synced_at;

  // customers
  const individual: CreateCustomerRequest = {
    external_id: "user_abc123",
    type: "individual",
    email: "alice@example.com",
    first_name: "Alice",
    last_name: "Liddell",
    date_of_birth: "1990-04-12",
    address: { line1: "123 Main St", city: "Brooklyn", state: "NY", postal_code: "11201", country: "US" },
    government_id: { type: "passport", number: "X1", country: "US", front_image: "data:image/png;base64,AA" },
  };
  const { customer }: CustomerEnvelope = await orch.customers.create(individual, opts);
  const business = await orch.customers.create({ external_id: "biz_1", type: "business", email: "ops@acme.com", legal_name: "Acme Inc.", tax_id: "82-1234567", country: "US" });
  const businessName: string | undefined = business.customer.legal_name;
  const theCustomer: Customer = customer;
  const snapshot: CustomerEnvelope = await orch.customers.get(customer.id, opts);
  const ready = snapshot.providers.every((r) => r.kyc.status === "approved");
  const kycStage: CustomerKycStatus | undefined = snapshot.providers[0]?.kyc.status;
  const { links }: KycLinksResponse = await orch.customers.refreshKycLinks(customer.id);
  const next = links.find((l) => l.link)?.link;
  if (next) window.location.href = next.url;
  await orch.customers.refreshKycLinks(customer.id, ["prv_a"], opts);
  await orch.customers.refreshKycLinks(customer.id, undefined, opts);
  const bank: Account = await orch.customers.createAccount(customer.id, {
    provider: "prv_a",
    account_type: "us_bank_account",
    currencies: "USD",
    rails: ["ach", "wire"],
    routing_number: "021000021",
    account_number: "0123456789",
    account_holder_name: "Acme Inc.",
  });
  const wallet = await orch.customers.createAccount(customer.id, {
    provider: "prv_a",
    account_type: "external_digital_asset_wallet",
    currencies: "USDC",
    rails: "base",
    address: "0xabc",
  }, opts);
  const multiTokens = ["USDC", "USDT"] as const;
  const evmInput: CreateAccountInput = { provider: "prv_a", account_type: "external_digital_asset_wallet", currencies: multiTokens, rails: ["base", "ethereum"], address: "0xabc" };
  const evm = await orch.customers.createAccount(customer.id, evmInput);
  await orch.customers.createAccount(customer.id, { provider: "prv_b", account_type: "upi", currencies: "INR", rails: "upi", vpa: "alice@okicici" });
  await orch.customers.createAccount(customer.id, { provider: "prv_b", account_type: "iban", currencies: ["EUR"], rails: "sepa", account_number: "DE89370400440532013000", account_holder_name: "Alice Liddell" });
  await orch.customers.createAccount(customer.id, { provider: "prv_b", account_type: "virtual_digital_asset_wallet", currencies: "USDC", rails: "polygon" });
  const accountType: "us_bank_account" | "external_digital_asset_wallet" | "virtual_digital_asset_wallet" | "iban" | "upi" = bank.account_type;
  const currencies: string[] = wallet.currencies;
  const all: Account[] = await orch.customers.listAccounts(customer.id);
  const usdc = await orch.customers.listAccounts(customer.id, { currencies: "USDC", status: "active" }, opts);
  const onEvm = await orch.customers.listAccounts(customer.id, { rails: ["base", "ethereum"] });
  const orgOrders: RampOrder[] = await orch.customers.orders();
  const filter: OrderListFilter = { customer_id: customer.id, direction: "on_ramp", status: "completed" };
  const filtered = await orch.customers.orders(filter, opts);

  // accounts
  const accounts: Account[] = await orch.accounts.list();
  const accountFilter: ListAccountsFilter = { customer_id: customer.id, currencies: ["USDC", "USDT"], rails: "base", status: "pending" };
  const narrowed = await orch.accounts.list(accountFilter, opts);
  const account: Account = await orch.accounts.get(evm.id, opts);
  const accountStatus: AccountStatus = account.status;

  // quotes: the three endpoint forms, wait and polling, accepting
  const preview: QuoteRequest = { amount: "1000", source: { currency: "USD" }, destination: { currency: "USDC", rail: "base" } };
  const quotes: AsyncQuoteSnapshot = await orch.quotes.create(preview, { wait: true, signal: ac.signal });
  for (const q of quotes.quotes) {
    const leg: Quote = q;
    const inSide: QuoteEndpointAmount = q.in;
    const resolved = q.out.account;
    if (resolved) void [resolved.id, resolved.account_type, resolved.status, resolved.provider_account_id];
    void `${inSide.rail} → ${q.out.rail} ${q.out.amount} ${q.out.currency} rate=${q.rate} fee=${q.fees.total} ${q.fees.currency} ${q.expires_at ?? ""} ${leg.provider}`;
    const extra: unknown = q["routing_metadata"];
    void extra;
    for (const item of q.fees.items) void feeLabel(item);
  }
  const best: string | undefined = quotes.best_quote_id;
  const echoed: QuoteRequest = quotes.request;
  const settlementReady = await orch.quotes.create({ amount: "500", source: bank.id, destination: wallet.id });
  const pinned: QuoteEndpoint = { account: account.id, currency: "USDC", rail: "base" };
  const fanOut: QuoteEndpoint = { account: account.id, currency: "USDC" };
  const oneOff: QuoteEndpoint = { currency: "USDC", rail: "ethereum", address: "0xabc" };
  const pending = await orch.quotes.create({ amount: "200", source: pinned, destination: { currency: "USD", rail: "ach" }, named: "require" }, opts);
  const polled: AsyncQuoteSnapshot = await orch.quotes.get(pending.id, opts);
  const readySnapshot: AsyncQuoteSnapshot = await orch.quotes.waitUntilReady(pending.id);
  const readyBounded = await orch.quotes.waitUntilReady(pending.id, { intervalMs: 250, timeoutMs: 10_000, signal: ac.signal });
  if (readyBounded.status === "ready" && readyBounded.quotes.length > 0) {
    const picked = readyBounded.quotes[0];
    if (picked) {
      const accepted: AcceptQuoteResult = await orch.quotes.accept(readyBounded.id, picked.id, opts);
      const orderId: string = accepted.order_id;
      void orderId;
    }
  }
  const order: AcceptQuoteResult = await orch.quotes.acceptBest(quotes.id);
  await orch.quotes.acceptBest(settlementReady.id, opts);

  // catalog and health
  const { rails } = await orchDefault.rails();
  const cryptoRails: RailInfo[] = rails.filter((r) => r.kind === "crypto");
  const catalog = await orchDefault.currencies(opts);
  const usdcInfo: CurrencyInfo | undefined = catalog.currencies.find((c) => c.currency === "USDC");
  const usdcOnBase: CurrencyRail | undefined = usdcInfo?.rails.find((r) => r.rail === "base");
  const usdcKind: "fiat" | "stablecoin" | "crypto" | undefined = usdcInfo?.kind;
  const health: HealthResponse = await orchDefault.health({ signal: ac.signal });
  const healthy: "ok" = health.status;

  void [user_id, uri, secret, activated, refreshed, mfaPassed, plaintext, live, lastUsed, revoked, approvedRows, renamed, members, promoted, removed];
  void [legalName, saved, linkExpiry, syncedAt, businessName, theCustomer, ready, kycStage, wallet, accountType, currencies, all, usdc, onEvm];
  void [orgOrders, filtered, accounts, narrowed, accountStatus, best, echoed, fanOut, oneOff, polled, readySnapshot, order, cryptoRails, usdcOnBase, usdcKind, healthy];
}
void orchestrationFlows;
