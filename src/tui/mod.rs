//! The terminal side of the reader: setup and guaranteed restore, the event loop, and the
//! effects `App::update` asks for. Everything the loop learns (keys, mouse, resize, what the
//! background threads in `threads.rs` report) becomes a `Msg` for `App::update`.

mod browse;
mod threads;

use std::io::stdout;
use std::path::PathBuf;
use std::sync::mpsc::{self, Sender};
use std::sync::{Arc, Mutex};

use crossterm::event::{DisableMouseCapture, Event as TermEvent, KeyEventKind, MouseEventKind};
use crossterm::execute;
use ratatui::DefaultTerminal;

use crate::action::Action;
use crate::app::{App, Effect, Load, MouseKind, Msg};
use crate::article::Options;
use crate::feeds::background::{Fetcher, News};
use crate::keymap::Key;
use crate::later::background::PageSaver;
use crate::library::cache::Cache;
use crate::library::load::Loaded;
use crate::opener::Browser;
use crate::store::{Saver, Store};
use crate::ui;
use crate::watch::Watch;
use browse::Browsing;
use threads::{load, spawn_input, spawn_job_control, spawn_reader, spawn_signals, spawn_watcher};

/// Where the reader's articles come from.
#[derive(Debug, Clone)]
pub enum Source {
    Bundled,
    Folders {
        roots: Vec<PathBuf>,
        options: Options,
        cache: Option<Cache>,
    },
}

/// What wakes the event loop.
enum Event {
    /// Input; `true` when the input thread waits to be told to go on (see `spawn_input`).
    Term(TermEvent, bool),
    /// A message for the reader from a background thread.
    App(Msg),
    /// A load ended: the loop notes what it found and carries marks over before the reader
    /// sees it.
    Loaded(Box<Loaded>, Load),
    /// Files in the library changed on disk.
    FilesChanged,
    /// The watches are in place, to keep for as long as the reader runs.
    Watching(Watch),
    /// A signal that ends the reader: SIGTERM, SIGHUP, SIGINT or SIGQUIT.
    Signal(i32),
    /// SIGTSTP from outside: suspend, as Ctrl-Z does.
    Suspend,
    /// SIGCONT: whatever stopped gazette, the screen may hold anything now.
    Continued,
}

/// Restores the terminal when dropped: on quit, on error and while unwinding.
struct Restore;

impl Drop for Restore {
    fn drop(&mut self) {
        crate::terminal::leave();
    }
}

/// Runs the reader until the user quits or a signal ends it; returns the exit status (128 +
/// the signal, as shells expect). Marks not saved yet are saved on the way out (see `finish`).
pub fn run(
    mut app: App,
    source: Source,
    store: Option<Store>,
    fetcher: Option<Fetcher>,
    page_saver: Option<PageSaver>,
    browser: Browser,
) -> anyhow::Result<u8> {
    let mut terminal = ratatui::try_init()?;
    let _restore = Restore;
    // ratatui's hook restores the screen; ours also gives the mouse back first.
    let ratatui_hook = std::panic::take_hook();
    std::panic::set_hook(Box::new(move |info| {
        let _ = execute!(stdout(), DisableMouseCapture);
        ratatui_hook(info);
    }));
    crate::terminal::capture_mouse()?;
    let size = terminal.size()?;
    app.update(Msg::Resize(size.width, size.height));

    let (tx, rx) = mpsc::channel();
    // Marks are written by a thread of their own (see `store::saver`): no key waits on them.
    let store = store.map(|s| Arc::new(Mutex::new(s)));
    let mut saver = store.clone().map(|store| {
        let tx = tx.clone();
        Saver::spawn(store, move |saved| {
            let _ = tx.send(Event::App(Msg::Saved(saved)));
        })
    });
    // A browser in the terminal reads its keys itself: the input thread stops after the keys
    // that may start one, until the browser is done.
    let hold = if browser.in_terminal {
        app.keymap().keys(Action::OpenUrl).to_vec()
    } else {
        Vec::new()
    };
    let resume_input = spawn_input(tx.clone(), hold);
    let browsing = Browsing::new()?;
    spawn_signals(tx.clone(), browsing.clone())?;
    spawn_job_control(tx.clone(), browsing.clone())?;
    app = app.reading_with(spawn_reader(tx.clone()));
    load(&source, tx.clone(), &mut app, Load::First, None);
    // Articles saved, edited or deleted while the reader runs: reloaded (only they are read).
    // Setting up the watches walks every folder: it starts once the list is on screen, and a
    // catch-up reload follows it.
    let mut watch: Option<Watch> = None;
    let mut unwatched = match &source {
        Source::Folders { roots, .. } => Some(roots.clone()),
        Source::Bundled => None,
    };
    // A load asked for while loading waits for the load to end (the strongest reason wins).
    let mut next_load: Option<Load> = None;
    // What the last load found (see `load::digest`).
    let mut files = None;
    let mut signal = None;

    loop {
        terminal.draw(|frame| ui::draw(frame, &app))?;
        if (!app.articles().is_empty() || app.loading().is_none())
            && let Some(roots) = unwatched.take()
        {
            spawn_watcher(roots, tx.clone());
        }
        // Sleep until something happens: no polling, no idle CPU.
        let Ok(first) = rx.recv() else { break };
        let mut pending = vec![first];
        pending.extend(rx.try_iter());
        let mut input_held = false;
        for event in pending {
            let msg = match event {
                Event::Watching(w) => {
                    watch = Some(w);
                    next_load = next_load.max(Some(Load::CatchUp));
                    continue;
                }
                Event::FilesChanged => {
                    next_load = next_load.max(Some(Load::Reload));
                    continue;
                }
                Event::Suspend => {
                    suspend(&mut terminal, &mut app)?;
                    continue;
                }
                Event::Continued => {
                    redraw_all(&mut terminal)?;
                    continue;
                }
                Event::Signal(s) => {
                    signal = Some(s);
                    Msg::Quit
                }
                Event::Loaded(loaded, kind) => {
                    files = Some(loaded.files);
                    if let Some(store) = &store
                        && let Ok(mut store) = store.lock()
                    {
                        crate::reader::carry_over(&mut store, &mut app, &loaded.library.articles)
                    }
                    Msg::Loaded(loaded, kind)
                }
                Event::App(msg) => msg,
                Event::Term(event, held) => {
                    input_held |= held;
                    match message_for(&app, event) {
                        Some(msg) => msg,
                        None => continue,
                    }
                }
            };
            let Some(effect) = app.update(msg) else {
                continue;
            };
            match effect {
                Effect::Fetch => {
                    let line = fetch(fetcher.as_ref(), tx.clone());
                    app.update(Msg::Status(line));
                }
                Effect::Add(url) => {
                    let line = add(page_saver.as_ref(), url, tx.clone());
                    app.update(Msg::Status(line));
                }
                Effect::Quit => return finish(&app, saver, store, signal),
                Effect::Suspend => suspend(&mut terminal, &mut app)?,
                Effect::Reload => {
                    // By hand: a folder that came back unseen is watched again too.
                    if let Some(w) = &watch {
                        w.rearm();
                    }
                    next_load = next_load.max(Some(Load::Reload));
                }
                Effect::OpenUrl(url) if browser.in_terminal => {
                    browsing.open(&mut terminal, &mut app, &browser, &url)?
                }
                Effect::OpenUrl(url) => {
                    // A failure the opener reports later reaches the status bar as any news.
                    let tx = tx.clone();
                    let line = crate::opener::open(&browser, &url, move |failed| {
                        if let Some(line) = failed {
                            let _ = tx.send(Event::App(Msg::Status(line)));
                        }
                    });
                    app.update(Msg::Status(line));
                }
                Effect::Save => save(&mut app, saver.as_mut()),
            }
        }
        // The input thread waits after a key that may have started a browser: it is done.
        if input_held {
            let _ = resume_input.send(());
        }
        if app.loading().is_none()
            && let Some(kind) = next_load.take()
        {
            load(&source, tx.clone(), &mut app, kind, files);
        }
    }
    finish(&app, saver, store, signal)
}

/// Hands the marks' changes to the saving thread; only what changed, and nothing when nothing
/// did.
fn save(app: &mut App, saver: Option<&mut Saver>) {
    let (changes, bookmarked) = app.take_changes();
    if changes.is_empty() {
        return;
    }
    let Some(saver) = saver else {
        app.update(Msg::Status(
            "not saved: no folder for bookmarks (give --state-dir)".into(),
        ));
        return;
    };
    saver.save(changes, bookmarked);
}

/// The way out, on quit and on every signal: the saving thread writes what waits, then marks
/// not saved yet are saved (a failed save is retried here); if that fails they go to a
/// recovery file, and the error (printed once the terminal is restored) says where, with a
/// non-zero exit.
fn finish(
    app: &App,
    saver: Option<Saver>,
    store: Option<Arc<Mutex<Store>>>,
    signal: Option<i32>,
) -> anyhow::Result<u8> {
    if let Some(saver) = saver {
        saver.finish();
    }
    if let Some(store) = store {
        let mut store = store
            .lock()
            .map_err(|_| anyhow::anyhow!("bookmarks not saved: the saving thread failed"))?;
        store
            .flush(app.marks(), app.articles())
            .map_err(anyhow::Error::msg)?;
    }
    Ok(signal.map_or(0, |s| 128 + s as u8))
}

/// Ctrl-Z or SIGTSTP: the terminal is given back until `fg`, then everything is drawn again,
/// at the size the terminal has now.
fn suspend(terminal: &mut DefaultTerminal, app: &mut App) -> anyhow::Result<()> {
    crate::terminal::suspend()?;
    redraw_all(terminal)?;
    let size = terminal.size()?;
    app.update(Msg::Resize(size.width, size.height));
    Ok(())
}

/// Clears the screen and makes the next frame draw every cell. (`Terminal::clear` would ask
/// the terminal where its cursor is, racing the input thread for the answer.)
pub(super) fn redraw_all(terminal: &mut DefaultTerminal) -> anyhow::Result<()> {
    let area = terminal.size()?.into();
    terminal.resize(area)?;
    Ok(())
}

/// What a terminal event means to the reader; nothing for events it does not use.
fn message_for(app: &App, event: TermEvent) -> Option<Msg> {
    match event {
        TermEvent::Resize(width, height) => Some(Msg::Resize(width, height)),
        TermEvent::Mouse(m) => {
            let kind = match m.kind {
                MouseEventKind::ScrollDown => MouseKind::ScrollDown,
                MouseEventKind::ScrollUp => MouseKind::ScrollUp,
                MouseEventKind::Down(_) => MouseKind::Click,
                _ => return None,
            };
            Some(Msg::Mouse {
                column: m.column,
                row: m.row,
                kind,
            })
        }
        TermEvent::Key(k) if k.kind != KeyEventKind::Release => {
            app.message_for_key(Key::from_event(k))
        }
        _ => None,
    }
}

/// Starts a background fetch; its news comes back as events. Returns the status line.
fn fetch(fetcher: Option<&Fetcher>, tx: Sender<Event>) -> String {
    let Some(fetcher) = fetcher else {
        return "feeds cannot be fetched: no data folder (give --feeds-dir)".into();
    };
    let started = fetcher.start(move |news| {
        let msg = match news {
            News::Progress { done, total } => Msg::Fetching { done, total },
            News::Finished(line) => Msg::Status(line),
        };
        let _ = tx.send(Event::App(msg));
    });
    if started {
        "fetching feeds...".into()
    } else {
        "already fetching feeds".into()
    }
}

/// Starts saving a page in the background; its outcome comes back as an event.
fn add(saver: Option<&PageSaver>, url: String, tx: Sender<Event>) -> String {
    let Some(saver) = saver else {
        return "pages cannot be saved: no data folder (give --saved-dir)".into();
    };
    let line = format!("saving {}...", crate::article::hygiene::clean_line(&url));
    saver.start(url, move |outcome, bookmarked| {
        let _ = tx.send(Event::App(Msg::Added(outcome, bookmarked)));
    });
    line
}
