//! Starting `seismic-sandbox` as a child process on a free loopback port.

use std::io::{BufRead, BufReader};
use std::path::PathBuf;
use std::process::{Child, Command, Stdio};
use std::time::Duration;

use crate::procs;
use crate::util::{root, run, step, Result};

/// Builds the release binary; answers its path.
pub fn build() -> Result<PathBuf> {
    run(Command::new(env!("CARGO")).current_dir(root()).args([
        "build",
        "--release",
        "-q",
        "-p",
        "seismic-sandbox",
    ]))?;
    Ok(root().join("target/release/seismic-sandbox"))
}

/// A running sandbox; stopped when dropped (and sent SIGTERM by the kernel if xtask dies).
pub struct Sandbox {
    child: Child,
    /// `http://127.0.0.1:PORT`.
    pub url: String,
    /// The ready line's JSON (credentials of the default tenants).
    pub ready: serde_json::Value,
}

impl Sandbox {
    /// Builds (release) and starts the sandbox; returns once it printed its ready line.
    pub fn start() -> Result<Self> {
        step("building and starting seismic-sandbox");
        let mut child = procs::isolate(&mut Command::new(build()?))
            .args(["--host", "127.0.0.1", "--port", "0"])
            .stdout(Stdio::piped())
            .stderr(Stdio::null())
            .spawn()
            .map_err(|e| format!("cannot start seismic-sandbox: {e}"))?;
        let stdout = child.stdout.take().ok_or("sandbox stdout missing")?;
        let mut line = String::new();
        BufReader::new(stdout)
            .read_line(&mut line)
            .map_err(|e| e.to_string())?;
        let ready: serde_json::Value =
            serde_json::from_str(&line).map_err(|e| format!("sandbox ready line {line:?}: {e}"))?;
        let url = ready["url"]
            .as_str()
            .ok_or("sandbox ready line has no url")?
            .to_owned();
        eprintln!("sandbox at {url}");
        Ok(Self { child, url, ready })
    }

    /// `Some(status)` once the sandbox has exited.
    pub fn exited(&mut self) -> Option<std::process::ExitStatus> {
        self.child.try_wait().ok().flatten()
    }

    /// Environment variables the JS runners read.
    pub fn env(&self) -> Vec<(&'static str, String)> {
        let s = |v: &serde_json::Value| v.as_str().unwrap_or_default().to_owned();
        vec![
            ("SEISMIC_SANDBOX_URL", self.url.clone()),
            (
                "SEISMIC_SANDBOX_NOACCESS_KEY",
                s(&self.ready["envelope"]["noAccessApiKey"]),
            ),
            (
                "SEISMIC_SANDBOX_ENVELOPE_API_KEY",
                s(&self.ready["envelope"]["apiKey"]),
            ),
            (
                "SEISMIC_SANDBOX_ENVELOPE_KEY",
                s(&self.ready["envelope"]["encryptionKey"]),
            ),
            (
                "SEISMIC_SANDBOX_STORED_VALUE_API_KEY",
                s(&self.ready["storedValue"]["apiKey"]),
            ),
            (
                "SEISMIC_SANDBOX_WIDGET_ORIGIN",
                s(&self.ready["cards"]["widgetOrigin"]),
            ),
        ]
    }
}

impl Drop for Sandbox {
    fn drop(&mut self) {
        procs::stop_group(&mut self.child, Duration::from_secs(5));
    }
}
