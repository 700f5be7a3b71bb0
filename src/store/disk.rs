//! Reading the state file: as it is (for a command that only looks), or for the store, with a
//! damaged file moved aside.

use std::fs;
use std::path::Path;

use super::{
    MAX_BYTES, Marks, State, Store, StoreError, VERSION, empty, io_error, problem, recover,
};
use crate::article::hygiene::clean_line;
use crate::safe_path;

impl Store {
    /// Why nothing can be kept in the folder, if a file stands where it or a parent should be.
    pub(super) fn folder_problem(&self) -> Option<StoreError> {
        let mut dir = self.dir.as_path();
        loop {
            match fs::metadata(dir) {
                Ok(meta) if meta.is_dir() => return None,
                Ok(_) => return Some(problem(dir, "is a file, not a folder")),
                Err(_) => dir = dir.parent().filter(|p| !p.as_os_str().is_empty())?,
            }
        }
    }

    /// The state on disk without changing anything: for a command that only looks at the marks
    /// (`gazette search is:unread`). A damaged file is an error naming it, left where it is.
    pub fn peek(dir: &Path) -> Result<State, StoreError> {
        let store = Store {
            dir: dir.to_path_buf(),
            state: empty(),
            baseline: Marks::default(),
            newer: None,
            notice: None,
        };
        store
            .read_state()?
            .map_err(|why| problem(&store.path(), &format!("cannot be read ({why})")))
    }

    /// The state on disk (empty when there is none), or why the file there is damaged.
    fn read_state(&self) -> Result<Result<State, String>, StoreError> {
        if let Some(e) = self.folder_problem() {
            return Err(e);
        }
        let path = self.path();
        let bytes = match fs::metadata(&path) {
            Err(e) if e.kind() == std::io::ErrorKind::NotFound => return Ok(Ok(empty())),
            Err(e) => return Err(io_error(&path, &e)),
            Ok(meta) if meta.is_dir() => return Err(problem(&path, "is a folder, not a file")),
            Ok(meta) if !meta.is_file() => return Err(problem(&path, "is not a regular file")),
            Ok(_) => crate::library::read_regular(&path, MAX_BYTES),
        };
        let (bytes, why) = match bytes {
            Ok(bytes) => (bytes, None),
            Err(e) => (Vec::new(), Some(crate::fs::io_reason(&e))),
        };
        if let Some(found) = serde_json::from_slice::<serde_json::Value>(&bytes)
            .ok()
            .and_then(|v| v.get("version")?.as_u64())
            .filter(|&v| v > VERSION as u64)
        {
            return Err(StoreError::TooNew {
                path: safe_path(&path),
                found,
            });
        }
        Ok(Err(match (why, std::str::from_utf8(&bytes)) {
            (Some(why), _) => why,
            (None, Err(e)) => format!("not UTF-8 text: a bad byte at {}", e.valid_up_to()),
            (None, Ok(text)) => match serde_json::from_str::<State>(text) {
                Ok(state) => return Ok(Ok(state.cleaned())),
                Err(e) => e.to_string(),
            },
        }))
    }

    /// Reads the state on disk. A damaged or unreadable file is moved aside and an empty state
    /// returned, with a notice saying where the old file went.
    pub(super) fn read_disk(&mut self) -> Result<State, StoreError> {
        let path = self.path();
        let why = match self.read_state()? {
            Ok(state) => return Ok(state),
            Err(why) => why,
        };
        let aside = recover::move_aside(&path)?;
        self.notice = Some(format!(
            "{} could not be read ({}); it was moved to {} and a new state started",
            safe_path(&path),
            clean_line(&why),
            safe_path(&aside)
        ));
        Ok(empty())
    }
}
