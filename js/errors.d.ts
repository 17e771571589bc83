/** Base class of every error the SDK throws. `code` is stable and machine-readable. */
export class SeismicError extends Error {
  readonly code: string | number;
  /**
   * The `Idempotency-Key` (Cards, envelope) or body `idempotencyKey` (stored value) the failed
   * call carried, yours or generated. After an ambiguous failure (a timeout, a network error,
   * a 5xx) retry the same call with `{ idempotencyKey: e.idempotencyKey }`: the API replays
   * the first outcome instead of moving money twice. Absent when the call carried none.
   */
  readonly idempotencyKey?: string;
}
/** An argument failed validation before anything was sent. */
export class ValidationError extends SeismicError {
  readonly code: "invalid_argument";
  /** The offending field, as the caller named it (e.g. `config.baseUrl`, `payload.amount`). */
  readonly field: string;
}
/** Why an envelope could not be sealed or opened. */
export type EnvelopeErrorCode =
  | "invalid_key"
  | "invalid_payload"
  | "invalid_base64"
  | "ciphertext_too_short"
  | "decryption_failed"
  | "invalid_plaintext";
/** An envelope could not be sealed or opened. */
export class EnvelopeError extends SeismicError {
  readonly code: EnvelopeErrorCode;
}
/** The request got no HTTP answer (DNS, refused connection, CORS, reset). */
export class NetworkError extends SeismicError {
  readonly code: "network_error";
}
/** An attempt took longer than the client's `timeoutMs`. */
export class TimeoutError extends SeismicError {
  readonly code: "timeout";
  readonly timeoutMs: number;
}
/** The caller's `AbortSignal` fired. */
export class AbortError extends SeismicError {
  readonly code: "aborted";
}
/**
 * The server answered with a redirect the SDK does not follow: to another origin, from https
 * to http, a 301/302/303 of a request with a body, or more than 5 hops. Nothing was sent to
 * the new location. Same-origin 307/308 (and 301/302/303 of a GET) are followed.
 */
export class RedirectError extends SeismicError {
  readonly code: "redirect_not_followed";
  /** The redirect status; 0 when the platform hid it (a browser's opaque redirect). */
  readonly status: number;
  /** Where it pointed, without query or fragment; null when unknown. */
  readonly location: string | null;
}
/** The answer was longer than the client's `maxResponseBytes`; reading stopped there. */
export class ResponseTooLargeError extends SeismicError {
  readonly code: "response_too_large";
  readonly maxResponseBytes: number;
}
/**
 * Stable slugs of the encrypted-envelope API. The API's own `error_slug`s, plus ours for
 * its unencrypted auth/encryption errors: `api_key_not_found` (404), `api_access_denied` (403),
 * `encrypted_payload_missing`, `encrypted_payload_invalid`, `request_timestamp_missing`,
 * `request_timestamp_invalid`, `request_timestamp_outside_window`, `duplicate_request` (all 400),
 * and `unexpected_response` for an answer the SDK could not read.
 */
export type EnvelopeErrorSlug =
  | "invalid_request"
  | "invalid_amount"
  | "idempotency_key_required"
  | "insufficient_funds"
  | "user_not_found"
  | "card_not_found"
  | "cardholder_not_found"
  | "order_not_found"
  | "external_user_id_exists"
  | "cardholder_already_exists"
  | "card_not_active"
  | "card_user_mismatch"
  | "internal_error"
  | "provider_error"
  | "topup_attempts_exceeded"
  | "api_key_not_found"
  | "api_access_denied"
  | "encrypted_payload_missing"
  | "encrypted_payload_invalid"
  | "request_timestamp_missing"
  | "request_timestamp_invalid"
  | "request_timestamp_outside_window"
  | "duplicate_request"
  | "unexpected_response"
  | (string & {});
/** The encrypted-envelope API answered with an error. */
export class EnvelopeApiError extends SeismicError {
  readonly status: number;
  readonly slug: EnvelopeErrorSlug;
  readonly code: EnvelopeErrorSlug;
  /** The `X-Request-Id` response header, for support tickets. */
  readonly requestId: string | undefined;
}
/**
 * The stored-value (gift card) API answered with an error. The body's fields are kept:
 * `code` (its number, e.g. 422), `errorName` (its `name`, e.g. "Unprocessable"), `className`,
 * and from `data` the `statusCode` (e.g. "21") and `statusDescription` ("Card Already Issued").
 */
export class StoredValueError extends SeismicError {
  readonly status: number;
  readonly code: number;
  readonly errorName: string | null;
  readonly className: string | null;
  /** A code of the status table (see `STORED_VALUE_STATUS`), when the API gave one. */
  readonly statusCode: StoredValueStatusCode | null;
  readonly statusDescription: string | null;
  readonly data: { statusCode?: string; statusDescription?: string; [field: string]: unknown };
  readonly requestId: string | undefined;
}
/** Status codes of the stored-value API's status table. */
export type StoredValueStatusCode =
  | "01" | "02" | "03" | "04" | "05" | "06" | "07" | "08" | "09" | "10" | "11" | "12" | "13"
  | "14" | "15" | "16" | "17" | "18" | "19" | "20" | "21" | "22" | "23" | "24" | "25" | "26"
  | "27" | "28" | "29" | "30" | "31" | "32" | "33" | "34" | "35" | "36" | "37" | "38" | "42"
  | "99" | "100" | "101" | "102" | "103" | "104" | "105" | "106" | "107" | "108" | "109" | "911"
  | (string & {});
/** The stored-value status table: code → documented description (e.g. "109" → "Additional payment required to complete transaction"). */
export const STORED_VALUE_STATUS: Readonly<Record<string, string>>;

/**
 * Codes of the Cards API, e.g. `40001` invalid parameter, `40399` permission denied (token
 * expired or revoked: the client renews once and retries once before surfacing it), `010002`
 * operation not supported for this BIN, `030003` funds locked by pending authorizations.
 */
export type CardsErrorCode = "40001" | "40399" | "010002" | "030003" | (string & {});
/** The Seismic Cards API answered with a code other than "000000". */
export class CardsApiError extends SeismicError {
  readonly code: CardsErrorCode;
  readonly httpStatus: number;
  readonly status: number;
  readonly requestId: string | undefined;
}
/** A webhook failed verification: do not act on it. */
export class WebhookVerificationError extends SeismicError {
  readonly code: "invalid_header" | "no_signature_match" | "timestamp_outside_tolerance" | "invalid_secret" | "raw_body_required" | "invalid_payload";
}
/** The card widget could not show the card. */
export class CardWidgetError extends SeismicError {
  readonly code: "token_fetch_failed" | "token_expired" | "token_invalid" | "widget_load_failed" | "widget_blocked";
}

/** True for any error thrown by this SDK. */
export function isSeismicError(e: unknown): e is SeismicError;
/** A 2xx response did not have the documented shape (a server-side drift), instead of a silent `undefined`. */
export class ResponseValidationError extends SeismicError {
  readonly code: "unexpected_response";
  /** Path of the offending field, e.g. `response.quotes[2].fees.total`. */
  readonly field: string;
}
/**
 * The Seismic Orchestration API answered with a non-2xx status. Same constructor and fields as
 * `seismic-orchestration`'s `ApiError`, plus every extra field of the error body.
 */
export class ApiError extends SeismicError {
  constructor(
    status: number,
    code: string,
    message: string,
    extras?: { missing?: string[]; violations?: ApiErrorViolation[]; [field: string]: unknown },
  );
  /** HTTP status (401, 404, 409, …). */
  readonly status: number;
  /** The body's PascalCase code (`QuoteExpired`, `AlreadyAccepted`, …), or `"Unknown"` when unreadable. */
  readonly code: string;
  /** Dotted paths of missing fields on `KybProfileIncomplete` / `customers.create` 400s; empty otherwise. */
  readonly missing: string[];
  /** Per-field findings when the server sends them; empty otherwise. */
  readonly violations: ApiErrorViolation[];
  /** The `X-Request-Id` response header, when present. */
  readonly requestId?: string;
  /** Other fields of the error body (`currencies`, `rails`, `account_id`, `id`, …). */
  readonly [field: string]: unknown;
}
/** One per-field finding of an `ApiError`. */
export interface ApiErrorViolation {
  field?: string;
  reason: string;
  description: string;
}
/** True for an error the Orchestration API answered with. */
export function isApiError(e: unknown): e is ApiError;
