//! The reader's state. `update` is the one place it changes, one message at a time (keys as
//! actions, mouse, resize, the loader, the watcher, articles read, fetch and save results);
//! drawing and tests read it through the accessors in `read.rs`.

mod filter;
mod keys;
mod library;
mod msg;
mod read;
mod reading;
#[cfg(test)]
mod tests;
mod viewport;

use std::collections::{HashMap, HashSet, VecDeque};
use std::path::PathBuf;
use std::sync::Arc;
use std::sync::mpsc::Sender;

use ratatui::text::Line;

use crate::article::{Article, ArticleId, Summary};
use crate::keymap::KeyMap;
use crate::layout::Theme;
use crate::layout::columns::Columns;
use crate::library::index::{Index, Related};
use crate::library::query::Query;
use crate::library::{LoadError, Opener};
use crate::store::Bookmark;

pub use crate::layout::Pane;
pub use crate::store::Marks;
pub use library::Load;
pub use msg::{MouseKind, Msg, SearchEdit};

/// Side effects `update` asks the event loop for, as values so that tests can see them.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Effect {
    OpenUrl(String),
    Reload,
    /// Fetch the feeds in the background.
    Fetch,
    /// Save the page at this address in the background.
    Add(String),
    Quit,
    /// Ctrl-Z: give the terminal back and stop until continued.
    Suspend,
    /// Bookmarks or read marks changed: persist them (see `App::take_changes`).
    Save,
}

/// An article laid out for one width, with where search matches fall.
pub struct Rendered {
    pub doc: usize,
    pub width: u16,
    pub query: String,
    pub lines: Vec<Line<'static>>,
    pub match_lines: Vec<usize>,
}

/// Display settings the reader needs from the config.
#[derive(Debug, Clone, PartialEq)]
pub struct Settings {
    pub date_format: String,
    pub related_count: usize,
    pub sidebar: bool,
    /// The article pane follows the list's selection where both are shown.
    pub preview: bool,
    pub wide_width: u16,
    pub narrow_width: u16,
    pub list_percent: u16,
    pub sidebar_width: u16,
}

impl Default for Settings {
    fn default() -> Self {
        Settings {
            date_format: "%Y-%m-%d".into(),
            related_count: 8,
            sidebar: true,
            preview: true,
            wide_width: 120,
            narrow_width: 80,
            list_percent: 38,
            sidebar_width: 32,
        }
    }
}

/// Asks the event loop's reader thread for a whole article.
pub struct ReadRequest {
    pub path: PathBuf,
    pub opener: Opener,
}

/// How many opened articles are kept parsed, so that going back and forth does not reread them.
const KEEP_OPENED: usize = 16;

pub struct App {
    /// The library's articles as summaries; whole articles are read when opened.
    articles: Vec<Arc<Summary>>,
    /// Reads a whole article when it is opened.
    opener: Opener,
    /// The open article, whole.
    article: Option<Arc<Article>>,
    /// Recently opened articles, most recent last.
    opened: VecDeque<Arc<Article>>,
    /// Where whole articles are read off the UI thread; without it they are read at once.
    reader: Option<Sender<ReadRequest>>,
    /// The open article's file while it is read in the background, and the scroll to restore.
    waiting: Option<(PathBuf, usize)>,
    /// The article in the pane could not be read: what the status bar said about it.
    unreadable: Option<String>,
    errors: Vec<LoadError>,
    /// Files read with something to say of how (a field left out, an encoding guessed).
    warnings: Vec<LoadError>,
    index: Index,
    /// Positions in `articles` shown in the list, in order.
    view: Vec<usize>,
    /// Copies of one story in the library: each copy (a position) to the one the list shows.
    copy_of: HashMap<usize, usize>,
    /// The list's source and date column, sized to the library.
    columns: Columns,
    selected: usize,
    focus: Pane,
    open: Option<usize>,
    /// Where Back returns to after following a related article: (article, scroll).
    history: Vec<(usize, usize)>,
    scroll: usize,
    rendered: Option<Rendered>,
    related: Vec<Related>,
    sidebar_selected: usize,
    show_why: bool,
    /// The user pressed `s`: the sidebar shows where it was hidden, or hides where it showed.
    sidebar_flip: bool,
    bookmarks_only: bool,
    unread_only: bool,
    searching: bool,
    /// The address typed after `a` (add), while its prompt is open.
    adding: Option<String>,
    query_text: String,
    query: Query,
    query_error: Option<String>,
    /// What the search leaves out of the query (stop words, numbers), to say so.
    query_note: Option<String>,
    marks: Marks,
    /// Bookmarks as stored, with what each article was: those whose file has gone are still
    /// listed (in the bookmarks view), from this.
    saved: Vec<(ArticleId, Bookmark)>,
    /// Articles standing in for bookmarks whose file is gone.
    missing: HashSet<ArticleId>,
    message: Option<String>,
    help: bool,
    /// First line of the help overlay shown (it scrolls on short terminals).
    help_scroll: usize,
    /// The list of files that could not be read is open, from this line on.
    errors_shown: Option<usize>,
    size: (u16, u16),
    keymap: KeyMap,
    theme: Theme,
    settings: Settings,
    /// (files read, files found) while the library loads.
    loading: Option<(usize, usize)>,
    /// The library folders are watched and the reader has caught up with them: what is saved
    /// from now on shows by itself.
    watching: bool,
}

impl App {
    pub fn new(keymap: KeyMap, theme: Theme, settings: Settings, marks: Marks) -> App {
        App {
            articles: Vec::new(),
            opener: Opener::default(),
            article: None,
            opened: VecDeque::new(),
            reader: None,
            waiting: None,
            unreadable: None,
            errors: Vec::new(),
            warnings: Vec::new(),
            index: Index::default(),
            view: Vec::new(),
            columns: Columns::default(),
            copy_of: HashMap::new(),
            selected: 0,
            focus: Pane::List,
            open: None,
            history: Vec::new(),
            scroll: 0,
            rendered: None,
            related: Vec::new(),
            sidebar_selected: 0,
            show_why: false,
            sidebar_flip: false,
            bookmarks_only: false,
            unread_only: false,
            searching: false,
            adding: None,
            query_text: String::new(),
            query: Query::default(),
            query_error: None,
            query_note: None,
            marks,
            saved: Vec::new(),
            missing: HashSet::new(),
            message: None,
            help: false,
            help_scroll: 0,
            errors_shown: None,
            size: (80, 24),
            keymap,
            theme,
            settings,
            loading: None,
            watching: false,
        }
    }

    /// The reader with whole articles read off the UI thread, through `reader` (the event
    /// loop's reading thread); without it they are read when opened.
    pub fn reading_with(mut self, reader: Sender<ReadRequest>) -> App {
        self.reader = Some(reader);
        self
    }

    /// Applies one message. Returns what the event loop must do besides redrawing.
    pub fn update(&mut self, msg: impl Into<Msg>) -> Option<Effect> {
        let pending = self.marks.pending();
        let effect = self.apply_msg(msg.into());
        // Any message that changed the marks has them saved, whatever path it took (going back
        // to an article, a click): a mark on screen is never one a crash would lose.
        match effect {
            None if self.marks.pending() > pending => Some(Effect::Save),
            effect => effect,
        }
    }

    fn apply_msg(&mut self, msg: Msg) -> Option<Effect> {
        match msg {
            Msg::Key(action) => {
                let effect = self.apply(action);
                self.follow_selection();
                effect
            }
            Msg::Unbound => {
                self.help = false;
                self.errors_shown = None;
                None
            }
            Msg::Edit(edit) => self.edit(edit),
            Msg::Select(row) => {
                self.select(row);
                None
            }
            Msg::Mouse { column, row, kind } => {
                self.mouse(column, row, kind);
                None
            }
            Msg::Resize(width, height) => {
                self.resize(width, height);
                None
            }
            Msg::Quit => Some(Effect::Quit),
            Msg::Suspend => Some(Effect::Suspend),
            Msg::Status(line) => {
                self.message = Some(line);
                None
            }
            Msg::Bookmarks(saved) => {
                self.saved = saved;
                None
            }
            Msg::Renamed {
                renames,
                saved,
                error,
            } => {
                renames.apply_to(&mut self.marks);
                self.saved = saved;
                if let Some(e) = error {
                    self.message = Some(format!("bookmarks not saved: {e} (will retry)"));
                }
                None
            }
            Msg::Saved(Ok(())) => None,
            Msg::Saved(Err(e)) => {
                self.message = Some(format!("bookmarks not saved: {e} (will retry)"));
                None
            }
            Msg::Fetching { done, total } => {
                self.message = Some(format!("fetching feeds: {done}/{total}"));
                None
            }
            Msg::Added(line, bookmarked) => {
                self.message = Some(line);
                // Saving bookmarked it on disk already; the list shows it as soon as it arrives.
                self.marks.bookmarks.extend(bookmarked);
                None
            }
            Msg::ArticleRead(path, read) => {
                self.article_read(&path, read);
                None
            }
            msg => {
                self.library_changed(msg);
                None
            }
        }
    }

    /// The marks changed since the last call, with the summaries of the articles newly
    /// bookmarked (a bookmark keeps what its article was), for the saving thread. Handing
    /// them over changes nothing the reader shows: it only empties the list of what to save.
    pub fn take_changes(&mut self) -> (Vec<crate::store::Change>, Vec<Arc<Summary>>) {
        let changes = self.marks.take_changes();
        let bookmarked = changes
            .iter()
            .filter_map(|c| match c {
                crate::store::Change::Bookmark(id, true) => {
                    self.articles.iter().find(|a| &a.id == id).cloned()
                }
                _ => None,
            })
            .collect();
        (changes, bookmarked)
    }
}
