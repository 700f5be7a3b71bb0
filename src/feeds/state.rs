//! The subscriptions and what each feed has given so far, in `feeds.json` in the state folder:
//! each feed's address, name, validators, last result and the items already seen, and the
//! stories already kept (by address), so a story in two feeds is kept once.
//!
//! Like the bookmarks, the file is changed under a lock, re-read first, and written atomically
//! (`fs::write_atomically`), so a `feeds add` during a fetch is never lost. A fetch saves a
//! feed's state only after its articles are on disk; a fetch that was cut short leaves
//! `in_progress` set, and the next one first looks at the articles on disk (see `recover`).

use std::collections::{BTreeMap, HashSet};
use std::fs;
use std::path::{Path, PathBuf};

use serde::{Deserialize, Serialize};

use crate::fs::write_atomically;
use crate::net::Validators;
use crate::safe_path;
use crate::store::{StoreError, io_error};

pub const VERSION: u32 = 1;
pub const FILE_NAME: &str = "feeds.json";
/// Seen items kept per feed: more than any feed carries at once, so an item that drops out of
/// a feed and comes back is still known, and the file stays small.
pub const SEEN_PER_FEED: usize = 5000;

/// Everything `feeds.json` holds.
#[derive(Debug, Clone, Default, PartialEq, Serialize, Deserialize)]
pub struct FeedState {
    pub version: u32,
    #[serde(default)]
    pub feeds: Vec<Feed>,
    /// The stories kept, by their address: the article file each became.
    #[serde(default)]
    pub stories: BTreeMap<String, String>,
    /// Set while a fetch runs; still set at the next start means it was cut short.
    #[serde(default)]
    pub in_progress: bool,
}

/// One subscription.
#[derive(Debug, Clone, Default, PartialEq, Serialize, Deserialize)]
pub struct Feed {
    pub url: String,
    /// The folder name of its articles.
    pub name: String,
    /// The name was made up from the address; the first fetch names it after the feed's title.
    #[serde(default)]
    pub auto_name: bool,
    /// The feed's own title, for `source` in its articles.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub title: Option<String>,
    /// Tags from an import (newsboat's tags, OPML folders).
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub tags: Vec<String>,
    /// Fetch each new item's page for its whole text (unset: the configured default).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub full_text: Option<bool>,
    #[serde(default)]
    pub validators: Validators,
    /// Seconds since the epoch.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub last_fetch: Option<u64>,
    /// What the last fetch did, in one line.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub result: Option<String>,
    #[serde(default)]
    pub failed: bool,
    /// Articles written from this feed, in all.
    #[serde(default)]
    pub kept: u64,
    /// Keys of the items already seen, oldest first (see `item_key`).
    #[serde(default)]
    pub seen: Vec<String>,
}

impl Feed {
    pub fn new(url: &str, name: String, auto_name: bool) -> Feed {
        Feed {
            url: url.to_owned(),
            name,
            auto_name,
            ..Feed::default()
        }
    }

    /// Remembers `keys` as seen, keeping the newest `SEEN_PER_FEED`.
    pub fn remember(&mut self, keys: impl IntoIterator<Item = String>) {
        let mut known: HashSet<String> = self.seen.iter().cloned().collect();
        for key in keys {
            if known.insert(key.clone()) {
                self.seen.push(key);
            }
        }
        if self.seen.len() > SEEN_PER_FEED {
            let cut = self.seen.len() - SEEN_PER_FEED;
            self.seen.drain(..cut);
        }
    }
}

/// What identifies an item within its feed: its GUID, else its link and title.
pub fn item_key(guid: Option<&str>, link: Option<&str>, title: &str) -> String {
    match guid {
        Some(g) => format!("id:{g}"),
        None => format!("link:{}\u{1f}{title}", link.unwrap_or("")),
    }
}

/// A story's address as the same story is known across feeds: without its fragment, and
/// with http and https taken as one.
pub fn story_key(link: &str) -> String {
    let mut key = link.split('#').next().unwrap_or(link).to_owned();
    if let Some(rest) = key.strip_prefix("http://") {
        key = format!("https://{rest}");
    }
    key
}

/// The feeds file in a state folder.
#[derive(Debug, Clone)]
pub struct FeedStore {
    dir: PathBuf,
}

impl FeedStore {
    pub fn new(dir: &Path) -> FeedStore {
        FeedStore {
            dir: dir.to_path_buf(),
        }
    }

    pub fn path(&self) -> PathBuf {
        self.dir.join(FILE_NAME)
    }

    /// The state as it is on disk (empty when there is no file yet).
    pub fn load(&self) -> Result<FeedState, StoreError> {
        let path = self.path();
        let text = match fs::read_to_string(&path) {
            Ok(t) => t,
            Err(e)
                if matches!(
                    e.kind(),
                    std::io::ErrorKind::NotFound | std::io::ErrorKind::NotADirectory
                ) =>
            {
                return Ok(FeedState {
                    version: VERSION,
                    ..FeedState::default()
                });
            }
            Err(e) => return Err(io_error(&path, &e)),
        };
        let state: FeedState = serde_json::from_str(&text).map_err(|e| StoreError::Io {
            path: safe_path(&path),
            reason: format!("not a feeds file gazette can read ({e}); it is left untouched"),
        })?;
        if state.version > VERSION {
            return Err(StoreError::TooNew {
                path: safe_path(&path),
                found: state.version.into(),
            });
        }
        Ok(state)
    }

    /// Held for a whole fetch. A second fetch (another terminal, a timer, `R` in the reader)
    /// waits for the first to end: it would otherwise take the first one's `in_progress` for
    /// a fetch cut short, and both would write the stories neither had seen. `waiting` is
    /// called once if the lock is taken. The system drops the lock of a killed process.
    pub fn fetching(&self, waiting: impl FnOnce()) -> Result<fs::File, StoreError> {
        fs::create_dir_all(&self.dir).map_err(|e| io_error(&self.dir, &e))?;
        let path = self.dir.join("fetch.lock");
        let lock = fs::OpenOptions::new()
            .create(true)
            .truncate(false)
            .write(true)
            .open(&path)
            .map_err(|e| io_error(&path, &e))?;
        match lock.try_lock() {
            Ok(()) => return Ok(lock),
            Err(fs::TryLockError::WouldBlock) => waiting(),
            Err(fs::TryLockError::Error(e)) => return Err(io_error(&path, &e)),
        }
        lock.lock().map_err(|e| io_error(&path, &e))?;
        Ok(lock)
    }

    /// Reads, changes and writes the state under the lock; returns what `change` returned.
    pub fn update<T>(&self, change: impl FnOnce(&mut FeedState) -> T) -> Result<T, StoreError> {
        let _lock = crate::store::lock_in(&self.dir, "feeds.lock")?;
        let mut state = self.load()?;
        let out = change(&mut state);
        state.version = VERSION;
        let bytes = serde_json::to_vec_pretty(&state).expect("feed state serialises");
        write_atomically(&self.path(), &bytes)?;
        Ok(out)
    }
}

impl FeedState {
    /// The feed named by its address or its name.
    pub fn find(&self, url_or_name: &str) -> Option<usize> {
        let wanted = url_or_name.trim();
        self.feeds
            .iter()
            .position(|f| f.url == wanted)
            .or_else(|| self.feeds.iter().position(|f| f.name == wanted))
            .or_else(|| {
                self.feeds
                    .iter()
                    .position(|f| f.name.eq_ignore_ascii_case(wanted))
            })
    }

    /// A folder name not used by another feed: `base`, else `base 2`, `base 3`...
    pub fn unique_name(&self, base: &str, except: Option<usize>) -> String {
        let taken = |n: &str| {
            self.feeds
                .iter()
                .enumerate()
                .any(|(i, f)| Some(i) != except && f.name.eq_ignore_ascii_case(n))
        };
        if !taken(base) {
            return base.to_owned();
        }
        (2..)
            .map(|i| format!("{base} {i}"))
            .find(|n| !taken(n))
            .expect("some number is free")
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn seen_keys_are_bounded_and_unique() {
        let mut feed = Feed::default();
        feed.remember(["a".to_owned(), "a".to_owned(), "b".to_owned()]);
        assert_eq!(feed.seen.len(), 2);
        feed.remember((0..SEEN_PER_FEED).map(|i| i.to_string()));
        assert_eq!(feed.seen.len(), SEEN_PER_FEED);
        assert_eq!(feed.seen.last().map(String::as_str), Some("4999"));
    }

    #[test]
    fn updates_are_saved_and_reread() {
        let dir = tempfile::tempdir().unwrap();
        let store = FeedStore::new(dir.path());
        store
            .update(|s| {
                s.feeds
                    .push(Feed::new("http://127.0.0.1/f", "F".into(), false))
            })
            .unwrap();
        let state = store.load().unwrap();
        assert_eq!(state.find("F"), Some(0));
        assert_eq!(state.find("http://127.0.0.1/f"), Some(0));
        assert_eq!(state.unique_name("f", None), "f 2");
    }
}
