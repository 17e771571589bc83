// Envelope: sealEnvelope / openEnvelope, EnvelopeClient and the shared error classes.
// Checked with tsc --strict through usage.ts (tests/node/types.test.mjs); never executed. Each
// `@ts-expect-error` line is a misuse the .d.ts must reject.
import {
  sealEnvelope,
  openEnvelope,
  EnvelopeClient,
  SeismicError,
  ValidationError,
  EnvelopeError,
  NetworkError,
  TimeoutError,
  AbortError,
  EnvelopeApiError,
  RedirectError,
  ResponseTooLargeError,
  isSeismicError,
} from "seismic-sdk";

const keyBytes: Uint8Array = new Uint8Array(32);
const keyB64: string = "AAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAA=";
const keyHex: string = "00".repeat(32);

// sealEnvelope / openEnvelope
const sealed: { encrypted: string } = sealEnvelope(keyBytes, { external_user_id: "ext-1", amount: "10.00" });
const sealedWithOpts = sealEnvelope(keyB64, { card_id: "c", nested: { a: [1, 2] } }, { nonce: new Uint8Array(24), timestampMicros: 1700000000000000 });
const sealedBigint = sealEnvelope(keyHex, {}, { timestampMicros: 1700000000000000n });
const encryptedText: string = sealedWithOpts.encrypted;
const opened: Record<string, unknown> = openEnvelope(keyBytes, sealed);
const openedFromString: Record<string, unknown> = openEnvelope(keyHex, sealedBigint.encrypted);
// The payload type a caller expects, named once.
interface CardEvent { card_id: string; amount: string }
const event = openEnvelope<CardEvent>(keyBytes, sealed);
const eventCard: string = event.card_id;
// @ts-expect-error a field CardEvent does not declare
void event.cardId;
// @ts-expect-error the payload is an object, never a primitive
openEnvelope<string>(keyBytes, sealed);
void encryptedText;
void opened;
void openedFromString;
void eventCard;

// EnvelopeClient
const client: EnvelopeClient = new EnvelopeClient({
  baseUrl: "https://api.example.test",
  apiKey: "key",
  encryptionKey: keyBytes,
  fetch: globalThis.fetch,
  maxRetries: 2,
  timeoutMs: 10_000,
  maxResponseBytes: 1 << 20,
});
const minimal = new EnvelopeClient({ baseUrl: "https://api.example.test", apiKey: "key", encryptionKey: keyB64 });
export const customFetch: typeof fetch = (input, init) => fetch(input, init);
const withCustomFetch = new EnvelopeClient({ baseUrl: "https://x.test", apiKey: "k", encryptionKey: keyHex, fetch: customFetch });

async function flows(): Promise<void> {
  const ac = new AbortController();
  const balance: object = await client.request("/master/balance", {}, { signal: ac.signal });
  const generic: object = await minimal.request("/cards/create", { external_user_id: "u" }, { idempotencyKey: "k-1" });
  const created: object = await client.cards.create({ external_user_id: "u", currency: "USD", amount: "10.00" });
  const createdWithKey: object = await client.cards.create({ external_user_id: "u" }, { idempotencyKey: "k-2", signal: ac.signal });
  const topped: object = await withCustomFetch.cards.topup({ card_id: "c", amount: "1.00" });
  const toppedWithKey: object = await client.cards.topup({ card_id: "c", amount: "1.00", external_user_id: "u" }, { idempotencyKey: "k-3" });
  const order = await client.cards.create({ external_user_id: "u" });
  const orderId: string = order.data.order_id;
  const cardId: string = order.data.card_id;
  // @ts-expect-error the order's fields are closed: "orderId" is order_id
  void order.data.orderId;
  void [balance, generic, created, createdWithKey, topped, toppedWithKey, orderId, cardId];
}

function handle(e: unknown): string {
  if (e instanceof EnvelopeApiError) {
    const status: number = e.status;
    const slug: string = e.slug;
    const code: string | number = e.code;
    const requestId: string | undefined = e.requestId;
    return `${status} ${slug} ${code} ${requestId ?? "-"} ${e.message}`;
  }
  if (e instanceof EnvelopeError) {
    const code: string | number = e.code;
    return code;
  }
  if (e instanceof ValidationError) {
    return `${e.code} ${String(e.field)}`;
  }
  if (e instanceof RedirectError) {
    const status: number = e.status;
    const location: string | null = e.location;
    const code: "redirect_not_followed" = e.code;
    return `${code} ${status} ${location ?? "-"}`;
  }
  if (e instanceof ResponseTooLargeError) {
    const limit: number = e.maxResponseBytes;
    return `${e.code} ${limit}`;
  }
  if (e instanceof NetworkError || e instanceof TimeoutError || e instanceof AbortError) {
    // The key to retry an ambiguous money movement with (a replay, not a second charge).
    const key: string | undefined = e.idempotencyKey;
    void key;
    const base: SeismicError = e;
    const err: Error = e;
    return `${base.code} ${err.name}`;
  }
  if (e instanceof SeismicError) {
    const name: string = e.name;
    const code: string | number = e.code;
    const msg: string = e.message;
    return `${name} ${code} ${msg}`;
  }
  const guard: boolean = isSeismicError(e);
  return String(guard);
}
void flows;
void handle;

// Deliberate misuses: each must be a type error.
declare const apiErr: EnvelopeApiError;

// @ts-expect-error apiKey is required
new EnvelopeClient({ baseUrl: "https://x.test", encryptionKey: keyBytes });

// @ts-expect-error maxRetries is a number
new EnvelopeClient({ baseUrl: "https://x.test", apiKey: "k", encryptionKey: keyBytes, maxRetries: "2" });

// @ts-expect-error the nonce is bytes, not a string
sealEnvelope(keyBytes, {}, { nonce: "not-bytes" });

// @ts-expect-error a key is bytes or a string
sealEnvelope(42, {});

// @ts-expect-error status is a number
const wrongStatus: string = apiErr.status;
void wrongStatus;

// @ts-expect-error request() needs a path and a payload
void client.request();

// @ts-expect-error cards.create returns a Promise, not the order
void client.cards.create({ external_user_id: "u" }).order_id;
