#!/usr/bin/env node
// A tiny static server for the demo (no dependencies): www/ at /, the built package at /pkg/,
// and GET /config.json with the URLs the dashboard needs. Prints one line
//   {"event":"ready","url":"http://127.0.0.1:PORT"}
// and serves until SIGINT/SIGTERM/SIGHUP (or stdin closing with --exit-with-stdin).
//
//   node www/serve.mjs [--port 0] [--host 127.0.0.1] [--pkg DIR]
//     [--sandbox-url URL] [--orchestration-base-url URL] [--edge-url URL] [--widget-origin URL]
//
// Defaults from the environment: SEISMIC_PKG_DIR (else <repo>/pkg), SEISMIC_SANDBOX_URL,
// SEISMIC_ORCHESTRATION_BASE_URL (else <sandbox>/api), SEISMIC_EDGE_URL,
// SEISMIC_SANDBOX_WIDGET_ORIGIN, SEISMIC_WWW_PORT.
import { createServer } from "node:http";
import { createReadStream, realpathSync, statSync } from "node:fs";
import { dirname, extname, join, resolve, sep } from "node:path";
import { fileURLToPath } from "node:url";

const WWW = dirname(fileURLToPath(import.meta.url));
const REPO = resolve(WWW, "..");

const TYPES = {
  ".html": "text/html; charset=utf-8",
  ".js": "text/javascript; charset=utf-8",
  ".mjs": "text/javascript; charset=utf-8",
  ".css": "text/css; charset=utf-8",
  ".json": "application/json; charset=utf-8",
  ".map": "application/json; charset=utf-8",
  ".wasm": "application/wasm",
  ".svg": "image/svg+xml",
  ".png": "image/png",
  ".jpg": "image/jpeg",
  ".ico": "image/x-icon",
  ".txt": "text/plain; charset=utf-8",
  ".md": "text/markdown; charset=utf-8",
  ".ts": "text/plain; charset=utf-8",
};

function usage(message) {
  console.error(`serve.mjs: ${message}\nusage: node www/serve.mjs [--port N] [--host H] [--pkg DIR] [--sandbox-url URL] [--orchestration-base-url URL] [--edge-url URL] [--widget-origin URL] [--exit-with-stdin]`);
  process.exit(2);
}

const trim = (url) => (url ? String(url).replace(/\/+$/, "") : "");

function parseArgs(argv) {
  const env = process.env;
  const opts = {
    port: Number(env.SEISMIC_WWW_PORT || 0),
    host: "127.0.0.1",
    pkg: env.SEISMIC_PKG_DIR || join(REPO, "pkg"),
    sandboxUrl: env.SEISMIC_SANDBOX_URL,
    orchestrationBaseUrl: env.SEISMIC_ORCHESTRATION_BASE_URL,
    edgeUrl: env.SEISMIC_EDGE_URL,
    widgetOrigin: env.SEISMIC_SANDBOX_WIDGET_ORIGIN,
    exitWithStdin: false,
  };
  const flags = {
    "--port": "port",
    "--host": "host",
    "--pkg": "pkg",
    "--sandbox-url": "sandboxUrl",
    "--orchestration-base-url": "orchestrationBaseUrl",
    "--edge-url": "edgeUrl",
    "--widget-origin": "widgetOrigin",
  };
  for (let i = 0; i < argv.length; i++) {
    const arg = argv[i];
    if (arg === "--exit-with-stdin") opts.exitWithStdin = true;
    else if (flags[arg]) {
      if (i + 1 >= argv.length) usage(`${arg} needs a value`);
      opts[flags[arg]] = argv[++i];
    } else usage(`unknown argument ${JSON.stringify(arg)}`);
  }
  opts.port = Number(opts.port);
  if (!Number.isInteger(opts.port) || opts.port < 0 || opts.port > 65535) usage("--port must be 0..65535");
  opts.pkg = resolve(opts.pkg);
  opts.sandboxUrl = trim(opts.sandboxUrl);
  opts.orchestrationBaseUrl = trim(opts.orchestrationBaseUrl) || (opts.sandboxUrl ? `${opts.sandboxUrl}/api` : "");
  opts.edgeUrl = trim(opts.edgeUrl);
  opts.widgetOrigin = trim(opts.widgetOrigin);
  return opts;
}

/**
 * The file for a URL path under `root`, or null: the path is decoded once, must not contain NUL
 * or backslashes, is normalised, must stay inside `root`, and — after symlinks — inside `root`'s
 * real path. Directories serve their index.html.
 */
export function resolveFile(root, urlPath) {
  let decoded;
  try {
    decoded = decodeURIComponent(urlPath);
  } catch {
    return null;
  }
  if (decoded.includes("\0") || decoded.includes("\\")) return null;
  const base = resolve(root);
  let file = resolve(base, `.${decoded.startsWith("/") ? decoded : `/${decoded}`}`);
  if (file !== base && !file.startsWith(base + sep)) return null;
  let stat;
  try {
    stat = statSync(file);
    if (stat.isDirectory()) {
      file = join(file, "index.html");
      stat = statSync(file);
    }
    const real = realpathSync(file);
    const realBase = realpathSync(base);
    if (!real.startsWith(realBase + sep)) return null;
  } catch {
    return null;
  }
  return stat.isFile() ? { file, size: stat.size } : null;
}

function send(res, status, body, type = "text/plain; charset=utf-8", extra = {}) {
  res.writeHead(status, { "content-type": type, "content-length": Buffer.byteLength(body), "x-content-type-options": "nosniff", ...extra });
  res.end(body);
}

function handler(opts) {
  const config = JSON.stringify({
    orchestrationBaseUrl: opts.orchestrationBaseUrl,
    edgeUrl: opts.edgeUrl,
    widgetOrigin: opts.widgetOrigin,
    sandboxUrl: opts.sandboxUrl,
  });
  return (req, res) => {
    if (req.method !== "GET" && req.method !== "HEAD") return send(res, 405, "method not allowed\n", undefined, { allow: "GET, HEAD" });
    let path;
    try {
      path = new URL(req.url, "http://localhost").pathname;
    } catch {
      return send(res, 400, "bad request\n");
    }
    if (path === "/config.json") return send(res, 200, config, TYPES[".json"], { "cache-control": "no-store" });
    if (path === "/pkg") return send(res, 301, "", undefined, { location: "/pkg/" });
    // The dashboard is the front page unless www/ has its own index.html.
    if (path === "/" && !resolveFile(WWW, "/") && resolveFile(WWW, "/dashboard/")) return send(res, 302, "", undefined, { location: "/dashboard/" });
    const found = path.startsWith("/pkg/") ? resolveFile(opts.pkg, path.slice("/pkg".length)) : resolveFile(WWW, path);
    if (!found) return send(res, 404, "not found\n");
    res.writeHead(200, {
      "content-type": TYPES[extname(found.file).toLowerCase()] || "application/octet-stream",
      "content-length": found.size,
      "cache-control": "no-cache",
      "x-content-type-options": "nosniff",
    });
    if (req.method === "HEAD") return res.end();
    createReadStream(found.file)
      .on("error", () => res.destroy())
      .pipe(res);
  };
}

const opts = parseArgs(process.argv.slice(2));
const server = createServer(handler(opts));
server.on("error", (e) => {
  console.error(`serve.mjs: ${e.message}`);
  process.exit(1);
});
const stop = () => {
  server.close();
  server.closeAllConnections?.();
  process.exit(0);
};
for (const signal of ["SIGINT", "SIGTERM", "SIGHUP"]) process.on(signal, stop);
if (opts.exitWithStdin) {
  process.stdin.on("end", stop);
  process.stdin.on("error", stop);
  process.stdin.resume();
}
server.listen(opts.port, opts.host, () => {
  const { port } = server.address();
  const host = opts.host.includes(":") ? `[${opts.host}]` : opts.host;
  console.log(JSON.stringify({ event: "ready", url: `http://${host}:${port}` }));
});
