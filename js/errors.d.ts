/** Base class of every error the SDK throws. `code` is stable and machine-readable. */
export class SeismicError extends Error {
  readonly code: string;
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
/** True for any error thrown by this SDK. */
export function isSeismicError(e: unknown): e is SeismicError;
