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
import type {
  TokenPair,
  LoginTokens,
  LoginMfaRequired,
  LoginResponse,
  SignupResponse,
  MfaEnrollment,
  AuthClaims,
  ApiKeyEnvironment,
  MintApiKeyRequest,
  ApiKey,
  ApiKeyMinted,
  UserMembership,
  UserProfile,
  OrderStatus,
  OrderDirection,
  RampOrder,
  OrderListFilter,
  OrgRole,
  InvitableOrgRole,
  KybStatus,
  OrgProvider,
  Org,
  OrgWithRole,
  OrgMembership,
  OrgMember,
  UpdateOrgRequest,
  InviteMemberRequest,
  Address,
  KybEntityType,
  KybSourceOfFunds,
  KybRegulatedStatus,
  KybCounterpartyType,
  KybBusiness,
  KybAddresses,
  KybContact,
  KybOperations,
  KybVolumes,
  KybCounterparties,
  KybPersonRoles,
  KybAssociatedPerson,
  KybProfile,
  KybLink,
  OrgProviderState,
} from "./orchestration-identity.js";
import type {
  CustomerType,
  CustomerStatus,
  CustomerKycStatus,
  GovernmentIdType,
  GovernmentId,
  CreateIndividualCustomerRequest,
  CreateBusinessCustomerRequest,
  CreateCustomerRequest,
  Customer,
  KycLink,
  CustomerKyc,
  CustomerProvider,
  CustomerEnvelope,
  CreateCustomerResponse,
  KycLinkEntry,
  KycLinksResponse,
  AccountType,
  AccountStatus,
  Account,
  CreateUsBankAccountInput,
  CreateIbanAccountInput,
  CreateExternalWalletInput,
  CreateVirtualWalletInput,
  CreateUpiAccountInput,
  CreateAccountInput,
  ListAccountsFilter,
  CustomerAccountsFilter,
  QuoteAccountEndpoint,
  QuoteDescriptorEndpoint,
  QuoteEndpoint,
  QuoteRequest,
  QuoteSnapshotStatus,
  QuoteAccountRef,
  QuoteEndpointAmount,
  FlatFeeItem,
  PercentageFeeItem,
  NetworkFeeItem,
  OtherFeeItem,
  FeeItem,
  QuoteFeeItem,
  QuoteFees,
  Quote,
  AsyncQuoteSnapshot,
  AcceptQuoteResult,
  RailKind,
  RailInfo,
  RailsResponse,
  CurrencyKind,
  CurrencyRail,
  CurrencyRailEntry,
  CurrencyInfo,
  CurrenciesResponse,
  HealthResponse,
} from "./orchestration-money.js";

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


// The API's types, by area.
export * from "./orchestration-identity.js";
export * from "./orchestration-money.js";
