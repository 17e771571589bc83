export { __TYPE_EXPORTS__ } from "./seismic_sdk.js";
export * from "./errors.js";
export * from "./orchestration.js";
export * from "./orchestration-methods.js";
export * from "./cards.js";
export * from "./stored-value.js";
export * from "./envelope.js";
