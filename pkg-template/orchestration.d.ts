// Types of the Seismic Orchestration client (`SeismicOrchestrationClient`), a drop-in for the
// `seismic-orchestration` npm package. Shapes follow the Seismic Orchestration docs; where the
// docs leave a type unnamed the name of `seismic-orchestration`'s export is used, so
// `import type { AsyncQuoteSnapshot } from "seismic-sdk"` keeps working after switching imports.
// Errors (`ApiError`, `isApiError`, `ValidationError`, `ResponseValidationError`, …) are declared
// in errors.d.ts.
import type {
  AbortError,
  ResponseTooLargeError,
  ApiError,
  NetworkError,
  ResponseValidationError,
  TimeoutError,
  ValidationError,
} from "./errors.js";

import type {
  OrchestrationAccounts,
  OrchestrationApiKeys,
  OrchestrationAuth,
  OrchestrationCustomers,
  OrchestrationOrgs,
  OrchestrationQuotes,
  OrchestrationUsers,
} from "./orchestration-methods.js";

// ─── Client ────────────────────────────────────────────────────────────────────────────────

/** Options every method takes as its last, optional argument. */
export interface OrchestrationRequestOptions {
  /** Cancels the call: it rejects with an {@link AbortError} and any retry stops. */
  signal?: AbortSignal;
}

/** Options of `quotes.create`. */
export interface QuoteCreateOptions extends OrchestrationRequestOptions {
  /**
   * `true` → the server blocks until the snapshot is ready (`POST /quotes?wait=1`): one round
   * trip, `status === "ready"`. Default `false`: the answer may be a `"pending"` snapshot to poll
   * with `quotes.get` or `quotes.waitUntilReady`.
   */
  wait?: boolean;
}

/** Options of `quotes.waitUntilReady`. */
export interface WaitUntilReadyOptions extends OrchestrationRequestOptions {
  /** Milliseconds between polls. Default `500`; at least `50`, at most `60000`. */
  intervalMs?: number;
  /**
   * Bound on the whole wait, in milliseconds: past it the call rejects with a
   * {@link TimeoutError}. Default `30000`; at most `3600000`.
   */
  timeoutMs?: number;
}

/**
 * Configuration of a {@link SeismicOrchestrationClient}. The environment factories
 * (`sandbox()`, `production()`, `fromEnv()`) take the same object without `baseUrl`.
 */
export interface SeismicOrchestrationClientConfig {
  /**
   * API root, e.g. `https://orchestration-sandbox.seismic.systems/api`; paths under `/v0/` are
   * appended to it. Must be `https:`, or `http:` on a loopback host. Filled in by the
   * environment factories. Required.
   */
  baseUrl: string;
  /**
   * Org-scoped API key, sent as `Api-Key: <key>` (no `Bearer`). Recommended for
   * server-to-server callers. A string, or a getter asked before every request (so a rotated
   * key is picked up without a new client; returning `null` means "no key"). When a key is set,
   * `tokenStore` and refresh-on-401 are bypassed and `Authorization` is never sent.
   * Default: none (access-token auth via `tokenStore`).
   */
  apiKey?: string | (() => string | null) | undefined;
  /**
   * Where access + refresh tokens live (dashboard sessions). Ignored when `apiKey` is set.
   * - `"memory"` (default): in this client instance; gone when the process or tab ends.
   * - `"localStorage"`: persisted under `orchestration.*` keys; browsers only (a
   *   {@link ValidationError} where `localStorage` is missing or unusable).
   * - a {@link TokenStore}: your own backend (cookies, KV, SQLite, …).
   */
  tokenStore?: "memory" | "localStorage" | TokenStore;
  /**
   * Called when a refresh fails (the refresh token was revoked or expired, token-auth path
   * only). The token store is cleared first; the usual next step is sending the user to login.
   * Default: none.
   */
  onRefreshFailed?: () => void;
  /**
   * Custom `fetch` (tracing, mocks, workers). Default: `globalThis.fetch`; in Node, while that is
   * Node's own fetch and undici's global dispatcher is its default, calls go out on `node:http(s)`
   * with a keep-alive agent instead (the same requests, about half the CPU). A replaced
   * `globalThis.fetch` or a dispatcher set with `setGlobalDispatcher` (proxy, `MockAgent`) is
   * used as it would be by fetch.
   */
  fetch?: typeof fetch;
  /**
   * Advanced: reads the access token instead of `tokenStore.accessToken()` (httpOnly cookies,
   * cross-process coordination). May return a Promise. Default: none.
   */
  getAccessToken?: () => string | null | Promise<string | null>;
  /**
   * Advanced: reads the refresh token instead of `tokenStore.refreshToken()`. May return a
   * Promise. Default: none.
   */
  getRefreshToken?: () => string | null | Promise<string | null>;
  /**
   * Advanced: receives every new pair (login, `mfa.verify`, `refresh`, refresh-on-401) instead of
   * `tokenStore.save()`. May return a Promise, which is awaited. Default: none.
   */
  onTokensRefreshed?: (pair: TokenPair) => void | Promise<void>;
  /**
   * Retries after the first attempt, for requests that are safe to repeat (GET, PUT, DELETE),
   * on network errors and 408/429/502/503/504 answers, with exponential backoff that honors
   * `Retry-After`. POST and PATCH are sent once. Default `2`; `0` to `10`.
   */
  maxRetries?: number;
  /**
   * Timeout of each attempt in milliseconds; an attempt that takes longer rejects with a
   * {@link TimeoutError} (or is retried, per `maxRetries`). Default `30000`; `1` to `600000`.
   */
  timeoutMs?: number;
  /**
   * Longest answer read, in bytes: a longer one rejects with a {@link ResponseTooLargeError}
   * as soon as the limit is passed (read as it streams, never held whole). Default `16777216`.
   */
  maxResponseBytes?: number;
  /**
   * Allow a string `apiKey` in a browser page. The org API key is a server-side secret that
   * anyone who opens the page can read, so the constructor refuses it there with a
   * {@link ValidationError} unless this is `true`. Default `false`.
   */
  dangerouslyAllowBrowser?: boolean;
}

/**
 * The typed client of the Seismic Orchestration REST API: auth, users, orgs, KYB, API keys,
 * customers, accounts, quotes and the catalog. Every method takes its documented positional
 * arguments plus an optional trailing {@link OrchestrationRequestOptions}, and rejects with:
 * {@link ApiError} for a non-2xx answer, {@link ValidationError} for a bad argument (nothing
 * sent), {@link ResponseValidationError} for a 2xx body not of the documented shape,
 * {@link NetworkError}, {@link TimeoutError} or {@link AbortError}.
 *
 * A protected call that gets a 401 refreshes the session once (shared by concurrent calls)
 * and is retried; `login`, `mfa.verify` and `refresh` persist their pair to the token store.
 *
 * @example
 * ```ts
 * const api = SeismicOrchestrationClient.sandbox({ apiKey: process.env.SEISMIC_ORCHESTRATION_API_KEY });
 * const me = await api.users.me();
 * ```
 */
export class SeismicOrchestrationClient {
  /**
   * A client for any deployment (private, tests). Throws a {@link ValidationError} for a bad
   * config.
   */
  constructor(config: SeismicOrchestrationClientConfig);
  /** A client for the sandbox, `https://orchestration-sandbox.seismic.systems/api` (provider sandboxes, no real money). */
  static sandbox(cfg?: Omit<SeismicOrchestrationClientConfig, "baseUrl">): SeismicOrchestrationClient;
  /** A client for production, `https://orchestration.seismic.systems/api` (real money). */
  static production(cfg?: Omit<SeismicOrchestrationClientConfig, "baseUrl">): SeismicOrchestrationClient;
  /**
   * `sandbox(cfg)` or `production(cfg)` per `process.env.SEISMIC_ORCHESTRATION_ENV`, which must be
   * exactly `"production"` or `"sandbox"`: anything else (or unset) throws at once,
   * `SEISMIC_ORCHESTRATION_ENV must be "production" or "sandbox"; got "staging"`.
   */
  static fromEnv(cfg?: Omit<SeismicOrchestrationClientConfig, "baseUrl">): SeismicOrchestrationClient;

  /** Signup, login, MFA, refresh, logout, JWT claims (`/auth`). */
  readonly auth: OrchestrationAuth;
  /** Org-scoped API keys (`/auth/api-keys`). */
  readonly apiKeys: OrchestrationApiKeys;
  /** The user behind the credential (`/user`). */
  readonly users: OrchestrationUsers;
  /** Orgs, members and the org's KYB (`/orgs`, `/org`). */
  readonly orgs: OrchestrationOrgs;
  /** End-user customers, their KYC and accounts (`/customers`). */
  readonly customers: OrchestrationCustomers;
  /** Accounts across the org's customers (`/accounts`). */
  readonly accounts: OrchestrationAccounts;
  /** Quote snapshots and accepting them (`/quotes`). */
  readonly quotes: OrchestrationQuotes;

  /** `GET /rails`: every settlement rail. Unauthenticated. */
  rails(options?: OrchestrationRequestOptions): Promise<RailsResponse>;
  /** `GET /currencies`: every currency accepted on at least one rail, with its rails. Unauthenticated. */
  currencies(options?: OrchestrationRequestOptions): Promise<CurrenciesResponse>;
  /** `GET /health`. */
  health(options?: OrchestrationRequestOptions): Promise<HealthResponse>;
}

// The namespace interfaces (`OrchestrationAuth`, …) are generated from the endpoint rows:
// orchestration-methods.d.ts.

// ─── Token stores ──────────────────────────────────────────────────────────────────────────

/**
 * Where a client keeps its session tokens: implement it for cookies, KV, SQLite, browser
 * extension storage, …, and pass it as `tokenStore`. Each method may return its value or a
 * Promise of it.
 */
export interface TokenStore {
  /** Persists a new pair (after login, `mfa.verify`, refresh). */
  save(p: TokenPair): void | Promise<void>;
  /** Forgets the session (logout, failed refresh). */
  clear(): void | Promise<void>;
  /** The current access token, or `null`. */
  accessToken(): string | null | Promise<string | null>;
  /** The current refresh token, or `null`. */
  refreshToken(): string | null | Promise<string | null>;
  /** Whether an access token is held. */
  isAuthenticated(): boolean | Promise<boolean>;
  /**
   * Optional: the access token's `access_expires_at` (ISO-8601), or `null`. When given, the
   * client refreshes shortly (30 s) before expiry instead of waiting for a 401.
   */
  accessExpiresAt?(): string | null | Promise<string | null>;
}

/** The built-in stores: every method answers synchronously. */
export interface SyncTokenStore extends TokenStore {
  save(p: TokenPair): void;
  clear(): void;
  accessToken(): string | null;
  refreshToken(): string | null;
  isAuthenticated(): boolean;
  accessExpiresAt(): string | null;
}

/**
 * An in-memory token store (the `"memory"` default): Node scripts, SSR, tests, workers. Seed it
 * with existing tokens for machine users, e.g.
 * `memoryTokenStore({ access_token: env.ACCESS, refresh_token: env.REFRESH })`.
 * Throws a {@link ValidationError} when a seeded value is not a string.
 */
export function memoryTokenStore(initial?: Partial<TokenPair>): SyncTokenStore;

/**
 * A token store in `localStorage` (the `"localStorage"` option), under `orchestration.access_token`,
 * `orchestration.refresh_token`, `orchestration.access_expires_at`,
 * `orchestration.refresh_expires_at`: sessions survive reloads. Readable by any script on the
 * origin. Throws a {@link ValidationError} where `localStorage` is missing or unusable.
 */
export function localStorageTokenStore(): SyncTokenStore;

// ─── Auth ──────────────────────────────────────────────────────────────────────────────────

/** A session's tokens: returned by `login` (MFA off), `mfa.verify` and `refresh`. */
export interface TokenPair {
  /** JWT, minutes-long; sent as `Authorization: Bearer`. */
  access_token: string;
  /** Opaque, days-long; rotated by every refresh. */
  refresh_token: string;
  /** ISO-8601 UTC. */
  access_expires_at: string;
  /** ISO-8601 UTC. */
  refresh_expires_at: string;
}

/** `login` went straight to a token pair (MFA disabled for the account). */
export interface LoginTokens extends TokenPair {
  status: "tokens";
}

/** `login` needs a second factor: redeem `challenge_id` with `auth.mfa.verify`. */
export interface LoginMfaRequired {
  status: "mfa_required";
  /** `mfa_…`, opaque, single-use, expires about 5 minutes after issue. */
  challenge_id: string;
}

/** What `auth.login` returns: narrow on `status`. */
export type LoginResponse = LoginTokens | LoginMfaRequired;

/** What `auth.signup` returns. */
export interface SignupResponse {
  user_id: string;
}

/** What `auth.mfa.enroll` returns. */
export interface MfaEnrollment {
  /** `otpauth://totp/…`: render as a QR code. */
  provisioning_uri: string;
  /** The TOTP secret, for manual entry. */
  secret_base32: string;
}

/** What `auth.me` returns: claims of the access token. */
export interface AuthClaims {
  user_id: string;
  /** Whether this session passed MFA. */
  mfa_passed: boolean;
}

// ─── API keys ──────────────────────────────────────────────────────────────────────────────

/** Environment of an API key; it decides the secret's prefix (`seismic_prod_…` / `seismic_sandbox_…`). */
export type ApiKeyEnvironment = "production" | "sandbox";

/** Body of `apiKeys.mint`. */
export interface MintApiKeyRequest {
  /** Human-readable, 1–80 characters; shown in the dashboard list. */
  label: string;
  /** Defaults to the calling environment. */
  environment?: ApiKeyEnvironment;
}

/** An API key's metadata (never the secret). */
export interface ApiKey {
  /** Our id for the key. */
  id: string;
  /** UUID. */
  org_id: string;
  /** Public, non-sensitive prefix, e.g. `seismic_prod_abc12…`: identifies the key in logs and UI. */
  prefix: string;
  label: string;
  environment: ApiKeyEnvironment;
  /** User id of the minting user. */
  created_by: string;
  /** ISO-8601. */
  created_at: string;
  /** ISO-8601; updated lazily on authenticated requests. */
  last_used_at: string | null;
  /** ISO-8601; set on revoke (revoked keys still appear in `list`). */
  revoked_at: string | null;
}

/** What `apiKeys.mint` returns: the key plus its plaintext secret, shown exactly once. */
export interface ApiKeyMinted extends ApiKey {
  /** The full key, `seismic_prod_…`. Treat like a password. */
  secret: string;
}

// ─── Users ─────────────────────────────────────────────────────────────────────────────────

/** One org the user belongs to, on `UserProfile.memberships`. */
export interface UserMembership {
  /** UUID. */
  org_id: string;
  org_name: string;
  /** The user's role in that org. */
  role: OrgRole;
}

/** What `users.me` returns. */
export interface UserProfile {
  /** UUID. */
  id: string;
  email: string;
  /** Whether the account is required (admin-set) to use MFA. */
  mfa_required: boolean;
  /** Whether the user has activated TOTP. */
  mfa_active: boolean;
  /** ISO-8601. */
  created_at: string;
  /** One row per org the user belongs to. */
  memberships: UserMembership[];
}

/** Status of an order. Unclassifiable external states surface as `"unknown"`. */
export type OrderStatus =
  | "awaiting_funds"
  | "pending"
  | "processing"
  | "completed"
  | "expired"
  | "failed"
  | "canceled"
  | "unknown";

/** Fiat → crypto (`on_ramp`) or crypto → fiat (`off_ramp`). */
export type OrderDirection = "on_ramp" | "off_ramp";

/** An order, as `users.myOrders` and `customers.orders` list them. */
export interface RampOrder {
  /** UUID. */
  id: string;
  /** UUID of the user who placed the order. */
  user_id: string;
  /** UUID of the end-user customer the order is for. */
  ramp_customer_id: string;
  /** Opaque routing id of the order leg. */
  provider: string;
  /** Platform reference while the order settles. */
  provider_order_id: string | null;
  direction: OrderDirection;
  status: OrderStatus;
  /** ISO-4217 or stablecoin symbol. */
  source_currency: string;
  /** Decimal string, fee-inclusive (the accepted quote's `in.amount`). */
  source_amount: string;
  destination_currency: string;
  /** For crypto destinations: `"base"`, `"ethereum"`, … */
  destination_chain: string | null;
  /** Wallet address when the destination is a crypto wallet. */
  destination_address: string | null;
  /** UUID of the attached source account, if any. */
  source_account_id: string | null;
  /** UUID of the attached destination account, if any. */
  destination_account_id: string | null;
  /** The key the order was placed under. */
  idempotency_key: string;
  /** Wire/ACH instructions for bank-funded orders. */
  funding_instructions: { [field: string]: unknown } | null;
  /** Caller-supplied reference. */
  reference: string | null;
  /** Caller-supplied comment. */
  comment: string | null;
  /** ISO-8601. */
  created_at: string;
  /** ISO-8601. */
  updated_at: string;
}

/** Filter of `customers.orders`. */
export interface OrderListFilter {
  /** Only this customer's orders. */
  customer_id?: string;
  direction?: OrderDirection;
  status?: OrderStatus;
}

// ─── Orgs ──────────────────────────────────────────────────────────────────────────────────

/**
 * A member's role. Every org keeps at least one owner (`409 LastOwner` otherwise). Owners do
 * everything; admins also edit KYB and invite/remove members; members also mint keys, quote and
 * onboard customers; viewers read.
 */
export type OrgRole = "owner" | "admin" | "member" | "viewer";

/** Roles a member can be invited with (ownership is granted with `updateRole`). */
export type InvitableOrgRole = "admin" | "member" | "viewer";

/** KYB stage of one verification row. */
export type KybStatus = "not_started" | "submitted" | "under_review" | "approved" | "rejected";

/** Slim KYB status row on `Org.providers`. */
export interface OrgProvider {
  /** Opaque routing id. */
  provider: string;
  kyb_status: KybStatus;
}

/** An org (tenant). */
export interface Org {
  /** UUID. */
  id: string;
  /** Display name. */
  name: string;
  /** Verification summary (historical wire key); details via `orgs.kyb.providers()`. */
  providers: OrgProvider[];
  /** ISO-8601. */
  created_at: string;
  /** ISO-8601. */
  updated_at: string;
}

/** An org with the calling user's role in it, as `orgs.list` returns them. */
export interface OrgWithRole {
  org: Org;
  role: OrgRole;
}

/** A member of the current org (`orgs.members.*`). */
export interface OrgMembership {
  /** UUID. */
  org_id: string;
  /** UUID. */
  user_id: string;
  /** The member's email. */
  email: string;
  role: OrgRole;
  /** ISO-8601. */
  created_at: string;
}

/** A member of the current org: the docs' `OrgMembership`. */
export type OrgMember = OrgMembership;

/** Body of `orgs.update`: only the fields sent are applied. */
export interface UpdateOrgRequest {
  /** Display name, 1–80 characters. */
  name?: string;
}

/** Body of `orgs.members.invite`. */
export interface InviteMemberRequest {
  email: string;
  /** Default `"member"`. Admins may only invite `"member"` or `"viewer"`. */
  role?: InvitableOrgRole;
}

// ─── KYB ───────────────────────────────────────────────────────────────────────────────────

/** A postal address (KYB profiles and customers). */
export interface Address {
  line1: string;
  line2?: string;
  city: string;
  /** ISO-3166-2 subdivision (e.g. `"NY"`); required in the US (and CA for KYB addresses). */
  state?: string;
  postal_code: string;
  /** ISO-3166 alpha-2, e.g. `"US"`. */
  country: string;
}

/** Legal form of the business. */
export type KybEntityType = "corporation" | "llc" | "partnership" | "sole_proprietorship" | "nonprofit" | "trust";
/** Primary source of the business's funds. */
export type KybSourceOfFunds = "company_capital" | "revenue" | "investment" | "other";
/** Whether the business is a regulated entity. */
export type KybRegulatedStatus = "registered" | "unregistered" | "exempt";
/** Who the business transacts with. */
export type KybCounterpartyType =
  | "merchants_suppliers"
  | "customers"
  | "friends_family"
  | "employees_contractors"
  | "investors"
  | "other";

/** `KybProfile.business`: identity of the business. */
export interface KybBusiness {
  /** Formal entity name as registered. */
  legal_name: string;
  /** "Doing business as". */
  trade_name?: string;
  entity_type: KybEntityType;
  /** Canonical industry enum value, e.g. `"software_blockchain_crypto"`. */
  industry: string;
  /** Government-issued company id (UK Companies House, etc.). */
  registration_number: string;
  /** EIN or equivalent. */
  tax_id: string;
  /** ISO-3166 alpha-2. */
  country_of_registration: string;
  /** Required when `country_of_registration` is `"US"`. */
  state_of_incorporation?: string;
  /** ISO-8601 date the entity was formed. */
  formation_date: string;
  /** Public URL. */
  website?: string;
}

/** `KybProfile.addresses`. */
export interface KybAddresses {
  /** Legal registered address (no PO boxes). */
  registered: Address;
  /** Operating address if different; defaults to `registered`. */
  physical?: Address;
}

/** `KybProfile.contact`. */
export interface KybContact {
  /** Primary business contact. */
  email: string;
  /** E.164 preferred. */
  phone: string;
}

/** `KybProfile.operations`: compliance and jurisdiction context. */
export interface KybOperations {
  /** ISO-3166 alpha-2 codes of where the business operates. */
  business_jurisdictions: string[];
  /** ISO-3166 alpha-2 codes of where funds will be sent or received. */
  funds_movement_jurisdictions: string[];
  primary_source_of_funds: KybSourceOfFunds;
  regulated_status: KybRegulatedStatus;
  /** Free-form; required when `regulated_status` is `"registered"`. */
  regulated_activity?: string;
  /** What the org plans to use Seismic Orchestration for. */
  account_purpose?: string;
  /** Exact USD per year. */
  estimated_annual_revenue_usd?: number;
}

/** `KybProfile.volumes`: estimated transactions per month (non-negative integers; 0 is valid). */
export interface KybVolumes {
  monthly_deposits: number;
  monthly_withdrawals: number;
  monthly_crypto_deposits?: number;
  monthly_crypto_withdrawals?: number;
  monthly_investment_deposits?: number;
}

/** `KybProfile.counterparties`. */
export interface KybCounterparties {
  counterparties: KybCounterpartyType[];
}

/** Roles of an associated person. */
export interface KybPersonRoles {
  has_control: boolean;
  is_signer: boolean;
  is_director: boolean;
}

/** A beneficial owner or control person. */
export interface KybAssociatedPerson {
  first_name: string;
  last_name: string;
  /** ISO-8601 date. */
  date_of_birth: string;
  email: string;
  phone: string;
  /** Mailing address. */
  address: Address;
  /** SSN or equivalent. */
  tax_id: string;
  /** ISO-3166 alpha-2. */
  nationality: string;
  /** ISO-3166 alpha-2; may equal `nationality`. */
  citizenship: string;
  /** 0–100; across all UBOs it must reach 100 for compliant orgs. */
  ownership_percent: number;
  roles: KybPersonRoles;
}

/** The org's unified KYB profile (`orgs.kyb.profile` / `setProfile`). */
export interface KybProfile {
  business: KybBusiness;
  addresses: KybAddresses;
  contact: KybContact;
  operations: KybOperations;
  volumes: KybVolumes;
  counterparties: KybCounterparties;
  associated_persons: KybAssociatedPerson[];
}

/** A hosted KYB verification URL. */
export interface KybLink {
  url: string;
  /** ISO-8601. */
  expires_at?: string;
}

/** Detailed state of one KYB verification row (`orgs.kyb.providers` / `submit` / `resync`). */
export interface OrgProviderState {
  /** Opaque routing id (historical wire key); pass it to `refreshLink` / `resync`. */
  provider: string;
  kyb_status: KybStatus;
  /** Set while a hosted verification flow is pending. */
  kyb_link: KybLink | null;
  /** Dotted paths into the profile still needed; empty after a clean submit. */
  missing_fields: string[];
  /** ISO-8601: when verification state was last reconciled. */
  last_synced_at: string;
  /** Opaque id of the org on this row; `null` until the first submit. */
  provider_customer_id: string | null;
  /** Human-readable, when `kyb_status` is `"rejected"`. */
  rejection_reason: string | null;
}

// ─── Customers ─────────────────────────────────────────────────────────────────────────────

/** Kind of end-user customer. */
export type CustomerType = "individual" | "business";

/** Onboarding status of a customer's routing row. */
export type CustomerStatus = "pending" | "active" | "disabled";

/** Verification stage of a customer's row: `not_started → submitted → under_review → approved`, or `rejected`. */
export type CustomerKycStatus = "not_started" | "submitted" | "under_review" | "approved" | "rejected";

/** Kind of an inline identity document. */
export type GovernmentIdType = "passport" | "drivers_license" | "national_id" | "residence_permit";

/** An inline identity document for individual verification. */
export interface GovernmentId {
  type: GovernmentIdType;
  number: string;
  /** ISO-3166 alpha-2 of the issuing country. */
  country: string;
  /** Base64 data URI, at most 50 MB. */
  front_image: string;
  /** Base64 data URI; required for `drivers_license` and `national_id`. */
  back_image?: string;
}

/** Fields of `customers.create` shared by both customer types. */
interface CreateCustomerFields {
  /** Your stable id for the user; one customer per `(org, external_id)`. Idempotency key for retries. */
  external_id: string;
  email: string;
  /** ISO-3166 alpha-2. Businesses: country of registration; individuals: prefer `address.country`. */
  country?: string;
  /** `YYYY-MM-DD`; required for individuals when the corridor asks for it. */
  date_of_birth?: string;
  /** Residential address (individuals). */
  address?: Address;
  /** E.164. */
  phone?: string;
  /** EIN or equivalent (businesses). */
  tax_id?: string;
  /** Inline ID documents (individuals). */
  government_id?: GovernmentId;
}

/** `customers.create` for a natural person. */
export interface CreateIndividualCustomerRequest extends CreateCustomerFields {
  type: "individual";
  first_name: string;
  last_name: string;
}

/** `customers.create` for a legal entity. */
export interface CreateBusinessCustomerRequest extends CreateCustomerFields {
  type: "business";
  /** Registered legal name. */
  legal_name: string;
}

/**
 * Body of `customers.create`, discriminated on `type`. Fields the corridor needs but are missing
 * fail with a 400 whose `ApiError.missing` lists them.
 */
export type CreateCustomerRequest = CreateIndividualCustomerRequest | CreateBusinessCustomerRequest;

/** The normalized customer record. */
export interface Customer {
  /** Our UUID: use it for every later call. */
  id: string;
  /** UUID. */
  org_id: string;
  /** Your stable id for the user. */
  external_id: string;
  type: CustomerType;
  email: string;
  /** Set for individuals. */
  first_name?: string;
  /** Set for individuals. */
  last_name?: string;
  /** Set for businesses. */
  legal_name?: string;
  /** ISO-8601. */
  created_at: string;
  /** ISO-8601. */
  updated_at: string;
}

/** A hosted KYC verification URL. */
export interface KycLink {
  url: string;
  /** ISO-8601. */
  expires_at?: string;
}

/** Verification of one customer row. */
export interface CustomerKyc {
  status: CustomerKycStatus;
  /** Hosted URL when the platform issues one. */
  link: KycLink | null;
}

/** A verification and routing row of a customer. Treat the ids as opaque; don't show them in your UI. */
export interface CustomerProvider {
  /** Opaque routing id: pass it as `provider` to `createAccount`. */
  provider: string;
  /** Opaque id linked to this customer. */
  provider_customer_id: string;
  status: CustomerStatus;
  kyc: CustomerKyc;
}

/** What `customers.create` and `customers.get` return. */
export interface CustomerEnvelope {
  customer: Customer;
  /** Verification and routing rows attached for this customer. */
  providers: CustomerProvider[];
}

/** `seismic-orchestration`'s name for {@link CustomerEnvelope}. */
export type CreateCustomerResponse = CustomerEnvelope;

/** One row of `customers.refreshKycLinks`. */
export interface KycLinkEntry {
  status: CustomerKycStatus;
  /** Hosted URL when the platform issues one. */
  link: KycLink | null;
  /** Opaque routing id of the row, when the server names it. */
  provider?: string;
}

/** What `customers.refreshKycLinks` returns. */
export interface KycLinksResponse {
  links: KycLinkEntry[];
}

// ─── Accounts ──────────────────────────────────────────────────────────────────────────────

/** Kind of an attached account. */
export type AccountType =
  | "us_bank_account"
  | "external_digital_asset_wallet"
  | "virtual_digital_asset_wallet"
  | "iban"
  | "upi";

/** Status of an attached account. */
export type AccountStatus = "pending" | "active" | "disabled";

/** A bank account, IBAN, UPI VPA or wallet attached to a customer. */
export interface Account {
  /** Our UUID. */
  id: string;
  /** Our customer UUID. */
  ramp_customer_id: string;
  /** Opaque routing id. */
  provider: string;
  /** Opaque id of the account; don't show it in your UI. */
  provider_account_id: string;
  account_type: AccountType;
  /** ISO-4217 or stablecoin symbols; a bank account has one, a wallet may hold several. */
  currencies: string[];
  /** e.g. `["ach", "wire"]` for a US bank, `["base", "ethereum", "polygon"]` for an EVM wallet. */
  rails: string[];
  status: AccountStatus;
  /** ISO-8601. */
  created_at: string;
  /** ISO-8601. */
  updated_at: string;
}

/** Fields of `createAccount` shared by every account type. */
interface CreateAccountFields {
  /** Opaque routing id from the customer's `providers[]` (wire key `provider`). */
  provider: string;
  /** ISO-4217 or stablecoin symbols: one, or several (a multi-token wallet). Sent as an array. */
  currencies: string | readonly string[];
  /** Rails: one, or several (US bank `["ach", "wire"]`). Sent as an array. USDC wallets: `base` or `polygon`. */
  rails: string | readonly string[];
}

/** A US bank account. */
export interface CreateUsBankAccountInput extends CreateAccountFields {
  account_type: "us_bank_account";
  /** ACH routing number. */
  routing_number: string;
  account_number: string;
  account_holder_name: string;
}

/** An IBAN account. */
export interface CreateIbanAccountInput extends CreateAccountFields {
  account_type: "iban";
  /** The IBAN. */
  account_number: string;
  account_holder_name: string;
}

/** An external on-chain wallet. */
export interface CreateExternalWalletInput extends CreateAccountFields {
  account_type: "external_digital_asset_wallet";
  /** On-chain address. */
  address: string;
}

/** A virtual (Seismic-provisioned) wallet. */
export interface CreateVirtualWalletInput extends CreateAccountFields {
  account_type: "virtual_digital_asset_wallet";
  /** On-chain address, when one is supplied. */
  address?: string;
}

/** A UPI (India) account. */
export interface CreateUpiAccountInput extends CreateAccountFields {
  account_type: "upi";
  /** Virtual Payment Address, e.g. `alice@okbank`. */
  vpa: string;
}

/** Body of `customers.createAccount`, discriminated on `account_type`. */
export type CreateAccountInput =
  | CreateUsBankAccountInput
  | CreateIbanAccountInput
  | CreateExternalWalletInput
  | CreateVirtualWalletInput
  | CreateUpiAccountInput;

/** Filter of `accounts.list`. `currencies` / `rails` match accounts supporting any of them. */
export interface ListAccountsFilter {
  /** Only this customer's accounts. */
  customer_id?: string;
  currencies?: string | readonly string[];
  rails?: string | readonly string[];
  status?: AccountStatus;
}

/** Filter of `customers.listAccounts` (the customer is the first argument). */
export type CustomerAccountsFilter = Omit<ListAccountsFilter, "customer_id">;

// ─── Quotes ────────────────────────────────────────────────────────────────────────────────

/** An attached account, pinned to one of its currencies and/or rails. */
export interface QuoteAccountEndpoint {
  /** Attached account UUID. */
  account: string;
  /** One of the account's `currencies[]`; required when it has several. */
  currency?: string;
  /** One of the account's `rails[]`; omit to price every rail for the currency. */
  rail?: string;
  /** Not on this form: a one-off address goes on an inline descriptor. */
  address?: never;
}

/** An inline descriptor: pricing-only quotes, or one-off destinations. */
export interface QuoteDescriptorEndpoint {
  /** ISO-4217 (`"USD"`) or stablecoin symbol (`"USDC"`). */
  currency: string;
  /** Pins a rail; omit to price every rail of the corridor. */
  rail?: string;
  /** Crypto destinations: the wallet address. */
  address?: string;
  /** Not on this form: an attached account is `{ account, currency?, rail? }`. */
  account?: never;
}

/**
 * One side of a quote: an attached account id (only when it has exactly one currency and one
 * rail, else `AmbiguousCurrency` / `AmbiguousRail`), an account with disambiguation, or an inline
 * descriptor.
 */
export type QuoteEndpoint = string | QuoteAccountEndpoint | QuoteDescriptorEndpoint;

/** Body of `quotes.create`. */
export interface QuoteRequest {
  /** Decimal string in the source currency, e.g. `"1000"`. */
  amount: string;
  source: QuoteEndpoint;
  destination: QuoteEndpoint;
  /** `"require"`: keep only legs whose fiat funding uses named virtual accounts for the customer. */
  named?: "require";
}

/** Status of a snapshot: `pending` only without `wait`; `ready` once every priced leg landed. */
export type QuoteSnapshotStatus = "pending" | "ready" | "expired";

/** Compact reference to the attached account a quote side resolved from. */
export interface QuoteAccountRef {
  /** Account UUID. */
  id: string;
  account_type: AccountType;
  status: AccountStatus;
  /** Opaque account id, for support and reconciliation. */
  provider_account_id: string;
}

/** `Quote.in` / `Quote.out`. */
export interface QuoteEndpointAmount {
  /** Decimal string in `currency`. `in.amount` is fee-inclusive; `out.amount` is what lands. */
  amount: string;
  /** ISO-4217 or stablecoin symbol. */
  currency: string;
  /** Always present. */
  rail: string;
  /** Crypto legs only. */
  address?: string;
  /** Present when this side was resolved from an attached account. */
  account?: QuoteAccountRef;
}

/** A fixed charge. */
export interface FlatFeeItem {
  type: "flat";
  amount: string;
  currency: string;
  description?: string;
}

/** Basis points of the source amount; `amount` is the charge computed at quote time. */
export interface PercentageFeeItem {
  type: "percentage";
  bps: number;
  amount: string;
  currency: string;
  description?: string;
}

/** On-chain gas / settlement cost of a crypto leg. */
export interface NetworkFeeItem {
  type: "network";
  amount: string;
  currency: string;
  description?: string;
}

/** Any other charge; `description` is always there to label it. */
export interface OtherFeeItem {
  type: "other";
  amount: string;
  currency: string;
  description: string;
}

/** One fee line: narrow on `type`. */
export type FeeItem = FlatFeeItem | PercentageFeeItem | NetworkFeeItem | OtherFeeItem;

/** `seismic-orchestration`'s name for {@link FeeItem}. */
export type QuoteFeeItem = FeeItem;

/** A quote's fees, already deducted between `in.amount` and `out.amount` (never added on top). */
export interface QuoteFees {
  /** One line per charge; a single-fee leg has one `flat` line equal to `total`. */
  items: FeeItem[];
  /** Sum of `items`, in `currency`. */
  total: string;
  /** Typically the source currency. */
  currency: string;
}

/** One priced leg of a snapshot. The live response may carry extra opaque routing fields. */
export interface Quote {
  /** Pass to `quotes.accept` to pick this leg. */
  id: string;
  /** Opaque routing id (prefer rails and `id` in your UI). */
  provider: string;
  /** Source side; `amount` is what the user pays, fee-inclusive. */
  in: QuoteEndpointAmount;
  /** Destination side; `amount` is what lands. */
  out: QuoteEndpointAmount;
  fees: QuoteFees;
  /** Effective `out.amount / in.amount`, as a decimal string. */
  rate: string;
  /** ISO-8601: when this quote stops being honored. */
  expires_at?: string;
  [field: string]: unknown;
}

/** A quote snapshot: what `quotes.create`, `quotes.get` and `quotes.waitUntilReady` return. */
export interface AsyncQuoteSnapshot {
  /** Snapshot UUID: pass to `accept` / `acceptBest`. */
  id: string;
  status: QuoteSnapshotStatus;
  /** Ranked best-first, one per priced leg. */
  quotes: Quote[];
  /** The server's recommended quote id (`quotes[0].id` today). */
  best_quote_id?: string;
  /** Echo of the request. */
  request: QuoteRequest;
  /** ISO-8601. */
  created_at: string;
}

/** What `quotes.accept` / `acceptBest` return. The live body may carry extra routing fields. */
export interface AcceptQuoteResult {
  /** UUID of the order created. */
  order_id: string;
  [field: string]: unknown;
}

// ─── Catalog and health ────────────────────────────────────────────────────────────────────

/** Bank rail or blockchain network. */
export type RailKind = "fiat" | "crypto";

/** A settlement rail. The live response may carry extra opaque pricing fields. */
export interface RailInfo {
  /** Stable identifier: `"ach"`, `"base"`, … */
  rail: string;
  kind: RailKind;
  [field: string]: unknown;
}

/** What `rails()` returns. */
export interface RailsResponse {
  rails: RailInfo[];
}

/** Category of a currency. */
export type CurrencyKind = "fiat" | "stablecoin" | "crypto";

/** A rail that carries a currency. The live response may carry extra opaque pricing fields. */
export interface CurrencyRail {
  /** Rail identifier, as in `rails()`. */
  rail: string;
  [field: string]: unknown;
}

/** `seismic-orchestration`'s name for {@link CurrencyRail}. */
export type CurrencyRailEntry = CurrencyRail;

/** A currency accepted on at least one rail. */
export interface CurrencyInfo {
  /** ISO-4217 for fiat (`"USD"`), ticker for stablecoins (`"USDC"`). */
  currency: string;
  kind: CurrencyKind;
  /** The rails that carry it. */
  rails: CurrencyRail[];
}

/** What `currencies()` returns. */
export interface CurrenciesResponse {
  currencies: CurrencyInfo[];
}

/** What `health()` returns. */
export interface HealthResponse {
  status: "ok";
}
export {};
