// SeismicOrchestrationClient: the documented namespaces over the wasm core, which checks
// arguments, sends, refreshes sessions and validates responses. Also the token stores.
import { OrchestrationCore } from "./seismic_sdk.js";
import { ValidationError } from "./__ERRORS__";

const URLS = {
  sandbox: "https://orchestration-sandbox.seismic.systems/api",
  production: "https://orchestration.seismic.systems/api",
};

// Every documented method and how many positional parameters it takes (from the wasm core's
// one list); the argument after them is the per-call options bag ({ signal }, and { wait } on
// quotes.create). Read on first use: this module is evaluated before the entry instantiates
// the wasm.
let methods;

const KEYS = ["access_token", "refresh_token", "access_expires_at", "refresh_expires_at"];
const PREFIX = "orchestration.";
const LOCK_NAME = "orchestration.refresh";

function invalid(field, message) {
  return new ValidationError(`invalid ${field}: ${message}`, { code: "invalid_argument", field });
}

function pairOf(p, field) {
  if (p === undefined || p === null) return {};
  if (typeof p !== "object") throw invalid(field, "must be an object");
  const pair = {};
  for (const k of KEYS) {
    if (p[k] === undefined || p[k] === null) continue;
    if (typeof p[k] !== "string") throw invalid(`${field}.${k}`, "must be a string");
    pair[k] = p[k];
  }
  return pair;
}

/**
 * An in-memory token store (the default): Node scripts, SSR, tests, workers. Seed it with an
 * existing pair for machine users.
 */
export function memoryTokenStore(initial) {
  let pair = pairOf(initial, "initial");
  return {
    save(p) {
      pair = pairOf(p, "pair");
    },
    clear() {
      pair = {};
    },
    accessToken: () => pair.access_token ?? null,
    refreshToken: () => pair.refresh_token ?? null,
    accessExpiresAt: () => pair.access_expires_at ?? null,
    isAuthenticated: () => pair.access_token !== undefined,
  };
}

function storage() {
  try {
    const s = globalThis.localStorage;
    // Present but unusable (sandboxed iframes, some privacy modes) throws on access.
    s.getItem(PREFIX + "access_token");
    return s;
  } catch {
    throw invalid(
      "tokenStore",
      'localStorage is not available here (Node, workers, SSR, sandboxed frames); use "memory", memoryTokenStore() or your own TokenStore',
    );
  }
}

/**
 * A token store in `localStorage` under `orchestration.*`: sessions survive reloads and are
 * shared by every tab of the origin. Refreshes are coordinated across tabs with Web Locks so
 * two tabs never spend the same rotating refresh token.
 */
export function localStorageTokenStore() {
  const s = storage();
  const read = (k) => s.getItem(PREFIX + k);
  return {
    save(p) {
      const pair = pairOf(p, "pair");
      for (const k of KEYS) {
        if (pair[k] === undefined) s.removeItem(PREFIX + k);
        else s.setItem(PREFIX + k, pair[k]);
      }
    },
    clear() {
      for (const k of KEYS) s.removeItem(PREFIX + k);
    },
    accessToken: () => read("access_token"),
    refreshToken: () => read("refresh_token"),
    accessExpiresAt: () => read("access_expires_at"),
    isAuthenticated: () => read("access_token") !== null,
    // Resolves to a release function once this tab holds the origin-wide refresh lock.
    lock() {
      const locks = globalThis.navigator?.locks;
      if (!locks || typeof locks.request !== "function") return null;
      return new Promise((granted, failed) => {
        locks.request(LOCK_NAME, () => new Promise((release) => granted(release))).catch(failed);
      });
    },
  };
}

function resolveStore(config) {
  const t = config.tokenStore;
  // With a fixed API key the store is never read: "localStorage" must not fail in Node then.
  if (typeof config.apiKey === "string" && config.apiKey !== "") return memoryTokenStore();
  if (t === undefined || t === null || t === "memory") return memoryTokenStore();
  if (t === "localStorage") return localStorageTokenStore();
  if (typeof t === "object") {
    for (const m of ["save", "clear", "accessToken", "refreshToken"]) {
      if (typeof t[m] !== "function") throw invalid(`config.tokenStore.${m}`, "must be a function");
    }
    return t;
  }
  throw invalid("config.tokenStore", 'must be "memory", "localStorage" or a TokenStore object');
}

/**
 * Typed client of the Seismic Orchestration REST API; a drop-in for `seismic-orchestration`.
 * Use an environment factory (`sandbox()`, `production()`, `fromEnv()`) or pass `baseUrl`.
 */
export class SeismicOrchestrationClient {
  constructor(config) {
    if (config === null || typeof config !== "object") throw invalid("config", "must be an object");
    const core = new OrchestrationCore(config, resolveStore(config));
    for (const [op, arity] of (methods ??= OrchestrationCore.methods())) {
      const path = op.split(".");
      let target = this;
      for (const part of path.slice(0, -1)) target = target[part] ??= {};
      target[path[path.length - 1]] = (...args) => core.call(op, args.slice(0, arity), args[arity]);
    }
    this.quotes.waitUntilReady = (id, options) => core.waitUntilReady(id, options);
    for (const ns of ["auth", "apiKeys", "users", "orgs", "customers", "accounts", "quotes"]) {
      deepFreeze(this[ns]);
    }
    Object.freeze(this);
  }

  /** A client for the sandbox environment (no real money). */
  static sandbox(cfg = {}) {
    return new SeismicOrchestrationClient({ ...cfg, baseUrl: URLS.sandbox });
  }

  /** A client for production (real money). */
  static production(cfg = {}) {
    return new SeismicOrchestrationClient({ ...cfg, baseUrl: URLS.production });
  }

  /** A client for `process.env.SEISMIC_ORCHESTRATION_ENV`, which must be "production" or "sandbox". */
  static fromEnv(cfg = {}) {
    const env = globalThis.process?.env?.SEISMIC_ORCHESTRATION_ENV;
    if (env === "sandbox" || env === "production") return SeismicOrchestrationClient[env](cfg);
    throw new ValidationError(
      `SEISMIC_ORCHESTRATION_ENV must be "production" or "sandbox"; got ${JSON.stringify(env)}`,
      { code: "invalid_argument", field: "SEISMIC_ORCHESTRATION_ENV" },
    );
  }
}

function deepFreeze(o) {
  for (const v of Object.values(o)) if (typeof v === "object") deepFreeze(v);
  return Object.freeze(o);
}
