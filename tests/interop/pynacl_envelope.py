#!/usr/bin/env python3
"""PyNaCl reference for the encrypted envelope (base64(nonce || secretbox(json))).

Reads one JSON request (or a JSON list of requests) on stdin and writes the answer(s) as JSON:
  {"op": "seal", "keyB64": ..., "payload": {...}, "timestampMicros"?: int, "nonceB64"?: ...}
      -> {"encrypted": ..., "plaintext": ...}   (adds request_timestamp first at the root unless present)
  {"op": "seal_raw", "keyB64": ..., "plaintextB64": ..., "nonceB64"?: ...} -> {"encrypted": ...}
  {"op": "open", "keyB64": ..., "encrypted": ...} -> {"payload": {...}}
  {"op": "version"} -> {"pynacl": "x.y.z"}
Errors are reported per request as {"error": "..."}; the exit code is 0 unless stdin is not JSON.
"""
import base64
import json
import sys
import time

import nacl
import nacl.secret
import nacl.utils


def _box(req):
    return nacl.secret.SecretBox(base64.b64decode(req["keyB64"], validate=True))


def _seal_bytes(req, plaintext):
    box = _box(req)
    if req.get("nonceB64"):
        msg = box.encrypt(plaintext, base64.b64decode(req["nonceB64"], validate=True))
    else:
        msg = box.encrypt(plaintext)  # random 24-byte nonce, returned as nonce || ciphertext
    return base64.b64encode(bytes(msg)).decode("ascii")


def handle(req):
    op = req.get("op")
    if op == "version":
        return {"pynacl": nacl.__version__}
    if op == "seal":
        payload = dict(req["payload"])
        if "request_timestamp" not in payload:
            ts = req.get("timestampMicros")
            ts = int(ts) if ts is not None else time.time_ns() // 1000
            payload = {"request_timestamp": ts, **payload}  # first, as in the API docs
        plaintext = json.dumps(payload, separators=(",", ":"), ensure_ascii=False)
        return {"encrypted": _seal_bytes(req, plaintext.encode("utf-8")), "plaintext": plaintext}
    if op == "seal_raw":
        return {"encrypted": _seal_bytes(req, base64.b64decode(req["plaintextB64"], validate=True))}
    if op == "open":
        raw = base64.b64decode(req["encrypted"], validate=True)
        plaintext = _box(req).decrypt(raw)  # splits the 24-byte nonce prefix itself
        return {"payload": json.loads(plaintext.decode("utf-8"))}
    raise ValueError(f"unknown op {op!r}")


def safe(req):
    try:
        return handle(req)
    except Exception as e:  # noqa: BLE001 - report every failure to the caller
        return {"error": f"{type(e).__name__}: {e}"}


def main():
    data = json.load(sys.stdin)
    out = [safe(r) for r in data] if isinstance(data, list) else safe(data)
    json.dump(out, sys.stdout, ensure_ascii=False)
    sys.stdout.write("\n")


if __name__ == "__main__":
    main()
