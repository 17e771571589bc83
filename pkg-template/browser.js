// Browsers and bundlers: fetch and instantiate the wasm once, at import (top-level await).
import init from "./seismic_sdk.js";

await init({ module_or_path: new URL("./seismic_sdk_bg.wasm", import.meta.url) });

export { __EXPORTS__ } from "./seismic_sdk.js";
export { __ERROR_EXPORTS__ } from "./__ERRORS__";
