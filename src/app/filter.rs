//! Filter and search: which articles the list shows (bookmarks only, unread only, the query),
//! typing in the search prompt, and jumping between the open article's matches.

use super::{App, Pane, SearchEdit};
use crate::library::query::Query;

impl App {
    /// Recomputes the list from the library, the filters and the search.
    pub(super) fn refilter(&mut self) {
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
                    let text = format!(
                        "{} {}",
                        a.headline(),
                        a.authors().collect::<Vec<_>>().join(" ")
                    )
                    .to_lowercase();
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

    /// Marks changed: the list changes only where a filter looks at them (the whole library is
    /// filtered again then, which a key should not pay for otherwise).
    pub(super) fn refilter_if_marks_filter(&mut self) {
        let q = &self.query;
        if self.bookmarks_only || self.unread_only || q.bookmarked || q.unread {
            self.refilter_in_place();
        }
    }

    /// Recomputes the list after a mark or a marks filter changed, the selection kept where
    /// the reader's eye is: on its article while it is shown, else on the row that took its
    /// place (the next one still shown, else the one before), never back at the top.
    pub(super) fn refilter_in_place(&mut self) {
        let old = std::mem::take(&mut self.view);
        let at = self.selected;
        self.refilter();
        let Some(&doc) = old.get(at) else { return };
        // Each article's row in the new list, plus one; 0 where it is not shown.
        let mut row = vec![0u32; self.articles.len()];
        for (n, &i) in self.view.iter().enumerate() {
            row[i] = n as u32 + 1;
        }
        let place = std::iter::once(&doc)
            .chain(&old[at + 1..])
            .chain(old[..at].iter().rev())
            .map(|&i| row[i])
            .find(|&r| r > 0);
        self.selected = place.map_or(0, |r| r as usize - 1);
    }

    /// Typing in the search prompt: the list filters as the query changes.
    pub(super) fn search_input(&mut self, edit: SearchEdit) {
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
                let ignored = crate::library::index::ignored(&q.words);
                self.query_note = (!ignored.is_empty())
                    .then(|| format!("left out of the search: {}", ignored.join(", ")));
                self.query_error = None;
                self.query = q;
            }
            Err(e) => self.query_error = Some(e),
        }
        self.refilter();
        self.relayout();
        self.follow_selection();
    }

    pub(super) fn jump_to_match(&mut self, forward: bool) {
        if self.focus == Pane::List {
            // Every row shown matches: the next match is the next row, if there is one.
            let at_end = if forward {
                self.selected + 1 >= self.view.len()
            } else {
                self.selected == 0
            };
            if at_end {
                self.message = Some("no more matches".into());
                return;
            }
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
}
