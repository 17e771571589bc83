//! `cargo xtask demo`: builds the package, starts the sandbox, creates the demo's data, starts
//! the edge Worker in workerd, runs the Node walkthrough, then serves `www/` until Ctrl-C, which
//! stops every child (sandbox, Worker with its workerd, web server).

use std::net::TcpListener;
use std::path::{Path, PathBuf};
use std::process::Command;
use std::thread;
use std::time::Duration;

use crate::procs::{self, Service};
use crate::sandbox::Sandbox;
use crate::util::{root, step, Result};
use crate::{build, tools};

/// How long workerd (Miniflare) or the web server may take to print their ready line.
const READY_TIMEOUT: Duration = Duration::from_secs(90);

/// The demo's data in the sandbox (`www/demo/setup.mjs`) and the edge Worker holding its secrets.
pub struct Edge {
    /// The Worker (`www/edge/run.mjs`), stopped when dropped.
    pub service: Service,
    /// setup.mjs's answer: `{ edgeEnv, dashboard: { email, password, orgId }, cards, cardsProgram }`.
    pub setup: serde_json::Value,
    setup_line: String,
}

impl Edge {
    /// Environment for the walkthrough: the Worker's URL and the demo data.
    pub fn walkthrough_env(&self) -> Vec<(&'static str, String)> {
        vec![
            ("SEISMIC_EDGE_URL", self.service.url.clone()),
            ("SEISMIC_DEMO_SETUP", self.setup_line.clone()),
        ]
    }
}

/// Creates the demo data in `sandbox` and starts the edge Worker on it; `allowed_origins`
/// (comma-separated, may be empty) is the Worker's CORS allow-list.
pub fn start_edge(sandbox: &Sandbox, pkg: &Path, allowed_origins: &str) -> Result<Edge> {
    step("demo data: Cards program, account, cardholder, cards; orchestration org (www/demo/setup.mjs)");
    let out = procs::run_step(
        "www/demo/setup.mjs",
        Command::new("node")
            .arg(root().join("www/demo/setup.mjs"))
            .envs(sandbox.env())
            .env("SEISMIC_PKG_DIR", pkg),
        true,
    )?;
    let setup_line = out
        .lines()
        .rev()
        .find(|l| l.trim_start().starts_with('{'))
        .ok_or("www/demo/setup.mjs printed no JSON")?
        .to_owned();
    let setup: serde_json::Value =
        serde_json::from_str(&setup_line).map_err(|e| format!("setup.mjs output: {e}"))?;

    step("edge Worker in workerd (www/edge/run.mjs)");
    eprintln!("starting workerd (Miniflare)…");
    let mut worker = Command::new("node");
    worker
        .arg(root().join("www/edge/run.mjs"))
        .args(["--port", "0"])
        .env("SEISMIC_PKG_DIR", pkg)
        .env("ALLOWED_ORIGIN", allowed_origins);
    if let Some(vars) = setup["edgeEnv"].as_object() {
        for (name, value) in vars {
            worker.env(name, value.as_str().unwrap_or_default());
        }
    }
    let service = Service::start("edge", &mut worker, READY_TIMEOUT)?;
    eprintln!("edge Worker at {}", service.url);
    Ok(Edge {
        service,
        setup,
        setup_line,
    })
}

/// A free loopback port (SEISMIC_WWW_PORT when set).
fn www_port() -> Result<u16> {
    if let Ok(port) = std::env::var("SEISMIC_WWW_PORT") {
        return port
            .parse()
            .map_err(|_| format!("SEISMIC_WWW_PORT={port:?} is not a port"));
    }
    let listener = TcpListener::bind(("127.0.0.1", 0)).map_err(|e| e.to_string())?;
    Ok(listener.local_addr().map_err(|e| e.to_string())?.port())
}

/// Runs the demo until Ctrl-C. `--no-build` reuses the package already in `pkg/`
/// (or `SEISMIC_PKG_DIR`), e.g. while working on `www/`.
pub fn run(args: &[String]) -> Result<()> {
    let pkg = match args {
        [] => build::run()?,
        [flag] if flag == "--no-build" => std::env::var_os("SEISMIC_PKG_DIR")
            .map(PathBuf::from)
            .unwrap_or_else(|| root().join("pkg")),
        _ => {
            return Err(format!(
                "demo: unknown arguments {args:?} (only --no-build)"
            ))
        }
    };
    if !pkg.join("node.js").is_file() {
        return Err(format!(
            "no built package in {} (run `cargo xtask build`)",
            pkg.display()
        ));
    }
    tools::node_modules()?;
    procs::catch_signals();
    match serve(&pkg) {
        Err(e) if e == "interrupted" => {
            eprintln!("\ninterrupted: everything started was stopped");
            Err(e)
        }
        other => other,
    }
}

fn serve(pkg: &Path) -> Result<()> {
    let mut sandbox = Sandbox::start()?;
    let port = www_port()?;
    let origins = format!("http://127.0.0.1:{port},http://localhost:{port}");
    let mut edge = start_edge(&sandbox, pkg, &origins)?;

    step("walkthrough (www/demo/walkthrough.mjs)");
    procs::run_step(
        "walkthrough",
        Command::new("node")
            .arg(root().join("www/demo/walkthrough.mjs"))
            .envs(sandbox.env())
            .env("SEISMIC_PKG_DIR", pkg)
            .envs(edge.walkthrough_env()),
        false,
    )?;

    step("serving www/ (www/serve.mjs)");
    let widget_origin = sandbox.ready["cards"]["widgetOrigin"]
        .as_str()
        .unwrap_or_default()
        .to_owned();
    let mut www = Service::start(
        "www",
        Command::new("node")
            .arg(root().join("www/serve.mjs"))
            .args(["--port", &port.to_string()])
            .arg("--pkg")
            .arg(pkg)
            .args(["--sandbox-url", &sandbox.url])
            .args(["--edge-url", &edge.service.url])
            .args(["--widget-origin", &widget_origin]),
        READY_TIMEOUT,
    )?;

    let login = &edge.setup["dashboard"];
    let text = |v: &serde_json::Value| v.as_str().unwrap_or("?").to_owned();
    println!();
    println!("  open        {}/dashboard/", www.url);
    println!(
        "  log in as   {}  /  {}",
        text(&login["email"]),
        text(&login["password"])
    );
    println!("  edge Worker {}", edge.service.url);
    println!(
        "  sandbox     {} (widget origin {widget_origin})",
        sandbox.url
    );
    println!("\n  Ctrl-C stops the web server, the edge Worker and the sandbox.");

    while !procs::stop_requested() {
        for service in [&mut www, &mut edge.service] {
            if let Some(status) = service.exited() {
                return Err(format!("{} stopped by itself ({status})", service.name()));
            }
        }
        if let Some(status) = sandbox.exited() {
            return Err(format!("the sandbox stopped by itself ({status})"));
        }
        thread::sleep(Duration::from_millis(200));
    }
    eprintln!("\nstopping the web server, the edge Worker and the sandbox…");
    drop(www);
    drop(edge);
    drop(sandbox);
    eprintln!("stopped");
    Ok(())
}
