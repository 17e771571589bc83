// Helpers shared by the orchestration*.suite.mjs suites (SeismicOrchestrationClient against the
// seismic-sandbox): client construction, the sent-request summary, error and validation checks,
// and a logged-in session. Sandbox admin helpers (tenants, faults, TOTP) live in
// orchestration-sandbox.mjs. No `tests` export: the runners load *.suite.mjs files only.
import { recordingFetch } from "./recording-fetch.mjs";
import { orchestrationUrl, createOrchestrationTenant } from "./orchestration-sandbox.mjs";

export const SERVER = ["node", "workerd"];
export const FAST = { kycDelayMs: 30, quoteDelayMs: 150 };

export function client(ctx, extra = {}) {
  const { SeismicOrchestrationClient } = ctx.sdk;
  return new SeismicOrchestrationClient({ baseUrl: orchestrationUrl(ctx.sandboxUrl), ...extra });
}

export const apiPath = (ctx, c) => c.url.slice(orchestrationUrl(ctx.sandboxUrl).length).split("?")[0];
export const sent = (ctx, calls) => calls.map((c) => `${c.method} ${apiPath(ctx, c)}${c.rawQuery ? "?" + c.rawQuery : ""}`);

export function apiError(ctx, expect) {
  const { sdk, assert } = ctx;
  return (e) => {
    assert.ok(e instanceof sdk.ApiError, `expected ApiError ${assert.show(expect)}, got ${assert.show(e)}`);
    assert.ok(sdk.isApiError(e) && e instanceof sdk.SeismicError && e instanceof Error, "ApiError is a SeismicError and an Error");
    assert.equal(e.name, "ApiError");
    for (const [k, v] of Object.entries(expect)) assert.deepEqual(e[k], v, `error.${k} (${e.message})`);
    assert.ok(typeof e.message === "string" && e.message.length > 0, "message");
    assert.ok(Array.isArray(e.missing) && Array.isArray(e.violations), "missing/violations default to []");
    return true;
  };
}

export function validation(ctx, field) {
  const { sdk, assert } = ctx;
  return (e) => {
    assert.ok(e instanceof sdk.ValidationError, `expected ValidationError(${field}), got ${assert.show(e)}`);
    assert.equal(e.field, field, `field (${e.message})`);
    return true;
  };
}

/** A logged-in token-mode client on a fresh tenant (login answers tokens: MFA not active). */
export async function session(ctx, settings = {}, extra = {}) {
  const t = await createOrchestrationTenant(ctx.sandboxUrl, { ...FAST, ...settings });
  const calls = [];
  const api = client(ctx, { fetch: recordingFetch(calls), ...extra });
  const res = await api.auth.login(t.email, t.password);
  ctx.assert.equal(res.status, "tokens", "a tenant without MFA logs straight in");
  return { t, api, calls, res };
}

