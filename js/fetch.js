// One HTTP attempt for the wasm transport, in JS because every step is a JS object: one race
// that holds even over a custom fetch ignoring its signal, and the body handed back both as the
// engine's string (for JSON.parse) and once more, with the response headers wasm reads, for
// the copy into wasm: each crossing of the boundary costs more than the work.
//
// Timeouts without a caller signal share one AbortController per deadline slot: in Node an
// AbortSignal is a JS EventTarget (~5 µs to make) and undici spends ~20 µs more on each new
// signal, more than the rest of a call costs. A slot's deadline is at least `timeoutMs` after
// every attempt that uses it and at most 1/64 of it (+1 ms) later. Only Node shares: browsers
// make native signals cheaply, and in Cloudflare Workers a timer belongs to the request that
// set it, so a later request must not depend on it (Workers may expose `process` with
// nodejs_compat, and `navigator` only with global_navigator: both marks are checked). So do
// attempts with a caller's signal or a custom fetch.

const ENCODER = new TextEncoder();
// Under EventTarget's default limit of 10 listeners (undici adds one per request it sends).
const SLOT_USES = 8;
const IN_WORKERS =
  globalThis.navigator?.userAgent === "Cloudflare-Workers" || typeof globalThis.WebSocketPair === "function";
const PER_ATTEMPT = IN_WORKERS || typeof globalThis.process?.versions?.node !== "string";
const slots = new Map(); // timeoutMs → the slot new attempts join

function join(timeoutMs) {
  const now = Date.now();
  const grain = Math.ceil(timeoutMs / 64) || 1;
  const deadline = Math.ceil((now + timeoutMs) / grain) * grain;
  let s = slots.get(timeoutMs);
  if (!s || s.deadline !== deadline || s.uses >= SLOT_USES) {
    if (s) retire(s, timeoutMs);
    const ctl = new AbortController();
    s = { ctl, signal: ctl.signal, deadline, uses: 0, pending: 0, fired: false, timer: undefined };
    const slot = s;
    s.timer = setTimeout(() => {
      slot.fired = true;
      if (slots.get(timeoutMs) === slot) slots.delete(timeoutMs);
      slot.ctl.abort();
    }, deadline - now);
    // Node: an idle slot must not keep the process alive.
    s.timer?.unref?.();
    slots.set(timeoutMs, s);
  }
  s.uses++;
  s.pending++;
  return s;
}

function retire(s, timeoutMs) {
  if (slots.get(timeoutMs) === s) slots.delete(timeoutMs);
  s.retired = true;
  if (s.pending === 0) clearTimeout(s.timer);
}

function leave(s) {
  s.pending--;
  if (s.pending === 0 && s.retired) clearTimeout(s.timer);
}

// A controller for this attempt alone: fed by the caller's signal and its own timer.
function own(signal, timeoutMs) {
  const ctl = new AbortController();
  const s = { own: true, ctl, signal: ctl.signal, fired: false, timer: undefined, onAbort: () => ctl.abort() };
  s.timer = setTimeout(() => {
    s.fired = true;
    ctl.abort();
  }, timeoutMs);
  if (signal) signal.addEventListener("abort", s.onAbort, { once: true });
  return s;
}

// In Node, requests go out on node:http(s) with a keep-alive agent: Node's fetch (undici) spends
// about 300 µs more CPU per request, more than twice the rest of a call (the Stripe SDK made the
// same choice). Only while fetch is Node's own and undici's global dispatcher is the default one
// it installs: a mock, tracing wrapper, proxy or MockAgent put in either place is honoured by
// going through fetch, as are runtimes that only look like Node (Workers, Deno, Bun).
const DISPATCHER = Symbol.for("undici.globalDispatcher.1");
const WIRE = nodeWire();

function nodeWire() {
  const p = globalThis.process;
  const v = p?.versions;
  if (IN_WORKERS || typeof v?.node !== "string" || v.bun || v.deno || typeof p.getBuiltinModule !== "function") return null;
  // Node ≥ 24 may route fetch through env proxies; node:http would not.
  if (p.env?.NODE_USE_ENV_PROXY) return null;
  const nodeFetch = globalThis.fetch;
  let source = "";
  try {
    source = Function.prototype.toString.call(nodeFetch);
  } catch {}
  if (!source.includes("require('internal/deps/undici/undici')")) return null;
  // Set before this module ran: maybe by the app, and nothing tells it from Node's default.
  if (globalThis[DISPATCHER] !== undefined) return null;
  // Node loads its undici with these classes, and undici installs its default dispatcher.
  void globalThis.Response;
  const dispatcher = globalThis[DISPATCHER];
  if (dispatcher === undefined) return null;
  const http = p.getBuiltinModule("node:http");
  const https = p.getBuiltinModule("node:https");
  // Idle sockets close after 4 s like undici's (sooner when the server's Keep-Alive asks) and
  // never hold the process open.
  const agents = { http: new http.Agent({ keepAlive: true, timeout: 4000 }), https: new https.Agent({ keepAlive: true, timeout: 4000 }) };
  return {
    usable: (url) =>
      globalThis.fetch === nodeFetch && globalThis[DISPATCHER] === dispatcher && (url.startsWith("http:") || url.startsWith("https:")),
    send: (method, url, fields, body, signal, timeoutMs, headerNames, maxBytes) =>
      new Promise((resolve, reject) => {
        // A copy: the additions below are this wire's own.
        const headers = { ...fields };
        const secure = url.startsWith("https:");
        let req, timer, settled = false;
        const settle = (fn, v) => {
          if (settled) return;
          settled = true;
          clearTimeout(timer);
          if (signal) signal.removeEventListener("abort", onAbort);
          fn(v);
        };
        const fail = (e) => settle(reject, e);
        const onAbort = () => {
          fail({ kind: "aborted", message: "aborted" });
          req?.destroy();
        };
        // What fetch would add, so servers see the same request either way.
        let type = false, accept = false, agent = false;
        for (const name in headers) {
          const n = name.toLowerCase();
          type ||= n === "content-type";
          accept ||= n === "accept";
          agent ||= n === "user-agent";
        }
        if (!accept) headers.accept = "*/*";
        if (!agent) headers["user-agent"] = "node";
        if (body !== undefined) {
          if (!type) headers["content-type"] = "text/plain;charset=UTF-8";
          headers["content-length"] = Buffer.byteLength(body);
        }
        try {
          req = (secure ? https : http).request(url, { method, headers, agent: secure ? agents.https : agents.http });
        } catch (e) {
          return fail(networkError(e, fields));
        }
        timer = setTimeout(() => {
          fail({ kind: "timeout", message: "timeout" });
          req.destroy();
        }, timeoutMs);
        if (signal) signal.addEventListener("abort", onAbort, { once: true });
        req.on("error", (e) => fail(networkError(e, fields)));
        req.on("response", (res) => {
          // Redirects are answers like any other: the transport's policy decides (never
          // followed here, so credentials never leave the configured origin on this wire).
          const status = res.statusCode;
          const tooLarge = () => {
            fail(tooLargeError(maxBytes));
            req.destroy();
          };
          if (Number(res.headers["content-length"]) > maxBytes) return tooLarge();
          const chunks = [];
          let size = 0;
          res.on("data", (chunk) => {
            size += chunk.length;
            // Stopped while streaming: nothing past the limit is kept or copied into wasm.
            if (size > maxBytes) return tooLarge();
            chunks.push(chunk);
          });
          res.on("error", (e) => fail(networkError(e, fields)));
          res.on("close", () => fail({ kind: "network", message: "the connection closed before the answer ended" }));
          res.on("end", () => {
            let text = chunks.length === 1 ? chunks[0].toString("utf8") : Buffer.concat(chunks, size).toString("utf8");
            // fetch's text() drops a byte order mark.
            if (text.charCodeAt(0) === 0xfeff) text = text.slice(1);
            settle(resolve, answer(status, text, (name) => res.headers[name], headerNames));
          });
        });
        req.end(body);
      }),
  };
}

/**
 * @internal Used by the wasm module, which learns the outcome from `settle(id, ok, value)`
 * (see src/transport/settle.rs). `spec` is `method\nurl(\nname\nvalue)*`. Settles with
 * [status, text, tail]: tail is text + "\n" + value for each of `headerNames` ("" when
 * missing, and for all but the first on a 2xx answer), as UTF-8 bytes when long; or fails
 * with { kind: "aborted" | "timeout" | "network", message }.
 */
export function sendOnce(settle, id, fetchFn, spec, body, signal, timeoutMs, headerNames, maxBytes) {
  attempt(fetchFn, spec, body, signal, timeoutMs, headerNames, maxBytes).then(
    (out) => settle(id, true, out),
    (e) => settle(id, false, e),
  );
}

async function attempt(fetchFn, spec, body, signal, timeoutMs, headerNames, maxBytes) {
  if (signal && signal.aborted) throw { kind: "aborted", message: "aborted" };
  const parts = spec.split("\n");
  const headers = {};
  for (let i = 2; i < parts.length; i += 2) headers[parts[i]] = parts[i + 1];
  const url = parts[1];
  if (!fetchFn && WIRE && WIRE.usable(url)) {
    return WIRE.send(parts[0], url, headers, body, signal, timeoutMs, headerNames, maxBytes);
  }
  // A custom fetch is raced against its own controller: a shared one would gather a
  // listener per attempt in flight.
  const s = signal || fetchFn || PER_ATTEMPT ? own(signal, timeoutMs) : join(timeoutMs);
  // "manual": a redirect comes back as an answer for the transport's policy to judge (a
  // browser hides it as an opaque redirect), never followed with the credentials on it.
  const init = { method: parts[0], headers, signal: s.signal, redirect: "manual" };
  if (body !== undefined) init.body = body;
  let onAbort;
  try {
    let res, text;
    if (fetchFn) {
      // A custom fetch may ignore its signal: race it, so the timeout and abort still hold.
      const work = (async () => {
        const r = await fetchFn(url, init);
        return [r, await readText(r, maxBytes)];
      })();
      [res, text] = await new Promise((resolve, reject) => {
        onAbort = () => reject(s.signal.reason);
        s.signal.addEventListener("abort", onAbort, { once: true });
        work.then(resolve, reject);
      });
    } else {
      // The platform fetch honours the signal, body reading included. It is called as a bare
      // identifier: a detached one throws "Illegal invocation" in Workers.
      res = await fetch(url, init);
      text = await readText(res, maxBytes);
    }
    followed(res);
    const h = res.headers;
    return answer(res.status, text, (name) => h.get(name), headerNames);
  } catch (e) {
    if (signal && signal.aborted) throw { kind: "aborted", message: "aborted" };
    if (s.fired) throw { kind: "timeout", message: "timeout" };
    if (e && (e.kind === "too_large" || e.kind === "redirect")) throw e;
    throw networkError(e, headers);
  } finally {
    if (onAbort) s.signal.removeEventListener("abort", onAbort);
    if (s.own) {
      clearTimeout(s.timer);
      if (signal) signal.removeEventListener("abort", s.onAbort);
    } else {
      leave(s);
    }
  }
}

/** The settled value for one answer; `header(name)` gives a header's value or null/undefined. */
function answer(status, text, header, headerNames) {
  // The first header (the request id) on every answer, the others only on errors.
  const ok = status >= 200 && status < 300;
  let tail = text + "\n" + (header(headerNames[0]) ?? "");
  for (let i = 1; i < headerNames.length; i++) tail += "\n" + ((ok ? null : header(headerNames[i])) ?? "");
  // Into wasm, a short string is copied fastest as it is, a long one as TextEncoder's bytes
  // (wasm-bindgen copies strings through a per-character loop).
  return [status, text, tail.length < 2048 ? tail : ENCODER.encode(tail)];
}

// A redirect the platform followed or hid: the transport refuses it. A custom fetch may follow
// redirects whatever `init.redirect` says; its answer then comes from elsewhere and is refused.
function followed(res) {
  if (res.type === "opaqueredirect") throw { kind: "redirect", status: 0 };
  if (res.redirected === true) throw { kind: "redirect", status: 0, location: typeof res.url === "string" ? res.url : undefined };
}

// The body as text, read no further than `maxBytes`. A declared length over the limit fails
// before reading; an undeclared or encoded one (a compressed body can inflate far past its
// Content-Length) is counted while streaming and cancelled at the limit.
async function readText(res, maxBytes) {
  const h = res.headers;
  const declared = h?.get?.("content-length");
  if (declared != null && Number(declared) > maxBytes) {
    res.body?.cancel?.().catch(() => {});
    throw tooLargeError(maxBytes);
  }
  const coding = h?.get?.("content-encoding");
  const reader = (declared == null || (coding && coding !== "identity")) && res.body?.getReader?.();
  if (!reader) {
    const text = await res.text();
    // A Response without a stream (some custom fetches): checked once read.
    if (text.length > maxBytes / 3 && ENCODER.encode(text).length > maxBytes) throw tooLargeError(maxBytes);
    return text;
  }
  // The chunks are kept and decoded once at the end (one TextDecoder call, not one per
  // chunk and a string join each): like text(), UTF-8 with a byte order mark dropped.
  const chunks = [];
  let size = 0;
  for (;;) {
    const { done, value } = await reader.read();
    if (done) break;
    size += value.byteLength;
    if (size > maxBytes) {
      reader.cancel().catch(() => {});
      throw tooLargeError(maxBytes);
    }
    chunks.push(value);
  }
  if (chunks.length === 1) return DECODER.decode(chunks[0]);
  const all = new Uint8Array(size);
  let at = 0;
  for (const c of chunks) {
    all.set(c, at);
    at += c.byteLength;
  }
  return DECODER.decode(all);
}

const DECODER = new TextDecoder();

const tooLargeError = (limit) => ({ kind: "too_large", message: "too large", limit });

// A platform's message may quote what it refused: a header value (a key, a token) is cut out.
function networkError(e, headers) {
  let message = String((e && e.message) || e || "fetch failed");
  for (const name in headers) {
    const value = headers[name];
    if (typeof value === "string" && value.length >= 6 && message.includes(value)) message = message.split(value).join("[redacted]");
  }
  return { kind: "network", message };
}
