// Seismic Orchestration, answers and errors: the FeeItem union, ApiError and
// ResponseValidationError, and misuses of calls and response types.
// Checked with tsc --strict through usage.ts (tests/node/types.test.mjs); never executed. Each
// `@ts-expect-error` line is a misuse the .d.ts must reject.
import { ValidationError, ApiError, isApiError, ResponseValidationError, type LoginResponse, type KybProfile, type FeeItem, type QuoteFeeItem, type AcceptQuoteResult } from "seismic-sdk";
import { orch } from "./orchestration-clients.js";

// FeeItem is a tagged union: each arm has its own fields.
export function feeLabel(item: FeeItem): string {
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
void buyUsdc;
void orchestrationErrorStatus;
void packageName;

// Deliberate misuses of the Orchestration client: each must be a type error.
declare const orchErr: ApiError;
declare const someLogin: LoginResponse;
declare const someFee: FeeItem;

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
