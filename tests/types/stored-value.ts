// Stored value (Seamless Payments gift cards): StoredValueClient, StoredValueError, STORED_VALUE_STATUS.
// Checked with tsc --strict through usage.ts (tests/node/types.test.mjs); never executed. Each
// `@ts-expect-error` line is a misuse the .d.ts must reject.
import { SeismicError } from "seismic-sdk";
import { customFetch } from "./envelope.js";
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
