// Builds a throwaway consumer project whose node_modules/seismic-sdk is a symlink to the built package.
import { mkdtempSync, mkdirSync, symlinkSync, writeFileSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";

export function makeConsumer(pkgDir, files = {}, packageJson = { name: "consumer", private: true }) {
  const dir = mkdtempSync(join(tmpdir(), "seismic-consumer-"));
  mkdirSync(join(dir, "node_modules"), { recursive: true });
  symlinkSync(pkgDir, join(dir, "node_modules", "seismic-sdk"), "dir");
  writeFileSync(join(dir, "package.json"), JSON.stringify(packageJson, null, 2));
  for (const [name, text] of Object.entries(files)) writeFileSync(join(dir, name), text);
  return { dir, cleanup: () => rmSync(dir, { recursive: true, force: true }) };
}
