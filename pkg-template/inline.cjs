// `seismic-sdk/inline` for require(): the same ES module (Node >= 20.19 requires ES modules
// without top-level await), typed by index.d.cts.
module.exports = require("./inline.js");
