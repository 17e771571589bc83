// sealEnvelope / openEnvelope: round trips, known answers, key forms, every input error.
import {
  KAT_KEY_HEX,
  KAT_KEY_B64,
  KAT_NONCE_HEX,
  KAT_TIMESTAMP_MICROS,
  KAT_SEAL,
  KAT_OPEN,
  BAD_PLAINTEXT,
  hexToBytes,
  bytesToBase64,
  base64ToBytes,
  randomBytes,
} from "./vectors.mjs";

const ENVELOPE_CODES = [
  "invalid_key",
  "invalid_payload",
  "invalid_base64",
  "ciphertext_too_short",
  "decryption_failed",
  "invalid_plaintext",
];

/** Checks the full error contract of an EnvelopeError with the given code. */
function envelopeError(sdk, assert, code) {
  return (e) => {
    assert.ok(e instanceof Error, `not an Error: ${assert.show(e)}`);
    assert.ok(e instanceof sdk.SeismicError, `not a SeismicError: ${assert.show(e)}`);
    assert.ok(e instanceof sdk.EnvelopeError, `not an EnvelopeError: ${assert.show(e)}`);
    assert.equal(e.name, "EnvelopeError", "error.name");
    assert.equal(e.code, code, `error.code (message: ${e.message})`);
    assert.ok(typeof e.message === "string" && e.message.length > 0, "error.message must be non-empty");
    assert.ok(sdk.isSeismicError(e), "isSeismicError(e)");
    return true;
  };
}

function nowMicros() {
  return Date.now() * 1000;
}

export const tests = [
  {
    name: "envelope: exports exist",
    fn: async ({ sdk, assert }) => {
      for (const name of [
        "sealEnvelope",
        "openEnvelope",
        "EnvelopeClient",
        "SeismicError",
        "ValidationError",
        "EnvelopeError",
        "NetworkError",
        "TimeoutError",
        "AbortError",
        "EnvelopeApiError",
        "isSeismicError",
      ]) {
        assert.equal(typeof sdk[name], "function", `export ${name}`);
      }
    },
  },
  {
    name: "envelope: error classes form a hierarchy with names",
    fn: async ({ sdk, assert }) => {
      assert.ok(sdk.SeismicError.prototype instanceof Error, "SeismicError extends Error");
      for (const name of ["ValidationError", "EnvelopeError", "NetworkError", "TimeoutError", "AbortError", "EnvelopeApiError"]) {
        assert.ok(sdk[name].prototype instanceof sdk.SeismicError, `${name} extends SeismicError`);
      }
      assert.equal(sdk.isSeismicError(new Error("x")), false, "isSeismicError(plain Error)");
      assert.equal(sdk.isSeismicError(null), false, "isSeismicError(null)");
      assert.equal(sdk.isSeismicError({ name: "EnvelopeError", code: "invalid_key" }), false, "isSeismicError(lookalike)");
    },
  },
  {
    name: "envelope: seal/open round trip (random key)",
    fn: async ({ sdk, assert }) => {
      const key = randomBytes(32);
      const payload = {
        external_user_id: "ext-123",
        amount: "10.00",
        currency: "USD",
        nested: { list: [1, "two", null, true, { x: -3.25 }], empty: {} },
        unicode: "Grüße 🚀 \u0000 \u2028",
      };
      const before = nowMicros();
      const body = sdk.sealEnvelope(key, payload);
      const after = nowMicros();
      assert.deepEqual(Object.keys(body), ["encrypted"], "seal returns exactly { encrypted }");
      assert.match(body.encrypted, /^[A-Za-z0-9+/]+={0,2}$/, "encrypted is standard base64");
      const raw = base64ToBytes(body.encrypted);
      assert.equal(raw.length, 24 + 16 + new TextEncoder().encode(JSON.stringify({ ...payload, request_timestamp: before })).length, "nonce||tag||plaintext length");
      const opened = sdk.openEnvelope(key, body);
      const ts = opened.request_timestamp;
      assert.equal(typeof ts, "number", "request_timestamp is a JSON integer");
      assert.ok(Number.isSafeInteger(ts), `request_timestamp integer: ${ts}`);
      assert.ok(ts >= before - 5_000_000 && ts <= after + 5_000_000, `request_timestamp ${ts} is µs near now ${before}`);
      const { request_timestamp, ...rest } = opened;
      assert.deepEqual(rest, payload, "payload fields stay at the root, unchanged");
      assert.equal("data" in opened, false, "never wrapped in data");
      // the caller's object is not mutated
      assert.equal("request_timestamp" in payload, false, "input payload not mutated");
      // string body form
      assert.deepEqual(sdk.openEnvelope(key, body.encrypted), opened, "openEnvelope accepts the bare string");
    },
  },
  {
    name: "envelope: fresh random nonce per seal",
    fn: async ({ sdk, assert }) => {
      const key = randomBytes(32);
      const seen = new Set();
      for (let i = 0; i < 20; i++) {
        const enc = sdk.sealEnvelope(key, { i }, { timestampMicros: KAT_TIMESTAMP_MICROS }).encrypted;
        seen.add(bytesToBase64(base64ToBytes(enc).slice(0, 24)));
      }
      assert.equal(seen.size, 20, "20 seals produce 20 distinct nonces");
    },
  },
  {
    name: "envelope: known-answer seal (fixed key, nonce, timestamp)",
    fn: async ({ sdk, assert }) => {
      const nonce = hexToBytes(KAT_NONCE_HEX);
      const body = sdk.sealEnvelope(KAT_KEY_HEX, KAT_SEAL.payload, { nonce, timestampMicros: KAT_TIMESTAMP_MICROS });
      assert.equal(body.encrypted, KAT_SEAL.encrypted, `KAT mismatch (expected plaintext ${KAT_SEAL.plaintext})`);
      const big = sdk.sealEnvelope(KAT_KEY_B64, KAT_SEAL.payload, { nonce, timestampMicros: BigInt(KAT_TIMESTAMP_MICROS) });
      assert.equal(big.encrypted, KAT_SEAL.encrypted, "timestampMicros as bigint gives the same bytes");
      assert.deepEqual(Array.from(nonce), Array.from(hexToBytes(KAT_NONCE_HEX)), "nonce option not mutated");
    },
  },
  {
    name: "envelope: known-answer open",
    fn: async ({ sdk, assert }) => {
      assert.deepEqual(sdk.openEnvelope(KAT_KEY_HEX, { encrypted: KAT_OPEN.encrypted }), KAT_OPEN.expected);
      assert.deepEqual(sdk.openEnvelope(KAT_KEY_HEX, { encrypted: KAT_SEAL.encrypted }), {
        ...KAT_SEAL.payload,
        request_timestamp: KAT_TIMESTAMP_MICROS,
      });
      // Both key orders open to the same object.
      assert.deepEqual(
        sdk.openEnvelope(KAT_KEY_HEX, KAT_SEAL.encryptedTimestampLast),
        sdk.openEnvelope(KAT_KEY_HEX, KAT_SEAL.encrypted),
      );
    },
  },
  {
    name: "envelope: key as Uint8Array, base64 and hex are equivalent",
    fn: async ({ sdk, assert }) => {
      const nonce = hexToBytes(KAT_NONCE_HEX);
      const opts = { nonce, timestampMicros: KAT_TIMESTAMP_MICROS };
      const forms = {
        bytes: hexToBytes(KAT_KEY_HEX),
        base64: KAT_KEY_B64,
        hexLower: KAT_KEY_HEX,
        hexUpper: KAT_KEY_HEX.toUpperCase(),
      };
      for (const [label, key] of Object.entries(forms)) {
        assert.equal(sdk.sealEnvelope(key, KAT_SEAL.payload, opts).encrypted, KAT_SEAL.encrypted, `seal with key as ${label}`);
        assert.deepEqual(sdk.openEnvelope(key, KAT_OPEN.encrypted), KAT_OPEN.expected, `open with key as ${label}`);
      }
      // a subarray view (non-zero byteOffset) must be honoured
      const padded = new Uint8Array(40);
      padded.set(hexToBytes(KAT_KEY_HEX), 5);
      assert.equal(sdk.sealEnvelope(padded.subarray(5, 37), KAT_SEAL.payload, opts).encrypted, KAT_SEAL.encrypted, "key as subarray view");
    },
  },
  {
    name: "envelope: invalid keys -> EnvelopeError invalid_key",
    fn: async ({ sdk, assert }) => {
      const check = envelopeError(sdk, assert, "invalid_key");
      const bad = {
        "31 bytes": new Uint8Array(31),
        "33 bytes": new Uint8Array(33),
        "empty bytes": new Uint8Array(0),
        "empty string": "",
        "base64 of 16 bytes": bytesToBase64(new Uint8Array(16)),
        "base64 of 33 bytes": bytesToBase64(new Uint8Array(33)),
        "63 hex chars": KAT_KEY_HEX.slice(0, 63),
        "66 hex chars": KAT_KEY_HEX + "00",
        "64 chars non-hex": "z".repeat(64),
        "garbage": "not a key!",
      };
      for (const [label, key] of Object.entries(bad)) {
        assert.throws(() => sdk.sealEnvelope(key, { a: 1 }), check, `seal with key ${label}`);
        assert.throws(() => sdk.openEnvelope(key, KAT_OPEN.encrypted), check, `open with key ${label}`);
      }
    },
  },
  {
    name: "envelope: invalid payloads -> EnvelopeError invalid_payload",
    fn: async ({ sdk, assert }) => {
      const check = envelopeError(sdk, assert, "invalid_payload");
      const circular = { a: 1 };
      circular.self = circular;
      const deepCircular = { a: { b: { c: {} } } };
      deepCircular.a.b.c.back = deepCircular.a;
      const bad = {
        array: [1, 2, 3],
        string: "hello",
        number: 42,
        boolean: true,
        null: null,
        undefined: undefined,
        circular,
        "nested circular": deepCircular,
        Date: new Date(0),
        "own request_timestamp (the SDK sets it)": { request_timestamp: 1700000000000000, a: 1 },
      };
      for (const [label, payload] of Object.entries(bad)) {
        assert.throws(() => sdk.sealEnvelope(KAT_KEY_HEX, payload), check, `payload ${label}`);
      }
      // The instance survives all of that (no wasm panic/abort): a normal seal still works.
      const ok = sdk.sealEnvelope(KAT_KEY_HEX, { fine: true });
      assert.equal(sdk.openEnvelope(KAT_KEY_HEX, ok).fine, true, "instance still usable after errors");
    },
  },
  {
    name: "envelope: invalid seal options (nonce length)",
    fn: async ({ sdk, assert }) => {
      for (const n of [0, 23, 25, 32]) {
        assert.throws(
          () => sdk.sealEnvelope(KAT_KEY_HEX, { a: 1 }, { nonce: new Uint8Array(n) }),
          (e) => e instanceof sdk.SeismicError,
          `nonce of ${n} bytes must be rejected with a SeismicError`,
        );
      }
    },
  },
  {
    name: "envelope: bad base64 -> invalid_base64",
    fn: async ({ sdk, assert }) => {
      const check = envelopeError(sdk, assert, "invalid_base64");
      for (const s of ["!!!not base64!!!", "abc$def", "Zm9v\u00e9YmFy"]) {
        assert.throws(() => sdk.openEnvelope(KAT_KEY_HEX, { encrypted: s }), check, `encrypted ${JSON.stringify(s)}`);
      }
    },
  },
  {
    name: "envelope: short ciphertext -> ciphertext_too_short",
    fn: async ({ sdk, assert }) => {
      const check = envelopeError(sdk, assert, "ciphertext_too_short");
      for (const n of [0, 1, 24, 39]) {
        assert.throws(
          () => sdk.openEnvelope(KAT_KEY_HEX, { encrypted: bytesToBase64(randomBytes(n)) }),
          check,
          `${n} bytes (nonce 24 + tag 16 = 40 is the minimum)`,
        );
      }
    },
  },
  {
    name: "envelope: tampering and wrong key -> decryption_failed",
    fn: async ({ sdk, assert }) => {
      const check = envelopeError(sdk, assert, "decryption_failed");
      const raw = base64ToBytes(KAT_OPEN.encrypted);
      for (const idx of [0, 23, 24, 39, 40, raw.length - 1]) {
        const t = raw.slice();
        t[idx] ^= 0x01;
        assert.throws(() => sdk.openEnvelope(KAT_KEY_HEX, { encrypted: bytesToBase64(t) }), check, `flipped byte ${idx}`);
      }
      assert.throws(() => sdk.openEnvelope(randomBytes(32), { encrypted: KAT_OPEN.encrypted }), check, "wrong key");
      // exactly 40 bytes: empty plaintext slot, random tag
      assert.throws(() => sdk.openEnvelope(KAT_KEY_HEX, bytesToBase64(randomBytes(40))), check, "40 random bytes");
    },
  },
  {
    name: "envelope: non-JSON-object plaintext -> invalid_plaintext",
    fn: async ({ sdk, assert }) => {
      const check = envelopeError(sdk, assert, "invalid_plaintext");
      assert.throws(() => sdk.openEnvelope(KAT_KEY_HEX, BAD_PLAINTEXT.nonJson), check, "not JSON");
      assert.throws(() => sdk.openEnvelope(KAT_KEY_HEX, BAD_PLAINTEXT.badUtf8), check, "invalid UTF-8");
      assert.throws(() => sdk.openEnvelope(KAT_KEY_HEX, BAD_PLAINTEXT.jsonArray), check, "JSON array");
      assert.throws(() => sdk.openEnvelope(KAT_KEY_HEX, BAD_PLAINTEXT.jsonNumber), check, "JSON number");
    },
  },
  {
    name: "envelope: error codes are from the documented set",
    fn: async ({ sdk, assert }) => {
      const samples = [
        () => sdk.sealEnvelope("x", {}),
        () => sdk.sealEnvelope(KAT_KEY_HEX, []),
        () => sdk.openEnvelope(KAT_KEY_HEX, "%%%"),
        () => sdk.openEnvelope(KAT_KEY_HEX, "AAAA"),
      ];
      for (const f of samples) {
        const e = assert.throws(f, sdk.EnvelopeError);
        assert.ok(ENVELOPE_CODES.includes(e.code), `code ${e.code} documented`);
        assert.ok(typeof e.stack === "string", "has a stack");
      }
    },
  },
  {
    name: "envelope: large payload (~1 MB) round trip",
    fn: async ({ sdk, assert }) => {
      const key = randomBytes(32);
      const items = [];
      for (let i = 0; i < 8000; i++) items.push({ id: `card_${i}`, amount: `${i}.00`, memo: "x".repeat(100) });
      const payload = { items };
      const body = sdk.sealEnvelope(key, payload);
      assert.ok(body.encrypted.length > 1_000_000, `envelope size ${body.encrypted.length}`);
      const opened = sdk.openEnvelope(key, body);
      assert.equal(opened.items.length, 8000);
      assert.deepEqual(opened.items[7999], items[7999]);
    },
  },
];
