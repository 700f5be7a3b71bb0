//! The terminal side of the reader: setup and guaranteed restore, the event loop, background
//! loading, watching and signals. Everything it learns becomes an Action for `App::update`.

use std::io::stdout;
use std::path::PathBuf;
use std::sync::Arc;
use std::sync::mpsc::{self, Sender};
use std::thread;

use crossterm::event::{
    self, DisableMouseCapture, Event as TermEvent, KeyCode, KeyEventKind, MouseEventKind,
};
use crossterm::execute;
use ratatui::DefaultTerminal;
use signal_hook::consts::{SIGCONT, SIGHUP, SIGINT, SIGQUIT, SIGTERM, SIGTSTP};

use crate::app::{App, Effect, MouseKind, ReadRequest, SearchEdit};
use crate::article::Options;
use crate::article::{Article, Summary};
use crate::feeds::background::{Fetcher, News};
use crate::keymap::Key;
use crate::library::cache::Cache;
use crate::library::load::{self, Loaded, Step};
use crate::library::{Library, Opener};
use std::sync::Mutex;

use crate::store::{Change, Saver, Store};
use crate::ui;
use crate::watch::Watch;

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

enum Event {
    Term(TermEvent),
    Progress(usize, usize),
    /// The cached list, before the files are checked.
    Cached(Vec<Arc<Summary>>),
    Batch(Vec<Arc<Summary>>),
    Loaded(Box<Loaded>, Load),
    /// Files in the library changed on disk.
    FilesChanged,
    /// The watches are in place, to keep for as long as the reader runs.
    Watching(Watch),
    NotWatching(String),
    /// A background fetch's progress or outcome.
    Feeds(News),
    /// A whole article read off the UI thread.
    ArticleRead(PathBuf, Result<Arc<Article>, String>),
    /// How a write of the marks went.
    Saved(Result<(), String>),
    /// A signal that ends the reader: SIGTERM, SIGHUP, SIGINT or SIGQUIT.
    Signal(i32),
    /// SIGTSTP from outside: suspend, as Ctrl-Z does.
    Suspend,
    /// SIGCONT: whatever stopped gazette, the screen may hold anything now.
    Continued,
}

/// Why a load runs.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord)]
enum Load {
    /// At start: the list shows as it loads.
    First,
    /// Files changed, or the user pressed `r`: the status bar says what was found.
    Reload,
    /// Once the watches are in place: reads what was saved between the first load's folder
    /// walk and the watches, so that nothing falls in between. Quiet unless it finds something.
    CatchUp,
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
    app.resize(size.width, size.height);

    let (tx, rx) = mpsc::channel();
    // Marks are written by a thread of their own (see `store::saver`): no key waits on them.
    let store = store.map(|s| Arc::new(Mutex::new(s)));
    let mut saver = store.clone().map(|store| {
        let tx = tx.clone();
        Saver::spawn(store, move |saved| {
            let _ = tx.send(Event::Saved(saved));
        })
    });
    spawn_input(tx.clone());
    spawn_signals(tx.clone())?;
    spawn_job_control(tx.clone())?;
    app.reader = Some(spawn_reader(tx.clone()));
    load(&source, tx.clone(), &mut app, Load::First);
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
    let mut signal = None;

    loop {
        terminal.draw(|frame| ui::draw(frame, &app))?;
        if (!app.articles.is_empty() || app.loading.is_none())
            && let Some(roots) = unwatched.take()
        {
            spawn_watcher(roots, tx.clone());
        }
        // Sleep until something happens: no polling, no idle CPU.
        let Ok(first) = rx.recv() else { break };
        let mut pending = vec![first];
        pending.extend(rx.try_iter());
        for event in pending {
            let event = match event {
                Event::Watching(w) => {
                    watch = Some(w);
                    next_load = next_load.max(Some(Load::CatchUp));
                    continue;
                }
                Event::NotWatching(e) => {
                    app.message = Some(format!("not watching the library ({e}); r reloads"));
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
                event => event,
            };
            match (&event, &store) {
                (Event::Signal(s), _) => signal = Some(*s),
                (Event::Loaded(loaded, _), Some(store)) => {
                    if let Ok(mut store) = store.lock() {
                        crate::reader::carry_over(&mut store, &mut app, &loaded.library.articles)
                    }
                }
                _ => {}
            }
            if let Some(effect) = handle(&mut app, event) {
                match effect {
                    Effect::Fetch => app.message = Some(fetch(fetcher.as_ref(), tx.clone())),
                    Effect::Quit => return finish(&app, saver, store, signal),
                    Effect::Suspend => suspend(&mut terminal, &mut app)?,
                    Effect::Reload => {
                        // By hand: a folder that came back unseen is watched again too.
                        if let Some(w) = &watch {
                            w.rearm();
                        }
                        next_load = next_load.max(Some(Load::Reload));
                    }
                    Effect::OpenUrl(url) => app.message = Some(crate::opener::open(&url)),
                    Effect::Save => save(&mut app, saver.as_mut()),
                }
            }
        }
        if app.loading.is_none()
            && let Some(kind) = next_load.take()
        {
            load(&source, tx.clone(), &mut app, kind);
        }
    }
    finish(&app, saver, store, signal)
}

/// Hands the marks' changes to the saving thread; only what changed, and nothing when nothing
/// did.
fn save(app: &mut App, saver: Option<&mut Saver>) {
    let changes = app.marks.take_changes();
    if changes.is_empty() {
        return;
    }
    let Some(saver) = saver else {
        app.message = Some("not saved: no folder for bookmarks (give --state-dir)".into());
        return;
    };
    // A bookmark keeps what its article was: the summaries go with the changes.
    let bookmarked = changes
        .iter()
        .filter_map(|c| match c {
            Change::Bookmark(id, true) => app.articles.iter().find(|a| &a.id == id).cloned(),
            _ => None,
        })
        .collect();
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
            .flush(&app.marks, &app.articles)
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
    app.resize(size.width, size.height);
    Ok(())
}

/// Clears the screen and makes the next frame draw every cell. (`Terminal::clear` would ask
/// the terminal where its cursor is, racing the input thread for the answer.)
fn redraw_all(terminal: &mut DefaultTerminal) -> anyhow::Result<()> {
    let area = terminal.size()?.into();
    terminal.resize(area)?;
    Ok(())
}

fn handle(app: &mut App, event: Event) -> Option<Effect> {
    match event {
        Event::Signal(_) => Some(Effect::Quit),
        Event::ArticleRead(path, read) => {
            app.article_read(&path, read);
            None
        }
        Event::Feeds(News::Progress { done, total }) => {
            app.message = Some(format!("fetching feeds: {done}/{total}"));
            None
        }
        Event::Feeds(News::Finished(line)) => {
            app.message = Some(line);
            None
        }
        Event::Saved(Err(e)) => {
            app.message = Some(format!("bookmarks not saved: {e} (will retry)"));
            None
        }
        Event::Saved(Ok(())) => None,
        Event::Progress(done, total) => {
            app.loading = Some((done, total));
            None
        }
        Event::Cached(articles) => {
            app.show_cached(articles);
            None
        }
        Event::Batch(articles) => {
            app.add_articles(articles);
            None
        }
        Event::Loaded(loaded, kind) => {
            let Loaded {
                library,
                index,
                notices,
                read,
                gone,
            } = *loaded;
            // A catch-up reload speaks only when it found something.
            let news = kind == Load::Reload || (kind == Load::CatchUp && read + gone > 0);
            if news {
                // This reload's news replaces the last one's.
                app.message = None;
            }
            app.loading = None;
            app.set_indexed_library(library, index.unwrap_or_default());
            if kind == Load::CatchUp {
                app.watching = true;
            }
            if let Some(n) = notices.first() {
                app.message = Some(n.clone());
            } else if news && app.message.is_none() {
                app.message = Some(reload_message(read, gone));
            }
            None
        }
        Event::Term(TermEvent::Resize(w, h)) => {
            app.resize(w, h);
            None
        }
        Event::Term(TermEvent::Mouse(m)) => {
            let kind = match m.kind {
                MouseEventKind::ScrollDown => MouseKind::ScrollDown,
                MouseEventKind::ScrollUp => MouseKind::ScrollUp,
                MouseEventKind::Down(_) => MouseKind::Click,
                _ => return None,
            };
            app.mouse(m.column, m.row, kind);
            None
        }
        Event::Term(TermEvent::Key(k)) if k.kind != KeyEventKind::Release => {
            let key = Key::from_event(k);
            // Fixed, whatever the key map says: the emergency quit, and the terminal's suspend.
            if key.ctrl && key.code == KeyCode::Char('c') {
                return Some(Effect::Quit);
            }
            if key.ctrl && key.code == KeyCode::Char('z') {
                return Some(Effect::Suspend);
            }
            if app.searching {
                let edit = match k.code {
                    KeyCode::Esc => SearchEdit::Clear,
                    KeyCode::Enter => SearchEdit::Accept,
                    KeyCode::Backspace => SearchEdit::Backspace,
                    KeyCode::Char(c) if !key.ctrl && !key.alt => SearchEdit::Char(c),
                    _ => return None,
                };
                app.search_input(edit);
                return None;
            }
            match app.keymap.action(key) {
                Some(action) => app.update(action),
                None => {
                    app.help = false;
                    app.errors_shown = None;
                    None
                }
            }
        }
        Event::Term(_)
        | Event::FilesChanged
        | Event::Watching(_)
        | Event::NotWatching(_)
        | Event::Suspend
        | Event::Continued => None,
    }
}

/// Starts a background fetch; its news comes back as events. Returns the status line.
fn fetch(fetcher: Option<&Fetcher>, tx: Sender<Event>) -> String {
    let Some(fetcher) = fetcher else {
        return "feeds cannot be fetched: no data folder (give --feeds-dir)".into();
    };
    let started = fetcher.start(move |news| {
        let _ = tx.send(Event::Feeds(news));
    });
    if started {
        "fetching feeds...".into()
    } else {
        "already fetching feeds".into()
    }
}

fn spawn_input(tx: Sender<Event>) {
    thread::spawn(move || {
        while let Ok(event) = event::read() {
            if tx.send(Event::Term(event)).is_err() {
                break;
            }
        }
    });
}

/// Reads whole articles off the UI thread, so that no key waits on the disk. Only the newest
/// request is read: the ones a held-down key asked for on its way are skipped.
fn spawn_reader(tx: Sender<Event>) -> Sender<ReadRequest> {
    let (requests, rx) = mpsc::channel::<ReadRequest>();
    thread::spawn(move || {
        while let Ok(mut request) = rx.recv() {
            while let Ok(newer) = rx.try_recv() {
                request = newer;
            }
            let read = request.opener.open(&request.path);
            if tx.send(Event::ArticleRead(request.path, read)).is_err() {
                break;
            }
        }
    });
    requests
}

/// Starts watching the library folders; the watch (or why there is none) comes back as an
/// event once the watches are in place.
fn spawn_watcher(roots: Vec<PathBuf>, tx: Sender<Event>) {
    thread::spawn(move || {
        let changed = tx.clone();
        let event =
            match crate::watch::watch(&roots, move || changed.send(Event::FilesChanged).is_ok()) {
                Ok(watch) => Event::Watching(watch),
                Err(e) => Event::NotWatching(e.to_string()),
            };
        let _ = tx.send(event);
    });
}

fn spawn_signals(tx: Sender<Event>) -> anyhow::Result<()> {
    let mut signals = signal_hook::iterator::Signals::new([SIGTERM, SIGHUP, SIGINT, SIGQUIT])?;
    thread::spawn(move || {
        if let Some(signal) = signals.forever().next() {
            let _ = tx.send(Event::Signal(signal));
        }
    });
    Ok(())
}

/// SIGTSTP from outside suspends as Ctrl-Z does (the terminal is given back first); SIGCONT
/// redraws the whole screen.
fn spawn_job_control(tx: Sender<Event>) -> anyhow::Result<()> {
    let mut signals = signal_hook::iterator::Signals::new([SIGTSTP, SIGCONT])?;
    thread::spawn(move || {
        for signal in signals.forever() {
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
fn load(source: &Source, tx: Sender<Event>, app: &mut App, kind: Load) {
    match source {
        Source::Bundled => app.set_in_memory(Library::bundled()),
        Source::Folders {
            roots,
            options,
            cache,
        } => {
            let (roots, options, cache) = (roots.clone(), options.clone(), cache.clone());
            app.opener = Opener::Files(options.clone());
            app.loading = Some((0, 0));
            // A reload keeps showing the current list (and its index) until the new one is
            // ready; only a first load shows the cached list and the files as they are read.
            let first = kind == Load::First;
            thread::spawn(move || {
                let mut total = 0;
                let mut step = |step| {
                    let _ = match step {
                        Step::Cached(list) if first => tx.send(Event::Cached(list)),
                        Step::Cached(_) => Ok(()),
                        Step::Found(n, known) => {
                            total = n;
                            tx.send(Event::Progress(known, n))
                        }
                        Step::Read(batch, done) => {
                            if first {
                                let _ = tx.send(Event::Batch(batch));
                            }
                            tx.send(Event::Progress(done, total))
                        }
                    };
                };
                let loaded = load::load(&roots, &options, cache.as_ref(), true, Some(&mut step));
                let _ = tx.send(Event::Loaded(Box::new(loaded), kind));
            });
        }
    }
}

/// What a reload found: "2 new or changed files read, 1 gone".
fn reload_message(read: usize, gone: usize) -> String {
    let files = |n: usize| if n == 1 { "file" } else { "files" };
    match (read, gone) {
        (0, 0) => "library up to date".into(),
        (r, 0) => format!("{r} new or changed {} read", files(r)),
        (0, g) => format!("{g} {} gone", files(g)),
        (r, g) => format!("{r} new or changed {} read, {g} gone", files(r)),
    }
}
