//! `cargo xtask test`: native tests, then the built package in Node, Chromium and workerd
//! against a running sandbox. Ends with `N passed, N failed`.

use std::io::{BufRead, BufReader};
use std::process::{Command, Stdio};

use crate::sandbox::Sandbox;
use crate::util::{root, step, Result};
use crate::{build, demo, pack, tools};

#[derive(Default)]
struct Tally {
    passed: u64,
    failed: u64,
    broken: Vec<String>,
}

/// Runs every test.
pub fn run() -> Result<()> {
    let mut tally = Tally::default();

    step("native tests (cargo test --workspace)");
    let mut cargo = Command::new(env!("CARGO"));
    cargo
        .current_dir(root())
        .args(["test", "--workspace", "--color", "never"]);
    stream(&mut cargo, "cargo test", &mut tally, |line, t| {
        // "test result: ok. 20 passed; 0 failed; ..."
        if let Some(rest) = line.strip_prefix("test result: ") {
            t.passed += count(rest, " passed");
            t.failed += count(rest, " failed");
        }
    });

    let pkg = build::run()?;
    let tarball = pack::tarball(&pkg)?;
    let sandbox_tarball = pack::sandbox_tarball()?;
    tools::node_modules()?;
    let python = tools::pynacl()?;
    let chromium = tools::chromium()?;
    let sandbox = Sandbox::start()?;
    let out = root().join("tests/out");

    for (runtime, script) in [
        ("Node", "run-node.mjs"),
        ("Chromium", "run-browser.mjs"),
        ("workerd", "run-workerd.mjs"),
    ] {
        step(&format!("package tests in {runtime}"));
        let mut node = Command::new("node");
        node.current_dir(root())
            .arg(root().join("tests").join(script))
            .envs(sandbox.env())
            .env("SEISMIC_PKG_DIR", &pkg)
            .env("SEISMIC_PKG_TARBALL", &tarball)
            .env("SEISMIC_SANDBOX_TARBALL", &sandbox_tarball)
            .env("SEISMIC_PYTHON", &python)
            .env("SEISMIC_CHROMIUM", &chromium)
            .env("SEISMIC_TEST_OUT", &out);
        stream(&mut node, runtime, &mut tally, |line, t| {
            if let Some(json) = line.strip_prefix("SUMMARY ") {
                if let Ok(v) = serde_json::from_str::<serde_json::Value>(json) {
                    t.passed += v["passed"].as_u64().unwrap_or(0);
                    t.failed += v["failed"].as_u64().unwrap_or(0);
                }
            }
        });
    }
    // The demo is the front door: it must keep working, so it runs here too, with the demo's
    // data and edge Worker as `cargo xtask demo` sets them up (without serving www/).
    let demo = demo::start_edge(&sandbox, &pkg, "").and_then(|edge| {
        step("demo walkthrough (www/demo/walkthrough.mjs)");
        let status = Command::new("node")
            .arg(root().join("www/demo/walkthrough.mjs"))
            .envs(sandbox.env())
            .env("SEISMIC_PKG_DIR", &pkg)
            .envs(edge.walkthrough_env())
            .stdout(Stdio::null())
            .status()
            .map_err(|e| e.to_string())?;
        if status.success() {
            Ok(())
        } else {
            Err(format!("exited with {status}"))
        }
    });
    match demo {
        Ok(()) => tally.passed += 1,
        Err(e) => {
            tally.failed += 1;
            tally.broken.push(format!("demo walkthrough: {e}"));
        }
    }
    drop(sandbox);

    println!("\n{} passed, {} failed", tally.passed, tally.failed);
    if tally.failed > 0 || !tally.broken.is_empty() {
        for b in &tally.broken {
            eprintln!("failed: {b}");
        }
        return Err("tests failed".into());
    }
    Ok(())
}

// Runs `cmd`, echoing its stdout line by line to `parse`; a non-zero exit marks it broken.
fn stream(cmd: &mut Command, label: &str, tally: &mut Tally, parse: impl Fn(&str, &mut Tally)) {
    let child = cmd.stdout(Stdio::piped()).spawn();
    let mut child = match child {
        Ok(c) => c,
        Err(e) => {
            tally.broken.push(format!("{label}: cannot start: {e}"));
            return;
        }
    };
    if let Some(stdout) = child.stdout.take() {
        for line in BufReader::new(stdout)
            .lines()
            .map_while(std::result::Result::ok)
        {
            println!("{line}");
            parse(&line, tally);
        }
    }
    match child.wait() {
        Ok(status) if status.success() => {}
        Ok(status) => tally.broken.push(format!("{label} exited with {status}")),
        Err(e) => tally.broken.push(format!("{label}: {e}")),
    }
}

fn count(text: &str, label: &str) -> u64 {
    text.split(';')
        .find_map(|part| {
            // "ok. 20 passed" → the number just before the label.
            let number = part
                .trim()
                .strip_suffix(label.trim())?
                .split_whitespace()
                .last()?;
            number.parse().ok()
        })
        .unwrap_or(0)
}

#[cfg(test)]
mod tests {
    #[test]
    fn counts_cargo_test_summaries() {
        let line =
            "ok. 41 passed; 2 failed; 0 ignored; 0 measured; 0 filtered out; finished in 0.01s";
        assert_eq!(super::count(line, " passed"), 41);
        assert_eq!(super::count(line, " failed"), 2);
    }
}
