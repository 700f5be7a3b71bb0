//! Finding article files: folders walked recursively, hidden entries skipped, symlink loops
//! detected, unknown extensions ignored.

use std::collections::HashSet;
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

/// Lists the article files under each root (a root may also be a single file).
pub fn scan(roots: &[PathBuf]) -> (Vec<Found>, Vec<LoadError>) {
    let mut found = Vec::new();
    let mut errors = Vec::new();
    let mut visited = HashSet::new();
    for root in roots {
        match fs::metadata(root) {
            Ok(meta) if meta.is_dir() => walk(root, &mut visited, &mut found, &mut errors),
            Ok(meta) if Format::of(root).is_some() => found.push(entry(root, &meta)),
            Ok(_) => errors.push(LoadError::new(
                root,
                "not a folder or an article file (.txt, .md, .json)",
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

fn walk(
    dir: &Path,
    visited: &mut HashSet<(u64, u64)>,
    found: &mut Vec<Found>,
    errors: &mut Vec<LoadError>,
) {
    // Following symlinks is useful (a library assembled from links) but a link back up the
    // tree must not loop: each real folder is walked once.
    match fs::metadata(dir) {
        Ok(meta) if !visited.insert((meta.dev(), meta.ino())) => return,
        Ok(_) => {}
        Err(e) => return errors.push(LoadError::new(dir, io_reason(&e))),
    }
    let entries = match fs::read_dir(dir) {
        Ok(entries) => entries,
        Err(e) => {
            return errors.push(LoadError::new(
                dir,
                format!("cannot read folder: {}", io_reason(&e)),
            ));
        }
    };
    let mut paths: Vec<PathBuf> = entries.filter_map(|e| e.ok().map(|e| e.path())).collect();
    paths.sort();
    for path in paths {
        let hidden = path
            .file_name()
            .and_then(|n| n.to_str())
            .is_none_or(|n| n.starts_with('.'));
        if hidden {
            continue;
        }
        match fs::metadata(&path) {
            Ok(meta) if meta.is_dir() => walk(&path, visited, found, errors),
            Ok(meta) if meta.is_file() && Format::of(&path).is_some() => {
                found.push(entry(&path, &meta))
            }
            Ok(_) => {}
            Err(e) if Format::of(&path).is_some() || e.raw_os_error() == Some(40) => {
                errors.push(LoadError::new(&path, io_reason(&e)))
            }
            Err(_) => {}
        }
    }
}

/// An I/O error in a reader's words, without Rust's "(os error 2)" suffix.
pub fn io_reason(e: &std::io::Error) -> String {
    use std::io::ErrorKind::*;
    match e.kind() {
        NotFound => "no such file or folder".into(),
        PermissionDenied => "permission denied".into(),
        _ if e.raw_os_error() == Some(40) => {
            "too many levels of symbolic links (a link loop)".into()
        }
        _ => {
            let s = e.to_string();
            s.split(" (os error").next().unwrap_or(&s).to_lowercase()
        }
    }
}
