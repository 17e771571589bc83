//! Child processes that must never outlive xtask. Each runs in its own process group (so a
//! Ctrl-C reaches xtask alone, which then stops the children in order, grandchildren such as
//! workerd included) and gets SIGTERM from the kernel if xtask dies first (PR_SET_PDEATHSIG).

use std::io::{BufRead, BufReader, Read};
use std::os::unix::process::CommandExt;
use std::process::{Child, Command, ExitStatus, Stdio};
use std::sync::atomic::{AtomicBool, Ordering};
use std::sync::mpsc;
use std::thread;
use std::time::{Duration, Instant};

use crate::util::Result;

static STOP: AtomicBool = AtomicBool::new(false);

extern "C" fn on_signal(_: libc::c_int) {
    STOP.store(true, Ordering::SeqCst);
}

/// From now on SIGINT, SIGTERM and SIGHUP only set a flag ([`stop_requested`]).
pub fn catch_signals() {
    let handler = on_signal as extern "C" fn(libc::c_int) as libc::sighandler_t;
    for signal in [libc::SIGINT, libc::SIGTERM, libc::SIGHUP] {
        // SAFETY: the handler only stores to an atomic, which is async-signal-safe.
        unsafe {
            libc::signal(signal, handler);
        }
    }
}

/// Whether a stop signal arrived since [`catch_signals`].
pub fn stop_requested() -> bool {
    STOP.load(Ordering::SeqCst)
}

/// Puts the child of `cmd` in a process group of its own, and has the kernel send it SIGTERM
/// when xtask dies.
pub fn isolate(cmd: &mut Command) -> &mut Command {
    cmd.process_group(0);
    // SAFETY: prctl and getppid are async-signal-safe; nothing else runs between fork and exec.
    unsafe {
        cmd.pre_exec(|| {
            if libc::prctl(libc::PR_SET_PDEATHSIG, libc::SIGTERM) != 0 {
                return Err(std::io::Error::last_os_error());
            }
            Ok(())
        });
    }
    cmd
}

/// Sends SIGTERM to the child's whole group, waits up to `grace`, then SIGKILLs the group.
pub fn stop_group(child: &mut Child, grace: Duration) {
    let Ok(pgid) = i32::try_from(child.id()) else {
        let _ = child.kill();
        let _ = child.wait();
        return;
    };
    // SAFETY: kill(2) on our own child's process group (negative pid).
    unsafe {
        libc::kill(-pgid, libc::SIGTERM);
    }
    let deadline = Instant::now() + grace;
    let mut exited = false;
    while Instant::now() < deadline {
        if matches!(child.try_wait(), Ok(Some(_))) {
            exited = true;
            break;
        }
        thread::sleep(Duration::from_millis(50));
    }
    // The leader may be gone while a grandchild lingers: the group gets SIGKILL either way.
    // SAFETY: as above; ESRCH (nobody left) is fine.
    unsafe {
        libc::kill(-pgid, libc::SIGKILL);
    }
    if !exited {
        let _ = child.wait();
    }
}

/// A long-running child that announced itself with a JSON ready line
/// (`{"event":"ready","url":…}`); stopped (with its process group) when dropped.
pub struct Service {
    name: String,
    child: Child,
    /// The `url` of the ready line.
    pub url: String,
    /// The whole ready line.
    pub ready: serde_json::Value,
}

impl Service {
    /// Starts `cmd` isolated, waits up to `timeout` for its ready line; later stdout lines are
    /// echoed to stderr prefixed with `[name]`. A stop signal while waiting aborts the start.
    pub fn start(name: &str, cmd: &mut Command, timeout: Duration) -> Result<Self> {
        isolate(cmd).stdout(Stdio::piped());
        let mut child = cmd
            .spawn()
            .map_err(|e| format!("cannot start {name}: {e}"))?;
        let stdout = child
            .stdout
            .take()
            .ok_or_else(|| format!("{name}: no stdout"))?;
        let (tx, rx) = mpsc::channel::<String>();
        let label = name.to_owned();
        thread::spawn(move || {
            let mut announced = false;
            for line in BufReader::new(stdout)
                .lines()
                .map_while(std::result::Result::ok)
            {
                if !announced && line.trim_start().starts_with('{') && line.contains("\"ready\"") {
                    announced = true;
                    let _ = tx.send(line);
                } else {
                    eprintln!("[{label}] {line}");
                }
            }
        });
        let started = Instant::now();
        let mut service = Self {
            name: name.to_owned(),
            child,
            url: String::new(),
            ready: serde_json::Value::Null,
        };
        loop {
            match rx.recv_timeout(Duration::from_millis(200)) {
                Ok(line) => {
                    let ready: serde_json::Value = serde_json::from_str(&line)
                        .map_err(|e| format!("{name}: ready line {line:?}: {e}"))?;
                    service.url = ready["url"]
                        .as_str()
                        .ok_or_else(|| format!("{name}: ready line without url: {line}"))?
                        .trim_end_matches('/')
                        .to_owned();
                    service.ready = ready;
                    return Ok(service);
                }
                Err(mpsc::RecvTimeoutError::Timeout) => {}
                Err(mpsc::RecvTimeoutError::Disconnected) => {
                    let status = service.child.wait().map_err(|e| e.to_string())?;
                    return Err(format!("{name} exited ({status}) before it was ready"));
                }
            }
            if stop_requested() {
                return Err("interrupted".into());
            }
            if started.elapsed() > timeout {
                return Err(format!("{name} was not ready after {timeout:?}"));
            }
        }
    }

    /// `Some(status)` once the child has exited.
    pub fn exited(&mut self) -> Option<ExitStatus> {
        self.child.try_wait().ok().flatten()
    }

    /// The name it was started with.
    pub fn name(&self) -> &str {
        &self.name
    }
}

impl Drop for Service {
    fn drop(&mut self) {
        stop_group(&mut self.child, Duration::from_secs(5));
    }
}

/// Runs `cmd` isolated to completion (stderr inherited). With `capture`, returns its stdout;
/// otherwise stdout is inherited. A stop signal stops it and fails with "interrupted".
pub fn run_step(name: &str, cmd: &mut Command, capture: bool) -> Result<String> {
    isolate(cmd);
    if capture {
        cmd.stdout(Stdio::piped());
    }
    let mut child = cmd
        .spawn()
        .map_err(|e| format!("cannot start {name}: {e}"))?;
    let reader = child.stdout.take().map(|mut stdout| {
        thread::spawn(move || {
            let mut text = String::new();
            let _ = stdout.read_to_string(&mut text);
            text
        })
    });
    loop {
        if let Some(status) = child.try_wait().map_err(|e| e.to_string())? {
            let text = reader
                .map(|r| r.join().unwrap_or_default())
                .unwrap_or_default();
            return if status.success() {
                Ok(text)
            } else {
                Err(format!("{name} failed ({status})"))
            };
        }
        if stop_requested() {
            stop_group(&mut child, Duration::from_secs(5));
            return Err("interrupted".into());
        }
        thread::sleep(Duration::from_millis(100));
    }
}
