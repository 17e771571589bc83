// free(): every wasm-bindgen class has it (and `using` calls it through [Symbol.dispose]).
// A freed object must fail with a typed error of ours, not wasm-bindgen's bare
// "null pointer passed to rust", and freeing one client must leave the others working.

/** Each class: how to make one (nothing is sent), and a member that enters the module. */
function makers(sdk, baseUrl) {
  return [
    ["EnvelopeClient", () => new sdk.EnvelopeClient({ baseUrl, apiKey: "k", encryptionKey: new Uint8Array(32), dangerouslyAllowBrowser: true }), (c) => c.cards],
    ["StoredValueClient", () => new sdk.StoredValueClient({ baseUrl, apiKey: "k", dangerouslyAllowBrowser: true }), (c) => c.giftCards],
    ["SeismicCardsClient", () => new sdk.SeismicCardsClient({ baseUrl, clientId: "i", clientSecret: "s", dangerouslyAllowBrowser: true }), (c) => c.accounts],
    ["SeismicOrchestrationClient", () => new sdk.SeismicOrchestrationClient({ baseUrl }), (c) => c.customers],
    ["BuiltinTokenStore", () => sdk.memoryTokenStore(), (s) => s.accessToken()],
  ];
}

export const tests = [
  {
    name: "lifecycle: an object used after free() throws ValidationError (field this) naming its class; others keep working",
    fn: async ({ assert, sdk, sandboxUrl }) => {
      for (const [name, make, use] of makers(sdk, sandboxUrl)) {
        const live = make();
        const freed = make();
        use(freed); // usable before
        freed.free();
        let thrown;
        try {
          use(freed);
        } catch (e) {
          thrown = e;
        }
        assert.ok(thrown instanceof sdk.ValidationError, `${name}: a ValidationError after free(), got ${thrown}`);
        assert.ok(thrown instanceof sdk.SeismicError, `${name}: a SeismicError`);
        assert.equal(thrown.field, "this", `${name}: field`);
        assert.ok(thrown.message.includes(name) && thrown.message.includes("freed"), `${name}: message says what happened: ${thrown.message}`);
        use(live); // the other instance is untouched
      }
    },
  },
];
