// Types of the Orchestration API (auth, API keys, users, orgs, KYB), as the docs name them;
// the client is in orchestration.d.ts, its methods in orchestration-methods.d.ts.
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
  /** UUID of the end-user customer the order is for; `null` for an order from a pricing-only quote. */
  ramp_customer_id: string | null;
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
  /** Set while a hosted verification flow is pending; it always says when it expires. */
  kyb_link: (KybLink & { expires_at: string }) | null;
  /** Dotted paths into the profile still needed; empty after a clean submit. */
  missing_fields: string[];
  /** ISO-8601: when verification state was last reconciled. */
  last_synced_at: string;
  /** Opaque id of the org on this row; `null` until the first submit. */
  provider_customer_id: string | null;
  /** Human-readable, when `kyb_status` is `"rejected"`. */
  rejection_reason: string | null;
}
