//! `cargo xtask demo`: builds the package, starts the sandbox and runs the Node walkthrough.

use std::process::Command;

use crate::build;
use crate::sandbox::Sandbox;
use crate::util::{self, root, step, Result};

/// Runs the walkthrough; the sandbox stops when it ends (or on Ctrl-C, with the process group).
pub fn run() -> Result<()> {
    let pkg = build::run()?;
    let sandbox = Sandbox::start()?;
    step("walkthrough (www/demo/walkthrough.mjs)");
    util::run(
        Command::new("node")
            .arg(root().join("www/demo/walkthrough.mjs"))
            .envs(sandbox.env())
            .env("SEISMIC_PKG_DIR", &pkg),
    )
}
