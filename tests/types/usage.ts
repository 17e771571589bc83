// Type-level usage of every export of seismic-sdk, one file per API. tests/node/types.test.mjs
// type-checks this file, and so every file it imports, with `tsc --noEmit` (strict); never
// executed. Each `@ts-expect-error` line is a misuse that the .d.ts must reject (an unused
// directive is itself a compile error). A new file here must be imported below: the test
// checks that every .ts file of this folder was part of the program.
import "./server.js"; // envelope, stored value, Cards, an Orchestration API-key call: no DOM needed
import "./widget.js"; // createWidgetTokenHandler, mountCardWidget
import "./orchestration-clients.js"; // SeismicOrchestrationClient config, factories, token stores
import "./orchestration-flows.js"; // every Orchestration method and its response types
import "./orchestration-results.js"; // FeeItem, ApiError, misuses of calls and responses
