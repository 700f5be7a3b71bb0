//! Marks made under an older gazette's ids (a hash of an article's headline, source and date)
//! carried over to today's ids (from the article's text), once: the state file is rewritten.

use std::collections::{HashMap, HashSet};
use std::path::Path;

use crate::article::{self, ArticleId, Summary};

use super::{Marks, State, Store, StoreError};

/// Old ids and what they become.
#[derive(Debug, Default, Clone, PartialEq, Eq)]
pub struct Renames {
    /// A bookmark's old id and its article's id now.
    pub bookmarks: Vec<(ArticleId, ArticleId)>,
    /// A read mark's old id and the articles it meant (several when the old id was shared by
    /// different stories: each was shown as read).
    pub read: Vec<(ArticleId, Vec<ArticleId>)>,
}

impl Renames {
    pub fn is_empty(&self) -> bool {
        self.bookmarks.is_empty() && self.read.is_empty()
    }

    /// The renames applied to the reader's marks.
    pub fn apply_to(&self, marks: &mut Marks) {
        apply_to_marks(self, marks);
    }
}

/// Whether `id` has the form of an older gazette's headline id (a url's id has it too, but
/// has not changed, so it matches its article and is never renamed).
fn old_form(id: &ArticleId) -> bool {
    id.0.len() == article::URL_ID_LEN && id.0.bytes().all(|b| b.is_ascii_hexdigit())
}

/// What the marks in `state` that no article of `articles` has any more are, in today's ids.
/// A bookmark is matched by the path it remembers, else by its old id if one article has it; a
/// read mark (which remembers no path) by its old id.
pub fn renames(state: &State, articles: &[impl AsRef<Summary>]) -> Renames {
    let articles: Vec<&Summary> = articles.iter().map(AsRef::as_ref).collect();
    let present: HashSet<&ArticleId> = articles.iter().map(|a| &a.id).collect();
    let gone = |id: &ArticleId| !present.contains(id) && old_form(id);
    // Most loads have nothing to carry over: the old ids of 100,000 articles are not worked out
    // for nothing.
    if !state.bookmarks.keys().chain(&state.read).any(gone) {
        return Renames::default();
    }
    let mut by_path: HashMap<&Path, &ArticleId> = HashMap::new();
    let mut by_old: HashMap<ArticleId, Vec<ArticleId>> = HashMap::new();
    for a in &articles {
        let Some(old) = article::legacy_id(a) else {
            continue;
        };
        by_path.insert(a.path(), &a.id);
        let ids = by_old.entry(old).or_default();
        if !ids.contains(&a.id) {
            ids.push(a.id.clone());
        }
    }
    let mut renames = Renames::default();
    for (id, b) in state.bookmarks.iter().filter(|(id, _)| gone(id)) {
        let now = by_path
            .get(Path::new(&b.path))
            .map(|&id| id.clone())
            .or_else(|| match by_old.get(id).map(Vec::as_slice) {
                Some([one]) => Some(one.clone()),
                _ => None,
            });
        if let Some(now) = now {
            renames.bookmarks.push((id.clone(), now));
        }
    }
    for id in state.read.iter().filter(|id| gone(id)) {
        if let Some(now) = by_old.get(id) {
            renames.read.push((id.clone(), now.clone()));
        }
    }
    renames
}

/// Rewrites the marks of `state` under their new ids. A bookmark already made under the new id
/// is kept as it is.
pub fn apply(renames: &Renames, state: &mut State) {
    for (old, now) in &renames.bookmarks {
        if let Some(b) = state.bookmarks.remove(old) {
            state.bookmarks.entry(now.clone()).or_insert(b);
        }
    }
    for (old, now) in &renames.read {
        if state.read.remove(old) {
            state.read.extend(now.iter().cloned());
        }
    }
}

/// The same renames applied to a set of bookmarked and a set of read ids (the reader's marks).
pub fn apply_to_marks(renames: &Renames, marks: &mut Marks) {
    for (old, now) in &renames.bookmarks {
        if marks.bookmarks.remove(old) {
            marks.bookmarks.insert(now.clone());
        }
    }
    for (old, now) in &renames.read {
        if marks.read.remove(old) {
            marks.read.extend(now.iter().cloned());
        }
    }
}

impl Store {
    /// Carries marks made under an older gazette's ids over to the ids of `articles` (see
    /// `carry`), in the state file and in `marks`. Returns whether anything was renamed.
    pub fn carry_over(
        &mut self,
        marks: &mut Marks,
        articles: &[impl AsRef<Summary>],
    ) -> Result<bool, StoreError> {
        let (renames, written) = self.carry_over_ids(articles);
        renames.apply_to(marks);
        written.map(|()| !renames.is_empty())
    }

    /// As `carry_over`, for marks that their holder changes itself (the reader's, through a
    /// message): the renames made, to apply to them, and how writing the state file went.
    /// The renames are made even when the write fails (it is retried with the next save).
    pub fn carry_over_ids(
        &mut self,
        articles: &[impl AsRef<Summary>],
    ) -> (Renames, Result<(), StoreError>) {
        let renames = renames(&self.state, articles);
        if renames.is_empty() || self.newer.is_some() {
            return (Renames::default(), Ok(()));
        }
        apply_to_marks(&renames, &mut self.baseline);
        apply(&renames, &mut self.state);
        let written = self.update_on_disk(|disk| apply(&renames, disk));
        (renames, written)
    }
}
