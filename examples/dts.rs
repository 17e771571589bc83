//! Writes the generated declaration files (`seismic_sdk::typescript::files`) into the
//! package: `cargo run --example dts -- <pkg dir>` (run by `cargo xtask build`). Fails,
//! writing nothing, when a table and its rows disagree.

use std::path::Path;

fn main() -> Result<(), String> {
    let dir = std::env::args().nth(1).ok_or("usage: dts <pkg dir>")?;
    for (name, text) in seismic_sdk::typescript::files::files()? {
        std::fs::write(Path::new(&dir).join(format!("{name}.d.ts")), text)
            .map_err(|e| e.to_string())?;
    }
    Ok(())
}
