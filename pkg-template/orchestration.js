// SeismicOrchestrationClient: the documented namespaces over the wasm core, which checks
// arguments, picks and reads the token store, sends, refreshes sessions and validates
// responses.
import { OrchestrationCore } from "./seismic_sdk.js";
// The built-in token stores live in the wasm core (memory, and localStorage with Web Locks).
export { memoryTokenStore, localStorageTokenStore } from "./seismic_sdk.js";
import { ValidationError } from "./__ERRORS__";

// Every documented method and how many positional parameters it takes (from the wasm core's
// one list); the argument after them is the per-call options bag ({ signal }, and { wait } on
// quotes.create). Read on first use: this module is evaluated before the entry instantiates
// the wasm.
let methods;

function invalid(field, message) {
  return new ValidationError(`invalid ${field}: ${message}`, { code: "invalid_argument", field });
}

/**
 * Typed client of the Seismic Orchestration REST API; a drop-in for `seismic-orchestration`.
 * Use an environment factory (`sandbox()`, `production()`, `fromEnv()`) or pass `baseUrl`.
 */
export class SeismicOrchestrationClient {
  constructor(config) {
    if (config === null || typeof config !== "object") throw invalid("config", "must be an object");
    const core = new OrchestrationCore(config);
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
    return new SeismicOrchestrationClient({ ...cfg, baseUrl: OrchestrationCore.environmentUrl("sandbox") });
  }

  /** A client for production (real money). */
  static production(cfg = {}) {
    return new SeismicOrchestrationClient({ ...cfg, baseUrl: OrchestrationCore.environmentUrl("production") });
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
