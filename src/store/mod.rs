//! Bookmarks and read marks on disk, never lost.
//!
//! Every change is saved when it is made. A save takes an exclusive lock on a lock file beside
//! the state, reads the state as it is now on disk, applies this process's changes to it, and
//! writes it to a temporary file that is synced and renamed over the old one (the folder is
//! synced too). So a crash leaves the old or the new state, whole, and two gazette processes
//! never undo each other's changes. A damaged state file is moved aside, never overwritten; a
//! save that fails is retried, and marks that cannot be saved at the end go to a recovery file.

mod carry;
mod disk;
pub mod json;
mod marks;
mod recover;
mod saver;

pub use carry::Renames;
pub use marks::{Change, Marks};
pub use saver::Saver;
pub(crate) use saver::lower_priority;

use std::collections::{BTreeMap, BTreeSet};
use std::fs::{self, OpenOptions};
use std::path::{Path, PathBuf};
use std::time::{SystemTime, UNIX_EPOCH};

use serde::{Deserialize, Serialize};

use crate::article::hygiene::clean_line;
use crate::article::{ArticleId, Summary};
use crate::safe_path;

/// The state file's format version. A newer version is refused, never overwritten.
pub const VERSION: u32 = 1;
pub const FILE_NAME: &str = "state.json";
/// A state file (or an import) larger than this is not read: 64 MiB is about a million
/// bookmarks.
pub const MAX_BYTES: u64 = 64 * 1024 * 1024;

/// What the user marked, as stored in `state.json`.
#[derive(Debug, Clone, Default, PartialEq, Serialize, Deserialize)]
pub struct State {
    pub version: u32,
    #[serde(default)]
    pub bookmarks: BTreeMap<ArticleId, Bookmark>,
    #[serde(default)]
    pub read: BTreeSet<ArticleId>,
}

/// A bookmark keeps what the article was, so it still shows if the file goes away.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct Bookmark {
    /// Seconds since the Unix epoch.
    pub created: u64,
    pub headline: String,
    pub source: Option<String>,
    pub published: Option<String>,
    pub path: String,
    pub url: Option<String>,
}

impl Bookmark {
    pub fn of(article: &Summary, created: u64) -> Bookmark {
        Bookmark {
            created,
            headline: article.headline().to_owned(),
            source: article.source().map(str::to_owned),
            published: article.published.map(|d| d.to_string()),
            path: article.path().to_string_lossy().into_owned(),
            url: article.url().map(str::to_owned),
        }
    }

    /// The bookmark with every text cleaned as article text is: a state file or an import may
    /// have been written by anyone. The path is kept as it is: it names a file, to be found
    /// again (a cleaned name names none), and every output cleans or escapes it.
    pub fn cleaned(self) -> Bookmark {
        Bookmark {
            created: self.created,
            headline: clean_line(&self.headline),
            source: self.source.as_deref().map(clean_line),
            published: self.published.as_deref().map(clean_line),
            path: self.path,
            url: self.url.as_deref().map(clean_line),
        }
    }
}

impl State {
    /// The state with every id and text cleaned (see `Bookmark::cleaned`).
    pub fn cleaned(self) -> State {
        State {
            version: self.version,
            bookmarks: self
                .bookmarks
                .into_iter()
                .map(|(id, b)| (ArticleId(clean_line(&id.0).into()), b.cleaned()))
                .collect(),
            read: self
                .read
                .into_iter()
                .map(|id| ArticleId(clean_line(&id.0).into()))
                .collect(),
        }
    }
}

#[derive(Debug, Clone, thiserror::Error)]
pub enum StoreError {
    #[error("{path}: {reason}")]
    Io { path: String, reason: String },
    #[error(
        "{path} was written by a newer gazette (format version {found}, this one knows {VERSION}); it is left untouched"
    )]
    TooNew { path: String, found: u64 },
}

/// An I/O error on `path`, in the user's words (see `crate::fs`).
pub fn io_error(path: &Path, e: &std::io::Error) -> StoreError {
    crate::fs::io_error(path, e).into()
}

impl From<crate::fs::IoError> for StoreError {
    fn from(e: crate::fs::IoError) -> StoreError {
        StoreError::Io {
            path: e.path,
            reason: e.reason,
        }
    }
}

/// Makes `dir` if need be and takes an exclusive lock on its lock file `name`, held until the
/// returned file is dropped. Every read-change-write of a file in the state folder happens
/// under such a lock, so that no other gazette process writes between the read and the write.
pub fn lock_in(dir: &Path, name: &str) -> Result<fs::File, StoreError> {
    fs::create_dir_all(dir).map_err(|e| io_error(dir, &e))?;
    let path = dir.join(name);
    let lock = OpenOptions::new()
        .create(true)
        .truncate(false)
        .write(true)
        .open(&path)
        .map_err(|e| io_error(&path, &e))?;
    lock.lock().map_err(|e| io_error(&path, &e))?;
    Ok(lock)
}

fn problem(path: &Path, reason: &str) -> StoreError {
    StoreError::Io {
        path: safe_path(path),
        reason: reason.into(),
    }
}

pub fn now() -> u64 {
    SystemTime::now()
        .duration_since(UNIX_EPOCH)
        .map(|d| d.as_secs())
        .unwrap_or(0)
}

fn empty() -> State {
    State {
        version: VERSION,
        ..State::default()
    }
}

/// The state folder and what this process last knew of it.
#[derive(Debug)]
pub struct Store {
    dir: PathBuf,
    /// The state as last read or written.
    pub state: State,
    /// This process's marks as of its last save (or opening): a save applies only the
    /// difference from these, so another process's changes are never undone.
    baseline: Marks,
    /// The version of a state file from a newer gazette: nothing is written then.
    newer: Option<u64>,
    /// What opening had to say (a damaged file moved aside, a state that cannot be kept).
    pub notice: Option<String>,
}

impl Store {
    /// Opens the state in `dir`, creating nothing until the first save. A damaged file is moved
    /// aside (said in `notice`); a state that cannot be read or kept where it is (the state
    /// path is a folder, the folder a file) is an error.
    pub fn open(dir: &Path) -> Result<Store, StoreError> {
        let mut store = Store {
            dir: dir.to_path_buf(),
            state: empty(),
            baseline: Marks::default(),
            newer: None,
            notice: None,
        };
        match store.read_disk() {
            Ok(state) => store.state = state,
            Err(StoreError::TooNew { path, found }) => {
                store.newer = Some(found);
                store.notice = Some(StoreError::TooNew { path, found }.to_string());
            }
            Err(e) => return Err(e),
        }
        store.baseline = store.marks();
        Ok(store)
    }

    /// Opens the state for the reader, which goes on without it: what is wrong is said once in
    /// `notice`, and every save tries again (and says it failed while it does).
    pub fn open_or_report(dir: &Path) -> Store {
        Store::open(dir).unwrap_or_else(|e| Store {
            dir: dir.to_path_buf(),
            state: empty(),
            baseline: Marks::default(),
            newer: None,
            notice: Some(format!(
                "bookmarks and read marks cannot be kept: {e}; they will not be saved until that is fixed"
            )),
        })
    }

    pub fn path(&self) -> PathBuf {
        self.dir.join(FILE_NAME)
    }

    /// The format version of a state file from a newer gazette, which is never written.
    pub fn newer(&self) -> Option<u64> {
        self.newer
    }

    /// The marks for the reader.
    pub fn marks(&self) -> Marks {
        Marks::new(
            self.state.bookmarks.keys().cloned().collect(),
            self.state.read.iter().cloned().collect(),
        )
    }

    /// Whether `marks` hold changes not saved yet.
    pub fn pending(&self, marks: &Marks) -> bool {
        marks.bookmarks != self.baseline.bookmarks || marks.read != self.baseline.read
    }

    /// Saves `marks` against what is on disk now: under the lock, the changes this process
    /// made since its last save (the difference between the baseline and `marks`) are applied
    /// to the state on disk, which is then written atomically. A failed save changes nothing,
    /// so the next one retries every change made meanwhile.
    pub fn save(
        &mut self,
        marks: &Marks,
        articles: &[impl AsRef<Summary>],
    ) -> Result<(), StoreError> {
        if let Some(found) = self.newer {
            return Err(StoreError::TooNew {
                path: safe_path(&self.path()),
                found,
            });
        }
        let known = self.baseline.clone();
        self.update_on_disk(|disk| {
            for id in marks
                .bookmarks
                .iter()
                .filter(|id| !known.bookmarks.contains(*id))
            {
                if let Some(a) = articles.iter().map(AsRef::as_ref).find(|a| &a.id == id) {
                    disk.bookmarks
                        .entry(id.clone())
                        .or_insert_with(|| Bookmark::of(a, now()));
                }
            }
            for id in known
                .bookmarks
                .iter()
                .filter(|id| !marks.bookmarks.contains(*id))
            {
                disk.bookmarks.remove(id);
            }
            disk.read.extend(
                marks
                    .read
                    .iter()
                    .filter(|id| !known.read.contains(*id))
                    .cloned(),
            );
            for id in known.read.iter().filter(|id| !marks.read.contains(*id)) {
                disk.read.remove(id);
            }
        })?;
        self.baseline = marks.clone();
        Ok(())
    }

    /// Saves changes as they were made (see `Marks::take_changes`): under the lock, applied in
    /// order to the state on disk, which is then written atomically. Nothing is written when
    /// there is nothing to change. A failed save changes nothing: the caller keeps the changes
    /// and gives them again.
    pub fn apply(
        &mut self,
        changes: &[Change],
        articles: &[impl AsRef<Summary>],
    ) -> Result<(), StoreError> {
        if changes.is_empty() {
            return Ok(());
        }
        if let Some(found) = self.newer {
            return Err(StoreError::TooNew {
                path: safe_path(&self.path()),
                found,
            });
        }
        self.update_on_disk(|disk| {
            for change in changes {
                match change {
                    Change::Read(id, true) => {
                        disk.read.insert(id.clone());
                    }
                    Change::Read(id, false) => {
                        disk.read.remove(id);
                    }
                    Change::Bookmark(id, true) => {
                        if let Some(a) = articles.iter().map(AsRef::as_ref).find(|a| &a.id == id) {
                            disk.bookmarks
                                .entry(id.clone())
                                .or_insert_with(|| Bookmark::of(a, now()));
                        }
                    }
                    Change::Bookmark(id, false) => {
                        disk.bookmarks.remove(id);
                    }
                }
            }
        })?;
        self.baseline.apply(changes);
        Ok(())
    }

    /// Merges an export into the state (import): bookmarks already there are kept as they
    /// are. Returns how many were added.
    pub fn merge(&mut self, incoming: State) -> Result<usize, StoreError> {
        if let Some(found) = self.newer {
            return Err(StoreError::TooNew {
                path: safe_path(&self.path()),
                found,
            });
        }
        let incoming = incoming.cleaned();
        let mut added = 0;
        self.update_on_disk(|disk| {
            let before = disk.bookmarks.len();
            for (id, b) in incoming.bookmarks {
                disk.bookmarks.entry(id).or_insert(b);
            }
            disk.read.extend(incoming.read);
            added = disk.bookmarks.len() - before;
        })?;
        Ok(added)
    }

    /// Read, change and write the state on disk under the lock, so that no other gazette
    /// process writes between the read and the write.
    fn update_on_disk(&mut self, change: impl FnOnce(&mut State)) -> Result<(), StoreError> {
        if let Some(e) = self.folder_problem() {
            return Err(e);
        }
        let _lock = lock_in(&self.dir, "state.lock")?;
        let mut disk = self.read_disk()?;
        change(&mut disk);
        disk.version = VERSION;
        let text = serde_json::to_string_pretty(&disk).expect("state serialises");
        let bytes = json::terminal_safe(&text).into_bytes();
        // A state file kept elsewhere through a symlink stays so: its target is replaced.
        crate::fs::write_file(&self.path(), &bytes)?;
        self.state = disk;
        Ok(())
    }
}
