//! `cargo xtask build`: release wasm → wasm-bindgen → wasm-opt → the npm package in `pkg/`.

use std::fs;
use std::io::Write;
use std::path::{Path, PathBuf};
use std::process::Command;

use crate::util::{self, root, step, Result};
use crate::{dts, tools};

/// Names the generated glue exports that users never call (init, and helpers the entry
/// files use themselves).
/// wasm-bindgen declares `free()` without a word; what it does here (pkg-template/freed.js).
const FREE_DOC: &str = "    /**\n     * Releases this object's wasm memory now instead of at garbage collection (also what\n     * `using` does at the end of its block). Optional: nothing here holds a socket or a timer.\n     * Any later use throws a {@link ValidationError} (`field: \"this\"`).\n     */\n";

const INIT_EXPORTS: &[&str] = &[
    "storedValueStatusTable",
    "initSync",
    "default",
    "InitInput",
    "InitOutput",
    "SyncInitInput",
];

/// Builds the package and returns its directory.
pub fn run() -> Result<PathBuf> {
    let root = root();
    tools::wasm_target()?;

    let gen = root.join("target/wasm-bindgen");
    let mut pkg = root.join("pkg");
    // `--declarations [dir]`: only the package's files around the module (declarations,
    // loaders), around the last build's wasm, into `pkg` or `dir`: for work on the
    // TypeScript, which needs no new module.
    let args: Vec<String> = std::env::args().collect();
    match args.iter().position(|a| a == "--declarations") {
        Some(at) => {
            if !pkg.join("seismic_sdk_bg.wasm").exists() {
                return Err(
                    "--declarations: no pkg/seismic_sdk_bg.wasm; run cargo xtask build".into(),
                );
            }
            step("reusing the last build's wasm (--declarations)");
            if let Some(dir) = args.get(at + 1) {
                let out = PathBuf::from(dir);
                fs::create_dir_all(&out).map_err(io)?;
                fs::copy(
                    pkg.join("seismic_sdk_bg.wasm"),
                    out.join("seismic_sdk_bg.wasm"),
                )
                .map_err(io)?;
                pkg = out;
            }
        }
        None => module(&root, &gen, &pkg)?,
    }
    assemble(&root, &gen, &pkg)?;
    dts::write(&root, &pkg)?;
    dts::commonjs(&pkg)?;
    print_size(&pkg)?;
    Ok(pkg)
}

/// The release wasm, through wasm-bindgen (`gen`) and wasm-opt, into a new `pkg`.
fn module(root: &Path, gen: &Path, pkg: &Path) -> Result<()> {
    let wasm_bindgen = tools::wasm_bindgen()?;
    let wasm_opt = tools::wasm_opt()?;
    step("building the SDK for wasm32 (release)");
    util::run(Command::new(env!("CARGO")).current_dir(root).args([
        "build",
        "--release",
        "--lib",
        "-p",
        "seismic-sdk",
        "--target",
        "wasm32-unknown-unknown",
    ]))?;

    let _ = fs::remove_dir_all(gen);
    step("wasm-bindgen --target web");
    util::run(
        Command::new(&wasm_bindgen)
            .arg(root.join("target/wasm32-unknown-unknown/release/seismic_sdk.wasm"))
            .args(["--target", "web", "--out-name", "seismic_sdk", "--out-dir"])
            .arg(gen),
    )?;

    let _ = fs::remove_dir_all(pkg);
    fs::create_dir_all(pkg).map_err(io)?;
    step("wasm-opt -Oz");
    util::run(
        Command::new(&wasm_opt)
            .arg(gen.join("seismic_sdk_bg.wasm"))
            .args(["-Oz", "--strip-debug", "--strip-producers", "-o"])
            .arg(pkg.join("seismic_sdk_bg.wasm")),
    )?;

    Ok(())
}

fn assemble(root: &Path, gen: &Path, pkg: &Path) -> Result<()> {
    for f in ["seismic_sdk.js", "seismic_sdk_bg.wasm.d.ts"] {
        fs::copy(gen.join(f), pkg.join(f)).map_err(io)?;
    }
    // `[Symbol.dispose]` needs lib esnext.disposable (TypeScript >= 5.2): kept out of the
    // declarations so projects on older libs typecheck (the method still exists at run time).
    // The custom sections name error classes declared in errors.d.ts: import them.
    // wasm-bindgen's init declarations (InitInput, initSync, the default init) are cut: the
    // loaders call them and export none, and they name DOM and WebAssembly types that a Node
    // or Workers project without the DOM library does not have.
    let dts = fs::read_to_string(gen.join("seismic_sdk.d.ts")).map_err(io)?;
    let dts = dts
        .split_once("export type InitInput")
        .map_or(dts.as_str(), |(api, _)| api);
    let kept: String = dts
        .lines()
        .filter(|l| !l.contains("[Symbol.dispose]"))
        .map(|l| match l.trim() {
            "free(): void;" => format!("{FREE_DOC}{l}\n"),
            _ => format!("{l}\n"),
        })
        .collect();
    let dts = format!("import type {{ CardWidgetError }} from \"./errors.js\";\n{kept}");
    fs::write(pkg.join("seismic_sdk.d.ts"), dts).map_err(io)?;
    let errors = copy_snippets(&gen.join("snippets"), &pkg.join("snippets"), "errors.js")?
        .ok_or("the errors.js snippet is missing from the wasm-bindgen output")?;
    let errors_rel = errors
        .strip_prefix(pkg)
        .map_err(|_| "snippet outside pkg")?
        .to_string_lossy()
        .into_owned();

    let dts = fs::read_to_string(pkg.join("seismic_sdk.d.ts")).map_err(io)?;
    let (values, types) = exported_names(&dts);
    let errors_dts = fs::read_to_string(root.join("js/errors.d.ts")).map_err(io)?;
    let (error_values, _) = exported_names(&errors_dts);
    let template = root.join("pkg-template");
    // Every class of the glue, exported or not (BuiltinTokenStore), for the loaders' guard.
    let glue = fs::read_to_string(gen.join("seismic_sdk.js")).map_err(io)?;
    let classes: Vec<&str> = glue
        .lines()
        .filter_map(|l| l.strip_prefix("export class "))
        .filter_map(|l| l.split_whitespace().next())
        .collect();
    for file in ["freed.js", "node.cjs", "inline.cjs"] {
        fs::copy(template.join(file), pkg.join(file)).map_err(io)?;
    }
    let wasm = fs::read(pkg.join("seismic_sdk_bg.wasm")).map_err(io)?;
    let wasm_base64 = seismic_hotpath::base64_encode(&wasm);
    for entry in ["browser.js", "node.js", "workerd.js", "inline.js"] {
        let text = fs::read_to_string(template.join(entry)).map_err(io)?;
        let text = text
            .replace("__WASM_BASE64__", &wasm_base64)
            .replace("__CLASSES__", &classes.join(", "))
            .replace("__EXPORTS__", &values.join(", "))
            .replace("__ERROR_EXPORTS__", &error_values.join(", "))
            .replace("__ERRORS__", &errors_rel);
        fs::write(pkg.join(entry), text).map_err(io)?;
    }
    let all: Vec<String> = values
        .iter()
        .cloned()
        .chain(types.iter().map(|t| format!("type {t}")))
        .collect();
    let index = fs::read_to_string(template.join("index.d.ts")).map_err(io)?;
    fs::write(
        pkg.join("index.d.ts"),
        index.replace("__TYPE_EXPORTS__", &all.join(", ")),
    )
    .map_err(io)?;
    fs::copy(root.join("js/errors.d.ts"), pkg.join("errors.d.ts")).map_err(io)?;
    for dts in [
        "inline.d.ts",
        "orchestration.d.ts",
        "orchestration-identity.d.ts",
        "orchestration-money.d.ts",
    ] {
        fs::copy(template.join(dts), pkg.join(dts)).map_err(io)?;
    }
    // The npm page is written for users (install, one example per runtime); the repository's
    // README is the contributors' front door and the full documentation.
    fs::copy(template.join("README.md"), pkg.join("README.md")).map_err(io)?;
    for file in ["MIGRATION.md", "LICENSE-MIT", "LICENSE-APACHE"] {
        fs::copy(root.join(file), pkg.join(file)).map_err(io)?;
    }

    let version = crate_version(root)?;
    // Text substitution, not a JSON round trip: the exports map's key order is its meaning
    // (conditions are tried in order) and serde_json would sort it.
    let manifest = fs::read_to_string(template.join("package.json")).map_err(io)?;
    if !manifest.contains("\"version\": \"0.0.0\"") {
        return Err("pkg-template/package.json must carry \"version\": \"0.0.0\"".into());
    }
    let manifest = manifest.replacen(
        "\"version\": \"0.0.0\"",
        &format!("\"version\": \"{version}\""),
        1,
    );
    serde_json::from_str::<serde_json::Value>(&manifest)
        .map_err(|e| format!("package.json: {e}"))?;
    fs::write(pkg.join("package.json"), manifest).map_err(io)?;
    Ok(())
}

// Copies wasm-bindgen's snippets and returns the path of the copy named `wanted`.
fn copy_snippets(from: &Path, to: &Path, wanted: &str) -> Result<Option<PathBuf>> {
    let mut found = None;
    for entry in fs::read_dir(from).map_err(io)? {
        let entry = entry.map_err(io)?;
        let target = to.join(entry.file_name());
        if entry.file_type().map_err(io)?.is_dir() {
            fs::create_dir_all(&target).map_err(io)?;
            found = found.or(copy_snippets(&entry.path(), &target, wanted)?);
        } else {
            fs::copy(entry.path(), &target).map_err(io)?;
            if entry.file_name() == wanted {
                found = Some(target);
            }
        }
    }
    Ok(found)
}

// Value exports (functions, classes) and type-only exports of the generated .d.ts.
fn exported_names(dts: &str) -> (Vec<String>, Vec<String>) {
    let (mut values, mut types) = (Vec::new(), Vec::new());
    for line in dts.lines() {
        let mut words = line.split_whitespace();
        if words.next() != Some("export") {
            continue;
        }
        let (kind, name) = match (words.next(), words.next()) {
            (Some(k), Some(n)) => (k, n),
            _ => continue,
        };
        let name: String = name
            .chars()
            .take_while(|c| c.is_alphanumeric() || *c == '_')
            .collect();
        if name.is_empty() || INIT_EXPORTS.contains(&name.as_str()) {
            continue;
        }
        match kind {
            "function" | "class" => values.push(name),
            "type" | "interface" => types.push(name),
            _ => {}
        }
    }
    values.dedup();
    types.sort();
    types.dedup();
    (values, types)
}

fn crate_version(root: &Path) -> Result<String> {
    let toml = fs::read_to_string(root.join("Cargo.toml")).map_err(io)?;
    let after_package = toml
        .split("[package]")
        .nth(1)
        .ok_or("no [package] in Cargo.toml")?;
    after_package
        .lines()
        .find_map(|l| {
            l.trim()
                .strip_prefix("version = \"")
                .map(|v| v.trim_end_matches('"').to_owned())
        })
        .ok_or_else(|| "no package version in Cargo.toml".into())
}

/// Prints raw and gzipped sizes of what a browser downloads: wasm plus JS.
pub fn print_size(pkg: &Path) -> Result<(u64, u64)> {
    let wasm = fs::read(pkg.join("seismic_sdk_bg.wasm")).map_err(io)?;
    let mut js = Vec::new();
    for f in ["seismic_sdk.js", "browser.js", "freed.js"] {
        js.extend(fs::read(pkg.join(f)).map_err(io)?);
    }
    let errors = walk(&pkg.join("snippets"))?;
    for f in errors {
        js.extend(fs::read(f).map_err(io)?);
    }
    let (w, j) = (gzip(&wasm)?, gzip(&js)?);
    println!(
        "package size: wasm {:.1} KB ({:.1} KB gzipped) + JS {:.1} KB ({:.1} KB gzipped) = {:.1} KB gzipped",
        wasm.len() as f64 / 1024.0,
        w as f64 / 1024.0,
        js.len() as f64 / 1024.0,
        j as f64 / 1024.0,
        (w + j) as f64 / 1024.0
    );
    let inline = fs::read(pkg.join("inline.js")).map_err(io)?;
    println!(
        "inline entry (seismic-sdk/inline, wasm as base64 in the JS): {:.1} KB gzipped with the same glue",
        (gzip(&inline)? + j) as f64 / 1024.0
    );
    Ok((w, j))
}

fn walk(dir: &Path) -> Result<Vec<PathBuf>> {
    let mut out = Vec::new();
    for entry in fs::read_dir(dir).map_err(io)? {
        let path = entry.map_err(io)?.path();
        if path.is_dir() {
            out.extend(walk(&path)?);
        } else {
            out.push(path);
        }
    }
    Ok(out)
}

fn gzip(bytes: &[u8]) -> Result<u64> {
    let mut enc = flate2::write::GzEncoder::new(Vec::new(), flate2::Compression::best());
    enc.write_all(bytes).map_err(io)?;
    Ok(enc.finish().map_err(io)?.len() as u64)
}

fn io(e: std::io::Error) -> String {
    e.to_string()
}
