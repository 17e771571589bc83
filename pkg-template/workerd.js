// Cloudflare Workers: the bundler imports the .wasm as a compiled WebAssembly.Module
// (Workers forbid compiling wasm from bytes at run time), instantiated once per isolate.
import wasmModule from "./seismic_sdk_bg.wasm";
import { initSync, storedValueStatusTable, __CLASSES__ } from "./seismic_sdk.js";
import { ValidationError } from "./__ERRORS__";
import { guardFreed } from "./freed.js";

initSync({ module: wasmModule });

guardFreed([__CLASSES__], ValidationError);

/** The stored-value status table: code → documented description. */
export const STORED_VALUE_STATUS = Object.freeze(Object.fromEntries(storedValueStatusTable()));

export { __EXPORTS__ } from "./seismic_sdk.js";
export { __ERROR_EXPORTS__ } from "./__ERRORS__";
export { SeismicOrchestrationClient, memoryTokenStore, localStorageTokenStore } from "./seismic_sdk.js";
