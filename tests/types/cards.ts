// Seismic Cards: SeismicCardsClient (every method), verifyWebhook and the Cards errors. The
// widget (createWidgetTokenHandler, mountCardWidget) is in widget.ts.
// Checked with tsc --strict through usage.ts (tests/node/types.test.mjs); never executed. Each
// `@ts-expect-error` line is a misuse the .d.ts must reject.
import { SeismicError } from "seismic-sdk";
import {
  SeismicCardsClient,
  CardsApiError,
  WebhookVerificationError,
  CardWidgetError,
  verifyWebhook,
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
} from "seismic-sdk";

const tokenStore = new Map<string, CardsTokenData>();
const kvCache: CardsTokenCache = {
  get: async () => tokenStore.get("cards") ?? null,
  set: async (token: CardsTokenData) => void tokenStore.set("cards", token),
};
const syncCache: CardsTokenCache = { get: () => undefined, set: (token) => void token.expiresAt };
const cardsConfig: SeismicCardsClientConfig = { baseUrl: "http://127.0.0.1:4010", clientId: "id", clientSecret: "secret" };
export const cards: SeismicCardsClient = new SeismicCardsClient({
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
  const caseId: string | null | undefined = kyc.kyc.caseId;
  // Once KYC was submitted a case exists: the status narrows caseId to a string.
  if (kyc.kyc.status !== "NONE") {
    const submittedCase: string = kyc.kyc.caseId;
    void submittedCase;
  }
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
void cardsFlows;
void handleCardsError;
void onWebhook;

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

// The answers' types are closed: a misspelt field is a type error, not an `undefined`.
declare const someAccount: Awaited<ReturnType<typeof cards.accounts.findByEmail>>["list"][number];
declare const someHolder: Cardholder;
declare const someCard: IssuedCard;
// @ts-expect-error no field "emial" (email)
void someAccount.emial;
// @ts-expect-error no field "cardholderID" (cardholderId)
void someHolder.cardholderID;
// @ts-expect-error no field "cardid" (cardId)
void someCard.cardid;
// @ts-expect-error an answer the docs do not describe is unknown until checked
void (await cards.cards.freeze({ cardId: "c", accountId: "a" })).status;

// @ts-expect-error widgetToken returns a Promise, not the token
void cards.cards.widgetToken({ cardId: "c", accountId: "a" }).accessToken;

// @ts-expect-error listAll is an async iterable, not a promise
void cards.transactions.listAll({ accountId: "a", cardId: "c" }).then;

// @ts-expect-error verifyWebhook needs the raw body, not a parsed object
verifyWebhook({ id: "evt" }, "t=1,v1=00", "whsec");

// @ts-expect-error a tokenCache needs set() too
new SeismicCardsClient({ environment: "sandbox", clientId: "id", clientSecret: "s", tokenCache: { get: () => null } });

// @ts-expect-error the Cards error code is a string ("030003"), not a number
const cardsWrongCode: number = cardsErr.code;
void cardsWrongCode;
