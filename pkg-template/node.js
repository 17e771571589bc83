// Node: read the wasm next to this file and instantiate synchronously, so the package also
// loads through require() (Node >= 20.19 loads ES modules without top-level await that way).
import { readFileSync } from "node:fs";
import { initSync, storedValueStatusTable, __CLASSES__ } from "./seismic_sdk.js";
import { ValidationError } from "./__ERRORS__";
import { guardFreed } from "./freed.js";

initSync({ module: readFileSync(new URL("./seismic_sdk_bg.wasm", import.meta.url)) });

guardFreed([__CLASSES__], ValidationError);

/** The stored-value status table: code → documented description. */
export const STORED_VALUE_STATUS = Object.freeze(Object.fromEntries(storedValueStatusTable()));

export { __EXPORTS__ } from "./seismic_sdk.js";
export { __ERROR_EXPORTS__ } from "./__ERRORS__";
export { SeismicOrchestrationClient, memoryTokenStore, localStorageTokenStore } from "./seismic_sdk.js";
