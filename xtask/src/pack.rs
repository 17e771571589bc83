//! `cargo xtask pack`: the npm tarballs in `target/pack/`: `seismic-sdk-<v>.tgz` (`npm pack`
//! of `pkg/`: loaders, wasm, declarations and their CommonJS twins, the npm README,
//! MIGRATION.md and both licenses) and `seismic-sandbox-<v>.tgz` (the sandbox's release binary
//! for this platform with `startSandbox()` and an `npx seismic-sandbox` command), the files
//! users install and the tests install.

use std::fs;
use std::path::{Path, PathBuf};

use crate::util::{root, step, Result};
use crate::{build, sandbox, tools};

/// Builds `pkg/` and the sandbox and packs both; answers the two tarballs' paths.
pub fn run() -> Result<(PathBuf, PathBuf)> {
    let pkg = build::run()?;
    Ok((tarball(&pkg)?, sandbox_tarball()?))
}

/// Packs an already built `pkg/`.
pub fn tarball(pkg: &Path) -> Result<PathBuf> {
    step("npm pack seismic-sdk (target/pack)");
    npm_pack(pkg)
}

/// Builds the sandbox binary and packs it with `sandbox/npm/` as `seismic-sandbox`.
pub fn sandbox_tarball() -> Result<PathBuf> {
    step("npm pack seismic-sandbox (target/pack), the binary for this platform");
    let io = |e: std::io::Error| e.to_string();
    let binary = sandbox::build()?;
    let root = root();
    let stage = root.join("target/pack/seismic-sandbox");
    let _ = fs::remove_dir_all(&stage);
    fs::create_dir_all(stage.join("bin")).map_err(io)?;
    for file in ["index.js", "index.cjs", "index.d.ts", "cli.js", "README.md"] {
        fs::copy(root.join("sandbox/npm").join(file), stage.join(file)).map_err(io)?;
    }
    // The same declarations describe the CommonJS entry (it re-exports the ES module).
    fs::copy(
        root.join("sandbox/npm/index.d.ts"),
        stage.join("index.d.cts"),
    )
    .map_err(io)?;
    for file in ["LICENSE-MIT", "LICENSE-APACHE"] {
        fs::copy(root.join(file), stage.join(file)).map_err(io)?;
    }
    fs::copy(&binary, stage.join("bin/seismic-sandbox")).map_err(io)?;
    let cpu = match std::env::consts::ARCH {
        "x86_64" => "x64",
        "aarch64" => "arm64",
        other => other,
    };
    let manifest = fs::read_to_string(root.join("sandbox/npm/package.json")).map_err(io)?;
    let version = crate_version(&root.join("sandbox/Cargo.toml"))?;
    let manifest = manifest
        .replacen(
            "\"version\": \"0.0.0\"",
            &format!("\"version\": \"{version}\""),
            1,
        )
        .replace("__OS__", std::env::consts::OS)
        .replace("__CPU__", cpu);
    fs::write(stage.join("package.json"), manifest).map_err(io)?;
    npm_pack(&stage)
}

fn crate_version(manifest: &Path) -> Result<String> {
    let text = fs::read_to_string(manifest).map_err(|e| e.to_string())?;
    text.lines()
        .find_map(|l| {
            l.strip_prefix("version = \"")?
                .strip_suffix('"')
                .map(str::to_owned)
        })
        .ok_or_else(|| format!("no version in {}", manifest.display()))
}

/// `npm pack` of `dir` into `target/pack/`; answers the tarball's path.
fn npm_pack(dir: &Path) -> Result<PathBuf> {
    let out = root().join("target/pack");
    fs::create_dir_all(&out).map_err(|e| e.to_string())?;
    let output = tools::npm()
        .current_dir(dir)
        .args(["pack", "--silent", "--pack-destination"])
        .arg(&out)
        .output()
        .map_err(|e| format!("npm pack: {e}"))?;
    if !output.status.success() {
        return Err(format!(
            "npm pack failed: {}",
            String::from_utf8_lossy(&output.stderr)
        ));
    }
    let name = String::from_utf8_lossy(&output.stdout).trim().to_owned();
    let path = out.join(name.lines().last().unwrap_or_default());
    if !path.is_file() {
        return Err(format!("npm pack wrote no {}", path.display()));
    }
    println!("{}", path.display());
    Ok(path)
}
