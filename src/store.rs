//! Bookmarks and read marks on disk, never lost.
//!
//! Every change is saved when it is made. A save takes an exclusive lock on a lock file beside
//! the state, reads the state as it is now on disk, applies this process's changes to it, and
//! writes it to a temporary file that is synced and renamed over the old one (the folder is
//! synced too). So a crash leaves the old or the new state, whole, and two gazette processes
//! never undo each other's changes. A damaged state file is moved aside, never overwritten.

use std::collections::{BTreeMap, BTreeSet};
use std::fs::{self, File, OpenOptions};
use std::io::Write;
use std::path::{Path, PathBuf};
use std::time::{SystemTime, UNIX_EPOCH};

use serde::{Deserialize, Serialize};

use crate::app::Marks;
use crate::article::{ArticleId, Summary};
use crate::safe_path;

/// The state file's format version. A newer version is refused, never overwritten.
pub const VERSION: u32 = 1;
pub const FILE_NAME: &str = "state.json";

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
            headline: article.headline.clone(),
            source: article.source.clone(),
            published: article.published.map(|d| d.to_string()),
            path: article.path.to_string_lossy().into_owned(),
            url: article.url().map(str::to_owned),
        }
    }
}

#[derive(Debug, thiserror::Error)]
pub enum StoreError {
    #[error("{path}: {reason}")]
    Io { path: String, reason: String },
    #[error(
        "{path} was written by a newer gazette (format version {found}, this one knows {VERSION}); it is left untouched"
    )]
    TooNew { path: String, found: u32 },
}

fn io_error(path: &Path, e: &std::io::Error) -> StoreError {
    StoreError::Io {
        path: safe_path(path),
        reason: crate::library::scan::io_reason(e),
    }
}

pub fn now() -> u64 {
    SystemTime::now()
        .duration_since(UNIX_EPOCH)
        .map(|d| d.as_secs())
        .unwrap_or(0)
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
    /// Set when the state file is from a newer gazette: nothing is written then.
    read_only: bool,
    /// What opening had to say (a damaged file moved aside).
    pub notice: Option<String>,
}

impl Store {
    /// Opens the state in `dir`, creating nothing until the first save.
    pub fn open(dir: &Path) -> Result<Store, StoreError> {
        let mut store = Store {
            dir: dir.to_path_buf(),
            state: State {
                version: VERSION,
                ..State::default()
            },
            baseline: Marks::default(),
            read_only: false,
            notice: None,
        };
        match store.read_disk() {
            Ok(state) => store.state = state,
            Err(StoreError::TooNew { path, found }) => {
                store.read_only = true;
                store.notice = Some(StoreError::TooNew { path, found }.to_string());
            }
            Err(e) => return Err(e),
        }
        store.baseline = store.marks();
        Ok(store)
    }

    pub fn path(&self) -> PathBuf {
        self.dir.join(FILE_NAME)
    }

    /// The marks for the reader.
    pub fn marks(&self) -> Marks {
        Marks {
            bookmarks: self.state.bookmarks.keys().cloned().collect(),
            read: self.state.read.iter().cloned().collect(),
        }
    }

    /// Reads the state on disk. A damaged file is moved aside (with a timestamp) and an empty
    /// state returned, with a notice saying where the old file went.
    fn read_disk(&mut self) -> Result<State, StoreError> {
        let path = self.path();
        let text = match fs::read_to_string(&path) {
            Ok(t) => t,
            // No file yet, or no folder yet (a parent is a file): nothing saved so far.
            Err(e)
                if matches!(
                    e.kind(),
                    std::io::ErrorKind::NotFound | std::io::ErrorKind::NotADirectory
                ) =>
            {
                return Ok(State {
                    version: VERSION,
                    ..State::default()
                });
            }
            Err(e) => return Err(io_error(&path, &e)),
        };
        let version = serde_json::from_str::<serde_json::Value>(&text)
            .ok()
            .and_then(|v| v.get("version")?.as_u64());
        if let Some(found) = version.filter(|&v| v > VERSION as u64) {
            return Err(StoreError::TooNew {
                path: safe_path(&path),
                found: found as u32,
            });
        }
        match serde_json::from_str::<State>(&text) {
            Ok(state) => Ok(state),
            Err(e) => {
                let aside = self.dir.join(format!("{FILE_NAME}.damaged-{}", now()));
                fs::rename(&path, &aside).map_err(|e| io_error(&path, &e))?;
                self.notice = Some(format!(
                    "{} could not be read ({e}); it was moved to {} and a new state started",
                    safe_path(&path),
                    safe_path(&aside)
                ));
                Ok(State {
                    version: VERSION,
                    ..State::default()
                })
            }
        }
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
        if self.read_only {
            return Err(StoreError::TooNew {
                path: safe_path(&self.path()),
                found: VERSION + 1,
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

    /// Merges an export into the state (import): bookmarks already there are kept as they
    /// are. Returns how many were added.
    pub fn merge(&mut self, incoming: State) -> Result<usize, StoreError> {
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
        fs::create_dir_all(&self.dir).map_err(|e| io_error(&self.dir, &e))?;
        let lock_path = self.dir.join("state.lock");
        let lock = OpenOptions::new()
            .create(true)
            .truncate(false)
            .write(true)
            .open(&lock_path)
            .map_err(|e| io_error(&lock_path, &e))?;
        lock.lock().map_err(|e| io_error(&lock_path, &e))?;
        let mut disk = self.read_disk()?;
        change(&mut disk);
        disk.version = VERSION;
        let bytes = serde_json::to_vec_pretty(&disk).expect("state serialises");
        write_atomically(&self.path(), &bytes)?;
        self.state = disk;
        Ok(())
    }
}

/// Writes a temporary file beside `path`, syncs it, renames it over `path` and syncs the folder.
pub fn write_atomically(path: &Path, bytes: &[u8]) -> Result<(), StoreError> {
    let dir = path.parent().unwrap_or(Path::new("."));
    let tmp = dir.join(format!(
        ".{}.tmp-{}",
        path.file_name().and_then(|n| n.to_str()).unwrap_or("state"),
        std::process::id()
    ));
    let result = (|| {
        let mut file = File::create(&tmp)?;
        file.write_all(bytes)?;
        file.sync_all()?;
        fs::rename(&tmp, path)?;
        File::open(dir)?.sync_all()
    })();
    result.map_err(|e| {
        let _ = fs::remove_file(&tmp);
        io_error(path, &e)
    })
}
