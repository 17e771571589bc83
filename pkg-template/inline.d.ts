// seismic-sdk/inline: the same API as the package itself.
export * from "./index.js";
