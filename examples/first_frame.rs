//! Whole-process timing of a terminal program's first useful frame: starts COMMAND in a
//! pseudo-terminal and measures the time until its screen shows TEXT, RUNS times, then prints
//! the median. Used to compare gazette's start with another reader's on the same library.
//!
//! cargo run --release --example first_frame -- RUNS TEXT COMMAND [ARG...]
//! e.g. first_frame 5 '/100,000' target/release/gazette ~/lib100k
//!
//! The screen is kept by a terminal emulator (vt100), so TEXT must really be on screen, not
//! just somewhere in the output.

use std::io::Read;
use std::sync::mpsc;
use std::time::{Duration, Instant};

use portable_pty::{CommandBuilder, PtySize, native_pty_system};

fn main() {
    let args: Vec<String> = std::env::args().skip(1).collect();
    let [runs, text, command, rest @ ..] = args.as_slice() else {
        eprintln!("usage: first_frame RUNS TEXT COMMAND [ARG...]");
        std::process::exit(2);
    };
    let runs: usize = runs.parse().expect("RUNS is a number");
    let mut times: Vec<Duration> = (0..runs).map(|_| once(text, command, rest)).collect();
    times.sort();
    let shown: Vec<String> = times
        .iter()
        .map(|t| format!("{:.0}", t.as_secs_f64() * 1000.0))
        .collect();
    println!(
        "median {:.0} ms (runs, ms: {})",
        times[times.len() / 2].as_secs_f64() * 1000.0,
        shown.join(" ")
    );
}

fn once(text: &str, command: &str, args: &[String]) -> Duration {
    let (rows, cols) = (40, 140);
    let pair = native_pty_system()
        .openpty(PtySize {
            rows,
            cols,
            pixel_width: 0,
            pixel_height: 0,
        })
        .expect("a pseudo-terminal");
    // A relative path is taken from here, not searched for in PATH.
    let command = match std::fs::canonicalize(command) {
        Ok(path) if command.contains('/') => path.into_os_string(),
        _ => command.into(),
    };
    let mut cmd = CommandBuilder::new(command);
    cmd.cwd(std::env::current_dir().expect("a current folder"));
    cmd.args(args);
    cmd.env("TERM", "xterm-256color");
    let started = Instant::now();
    let mut child = pair.slave.spawn_command(cmd).expect("the command starts");
    drop(pair.slave);
    let mut reader = pair.master.try_clone_reader().expect("a reader");
    let (tx, rx) = mpsc::channel();
    std::thread::spawn(move || {
        let mut buf = [0u8; 65536];
        while let Ok(n) = reader.read(&mut buf) {
            if n == 0 || tx.send(buf[..n].to_vec()).is_err() {
                break;
            }
        }
    });
    let mut screen = vt100::Parser::new(rows.try_into().unwrap(), cols.try_into().unwrap(), 0);
    let elapsed = loop {
        match rx.recv_timeout(Duration::from_secs(120)) {
            Ok(bytes) => {
                screen.process(&bytes);
                if screen.screen().contents().contains(text) {
                    break started.elapsed();
                }
            }
            Err(_) => panic!(
                "{text:?} never appeared; the screen:\n{}",
                screen.screen().contents()
            ),
        }
    };
    let _ = child.kill();
    let _ = child.wait();
    elapsed
}
