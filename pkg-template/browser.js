// Browsers and bundlers: fetch and instantiate the wasm once, at import (top-level await).
import init, { storedValueStatusTable, __CLASSES__ } from "./seismic_sdk.js";
import { ValidationError } from "./__ERRORS__";
import { guardFreed } from "./freed.js";

await init({ module_or_path: new URL("./seismic_sdk_bg.wasm", import.meta.url) });

guardFreed([__CLASSES__], ValidationError);

/** The stored-value status table: code → documented description. */
export const STORED_VALUE_STATUS = Object.freeze(Object.fromEntries(storedValueStatusTable()));

export { __EXPORTS__ } from "./seismic_sdk.js";
export { __ERROR_EXPORTS__ } from "./__ERRORS__";
export { SeismicOrchestrationClient, memoryTokenStore, localStorageTokenStore } from "./seismic_sdk.js";
