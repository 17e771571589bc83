//! TypeScript declarations of the Cards client, its DTOs, webhooks and the widget flow.

use wasm_bindgen::prelude::*;

#[wasm_bindgen(typescript_custom_section)]
const TS_CARDS: &str = r#"
/** A cached Cards access token. */
export interface CardsTokenData {
  accessToken: string;
  /** Milliseconds since the epoch. */
  expiresAt: number;
}
/** Where the Cards token is shared between isolates or processes (e.g. Workers KV); each method may return a Promise. */
export interface CardsTokenCache {
  get(): CardsTokenData | null | undefined | Promise<CardsTokenData | null | undefined>;
  set(token: CardsTokenData): void | Promise<void>;
}

/** Configuration of {@link SeismicCardsClient}: exactly one of `baseUrl` / `environment`. */
export type SeismicCardsClientConfig = {
  clientId: string;
  /** Server-side only. */
  clientSecret: string;
  /**
   * A `fetch` to use instead of the global one.
   * Default: the global one; in Node, `node:http(s)` while that is Node's own fetch with its default dispatcher (see the README, "Transport").
   */
  fetch?: (input: string, init: RequestInit) => Promise<Response>;
  /** Memory by default. */
  tokenCache?: CardsTokenCache;
  maxRetries?: number;
  timeoutMs?: number;
  /** Longest answer read, in bytes; a longer one rejects with `ResponseTooLargeError` as soon as the limit is passed (read as it streams, never held whole). Default 16777216 (16 MiB). */
  maxResponseBytes?: number;
  /** Allow construction in a browser page, where the client secret would be readable by anyone. */
  dangerouslyAllowBrowser?: boolean;
} & (
  | { baseUrl: string; environment?: never }
  | { /** `https://sandbox-api.seismic.systems` or `https://api.seismic.systems`. */ environment: "sandbox" | "production"; baseUrl?: never }
);

/** Per-call options of Cards methods. */
export interface CardsRequestOptions {
  /** Sent as `Idempotency-Key` (generated for the endpoints that need one; the same on every retry). */
  idempotencyKey?: string;
  signal?: AbortSignal;
}

export interface AccountRegisterParams { name: string; email: string; parentAccountId: string; /** E.164 with + */ phone?: string }
export interface CardsAccount { accountId: string; userId?: string; name?: string; email?: string; [field: string]: unknown }
export interface KycSubmitParams {
  accountId: string;
  sourceType: "sumsub";
  sumsubShareToken: string;
  ipAddress?: string;
  occupation?: string;
  annualSalary?: string;
  accountPurpose?: string;
  expectedMonthlyVolume?: string;
}
export type KycStatus = "NONE" | "PENDING" | "APPROVED" | "REJECTED";

export interface CardholderAddress {
  addressLine1: string;
  addressLine2?: string;
  city: string;
  state?: string;
  country: string;
  postalCode: string;
}
export interface CardholderCreateParams {
  accountId: string;
  binId: string;
  businessModel: "B2C_GATEWAY";
  referenceId: string;
  /** A–Z letters only; with lastName and the space at most 23 characters. */
  firstName: string;
  lastName: string;
  email: string;
  /** Digits without +: "1", not "+1". */
  phoneCountryCode: string;
  /** Up to 15 digits, without the country code. */
  phoneNumber: string;
  address: CardholderAddress;
}
export interface CardholderUpdateParams {
  cardholderId: string;
  accountId: string;
  email?: string;
  phoneCountryCode?: string;
  phoneNumber?: string;
  firstName?: string;
  lastName?: string;
  address?: Partial<CardholderAddress>;
}
export interface Cardholder { cardholderId: string; status: "PENDING" | "APPROVED" | (string & {}); [field: string]: unknown }
export interface CardBin { id: string; bin: string; /** 0 budget, 1 prepaid */ type: 0 | 1; currencies: string[]; network: string; supportPhysicalCard: boolean }
export interface Budget { budgetId: string; balance: { available: string; [field: string]: unknown }; [field: string]: unknown }
export interface BudgetTransferParams {
  budgetId: string;
  accountId: string;
  /** Decimal string, at most 2 decimals. */
  amount: string;
  /** Generated (UUIDv4) when omitted, the same on every retry. */
  clientTransactionId?: string;
}
export interface BudgetTransfer { [field: string]: unknown }
export interface WalletRef { accountId: string; id: string; currency: "USD"; businessType?: number }
export interface ExternalTransferParams { amount: string; from: WalletRef; to: WalletRef; clientTransactionId?: string }
export interface CardsWallet { id: string; /** 0 = USD Wallet */ objectType: number; [field: string]: unknown }
export type CardIssueParams = {
  accountId: string;
  /** A budget BIN (type 0). */
  binId: string;
  cardholderId: string;
  budgetId: string;
  referenceId: string;
  /** At most 50 characters. */
  label?: string;
  useType?: string;
} & ({ cardMode: "VIRTUAL_CARD"; physicalCardDesignId?: string } | { cardMode: "PHYSICAL_CARD"; physicalCardDesignId: string });
export interface IssuedCard { cardId: string; status: string; [field: string]: unknown }
export interface VelocityControlParams {
  cardId: string;
  accountId: string;
  transactionLimitsType: "TRANSACTION" | "DAY" | "WEEK" | "MONTH" | "QUARTER" | "YEAR" | "LIFETIME" | "NA";
  amountLimit: string;
}
export interface CardTransactionListParams {
  accountId: string;
  cardId: string;
  page?: number;
  /** At most 100 (default 50). */
  limit?: number;
  id?: string;
  clientTransactionId?: string;
  type?: string;
  status?: "PENDING" | "CLOSED" | "FAIL";
  /** Unix milliseconds. */
  startTime?: string | number;
  endTime?: string | number;
}
export interface CardTransaction { id: string; status: "PENDING" | "CLOSED" | "FAIL"; amount: string; [field: string]: unknown }

/** A verified webhook event. */
export interface WebhookEvent {
  id: string;
  type: "KYC.UPDATED" | "CARDHOLDER.UPDATED" | "CARD_TRANSACTION.CREATED" | "CARD_TRANSACTION.UPDATED" | (string & {});
  createdAt?: number;
  data: JsonObject;
  [field: string]: unknown;
}

/** What your session check allows: the sub-account and the cards the caller may see, or null. */
export type WidgetGrant = { accountId: string; cardIds: string[] } | null;
export interface WidgetTokenHandlerOptions {
  cards: SeismicCardsClient;
  /** Your own check of the caller's session. */
  authorize: (request: Request) => WidgetGrant | Promise<WidgetGrant>;
}
/**
 * The element {@link mountCardWidget} mounts into: `HTMLElement` where the DOM types are
 * loaded. Named without them (`never` in a Node or Workers type view, where the widget cannot
 * run), so the package type-checks without the DOM library.
 */
export type CardWidgetHost = typeof globalThis extends { HTMLElement: { prototype: infer E } } ? E : never;
export type CardWidgetOptions = {
  cardId: string;
  /** The widget's origin, e.g. `https://widget.seismic.systems`. */
  widgetOrigin: string;
  /** Font settings passed to the widget. */
  style?: { fontFamily?: string; fontSize?: string; color?: string };
  onReady?: () => void;
  onError?: (error: CardWidgetError) => void;
  /** The user copied a field inside the widget (the value itself never leaves the frame). */
  onCopy?: (event: { field: "number" | "cvv" }) => void;
} & (
  | { /** Your token endpoint (createWidgetTokenHandler); POSTed `{ cardId }` with your cookies. */ tokenUrl: string; fetchToken?: never }
  | { fetchToken: (cardId: string) => Promise<{ token: string; expiresAt?: number } | string>; tokenUrl?: never }
);
export interface CardWidgetHandle {
  unmount(): void;
  refresh(): void;
}
"#;
