//! `seismic-sandbox` binary: parses flags/env (see `options`), starts the
//! server, prints a machine-readable `ready` line on stdout and
//! credentials on stderr (see `announce`), and runs until SIGINT/SIGTERM.

mod announce;
mod options;

use std::io::Write;
use std::process::ExitCode;

use seismic_sandbox::start;

use self::announce::{credentials_block, ready_line};
use self::options::{parse_args, Command, USAGE};

/// Resolves on SIGINT or (on Unix) SIGTERM.
async fn shutdown_signal() {
    #[cfg(unix)]
    {
        use tokio::signal::unix::{signal, SignalKind};
        match signal(SignalKind::terminate()) {
            Ok(mut term) => {
                tokio::select! {
                    _ = tokio::signal::ctrl_c() => {}
                    _ = term.recv() => {}
                }
            }
            Err(_) => {
                let _ = tokio::signal::ctrl_c().await;
            }
        }
    }
    #[cfg(not(unix))]
    {
        let _ = tokio::signal::ctrl_c().await;
    }
}

/// Exits 0 after `--help` or a clean shutdown, 2 on a bad command line
/// and 1 when the sandbox cannot start or stop.
#[tokio::main]
async fn main() -> ExitCode {
    let config = match parse_args(std::env::args().skip(1), |var| std::env::var(var).ok()) {
        Ok(Command::Help) => {
            print!("{USAGE}");
            return ExitCode::SUCCESS;
        }
        Ok(Command::Run(config)) => *config,
        Err(message) => {
            eprintln!("seismic-sandbox: {message}\n\n{USAGE}");
            return ExitCode::from(2);
        }
    };
    let running = match start(config).await {
        Ok(running) => running,
        Err(error) => {
            eprintln!("seismic-sandbox: cannot start: {error}");
            return ExitCode::FAILURE;
        }
    };
    eprint!("{}", credentials_block(&running));
    let mut stdout = std::io::stdout().lock();
    if writeln!(stdout, "{}", ready_line(&running))
        .and_then(|()| stdout.flush())
        .is_err()
    {
        eprintln!("seismic-sandbox: cannot write the ready line to stdout");
    }
    drop(stdout);
    shutdown_signal().await;
    eprintln!("seismic-sandbox: shutting down");
    match running.shutdown().await {
        Ok(()) => ExitCode::SUCCESS,
        Err(error) => {
            eprintln!("seismic-sandbox: {error}");
            ExitCode::FAILURE
        }
    }
}
