// Type-level usage of every export of seismic-sdk. Checked with `tsc --noEmit` (strict) by
// tests/node/types.test.mjs; never executed. Each `@ts-expect-error` line is a misuse that
// the .d.ts must reject (an unused directive is itself a compile error).
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
void encryptedText;
void opened;
void openedFromString;

// EnvelopeClient
const client: EnvelopeClient = new EnvelopeClient({
  baseUrl: "https://api.example.test",
  apiKey: "key",
  encryptionKey: keyBytes,
  fetch: globalThis.fetch,
  maxRetries: 2,
  timeoutMs: 10_000,
});
const minimal = new EnvelopeClient({ baseUrl: "https://api.example.test", apiKey: "key", encryptionKey: keyB64 });
const customFetch: typeof fetch = (input, init) => fetch(input, init);
const withCustomFetch = new EnvelopeClient({ baseUrl: "https://x.test", apiKey: "k", encryptionKey: keyHex, fetch: customFetch });

async function flows(): Promise<void> {
  const ac = new AbortController();
  const balance: object = await client.request("/master/balance", {}, { signal: ac.signal });
  const generic: object = await minimal.request("/cards/create", { external_user_id: "u" }, { idempotencyKey: "k-1" });
  const created: object = await client.cards.create({ external_user_id: "u", currency: "USD", amount: "10.00" });
  const createdWithKey: object = await client.cards.create({ external_user_id: "u" }, { idempotencyKey: "k-2", signal: ac.signal });
  const topped: object = await withCustomFetch.cards.topup({ card_id: "c", amount: "1.00" });
  const toppedWithKey: object = await client.cards.topup({ card_id: "c", amount: "1.00", external_user_id: "u" }, { idempotencyKey: "k-3" });
  void [balance, generic, created, createdWithKey, topped, toppedWithKey];
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
  if (e instanceof NetworkError || e instanceof TimeoutError || e instanceof AbortError) {
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

// ---------------------------------------------------------------------------------------------
// Stored value (Seamless Payments gift cards): StoredValueClient, StoredValueError, STORED_VALUE_STATUS.
import {
  StoredValueClient,
  StoredValueError,
  STORED_VALUE_STATUS,
  describeStoredValueStatus,
  type StoredValueClientConfig,
  type TransactionQuery,
  type TransactionResult,
  type GiftTransaction,
} from "seismic-sdk";

const sv: StoredValueClient = new StoredValueClient({ apiKey: "sk_test", environment: "sandbox" });
const svProd = new StoredValueClient({ apiKey: "sk_live", environment: "production", maxRetries: 3, timeoutMs: 5_000 });
const svLocal = new StoredValueClient({ apiKey: "k", baseUrl: "http://127.0.0.1:4010", fetch: customFetch, dangerouslyAllowBrowser: true });
const svConfig: StoredValueClientConfig = { apiKey: "k", baseUrl: "https://api.example.test" };
const svFromConfig = new StoredValueClient(svConfig);

async function storedValueFlows(): Promise<void> {
  const ac = new AbortController();
  const created = await sv.giftCards.create({ amount: "25.00", cardNumber: "6006493880499919561" }, { idempotencyKey: "k-1" });
  const createdAmount: string = created.amount;
  const createdAt: string = created.createdAt;
  const merchantId: string = created.merchantId;
  const byTrack = await sv.giftCards.create({ amount: "5.00", cardTrackTwo: ";6006493880499919561=25121010000000000000?" });
  const deleted = await svProd.giftCards.delete({ cardNumber: "6006493880499919561" }, { signal: ac.signal });
  const deletedByTrack = await svProd.giftCards.delete({ cardTrackTwo: ";6006493880499919561=2512?" });
  const info = await svLocal.giftCards.info({ cardNumber: "4242424242424242", currency: "USD", pinNumber: { ssc: "12", pin: "7" } });
  const balance: string = info.amount;
  const cardStatus: string = info.cardStatus;
  const info2 = await sv.giftCards.info({ cardTrackTwo: ";4242424242424242=2512?", currency: "CAD", pinNumber: "00120007" });

  const reloaded: TransactionResult = await sv.transactions.reload({ cardNumber: "4242424242424242", amount: "10.00", currency: "USD" });
  const redeemed = await sv.transactions.redeem({ cardNumber: "4242424242424242", amount: "150.00", pinNumber: { pin: "1234" } }, { idempotencyKey: "redeem-1" });
  if (redeemed.status === "109") {
    const toCollect: string = redeemed.customerPayment;
    void toCollect;
  }
  const txId: string = reloaded.transactionId;
  const cancelled = await sv.transactions.cancel({ transactionId: redeemed.transactionId, amount: redeemed.amount }, { idempotencyKey: "cancel-1" });
  const cancelStatus: string = cancelled.status;

  const tx: GiftTransaction = await sv.transactions.get({ id: "GCT_01BSV680614QDGSNA9GEKKBQ9M" });
  const txAmount: number = tx.amount;
  const query: TransactionQuery = {
    currency: { $in: ["CAD", "USD"] },
    $sort: { createdAt: -1 },
    $or: [{ status: { $ne: "01" } }, { currency: "USD" }],
    $limit: 2,
    $skip: 2,
    $select: ["cardNumber", "_id"],
  };
  const page = await sv.transactions.list({ filter: "Name", cardNumber: "2063025100129939", page: 1, count: 10, query });
  const total: number = page.total;
  const pages: number = page.pagination.pages;
  const first: GiftTransaction | undefined = page.data[0];
  const plain = await sv.transactions.list();
  const ranged = await sv.transactions.list({ query: { tranDate: { $lt: 1479664146607 }, processed: { $ne: true }, amount: "10" } });
  for await (const t of sv.transactions.listAll({ count: 50, query: { transactionType: "reload" } })) {
    const id: string = t.id;
    void id;
  }
  for await (const t of svFromConfig.transactions.listAll()) void t;
  const bin = await sv.binLookup({ bin: "411111" });
  const brand: string = bin.CardBrand;
  void [createdAmount, createdAt, merchantId, byTrack, deleted, deletedByTrack, balance, cardStatus, info2, txId, cancelStatus, txAmount, total, pages, first, plain, ranged, brand];
}

function handleStoredValue(e: unknown): string {
  if (e instanceof StoredValueError) {
    const status: number = e.status;
    const code: number = e.code;
    const errorName: string | null = e.errorName;
    const className: string | null = e.className;
    const statusCode: string | null = e.statusCode;
    const statusDescription: string | null = e.statusDescription;
    const dataStatus: string | undefined = e.data.statusCode;
    const requestId: string | undefined = e.requestId;
    const base: SeismicError = e;
    return [status, code, errorName, className, statusCode, statusDescription, dataStatus, requestId, base.message].join(" ");
  }
  return "";
}
const describedAdditional: string | undefined = STORED_VALUE_STATUS["109"];
const described: string | undefined = describeStoredValueStatus("21");
void storedValueFlows;
void handleStoredValue;
void [describedAdditional, described];

// Deliberate misuses of the stored-value client: each must be a type error.
declare const svErr: StoredValueError;

// @ts-expect-error apiKey is required
new StoredValueClient({ environment: "sandbox" });

// @ts-expect-error environment is "sandbox" or "production"
new StoredValueClient({ apiKey: "k", environment: "staging" });

// @ts-expect-error baseUrl and environment are exclusive
new StoredValueClient({ apiKey: "k", baseUrl: "https://x.test", environment: "sandbox" });

// @ts-expect-error money is a string, not a number
void sv.giftCards.create({ amount: 10, cardNumber: "4242424242424242" });

// @ts-expect-error exactly one of cardNumber and cardTrackTwo
void sv.transactions.reload({ amount: "1.00", cardNumber: "4242424242424242", cardTrackTwo: ";4242424242424242=2512?" });

// @ts-expect-error a card field is required
void sv.giftCards.info({ currency: "USD" });

// @ts-expect-error currency is "USD" or "CAD"
void sv.transactions.redeem({ cardNumber: "4242424242424242", amount: "1.00", currency: "EUR" });

// @ts-expect-error PIN subfields are digit strings
void sv.giftCards.info({ cardNumber: "4242424242424242", pinNumber: { ssc: 12, pin: 7 } });

// @ts-expect-error cancel needs the transactionId
void sv.transactions.cancel({ amount: "1.00" });

// @ts-expect-error get needs an id
void sv.transactions.get();

// @ts-expect-error $regex is not a documented operator
void sv.transactions.list({ query: { status: { $regex: "x" } } });

// @ts-expect-error $sort takes 1 or -1
void sv.transactions.list({ query: { $sort: { createdAt: "desc" } } });

// @ts-expect-error the API's error code is a number
const svWrongCode: string = svErr.code;
void svWrongCode;

// @ts-expect-error listAll is an async iterable, not a promise
void sv.transactions.listAll().then;
