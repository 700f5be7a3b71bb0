//! Keys as actions: what each action does, by the pane in focus and the overlay open.

use super::{App, Effect, Pane, SearchEdit};
use crate::action::Action;

impl App {
    /// Applies one action; the overlays (the list of unreadable files, the help) take keys
    /// first.
    pub(super) fn apply(&mut self, action: Action) -> Option<Effect> {
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
                self.refilter_in_place();
                self.message = Some(self.filters_said());
            }
            Action::UnreadOnly => {
                self.unread_only = !self.unread_only;
                self.refilter_in_place();
                self.message = Some(self.filters_said());
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
                let narrow = self.size.0 < self.settings.narrow_width;
                // In the narrow layout `s` switches panes; the wider layouts' sidebar stays
                // as it was set there.
                if !narrow {
                    self.sidebar_flip = !self.sidebar_flip;
                }
                let shown = self.panes().sidebar.is_some();
                if narrow {
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
                    self.focus = if self.open.is_some() {
                        Pane::Article
                    } else {
                        Pane::List
                    };
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
            Action::ShowErrors if self.errors.is_empty() && self.warnings.is_empty() => {
                self.message = Some("every file was read".into());
            }
            Action::ShowErrors => self.errors_shown = Some(0),
        }
        None
    }

    /// While the list of unreadable files is open: moving keys scroll it, any other closes it.
    pub(super) fn scroll_errors(&mut self, first: usize, action: Action) -> Option<Effect> {
        let page = (self.size.1 as usize).saturating_sub(4).max(1);
        let last = (self.errors.len() + self.warnings.len()).saturating_sub(1);
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

    pub(super) fn toggle_bookmark(&mut self) -> Option<Effect> {
        let article = self.current_article()?.clone();
        let id = article.id.clone();
        let on = !self.marks.bookmarks.contains(&id);
        self.marks.set_bookmark(&id, on);
        // Kept as the store keeps it, so that if its file goes while the reader runs, the
        // bookmark still has its row ("not in library"), as it does after a restart.
        self.saved.retain(|(saved, _)| *saved != id);
        if on {
            let now = std::time::SystemTime::now()
                .duration_since(std::time::UNIX_EPOCH)
                .map_or(0, |d| d.as_secs());
            self.saved
                .push((id, crate::store::Bookmark::of(&article, now)));
        }
        self.message = Some(if on { "bookmarked" } else { "bookmark removed" }.into());
        self.refilter_if_marks_filter();
        Some(Effect::Save)
    }

    pub(super) fn open_selected(&mut self) -> Option<Effect> {
        match self.focus {
            Pane::List | Pane::Article => {
                let doc = *self.view.get(self.selected)?;
                self.history.clear();
                if self.open == Some(doc) && self.focus == Pane::List && !self.is_unreadable() {
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
        // The unread view keeps what was just read in its place until the view is asked for
        // again, as J and K do: otherwise the rows move under the reader, and J skips one.
        Some(Effect::Save)
    }

    /// Goes back one step: from a followed related article, from the sidebar or the article
    /// to the list, from a search to the full list. False when there is nowhere to go back to.
    pub(super) fn back(&mut self) -> bool {
        if let Some((doc, scroll)) = self.history.pop() {
            self.open_article(doc, scroll);
            self.focus = Pane::Article;
            return true;
        }
        match self.focus {
            // Back to the article, if one is open: else to the list, the pane then shown.
            Pane::Sidebar if self.open.is_some() => self.focus = Pane::Article,
            Pane::Sidebar | Pane::Article => self.focus = Pane::List,
            Pane::List if !self.query_text.is_empty() => self.search_input(SearchEdit::Clear),
            Pane::List => return false,
        }
        true
    }

    /// What the marks filters show now, both of them: turning one off says what is left.
    fn filters_said(&self) -> String {
        match (self.bookmarks_only, self.unread_only) {
            (true, true) => "showing unread bookmarks only",
            (true, false) => "showing bookmarks only",
            (false, true) => "showing unread only",
            (false, false) => "showing all articles",
        }
        .into()
    }
}
