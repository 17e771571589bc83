//! TypeScript declarations for the shapes the wasm exports take and return.

use wasm_bindgen::prelude::*;

#[wasm_bindgen(typescript_custom_section)]
const TS_TYPES: &str = r#"
/** Any JSON object. */
export type JsonObject = { [key: string]: unknown };

/** A 32-byte envelope key: raw bytes, or a string holding them as base64 or 64 hex characters. */
export type EnvelopeKeyInput = Uint8Array | string;

/** Options of {@link sealEnvelope}. Both exist for test vectors only; never set them in production. */
export interface SealOptions {
  /** The 24-byte nonce; random by default. Reusing a nonce with one key breaks confidentiality. */
  nonce?: Uint8Array;
  /** The `request_timestamp` in microseconds since the epoch; now by default. */
  timestampMicros?: number | bigint;
}

/** The HTTP body of an encrypted-envelope request or response. */
export interface SealedEnvelope {
  /** base64 of `nonce (24 bytes) || XSalsa20-Poly1305 secretbox ciphertext`. */
  encrypted: string;
}

/** Configuration of {@link EnvelopeClient}. */
export interface EnvelopeClientConfig {
  /** API origin, e.g. `https://api.example.com` (the client adds `/api/v1`). HTTPS, or http on loopback. */
  baseUrl: string;
  /** Sent as the `API-KEY` header. */
  apiKey: string;
  /** The 32-byte key every body is sealed with. */
  encryptionKey: EnvelopeKeyInput;
  /**
   * A `fetch` to use instead of the global one (tests, proxies, instrumentation).
   * Default: the global one; in Node, `node:http(s)` while that is Node's own fetch with its default dispatcher (see the README, "Transport").
   */
  fetch?: (input: string, init: RequestInit) => Promise<Response>;
  /** Retries after the first attempt for network errors, timeouts, 502, 503 and 504, only for calls carrying an Idempotency-Key. Default 2. */
  maxRetries?: number;
  /** Per-attempt timeout in milliseconds. Default 30000. */
  timeoutMs?: number;
  /** Longest answer read, in bytes; a longer one rejects with `ResponseTooLargeError` as soon as the limit is passed (read as it streams, never held whole). Default 16777216 (16 MiB). */
  maxResponseBytes?: number;
}

/** Per-call options of {@link EnvelopeClient} methods. */
export interface EnvelopeRequestOptions {
  /** Sent as `Idempotency-Key`. Generated (UUIDv4) for `/cards/create` and `/cards/topup` when omitted; the same on every retry of the call. */
  idempotencyKey?: string;
  /** Aborts the call, including a pending retry; rejects with `AbortError`. */
  signal?: AbortSignal;
}

/** A decrypted success body of the envelope API. */
export interface EnvelopeResponse<T = JsonObject> {
  success: true;
  data: T;
  [field: string]: unknown;
}

/** Fields of a card-create order. Endpoint fields go at the payload root; the SDK adds `request_timestamp`. */
export interface CardCreatePayload {
  /** Your identifier of the user the card is for. */
  external_user_id: string;
  /** Initial load as a decimal string, e.g. `"25.00"`. */
  amount?: string;
  currency?: "USD";
  [field: string]: unknown;
}

/** Fields of a card top-up order. */
export interface CardTopupPayload {
  card_id: string;
  /** Decimal string with at most 2 decimals, greater than zero. */
  amount: string;
  /** When given, the API checks the card belongs to this user (`card_user_mismatch`). */
  external_user_id?: string;
  [field: string]: unknown;
}

/** A card order as the API returns it. */
export interface CardOrder {
  order_id: string;
  card_id: string;
  type: "card_create" | "card_topup" | (string & {});
  status: string;
  amount?: string;
  currency?: string;
  [field: string]: unknown;
}

/** Configuration of {@link StoredValueClient}: exactly one of `baseUrl` / `environment`. */
export type StoredValueClientConfig = {
  /** The secret API key; sent as `Authorization: Bearer <base64 of the key>`. */
  apiKey: string;
  /**
   * A `fetch` to use instead of the global one.
   * Default: the global one; in Node, `node:http(s)` while that is Node's own fetch with its default dispatcher (see the README, "Transport").
   */
  fetch?: (input: string, init: RequestInit) => Promise<Response>;
  /** Retries after the first attempt (network errors, 408, 429, 502, 503, 504; only for repeatable calls). Default 2. */
  maxRetries?: number;
  /** Per-attempt timeout in milliseconds. Default 30000. */
  timeoutMs?: number;
  /** Longest answer read, in bytes; a longer one rejects with `ResponseTooLargeError` as soon as the limit is passed (read as it streams, never held whole). Default 16777216 (16 MiB). */
  maxResponseBytes?: number;
  /** Allow construction in a browser page, where the API key would be readable by anyone. */
  dangerouslyAllowBrowser?: boolean;
} & (
  | { /** HTTPS origin (plain http only for loopback). */ baseUrl: string; environment?: never }
  | { /** `https://sandbox.seamlesspay.com` or `https://api.seamlesspay.com`. */ environment: "sandbox" | "production"; baseUrl?: never }
);

/** Per-call options of {@link StoredValueClient} methods. */
export interface StoredValueRequestOptions {
  /** For create, reload, redeem and cancel: sent in the body; generated (UUIDv4) when omitted and the same on every retry. */
  idempotencyKey?: string;
  signal?: AbortSignal;
}

/** A money amount as a decimal string with at most 2 decimals, greater than zero: `"10.50"`. */
export type MoneyString = string;
export type StoredValueCurrency = "USD" | "CAD";

/** Which card: exactly one of the card number (non-magnetic) or unencrypted track two data (card present). */
export type CardRef = { cardNumber: string; cardTrackTwo?: never } | { cardTrackTwo: string; cardNumber?: never };

/** The card PIN field: 8 digits (SSC then PIN), or its two subfields, each 1–4 digits (the SDK zero-fills them). */
export type PinNumber = string | { ssc?: string; pin: string };

export type GiftCardCreateParams = CardRef & { amount: MoneyString };
export type GiftCardInfoParams = CardRef & { currency?: StoredValueCurrency; pinNumber?: PinNumber };
export type GiftTransactionParams = CardRef & { amount: MoneyString; currency?: StoredValueCurrency; pinNumber?: PinNumber };
export interface GiftCancelParams {
  /** The `transactionId` the original transaction returned. */
  transactionId: string;
  /** The original transaction's amount. */
  amount: MoneyString;
  currency?: StoredValueCurrency;
}

export interface GiftCard {
  amount: string;
  cardNumber: string;
  createdAt: string;
  merchantId: string;
  merchantName: string;
  [field: string]: unknown;
}

export interface GiftCardInfo {
  merchantId: string;
  cardNumber: string;
  amount: string;
  currency: string;
  cardStatus: string;
  createdAt: string;
  [field: string]: unknown;
}

interface TransactionResultBase {
  merchantId: string;
  amount: string;
  currency: string;
  statusDescription: string;
  createdAt: string;
  transactionType: "reload" | "redemption" | "cancel";
  transactionId: string;
  [field: string]: unknown;
}
/** A transaction's result, typed by its status. */
export type TransactionResult =
  /** Approved. */
  | (TransactionResultBase & { status: "01"; cardNumber: string; customerPayment?: undefined })
  /** Partial redemption: `amount` was redeemed, collect `customerPayment` another way. */
  | (TransactionResultBase & { status: "109"; cardNumber: string; customerPayment: string })
  /** Cancelled. */
  | (TransactionResultBase & { status: "107"; cardNumber?: string; customerPayment?: undefined });

/** A stored transaction (`transactions.get` / `list`). */
export interface GiftTransaction {
  id: string;
  cardNumber: string;
  transactionType: "reload" | "redemption" | "cancel";
  authCode: string;
  amount: number;
  amountOriginal: number;
  merchantId: string;
  ipAddress: string;
  transId: string;
  invoice?: string;
  status: string;
  statusMessage: string;
  currency: string;
  tranDate: string;
  createdAt: string;
  updatedAt: string;
  [field: string]: unknown;
}

export type QueryScalar = string | number | boolean;
/** A field condition: a value (equality) or operators. */
export type FieldCondition =
  | QueryScalar
  | { $in?: QueryScalar[]; $nin?: QueryScalar[]; $lt?: QueryScalar; $lte?: QueryScalar; $gt?: QueryScalar; $gte?: QueryScalar; $ne?: QueryScalar };
/** Conditions on fields (no `$` keys). */
export type FieldConditions = { [field: string]: FieldCondition };
/**
 * The documented query operators as one object; the SDK writes the query string
 * (`currency[$in]=CAD&$sort[createdAt]=-1&$or[0][status][$ne]=01`). Other operators are refused.
 */
export type TransactionQuery = {
  $limit?: number;
  $skip?: number;
  $sort?: { [field: string]: 1 | -1 };
  $select?: string[];
  $or?: FieldConditions[];
} & { [field: string]: FieldCondition | { [field: string]: 1 | -1 } | string[] | FieldConditions[] | undefined };

export interface TransactionListParams {
  /** Free-text filter (transaction type or amount). */
  filter?: string;
  cardNumber?: string;
  /** 1-based page. */
  page?: number;
  /** Items per page, 1–100. */
  count?: number;
  query?: TransactionQuery;
}

export interface TransactionPage {
  total: number;
  data: GiftTransaction[];
  pagination: { count: number; page: number; size: number; pages: number };
}

/** BIN details. */
export interface BinInfo {
  Bin: string;
  IssuingBank: string;
  Country: string;
  CardBrand: string;
  CardType: string;
  CardDetail: string;
  DebitNetwork: string;
  DebitSignatureNetworkParticipant: string;
  FSA: string;
  PrepaidIndicator: string;
  ProductID: string;
  RegulatorIndicator: string;
  CardClass: string;
  [field: string]: unknown;
}
"#;
