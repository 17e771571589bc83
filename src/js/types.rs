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

// The envelope methods' payloads and orders are generated into envelope-types.d.ts (src/envelope).

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

// The stored-value DTOs (params and answers) are generated into stored-value-types.d.ts from
// the tables of src/stored_value (`responses/`, `requests.rs`); the query language stays here.

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

"#;
