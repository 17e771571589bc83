// require("seismic-sandbox"): the same ES module (Node >= 20.19 requires ES modules).
module.exports = require("./index.js");
