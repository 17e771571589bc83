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

// The Cards DTOs (params and answers) are generated into cards-types.d.ts from the tables
// of src/cards (`responses/`, `requests.rs`).

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
