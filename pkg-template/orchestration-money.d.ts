// Types of the Orchestration API (customers, accounts, quotes, the catalog), as the docs name
// them; the client is in orchestration.d.ts, its methods in orchestration-methods.d.ts.
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
  OrchestrationRequestOptions,
  QuoteCreateOptions,
  WaitUntilReadyOptions,
  SeismicOrchestrationClientConfig,
  SeismicOrchestrationClient,
  TokenStore,
  SyncTokenStore,
  memoryTokenStore,
  localStorageTokenStore,
} from "./orchestration.js";

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
