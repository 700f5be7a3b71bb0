//! The reader's state. `update` is the only place it changes; drawing only reads it.

use std::collections::{HashMap, HashSet, VecDeque};
use std::path::{Path, PathBuf};
use std::sync::Arc;
use std::sync::mpsc::Sender;

use ratatui::layout::{Position, Rect};
use ratatui::text::Line;

use crate::action::Action;
use crate::article::{Article, ArticleId, Summary};
use crate::keymap::KeyMap;
pub use crate::layout::Pane;
use crate::layout::columns::{self, Columns};
use crate::layout::{Panes, Theme};
use crate::library::index::{self, Index, Related};
use crate::library::query::Query;
use crate::library::{InMemory, Library, LoadError, Opener};

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
    /// Bookmarks or read marks changed: persist them.
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

pub use crate::store::Marks;

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
    pub articles: Vec<Arc<Summary>>,
    /// Reads a whole article when it is opened.
    pub opener: Opener,
    /// The open article, whole.
    pub article: Option<Arc<Article>>,
    /// Recently opened articles, most recent last.
    opened: VecDeque<Arc<Article>>,
    /// Where whole articles are read off the UI thread; without it they are read at once.
    pub reader: Option<Sender<ReadRequest>>,
    /// The open article's file while it is read in the background, and the scroll to restore.
    waiting: Option<(PathBuf, usize)>,
    pub errors: Vec<LoadError>,
    pub index: Index,
    /// Positions in `articles` shown in the list, in order.
    pub view: Vec<usize>,
    /// Copies of one story in the library: each copy (a position) to the one the list shows.
    copy_of: HashMap<usize, usize>,
    /// The list's source and date column, sized to the library.
    pub columns: Columns,
    pub selected: usize,
    pub focus: Pane,
    pub open: Option<usize>,
    /// Where Back returns to after following a related article: (article, scroll).
    pub history: Vec<(usize, usize)>,
    pub scroll: usize,
    pub rendered: Option<Rendered>,
    pub related: Vec<Related>,
    pub sidebar_selected: usize,
    pub show_why: bool,
    /// The user pressed `s`: the sidebar shows where it was hidden, or hides where it showed.
    pub sidebar_flip: bool,
    pub bookmarks_only: bool,
    pub unread_only: bool,
    pub searching: bool,
    /// The address typed after `a` (add), while its prompt is open.
    pub adding: Option<String>,
    pub query_text: String,
    pub query: Query,
    pub query_error: Option<String>,
    pub marks: Marks,
    /// Bookmarks as stored, with what each article was: those whose file has gone are still
    /// listed (in the bookmarks view), from this.
    pub saved: Vec<(ArticleId, crate::store::Bookmark)>,
    /// Articles standing in for bookmarks whose file is gone.
    pub missing: HashSet<ArticleId>,
    pub message: Option<String>,
    pub help: bool,
    /// First line of the help overlay shown (it scrolls on short terminals).
    pub help_scroll: usize,
    /// The list of files that could not be read is open, from this line on.
    pub errors_shown: Option<usize>,
    pub size: (u16, u16),
    pub keymap: KeyMap,
    pub theme: Theme,
    pub settings: Settings,
    /// (files read, files found) while the library loads.
    pub loading: Option<(usize, usize)>,
    /// The library folders are watched and the reader has caught up with them: what is saved
    /// from now on shows by itself.
    pub watching: bool,
    pub quit: bool,
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
            errors: Vec::new(),
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
            quit: false,
        }
    }

    /// Shows a library held whole in memory (the bundled sample, tests).
    pub fn set_in_memory(&mut self, m: InMemory) {
        self.opener = m.opener;
        self.opened.clear();
        self.set_indexed_library(m.library, m.index);
    }

    /// Replaces the library (after loading or reloading), keeping the selection on the same
    /// article where it still exists. The index is built by the loader thread, so that the
    /// reader never stops for it.
    pub fn set_indexed_library(&mut self, library: Library, index: Index) {
        let selected_id = self.selected_article().map(|a| a.id.clone());
        let open_id = self.open.map(|i| self.articles[i].id.clone());
        self.index = index;
        self.articles = library.articles;
        self.errors = library.errors;
        // After the index: a missing article is never searched or related.
        self.missing.clear();
        self.columns = Columns::of(&self.articles);
        let present: HashSet<ArticleId> = self.articles.iter().map(|a| a.id.clone()).collect();
        for (id, b) in self.saved.iter().filter(|(id, _)| !present.contains(id)) {
            self.articles.push(Arc::new(missing_article(id, b)));
            self.missing.insert(id.clone());
        }
        self.copy_of = copies(&self.articles, &self.index);
        self.open = open_id.and_then(|id| self.articles.iter().position(|a| a.id == id));
        if self.open.is_none() {
            // The open article's file is gone.
            self.article = None;
            self.related.clear();
            if self.focus != Pane::List {
                self.focus = Pane::List;
            }
        }
        // Files may have changed: articles are read again when next opened.
        self.opened.clear();
        self.history.clear();
        self.refilter();
        if let Some(id) = selected_id
            && let Some(pos) = self.view.iter().position(|&i| self.articles[i].id == id)
        {
            self.selected = pos;
        }
        self.relayout();
        if let Some(doc) = self.open {
            self.related = index::related(
                &self.index,
                &self.articles,
                doc,
                self.settings.related_count,
            );
        }
        if !self.errors.is_empty() {
            let keys = self.keymap.keys(Action::ShowErrors);
            let all = match keys.first() {
                Some(key) if self.errors.len() > 1 => format!(" ({key} lists them all)"),
                _ => String::new(),
            };
            self.message = Some(format!(
                "{} file(s) could not be read: {}{all}",
                self.errors.len(),
                self.errors[0]
            ));
        }
        self.follow_selection();
    }

    /// Articles read so far while the library loads: the list fills as they arrive.
    pub fn add_articles(&mut self, mut articles: Vec<Arc<Summary>>) {
        // The selection follows its article once the user has moved; until then it stays on
        // the newest, at the top.
        let selected_id = self
            .view
            .get(self.selected)
            .filter(|_| self.selected > 0 || self.focus != Pane::List)
            .map(|&i| self.articles[i].id.clone());
        let open_id = self.open.map(|i| self.articles[i].id.clone());
        // Both lists sorted, then merged: a batch costs the library's length, not a sort.
        articles.sort_by(|a, b| crate::library::newest_first(a, b));
        let old = std::mem::take(&mut self.articles);
        self.articles = merge_sorted(old, articles);
        self.columns = Columns::of(&self.articles);
        // Positions moved, and copies are found with the index: until it is built, none.
        self.copy_of.clear();
        // Positions moved: the index and related lists wait for the whole library.
        self.index = Index::default();
        self.related.clear();
        self.history.clear();
        self.open = open_id.and_then(|id| self.articles.iter().position(|a| a.id == id));
        if let Some(r) = self.rendered.as_mut() {
            r.doc = self.open.unwrap_or(usize::MAX);
        }
        self.refilter_keeping(selected_id);
        self.follow_selection();
    }

    fn refilter_keeping(&mut self, selected: Option<ArticleId>) {
        self.view.clear();
        self.refilter();
        if let Some(id) = selected
            && let Some(pos) = self.view.iter().position(|&i| self.articles[i].id == id)
        {
            self.selected = pos;
        }
    }

    /// Shows the cached list while the library is checked: all at once, replacing the list.
    /// The cache keeps the library's order, so the list is shown as it comes.
    pub fn show_cached(&mut self, articles: Vec<Arc<Summary>>) {
        self.articles = articles;
        self.copy_of.clear();
        self.columns = Columns::of(&self.articles);
        self.index = Index::default();
        self.related.clear();
        self.history.clear();
        self.open = None;
        self.article = None;
        self.refilter_keeping(None);
        self.follow_selection();
    }

    /// The files holding the same story as `doc` (itself included), when there are several.
    pub fn copies_of(&self, doc: usize) -> Vec<&Path> {
        let original = self.copy_of.get(&doc).copied().unwrap_or(doc);
        let mut paths: Vec<&Path> = std::iter::once(original)
            .chain(
                self.copy_of
                    .iter()
                    .filter(|&(_, &o)| o == original)
                    .map(|(&c, _)| c),
            )
            .map(|i| self.articles[i].path.as_path())
            .collect();
        if paths.len() < 2 {
            return Vec::new();
        }
        paths.sort();
        paths
    }

    pub fn selected_article(&self) -> Option<&Arc<Summary>> {
        self.view.get(self.selected).map(|&i| &self.articles[i])
    }

    pub fn panes(&self) -> Panes {
        self.layout_focused(self.focus)
    }

    /// The panes as they would be with `focus` focused (on narrow screens focus picks the pane).
    fn layout_focused(&self, focus: Pane) -> Panes {
        let area = Rect::new(0, 0, self.size.0, self.size.1);
        crate::layout::panes(
            area,
            &self.settings,
            focus,
            self.open.is_some(),
            self.sidebar_flip,
        )
    }

    /// Lines of the article pane that fit on screen.
    pub fn article_height(&self) -> usize {
        self.layout_focused(Pane::Article)
            .article
            .map(|r| r.height.saturating_sub(2) as usize)
            .unwrap_or(0)
    }

    fn list_height(&self) -> usize {
        self.panes()
            .list
            .map(|r| r.height.saturating_sub(2) as usize)
            .unwrap_or(1)
            .max(1)
    }

    pub fn max_scroll(&self) -> usize {
        self.rendered
            .as_ref()
            .map(|r| r.lines.len().saturating_sub(self.article_height()))
            .unwrap_or(0)
    }

    /// Recomputes the list from the library, the filters and the search.
    pub fn refilter(&mut self) {
        let selected = self.view.get(self.selected).copied();
        // Looking up marks costs a hash per article: only when a filter needs them.
        let bookmarks = self.bookmarks_only || self.query.bookmarked;
        let reads = self.unread_only || self.query.unread;
        let admits = |i: usize| {
            let a = &self.articles[i];
            let bookmarked = bookmarks && self.marks.bookmarks.contains(&a.id);
            let read = reads && self.marks.read.contains(&a.id);
            let present = self.missing.is_empty() || !self.missing.contains(&a.id);
            let copy = !self.copy_of.is_empty() && self.copy_of.contains_key(&i);
            !copy
                && (present || self.bookmarks_only)
                && (!self.bookmarks_only || bookmarked)
                && (!self.unread_only || !read)
                && self.query.admits(a, bookmarked, read)
        };
        self.view = if self.query.words.is_empty() {
            (0..self.articles.len()).filter(|&i| admits(i)).collect()
        } else if self.index.is_empty() && self.loading.is_some() {
            // The index is still being built: headlines and bylines only, meanwhile.
            let words: Vec<String> = self.query.words.iter().map(|w| w.to_lowercase()).collect();
            (0..self.articles.len())
                .filter(|&i| {
                    let a = &self.articles[i];
                    let text = format!("{} {}", a.headline, a.authors.join(" ")).to_lowercase();
                    words.iter().all(|w| text.contains(w.as_str())) && admits(i)
                })
                .collect()
        } else {
            self.index
                .search(&self.query.words)
                .into_iter()
                .filter(|&i| admits(i))
                .collect()
        };
        self.selected = selected
            .and_then(|s| self.view.iter().position(|&i| i == s))
            .unwrap_or(0);
    }

    /// Re-wraps the open article when it, the width or the search changed: the one place
    /// wrapping happens, so drawing never wraps.
    pub fn relayout(&mut self) {
        let Some(doc) = self.open else {
            self.rendered = None;
            return;
        };
        // On a narrow screen the article pane may be hidden now; wrap for when it shows.
        let width = self
            .layout_focused(Pane::Article)
            .article
            .map(|r| r.width.saturating_sub(4))
            .unwrap_or(0)
            .max(1);
        let query = self.query.words.join(" ");
        if self
            .rendered
            .as_ref()
            .is_some_and(|r| r.doc == doc && r.width == width && r.query == query)
        {
            return;
        }
        let Some(article) = &self.article else {
            self.rendered = None;
            return;
        };
        let (lines, match_lines) = crate::layout::wrap::wrap(
            article,
            width,
            &self.theme,
            &self.settings.date_format,
            &self.query.words,
        );
        self.rendered = Some(Rendered {
            doc,
            width,
            query,
            lines,
            match_lines,
        });
        self.scroll = self.scroll.min(self.max_scroll());
    }

    /// Opens `doc` to read it: shown, and marked read.
    fn open_article(&mut self, doc: usize, scroll: usize) {
        self.show_article(doc, scroll);
        self.marks.set_read(&self.articles[doc].id.clone(), true);
    }

    /// Shows `doc` in the article pane (a preview or an opened article), without marking it.
    fn show_article(&mut self, doc: usize, scroll: usize) {
        self.article = Some(self.read_article(doc, scroll));
        self.open = Some(doc);
        self.scroll = scroll;
        self.sidebar_selected = 0;
        self.related = index::related(
            &self.index,
            &self.articles,
            doc,
            self.settings.related_count,
        );
        self.relayout();
        self.scroll = scroll.min(self.max_scroll());
    }

    /// Preview: where the article pane shows beside the list, it follows the list's selection.
    fn follow_selection(&mut self) {
        if !self.settings.preview || self.focus != Pane::List || self.help {
            return;
        }
        let Some(&doc) = self.view.get(self.selected) else {
            return;
        };
        if self.open == Some(doc) || self.panes().article.is_none() {
            return;
        }
        self.history.clear();
        self.show_article(doc, 0);
    }

    /// The whole article `doc`: from the recently opened ones, else read from its file (in the
    /// background where the event loop reads for us: its summary stands in meanwhile). A file
    /// that cannot be read any more shows why, in place of its body.
    fn read_article(&mut self, doc: usize, scroll: usize) -> Arc<Article> {
        let summary = self.articles[doc].clone();
        self.waiting = None;
        if let Some(pos) = self
            .opened
            .iter()
            .position(|a| a.path == summary.path && a.id == summary.id)
        {
            let article = self.opened.remove(pos).expect("position is in range");
            self.opened.push_back(article.clone());
            return article;
        }
        if self.missing.contains(&summary.id) {
            return Arc::new(stand_in(
                &summary,
                &format!(
                    "The file of this bookmarked article is no longer in the library (it was {}). The bookmark is kept; b removes it.",
                    crate::safe_path(&summary.path)
                ),
            ));
        }
        if let (Some(reader), Opener::Files(_)) = (&self.reader, &self.opener) {
            let request = ReadRequest {
                path: summary.path.clone(),
                opener: self.opener.clone(),
            };
            if reader.send(request).is_ok() {
                self.waiting = Some((summary.path.clone(), scroll));
                return Arc::new(stand_in(&summary, ""));
            }
        }
        let read = self.opener.open(&summary.path);
        self.keep_read(&summary, read)
    }

    /// A whole article, or why it could not be read, as the article pane shows it; kept among
    /// the recently opened.
    fn keep_read(&mut self, summary: &Summary, read: Result<Arc<Article>, String>) -> Arc<Article> {
        let article = match read {
            Ok(article) => article,
            Err(e) => {
                let why = format!("{}: {e}", crate::safe_path(&summary.path));
                self.message = Some(format!("cannot open {why}"));
                return Arc::new(stand_in(
                    summary,
                    &format!("This article cannot be read now ({why}). r reloads the library."),
                ));
            }
        };
        if self.opened.len() >= KEEP_OPENED {
            self.opened.pop_front();
        }
        self.opened.push_back(article.clone());
        article
    }

    /// An article read in the background arrived: shown if it is still the one waited for.
    pub fn article_read(&mut self, path: &Path, read: Result<Arc<Article>, String>) {
        let Some((waited, scroll)) = self.waiting.clone() else {
            return;
        };
        let Some(summary) = self.open.map(|doc| self.articles[doc].clone()) else {
            return;
        };
        if waited != path || summary.path != path {
            return;
        }
        self.waiting = None;
        self.article = Some(self.keep_read(&summary, read));
        self.rendered = None;
        self.relayout();
        self.scroll = scroll.min(self.max_scroll());
    }

    /// Whether the open article is still being read.
    pub fn is_reading(&self) -> bool {
        self.waiting.is_some()
    }

    /// Applies one action. Returns what the event loop must do besides redrawing.
    pub fn update(&mut self, action: Action) -> Option<Effect> {
        let effect = self.apply(action);
        self.follow_selection();
        effect
    }

    fn apply(&mut self, action: Action) -> Option<Effect> {
        self.message = None;
        if let Some(first) = self.errors_shown {
            return self.scroll_errors(first, action);
        }
        if self.help {
            // j/k scroll the help; any other key closes it.
            match action {
                Action::Down => self.help_scroll += 1,
                Action::Up => self.help_scroll = self.help_scroll.saturating_sub(1),
                _ => self.help = false,
            }
            return if action == Action::ForceQuit {
                Some(Effect::Quit)
            } else {
                None
            };
        }
        let page = self.article_height().max(1);
        match action {
            Action::ForceQuit => return Some(Effect::Quit),
            Action::Quit => {
                if !self.back() {
                    self.quit = true;
                    return Some(Effect::Quit);
                }
            }
            Action::Back => {
                self.back();
            }
            Action::Help => {
                self.help = true;
                self.help_scroll = 0;
            }
            Action::Down => self.move_by(1),
            Action::Up => self.move_by(-1),
            Action::PageDown => self.move_by(self.page_for_focus(page) as isize),
            Action::PageUp => self.move_by(-(self.page_for_focus(page) as isize)),
            Action::HalfPageDown => self.move_by((self.page_for_focus(page) / 2).max(1) as isize),
            Action::HalfPageUp => self.move_by(-((self.page_for_focus(page) / 2).max(1) as isize)),
            Action::Top => self.move_by(isize::MIN / 2),
            Action::Bottom => self.move_by(isize::MAX / 2),
            Action::Open => return self.open_selected(),
            Action::FocusNext => self.cycle_focus(1),
            Action::FocusPrev => self.cycle_focus(-1),
            Action::NextArticle | Action::PrevArticle => {
                let step = if action == Action::NextArticle { 1 } else { -1 };
                if !self.view.is_empty() {
                    self.selected = (self.selected as isize + step)
                        .clamp(0, self.view.len() as isize - 1)
                        as usize;
                    self.history.clear();
                    self.open_article(self.view[self.selected], 0);
                    return Some(Effect::Save);
                }
            }
            Action::ToggleBookmark => return self.toggle_bookmark(),
            Action::ToggleRead => {
                let id = self.current_article()?.id.clone();
                let read = !self.marks.read.contains(&id);
                self.marks.set_read(&id, read);
                self.message = Some(if read { "marked read" } else { "marked unread" }.into());
                self.refilter_if_marks_filter();
                return Some(Effect::Save);
            }
            Action::BookmarksOnly => {
                self.bookmarks_only = !self.bookmarks_only;
                self.refilter();
                self.message = Some(
                    if self.bookmarks_only {
                        "showing bookmarks only"
                    } else {
                        "showing all articles"
                    }
                    .into(),
                );
            }
            Action::UnreadOnly => {
                self.unread_only = !self.unread_only;
                self.refilter();
                self.message = Some(
                    if self.unread_only {
                        "showing unread only"
                    } else {
                        "showing all articles"
                    }
                    .into(),
                );
            }
            Action::Search => {
                self.searching = true;
                if self.focus == Pane::Sidebar {
                    self.focus = Pane::List;
                }
            }
            Action::NextMatch | Action::PrevMatch => {
                self.jump_to_match(action == Action::NextMatch)
            }
            Action::ToggleSidebar => {
                self.sidebar_flip = !self.sidebar_flip;
                let shown = self.panes().sidebar.is_some();
                if self.size.0 < self.settings.narrow_width {
                    // One pane at a time: `s` switches to the sidebar and back.
                    self.focus = if self.focus == Pane::Sidebar {
                        if self.open.is_some() {
                            Pane::Article
                        } else {
                            Pane::List
                        }
                    } else {
                        Pane::Sidebar
                    };
                } else if !shown && self.focus == Pane::Sidebar {
                    self.focus = Pane::Article;
                }
                self.relayout();
            }
            Action::ShowWhy => self.show_why = !self.show_why,
            Action::OpenUrl => {
                let article = self.current_article()?;
                match article.url() {
                    Some(url) => return Some(Effect::OpenUrl(url.to_owned())),
                    None => self.message = Some("this article has no url".into()),
                }
            }
            Action::Reload => return Some(Effect::Reload),
            Action::Fetch => return Some(Effect::Fetch),
            Action::Add => self.adding = Some(String::new()),
            Action::ShowErrors if self.errors.is_empty() => {
                self.message = Some("every file was read".into());
            }
            Action::ShowErrors => self.errors_shown = Some(0),
        }
        None
    }

    /// Typing in the add prompt: Enter asks for the page to be saved, Esc gives up.
    pub fn add_input(&mut self, edit: SearchEdit) -> Option<Effect> {
        let text = self.adding.as_mut()?;
        match edit {
            SearchEdit::Char(c) => text.push(c),
            SearchEdit::Backspace => {
                text.pop();
            }
            SearchEdit::Clear => self.adding = None,
            SearchEdit::Accept => {
                let url = self.adding.take()?.trim().to_owned();
                return (!url.is_empty()).then_some(Effect::Add(url));
            }
        }
        None
    }

    /// While the list of unreadable files is open: moving keys scroll it, any other closes it.
    fn scroll_errors(&mut self, first: usize, action: Action) -> Option<Effect> {
        let page = (self.size.1 as usize).saturating_sub(4).max(1);
        let last = self.errors.len().saturating_sub(1);
        let to = match action {
            Action::Down => first + 1,
            Action::Up => first.saturating_sub(1),
            Action::PageDown | Action::HalfPageDown => first + page,
            Action::PageUp | Action::HalfPageUp => first.saturating_sub(page),
            Action::Top => 0,
            Action::Bottom => last,
            Action::ForceQuit => return Some(Effect::Quit),
            _ => {
                self.errors_shown = None;
                return None;
            }
        };
        self.errors_shown = Some(to.min(last));
        None
    }

    /// Typing in the search prompt: the list filters as the query changes.
    pub fn search_input(&mut self, edit: SearchEdit) {
        match edit {
            SearchEdit::Char(c) => self.query_text.push(c),
            SearchEdit::Backspace => {
                self.query_text.pop();
            }
            SearchEdit::Clear => {
                self.query_text.clear();
                self.searching = false;
            }
            SearchEdit::Accept => self.searching = false,
        }
        match Query::parse(&self.query_text) {
            Ok(q) => {
                self.query = q;
                self.query_error = None;
            }
            Err(e) => self.query_error = Some(e),
        }
        self.refilter();
        self.relayout();
        self.follow_selection();
    }

    /// The article the user is looking at: the open one while reading, else the selected one.
    pub fn current_article(&self) -> Option<&Arc<Summary>> {
        match (self.focus, self.open) {
            (Pane::List, _) | (_, None) => self.selected_article(),
            (_, Some(doc)) => self.articles.get(doc),
        }
    }

    fn toggle_bookmark(&mut self) -> Option<Effect> {
        let id = self.current_article()?.id.clone();
        let on = !self.marks.bookmarks.contains(&id);
        self.marks.set_bookmark(&id, on);
        self.message = Some(if on { "bookmarked" } else { "bookmark removed" }.into());
        self.refilter_if_marks_filter();
        Some(Effect::Save)
    }

    /// Marks changed: the list changes only where a filter looks at them (the whole library is
    /// filtered again then, which a key should not pay for otherwise).
    fn refilter_if_marks_filter(&mut self) {
        let q = &self.query;
        if self.bookmarks_only || self.unread_only || q.bookmarked || q.unread {
            self.refilter();
        }
    }

    fn page_for_focus(&self, article_page: usize) -> usize {
        match self.focus {
            Pane::List => self.list_height(),
            _ => article_page,
        }
    }

    fn move_by(&mut self, delta: isize) {
        let step = |pos: usize, len: usize| {
            (pos as isize)
                .saturating_add(delta)
                .clamp(0, len.saturating_sub(1) as isize) as usize
        };
        match self.focus {
            Pane::List => self.selected = step(self.selected, self.view.len()),
            Pane::Article => self.scroll = step(self.scroll, self.max_scroll() + 1),
            Pane::Sidebar => {
                self.sidebar_selected = step(self.sidebar_selected, self.related.len())
            }
        }
    }

    fn open_selected(&mut self) -> Option<Effect> {
        match self.focus {
            Pane::List | Pane::Article => {
                let doc = *self.view.get(self.selected)?;
                self.history.clear();
                if self.open == Some(doc) && self.focus == Pane::List {
                    // Previewed already: Enter moves into it where it is.
                    self.marks.set_read(&self.articles[doc].id.clone(), true);
                } else {
                    self.open_article(doc, 0);
                }
                self.focus = Pane::Article;
            }
            Pane::Sidebar => {
                let doc = self.related.get(self.sidebar_selected)?.doc;
                if let Some(current) = self.open {
                    self.history.push((current, self.scroll));
                }
                self.open_article(doc, 0);
                self.focus = Pane::Article;
                self.message = Some("h or esc goes back".into());
            }
        }
        self.refilter_if_marks_filter();
        Some(Effect::Save)
    }

    /// Goes back one step: from a followed related article, from the sidebar or the article
    /// to the list, from a search to the full list. False when there is nowhere to go back to.
    fn back(&mut self) -> bool {
        if let Some((doc, scroll)) = self.history.pop() {
            self.open_article(doc, scroll);
            self.focus = Pane::Article;
            return true;
        }
        match self.focus {
            Pane::Sidebar => self.focus = Pane::Article,
            Pane::Article => self.focus = Pane::List,
            Pane::List if !self.query_text.is_empty() => self.search_input(SearchEdit::Clear),
            Pane::List => return false,
        }
        true
    }

    fn cycle_focus(&mut self, step: isize) {
        let panes = self.panes();
        let mut order = vec![Pane::List];
        if self.open.is_some() {
            order.push(Pane::Article);
        }
        if panes.sidebar.is_some() || self.size.0 < self.settings.narrow_width {
            order.push(Pane::Sidebar);
        }
        let pos = order.iter().position(|p| *p == self.focus).unwrap_or(0) as isize;
        self.focus = order[(pos + step).rem_euclid(order.len() as isize) as usize];
    }

    fn jump_to_match(&mut self, forward: bool) {
        if self.focus == Pane::List {
            return self.move_by(if forward { 1 } else { -1 });
        }
        let Some(r) = &self.rendered else { return };
        let next = if forward {
            r.match_lines.iter().find(|&&l| l > self.scroll).copied()
        } else {
            r.match_lines
                .iter()
                .rev()
                .find(|&&l| l < self.scroll)
                .copied()
        };
        match next {
            Some(line) => self.scroll = line.min(self.max_scroll()),
            None => self.message = Some("no more matches".into()),
        }
    }

    /// Mouse: the wheel scrolls the pane under the pointer; a click selects.
    pub fn mouse(&mut self, column: u16, row: u16, kind: MouseKind) {
        let panes = self.panes();
        let at = Position::new(column, row);
        let hit = [
            (Pane::List, panes.list),
            (Pane::Article, panes.article),
            (Pane::Sidebar, panes.sidebar),
        ]
        .into_iter()
        .find_map(|(pane, rect)| rect.filter(|r| r.contains(at)).map(|r| (pane, r)));
        let Some((pane, rect)) = hit else { return };
        let previous = self.focus;
        self.focus = pane;
        match kind {
            MouseKind::ScrollDown => {
                self.move_by(3);
                self.focus = previous;
            }
            MouseKind::ScrollUp => {
                self.move_by(-3);
                self.focus = previous;
            }
            MouseKind::Click if pane == Pane::List => {
                let offset = columns::offset(self.selected, self.list_height(), self.view.len());
                let row = (row.saturating_sub(rect.y + 1)) as usize + offset;
                if row < self.view.len() {
                    self.selected = row;
                }
            }
            MouseKind::Click => {}
        }
        self.follow_selection();
    }

    /// The terminal was resized: reflow at once.
    pub fn resize(&mut self, width: u16, height: u16) {
        self.size = (width, height);
        self.relayout();
        self.scroll = self.scroll.min(self.max_scroll());
        self.follow_selection();
    }
}

/// Copies of one story, each mapped to the first of them in the library's order (the one the
/// list shows): files with the same id, or with the same headline and nearly the same words.
fn copies(articles: &[Arc<Summary>], index: &Index) -> HashMap<usize, usize> {
    let mut first: HashMap<&ArticleId, usize> = HashMap::new();
    let mut copy_of = HashMap::new();
    for (i, a) in articles.iter().enumerate() {
        match first.get(&a.id) {
            Some(&original) => {
                copy_of.insert(i, original);
            }
            None => {
                first.insert(&a.id, i);
            }
        }
    }
    for (copy, original) in index.copies() {
        if copy < articles.len() && !copy_of.contains_key(&copy) {
            let original = copy_of.get(&original).copied().unwrap_or(original);
            copy_of.insert(copy, original);
        }
    }
    copy_of
}

/// A bookmark whose file has gone, listed from what the bookmark remembers.
fn missing_article(id: &ArticleId, b: &crate::store::Bookmark) -> Summary {
    use crate::article::hygiene::clean_line;
    Summary {
        id: id.clone(),
        path: b.path.clone().into(),
        headline: clean_line(&b.headline),
        source: b.source.as_deref().map(clean_line),
        extra: b.url.as_deref().map(|url| {
            Box::new(crate::article::Extra {
                url: Some(clean_line(url)),
                ..Default::default()
            })
        }),
        published: b
            .published
            .as_deref()
            .and_then(crate::article::Date::parse_iso),
        ..Summary::default()
    }
}

/// An article whose body cannot be shown: its summary and one paragraph saying why.
fn stand_in(summary: &Summary, why: &str) -> Article {
    Article {
        id: summary.id.clone(),
        path: summary.path.clone(),
        headline: summary.headline.clone(),
        source: summary.source.clone(),
        url: summary.url().map(str::to_owned),
        published: summary.published,
        authors: summary.authors.clone(),
        dek: summary.dek().map(str::to_owned),
        // While the file is read, the summary alone: no body yet.
        blocks: if why.is_empty() {
            Vec::new()
        } else {
            vec![crate::article::Block::paragraph(why)]
        },
        ..Article::default()
    }
}

/// Two lists sorted newest first, merged into one.
fn merge_sorted(a: Vec<Arc<Summary>>, b: Vec<Arc<Summary>>) -> Vec<Arc<Summary>> {
    let mut out = Vec::with_capacity(a.len() + b.len());
    let (mut a, mut b) = (a.into_iter().peekable(), b.into_iter().peekable());
    while let (Some(x), Some(y)) = (a.peek(), b.peek()) {
        let next = if crate::library::newest_first(x, y).is_le() {
            a.next()
        } else {
            b.next()
        };
        out.extend(next);
    }
    out.extend(a);
    out.extend(b);
    out
}

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum SearchEdit {
    Char(char),
    Backspace,
    Clear,
    Accept,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum MouseKind {
    ScrollUp,
    ScrollDown,
    Click,
}
