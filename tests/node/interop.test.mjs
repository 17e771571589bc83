// Node-only interop: tweetnacl and PyNaCl open what we seal, and we open what they seal.
import nacl from "tweetnacl";
import { pynacl, INTEROP_PAYLOADS } from "../interop/pynacl.mjs";
import { KAT_KEY_HEX, KAT_KEY_B64, KAT_NONCE_HEX, KAT_SEAL, KAT_OPEN, BAD_PLAINTEXT } from "../shared/vectors.mjs";

const enc = new TextEncoder();
const dec = new TextDecoder("utf-8", { fatal: true });

function tweetSeal(key, plaintextBytes, nonce = nacl.randomBytes(24)) {
  const box = nacl.secretbox(plaintextBytes, nonce, key);
  return Buffer.concat([Buffer.from(nonce), Buffer.from(box)]).toString("base64");
}

function tweetOpen(key, encrypted) {
  const raw = new Uint8Array(Buffer.from(encrypted, "base64"));
  const pt = nacl.secretbox.open(raw.subarray(24), raw.subarray(0, 24), key);
  if (!pt) throw new Error("tweetnacl could not open the envelope");
  return dec.decode(pt);
}

export const tests = [
  {
    name: "node interop: static vectors re-derived with tweetnacl",
    fn: async ({ assert }) => {
      const key = new Uint8Array(Buffer.from(KAT_KEY_HEX, "hex"));
      assert.equal(Buffer.from(key).toString("base64"), KAT_KEY_B64, "key base64");
      const nonce = new Uint8Array(Buffer.from(KAT_NONCE_HEX, "hex"));
      assert.equal(tweetSeal(key, enc.encode(KAT_SEAL.plaintext), nonce), KAT_SEAL.encrypted, "KAT_SEAL");
      assert.equal(tweetSeal(key, enc.encode(KAT_SEAL.plaintextTimestampLast), nonce), KAT_SEAL.encryptedTimestampLast);
      assert.equal(tweetOpen(key, KAT_OPEN.encrypted), KAT_OPEN.plaintext, "KAT_OPEN");
      assert.deepEqual(JSON.parse(KAT_OPEN.plaintext), KAT_OPEN.expected);
      assert.equal(tweetOpen(key, BAD_PLAINTEXT.nonJson), "not json {");
    },
  },
  {
    name: "node interop: tweetnacl opens envelopes sealed by us",
    fn: async ({ sdk, assert }) => {
      for (const payload of INTEROP_PAYLOADS) {
        const key = nacl.randomBytes(32);
        const { encrypted } = sdk.sealEnvelope(key, payload);
        const text = tweetOpen(key, encrypted);
        const obj = JSON.parse(text);
        const { request_timestamp, ...rest } = obj;
        assert.deepEqual(rest, payload, "payload at the root");
        assert.ok(Number.isSafeInteger(request_timestamp), "integer request_timestamp");
        assert.ok(/^\{"request_timestamp":\d{16}[,}]/.test(text), `request_timestamp comes first, as a bare 16-digit integer: ${text.slice(0, 60)}`);
      }
    },
  },
  {
    name: "node interop: we open envelopes sealed by tweetnacl",
    fn: async ({ sdk, assert }) => {
      for (const payload of INTEROP_PAYLOADS) {
        const key = nacl.randomBytes(32);
        const obj = { ...payload, request_timestamp: Date.now() * 1000 };
        const encrypted = tweetSeal(key, enc.encode(JSON.stringify(obj)));
        assert.deepEqual(sdk.openEnvelope(key, { encrypted }), obj);
        assert.deepEqual(sdk.openEnvelope(Buffer.from(key).toString("hex"), encrypted), obj, "hex key");
      }
    },
  },
  {
    name: "node interop: static vectors re-derived with PyNaCl",
    fn: async ({ assert, node }) => {
      const keyB64 = KAT_KEY_B64;
      const nonceB64 = Buffer.from(KAT_NONCE_HEX, "hex").toString("base64");
      const [raw, sealed, opened] = await pynacl(
        [
          { op: "seal_raw", keyB64, nonceB64, plaintextB64: Buffer.from(KAT_SEAL.plaintext).toString("base64") },
          { op: "seal", keyB64, nonceB64, payload: KAT_SEAL.payload, timestampMicros: 1763780400123456 },
          { op: "open", keyB64, encrypted: KAT_OPEN.encrypted },
        ],
        node.python,
      );
      assert.equal(raw.encrypted, KAT_SEAL.encrypted, `PyNaCl seal_raw ${raw.error || ""}`);
      assert.equal(sealed.encrypted, KAT_SEAL.encrypted, "PyNaCl json.dumps gives the same canonical plaintext");
      assert.deepEqual(opened.payload, KAT_OPEN.expected, "PyNaCl opens KAT_OPEN");
    },
  },
  {
    name: "node interop: PyNaCl opens envelopes sealed by us",
    fn: async ({ sdk, assert, node }) => {
      const reqs = INTEROP_PAYLOADS.map((payload) => {
        const key = nacl.randomBytes(32);
        const keyB64 = Buffer.from(key).toString("base64");
        return { payload, req: { op: "open", keyB64, encrypted: sdk.sealEnvelope(key, payload).encrypted } };
      });
      const answers = await pynacl(reqs.map((r) => r.req), node.python);
      answers.forEach((a, i) => {
        assert.ok(!a.error, `PyNaCl: ${a.error}`);
        const { request_timestamp, ...rest } = a.payload;
        assert.deepEqual(rest, reqs[i].payload);
        assert.equal(typeof request_timestamp, "number", "int in Python");
      });
    },
  },
  {
    name: "node interop: we open envelopes sealed by PyNaCl (fresh)",
    fn: async ({ sdk, assert, node }) => {
      const keyB64 = Buffer.from(nacl.randomBytes(32)).toString("base64");
      const payload = { external_user_id: "py-1", amount: "3.10", currency: "USD" };
      const [a] = await pynacl([{ op: "seal", keyB64, payload }], node.python);
      assert.ok(!a.error, a.error);
      const opened = sdk.openEnvelope(keyB64, { encrypted: a.encrypted });
      assert.deepEqual(opened, JSON.parse(a.plaintext));
      assert.ok(Math.abs(opened.request_timestamp - Date.now() * 1000) < 60e6, "PyNaCl timestamp is µs");
    },
  },
];
