// Static known-answer vectors, generated once in Node with tweetnacl 1.0.3
// (nacl.secretbox; envelope = base64(nonce || secretbox)) and cross-checked with PyNaCl
// (tests/node/interop.test.mjs re-derives them). Hard-coded so that every runtime checks the
// same bytes without needing a reference implementation.

/** key[i] = (7*i + 3) & 255 */
export const KAT_KEY_HEX = "030a11181f262d343b424950575e656c737a81888f969da4abb2b9c0c7ced5dc";
export const KAT_KEY_B64 = "AwoRGB8mLTQ7QklQV15lbHN6gYiPlp2kq7K5wMfO1dw=";
/** nonce[i] = 0xa0 + i */
export const KAT_NONCE_HEX = "a0a1a2a3a4a5a6a7a8a9aaabacadaeafb0b1b2b3b4b5b6b7";
export const KAT_TIMESTAMP_MICROS = 1763780400123456;

/**
 * Canonical plaintext: `request_timestamp` first (as in the API docs' example), then the
 * caller's fields in insertion order, compact JSON (what JSON.stringify and PyNaCl's
 * json.dumps(separators=(",", ":"), ensure_ascii=False) produce).
 */
export const KAT_SEAL = {
  payload: {
    amount: "25.00",
    card_id: "card_7f3a9c",
    currency: "USD",
    external_user_id: "ext-123",
    is_virtual: true,
    meta: { note: "café ✓", tier: 2 },
  },
  plaintext:
    '{"request_timestamp":1763780400123456,"amount":"25.00","card_id":"card_7f3a9c","currency":"USD","external_user_id":"ext-123","is_virtual":true,"meta":{"note":"café ✓","tier":2}}',
  encrypted:
    "oKGio6SlpqeoqaqrrK2ur7CxsrO0tba3xk6X+VS6+DEu5Q5xt7XpYLQbA7PTuXVxfaUbiqgjL4YkTS3mRNKLFzwmeryqQxcmR1C4YrMWq2L2n4JNPRc7PMwI4VuIl2/OIFHAmanxhjpGhr8ipUaX0vvNzUwYqwDzy942q/A9zc39N2f12nLTY7ypUuIpzdhNljZqUrWjAs/FS4FdqsjHzl/eocWf2lILKHE20xr4umaCE7LNMV5KXIcb8otbzzkDfQnyN/Dh+k+VXGdMD0mfs2IQg6HwWi/f+KUhHA==",
  /** Same fields with request_timestamp last: a different (equally valid) envelope; opens to the same object. */
  plaintextTimestampLast:
    '{"amount":"25.00","card_id":"card_7f3a9c","currency":"USD","external_user_id":"ext-123","is_virtual":true,"meta":{"note":"café ✓","tier":2},"request_timestamp":1763780400123456}',
  encryptedTimestampLast:
    "oKGio6SlpqeoqaqrrK2ur7CxsrO0tba3ja7ro9OfRf9SEebO5pVC77QbELvNuX52K8BN0fBobMJnDH+nH5HYfmZ1YLa8EEZlETy7MbZbsGC53NVAPEdze5BetkmClxa/BxKe35Pgln0Oyr0viFe7gO+hxRFZsw600N9p6KdgjJj9ZDb//1+DO+utRrR2y8RZn0U9TLWlPISbEpkRoMTWwVTO8YbVO5JYlZvMg0Kvr2PFW+SFdkZKXJgb958chjZ+Zw/rN6GvuUGEGJ7UGJ0wF3gMleWpDm/O9qJqHA==",
};

/** Opening KAT: nonce[i] = (13*i + 1) & 255; plaintext has whitespace, a string timestamp, a surrogate-pair escape. */
export const KAT_OPEN = {
  plaintext:
    '{ "request_timestamp": "1700000000000000", "user_id": "ext-123", "nested": {"a": [1, 2.5, null, true]}, "emoji": "\\ud83d\\ude80" }',
  encrypted:
    "AQ4bKDVCT1xpdoOQnaq3xNHe6/gFEh8s9OkEHuDicJbc2736rEZcXkCM370rk72d9IDsk2lCMKqt4XaW8IAc2cJBcERY2dFYnjm4pMcdW8kjMfQlG4W0j/P+QAxD79QeP9PfM8ksH3skj/IlfjfgI1+AQqhAGb+5HTXx3w70eucg/Gr+5Hg+gV7Gshivk0hQgKUGOnpjV2o0jXW7lg0O758PYkWjzgFNlw==",
  expected: {
    request_timestamp: "1700000000000000",
    user_id: "ext-123",
    nested: { a: [1, 2.5, null, true] },
    emoji: "\u{1F680}",
  },
};

/** Valid secretboxes (KAT key, nonce[i] = 255 - i) whose plaintexts are not a JSON object. */
export const BAD_PLAINTEXT = {
  /** "not json {" */
  nonJson: "//79/Pv6+fj39vX08/Lx8O/u7ezr6uno3/ADkYl2Q9DDCMqlrsrZ+NRkiOZw0y5ccCA=",
  /** bytes 7b 22 ff fe 22 7d: JSON-shaped but not UTF-8 */
  badUtf8: "//79/Pv6+fj39vX08/Lx8O/u7ezr6unoks588H8tmevOm5CInxNkmMEpAzg43Q==",
  /** "[1,2,3]": valid JSON, not an object */
  jsonArray: "//79/Pv6+fj39vX08/Lx8O/u7ezr6unoQLYnnPi1CPLrZRod8wIP7eE60PQ2kxw=",
  /** "42": valid JSON, not an object */
  jsonNumber: "//79/Pv6+fj39vX08/Lx8O/u7ezr6unoPA/W4Xx7N4kI1FO7T5RVXY45",
};

export function hexToBytes(hex) {
  const out = new Uint8Array(hex.length / 2);
  for (let i = 0; i < out.length; i++) out[i] = parseInt(hex.slice(2 * i, 2 * i + 2), 16);
  return out;
}

export function bytesToBase64(bytes) {
  let s = "";
  for (let i = 0; i < bytes.length; i++) s += String.fromCharCode(bytes[i]);
  return btoa(s);
}

export function base64ToBytes(b64) {
  const s = atob(b64);
  const out = new Uint8Array(s.length);
  for (let i = 0; i < s.length; i++) out[i] = s.charCodeAt(i);
  return out;
}

export function randomBytes(n) {
  const out = new Uint8Array(n);
  crypto.getRandomValues(out);
  return out;
}
