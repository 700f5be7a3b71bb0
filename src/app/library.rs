//! The library's lifecycle in the reader: shown whole, filled batch by batch while it loads,
//! replaced when a load ends (keeping the selection on its article), with copies of one story
//! folded into one row and bookmarks whose file has gone standing in for it.

use std::collections::{HashMap, HashSet};
use std::path::Path;
use std::sync::Arc;

use rayon::slice::ParallelSliceMut;

use super::{App, Msg, Pane};
use crate::action::Action;
use crate::article::{ArticleId, Summary};
use crate::layout::columns::Columns;
use crate::library::index::{self, Index};
use crate::library::load::Loaded;
use crate::library::{InMemory, Library};

/// Why a load runs.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord)]
pub enum Load {
    /// At start: the list shows as it loads.
    First,
    /// Files changed, or the user pressed `r`: the status bar says what was found.
    Reload,
    /// Once the watches are in place: reads what was saved between the first load's folder
    /// walk and the watches, so that nothing falls in between. Quiet unless it finds something.
    CatchUp,
}

impl App {
    /// The loader's and the watcher's messages.
    pub(super) fn library_changed(&mut self, msg: Msg) {
        match msg {
            Msg::Library(m) => self.set_in_memory(*m),
            Msg::Indexed(library, index) => self.set_indexed_library(library, *index),
            Msg::Loading(opener) => {
                self.opener = opener;
                self.loading = Some((0, 0));
            }
            Msg::Progress(done, total) => self.loading = Some((done, total)),
            Msg::Cached(articles) => self.show_cached(articles),
            Msg::Batch(articles) => self.add_articles(articles),
            Msg::Loaded(loaded, kind) => self.loaded(*loaded, kind),
            Msg::Unchanged => {
                self.loading = None;
                self.watching = true;
            }
            Msg::NotWatching(e) => {
                self.message = Some(format!("not watching the library ({e}); r reloads"));
            }
            _ => {}
        }
    }

    /// A load ended: its library replaces the one shown, and the status bar says what it found.
    fn loaded(&mut self, loaded: Loaded, kind: Load) {
        let Loaded {
            library,
            index,
            notices,
            read,
            gone,
            files: _,
        } = loaded;
        // A catch-up reload speaks only when it found something.
        let news = kind == Load::Reload || (kind == Load::CatchUp && read + gone > 0);
        if news {
            // This reload's news replaces the last one's.
            self.message = None;
        }
        self.loading = None;
        self.set_indexed_library(library, index.unwrap_or_default());
        if kind == Load::CatchUp {
            self.watching = true;
        }
        if let Some(n) = notices.first() {
            self.message = Some(n.clone());
        } else if news {
            let said = reload_message(read, gone);
            self.message = match self.message.take() {
                Some(m) if m == OPEN_GONE => Some(format!("{said}: {m}")),
                Some(m) => Some(m),
                None => Some(said),
            };
        }
    }

    /// Shows a library held whole in memory (the bundled sample, tests).
    pub(super) fn set_in_memory(&mut self, m: InMemory) {
        self.opener = m.opener;
        self.opened.clear();
        self.set_indexed_library(m.library, m.index);
    }

    /// Replaces the library (after loading or reloading), keeping the selection on the same
    /// article where it still exists. The index is built by the loader thread, so that the
    /// reader never stops for it.
    pub(super) fn set_indexed_library(&mut self, library: Library, index: Index) {
        let selected_id = self.selected_article().map(|a| a.id.clone());
        let open_id = self.open.map(|i| self.articles[i].id.clone());
        self.index = index;
        self.articles = library.articles;
        self.errors = library.errors;
        self.warnings = library.warnings;
        // After the index: a missing article is never searched or related.
        self.missing.clear();
        self.columns = Columns::of(&self.articles);
        // The bookmarks' ids, not the library's: a set of 100,000 ids cloned on arrival was
        // the reader's own peak.
        let mut absent: HashSet<&ArticleId> = self.saved.iter().map(|(id, _)| id).collect();
        if !absent.is_empty() {
            for a in &self.articles {
                absent.remove(&a.id);
            }
        }
        for (id, b) in self.saved.iter().filter(|(id, _)| absent.contains(id)) {
            self.articles.push(Arc::new(missing_article(id, b)));
            self.missing.insert(id.clone());
        }
        self.copy_of = copies(&self.articles, &self.index);
        self.open = open_id
            .as_ref()
            .and_then(|id| self.articles.iter().position(|a| &a.id == id));
        if self.open.is_none() {
            // The open article's file is gone.
            if open_id.is_some() {
                self.message = Some(OPEN_GONE.into());
            }
            self.article = None;
            self.unreadable = None;
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
        self.reread_if_stale();
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
    pub(super) fn add_articles(&mut self, mut articles: Vec<Arc<Summary>>) {
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

    pub(super) fn refilter_keeping(&mut self, selected: Option<ArticleId>) {
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
    pub(super) fn show_cached(&mut self, articles: Vec<Arc<Summary>>) {
        self.articles = articles;
        self.copy_of.clear();
        self.columns = Columns::of(&self.articles);
        self.index = Index::default();
        self.related.clear();
        self.history.clear();
        self.open = None;
        self.article = None;
        self.unreadable = None;
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
            .map(|i| self.articles[i].path())
            .collect();
        if paths.len() < 2 {
            return Vec::new();
        }
        paths.sort();
        paths
    }
}

/// What a reload found: "2 new or changed files read, 1 gone".
/// Said when the file of the article being read is gone (after the reload's count of files).
const OPEN_GONE: &str = "the article you were reading is gone from the library";

fn reload_message(read: usize, gone: usize) -> String {
    let files = |n: usize| if n == 1 { "file" } else { "files" };
    match (read, gone) {
        (0, 0) => "library up to date".into(),
        (r, 0) => format!("{r} new or changed {} read", files(r)),
        (0, g) => format!("{g} {} gone", files(g)),
        (r, g) => format!("{r} new or changed {} read, {g} gone", files(r)),
    }
}

/// Copies of one story, each mapped to the first of them in the library's order (the one the
/// list shows): files with the same id, or with the same headline and nearly the same words.
fn copies(articles: &[Arc<Summary>], index: &Index) -> HashMap<usize, usize> {
    // Positions sorted by id, then by position: each run of one id starts with its first.
    // At 100,000 articles that is 0.4 MB, where a map from each id to its first position
    // took some 4 MB more at the moment the library arrives, the reader's peak.
    let mut order: Vec<u32> = (0..articles.len() as u32).collect();
    order.par_sort_unstable_by(|&a, &b| {
        articles[a as usize]
            .id
            .cmp(&articles[b as usize].id)
            .then(a.cmp(&b))
    });
    let mut copy_of = HashMap::new();
    for run in order.chunk_by(|&a, &b| articles[a as usize].id == articles[b as usize].id) {
        for &copy in &run[1..] {
            copy_of.insert(copy as usize, run[0] as usize);
        }
    }
    drop(order);
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
    let headline = clean_line(&b.headline);
    let source = b.source.as_deref().map(clean_line);
    Summary::from(crate::article::Fields {
        id: id.clone(),
        path: b.path.clone().into(),
        headline: &headline,
        source: source.as_deref(),
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
        ..Default::default()
    })
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
