// Async iteration over every page of a paginated list method, item by item. Pages are fetched
// lazily, one at a time, so a `for await` loop can stop early without fetching the rest.

// The two page shapes: stored value `{ data, pagination: { pages } }`, Cards `{ total, list }`.
const SHAPES = {
  stored_value: (res) => ({ items: res.data, last: (page) => page >= res.pagination.pages }),
  cards: (res, size) => ({ items: res.list, last: (page) => page * size >= res.total }),
};

/** @internal Used by the wasm module. */
export function pageIterator(namespace, method, params, options, shape = "stored_value") {
  const first = params?.page ?? 1;
  const size = params?.limit ?? 50;
  return {
    async *[Symbol.asyncIterator]() {
      for (let page = first; ; page++) {
        const { items, last } = SHAPES[shape](await namespace[method]({ ...params, page }, options), size);
        yield* items;
        if (items.length === 0 || last(page)) return;
      }
    },
  };
}
