//! Reading: showing an article (opened, or previewed as the selection moves), read off the UI
//! thread where the event loop reads for us, the recently opened kept parsed.

use std::path::Path;
use std::sync::Arc;

use super::{App, KEEP_OPENED, Pane, ReadRequest};
use crate::article::{Article, Summary};
use crate::library::Opener;
use crate::library::index;

impl App {
    /// The article on the list's selected row.
    pub fn selected_article(&self) -> Option<&Arc<Summary>> {
        self.view.get(self.selected).map(|&i| &self.articles[i])
    }

    /// The article the user is looking at: the open one while reading, else the selected one.
    pub fn current_article(&self) -> Option<&Arc<Summary>> {
        match (self.focus, self.open) {
            (Pane::List, _) | (_, None) => self.selected_article(),
            (_, Some(doc)) => self.articles.get(doc),
        }
    }

    /// Opens `doc` to read it: shown, and marked read.
    pub(super) fn open_article(&mut self, doc: usize, scroll: usize) {
        self.show_article(doc, scroll);
        self.marks.set_read(&self.articles[doc].id.clone(), true);
    }

    /// Shows `doc` in the article pane (a preview or an opened article), without marking it.
    pub(super) fn show_article(&mut self, doc: usize, scroll: usize) {
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
    pub(super) fn follow_selection(&mut self) {
        if !self.settings.preview || self.focus != Pane::List || self.help {
            return;
        }
        let Some(&doc) = self.view.get(self.selected) else {
            // The search or the filters hide every article: the preview went with the
            // selection, so that no key acts on an article the list no longer shows.
            if self.open.is_some() && self.panes().article.is_some() {
                self.close_article();
            }
            return;
        };
        if self.open == Some(doc) || self.panes().article.is_none() {
            return;
        }
        self.history.clear();
        self.show_article(doc, 0);
    }

    /// Empties the article pane (and the sidebar, which follows it).
    pub(super) fn close_article(&mut self) {
        self.open = None;
        self.article = None;
        self.unreadable = None;
        self.waiting = None;
        self.rendered = None;
        self.related.clear();
        self.history.clear();
        self.scroll = 0;
        self.sidebar_selected = 0;
    }

    /// The whole article `doc`: from the recently opened ones, else read from its file (in the
    /// background where the event loop reads for us: its summary stands in meanwhile). A file
    /// that cannot be read any more shows why, in place of its body.
    pub(super) fn read_article(&mut self, doc: usize, scroll: usize) -> Arc<Article> {
        let summary = self.articles[doc].clone();
        self.waiting = None;
        // A new read: what the status bar said about the last one failing is stale now.
        if let Some(said) = self.unreadable.take()
            && self.message.as_ref() == Some(&said)
        {
            self.message = None;
        }
        if let Some(pos) = self
            .opened
            .iter()
            .position(|a| a.path == summary.path() && a.id == summary.id)
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
                    crate::safe_path(summary.path())
                ),
            ));
        }
        if let (Some(reader), Opener::Files(_)) = (&self.reader, &self.opener) {
            let request = ReadRequest {
                path: summary.path().to_path_buf(),
                opener: self.opener.clone(),
            };
            if reader.send(request).is_ok() {
                self.waiting = Some((summary.path().to_path_buf(), scroll));
                return Arc::new(stand_in(&summary, ""));
            }
        }
        let read = self.opener.open(summary.path());
        self.keep_read(&summary, read)
    }

    /// A whole article, or why it could not be read, as the article pane shows it; kept among
    /// the recently opened.
    pub(super) fn keep_read(
        &mut self,
        summary: &Summary,
        read: Result<Arc<Article>, String>,
    ) -> Arc<Article> {
        let article = match read {
            Ok(article) => article,
            Err(e) => {
                let why = format!("{}: {e}", crate::safe_path(summary.path()));
                let said = format!("cannot open {why}");
                self.message = Some(said.clone());
                self.unreadable = Some(said);
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
    pub(super) fn article_read(&mut self, path: &Path, read: Result<Arc<Article>, String>) {
        let Some((waited, scroll)) = self.waiting.clone() else {
            return;
        };
        let Some(summary) = self.open.map(|doc| self.articles[doc].clone()) else {
            return;
        };
        if waited != path || summary.path() != path {
            return;
        }
        self.waiting = None;
        self.article = Some(self.keep_read(&summary, read));
        self.rendered = None;
        self.relayout();
        self.scroll = scroll.min(self.max_scroll());
    }

    /// The library was replaced: the article in the pane is read again if its read failed or
    /// its file moved (a rename the loader found), so that an error never outlives its cause
    /// and no read waits on a path that is gone.
    pub(super) fn reread_if_stale(&mut self) {
        let Some(doc) = self.open else { return };
        let path = self.articles[doc].path();
        let moved = self.article.as_ref().is_some_and(|a| a.path != path)
            || self.waiting.as_ref().is_some_and(|(p, _)| p != path);
        if !moved && self.unreadable.is_none() {
            return;
        }
        let scroll = self.waiting.as_ref().map_or(self.scroll, |&(_, s)| s);
        self.article = Some(self.read_article(doc, scroll));
        self.rendered = None;
        self.relayout();
        self.scroll = scroll.min(self.max_scroll());
    }

    /// Whether the open article could not be read (its pane says why).
    pub(super) fn is_unreadable(&self) -> bool {
        self.unreadable.is_some()
    }

    /// Whether the open article is still being read.
    pub fn is_reading(&self) -> bool {
        self.waiting.is_some()
    }
}

/// An article whose body cannot be shown: its summary and one paragraph saying why.
fn stand_in(summary: &Summary, why: &str) -> Article {
    Article {
        id: summary.id.clone(),
        path: summary.path().to_path_buf(),
        headline: summary.headline().to_owned(),
        source: summary.source().map(str::to_owned),
        url: summary.url().map(str::to_owned),
        published: summary.published,
        authors: summary.authors().map(str::to_owned).collect(),
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
