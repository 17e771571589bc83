// Browsers and bundlers: fetch and instantiate the wasm once, at import (top-level await).
import init, { storedValueStatusTable } from "./seismic_sdk.js";

await init({ module_or_path: new URL("./seismic_sdk_bg.wasm", import.meta.url) });

/** The stored-value status table: code → documented description. */
export const STORED_VALUE_STATUS = Object.freeze(Object.fromEntries(storedValueStatusTable()));

export { __EXPORTS__ } from "./seismic_sdk.js";
export { __ERROR_EXPORTS__ } from "./__ERRORS__";
export { SeismicOrchestrationClient, memoryTokenStore, localStorageTokenStore } from "./seismic_sdk.js";
