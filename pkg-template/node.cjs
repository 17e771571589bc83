// Node, for require(): the same ES module as `import` (Node >= 20.19 requires ES modules
// without top-level await), so both give the same classes and one wasm instance. A file of
// its own so that its types (index.d.cts) describe a CommonJS module truthfully.
module.exports = require("./node.js");
