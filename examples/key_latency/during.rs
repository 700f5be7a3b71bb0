//! Key-to-frame latency while something else redraws the screen (a fetch's progress, new
//! articles listed as they arrive): each key is timed to the first frame that shows its own
//! effect. j and b change the selected row (the next headline; the bookmark star), Enter and
//! Esc move the focused frame between the list and the article. A fetch changes neither: the
//! reader keeps the selected article when the list grows, and the focus stays put.

use std::io::Write;
use std::sync::mpsc::Receiver;
use std::time::{Duration, Instant};

/// The colour of the selected row and of the focused frame in the default (dark) theme.
const CYAN: vt100::Color = vt100::Color::Idx(6);
/// A key with no answer after this long is counted as unanswered.
const NO_ANSWER: Duration = Duration::from_secs(10);

#[derive(Clone, Copy)]
enum Shows {
    /// The selected row's text changes.
    Row,
    /// The focused frame moves.
    Focus,
}

const CYCLE: [(&str, &[u8], Shows); 4] = [
    ("j", b"j", Shows::Row),
    ("Enter", b"\r", Shows::Focus),
    ("Esc", b"\x1b", Shows::Focus),
    ("b", b"b", Shows::Row),
];

/// Presses the cycle of keys (after `R` when `fetch`) until each key has `runs` presses or
/// the fetch has ended, and prints each key's median, p99 and worst.
pub fn run(
    fetch: bool,
    runs: usize,
    keys: &mut Box<dyn Write + Send>,
    rx: &Receiver<(Instant, Vec<u8>)>,
    screen: &mut vt100::Parser,
) {
    let started = Instant::now();
    if fetch {
        send(keys, b"R");
        wait(rx, screen, Duration::from_secs(30), |s| {
            status(s).contains("fetching feeds")
        })
        .expect("R starts a fetch");
    }
    let mut times: Vec<Vec<Duration>> = vec![Vec::new(); CYCLE.len()];
    let mut unanswered = 0;
    let mut ended = None;
    'presses: while times.iter().any(|t| t.len() < runs) {
        for (i, (_, bytes, shows)) in CYCLE.iter().enumerate() {
            if fetch && fetch_ended(screen) {
                ended = Some(started.elapsed());
                break 'presses;
            }
            let before = signature(screen.screen(), *shows);
            let sent = Instant::now();
            send(keys, bytes);
            match wait(rx, screen, NO_ANSWER, |s| signature(s, *shows) != before) {
                Some(at) => times[i].push(at.duration_since(sent)),
                None => unanswered += 1,
            }
            // Let the frame finish before the next key, without waiting for quiet: a fetch
            // keeps the screen busy.
            std::thread::sleep(Duration::from_millis(5));
            while let Ok((_, bytes)) = rx.try_recv() {
                screen.process(&bytes);
            }
        }
    }
    let ms = |d: Duration| d.as_secs_f64() * 1000.0;
    for ((name, ..), mut t) in CYCLE.iter().zip(times) {
        if t.is_empty() {
            println!("{name:>5}: no presses");
            continue;
        }
        t.sort();
        println!(
            "{name:>5}: median {:.2} ms  p99 {:.2} ms  worst {:.2} ms  ({} presses)",
            ms(t[t.len() / 2]),
            ms(t[(t.len() * 99 / 100).min(t.len() - 1)]),
            ms(t[t.len() - 1]),
            t.len()
        );
    }
    println!("unanswered within {} s: {unanswered}", NO_ANSWER.as_secs());
    if fetch {
        match ended {
            Some(d) => println!(
                "the fetch ended {:.1} s after R: {}",
                d.as_secs_f64(),
                status(screen.screen()).trim()
            ),
            None => println!("the fetch was still running after the last press"),
        }
    }
}

fn send(keys: &mut Box<dyn Write + Send>, bytes: &[u8]) {
    keys.write_all(bytes).expect("the key is written");
    keys.flush().expect("the key is sent");
}

/// Reads frames until `ready` holds; returns when the bytes that made it hold arrived.
fn wait(
    rx: &Receiver<(Instant, Vec<u8>)>,
    screen: &mut vt100::Parser,
    within: Duration,
    ready: impl Fn(&vt100::Screen) -> bool,
) -> Option<Instant> {
    let deadline = Instant::now() + within;
    loop {
        let left = deadline.checked_duration_since(Instant::now())?;
        let (at, bytes) = rx.recv_timeout(left).ok()?;
        screen.process(&bytes);
        if ready(screen.screen()) {
            return Some(at);
        }
    }
}

fn status(screen: &vt100::Screen) -> String {
    let (rows, cols) = size(screen);
    screen.contents_between(rows - 1, 0, rows - 1, cols)
}

/// The fetch's last line ("fetched 50 feed(s): ..." or "feeds not fetched: ...").
fn fetch_ended(screen: &vt100::Parser) -> bool {
    let line = status(screen.screen());
    line.contains("fetched ") && line.contains("feed(s)") || line.contains("feeds not fetched")
}

/// What a key of kind `shows` changes: the selected row's text, or where the focused
/// frame is (the first and last column of the focused colour's box-drawing characters).
fn signature(screen: &vt100::Screen, shows: Shows) -> String {
    let (rows, cols) = size(screen);
    match shows {
        Shows::Row => {
            let row = (0..rows - 1)
                .max_by_key(|&r| {
                    (0..cols)
                        .filter(|&c| screen.cell(r, c).is_some_and(|x| x.bgcolor() == CYAN))
                        .count()
                })
                .unwrap_or(0);
            (0..cols)
                .filter_map(|c| screen.cell(row, c))
                .filter(|x| x.bgcolor() == CYAN)
                .map(|x| x.contents())
                .collect()
        }
        Shows::Focus => {
            let frame: Vec<u16> = (0..rows - 1)
                .flat_map(|r| (0..cols).map(move |c| (r, c)))
                .filter(|&(r, c)| {
                    screen.cell(r, c).is_some_and(|x| {
                        x.fgcolor() == CYAN
                            && !x.contents().is_empty()
                            && "─│┌┐└┘╭╮╰╯".contains(x.contents())
                    })
                })
                .map(|(_, c)| c)
                .collect();
            format!("{:?}-{:?}", frame.iter().min(), frame.iter().max())
        }
    }
}

fn size(screen: &vt100::Screen) -> (u16, u16) {
    let (rows, cols) = screen.size();
    (u16::from(rows), u16::from(cols))
}
