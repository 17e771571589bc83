/** Options of {@link startSandbox}; each is the binary's `--kebab-case` flag (all optional). */
export interface SandboxOptions {
  /** Loopback address to bind. Default `127.0.0.1`. */
  host?: string;
  /** Port of the four APIs. Default 0: a free one. */
  port?: number;
  /** Port of the card widget's own origin. Default: a free one. */
  widgetPort?: number;
  envelopeApiKey?: string;
  /** 32 bytes as base64 or 64 hex digits. */
  envelopeEncryptionKey?: string;
  envelopeNoAccessKey?: string;
  /** Dollars, e.g. `"1000.00"`. */
  envelopeMasterBalance?: string;
  storedValueApiKey?: string;
  cardsClientId?: string;
  cardsClientSecret?: string;
  cardsParentAccountId?: string;
  cardsMerchantId?: string;
  cardsDefaultBinId?: string;
  cardsWebhookSecret?: string;
  orchestrationEmail?: string;
  /** At least 10 characters. */
  orchestrationPassword?: string;
  orchestrationApiKey?: string;
  /** How long to wait for the sandbox to be ready. Default 10000. */
  timeoutMs?: number;
}

/** A running sandbox: where it listens, the credentials of each API, and how to stop it. */
export interface Sandbox {
  /** Base URL of all four APIs, e.g. `http://127.0.0.1:43981`. */
  url: string;
  envelope: { apiKey: string; encryptionKey: string; noAccessApiKey: string };
  storedValue: { apiKey: string };
  cards: {
    clientId: string;
    clientSecret: string;
    parentAccountId: string;
    merchantId: string;
    defaultBinId: string;
    webhookSecret: string;
    /** The card widget's origin (a second port). */
    widgetOrigin: string;
  };
  orchestration: { email: string; password: string; apiKey: string; orgId: string };
  /** Stops the sandbox; resolves once it has exited. */
  stop(): Promise<void>;
}

/** Starts the bundled seismic-sandbox on loopback; resolves once it serves. */
export function startSandbox(options?: SandboxOptions): Promise<Sandbox>;
