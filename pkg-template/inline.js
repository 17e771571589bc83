// Any bundler and any runtime but workerd (which forbids compiling wasm from bytes): the wasm
// travels inside this file as base64, so a bundle needs no asset, no loader setting and no
// `import.meta.url`. Instantiated synchronously at import, so `require()` and CommonJS
// bundles work too. About a third larger to download than the wasm file, before gzip.
import { initSync, storedValueStatusTable, __CLASSES__ } from "./seismic_sdk.js";
import { ValidationError } from "./__ERRORS__";
import { guardFreed } from "./freed.js";

const WASM_BASE64 = "__WASM_BASE64__";

function decode(text) {
  const binary = atob(text);
  const bytes = new Uint8Array(binary.length);
  for (let i = 0; i < binary.length; i++) bytes[i] = binary.charCodeAt(i);
  return bytes;
}

initSync({ module: decode(WASM_BASE64) });

guardFreed([__CLASSES__], ValidationError);

/** The stored-value status table: code → documented description. */
export const STORED_VALUE_STATUS = Object.freeze(Object.fromEntries(storedValueStatusTable()));

export { __EXPORTS__ } from "./seismic_sdk.js";
export { __ERROR_EXPORTS__ } from "./__ERRORS__";
export { SeismicOrchestrationClient, memoryTokenStore, localStorageTokenStore } from "./seismic_sdk.js";
