//! The reader's background threads: terminal input, whole articles read off the UI thread,
//! the library loaded and watched, signals. Each reports to the event loop as an `Event`.

use std::path::PathBuf;
use std::sync::mpsc::{self, Sender};
use std::thread;

use crossterm::event::{self, Event as TermEvent, KeyEventKind};
use signal_hook::consts::{SIGCONT, SIGHUP, SIGINT, SIGQUIT, SIGTERM, SIGTSTP};

use super::browse::Browsing;
use super::{Event, Source};
use crate::app::{App, Load, Msg, ReadRequest};
use crate::keymap::Key;
use crate::library::load::{self, Step};
use crate::library::{Library, Opener};

/// Reads the terminal's input. After a key in `hold` (one that may start a browser in the
/// terminal) it reads nothing more until the loop says to go on, through the sender returned:
/// a browser started meanwhile has every keystroke to itself.
pub(super) fn spawn_input(tx: Sender<Event>, hold: Vec<Key>) -> Sender<()> {
    let (resume, go_on) = mpsc::channel();
    thread::spawn(move || {
        while let Ok(event) = event::read() {
            let held = matches!(&event, TermEvent::Key(k)
                if k.kind != KeyEventKind::Release && hold.contains(&Key::from_event(*k)));
            if tx.send(Event::Term(event, held)).is_err() || held && go_on.recv().is_err() {
                break;
            }
        }
    });
    resume
}

/// Reads whole articles off the UI thread, so that no key waits on the disk. Only the newest
/// request is read: the ones a held-down key asked for on its way are skipped.
pub(super) fn spawn_reader(tx: Sender<Event>) -> Sender<ReadRequest> {
    let (requests, rx) = mpsc::channel::<ReadRequest>();
    thread::spawn(move || {
        while let Ok(mut request) = rx.recv() {
            while let Ok(newer) = rx.try_recv() {
                request = newer;
            }
            let read = request.opener.open(&request.path);
            if tx
                .send(Event::App(Msg::ArticleRead(request.path, read)))
                .is_err()
            {
                break;
            }
        }
    });
    requests
}

/// Starts watching the library folders; the watch (or why there is none) comes back as an
/// event once the watches are in place.
pub(super) fn spawn_watcher(roots: Vec<PathBuf>, tx: Sender<Event>) {
    thread::spawn(move || {
        let changed = tx.clone();
        let event =
            match crate::watch::watch(&roots, move || changed.send(Event::FilesChanged).is_ok()) {
                Ok(watch) => Event::Watching(watch),
                Err(e) => Event::App(Msg::NotWatching(e.to_string())),
            };
        let _ = tx.send(event);
    });
}

/// The signals that end the reader, but for Ctrl-C and Ctrl-\ typed for a browser in the
/// terminal (see `Browsing`).
pub(super) fn spawn_signals(tx: Sender<Event>, browsing: Browsing) -> anyhow::Result<()> {
    let mut signals = signal_hook::iterator::Signals::new([SIGTERM, SIGHUP, SIGINT, SIGQUIT])?;
    thread::spawn(move || {
        let ends = |&signal: &i32| !browsing.passes(signal);
        if let Some(signal) = signals.forever().find(ends) {
            let _ = tx.send(Event::Signal(signal));
        }
    });
    Ok(())
}

/// SIGTSTP from outside suspends as Ctrl-Z does (the terminal is given back first); SIGCONT
/// redraws the whole screen. While a browser has the terminal, Ctrl-Z there stops the browser
/// and the reader with it, the terminal left as the browser has it: the shell gets its prompt
/// back, and `fg` continues both.
pub(super) fn spawn_job_control(tx: Sender<Event>, browsing: Browsing) -> anyhow::Result<()> {
    let mut signals = signal_hook::iterator::Signals::new([SIGTSTP, SIGCONT])?;
    thread::spawn(move || {
        for signal in signals.forever() {
            if browsing.is_on() {
                if signal == SIGTSTP {
                    let _ = signal_hook::low_level::emulate_default_handler(SIGTSTP);
                }
                continue;
            }
            let event = if signal == SIGTSTP {
                Event::Suspend
            } else {
                Event::Continued
            };
            if tx.send(event).is_err() {
                break;
            }
        }
    });
    Ok(())
}

/// Loads the library in the background: the first frame never waits for it. The cached list
/// shows at once; without a cache the list fills batch by batch; the checked library with its
/// index replaces it at the end.
/// `files`: what the last load found; a catch-up reload that finds the same loads nothing.
pub(super) fn load(
    source: &Source,
    tx: Sender<Event>,
    app: &mut App,
    kind: Load,
    files: Option<u64>,
) {
    match source {
        Source::Bundled => {
            app.update(Msg::Library(Box::new(Library::bundled())));
        }
        Source::Folders {
            roots,
            options,
            cache,
        } => {
            let (roots, options, cache) = (roots.clone(), options.clone(), cache.clone());
            app.update(Msg::Loading(Opener::Files(options.clone())));
            // A reload keeps showing the current list (and its index) until the new one is
            // ready; only a first load shows the cached list and the files as they are read.
            let first = kind == Load::First;
            thread::spawn(move || {
                if kind == Load::CatchUp && files.is_some_and(|f| f == load::digest(&roots)) {
                    let _ = tx.send(Event::App(Msg::Unchanged));
                    return;
                }
                let mut total = 0;
                let mut step = |step| {
                    let _ = match step {
                        Step::Cached(list) if first => tx.send(Event::App(Msg::Cached(list))),
                        Step::Cached(_) => Ok(()),
                        Step::Found(n, known) => {
                            total = n;
                            tx.send(Event::App(Msg::Progress(known, n)))
                        }
                        Step::Read(batch, done) => {
                            if first {
                                let _ = tx.send(Event::App(Msg::Batch(batch)));
                            }
                            tx.send(Event::App(Msg::Progress(done, total)))
                        }
                    };
                };
                let loaded = load::load(&roots, &options, cache.as_ref(), true, Some(&mut step));
                let _ = tx.send(Event::Loaded(Box::new(loaded), kind));
            });
        }
    }
}
