//! When the state cannot be read or written: a damaged file moved aside under a name never
//! taken, and marks that cannot be saved at the end kept in a recovery file.

use std::fs::{self, OpenOptions};
use std::path::{Path, PathBuf};

use super::Marks;
use super::{Bookmark, FILE_NAME, State, Store, StoreError, VERSION, io_error, now, problem};
use crate::article::Summary;
use crate::safe_path;

impl Store {
    /// The last save before gazette ends: pending changes are saved, and if that still fails
    /// they are written to a recovery file beside the state (else in the temporary folder).
    /// The error says where, and how to merge it back.
    pub fn flush(&mut self, marks: &Marks, articles: &[impl AsRef<Summary>]) -> Result<(), String> {
        if !self.pending(marks) {
            return Ok(());
        }
        let Err(e) = self.save(marks, articles) else {
            return Ok(());
        };
        let recovery = self.recovery(marks, articles);
        let text = serde_json::to_string_pretty(&recovery).expect("state serialises");
        let bytes = super::json::terminal_safe(&text).into_bytes();
        let name = format!("{FILE_NAME}.recovery-{}-{}", now(), std::process::id());
        let written = [self.dir.clone(), std::env::temp_dir()]
            .into_iter()
            .map(|dir| dir.join(&name))
            .find(|path| {
                OpenOptions::new()
                    .write(true)
                    .create_new(true)
                    .open(path)
                    .and_then(|mut f| std::io::Write::write_all(&mut f, &bytes))
                    .is_ok()
            });
        Err(match written {
            Some(path) => format!(
                "bookmarks and read marks not saved ({e}); they are kept in {}: `gazette bookmarks import {}` merges them back",
                safe_path(&path),
                safe_path(&path)
            ),
            None => format!(
                "bookmarks and read marks not saved ({e}), and no recovery file could be written"
            ),
        })
    }

    /// This process's marks as a state file, for a recovery file (importable as an export).
    fn recovery(&self, marks: &Marks, articles: &[impl AsRef<Summary>]) -> State {
        let bookmarks = marks
            .bookmarks
            .iter()
            .filter_map(|id| {
                let b = self.state.bookmarks.get(id).cloned().or_else(|| {
                    articles
                        .iter()
                        .map(AsRef::as_ref)
                        .find(|a| &a.id == id)
                        .map(|a| Bookmark::of(a, now()))
                })?;
                Some((id.clone(), b))
            })
            .collect();
        State {
            version: VERSION,
            bookmarks,
            read: marks.read.iter().cloned().collect(),
        }
    }
}

/// Moves a damaged state file aside, to `state.json.damaged-<time>` or, if that name is taken,
/// `...-2`, `...-3`: a new name is claimed by a hard link, which never replaces a file, so two
/// damaged files in the same second both survive.
pub(super) fn move_aside(path: &Path) -> Result<PathBuf, StoreError> {
    let stamp = now();
    for n in 1..1000 {
        let name = match n {
            1 => format!("{FILE_NAME}.damaged-{stamp}"),
            n => format!("{FILE_NAME}.damaged-{stamp}-{n}"),
        };
        let aside = path.with_file_name(name);
        match fs::hard_link(path, &aside) {
            Ok(()) => {
                fs::remove_file(path).map_err(|e| io_error(path, &e))?;
                return Ok(aside);
            }
            Err(e) if e.kind() == std::io::ErrorKind::AlreadyExists => continue,
            // No hard links here (some file systems): rename, after checking the name is free.
            Err(_) if fs::symlink_metadata(&aside).is_err() => {
                fs::rename(path, &aside).map_err(|e| io_error(path, &e))?;
                return Ok(aside);
            }
            Err(e) => return Err(io_error(path, &e)),
        }
    }
    Err(problem(
        path,
        "could not be moved aside: every name is taken",
    ))
}
