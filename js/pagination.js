// Async iteration over every page of a paginated list method, item by item. Pages are fetched
// lazily, one at a time, so a `for await` loop can stop early without fetching the rest.

/** @internal Used by the wasm module: `list(page)` resolves to `{ data, pagination: { pages } }`. */
export function pageIterator(namespace, method, params, options) {
  const first = params?.page ?? 1;
  return {
    async *[Symbol.asyncIterator]() {
      for (let page = first; ; page++) {
        const res = await namespace[method]({ ...params, page }, options);
        yield* res.data;
        if (res.data.length === 0 || page >= res.pagination.pages) return;
      }
    },
  };
}
