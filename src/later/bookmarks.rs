//! Saved pages are bookmarked in batches: rewriting the state file for every page of a long
//! import would make it quadratic. Each page is recorded in the saved index as waiting for its
//! bookmark when it is written; a batch is merged into the state file (under its lock) and
//! then marked done in the index, so pages written by a run cut short in between are
//! bookmarked by the next run.

use std::collections::BTreeMap;
use std::path::Path;
use std::sync::Mutex;

use super::index::SavedIndex;
use crate::article::{self, Article, ArticleId, Options};
use crate::store::{self, Bookmark, State, Store};

/// Pages bookmarked at once, at most.
const BATCH: usize = 50;

/// Bookmarks waiting to be saved.
#[derive(Debug, Default)]
pub struct Batch {
    waiting: Mutex<Vec<(ArticleId, Bookmark, String)>>,
    /// Why a batch could not be saved (its pages stay waiting in the index).
    pub errors: Mutex<Vec<String>>,
}

impl Batch {
    /// Adds the bookmark of `article`, saved as `file`; saves the batch once it is full.
    pub fn add(&self, state_dir: &Path, index: &Mutex<SavedIndex>, article: Article, file: &str) {
        let summary = article.summary();
        let full = {
            let mut waiting = self.waiting.lock().unwrap_or_else(|e| e.into_inner());
            waiting.push((
                summary.id.clone(),
                Bookmark::of(&summary, store::now()),
                file.to_owned(),
            ));
            waiting.len() >= BATCH
        };
        if full {
            self.flush(state_dir, index);
        }
    }

    /// Saves the bookmarks waiting, then marks their pages done in the index.
    pub fn flush(&self, state_dir: &Path, index: &Mutex<SavedIndex>) {
        let batch = std::mem::take(&mut *self.waiting.lock().unwrap_or_else(|e| e.into_inner()));
        if batch.is_empty() {
            return;
        }
        let mut bookmarks = BTreeMap::new();
        let mut files = Vec::new();
        for (id, bookmark, file) in batch {
            bookmarks.entry(id).or_insert(bookmark);
            files.push(file);
        }
        let saved = Store::open(state_dir).and_then(|mut store| {
            store.merge(State {
                version: store::VERSION,
                bookmarks,
                read: Default::default(),
            })
        });
        let done = saved.and_then(|_| {
            let mut index = index.lock().unwrap_or_else(|e| e.into_inner());
            index.lock()?.bookmarked(files)
        });
        if let Err(e) = done {
            self.errors
                .lock()
                .unwrap_or_else(|e| e.into_inner())
                .push(format!("bookmarks not saved: {e} (the next save retries)"));
        }
    }

    /// Queues the bookmarks of pages an earlier run wrote but did not bookmark.
    pub fn leftovers(
        &self,
        saved_dir: &Path,
        state_dir: &Path,
        index: &Mutex<SavedIndex>,
        options: &Options,
    ) {
        let pending = index.lock().unwrap_or_else(|e| e.into_inner()).pending();
        for file in pending {
            let path = saved_dir.join(&file);
            let read = std::fs::read(&path)
                .ok()
                .and_then(|bytes| article::parse_with(&path, &bytes, options).ok());
            match read {
                Some(article) => self.add(state_dir, index, article, &file),
                // Gone, or unreadable now: nothing to bookmark; it waits no more.
                None => {
                    let mut index = index.lock().unwrap_or_else(|e| e.into_inner());
                    let _ = index.lock().and_then(|mut l| l.bookmarked(vec![file]));
                }
            }
        }
    }
}
