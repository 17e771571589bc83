// Seismic Orchestration, the client: every config option, the environment factories and the
// token stores (built-in, seeded, custom sync and async). The calls are in orchestration-flows.ts,
// the response unions, ApiError and the misuses of calls in orchestration-results.ts.
// Checked with tsc --strict through usage.ts (tests/node/types.test.mjs); never executed. Each
// `@ts-expect-error` line is a misuse the .d.ts must reject.
import {
  SeismicOrchestrationClient,
  memoryTokenStore,
  localStorageTokenStore,
  type SeismicOrchestrationClientConfig,
  type TokenStore,
  type SyncTokenStore,
  type TokenPair,
} from "seismic-sdk";
import { customFetch } from "./envelope.js";

declare const orchEnv: {
  SEISMIC_ORCHESTRATION_API_KEY: string | undefined;
  SEISMIC_ORCHESTRATION_ACCESS_TOKEN: string;
  SEISMIC_ORCHESTRATION_REFRESH_TOKEN: string;
};

// Token stores. Seeding a memory store from env, as the docs do; its methods answer synchronously.
export const seededTokens: SyncTokenStore = memoryTokenStore({
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
export const orch: SeismicOrchestrationClient = new SeismicOrchestrationClient(orchConfig);
export const orchSandbox = SeismicOrchestrationClient.sandbox({ apiKey: orchEnv.SEISMIC_ORCHESTRATION_API_KEY });
const orchProd = SeismicOrchestrationClient.production({ tokenStore: seededTokens, maxRetries: 0 });
const orchFromEnv = SeismicOrchestrationClient.fromEnv();
export const orchDefault = SeismicOrchestrationClient.sandbox();
const orchLocal = SeismicOrchestrationClient.sandbox({ tokenStore: "localStorage" });
export const orchSession = SeismicOrchestrationClient.sandbox({ tokenStore: sessionTokenStore(), onRefreshFailed: () => void location.assign("/login") });
const orchKvClient = SeismicOrchestrationClient.production({ tokenStore: kvTokenStore, timeoutMs: 5_000 });
const orchRotating = new SeismicOrchestrationClient({ baseUrl: "http://127.0.0.1:8080/api", apiKey: () => sessionStorage.getItem("key") });
const orchCookies = new SeismicOrchestrationClient({
  baseUrl: "https://orchestration-sandbox.seismic.systems/api",
  getAccessToken: () => null,
  getRefreshToken: () => null,
  onTokensRefreshed: (p) => void p.access_token,
});
void [seededAccess, seededRefresh, seededAuthed, seededExpiry, browserAccess];
void [orchProd, orchFromEnv, orchLocal, orchKvClient, orchRotating, orchCookies, asGeneric];

// Deliberate misuses of the Orchestration client's config and token stores: each must be a type error.

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
