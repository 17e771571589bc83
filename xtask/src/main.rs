//! `cargo xtask build | pack | test | demo | bench`: the project's commands. Each installs what it
//! needs on a fresh machine (wasm target, wasm-bindgen-cli, wasm-opt, npm deps, Chromium).

mod bench;
mod build;
mod demo;
mod dts;
mod pack;
mod procs;
mod sandbox;
mod test;
mod tools;
mod util;

use std::process::ExitCode;

fn main() -> ExitCode {
    let args: Vec<String> = std::env::args().skip(1).collect();
    let result = match args.first().map(String::as_str) {
        Some("build") => build::run().map(|_| ()),
        Some("pack") => pack::run().map(|_| ()),
        Some("test") => test::run(),
        Some("demo") => demo::run(&args[1..]),
        Some("bench") => bench::run(),
        _ => {
            eprintln!("usage: cargo xtask <build|pack|test|demo [--no-build]|bench>");
            return ExitCode::from(2);
        }
    };
    match result {
        Ok(()) => ExitCode::SUCCESS,
        Err(e) => {
            eprintln!("xtask: {e}");
            ExitCode::FAILURE
        }
    }
}
