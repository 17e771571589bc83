// Browser-only: tweetnacl (window.nacl, loaded by <script>) interop in the page, and the wasm
// being fetched next to the module (new URL("seismic_sdk_bg.wasm", import.meta.url)).

function b64(bytes) {
  let s = "";
  for (const b of bytes) s += String.fromCharCode(b);
  return btoa(s);
}
function unb64(text) {
  return Uint8Array.from(atob(text), (c) => c.charCodeAt(0));
}

export const tests = [
  {
    name: "browser: wasm fetched from /pkg/ next to browser.js",
    fn: async ({ assert }) => {
      const wasm = performance.getEntriesByType("resource").filter((e) => /\.wasm(\?|$)/.test(e.name));
      assert.ok(wasm.length >= 1, `a .wasm resource was loaded (${wasm.map((e) => e.name).join(", ")})`);
      assert.ok(wasm.some((e) => new URL(e.name).pathname === "/pkg/seismic_sdk_bg.wasm"), `wasm URL: ${wasm.map((e) => e.name).join(", ")}`);
      assert.equal(wasm.length, 1, "instantiated once");
    },
  },
  {
    name: "browser: tweetnacl in the page opens envelopes sealed by us",
    fn: async ({ sdk, assert }) => {
      const nacl = globalThis.nacl;
      assert.ok(nacl && nacl.secretbox, "window.nacl loaded");
      const key = nacl.randomBytes(32);
      const payload = { external_user_id: "ext-br", amount: "9.99", note: "ünï ✓" };
      const { encrypted } = sdk.sealEnvelope(key, payload);
      const raw = unb64(encrypted);
      const pt = nacl.secretbox.open(raw.subarray(24), raw.subarray(0, 24), key);
      assert.ok(pt, "tweetnacl opened it");
      const obj = JSON.parse(new TextDecoder().decode(pt));
      const { request_timestamp, ...rest } = obj;
      assert.deepEqual(rest, payload);
      assert.ok(Number.isSafeInteger(request_timestamp));
    },
  },
  {
    name: "browser: we open envelopes sealed by tweetnacl in the page",
    fn: async ({ sdk, assert }) => {
      const nacl = globalThis.nacl;
      const key = nacl.randomBytes(32);
      const nonce = nacl.randomBytes(24);
      const obj = { card_id: "card_1", amount: "1.00", request_timestamp: Date.now() * 1000 };
      const box = nacl.secretbox(new TextEncoder().encode(JSON.stringify(obj)), nonce, key);
      const all = new Uint8Array(24 + box.length);
      all.set(nonce);
      all.set(box, 24);
      assert.deepEqual(sdk.openEnvelope(b64(key), { encrypted: b64(all) }), obj);
    },
  },
];
