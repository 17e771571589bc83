//! The generated TypeScript of the clients' methods (`examples/dts.rs`, from the endpoint
//! rows and their TypeScript tables), written into the package, and the imports that let
//! wasm-bindgen's declarations name its interfaces.

use std::fs;
use std::path::Path;
use std::process::Command;

use crate::util::{self, step, Result};

/// The generated files, each imported by `seismic_sdk.d.ts` and re-exported by `index.d.ts`.
const FILES: &[&str] = &[
    "cards",
    "stored-value",
    "envelope",
    "cards-types",
    "stored-value-types",
    "envelope-types",
];

/// Renders the files into `pkg` and imports their interfaces into `seismic_sdk.d.ts`.
pub fn write(root: &Path, pkg: &Path) -> Result<()> {
    step("TypeScript of the methods, from the endpoint rows (examples/dts.rs)");
    util::run(
        Command::new(env!("CARGO"))
            .current_dir(root)
            .args(["run", "-q", "-p", "seismic-sdk", "--example", "dts", "--"])
            .arg(pkg),
    )?;
    let glue = pkg.join("seismic_sdk.d.ts");
    let mut dts = fs::read_to_string(&glue).map_err(|e| e.to_string())?;
    for file in FILES {
        let text =
            fs::read_to_string(pkg.join(format!("{file}.d.ts"))).map_err(|e| e.to_string())?;
        let names: Vec<&str> = text
            .lines()
            .filter_map(|l| {
                l.strip_prefix("export interface ")
                    .or_else(|| l.strip_prefix("export type "))
            })
            .filter_map(|l| {
                l.split(|c: char| !c.is_ascii_alphanumeric() && c != '_')
                    .next()
            })
            .collect();
        if names.is_empty() {
            continue;
        }
        dts = format!(
            "import type {{ {} }} from \"./{file}.js\";\n{dts}",
            names.join(", ")
        );
    }
    fs::write(&glue, dts).map_err(|e| e.to_string())
}

/// Writes a CommonJS twin (`x.d.cts`) of every declaration file, its relative imports
/// pointing at the twins, for TypeScript projects that `require` the package under
/// `module: node16`: without them TypeScript reads the ESM `.d.ts` from a CommonJS file and
/// refuses the import (TS1479). The `require` types condition of `package.json` names
/// `index.d.cts`; Node itself loads the same ES module either way (`require(esm)`).
pub fn commonjs(pkg: &Path) -> Result<()> {
    for entry in fs::read_dir(pkg).map_err(|e| e.to_string())? {
        let path = entry.map_err(|e| e.to_string())?.path();
        let name = path.file_name().and_then(|n| n.to_str()).unwrap_or("");
        let Some(stem) = name.strip_suffix(".d.ts") else {
            continue;
        };
        if stem.ends_with(".wasm") {
            continue;
        }
        let text = fs::read_to_string(&path).map_err(|e| e.to_string())?;
        let twin: String = text
            .lines()
            .map(|line| {
                let line = if line.contains("from \"./") {
                    line.replace(".js\"", ".cjs\"")
                } else {
                    line.to_owned()
                };
                format!("{line}\n")
            })
            .collect();
        fs::write(pkg.join(format!("{stem}.d.cts")), twin).map_err(|e| e.to_string())?;
    }
    Ok(())
}
