// Error classes of seismic-sdk. The wasm module creates them through `makeError`, and the
// package entry re-exports this same module, so `instanceof` works against the exports.

// What an error body's fields may never replace: the Error's own identity and behaviour.
const RESERVED = new Set(["name", "message", "stack", "cause", "constructor", "__proto__", "prototype", "toString", "toJSON", "valueOf"]);

/** Base class of every error the SDK throws. */
export class SeismicError extends Error {
  constructor(message, fields) {
    super(message);
    if (fields) for (const key of Object.keys(fields)) if (!RESERVED.has(key)) this[key] = fields[key];
  }
}
SeismicError.prototype.name = "SeismicError";

/** An argument failed validation before anything was sent. */
export class ValidationError extends SeismicError {}
ValidationError.prototype.name = "ValidationError";

/** An envelope could not be sealed or opened. */
export class EnvelopeError extends SeismicError {}
EnvelopeError.prototype.name = "EnvelopeError";

/** The request got no HTTP answer. */
export class NetworkError extends SeismicError {}
NetworkError.prototype.name = "NetworkError";

/** An attempt exceeded the client's timeoutMs. */
export class TimeoutError extends SeismicError {}
TimeoutError.prototype.name = "TimeoutError";

/** The caller's AbortSignal fired. */
export class AbortError extends SeismicError {}
AbortError.prototype.name = "AbortError";

/**
 * The server answered with a redirect the SDK does not follow (another origin, https → http,
 * a method change that would drop the body, too many hops): nothing was sent there.
 * `status` is the redirect status (0 when the platform hid it), `location` where it pointed,
 * without query or fragment (null when unknown).
 */
export class RedirectError extends SeismicError {}
RedirectError.prototype.name = "RedirectError";

/** The answer was longer than the client's `maxResponseBytes`; reading stopped there. */
export class ResponseTooLargeError extends SeismicError {}
ResponseTooLargeError.prototype.name = "ResponseTooLargeError";

/** The encrypted-envelope API answered with an error. */
export class EnvelopeApiError extends SeismicError {}
EnvelopeApiError.prototype.name = "EnvelopeApiError";

/** The stored-value (gift card) API answered with an error. */
export class StoredValueError extends SeismicError {}
StoredValueError.prototype.name = "StoredValueError";

/** The Seismic Cards API answered with a code other than "000000". */
export class CardsApiError extends SeismicError {}
CardsApiError.prototype.name = "CardsApiError";

/** A webhook failed verification: do not act on it. */
export class WebhookVerificationError extends SeismicError {}
WebhookVerificationError.prototype.name = "WebhookVerificationError";

/** The card widget could not show the card. */
export class CardWidgetError extends SeismicError {}
CardWidgetError.prototype.name = "CardWidgetError";

/** A 2xx response did not have the documented shape; `field` names the offending path. */
export class ResponseValidationError extends SeismicError {}
ResponseValidationError.prototype.name = "ResponseValidationError";

/**
 * The Seismic Orchestration API answered with a non-2xx status: `status`, `code` (the body's
 * PascalCase code, or "Unknown" when unreadable), `message`, and every extra field of the
 * error body (`missing`, `currencies`, `rails`, `account_id`, …).
 */
export class ApiError extends SeismicError {
  // The signature of seismic-orchestration's ApiError, so code that builds one (mocks,
  // tests) keeps working after the switch.
  constructor(status, code, message, extras) {
    super(message, extras);
    this.status = status;
    this.code = code;
    if (!Array.isArray(this.missing)) this.missing = [];
    if (!Array.isArray(this.violations)) this.violations = [];
  }
}
ApiError.prototype.name = "ApiError";

/** True for an error the Orchestration API answered with. */
export function isApiError(e) {
  return e instanceof ApiError;
}

const CLASSES = {
  orchestration_api: ApiError,
  response: ResponseValidationError,
  cards_api: CardsApiError,
  webhook: WebhookVerificationError,
  card_widget: CardWidgetError,
  stored_value_api: StoredValueError,
  validation: ValidationError,
  envelope: EnvelopeError,
  network: NetworkError,
  timeout: TimeoutError,
  aborted: AbortError,
  redirect: RedirectError,
  too_large: ResponseTooLargeError,
  envelope_api: EnvelopeApiError,
};

/** True for any error thrown by this SDK. */
export function isSeismicError(e) {
  return e instanceof SeismicError;
}

/** @internal Used by the wasm module. */
export function makeError(kind, message, fields) {
  if (kind === "orchestration_api") return new ApiError(fields.status, fields.code, message, fields);
  const Class = CLASSES[kind] ?? SeismicError;
  return new Class(message, fields);
}
