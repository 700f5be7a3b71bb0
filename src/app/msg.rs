//! Everything that changes the reader, as data: what the user does, what the terminal tells,
//! and what the background threads (loader, watcher, article reader, fetcher, saver) report.
//! The event loop only turns what happens into these; `App::update` applies them.

use std::path::PathBuf;
use std::sync::Arc;

use crossterm::event::KeyCode;

use super::{App, Effect, Load};
use crate::action::Action;
use crate::article::{Article, ArticleId, Summary};
use crate::keymap::Key;
use crate::library::index::Index;
use crate::library::load::Loaded;
use crate::library::{InMemory, Library, Opener};
use crate::store::{Bookmark, Renames};

/// One change to the reader.
pub enum Msg {
    /// A key the key map turned into an action.
    Key(Action),
    /// A key with no action: it closes the help and the list of unreadable files.
    Unbound,
    /// Typing in the open prompt (search, or the address to add).
    Edit(SearchEdit),
    /// Selects a row of the list, focusing the list (as a click on it does).
    Select(usize),
    Mouse {
        column: u16,
        row: u16,
        kind: MouseKind,
    },
    /// The terminal's new size.
    Resize(u16, u16),
    /// Ends the reader at once: Ctrl-C, or a signal.
    Quit,
    /// Ctrl-Z, or SIGTSTP from outside.
    Suspend,
    /// A line for the status bar: what became of something the reader asked for.
    Status(String),
    /// A library held whole in memory (the bundled sample, tests), shown at once.
    Library(Box<InMemory>),
    /// A library and its index, shown in place of the current one.
    Indexed(Library, Box<Index>),
    /// A load of the library's folders started; their articles are read with this.
    Loading(Opener),
    /// (files read, files found) while the library loads.
    Progress(usize, usize),
    /// The cached list, before the files are checked.
    Cached(Vec<Arc<Summary>>),
    /// Articles read so far while the library loads.
    Batch(Vec<Arc<Summary>>),
    /// A load finished: the checked library and its index, and why it ran.
    Loaded(Box<Loaded>, Load),
    /// A catch-up load found the files as the last load did: nothing to load.
    Unchanged,
    /// The library's folders cannot be watched, and why.
    NotWatching(String),
    /// A whole article read off the UI thread.
    ArticleRead(PathBuf, Result<Arc<Article>, String>),
    /// Bookmarks as stored, with what each article was.
    Bookmarks(Vec<(ArticleId, Bookmark)>),
    /// Marks made under older ids take today's ids (see `store::carry`), with the bookmarks
    /// as stored after; `error` when the state file could not be written then.
    Renamed {
        renames: Renames,
        saved: Vec<(ArticleId, Bookmark)>,
        error: Option<String>,
    },
    /// How a write of the marks went.
    Saved(Result<(), String>),
    /// A background fetch's progress.
    Fetching { done: usize, total: usize },
    /// A page saved (`a`) in the background: the outcome, and the article bookmarked.
    Added(String, Option<ArticleId>),
}

impl From<Action> for Msg {
    fn from(action: Action) -> Msg {
        Msg::Key(action)
    }
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

impl App {
    /// What a key press means now: Ctrl-C and Ctrl-Z whatever the key map says, a prompt's
    /// editing while one is open, else the key map's action.
    pub fn message_for_key(&self, key: Key) -> Option<Msg> {
        // Fixed, whatever the key map says: the emergency quit, and the terminal's suspend.
        if key.ctrl && key.code == KeyCode::Char('c') {
            return Some(Msg::Quit);
        }
        if key.ctrl && key.code == KeyCode::Char('z') {
            return Some(Msg::Suspend);
        }
        if self.adding.is_some() || self.searching {
            let edit = match key.code {
                KeyCode::Esc => SearchEdit::Clear,
                KeyCode::Enter => SearchEdit::Accept,
                KeyCode::Backspace => SearchEdit::Backspace,
                KeyCode::Char(c) if !key.ctrl && !key.alt => SearchEdit::Char(c),
                _ => return None,
            };
            return Some(Msg::Edit(edit));
        }
        Some(match self.keymap.action(key) {
            Some(action) => Msg::Key(action),
            None => Msg::Unbound,
        })
    }

    /// Typing goes to the open prompt: the add prompt first, then the search.
    pub(super) fn edit(&mut self, edit: SearchEdit) -> Option<Effect> {
        if self.adding.is_some() {
            self.add_input(edit)
        } else if self.searching {
            self.search_input(edit);
            None
        } else {
            None
        }
    }

    /// Typing in the add prompt: Enter asks for the page to be saved, Esc gives up.
    fn add_input(&mut self, edit: SearchEdit) -> Option<Effect> {
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
}
