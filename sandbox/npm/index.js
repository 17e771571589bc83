// startSandbox(): runs the bundled seismic-sandbox binary on loopback and answers once it is
// ready, with its URL and the credentials it made up (or was given).
import { spawn } from "node:child_process";
import { fileURLToPath } from "node:url";

const BINARY = fileURLToPath(new URL("./bin/seismic-sandbox", import.meta.url));

/** Each option is the binary's `--kebab-case` flag (`seismic-sandbox --help`); the binary refuses an unknown one. */
function args(options) {
  const out = ["--host", "127.0.0.1", "--port", "0"];
  for (const [name, value] of Object.entries(options)) {
    if (name === "timeoutMs" || value === undefined) continue;
    out.push(`--${name.replace(/[A-Z]/g, (c) => `-${c.toLowerCase()}`)}`, String(value));
  }
  return out;
}

export function startSandbox(options = {}) {
  const child = spawn(BINARY, args(options), { stdio: ["pipe", "pipe", "pipe"] });
  let stderr = "";
  child.stderr.on("data", (d) => (stderr = (stderr + d).slice(-4000)));
  const exited = new Promise((resolve) => child.once("exit", (code, signal) => resolve({ code, signal })));
  // A test run that ends without stop() (a crash, a forgotten teardown) must not leave the
  // sandbox holding its ports.
  const orphan = () => child.kill("SIGTERM");
  process.once("exit", orphan);
  const stop = async () => {
    process.off("exit", orphan);
    child.ref(); // kept alive until the sandbox has exited
    if (child.exitCode === null && child.signalCode === null) child.kill("SIGTERM");
    await exited;
  };
  return new Promise((resolve, reject) => {
    let buffered = "";
    const timer = setTimeout(() => {
      void stop();
      reject(new Error(`seismic-sandbox was not ready within ${options.timeoutMs ?? 10000} ms: ${stderr.trim()}`));
    }, options.timeoutMs ?? 10000);
    child.once("error", (e) => {
      clearTimeout(timer);
      reject(new Error(`seismic-sandbox could not start (${BINARY}): ${e.message}`));
    });
    void exited.then(({ code, signal }) => {
      clearTimeout(timer);
      reject(new Error(`seismic-sandbox exited (${signal ?? code}) before it was ready: ${stderr.trim()}`));
    });
    child.stdout.on("data", function onData(d) {
      buffered += d;
      const end = buffered.indexOf("\n");
      if (end < 0) return;
      child.stdout.off("data", onData);
      child.stdout.resume();
      clearTimeout(timer);
      try {
        const { event, ...ready } = JSON.parse(buffered.slice(0, end));
        if (event !== "ready") throw new Error(`unexpected first line: ${event}`);
        // A running sandbox alone does not keep the program alive: it ends when the program does.
        child.unref();
        for (const stream of [child.stdin, child.stdout, child.stderr]) stream.unref?.();
        resolve({ ...ready, stop });
      } catch (e) {
        void stop();
        reject(new Error(`seismic-sandbox said something unexpected: ${e.message}`));
      }
    });
  });
}
