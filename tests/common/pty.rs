//! The real binary in a pseudo-terminal, its output read back through a terminal emulator
//! (vt100): shared by the test crates that drive the reader as a person would, each using
//! part of it.
#![allow(dead_code)]

use std::io::{Read, Write};
use std::path::Path;
use std::sync::mpsc::{self, Receiver};
use std::sync::{Arc, Mutex};
use std::time::{Duration, Instant};

use portable_pty::{Child, CommandBuilder, MasterPty, PtySize, native_pty_system};

/// A gazette process in a pseudo-terminal.
pub struct Session {
    master: Box<dyn MasterPty + Send>,
    writer: Box<dyn Write + Send>,
    child: Box<dyn Child + Send + Sync>,
    output: Arc<Mutex<Vec<u8>>>,
    /// Says when the output has ended (the process and every holder of the terminal are gone).
    ended: Receiver<()>,
    /// The terminal emulator, fed with the output as it arrives.
    parser: Mutex<(vt100::Parser, usize)>,
}

/// Only for a test that fails to fail rather than hang: the slowest machine gets this long.
pub const DEADLINE: Duration = Duration::from_secs(90);

pub fn size(cols: u16, rows: u16) -> PtySize {
    PtySize {
        rows,
        cols,
        pixel_width: 0,
        pixel_height: 0,
    }
}

impl Session {
    pub fn start(args: &[&str], state: &Path, cols: u16, rows: u16) -> Session {
        Session::start_in(None, args, state, cols, rows)
    }

    /// `start` with the process's current folder `cwd` (for relative library folders).
    pub fn start_in(
        cwd: Option<&Path>,
        args: &[&str],
        state: &Path,
        cols: u16,
        rows: u16,
    ) -> Session {
        let pair = native_pty_system().openpty(size(cols, rows)).unwrap();
        let mut cmd = CommandBuilder::new(env!("CARGO_BIN_EXE_gazette"));
        if let Some(cwd) = cwd {
            cmd.cwd(cwd);
        }
        cmd.args(args);
        cmd.arg("--state-dir");
        cmd.arg(state);
        cmd.env("TERM", "xterm-256color");
        // No user config: defaults.
        cmd.env_remove("GAZETTE_CONFIG");
        // Nor the user's browser.
        cmd.env_remove("BROWSER");
        cmd.env("XDG_CONFIG_HOME", state.join("config"));
        cmd.env("XDG_CACHE_HOME", state.join("cache"));
        // Nor the user's saved pages or feeds.
        cmd.env("XDG_DATA_HOME", state.join("data"));
        let child = pair.slave.spawn_command(cmd).unwrap();
        drop(pair.slave);
        let mut reader = pair.master.try_clone_reader().unwrap();
        let output = Arc::new(Mutex::new(Vec::new()));
        let sink = output.clone();
        let (end, ended) = mpsc::channel();
        std::thread::spawn(move || {
            let mut buf = [0u8; 8192];
            while let Ok(n) = reader.read(&mut buf) {
                if n == 0 {
                    break;
                }
                sink.lock().unwrap().extend_from_slice(&buf[..n]);
            }
            let _ = end.send(());
        });
        let writer = pair.master.take_writer().unwrap();
        let parser = vt100::Parser::new(rows.try_into().unwrap(), cols.try_into().unwrap(), 0);
        Session {
            master: pair.master,
            writer,
            child,
            output,
            ended,
            parser: Mutex::new((parser, 0)),
        }
    }

    /// The screen as the terminal shows it now.
    pub fn screen(&self) -> String {
        let output = self.output.lock().unwrap();
        let mut guard = self.parser.lock().unwrap();
        let (parser, seen) = &mut *guard;
        parser.process(&output[*seen..]);
        *seen = output.len();
        parser.screen().contents()
    }

    pub fn wait_for(&self, text: &str) -> String {
        self.wait_for_all(&[text])
    }

    /// Waits for one screen that shows every text at once: a frame can arrive in pieces, so
    /// one text on screen does not mean the rest of its frame is.
    pub fn wait_for_all(&self, texts: &[&str]) -> String {
        self.wait_until(&format!("{texts:?}"), |screen| {
            texts.iter().all(|t| screen.contains(t))
        })
    }

    pub fn wait_until(&self, what: &str, done: impl Fn(&str) -> bool) -> String {
        let start = Instant::now();
        loop {
            let screen = self.screen();
            if done(&screen) {
                return screen;
            }
            assert!(
                start.elapsed() < DEADLINE,
                "never saw {what}; screen:\n{screen}"
            );
            std::thread::sleep(Duration::from_millis(30));
        }
    }

    /// Waits until the output holds `bytes` after position `from`.
    pub fn wait_for_bytes(&self, from: usize, bytes: &[u8]) {
        let start = Instant::now();
        while !contains(&self.raw()[from..], bytes) {
            assert!(
                start.elapsed() < DEADLINE,
                "never wrote {:?}",
                String::from_utf8_lossy(bytes)
            );
            std::thread::sleep(Duration::from_millis(30));
        }
    }

    pub fn pid(&self) -> String {
        self.child.process_id().unwrap().to_string()
    }

    pub fn signal(&self, signal: &str) {
        let ok = std::process::Command::new("kill")
            .args([signal, &self.pid()])
            .status()
            .unwrap()
            .success();
        assert!(ok, "kill {signal}");
    }

    /// Waits until the process is stopped (job control), as the kernel says.
    pub fn wait_stopped(&self) {
        let start = Instant::now();
        let stat = format!("/proc/{}/stat", self.pid());
        loop {
            let text = std::fs::read_to_string(&stat).unwrap_or_default();
            // "pid (comm) STATE ...": the state follows the last parenthesis.
            let state = text.rsplit(')').next().unwrap_or("").trim_start();
            if state.starts_with('T') {
                return;
            }
            assert!(start.elapsed() < DEADLINE, "gazette never stopped: {text}");
            std::thread::sleep(Duration::from_millis(30));
        }
    }

    pub fn keys(&mut self, keys: &str) {
        self.writer.write_all(keys.as_bytes()).unwrap();
        self.writer.flush().unwrap();
        std::thread::sleep(Duration::from_millis(150));
    }

    pub fn resize(&mut self, cols: u16, rows: u16) {
        self.screen();
        self.parser
            .lock()
            .unwrap()
            .0
            .screen_mut()
            .set_size(rows.try_into().unwrap(), cols.try_into().unwrap());
        self.master.resize(size(cols, rows)).unwrap();
    }

    /// Waits for the process to exit and for the last byte it wrote.
    pub fn wait_exit(&mut self) -> portable_pty::ExitStatus {
        let start = Instant::now();
        loop {
            if let Some(status) = self.child.try_wait().unwrap() {
                self.ended
                    .recv_timeout(DEADLINE)
                    .expect("the output ends once gazette is gone");
                return status;
            }
            assert!(start.elapsed() < DEADLINE, "gazette did not exit");
            std::thread::sleep(Duration::from_millis(30));
        }
    }

    pub fn raw(&self) -> Vec<u8> {
        self.output.lock().unwrap().clone()
    }
}

pub fn contains(haystack: &[u8], needle: &[u8]) -> bool {
    haystack.windows(needle.len()).any(|w| w == needle)
}
