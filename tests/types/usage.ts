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

// ---------------------------------------------------------------------------------------------
// Seismic Cards: SeismicCardsClient (every method), verifyWebhook, createWidgetTokenHandler,
// mountCardWidget and their errors.
import {
  SeismicCardsClient,
  CardsApiError,
  WebhookVerificationError,
  CardWidgetError,
  verifyWebhook,
  createWidgetTokenHandler,
  mountCardWidget,
  type SeismicCardsClientConfig,
  type CardsTokenCache,
  type CardsTokenData,
  type CardholderCreateParams,
  type CardIssueParams,
  type CardTransaction,
  type CardTransactionListParams,
  type Cardholder,
  type CardBin,
  type Budget,
  type IssuedCard,
  type KycStatus,
  type WalletRef,
  type WebhookEvent,
  type WidgetGrant,
  type CardWidgetHandle,
  type CardWidgetOptions,
} from "seismic-sdk";

const tokenStore = new Map<string, CardsTokenData>();
const kvCache: CardsTokenCache = {
  get: async () => tokenStore.get("cards") ?? null,
  set: async (token: CardsTokenData) => void tokenStore.set("cards", token),
};
const syncCache: CardsTokenCache = { get: () => undefined, set: (token) => void token.expiresAt };
const cardsConfig: SeismicCardsClientConfig = { baseUrl: "http://127.0.0.1:4010", clientId: "id", clientSecret: "secret" };
const cards: SeismicCardsClient = new SeismicCardsClient({
  environment: "sandbox",
  clientId: "sbx_cards_id",
  clientSecret: "sbx_cards_secret",
  fetch: (input, init) => fetch(input, init),
  tokenCache: kvCache,
  maxRetries: 2,
  timeoutMs: 15_000,
});
const cardsProd = new SeismicCardsClient({ environment: "production", clientId: "id", clientSecret: "secret", tokenCache: syncCache });
const cardsLocal = new SeismicCardsClient(cardsConfig);
const cardsInPage = new SeismicCardsClient({ ...cardsConfig, dangerouslyAllowBrowser: true });

async function cardsFlows(): Promise<void> {
  const ac = new AbortController();
  const opts = { idempotencyKey: "k-1", signal: ac.signal };
  // accounts
  const reg = await cards.accounts.register({ name: "Jane Smith", email: "jane@example.com", phone: "+15551234567", parentAccountId: "p" }, opts);
  const accountId: string = reg.accountId;
  const userId: string = reg.userId;
  const found = await cards.accounts.findByEmail({ email: "jane@example.com" });
  const foundId: string | undefined = found.list[0]?.accountId;
  await cards.accounts.submitKyc({ accountId, sourceType: "sumsub", sumsubShareToken: "_act-sbx-jwt-x", ipAddress: "192.0.2.1", occupation: "11-1011", annualSalary: "75000 USD", accountPurpose: "Living Expense", expectedMonthlyVolume: "1000 USD" });
  const kyc = await cards.accounts.kycStatus({ accountId });
  const kycStatus: KycStatus = kyc.kyc.status;
  const caseId: string | undefined = kyc.kyc.caseId;
  await cards.accounts.init({ accountId });
  // cardholders
  const holderParams: CardholderCreateParams = {
    accountId,
    binId: "b",
    businessModel: "B2C_GATEWAY",
    referenceId: "ref-1",
    firstName: "John",
    lastName: "Doe",
    email: "john@example.com",
    phoneCountryCode: "1",
    phoneNumber: "5551234567",
    address: { addressLine1: "123 Main St", city: "New York", country: "US", postalCode: "10001", state: "NY" },
  };
  const holder: Cardholder = await cards.cardholders.create(holderParams, { idempotencyKey: "ch-1" });
  const holders = await cards.cardholders.list({ accountId });
  const firstHolder: Cardholder | undefined = holders.list[0];
  const gotHolder = await cards.cardholders.get({ cardholderId: holder.cardholderId, accountId });
  const holderStatus: string = gotHolder.status;
  await cards.cardholders.update({ cardholderId: holder.cardholderId, accountId, phoneNumber: "5559876543", address: { city: "Boston" } });
  // bins, budgets, wallets, transfers
  const bins = await cardsProd.bins.list({ accountId });
  const bin: CardBin | undefined = bins.list.find((b) => b.type === 0 && b.network === "VISA");
  const budget: Budget = await cards.budgets.create({ accountId, name: "Travel", currency: "USD" }, opts);
  const available: string = (await cards.budgets.get({ budgetId: budget.budgetId, accountId })).balance.available;
  await cards.budgets.transferIn({ budgetId: budget.budgetId, accountId, amount: "100.00" });
  await cards.budgets.transferOut({ budgetId: budget.budgetId, accountId, amount: "50.00", clientTransactionId: "ctx-1" }, { signal: ac.signal });
  const wallets = await cards.wallets.list({ accountId });
  const walletId: string | undefined = wallets.list.find((w) => w.objectType === 0)?.id;
  const from: WalletRef = { accountId: "merchant", id: "w-m", currency: "USD", businessType: 0 };
  const to: WalletRef = { accountId, id: walletId ?? "w", currency: "USD" };
  await cards.transfers.external({ amount: "200.00", from, to }, { idempotencyKey: "t-1" });
  // cards
  const issueParams: CardIssueParams = { accountId, binId: bin?.id ?? "b", cardMode: "VIRTUAL_CARD", cardholderId: holder.cardholderId, budgetId: budget.budgetId, referenceId: "card-1", label: "Primary", useType: "personal" };
  const issued: IssuedCard = await cards.cards.issue(issueParams, opts);
  const physical = await cards.cards.issue({ accountId, binId: "b2", cardMode: "PHYSICAL_CARD", physicalCardDesignId: "design-1", cardholderId: "h", budgetId: "b", referenceId: "card-2" });
  const cardId: string = issued.cardId;
  const listed = await cards.cards.get({ accountId, cardId });
  const total: number = listed.total;
  const secret = await cards.cards.sensitiveData({ cardId, accountId });
  const pan: string = secret.cardNumber;
  const cvv: string = secret.cvv;
  const expiry: string = secret.expiryDate;
  const wt = await cards.cards.widgetToken({ cardId, accountId });
  const widgetJwt: string = wt.accessToken;
  const widgetTtl: number | undefined = wt.expiresIn;
  await cards.cards.updateLabel({ cardId, accountId, label: "Travel card" });
  await cards.cards.setVelocityControl({ cardId, accountId, transactionLimitsType: "MONTH", amountLimit: "500.00" });
  await cards.cards.freeze({ cardId, accountId });
  await cards.cards.unfreeze({ cardId, accountId });
  await cards.cards.delete({ cardId, accountId });
  // transactions
  const query: CardTransactionListParams = { accountId, cardId, page: 1, limit: 50, status: "CLOSED", type: "1", startTime: Date.now() - 86_400_000, endTime: String(Date.now()), id: "tx", clientTransactionId: "ctx" };
  const page = await cardsLocal.transactions.list(query);
  const pageTotal: number = page.total;
  const firstTx: CardTransaction | undefined = page.list[0];
  for await (const tx of cardsInPage.transactions.listAll({ accountId, cardId, limit: 100 })) {
    const txStatus: "PENDING" | "CLOSED" | "FAIL" = tx.status;
    const txAmount: string = tx.amount;
    void [txStatus, txAmount];
  }
  void [userId, foundId, kycStatus, caseId, firstHolder, holderStatus, available, physical, total, pan, cvv, expiry, widgetJwt, widgetTtl, pageTotal, firstTx];
}

function handleCardsError(e: unknown): string {
  if (e instanceof CardsApiError) {
    const code: string = e.code;
    const httpStatus: number = e.httpStatus;
    const status: number = e.status;
    const requestId: string | undefined = e.requestId;
    if (e.code === "030003") return "funds locked";
    return `${code} ${httpStatus} ${status} ${requestId ?? "-"}`;
  }
  if (e instanceof WebhookVerificationError) {
    const code: "invalid_header" | "no_signature_match" | "timestamp_outside_tolerance" | "invalid_secret" | "raw_body_required" | "invalid_payload" = e.code;
    return code;
  }
  if (e instanceof CardWidgetError) {
    const base: SeismicError = e;
    return `${e.code} ${base.message}`;
  }
  return "";
}

// Webhooks: raw text or bytes, the header, the secret.
async function onWebhook(request: Request, webhookSecret: string): Promise<Response> {
  const raw: string = await request.text();
  const event: WebhookEvent = verifyWebhook(raw, request.headers.get("seismic-signature"), webhookSecret);
  const bytesEvent = verifyWebhook(new Uint8Array(await request.clone().arrayBuffer()), "t=1,v1=00", webhookSecret, { toleranceSeconds: 600, now: new Date() });
  const later = verifyWebhook(raw, "t=1,v1=00", webhookSecret, { now: Date.now() });
  if (event.type === "KYC.UPDATED") void event.data["status"];
  const id: string = event.id;
  void [bytesEvent, later, id];
  return new Response(null, { status: 204 });
}

// The widget token endpoint (a Worker's fetch, or a Node route).
const widgetTokenEndpoint: (request: Request) => Promise<Response> = createWidgetTokenHandler({
  cards,
  authorize: async (request: Request): Promise<WidgetGrant> => (request.headers.get("cookie") ? { accountId: "acct", cardIds: ["card"] } : null),
});
const syncAuthorized = createWidgetTokenHandler({ cards, authorize: () => null });
export default { fetch: widgetTokenEndpoint };

// The browser side: the widget iframe, fed by your endpoint or your own fetchToken.
function showCard(el: HTMLElement): CardWidgetHandle {
  const handle = mountCardWidget(el, {
    cardId: "card",
    widgetOrigin: "https://widget.seismic.systems",
    tokenUrl: "/api/widget-token",
    style: { fontFamily: "Inter, sans-serif", fontSize: "16px", color: "#111" },
    onReady: () => {},
    onError: (error: CardWidgetError) => void error.code,
    onCopy: ({ field }) => void (field === "number" || field === "cvv"),
  });
  const withFetcher: CardWidgetOptions = {
    cardId: "card",
    widgetOrigin: "https://widget.seismic.systems",
    fetchToken: async (cardId: string) => ({ token: `jwt-for-${cardId}`, expiresAt: Date.now() + 300_000 }),
  };
  const second = mountCardWidget(el, withFetcher);
  const third = mountCardWidget(el, { cardId: "c", widgetOrigin: "https://w.test", fetchToken: async () => "jwt" });
  second.refresh();
  third.unmount();
  return handle;
}
void cardsFlows;
void handleCardsError;
void onWebhook;
void syncAuthorized;
void showCard;

// Deliberate misuses of the Cards API: each must be a type error.
declare const cardsErr: CardsApiError;

// @ts-expect-error clientSecret is required
new SeismicCardsClient({ environment: "sandbox", clientId: "id" });

// @ts-expect-error baseUrl and environment are exclusive
new SeismicCardsClient({ baseUrl: "https://x.test", environment: "sandbox", clientId: "id", clientSecret: "s" });

// @ts-expect-error a PHYSICAL_CARD needs its physicalCardDesignId
void cards.cards.issue({ accountId: "a", binId: "b", cardMode: "PHYSICAL_CARD", cardholderId: "h", budgetId: "b", referenceId: "r" });

// @ts-expect-error cardMode is VIRTUAL_CARD or PHYSICAL_CARD
void cards.cards.issue({ accountId: "a", binId: "b", cardMode: "VIRTUAL", cardholderId: "h", budgetId: "b", referenceId: "r" });

// @ts-expect-error there is no cards.block (unknown namespace method)
void cards.cards.block({ cardId: "c", accountId: "a" });

// @ts-expect-error there is no namespace "payments"
void cards.payments;

// @ts-expect-error businessModel is "B2C_GATEWAY"
void cards.cardholders.create({ ...({} as CardholderCreateParams), businessModel: "B2B" });

// @ts-expect-error money is a decimal string
void cards.budgets.transferIn({ budgetId: "b", accountId: "a", amount: 100 });

// @ts-expect-error transactionLimitsType has a fixed set of values
void cards.cards.setVelocityControl({ cardId: "c", accountId: "a", transactionLimitsType: "HOUR", amountLimit: "5.00" });

// @ts-expect-error status filters are PENDING, CLOSED or FAIL
void cards.transactions.list({ accountId: "a", cardId: "c", status: "OPEN" });

// @ts-expect-error freeze needs the accountId too
void cards.cards.freeze({ cardId: "c" });

// @ts-expect-error widgetToken returns a Promise, not the token
void cards.cards.widgetToken({ cardId: "c", accountId: "a" }).accessToken;

// @ts-expect-error listAll is an async iterable, not a promise
void cards.transactions.listAll({ accountId: "a", cardId: "c" }).then;

// @ts-expect-error verifyWebhook needs the raw body, not a parsed object
verifyWebhook({ id: "evt" }, "t=1,v1=00", "whsec");

// @ts-expect-error exactly one of tokenUrl and fetchToken
mountCardWidget(document.body, { cardId: "c", widgetOrigin: "https://w.test", tokenUrl: "/t", fetchToken: async () => "jwt" });

// @ts-expect-error authorize returns { accountId, cardIds } or null
createWidgetTokenHandler({ cards, authorize: () => ({ accountId: "a" }) });

// @ts-expect-error a tokenCache needs set() too
new SeismicCardsClient({ environment: "sandbox", clientId: "id", clientSecret: "s", tokenCache: { get: () => null } });

// @ts-expect-error the Cards error code is a string ("030003"), not a number
const cardsWrongCode: number = cardsErr.code;
void cardsWrongCode;
