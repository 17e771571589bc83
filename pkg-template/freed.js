// Loader helper. wasm-bindgen gives every class `free()` (and `[Symbol.dispose]`, so `using`
// calls it); a call on a freed object would otherwise throw wasm-bindgen's bare
// "null pointer passed to rust". Here it is a ValidationError that says what happened, before
// anything reaches the module.
export function guardFreed(classes, ValidationError) {
  for (const C of classes) {
    const proto = C.prototype;
    const check = (self) => {
      if (self.__wbg_ptr === 0) {
        throw new ValidationError(`this ${C.name} was freed (free(), or the end of its using block); create a new one`, {
          code: "invalid_argument",
          field: "this",
        });
      }
    };
    for (const key of Reflect.ownKeys(proto)) {
      if (key === "constructor" || key === "free" || key === "__destroy_into_raw" || key === Symbol.dispose) continue;
      const d = Object.getOwnPropertyDescriptor(proto, key);
      if (typeof d.value === "function") {
        const f = d.value;
        d.value = {
          [key](...args) {
            check(this);
            return f.apply(this, args);
          },
        }[key];
      } else if (d.get) {
        const get = d.get;
        d.get = function () {
          check(this);
          return get.call(this);
        };
      } else continue;
      Object.defineProperty(proto, key, d);
    }
  }
}
