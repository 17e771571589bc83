// Cloudflare Workers: the bundler imports the .wasm as a compiled WebAssembly.Module
// (Workers forbid compiling wasm from bytes at run time), instantiated once per isolate.
import wasmModule from "./seismic_sdk_bg.wasm";
import { initSync } from "./seismic_sdk.js";

initSync({ module: wasmModule });

export { __EXPORTS__ } from "./seismic_sdk.js";
export { __ERROR_EXPORTS__ } from "./__ERRORS__";
