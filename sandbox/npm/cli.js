#!/usr/bin/env node
// npx seismic-sandbox [--port 4010 …]: the bundled binary in the foreground, flags passed as
// they are; it prints its ready line (URL and credentials, JSON) and serves until Ctrl-C.
import { spawn } from "node:child_process";
import { fileURLToPath } from "node:url";

const binary = fileURLToPath(new URL("./bin/seismic-sandbox", import.meta.url));
const child = spawn(binary, process.argv.slice(2), { stdio: "inherit" });
for (const signal of ["SIGINT", "SIGTERM"]) process.on(signal, () => child.kill(signal));
child.on("exit", (code, signal) => process.exit(code ?? (signal ? 1 : 0)));
