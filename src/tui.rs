//! The terminal side of the reader: setup and guaranteed restore, the event loop, background
//! loading and signals. Everything it learns becomes an Action for `App::update`.

use std::io::stdout;
use std::path::PathBuf;
use std::sync::Arc;
use std::sync::mpsc::{self, Sender};
use std::thread;

use crossterm::event::{
    self, DisableMouseCapture, EnableMouseCapture, Event as TermEvent, KeyCode, KeyEventKind,
    MouseEventKind,
};
use crossterm::execute;
use signal_hook::consts::{SIGHUP, SIGINT, SIGTERM};

use crate::app::{App, Effect, MouseKind, SearchEdit};
use crate::article::Options;
use crate::article::Summary;
use crate::feeds::background::{Fetcher, News};
use crate::keymap::Key;
use crate::later::background::Saver;
use crate::library::cache::Cache;
use crate::library::load::{self, Loaded, Step};
use crate::library::{Library, Opener, scan};
use crate::store::Store;
use crate::ui;

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
    Loaded(Box<Loaded>),
    /// Files in the library changed on disk.
    FilesChanged,
    /// The watcher, to keep for as long as the reader runs.
    Watching(Box<notify::RecommendedWatcher>),
    NotWatching(String),
    Signal,
    /// A background fetch's progress or outcome.
    Feeds(News),
    /// A page saved (`a`) in the background: the outcome, and the article bookmarked.
    Added(String, Option<crate::article::ArticleId>),
}

/// Restores the terminal when dropped: on quit, on error and while unwinding.
struct Restore;

impl Drop for Restore {
    fn drop(&mut self) {
        let _ = execute!(stdout(), DisableMouseCapture);
        ratatui::restore();
    }
}

pub fn run(
    mut app: App,
    source: Source,
    mut store: Option<Store>,
    fetcher: Option<Fetcher>,
    saver: Option<Saver>,
) -> anyhow::Result<()> {
    let mut terminal = ratatui::try_init()?;
    let _restore = Restore;
    // ratatui's hook restores the screen; ours also gives the mouse back first.
    let ratatui_hook = std::panic::take_hook();
    std::panic::set_hook(Box::new(move |info| {
        let _ = execute!(stdout(), DisableMouseCapture);
        ratatui_hook(info);
    }));
    execute!(stdout(), EnableMouseCapture)?;
    let size = terminal.size()?;
    app.resize(size.width, size.height);

    let (tx, rx) = mpsc::channel();
    spawn_input(tx.clone());
    spawn_signals(tx.clone())?;
    load(&source, tx.clone(), &mut app);
    // Articles saved, edited or deleted while the reader runs: reloaded (only they are read).
    // Setting up the watches walks every folder: it starts once the list is on screen.
    let mut _watcher = None;
    let mut unwatched = match &source {
        Source::Folders { roots, .. } => Some(roots.clone()),
        Source::Bundled => None,
    };
    // A reload asked for while loading waits for the load to end.
    let mut reload_after = false;

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
                Event::Watching(watcher) => {
                    _watcher = Some(watcher);
                    continue;
                }
                Event::NotWatching(e) => {
                    app.message = Some(format!("not watching the library ({e}); r reloads"));
                    continue;
                }
                event => event,
            };
            if let Some(effect) = handle(&mut app, event) {
                match effect {
                    Effect::Quit => return Ok(()),
                    Effect::Reload if app.loading.is_some() => reload_after = true,
                    Effect::Reload => load(&source, tx.clone(), &mut app),
                    Effect::OpenUrl(url) => app.message = Some(open_url(&url)),
                    Effect::Fetch => app.message = Some(fetch(fetcher.as_ref(), tx.clone())),
                    Effect::Add(url) => app.message = Some(add(saver.as_ref(), url, tx.clone())),
                    Effect::Save => {
                        if let Some(store) = store.as_mut()
                            && let Err(e) = store.save(&app.marks, &app.articles)
                        {
                            app.message = Some(format!("bookmarks not saved: {e} (will retry)"));
                        }
                    }
                }
            }
        }
        if reload_after && app.loading.is_none() {
            reload_after = false;
            load(&source, tx.clone(), &mut app);
        }
    }
    Ok(())
}

fn handle(app: &mut App, event: Event) -> Option<Effect> {
    match event {
        Event::Signal => Some(Effect::Quit),
        Event::Feeds(News::Progress { done, total }) => {
            app.message = Some(format!("fetching feeds: {done}/{total}"));
            None
        }
        Event::Feeds(News::Finished(line)) => {
            app.message = Some(line);
            None
        }
        Event::Added(line, bookmarked) => {
            app.message = Some(line);
            // Saving bookmarked it on disk already; the list shows it as soon as it arrives.
            app.marks.bookmarks.extend(bookmarked);
            None
        }
        Event::FilesChanged => Some(Effect::Reload),
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
        Event::Loaded(loaded) => {
            let Loaded {
                library,
                index,
                notices,
                read,
                gone,
            } = *loaded;
            // The first load ends with the first index; later ones are reloads.
            let reloaded = !app.index.is_empty();
            if reloaded {
                // This reload's news replaces the last one's.
                app.message = None;
            }
            app.loading = None;
            app.set_indexed_library(library, index.unwrap_or_default());
            if let Some(n) = notices.first() {
                app.message = Some(n.clone());
            } else if reloaded && app.message.is_none() {
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
            if key.ctrl && key.code == KeyCode::Char('c') {
                return Some(Effect::Quit);
            }
            if app.adding.is_some() {
                let edit = match k.code {
                    KeyCode::Esc => SearchEdit::Clear,
                    KeyCode::Enter => SearchEdit::Accept,
                    KeyCode::Backspace => SearchEdit::Backspace,
                    KeyCode::Char(c) if !key.ctrl && !key.alt => SearchEdit::Char(c),
                    _ => return None,
                };
                return app.add_input(edit);
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
                    None
                }
            }
        }
        Event::Term(_) | Event::Watching(_) | Event::NotWatching(_) => None,
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

/// Starts saving a page in the background; its outcome comes back as an event.
fn add(saver: Option<&Saver>, url: String, tx: Sender<Event>) -> String {
    let Some(saver) = saver else {
        return "pages cannot be saved: no data folder (give --saved-dir)".into();
    };
    let line = format!("saving {}...", crate::article::hygiene::clean_line(&url));
    saver.start(url, move |outcome, bookmarked| {
        let _ = tx.send(Event::Added(outcome, bookmarked));
    });
    line
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

/// Starts watching the library folders; the watcher (or why there is none) comes back as an
/// event.
fn spawn_watcher(roots: Vec<PathBuf>, tx: Sender<Event>) {
    thread::spawn(move || {
        let changed = tx.clone();
        let event =
            match crate::watch::watch(&roots, move || changed.send(Event::FilesChanged).is_ok()) {
                Ok(watcher) => Event::Watching(Box::new(watcher)),
                Err(e) => Event::NotWatching(e.to_string()),
            };
        let _ = tx.send(event);
    });
}

fn spawn_signals(tx: Sender<Event>) -> anyhow::Result<()> {
    let mut signals = signal_hook::iterator::Signals::new([SIGTERM, SIGHUP, SIGINT])?;
    thread::spawn(move || {
        if signals.forever().next().is_some() {
            let _ = tx.send(Event::Signal);
        }
    });
    Ok(())
}

/// Loads the library in the background: the first frame never waits for it. The cached list
/// shows at once; without a cache the list fills batch by batch; the checked library with its
/// index replaces it at the end.
fn load(source: &Source, tx: Sender<Event>, app: &mut App) {
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
            let first = app.articles.is_empty();
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
                let _ = tx.send(Event::Loaded(Box::new(loaded)));
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

/// Opens a url with the system's opener, detached from the terminal.
fn open_url(url: &str) -> String {
    let opener = if cfg!(target_os = "macos") {
        "open"
    } else {
        "xdg-open"
    };
    match std::process::Command::new(opener)
        .arg(url)
        .stdin(std::process::Stdio::null())
        .stdout(std::process::Stdio::null())
        .stderr(std::process::Stdio::null())
        .spawn()
    {
        Ok(_) => format!("opening {}", crate::article::hygiene::clean_line(url)),
        Err(e) => format!("cannot run {opener}: {}", scan::io_reason(&e)),
    }
}
