// The server-side API, the entry that tests/node/types.test.mjs also type-checks without the
// DOM library: Node's own types (lib es2022 + @types/node) and the Workers'
// (@cloudflare/workers-types). usage.ts imports it for the DOM view; the browser-only parts
// (the widget frame, localStorage sessions) are in widget.ts and orchestration-*.ts.
import "./envelope.js"; // sealEnvelope / openEnvelope, EnvelopeClient, the shared errors
import "./stored-value.js"; // StoredValueClient, StoredValueError, STORED_VALUE_STATUS
import "./cards.js"; // SeismicCardsClient, verifyWebhook, the Cards errors
import { SeismicOrchestrationClient, ApiError } from "seismic-sdk";

// Orchestration from a server: an org API key, no session.
export async function bestQuote(apiKey: string): Promise<string | undefined> {
  const api = SeismicOrchestrationClient.sandbox({ apiKey });
  const snapshot = await api.quotes.create(
    { amount: "1000", source: { currency: "USD" }, destination: { currency: "USDC", rail: "base" } },
    { wait: true },
  );
  try {
    return (await api.quotes.acceptBest(snapshot.id)).order_id;
  } catch (e) {
    if (e instanceof ApiError && e.code === "AlreadyAccepted") return undefined;
    throw e;
  }
}
