//! What has been saved: `saved.jsonl` in the state folder, one line per saved address (the
//! address as asked for, where it led, and the page's own canonical address all point at the
//! one file). Lines are appended under a lock as each page is written, so an import cut short
//! knows on its next run what it already has; a line cut short by a crash is ignored. A page
//! is recorded as waiting for its bookmark until a later line says it was bookmarked (pages
//! are bookmarked in batches), so a run cut short in between bookmarks it on the next run.

use std::collections::{BTreeSet, HashMap};
use std::fs::{self, File, OpenOptions};
use std::io::{Read, Seek, SeekFrom, Write};
use std::path::{Path, PathBuf};

use serde::{Deserialize, Serialize};

use crate::feeds::state::story_key;
use crate::store::{StoreError, io_error};

pub const FILE_NAME: &str = "saved.jsonl";

/// One line of the index.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[serde(untagged)]
pub enum Line {
    Saved {
        url: String,
        /// The file's name in the saved folder.
        file: String,
        /// Seconds since the epoch.
        saved: u64,
        /// Written, not bookmarked yet.
        #[serde(default, skip_serializing_if = "std::ops::Not::not")]
        pending: bool,
    },
    /// These files' pages are bookmarked.
    Bookmarked { bookmarked: Vec<String> },
}

/// The index as this process knows it: what it has read of the file so far.
#[derive(Debug)]
pub struct SavedIndex {
    dir: PathBuf,
    /// By `story_key` of the address: the file's name.
    known: HashMap<String, String>,
    /// Files waiting for their bookmark.
    pending: BTreeSet<String>,
    read_to: u64,
}

/// Held while a page is named, written and recorded: no other gazette process does the same
/// meanwhile.
pub struct Locked<'a> {
    index: &'a mut SavedIndex,
    _lock: File,
}

impl SavedIndex {
    pub fn open(dir: &Path) -> Result<SavedIndex, StoreError> {
        let mut index = SavedIndex {
            dir: dir.to_path_buf(),
            known: HashMap::new(),
            pending: BTreeSet::new(),
            read_to: 0,
        };
        index.refresh()?;
        Ok(index)
    }

    pub fn path(&self) -> PathBuf {
        self.dir.join(FILE_NAME)
    }

    /// The file an address was saved as, if it was.
    pub fn file_of(&self, url: &str) -> Option<&str> {
        self.known.get(&story_key(url)).map(String::as_str)
    }

    /// The files written but not bookmarked yet (by a run cut short, or whose bookmark could
    /// not be saved).
    pub fn pending(&self) -> Vec<String> {
        self.pending.iter().cloned().collect()
    }

    /// Reads what other processes appended since the last look.
    fn refresh(&mut self) -> Result<(), StoreError> {
        let path = self.path();
        let mut file = match File::open(&path) {
            Ok(f) => f,
            Err(e) if e.kind() == std::io::ErrorKind::NotFound => return Ok(()),
            Err(e) => return Err(io_error(&path, &e)),
        };
        let mut text = Vec::new();
        file.seek(SeekFrom::Start(self.read_to))
            .and_then(|_| file.read_to_end(&mut text))
            .map_err(|e| io_error(&path, &e))?;
        // Only whole lines: a last line without its newline is still being written, or was
        // cut short by a crash (the next append starts a new line after it).
        let whole = text.iter().rposition(|&b| b == b'\n').map_or(0, |i| i + 1);
        for line in text[..whole].split(|&b| b == b'\n') {
            match serde_json::from_slice::<Line>(line) {
                Ok(Line::Saved {
                    url, file, pending, ..
                }) => {
                    if pending {
                        self.pending.insert(file.clone());
                    }
                    self.known.insert(story_key(&url), file);
                }
                Ok(Line::Bookmarked { bookmarked }) => {
                    for f in &bookmarked {
                        self.pending.remove(f);
                    }
                }
                Err(_) => {}
            }
        }
        self.read_to += whole as u64;
        Ok(())
    }

    /// Takes the lock and catches up with the file.
    pub fn lock(&mut self) -> Result<Locked<'_>, StoreError> {
        let lock = crate::store::lock_in(&self.dir, "saved.lock")?;
        self.refresh()?;
        Ok(Locked {
            index: self,
            _lock: lock,
        })
    }
}

impl Locked<'_> {
    pub fn file_of(&self, url: &str) -> Option<&str> {
        self.index.file_of(url)
    }

    /// Is this file name taken by a saved page?
    pub fn file_taken(&self, file: &str) -> bool {
        self.index.known.values().any(|f| f == file)
    }

    /// Records that `urls` were saved as `file`, `pending` its bookmark.
    ///
    /// The line is written, not synced: a process killed after this has recorded it, and a
    /// line lost with the machine's power only costs a fetch (the next run finds the page's
    /// file by its marker and keeps it). The page file itself is synced before this.
    pub fn record(&mut self, urls: &[&str], file: &str, pending: bool) -> Result<(), StoreError> {
        let now = crate::store::now();
        let lines: Vec<Line> = urls
            .iter()
            .filter(|u| self.index.file_of(u) != Some(file))
            .map(|url| Line::Saved {
                url: (*url).to_owned(),
                file: file.to_owned(),
                saved: now,
                pending,
            })
            .collect();
        self.append(&lines)
    }

    /// Records that these files' pages are bookmarked.
    pub fn bookmarked(&mut self, files: Vec<String>) -> Result<(), StoreError> {
        if files.is_empty() {
            return Ok(());
        }
        self.append(&[Line::Bookmarked { bookmarked: files }])
    }

    fn append(&mut self, lines: &[Line]) -> Result<(), StoreError> {
        if lines.is_empty() {
            return Ok(());
        }
        let path = self.index.path();
        let mut text = Vec::new();
        // A line a crash cut short gets its own line ended first.
        let len = fs::metadata(&path).map(|m| m.len()).unwrap_or(0);
        if len > self.index.read_to {
            text.push(b'\n');
        }
        for line in lines {
            text.extend(serde_json::to_vec(line).expect("a line serialises"));
            text.push(b'\n');
        }
        let mut out = OpenOptions::new()
            .create(true)
            .append(true)
            .open(&path)
            .map_err(|e| io_error(&path, &e))?;
        // One write call, so a line is never split by another process's append.
        out.write_all(&text).map_err(|e| io_error(&path, &e))?;
        self.index.refresh()
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn records_survive_a_torn_line_and_other_processes() {
        let dir = tempfile::tempdir().unwrap();
        let mut a = SavedIndex::open(dir.path()).unwrap();
        a.lock()
            .unwrap()
            .record(
                &["http://127.0.0.1/a", "https://127.0.0.1/a#x"],
                "a.html",
                true,
            )
            .unwrap();
        // A crash in the middle of a line.
        let mut f = OpenOptions::new().append(true).open(a.path()).unwrap();
        f.write_all(br#"{"url":"http://127.0.0.1/b","fi"#).unwrap();
        let mut b = SavedIndex::open(dir.path()).unwrap();
        assert_eq!(b.file_of("https://127.0.0.1/a"), Some("a.html"));
        assert_eq!(b.file_of("http://127.0.0.1/b"), None);
        b.lock()
            .unwrap()
            .record(&["http://127.0.0.1/c"], "c.html", true)
            .unwrap();
        a.lock().unwrap();
        assert_eq!(a.file_of("http://127.0.0.1/c"), Some("c.html"));
        assert_eq!(a.pending(), ["a.html", "c.html"]);
        a.lock().unwrap().bookmarked(vec!["a.html".into()]).unwrap();
        let c = SavedIndex::open(dir.path()).unwrap();
        assert_eq!(c.known.len(), 2);
        assert_eq!(c.pending(), ["c.html"]);
    }
}
