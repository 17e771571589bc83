// How often a call reads the token store: a custom store may be a network hop (Workers KV, a
// cookie jar behind an API), so each call reads it once, and again only after a refresh.
import { createOrchestrationTenant, orchestrationUrl } from "./orchestration-sandbox.mjs";

/** A store that counts its reads. */
function countingStore() {
  let pair = null;
  const reads = { accessToken: 0 };
  return {
    reads,
    save: async (p) => { pair = { ...p }; },
    clear: async () => { pair = null; },
    accessToken: async () => { reads.accessToken++; return pair?.access_token ?? null; },
    refreshToken: async () => pair?.refresh_token ?? null,
    isAuthenticated: async () => pair !== null,
  };
}

export const tests = [
  {
    name: "orchestration store: a call on a live session reads the token store once",
    fn: async (ctx) => {
      const { assert, sdk } = ctx;
      const t = await createOrchestrationTenant(ctx.sandboxUrl, { kycDelayMs: 30 });
      const store = countingStore();
      const api = new sdk.SeismicOrchestrationClient({ baseUrl: orchestrationUrl(ctx.sandboxUrl), tokenStore: store });
      await api.auth.login(t.email, t.password);
      store.reads.accessToken = 0;
      const me = await api.auth.me();
      assert.equal(me.user_id, t.userId);
      assert.equal(store.reads.accessToken, 1, "one read of the access token for one call");
      await api.orgs.get();
      assert.equal(store.reads.accessToken, 2, "and one more for the next call");
    },
  },
];
