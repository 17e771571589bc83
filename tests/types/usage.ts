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
  maxResponseBytes: 1 << 20,
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

// =============================================================================================
// Seismic Orchestration: SeismicOrchestrationClient (every method and config option), token
// stores (built-in, seeded, custom sync and async), ApiError and the documented response types.
// =============================================================================================
import {
  SeismicOrchestrationClient,
  memoryTokenStore,
  localStorageTokenStore,
  ApiError,
  isApiError,
  ResponseValidationError,
  type SeismicOrchestrationClientConfig,
  type OrchestrationRequestOptions,
  type TokenStore,
  type SyncTokenStore,
  type TokenPair,
  type LoginResponse,
  type AuthClaims,
  type MfaEnrollment,
  type ApiKey,
  type ApiKeyMinted,
  type UserProfile,
  type RampOrder,
  type OrderStatus,
  type Org,
  type OrgRole,
  type OrgWithRole,
  type OrgMember,
  type OrgMembership,
  type KybProfile,
  type KybStatus,
  type KybLink,
  type OrgProviderState,
  type CreateCustomerRequest,
  type CustomerEnvelope,
  type Customer,
  type CustomerKycStatus,
  type KycLinksResponse,
  type CreateAccountInput,
  type Account,
  type AccountStatus,
  type ListAccountsFilter,
  type OrderListFilter,
  type QuoteRequest,
  type QuoteEndpoint,
  type AsyncQuoteSnapshot,
  type Quote,
  type QuoteEndpointAmount,
  type FeeItem,
  type QuoteFeeItem,
  type AcceptQuoteResult,
  type RailInfo,
  type CurrencyInfo,
  type CurrencyRail,
  type HealthResponse,
} from "seismic-sdk";

declare const orchEnv: {
  SEISMIC_ORCHESTRATION_API_KEY: string | undefined;
  SEISMIC_ORCHESTRATION_ACCESS_TOKEN: string;
  SEISMIC_ORCHESTRATION_REFRESH_TOKEN: string;
};

// Token stores. Seeding a memory store from env, as the docs do; its methods answer synchronously.
const seededTokens: SyncTokenStore = memoryTokenStore({
  access_token: orchEnv.SEISMIC_ORCHESTRATION_ACCESS_TOKEN,
  refresh_token: orchEnv.SEISMIC_ORCHESTRATION_REFRESH_TOKEN,
});
const emptyTokens = memoryTokenStore();
const seededAccess: string | null = seededTokens.accessToken();
const seededRefresh: string | null = seededTokens.refreshToken();
const seededAuthed: boolean = seededTokens.isAuthenticated();
const seededExpiry: string | null = seededTokens.accessExpiresAt();
emptyTokens.save({ access_token: "a", refresh_token: "r", access_expires_at: "2026-04-23T10:15:00Z", refresh_expires_at: "2026-05-23T10:00:00Z" });
emptyTokens.clear();
const browserTokens = localStorageTokenStore();
const browserAccess: string | null = browserTokens.accessToken();
const asGeneric: TokenStore = browserTokens;

// The docs' custom sessionStorage store (synchronous).
function sessionTokenStore(): TokenStore {
  return {
    save(p) {
      sessionStorage.setItem("access", p.access_token);
      sessionStorage.setItem("refresh", p.refresh_token);
      sessionStorage.setItem("exp", p.access_expires_at);
      sessionStorage.setItem("rexp", p.refresh_expires_at);
    },
    clear() {
      sessionStorage.clear();
    },
    accessToken: () => sessionStorage.getItem("access"),
    refreshToken: () => sessionStorage.getItem("refresh"),
    isAuthenticated: () => sessionStorage.getItem("access") !== null,
  };
}

// A custom asynchronous store (e.g. a KV namespace): every method returns a Promise.
declare const orchKv: { get(key: string): Promise<string | null>; put(key: string, value: string): Promise<void>; delete(key: string): Promise<void> };
const kvTokenStore: TokenStore = {
  async save(p: TokenPair): Promise<void> {
    await orchKv.put("pair", JSON.stringify(p));
  },
  clear: () => orchKv.delete("pair"),
  async accessToken() {
    const raw = await orchKv.get("pair");
    return raw === null ? null : (JSON.parse(raw) as TokenPair).access_token;
  },
  refreshToken: async () => {
    const raw = await orchKv.get("pair");
    return raw === null ? null : (JSON.parse(raw) as TokenPair).refresh_token;
  },
  isAuthenticated: async () => (await orchKv.get("pair")) !== null,
  accessExpiresAt: async () => {
    const raw = await orchKv.get("pair");
    return raw === null ? null : (JSON.parse(raw) as TokenPair).access_expires_at;
  },
};

// Every config option.
const orchConfig: SeismicOrchestrationClientConfig = {
  baseUrl: "https://orchestration.internal.example",
  apiKey: "seismic_prod_abc12_3f9d",
  tokenStore: "memory",
  onRefreshFailed: () => {},
  fetch: customFetch,
  getAccessToken: () => seededTokens.accessToken(),
  getRefreshToken: async () => orchKv.get("refresh"),
  onTokensRefreshed: async (pair: TokenPair) => orchKv.put("pair", JSON.stringify(pair)),
  maxRetries: 2,
  timeoutMs: 30_000,
  dangerouslyAllowBrowser: false,
};
const orch: SeismicOrchestrationClient = new SeismicOrchestrationClient(orchConfig);
const orchSandbox = SeismicOrchestrationClient.sandbox({ apiKey: orchEnv.SEISMIC_ORCHESTRATION_API_KEY });
const orchProd = SeismicOrchestrationClient.production({ tokenStore: seededTokens, maxRetries: 0 });
const orchFromEnv = SeismicOrchestrationClient.fromEnv();
const orchDefault = SeismicOrchestrationClient.sandbox();
const orchLocal = SeismicOrchestrationClient.sandbox({ tokenStore: "localStorage" });
const orchSession = SeismicOrchestrationClient.sandbox({ tokenStore: sessionTokenStore(), onRefreshFailed: () => void location.assign("/login") });
const orchKvClient = SeismicOrchestrationClient.production({ tokenStore: kvTokenStore, timeoutMs: 5_000 });
const orchRotating = new SeismicOrchestrationClient({ baseUrl: "http://127.0.0.1:8080/api", apiKey: () => sessionStorage.getItem("key") });
const orchCookies = new SeismicOrchestrationClient({
  baseUrl: "https://orchestration-sandbox.seismic.systems/api",
  getAccessToken: () => null,
  getRefreshToken: () => null,
  onTokensRefreshed: (p) => void p.access_token,
});

async function orchestrationFlows(): Promise<void> {
  const ac = new AbortController();
  const opts: OrchestrationRequestOptions = { signal: ac.signal };

  // auth
  const { user_id } = await orch.auth.signup("alice@example.com", "hunter22!hunter22", opts);
  const res: LoginResponse = await orchSession.auth.login("alice@example.com", "hunter22!hunter22");
  switch (res.status) {
    case "tokens": {
      const access: string = res.access_token;
      const expires: string = res.refresh_expires_at;
      void [access, expires];
      break;
    }
    case "mfa_required": {
      const pair: TokenPair = await orchSession.auth.mfa.verify(res.challenge_id, "123456", opts);
      seededTokens.save(pair);
      break;
    }
  }
  if (res.status === "tokens") {
    const asPair: TokenPair = res;
    void asPair;
  } else {
    const challenge: string = res.challenge_id;
    void challenge;
  }
  const enrollment: MfaEnrollment = await orchSession.auth.mfa.enroll();
  const uri: string = enrollment.provisioning_uri;
  const secret: string = enrollment.secret_base32;
  const activated: void = await orchSession.auth.mfa.activate("123456", { signal: ac.signal });
  const refreshed: TokenPair = await orchSession.auth.refresh("rt_1", opts);
  const rt = seededTokens.refreshToken();
  if (rt) await orchSession.auth.logout(rt);
  await orchSession.auth.logout();
  await orchSession.auth.logout(undefined, opts);
  const claims: AuthClaims = await orchSession.auth.me(opts);
  const mfaPassed: boolean = claims.mfa_passed;

  // apiKeys
  const minted: ApiKeyMinted = await orch.apiKeys.mint({ label: "ci-pipeline" });
  const mintedSandbox = await orch.apiKeys.mint({ label: "local-dev", environment: "sandbox" }, opts);
  const plaintext: string = mintedSandbox.secret;
  const keys: ApiKey[] = await orch.apiKeys.list(opts);
  const live = keys.filter((k) => !k.revoked_at && k.environment === "production");
  const lastUsed: string | null | undefined = keys[0]?.last_used_at;
  const revoked: void = await orch.apiKeys.revoke(minted.id, opts);

  // users
  const me: UserProfile = await orchSandbox.users.me();
  for (const m of me.memberships) {
    const role: OrgRole = m.role;
    const name: string = m.org_name;
    void [role, name];
  }
  const myOrders: RampOrder[] = await orchSandbox.users.myOrders(opts);
  const firstOrder = myOrders[0];
  if (firstOrder) {
    const status: OrderStatus = firstOrder.status;
    const amount: string = firstOrder.source_amount;
    const chain: string | null = firstOrder.destination_chain;
    const instructions: { [field: string]: unknown } | null = firstOrder.funding_instructions;
    void [status, amount, chain, instructions, firstOrder.direction === "on_ramp"];
  }

  // orgs
  const memberships: OrgWithRole[] = await orch.orgs.list(opts);
  for (const { org, role } of memberships) void `${role} at ${org.name}`;
  const org: Org = await orch.orgs.get(opts);
  const approvedRows = org.providers.filter((p) => p.kyb_status === "approved");
  const renamed: Org = await orch.orgs.update({ name: "Acme International Inc." }, opts);
  await orch.orgs.update({});
  const members: OrgMember[] = await orch.orgs.members.list(opts);
  const invited: OrgMembership = await orch.orgs.members.invite({ email: "carol@acme.com", role: "member" });
  const invitedDefault = await orch.orgs.members.invite({ email: "dave@acme.com" }, opts);
  const promoted: OrgMember = await orch.orgs.members.updateRole(invited.user_id, "admin", opts);
  const removed: void = await orch.orgs.members.remove(invitedDefault.user_id, opts);

  // orgs.kyb
  const profile: KybProfile = await orch.orgs.kyb.profile(opts);
  const legalName: string = profile.business.legal_name;
  const fullProfile: KybProfile = {
    business: {
      legal_name: "Acme Inc.",
      entity_type: "corporation",
      industry: "software_blockchain_crypto",
      registration_number: "1234567",
      tax_id: "82-1234567",
      country_of_registration: "US",
      state_of_incorporation: "DE",
      formation_date: "2020-04-12",
    },
    addresses: { registered: { line1: "1 Wall St", city: "New York", state: "NY", postal_code: "10005", country: "US" } },
    contact: { email: "ops@acme.com", phone: "+12025550100" },
    operations: {
      business_jurisdictions: ["US"],
      funds_movement_jurisdictions: ["US", "GB"],
      primary_source_of_funds: "company_capital",
      regulated_status: "unregistered",
    },
    volumes: { monthly_deposits: 35, monthly_withdrawals: 30 },
    counterparties: { counterparties: ["customers", "merchants_suppliers"] },
    associated_persons: [
      {
        first_name: "Alice",
        last_name: "Liddell",
        date_of_birth: "1985-06-15",
        email: "alice@acme.com",
        phone: "+12025550100",
        address: { line1: "1 Wall St", city: "New York", state: "NY", postal_code: "10005", country: "US" },
        tax_id: "123-45-6789",
        nationality: "US",
        citizenship: "US",
        ownership_percent: 100,
        roles: { has_control: true, is_signer: true, is_director: true },
      },
    ],
  };
  const saved: KybProfile = await orch.orgs.kyb.setProfile(fullProfile, opts);
  const submitted: OrgProviderState[] = await orch.orgs.kyb.submit(opts);
  for (const s of submitted) {
    const stage: KybStatus = s.kyb_status;
    if (s.kyb_link) void s.kyb_link.url;
    void [stage, s.missing_fields.length, s.rejection_reason];
  }
  const states: OrgProviderState[] = await orch.orgs.kyb.providers(opts);
  const routingId = states[0]?.provider ?? "prv_a";
  const link: KybLink = await orch.orgs.kyb.refreshLink(routingId, opts);
  const linkExpiry: string | undefined = link.expires_at;
  const fresh: OrgProviderState = await orch.orgs.kyb.resync(routingId, opts);
  const syncedAt: string = fresh.last_synced_at;

  // customers
  const individual: CreateCustomerRequest = {
    external_id: "user_abc123",
    type: "individual",
    email: "alice@example.com",
    first_name: "Alice",
    last_name: "Liddell",
    date_of_birth: "1990-04-12",
    address: { line1: "123 Main St", city: "Brooklyn", state: "NY", postal_code: "11201", country: "US" },
    government_id: { type: "passport", number: "X1", country: "US", front_image: "data:image/png;base64,AA" },
  };
  const { customer }: CustomerEnvelope = await orch.customers.create(individual, opts);
  const business = await orch.customers.create({ external_id: "biz_1", type: "business", email: "ops@acme.com", legal_name: "Acme Inc.", tax_id: "82-1234567", country: "US" });
  const businessName: string | undefined = business.customer.legal_name;
  const theCustomer: Customer = customer;
  const snapshot: CustomerEnvelope = await orch.customers.get(customer.id, opts);
  const ready = snapshot.providers.every((r) => r.kyc.status === "approved");
  const kycStage: CustomerKycStatus | undefined = snapshot.providers[0]?.kyc.status;
  const { links }: KycLinksResponse = await orch.customers.refreshKycLinks(customer.id);
  const next = links.find((l) => l.link)?.link;
  if (next) window.location.href = next.url;
  await orch.customers.refreshKycLinks(customer.id, ["prv_a"], opts);
  await orch.customers.refreshKycLinks(customer.id, undefined, opts);
  const bank: Account = await orch.customers.createAccount(customer.id, {
    provider: "prv_a",
    account_type: "us_bank_account",
    currencies: "USD",
    rails: ["ach", "wire"],
    routing_number: "021000021",
    account_number: "0123456789",
    account_holder_name: "Acme Inc.",
  });
  const wallet = await orch.customers.createAccount(customer.id, {
    provider: "prv_a",
    account_type: "external_digital_asset_wallet",
    currencies: "USDC",
    rails: "base",
    address: "0xabc",
  }, opts);
  const multiTokens = ["USDC", "USDT"] as const;
  const evmInput: CreateAccountInput = { provider: "prv_a", account_type: "external_digital_asset_wallet", currencies: multiTokens, rails: ["base", "ethereum"], address: "0xabc" };
  const evm = await orch.customers.createAccount(customer.id, evmInput);
  await orch.customers.createAccount(customer.id, { provider: "prv_b", account_type: "upi", currencies: "INR", rails: "upi", vpa: "alice@okicici" });
  await orch.customers.createAccount(customer.id, { provider: "prv_b", account_type: "iban", currencies: ["EUR"], rails: "sepa", account_number: "DE89370400440532013000", account_holder_name: "Alice Liddell" });
  await orch.customers.createAccount(customer.id, { provider: "prv_b", account_type: "virtual_digital_asset_wallet", currencies: "USDC", rails: "polygon" });
  const accountType: "us_bank_account" | "external_digital_asset_wallet" | "virtual_digital_asset_wallet" | "iban" | "upi" = bank.account_type;
  const currencies: string[] = wallet.currencies;
  const all: Account[] = await orch.customers.listAccounts(customer.id);
  const usdc = await orch.customers.listAccounts(customer.id, { currencies: "USDC", status: "active" }, opts);
  const onEvm = await orch.customers.listAccounts(customer.id, { rails: ["base", "ethereum"] });
  const orgOrders: RampOrder[] = await orch.customers.orders();
  const filter: OrderListFilter = { customer_id: customer.id, direction: "on_ramp", status: "completed" };
  const filtered = await orch.customers.orders(filter, opts);

  // accounts
  const accounts: Account[] = await orch.accounts.list();
  const accountFilter: ListAccountsFilter = { customer_id: customer.id, currencies: ["USDC", "USDT"], rails: "base", status: "pending" };
  const narrowed = await orch.accounts.list(accountFilter, opts);
  const account: Account = await orch.accounts.get(evm.id, opts);
  const accountStatus: AccountStatus = account.status;

  // quotes: the three endpoint forms, wait and polling, accepting
  const preview: QuoteRequest = { amount: "1000", source: { currency: "USD" }, destination: { currency: "USDC", rail: "base" } };
  const quotes: AsyncQuoteSnapshot = await orch.quotes.create(preview, { wait: true, signal: ac.signal });
  for (const q of quotes.quotes) {
    const leg: Quote = q;
    const inSide: QuoteEndpointAmount = q.in;
    const resolved = q.out.account;
    if (resolved) void [resolved.id, resolved.account_type, resolved.status, resolved.provider_account_id];
    void `${inSide.rail} → ${q.out.rail} ${q.out.amount} ${q.out.currency} rate=${q.rate} fee=${q.fees.total} ${q.fees.currency} ${q.expires_at ?? ""} ${leg.provider}`;
    const extra: unknown = q["routing_metadata"];
    void extra;
    for (const item of q.fees.items) void feeLabel(item);
  }
  const best: string | undefined = quotes.best_quote_id;
  const echoed: QuoteRequest = quotes.request;
  const settlementReady = await orch.quotes.create({ amount: "500", source: bank.id, destination: wallet.id });
  const pinned: QuoteEndpoint = { account: account.id, currency: "USDC", rail: "base" };
  const fanOut: QuoteEndpoint = { account: account.id, currency: "USDC" };
  const oneOff: QuoteEndpoint = { currency: "USDC", rail: "ethereum", address: "0xabc" };
  const pending = await orch.quotes.create({ amount: "200", source: pinned, destination: { currency: "USD", rail: "ach" }, named: "require" }, opts);
  const polled: AsyncQuoteSnapshot = await orch.quotes.get(pending.id, opts);
  const readySnapshot: AsyncQuoteSnapshot = await orch.quotes.waitUntilReady(pending.id);
  const readyBounded = await orch.quotes.waitUntilReady(pending.id, { intervalMs: 250, timeoutMs: 10_000, signal: ac.signal });
  if (readyBounded.status === "ready" && readyBounded.quotes.length > 0) {
    const picked = readyBounded.quotes[0];
    if (picked) {
      const accepted: AcceptQuoteResult = await orch.quotes.accept(readyBounded.id, picked.id, opts);
      const orderId: string = accepted.order_id;
      void orderId;
    }
  }
  const order: AcceptQuoteResult = await orch.quotes.acceptBest(quotes.id);
  await orch.quotes.acceptBest(settlementReady.id, opts);

  // catalog and health
  const { rails } = await orchDefault.rails();
  const cryptoRails: RailInfo[] = rails.filter((r) => r.kind === "crypto");
  const catalog = await orchDefault.currencies(opts);
  const usdcInfo: CurrencyInfo | undefined = catalog.currencies.find((c) => c.currency === "USDC");
  const usdcOnBase: CurrencyRail | undefined = usdcInfo?.rails.find((r) => r.rail === "base");
  const usdcKind: "fiat" | "stablecoin" | "crypto" | undefined = usdcInfo?.kind;
  const health: HealthResponse = await orchDefault.health({ signal: ac.signal });
  const healthy: "ok" = health.status;

  void [user_id, uri, secret, activated, refreshed, mfaPassed, plaintext, live, lastUsed, revoked, approvedRows, renamed, members, promoted, removed];
  void [legalName, saved, linkExpiry, syncedAt, businessName, theCustomer, ready, kycStage, wallet, accountType, currencies, all, usdc, onEvm];
  void [orgOrders, filtered, accounts, narrowed, accountStatus, best, echoed, fanOut, oneOff, polled, readySnapshot, order, cryptoRails, usdcOnBase, usdcKind, healthy];
  void [orchProd, orchFromEnv, orchLocal, orchKvClient, orchRotating, orchCookies, asGeneric];
}

// FeeItem is a tagged union: each arm has its own fields.
function feeLabel(item: FeeItem): string {
  switch (item.type) {
    case "flat":
      return item.description ?? `flat ${item.amount} ${item.currency}`;
    case "percentage": {
      const bps: number = item.bps;
      return `${bps} bps = ${item.amount} ${item.currency}`;
    }
    case "network":
      return `network ${item.amount} ${item.currency}`;
    case "other": {
      const label: string = item.description;
      return label;
    }
  }
}
const packageName: QuoteFeeItem = { type: "other", amount: "1.00", currency: "USD", description: "FX spread" };

// ApiError: status, code, missing, violations, request id and extra body fields.
async function buyUsdc(amountUsd: string, destinationAccountId: string): Promise<AcceptQuoteResult | null> {
  try {
    const snapshot = await orch.quotes.create({ amount: amountUsd, source: { currency: "USD", rail: "ach" }, destination: destinationAccountId }, { wait: true });
    return await orch.quotes.acceptBest(snapshot.id);
  } catch (err) {
    if (err instanceof ApiError) {
      const status: number = err.status;
      const code: string = err.code;
      const missing: string[] = err.missing;
      const findings: string[] = err.violations.map((v) => `${v.field ?? "-"} ${v.reason}: ${v.description}`);
      const requestId: string | undefined = err.requestId;
      const message: string = err.message;
      if (err.code === "KybProfileIncomplete") for (const path of err.missing) void path;
      if (err.code === "AmbiguousCurrency") void err["currencies"];
      if (status === 409) return null;
      void [code, missing, findings, requestId, message];
    } else if (err instanceof ResponseValidationError) {
      const path: string = err.field;
      void path;
    } else if (err instanceof ValidationError) {
      const field: string = err.field;
      void field;
    }
    throw err;
  }
}
function orchestrationErrorStatus(e: unknown): number | undefined {
  if (isApiError(e)) return e.status;
  return undefined;
}
void orchestrationFlows;
void buyUsdc;
void orchestrationErrorStatus;
void [seededAccess, seededRefresh, seededAuthed, seededExpiry, browserAccess, packageName];

// Deliberate misuses of the Orchestration client: each must be a type error.
declare const orchErr: ApiError;
declare const someLogin: LoginResponse;
declare const someFee: FeeItem;

// @ts-expect-error baseUrl is required by the constructor
new SeismicOrchestrationClient({ apiKey: "k" });

// @ts-expect-error the environment factories fill in baseUrl themselves
SeismicOrchestrationClient.sandbox({ baseUrl: "https://x.test" });

// @ts-expect-error tokenStore is "memory", "localStorage" or a TokenStore
SeismicOrchestrationClient.sandbox({ tokenStore: "sessionStorage" });

// @ts-expect-error a TokenStore needs isAuthenticated() too
SeismicOrchestrationClient.sandbox({ tokenStore: { save() {}, clear() {}, accessToken: () => null, refreshToken: () => null } });

// @ts-expect-error an async store still yields strings or null, not numbers
SeismicOrchestrationClient.sandbox({ tokenStore: { ...kvTokenStore, accessToken: async () => 42 } });

// @ts-expect-error an apiKey getter answers synchronously
SeismicOrchestrationClient.sandbox({ apiKey: async () => "k" });

// @ts-expect-error maxRetries is a number
SeismicOrchestrationClient.sandbox({ maxRetries: "2" });

// @ts-expect-error seeded tokens are strings
memoryTokenStore({ access_token: 42 });

// @ts-expect-error the built-in stores answer synchronously, not with Promises
const notAPromise: Promise<string | null> = seededTokens.accessToken();
void notAPromise;

// @ts-expect-error quotes.accept needs the quoteId (use acceptBest for the server's pick)
void orch.quotes.accept("9d8c");

// @ts-expect-error amount is a decimal string, never a number
void orch.quotes.create({ amount: 1000, source: { currency: "USD" }, destination: { currency: "USDC", rail: "base" } });

// @ts-expect-error an inline descriptor needs its currency
void orch.quotes.create({ amount: "10", source: { rail: "ach" }, destination: "acc_1" });

// @ts-expect-error an account endpoint carries no address (that is the descriptor form)
void orch.quotes.create({ amount: "10", source: { account: "acc_1", address: "0xabc" }, destination: "acc_2" });

// @ts-expect-error wait is a boolean
void orch.quotes.create({ amount: "10", source: "acc_1", destination: "acc_2" }, { wait: "yes" });

// @ts-expect-error methods return Promises
void orch.quotes.get("9d8c").status;

// @ts-expect-error intervalMs is a number of milliseconds
void orch.quotes.waitUntilReady("9d8c", { intervalMs: "500ms" });

// @ts-expect-error there is no such role
void orch.orgs.members.updateRole("u1", "superadmin");

// @ts-expect-error nobody is invited as owner (promote with updateRole)
void orch.orgs.members.invite({ email: "carol@acme.com", role: "owner" });

// @ts-expect-error refreshLink needs the row's routing id
void orch.orgs.kyb.refreshLink();

// @ts-expect-error entity_type is one of the documented legal forms
const badEntity: KybProfile["business"]["entity_type"] = "gmbh";
void badEntity;

// @ts-expect-error an individual needs first_name and last_name
void orch.customers.create({ external_id: "u", type: "individual", email: "a@b.co" });

// @ts-expect-error a US bank account needs its routing_number
void orch.customers.createAccount("c1", { provider: "p", account_type: "us_bank_account", currencies: "USD", rails: "ach", account_number: "1", account_holder_name: "A" });

// @ts-expect-error currencies are strings
void orch.customers.createAccount("c1", { provider: "p", account_type: "upi", currencies: 356, rails: "upi", vpa: "a@b" });

// @ts-expect-error customers.listAccounts takes the customer as its first argument, not a filter
void orch.customers.listAccounts("c1", { customer_id: "c2" });

// @ts-expect-error account status is "pending", "active" or "disabled"
void orch.accounts.list({ status: "open" });

// @ts-expect-error direction is "on_ramp" or "off_ramp"
void orch.customers.orders({ direction: "sideways" });

// @ts-expect-error environment is "production" or "sandbox"
void orch.apiKeys.mint({ label: "ci", environment: "staging" });

// @ts-expect-error the TOTP code is a string
void orch.auth.mfa.activate(123456);

// @ts-expect-error signal is an AbortSignal
void orch.health({ signal: "stop" });

// @ts-expect-error narrow on status before reading the challenge
void someLogin.challenge_id;

// @ts-expect-error only percentage fees carry bps
void someFee.bps;

// @ts-expect-error an "other" fee always has its description
const undescribed: FeeItem = { type: "other", amount: "1.00", currency: "USD" };
void undescribed;

// @ts-expect-error ApiError.status is a number
const orchWrongStatus: string = orchErr.status;
void orchWrongStatus;
