//! Key-to-frame latency of the reader: starts gazette in a pseudo-terminal on a library,
//! waits until the library and its index are loaded, then presses keys one at a time and
//! times each from the key's bytes written to the first bytes of the frame that answers it.
//! Prints the median, p99 and worst per key.
//!
//! cargo run --release --example key_latency -- [--cycle|--fetch] RUNS GAZETTE [ARG...]
//! e.g. key_latency 200 target/release/gazette --state-dir S --cache-dir C ~/lib100k
//!
//! Keys: j (move), Enter (open), J (next article), b (bookmark), / (search prompt, then
//! Esc). Each press waits for the screen to go quiet before the next, so presses never queue.
//!
//! `--fetch` presses `R` first and times j, Enter, Esc and b in turn while the fetch runs, up to
//! RUNS presses of each (see `during`); `--cycle` times the same cycle without a fetch, for
//! the baseline. Both time each key to the frame that shows its effect, not to the first
//! bytes after it, since the fetch's progress redraws the status bar meanwhile.

#[path = "key_latency/during.rs"]
mod during;

use std::io::{Read, Write};
use std::sync::mpsc::{self, Receiver};
use std::time::{Duration, Instant};

use portable_pty::{CommandBuilder, PtySize, native_pty_system};

fn main() {
    let mut args: Vec<String> = std::env::args().skip(1).collect();
    let mode = match args.first().map(String::as_str) {
        Some("--fetch") => Some(true),
        Some("--cycle") => Some(false),
        _ => None,
    };
    if mode.is_some() {
        args.remove(0);
    }
    let [runs, command, rest @ ..] = args.as_slice() else {
        eprintln!("usage: key_latency [--cycle|--fetch] RUNS GAZETTE [ARG...]");
        std::process::exit(2);
    };
    let runs: usize = runs.parse().expect("RUNS is a number");
    let (rows, cols) = (48, 160);
    let pair = native_pty_system()
        .openpty(PtySize {
            rows,
            cols,
            pixel_width: 0,
            pixel_height: 0,
        })
        .expect("a pseudo-terminal");
    let mut cmd = CommandBuilder::new(std::fs::canonicalize(command).expect("GAZETTE exists"));
    cmd.cwd(std::env::current_dir().expect("a current folder"));
    cmd.args(rest);
    cmd.env("TERM", "xterm-256color");
    let mut child = pair.slave.spawn_command(cmd).expect("gazette starts");
    drop(pair.slave);
    let mut keys = pair.master.take_writer().expect("a writer");
    let mut reader = pair.master.try_clone_reader().expect("a reader");
    let (tx, rx) = mpsc::channel();
    std::thread::spawn(move || {
        let mut buf = [0u8; 65536];
        while let Ok(n) = reader.read(&mut buf) {
            if n == 0 || tx.send((Instant::now(), buf[..n].to_vec())).is_err() {
                break;
            }
        }
    });
    let mut screen = vt100::Parser::new(rows.try_into().unwrap(), cols.try_into().unwrap(), 0);
    // Loaded: the list is on screen and the status bar no longer says loading or indexing.
    let deadline = Instant::now() + Duration::from_secs(600);
    loop {
        assert!(
            Instant::now() < deadline,
            "the library never finished loading"
        );
        if let Ok((_, bytes)) = rx.recv_timeout(Duration::from_millis(200)) {
            screen.process(&bytes);
        }
        let text = screen.screen().contents();
        let status = text.lines().last().unwrap_or("");
        if text.contains("Headlines") && !status.contains("loading") && !status.contains("indexing")
        {
            quiet(&rx, &mut screen);
            break;
        }
    }
    // A watched library is read once more when its watches are in place (and indexed again):
    // keys are timed after that, not while it competes for the processor.
    let deadline = Instant::now() + Duration::from_secs(60);
    while Instant::now() < deadline {
        let text = screen.screen().contents();
        if text.lines().last().unwrap_or("").contains("watching") {
            break;
        }
        if let Ok((_, bytes)) = rx.recv_timeout(Duration::from_millis(200)) {
            screen.process(&bytes);
        }
    }
    quiet(&rx, &mut screen);
    if let Some(fetch) = mode {
        during::run(fetch, runs, &mut keys, &rx, &mut screen);
        let _ = keys.write_all(b"q");
        let _ = child.kill();
        let _ = child.wait();
        return;
    }
    let presses: [(&str, &[u8]); 5] = [
        ("j", b"j"),
        ("Enter", b"\r"),
        ("J", b"J"),
        ("b", b"b"),
        ("/", b"/"),
    ];
    for (name, bytes) in presses {
        let mut times = Vec::with_capacity(runs);
        for _ in 0..runs {
            times.push(press(&mut keys, bytes, &rx, &mut screen));
            match name {
                // Back to the list, so that the next Enter opens again.
                "Enter" => drop(press(&mut keys, b"\x1b", &rx, &mut screen)),
                "/" => drop(press(&mut keys, b"\x1b", &rx, &mut screen)),
                _ => {}
            }
        }
        times.sort();
        let ms = |d: Duration| d.as_secs_f64() * 1000.0;
        println!(
            "{name:>5}: median {:.2} ms  p99 {:.2} ms  worst {:.2} ms  ({runs} presses)",
            ms(times[times.len() / 2]),
            ms(times[(times.len() * 99 / 100).min(times.len() - 1)]),
            ms(times[times.len() - 1]),
        );
    }
    let _ = keys.write_all(b"q");
    let _ = child.kill();
    let _ = child.wait();
}

/// Presses a key and returns the time to the first bytes of the answering frame.
fn press(
    keys: &mut Box<dyn Write + Send>,
    bytes: &[u8],
    rx: &Receiver<(Instant, Vec<u8>)>,
    screen: &mut vt100::Parser,
) -> Duration {
    let sent = Instant::now();
    keys.write_all(bytes).expect("the key is written");
    keys.flush().expect("the key is sent");
    let (at, first) = rx
        .recv_timeout(Duration::from_secs(30))
        .expect("a frame answers the key");
    screen.process(&first);
    quiet(rx, screen);
    at.duration_since(sent)
}

/// Reads until the screen has been quiet for a moment: the frame, and anything after it.
pub fn quiet(rx: &Receiver<(Instant, Vec<u8>)>, screen: &mut vt100::Parser) {
    while let Ok((_, bytes)) = rx.recv_timeout(Duration::from_millis(60)) {
        screen.process(&bytes);
    }
}
