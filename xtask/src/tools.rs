//! Installing the toolchain pieces the build and tests need, only when missing.

use std::path::{Path, PathBuf};
use std::process::Command;

use crate::util::{output, root, run, step, Result};

/// binaryen from npm: recent enough for the wasm features rustc emits (Debian's lags).
const BINARYEN_NPM: &str = "binaryen@132.0.0";

/// Adds the wasm32 target through rustup when it is not installed.
pub fn wasm_target() -> Result<()> {
    let installed =
        output(Command::new("rustup").args(["target", "list", "--installed"])).unwrap_or_default();
    if !installed
        .lines()
        .any(|l| l.trim() == "wasm32-unknown-unknown")
    {
        step("installing the wasm32-unknown-unknown target");
        run(Command::new("rustup").args(["target", "add", "wasm32-unknown-unknown"]))?;
    }
    Ok(())
}

/// The wasm-bindgen version Cargo.lock pins for the SDK.
fn locked_wasm_bindgen() -> Result<String> {
    let lock = std::fs::read_to_string(root().join("Cargo.lock"))
        .map_err(|e| format!("Cargo.lock: {e}"))?;
    let mut lines = lock.lines();
    while let Some(line) = lines.next() {
        if line.trim() == "name = \"wasm-bindgen\"" {
            if let Some(v) = lines
                .next()
                .and_then(|l| l.trim().strip_prefix("version = \""))
            {
                return Ok(v.trim_end_matches('"').to_owned());
            }
        }
    }
    Err("Cargo.lock does not pin wasm-bindgen".into())
}

/// `wasm-bindgen` of exactly the locked version, installed with cargo when missing.
pub fn wasm_bindgen() -> Result<PathBuf> {
    let version = locked_wasm_bindgen()?;
    let have = output(Command::new("wasm-bindgen").arg("--version")).unwrap_or_default();
    if !have.split_whitespace().any(|w| w == version) {
        step(&format!(
            "installing wasm-bindgen-cli {version} (matches Cargo.lock)"
        ));
        let locked = run(Command::new("cargo").args([
            "install",
            "wasm-bindgen-cli",
            "--version",
            &version,
            "--locked",
        ]));
        if locked.is_err() {
            // --locked fails when a dependency version got yanked; the unlocked install works.
            run(Command::new("cargo").args([
                "install",
                "wasm-bindgen-cli",
                "--version",
                &version,
            ]))?;
        }
    }
    Ok(PathBuf::from("wasm-bindgen"))
}

/// A `wasm-opt` (binaryen ≥ 116) from PATH, or from npm into `target/tools`.
pub fn wasm_opt() -> Result<PathBuf> {
    let on_path = output(Command::new("wasm-opt").arg("--version")).unwrap_or_default();
    let version: u32 = on_path
        .split_whitespace()
        .find_map(|w| w.parse().ok())
        .unwrap_or(0);
    if version >= 116 {
        return Ok(PathBuf::from("wasm-opt"));
    }
    let dir = root().join("target/tools");
    let bin = dir.join("node_modules/.bin/wasm-opt");
    if !bin.exists() {
        step(&format!("installing wasm-opt ({BINARYEN_NPM} from npm)"));
        std::fs::create_dir_all(&dir).map_err(|e| e.to_string())?;
        run(npm()
            .args([
                "install",
                "--no-save",
                "--no-audit",
                "--no-fund",
                "--prefix",
            ])
            .arg(&dir)
            .arg(BINARYEN_NPM))?;
    }
    Ok(bin)
}

/// `npm` with a quiet log.
pub fn npm() -> Command {
    let mut c = Command::new("npm");
    c.env("npm_config_loglevel", "error")
        .env("npm_config_update_notifier", "false");
    c
}

/// The repo's JS dev dependencies (`npm ci`), when `node_modules` is missing or stale.
pub fn node_modules() -> Result<()> {
    let root = root();
    let stamp = root.join("node_modules/.package-lock.json");
    let lock = root.join("package-lock.json");
    if newer(&stamp, &lock) {
        return Ok(());
    }
    step("installing JS dev dependencies (npm ci)");
    run(npm()
        .current_dir(&root)
        .args(["ci", "--no-audit", "--no-fund"]))
}

fn newer(a: &Path, b: &Path) -> bool {
    let m = |p: &Path| std::fs::metadata(p).and_then(|m| m.modified()).ok();
    matches!((m(a), m(b)), (Some(x), Some(y)) if x >= y)
}

/// A Python with PyNaCl, in a venv under `target/`.
pub fn pynacl() -> Result<PathBuf> {
    let venv = root().join("target/pyenv");
    let python = venv.join("bin/python");
    let has = |p: &Path| {
        Command::new(p)
            .args(["-c", "import nacl"])
            .output()
            .is_ok_and(|o| o.status.success())
    };
    if has(&python) {
        return Ok(python);
    }
    step("installing PyNaCl into target/pyenv");
    run(Command::new("python3").args(["-m", "venv"]).arg(&venv))?;
    run(Command::new(&python).args(["-m", "pip", "install", "--quiet", "pynacl"]))?;
    Ok(python)
}

/// Debian's Chromium, installed with apt-get when missing (needs root).
pub fn chromium() -> Result<PathBuf> {
    let path = PathBuf::from("/usr/bin/chromium");
    if path.exists() {
        return Ok(path);
    }
    let uid = output(Command::new("id").arg("-u")).unwrap_or_default();
    if uid.trim() != "0" {
        return Err("Chromium is missing and this is not root: run `sudo apt-get install -y chromium` and retry".into());
    }
    step("installing Chromium (apt-get)");
    let apt = || {
        let mut c = Command::new("apt-get");
        c.env("DEBIAN_FRONTEND", "noninteractive");
        c
    };
    if run(apt().args(["install", "-y", "--no-install-recommends", "chromium"])).is_err() {
        run(apt().arg("update"))?;
        run(apt().args(["install", "-y", "--no-install-recommends", "chromium"]))?;
    }
    Ok(path)
}
