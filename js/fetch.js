// One HTTP attempt for the wasm transport, in JS because every step is a JS object: one
// AbortController per attempt fed by one timer and the caller's signal (AbortSignal.timeout
// and AbortSignal.any cost tens of microseconds each in Node), one race that holds even over
// a custom fetch ignoring its signal, and the body handed back both as the engine's string
// (for JSON.parse) and as UTF-8 bytes (one native copy into wasm).

const ENCODER = new TextEncoder();

/**
 * @internal Used by the wasm module. Resolves to [status, text, utf8Bytes, ...headerValues]
 * for `headerNames`; rejects with { kind: "aborted" | "timeout" | "network", message }.
 */
export async function sendOnce(fetchFn, url, method, headers, body, signal, timeoutMs, headerNames) {
  if (signal && signal.aborted) throw { kind: "aborted", message: "aborted" };
  const ctl = new AbortController();
  let timedOut = false;
  const timer = setTimeout(() => {
    timedOut = true;
    ctl.abort();
  }, timeoutMs);
  const onAbort = () => ctl.abort();
  if (signal) signal.addEventListener("abort", onAbort, { once: true });
  const init = { method, headers, signal: ctl.signal };
  if (body !== undefined) init.body = body;
  try {
    let res, text;
    if (fetchFn) {
      // A custom fetch may ignore its signal: race it, so the timeout and abort still hold.
      const work = (async () => {
        const r = await fetchFn(url, init);
        return [r, await r.text()];
      })();
      [res, text] = await new Promise((resolve, reject) => {
        ctl.signal.addEventListener("abort", () => reject(ctl.signal.reason), { once: true });
        work.then(resolve, reject);
      });
    } else {
      // The platform fetch honours the signal, body reading included. It is called as a bare
      // identifier: a detached one throws "Illegal invocation" in Workers.
      res = await fetch(url, init);
      text = await res.text();
    }
    const out = [res.status, text, ENCODER.encode(text)];
    for (const name of headerNames) out.push(res.headers.get(name));
    return out;
  } catch (e) {
    if (signal && signal.aborted) throw { kind: "aborted", message: "aborted" };
    if (timedOut) throw { kind: "timeout", message: "timeout" };
    throw { kind: "network", message: (e && e.message) || String(e) };
  } finally {
    clearTimeout(timer);
    if (signal) signal.removeEventListener("abort", onAbort);
  }
}
