// Fetch doubles shared by the client suites: a recording fetch that sees exactly what the SDK
// sent (and what it got back), delegating to the real fetch.

/** Normalises fetch(input, init) to { url, path, query, rawQuery, method, headers, body, json, signal }. */
export async function describeFetchCall(input, init = {}) {
  let d;
  if (typeof Request !== "undefined" && input instanceof Request) {
    d = { url: input.url, method: input.method, headers: new Headers(input.headers), body: await input.clone().text(), signal: input.signal };
  } else {
    let body = init.body;
    if (body != null && typeof body !== "string") body = await new Response(body).text();
    d = { url: String(input), method: (init.method || "GET").toUpperCase(), headers: new Headers(init.headers || {}), body, signal: init.signal };
  }
  if (d.body === "") d.body = undefined;
  try {
    d.json = d.body === undefined ? undefined : JSON.parse(d.body);
  } catch {
    d.json = undefined;
  }
  const u = new URL(d.url);
  d.path = u.pathname;
  d.query = Object.fromEntries(u.searchParams);
  d.rawQuery = u.search.slice(1);
  return d;
}

/** A fetch that records every call (and its answer's status), then delegates to `inner`. */
export function recordingFetch(calls, inner = (input, init) => globalThis.fetch(input, init)) {
  return async (input, init) => {
    const d = await describeFetchCall(input, init);
    calls.push(d);
    const res = await inner(input, init);
    d.status = res.status;
    return res;
  };
}
