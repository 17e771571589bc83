//! The generated TypeScript of the clients' methods (`examples/dts.rs`, from the endpoint
//! rows and their TypeScript tables), written into the package, and the imports that let
//! wasm-bindgen's declarations name its interfaces.

use std::fs;
use std::path::Path;
use std::process::Command;

use crate::util::{self, step, Result};

/// The generated files, each imported by `seismic_sdk.d.ts` and re-exported by `index.d.ts`.
const FILES: &[&str] = &["cards", "stored-value", "envelope"];

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
            .filter_map(|l| l.strip_prefix("export interface "))
            .filter_map(|l| l.split_whitespace().next())
            .collect();
        dts = format!(
            "import type {{ {} }} from \"./{file}.js\";\n{dts}",
            names.join(", ")
        );
    }
    fs::write(&glue, dts).map_err(|e| e.to_string())
}
