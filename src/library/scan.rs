//! Finding article files: folders walked recursively, hidden entries skipped, symlink loops
//! detected, unknown extensions ignored.

use std::collections::HashSet;
use std::os::unix::ffi::OsStrExt;
use std::sync::Mutex;

use rayon::prelude::*;
use std::fs;
use std::os::unix::fs::MetadataExt;
use std::path::{Path, PathBuf};

use super::LoadError;
use crate::article::Format;

/// A file that looks like an article, with what its metadata said when it was listed.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Found {
    pub path: PathBuf,
    pub size: u64,
    pub modified: i64,
}

/// What a walk gathers of the files it finds, folder by folder on every core.
trait Gather: Default + Send {
    fn add(&mut self, found: Found);
    fn merge(&mut self, other: Self);
}

impl Gather for Vec<Found> {
    fn add(&mut self, found: Found) {
        self.push(found);
    }

    fn merge(&mut self, mut other: Self) {
        self.append(&mut other);
    }
}

/// The files' digests, summed (see `digest`).
#[derive(Default)]
struct Digest(u64);

impl Gather for Digest {
    fn add(&mut self, found: Found) {
        self.0 = self.0.wrapping_add(found.digest());
    }

    fn merge(&mut self, other: Self) {
        self.0 = self.0.wrapping_add(other.0);
    }
}

impl Found {
    /// A hash of the file's path, size and modification time.
    pub fn digest(&self) -> u64 {
        use std::hash::{Hash, Hasher};
        let mut hasher = std::hash::DefaultHasher::new();
        (self.path.as_os_str().as_bytes(), self.size, self.modified).hash(&mut hasher);
        hasher.finish()
    }
}

/// Lists the article files under each root (a root may also be a single file). Folders are
/// walked on every core; the order of the result is not meaningful.
pub fn scan(roots: &[PathBuf]) -> (Vec<Found>, Vec<LoadError>) {
    gather(roots)
}

/// The sum of the digests of the article files `scan` would list (so that their order does
/// not matter), without holding the list: a reader checking whether its library changed holds
/// the whole library and its index meanwhile.
pub fn digest(roots: &[PathBuf]) -> u64 {
    gather::<Digest>(roots).0.0
}

fn gather<G: Gather>(roots: &[PathBuf]) -> (G, Vec<LoadError>) {
    let mut found = G::default();
    let mut errors = Vec::new();
    let visited = Mutex::new(HashSet::new());
    for root in roots {
        match fs::metadata(root) {
            Ok(meta) if meta.is_dir() => {
                let (f, mut e) = walk::<G>(root, &visited);
                found.merge(f);
                errors.append(&mut e);
            }
            Ok(meta) if meta.is_file() && Format::of(root).is_some() => {
                found.add(entry(root, &meta))
            }
            Ok(_) => errors.push(LoadError::new(
                root,
                "not a folder or an article file (.txt, .md, .json, .html)",
            )),
            Err(e) => errors.push(LoadError::new(
                root,
                format!("cannot open library: {}", io_reason(&e)),
            )),
        }
    }
    (found, errors)
}

fn entry(path: &Path, meta: &fs::Metadata) -> Found {
    Found {
        path: path.to_path_buf(),
        size: meta.len(),
        modified: meta.mtime() * 1_000_000_000 + meta.mtime_nsec(),
    }
}

/// One folder's article files, and its subfolders' (walked in parallel).
fn walk<G: Gather>(dir: &Path, visited: &Mutex<HashSet<(u64, u64)>>) -> (G, Vec<LoadError>) {
    let mut found = G::default();
    let mut errors = Vec::new();
    // Following symlinks is useful (a library assembled from links) but a link back up the
    // tree must not loop: each real folder is walked once.
    match fs::metadata(dir) {
        Ok(meta) => {
            let mut visited = visited.lock().unwrap_or_else(|e| e.into_inner());
            if !visited.insert((meta.dev(), meta.ino())) {
                return (found, errors);
            }
        }
        Err(e) => {
            errors.push(LoadError::new(dir, io_reason(&e)));
            return (found, errors);
        }
    }
    let entries = match fs::read_dir(dir) {
        Ok(entries) => entries,
        Err(e) => {
            errors.push(LoadError::new(
                dir,
                format!("cannot read folder: {}", io_reason(&e)),
            ));
            return (found, errors);
        }
    };
    let mut folders = Vec::new();
    for e in entries.flatten() {
        let hidden = e.file_name().as_bytes().first().is_none_or(|&b| b == b'.');
        if hidden {
            continue;
        }
        let path = e.path();
        // The folder entry's own metadata costs no path lookup; a symlink is followed.
        let meta = match e.file_type() {
            Ok(t) if t.is_symlink() => fs::metadata(&path),
            Ok(t) if t.is_dir() => {
                if !is_page_files(&path) {
                    folders.push(path);
                }
                continue;
            }
            Ok(_) if Format::of(&path).is_none() => continue,
            _ => e.metadata(),
        };
        match meta {
            Ok(meta) if meta.is_dir() && !is_page_files(&path) => folders.push(path),
            Ok(meta) if meta.is_file() && Format::of(&path).is_some() => {
                found.add(entry(&path, &meta))
            }
            Ok(_) => {}
            Err(e) if Format::of(&path).is_some() || e.raw_os_error() == Some(40) => {
                errors.push(LoadError::new(&path, io_reason(&e)))
            }
            Err(_) => {}
        }
    }
    let below: Vec<(G, _)> = folders.par_iter().map(|f| walk(f, visited)).collect();
    for (f, mut e) in below {
        found.merge(f);
        errors.append(&mut e);
    }
    (found, errors)
}

/// True for the folder of images, styles and scripts a browser's "complete" save puts beside
/// the page: `story_files` next to `story.html` (or `.htm`, `.xhtml`). It is part of that one
/// article, not a folder of articles.
pub fn is_page_files(dir: &Path) -> bool {
    let Some(stem) = dir
        .file_name()
        .and_then(|n| n.to_str())
        .and_then(|n| n.strip_suffix("_files"))
    else {
        return false;
    };
    ["html", "htm", "xhtml"]
        .iter()
        .any(|ext| dir.with_file_name(format!("{stem}.{ext}")).is_file())
}

/// True when `path` lies inside a saved page's `_files` folder.
pub fn in_page_files(path: &Path) -> bool {
    path.ancestors().skip(1).any(is_page_files)
}

/// Kept here for the callers that name it so; the wording lives in `crate::fs`.
use crate::fs::io_reason;
