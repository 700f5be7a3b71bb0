//! The marks the reader keeps in memory, and the changes made to them since the store last
//! took them: a save writes those changes, not the whole set again.

use std::collections::HashSet;

use crate::article::ArticleId;

/// Which articles are bookmarked and read, by id.
#[derive(Debug, Default, Clone)]
pub struct Marks {
    pub bookmarks: HashSet<ArticleId>,
    pub read: HashSet<ArticleId>,
    /// Changes made through `set_read` and `set_bookmark` and not yet taken for saving.
    changes: Vec<Change>,
}

/// One change to the marks, in the order it was made.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Change {
    Read(ArticleId, bool),
    Bookmark(ArticleId, bool),
}

impl Marks {
    pub fn new(bookmarks: HashSet<ArticleId>, read: HashSet<ArticleId>) -> Marks {
        Marks {
            bookmarks,
            read,
            changes: Vec::new(),
        }
    }

    /// Marks `id` read or unread; a change only when it was not so already.
    pub fn set_read(&mut self, id: &ArticleId, read: bool) {
        let changed = if read {
            self.read.insert(id.clone())
        } else {
            self.read.remove(id)
        };
        if changed {
            self.changes.push(Change::Read(id.clone(), read));
        }
    }

    /// Bookmarks `id` or removes its bookmark; a change only when it was not so already.
    pub fn set_bookmark(&mut self, id: &ArticleId, on: bool) {
        let changed = if on {
            self.bookmarks.insert(id.clone())
        } else {
            self.bookmarks.remove(id)
        };
        if changed {
            self.changes.push(Change::Bookmark(id.clone(), on));
        }
    }

    /// How many changes are waiting to be taken for saving.
    pub fn pending(&self) -> usize {
        self.changes.len()
    }

    /// The changes made since the last call, for the store.
    pub fn take_changes(&mut self) -> Vec<Change> {
        std::mem::take(&mut self.changes)
    }

    /// Applies changes made elsewhere (the store keeps its own copy of what it saved).
    pub fn apply(&mut self, changes: &[Change]) {
        for change in changes {
            let _ = match change {
                Change::Read(id, true) => self.read.insert(id.clone()),
                Change::Read(id, false) => self.read.remove(id),
                Change::Bookmark(id, true) => self.bookmarks.insert(id.clone()),
                Change::Bookmark(id, false) => self.bookmarks.remove(id),
            };
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn only_what_changes_is_a_change() {
        let id = ArticleId("a".into());
        let mut marks = Marks::default();
        marks.set_read(&id, true);
        marks.set_read(&id, true);
        marks.set_bookmark(&id, true);
        marks.set_bookmark(&id, false);
        assert_eq!(
            marks.take_changes(),
            [
                Change::Read(id.clone(), true),
                Change::Bookmark(id.clone(), true),
                Change::Bookmark(id.clone(), false)
            ]
        );
        assert!(marks.take_changes().is_empty());
        let mut copy = Marks::default();
        copy.apply(&[
            Change::Read(id.clone(), true),
            Change::Bookmark(id.clone(), true),
        ]);
        assert!(copy.read.contains(&id) && copy.bookmarks.contains(&id));
    }
}
