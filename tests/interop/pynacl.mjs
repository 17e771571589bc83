// Node-side bridge to tests/interop/pynacl_envelope.py (python from SEISMIC_PYTHON).
import { spawn } from "node:child_process";
import { fileURLToPath } from "node:url";
import { randomBytes } from "node:crypto";

export const PYNACL_SCRIPT = fileURLToPath(new URL("./pynacl_envelope.py", import.meta.url));

export function pythonPath() {
  return process.env.SEISMIC_PYTHON || "python3";
}

/** Sends one request object (or an array of them) to the PyNaCl script; resolves with its JSON answer. */
export function pynacl(request, python = pythonPath()) {
  return new Promise((resolve, reject) => {
    const child = spawn(python, [PYNACL_SCRIPT], { stdio: ["pipe", "pipe", "pipe"] });
    let out = "";
    let err = "";
    child.stdout.setEncoding("utf8").on("data", (d) => (out += d));
    child.stderr.setEncoding("utf8").on("data", (d) => (err += d));
    child.on("error", (e) => reject(new Error(`cannot start ${python}: ${e.message}`)));
    child.on("close", (code) => {
      if (code !== 0) return reject(new Error(`${python} ${PYNACL_SCRIPT} exited ${code}: ${err.trim().slice(-800)}`));
      try {
        resolve(JSON.parse(out));
      } catch (e) {
        reject(new Error(`PyNaCl script printed non-JSON: ${out.slice(0, 300)} ${err.slice(0, 300)}`));
      }
    });
    child.stdin.end(JSON.stringify(request));
  });
}

export const INTEROP_PAYLOADS = [
  { external_user_id: "ext-123", amount: "10.00", currency: "USD" },
  { card_id: "card_9f8e", amount: "1234.56", nested: { tags: ["a", "b"], ok: true, n: null, pi: 3.5 } },
  { note: "Grüße, ünïcødé ✓ 🚀 \u2028 \"quoted\" \\ back", empty: {}, list: [] },
  { big: "x".repeat(70000), count: 123456789 },
];

/**
 * Envelopes sealed by PyNaCl with random keys, for every runtime's interop suite:
 * { pynacl: [{ keyB64, payload, plaintext, encrypted }], version } or { error }.
 */
export async function makePynaclVectors(python = pythonPath()) {
  try {
    const reqs = INTEROP_PAYLOADS.map((payload) => ({ op: "seal", keyB64: randomBytes(32).toString("base64"), payload }));
    const answers = await pynacl([{ op: "version" }, ...reqs], python);
    const [version, ...sealed] = answers;
    const vectors = sealed.map((a, i) => {
      if (a.error) throw new Error(`PyNaCl seal failed: ${a.error}`);
      return { keyB64: reqs[i].keyB64, payload: reqs[i].payload, plaintext: a.plaintext, encrypted: a.encrypted };
    });
    if (version.error) throw new Error(version.error);
    return { pynacl: vectors, version: version.pynacl };
  } catch (e) {
    return { error: `PyNaCl vectors unavailable (${python}): ${e.message}` };
  }
}
