// Node-only: without a custom `fetch`, the package sends on node:http(s) (js/fetch.js) while
// `globalThis.fetch` is Node's own and undici's global dispatcher is the default. Each test
// talks to a local server that records what arrives, and proves the request went out on the
// wire it expects: undici's fetch always sends `sec-fetch-mode`, node:http never does.
import { createServer } from "node:http";
import { execFile } from "node:child_process";
import { join } from "node:path";
import { pathToFileURL } from "node:url";
import { MockAgent, getGlobalDispatcher, setGlobalDispatcher } from "undici";
import { createOrchestrationTenant, orchestrationUrl } from "../shared/orchestration-sandbox.mjs";

const HEALTH = '{"status":"ok"}';

/**
 * A server on loopback: `handle(req, res, body)` answers (default: health), or, with `proxyTo`,
 * every request is forwarded there and answered as it was. Records each request and counts
 * connections.
 */
async function recorder({ handle, proxyTo } = {}) {
  const seen = [];
  let connections = 0;
  const server = createServer((req, res) => {
    const chunks = [];
    req.on("data", (c) => chunks.push(c));
    req.on("end", async () => {
      const raw = Buffer.concat(chunks);
      const entry = { method: req.method, url: req.url, headers: req.headers, body: raw.toString("utf8"), bytes: raw.length };
      seen.push(entry);
      if (handle) return handle(req, res, entry);
      if (!proxyTo) {
        res.writeHead(200, { "content-type": "application/json" });
        return res.end(HEALTH);
      }
      const headers = { ...req.headers };
      delete headers.host;
      delete headers["content-length"];
      const up = await fetch(proxyTo + req.url, { method: req.method, headers, body: raw.length ? raw : undefined });
      res.writeHead(up.status, { "content-type": up.headers.get("content-type") ?? "application/json" });
      res.end(Buffer.from(await up.arrayBuffer()));
    });
  });
  server.on("connection", () => connections++);
  await new Promise((r) => server.listen(0, "127.0.0.1", r));
  const url = `http://127.0.0.1:${server.address().port}`;
  return {
    url,
    server,
    seen,
    connections: () => connections,
    close: () => new Promise((r) => server.close(r)),
  };
}

const api = (sdk, baseUrl, extra = {}) => new sdk.SeismicOrchestrationClient({ baseUrl, maxRetries: 0, ...extra });

export const tests = [
  {
    name: "node wire: calls go out on node:http — fetch's headers, a multi-byte JSON body whole, sequential calls on one kept-alive connection",
    fn: async ({ assert, sdk, sandboxUrl }) => {
      const t = await createOrchestrationTenant(sandboxUrl);
      const rec = await recorder({ proxyTo: sandboxUrl });
      try {
        const client = api(sdk, `${rec.url}/api`, { apiKey: t.apiKey });
        const name = "Zoë Ærøskøbing 💳";
        const { customer } = await client.customers.create({
          external_id: `wire_${Date.now().toString(36)}`,
          type: "individual",
          email: `wire${Date.now()}@example.com`,
          first_name: name,
          last_name: "Liddell",
        });
        assert.equal(customer.first_name, name, "the multi-byte name made the round trip");
        const post = rec.seen[0];
        assert.equal(post.method, "POST");
        assert.equal(post.headers["sec-fetch-mode"], undefined, "sent on node:http, not undici's fetch");
        assert.equal(Number(post.headers["content-length"]), post.bytes, "Content-Length counts UTF-8 bytes");
        assert.equal(JSON.parse(post.body).first_name, name, "the body arrived whole");
        assert.equal(post.headers["content-type"], "application/json");
        assert.equal(post.headers["api-key"], t.apiKey, "the credential header");
        assert.equal(post.headers.authorization, undefined, "never both credentials");
        assert.equal(post.headers["user-agent"], "node", "the User-Agent Node's fetch sends");
        assert.equal(post.headers.accept !== undefined, true, "an Accept header");
        for (let i = 0; i < 5; i++) assert.deepEqual(await client.health(), { status: "ok" });
        assert.equal(rec.seen.length, 6, "every call reached the server");
        assert.equal(rec.connections(), 1, "one connection, kept alive across the calls");
      } finally {
        await rec.close();
      }
    },
  },
  {
    name: "node wire: a replaced globalThis.fetch, and a global undici dispatcher (MockAgent), are honoured; the wire comes back once they are gone",
    fn: async ({ assert, sdk }) => {
      const rec = await recorder();
      const original = globalThis.fetch;
      const before = getGlobalDispatcher();
      try {
        const client = api(sdk, `${rec.url}/api`);
        let wrapped = 0;
        globalThis.fetch = (input, init) => (wrapped++, original(input, init));
        assert.deepEqual(await client.health(), { status: "ok" });
        assert.equal(wrapped, 1, "the replaced fetch sent the call");
        assert.equal(rec.seen[0].headers["sec-fetch-mode"], "cors", "through undici's fetch");
        globalThis.fetch = original;

        const mock = new MockAgent();
        mock.disableNetConnect();
        mock
          .get(rec.url)
          .intercept({ path: "/api/v0/health", method: "GET" })
          .reply(503, { ok: false, error: { code: "Mocked", message: "answered by the MockAgent" } });
        setGlobalDispatcher(mock);
        const err = await client.health().catch((e) => e);
        assert.ok(err instanceof sdk.ApiError, `ApiError, got ${assert.show(err)}`);
        assert.equal(err.code, "Mocked", "the MockAgent answered");
        assert.equal(rec.seen.length, 1, "nothing reached the server");
        setGlobalDispatcher(before);

        assert.deepEqual(await client.health(), { status: "ok" });
        assert.equal(rec.seen.length, 2);
        assert.equal(rec.seen[1].headers["sec-fetch-mode"], undefined, "back on node:http");
      } finally {
        globalThis.fetch = original;
        setGlobalDispatcher(before);
        await rec.close();
      }
    },
  },
  {
    name: "node wire: a body in 1-byte chunks with a BOM decodes whole; a same-origin 307 is followed, one to another origin refused; a body cut short, a refused connection and an abort mid-call are typed errors",
    fn: async ({ assert, sdk, sandboxUrl }) => {
      const rec = await recorder({
        handle: (req, res) => {
          if (req.url.startsWith("/chunks/")) {
            res.writeHead(200, { "content-type": "application/json" });
            const bytes = Buffer.from('\uFEFF{"status":"ok","note":"✓ ünïcødé 💳"}');
            let i = 0;
            const next = () => (i < bytes.length ? res.write(bytes.subarray(i, ++i), () => setImmediate(next)) : res.end());
            return next();
          }
          if (req.url.startsWith("/moved/")) {
            res.writeHead(307, { location: "/here/v0/health" });
            return res.end();
          }
          if (req.url.startsWith("/here/")) {
            res.writeHead(200, { "content-type": "application/json" });
            return res.end(HEALTH);
          }
          if (req.url.startsWith("/away/")) {
            res.writeHead(307, { location: `${orchestrationUrl(sandboxUrl)}/v0/health?t=1` });
            return res.end();
          }
          if (req.url.startsWith("/short/")) {
            res.writeHead(200, { "content-type": "application/json", "content-length": "100" });
            res.write('{"status":');
            return setTimeout(() => res.socket.destroy(), 20);
          }
          // /stall/: never answers.
        },
      });
      try {
        const chunked = await api(sdk, `${rec.url}/chunks`).health();
        assert.deepEqual(chunked, { status: "ok", note: "✓ ünïcødé 💳" }, "multi-byte characters split across chunks, BOM dropped");

        assert.deepEqual(await api(sdk, `${rec.url}/moved`).health(), { status: "ok" }, "the same-origin redirect was followed");
        const away = await api(sdk, `${rec.url}/away`).health().catch((e) => e);
        assert.ok(away instanceof sdk.RedirectError, `a redirect to another origin is a RedirectError, got ${assert.show(away)}`);
        assert.equal(away.status, 307);
        assert.equal(away.location, `${orchestrationUrl(sandboxUrl)}/v0/health`, "named without its query");

        const short = await api(sdk, `${rec.url}/short`).health().catch((e) => e);
        assert.ok(short instanceof sdk.NetworkError, `a body cut short is a NetworkError, got ${assert.show(short)}`);

        const closed = await recorder();
        await closed.close();
        const refused = await api(sdk, `${closed.url}/api`, { apiKey: "sk_never_in_messages" }).health().catch((e) => e);
        assert.ok(refused instanceof sdk.NetworkError, `a refused connection is a NetworkError, got ${assert.show(refused)}`);
        assert.ok(!String(refused.message).includes("sk_never_in_messages"), "no credential in the message");

        const ctl = new AbortController();
        const stalled = api(sdk, `${rec.url}/stall`).health({ signal: ctl.signal }).catch((e) => e);
        setTimeout(() => ctl.abort(), 50);
        const aborted = await stalled;
        assert.ok(aborted instanceof sdk.AbortError, `an abort is an AbortError, got ${assert.show(aborted)}`);
        assert.ok(rec.seen.some((r) => r.url.startsWith("/stall/")), "the stalled call was sent before the abort");
      } finally {
        rec.server?.closeAllConnections?.();
        await Promise.race([rec.close(), new Promise((r) => setTimeout(r, 500))]);
      }
    },
  },
  {
    name: "node wire: a kept-alive idle connection does not keep the process running",
    fn: async ({ assert, node, sandboxUrl }) => {
      const entry = pathToFileURL(join(node.pkgDir, "node.js")).href;
      const script = `
        const sdk = await import(${JSON.stringify(entry)});
        const client = new sdk.SeismicOrchestrationClient({ baseUrl: ${JSON.stringify(orchestrationUrl(sandboxUrl))} });
        const health = await client.health();
        const done = Date.now();
        process.on("exit", () => console.log(JSON.stringify({ health, lingered: Date.now() - done })));
      `;
      const out = await new Promise((resolve) =>
        execFile(process.execPath, ["--input-type=module", "-e", script], { timeout: 20000 }, (error, stdout, stderr) => resolve({ error, stdout, stderr })),
      );
      assert.equal(out.error, null, `the process exited by itself: ${out.stderr}`);
      const res = JSON.parse(out.stdout);
      assert.deepEqual(res.health, { status: "ok" });
      // Node's agent closes idle sockets after 4 s: exiting well before shows they were unref'd.
      assert.ok(res.lingered < 2000, `exited when its work was done (${res.lingered} ms after)`);
    },
  },
];
