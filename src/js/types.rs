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
  /** A `fetch` to use instead of the global one (tests, proxies, instrumentation). */
  fetch?: (input: string, init: RequestInit) => Promise<Response>;
  /** Retries after the first attempt for network errors, 502 and 503, only for calls carrying an Idempotency-Key. Default 2. */
  maxRetries?: number;
  /** Per-attempt timeout in milliseconds. Default 30000. */
  timeoutMs?: number;
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
"#;
