//! Reading the reader's state, for drawing, the event loop and tests: nothing here changes
//! it (that is `update`'s alone).

use std::collections::HashSet;
use std::sync::Arc;

use super::{App, Marks, Pane, Rendered, Settings};
use crate::article::{Article, ArticleId, Summary};
use crate::keymap::KeyMap;
use crate::layout::Theme;
use crate::layout::columns::Columns;
use crate::library::LoadError;
use crate::library::index::{Index, Related};
use crate::store::Bookmark;

impl App {
    /// The library's articles as summaries (positions are what `view` and `open` hold).
    pub fn articles(&self) -> &[Arc<Summary>] {
        &self.articles
    }

    /// The article shown in the article pane, whole (or its summary while it is read).
    pub fn article(&self) -> Option<&Arc<Article>> {
        self.article.as_ref()
    }

    /// The files that could not be read.
    pub fn errors(&self) -> &[LoadError] {
        &self.errors
    }

    /// The files read with a warning (listed by `e` after those that could not be read).
    pub fn warnings(&self) -> &[LoadError] {
        &self.warnings
    }

    /// The search and related index (empty until the library is loaded).
    pub fn index(&self) -> &Index {
        &self.index
    }

    /// Positions in `articles` shown in the list, in order.
    pub fn view(&self) -> &[usize] {
        &self.view
    }

    /// The list's source and date column, sized to the library.
    pub fn columns(&self) -> Columns {
        self.columns
    }

    /// The selected row of the list.
    pub fn selected(&self) -> usize {
        self.selected
    }

    /// The pane keys go to.
    pub fn focus(&self) -> Pane {
        self.focus
    }

    /// The article in the article pane (opened or previewed), as a position in `articles`.
    pub fn open(&self) -> Option<usize> {
        self.open
    }

    /// The article pane's first line shown.
    pub fn scroll(&self) -> usize {
        self.scroll
    }

    /// The article in the pane laid out for its width.
    pub fn rendered(&self) -> Option<&Rendered> {
        self.rendered.as_ref()
    }

    /// Articles related to the one in the pane, for the sidebar.
    pub fn related(&self) -> &[Related] {
        &self.related
    }

    /// The sidebar's selected row.
    pub fn sidebar_selected(&self) -> usize {
        self.sidebar_selected
    }

    /// The sidebar says why each article is related.
    pub fn show_why(&self) -> bool {
        self.show_why
    }

    /// The user pressed `s`: the sidebar shows where it was hidden, or hides where it showed.
    pub fn sidebar_flip(&self) -> bool {
        self.sidebar_flip
    }

    /// The list shows bookmarks only.
    pub fn bookmarks_only(&self) -> bool {
        self.bookmarks_only
    }

    /// The list shows unread articles only.
    pub fn unread_only(&self) -> bool {
        self.unread_only
    }

    /// The search prompt is open.
    pub fn searching(&self) -> bool {
        self.searching
    }

    /// The address typed after `a` (add), while its prompt is open.
    pub fn adding(&self) -> Option<&str> {
        self.adding.as_deref()
    }

    /// The search as typed.
    pub fn query_text(&self) -> &str {
        &self.query_text
    }

    /// Why the search as typed is not a query.
    pub fn query_error(&self) -> Option<&str> {
        self.query_error.as_deref()
    }

    /// How many rows the list has with no filter and no search: each story once (copies
    /// are one row), bookmarks whose file is not in the library left out.
    pub fn unfiltered_rows(&self) -> usize {
        (self.articles.len())
            .saturating_sub(self.copy_of.len())
            .saturating_sub(self.missing.len())
    }

    /// What the search leaves out of the query as typed, if anything.
    pub fn query_note(&self) -> Option<&str> {
        self.query_note.as_deref()
    }

    /// Which articles are bookmarked and read.
    pub fn marks(&self) -> &Marks {
        &self.marks
    }

    /// Bookmarks as stored, with what each article was.
    pub fn saved(&self) -> &[(ArticleId, Bookmark)] {
        &self.saved
    }

    /// Articles standing in for bookmarks whose file is gone.
    pub fn missing(&self) -> &HashSet<ArticleId> {
        &self.missing
    }

    /// The status bar's message.
    pub fn message(&self) -> Option<&str> {
        self.message.as_deref()
    }

    /// The help overlay is open.
    pub fn help(&self) -> bool {
        self.help
    }

    /// The help overlay's first line shown.
    pub fn help_scroll(&self) -> usize {
        self.help_scroll
    }

    /// The list of unreadable files is open, from this line on.
    pub fn errors_shown(&self) -> Option<usize> {
        self.errors_shown
    }

    /// The terminal's size, (columns, rows).
    pub fn size(&self) -> (u16, u16) {
        self.size
    }

    /// Keys to actions.
    pub fn keymap(&self) -> &KeyMap {
        &self.keymap
    }

    /// The styles everything is drawn in.
    pub fn theme(&self) -> &Theme {
        &self.theme
    }

    /// Display settings from the config.
    pub fn settings(&self) -> &Settings {
        &self.settings
    }

    /// (files read, files found) while the library loads.
    pub fn loading(&self) -> Option<(usize, usize)> {
        self.loading
    }

    /// The library's folders are watched and the reader has caught up with them.
    pub fn watching(&self) -> bool {
        self.watching
    }
}
