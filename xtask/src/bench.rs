//! `cargo xtask bench`: the envelope benchmarks, ours against tweetnacl, @noble/ciphers and
//! libsodium-wrappers in one Node run, plus the same Rust code built natively.

use std::process::Command;

use crate::sandbox::Sandbox;
use crate::util::{self, root, step, Result};
use crate::{build, tools};

/// Runs the benchmarks and prints their tables.
pub fn run() -> Result<()> {
    let pkg = build::run()?;
    tools::node_modules()?;
    let out = root().join("benches/out");
    std::fs::create_dir_all(&out).map_err(|e| e.to_string())?;
    step("native envelope benchmark (same Rust code, release build)");
    util::run(
        Command::new(env!("CARGO"))
            .current_dir(root())
            .args([
                "run",
                "--release",
                "-q",
                "-p",
                "seismic-sdk",
                "--example",
                "envelope_bench",
                "--",
            ])
            .arg(out.join("native.json")),
    )?;
    step("envelope benchmark in Node (ours vs tweetnacl, @noble/ciphers, libsodium-wrappers)");
    util::run(
        Command::new("node")
            .current_dir(root())
            .arg(root().join("benches/envelope.bench.mjs"))
            .env("SEISMIC_PKG_DIR", &pkg),
    )?;
    let cards_bench = root().join("benches/cards.bench.mjs");
    if cards_bench.exists() {
        let sandbox = Sandbox::start()?;
        step("Cards benchmark (widget token handler in workerd; webhook verification vs node:crypto)");
        util::run(
            Command::new("node")
                .current_dir(root())
                .arg(cards_bench)
                .envs(sandbox.env())
                .env("SEISMIC_PKG_DIR", &pkg),
        )?;
    }
    let orchestration_bench = root().join("benches/orchestration.bench.mjs");
    if orchestration_bench.exists() {
        let sandbox = Sandbox::start()?;
        step("Orchestration benchmark (ours vs seismic-orchestration: calls/s, 200-order decoding, size)");
        util::run(
            Command::new("node")
                .current_dir(root())
                .arg(orchestration_bench)
                .envs(sandbox.env())
                .env("SEISMIC_PKG_DIR", &pkg),
        )?;
    }
    Ok(())
}
