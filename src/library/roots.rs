//! The library's roots as given (command line, config): made absolute once, each real folder
//! read once.

use std::os::unix::ffi::OsStrExt;
use std::path::{Path, PathBuf};

/// The roots made absolute against the current folder, without duplicates, and without a root
/// that lies inside another root (its files are read with that one). The first of two roots
/// that are the same real folder is kept, in the order given.
///
/// Absolute, not canonical: a path is kept as the user wrote it (a symlinked library stays
/// under the link's name in the list, in bookmarks and exports, and follows the link if it is
/// pointed elsewhere later); only the comparisons use real paths. Relative roots would be
/// resolved again by everyone who used them (the watcher, the cache key, bookmarks), and
/// differently once the current folder is not the one they were given in.
pub fn resolve(roots: Vec<PathBuf>) -> Vec<PathBuf> {
    let roots: Vec<(PathBuf, PathBuf)> = roots
        .into_iter()
        .map(|root| {
            let root = absolute(root);
            let real = std::fs::canonicalize(&root).unwrap_or_else(|_| root.clone());
            (root, real)
        })
        .collect();
    let mut kept: Vec<(PathBuf, PathBuf)> = Vec::new();
    for (i, (root, real)) in roots.iter().enumerate() {
        let same_as_earlier = kept.iter().any(|(_, k)| k == real);
        let inside_another = roots.iter().enumerate().any(|(j, (_, other))| {
            j != i && other != real && read_with(real, other) && other.is_dir()
        });
        if !same_as_earlier && !inside_another {
            kept.push((root.clone(), real.clone()));
        }
    }
    kept.into_iter().map(|(root, _)| root).collect()
}

/// True when the scan of `other` reads `real`: it lies inside, and not below a hidden folder
/// (which the scan skips, so a root given there is read on its own).
fn read_with(real: &Path, other: &Path) -> bool {
    real.strip_prefix(other).is_ok_and(|rest| {
        !rest
            .components()
            .any(|c| c.as_os_str().as_bytes().first() == Some(&b'.'))
    })
}

/// `path` made absolute against the current folder (left as it is when there is no current
/// folder: the error names it as given).
pub fn absolute(path: PathBuf) -> PathBuf {
    if path.is_absolute() {
        return path;
    }
    std::path::absolute(&path).unwrap_or(path)
}

/// True when an article file lies anywhere under `dir` (hidden entries skipped, as the scan
/// skips them; stops at the first one found).
pub fn holds_articles(dir: &Path) -> bool {
    let Ok(entries) = std::fs::read_dir(dir) else {
        return false;
    };
    entries.flatten().any(|e| {
        let hidden = e.file_name().as_bytes().first().is_none_or(|&b| b == b'.');
        let path = e.path();
        match e.file_type() {
            _ if hidden => false,
            // A link is not followed: a loop cannot hold this up.
            Ok(t) if t.is_dir() => holds_articles(&path),
            Ok(_) => crate::article::Format::of(&path).is_some(),
            Err(_) => false,
        }
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn relative_roots_become_absolute_against_the_current_folder() {
        let cwd = std::env::current_dir().unwrap();
        assert_eq!(
            resolve(vec![PathBuf::from("no-such-folder/x")]),
            vec![cwd.join("no-such-folder/x")]
        );
    }

    #[test]
    fn the_same_folder_twice_and_a_folder_inside_another_are_read_once() {
        let dir = tempfile::tempdir().unwrap();
        let top = dir.path().join("mv");
        std::fs::create_dir_all(top.join("sub")).unwrap();
        let other = dir.path().join("other");
        std::fs::create_dir(&other).unwrap();
        let roots = resolve(vec![
            top.join("sub"),
            top.clone(),
            top.join("sub/../"),
            other.clone(),
            top.join("."),
        ]);
        assert_eq!(roots, vec![top.clone(), other]);
        // A hidden folder is skipped by the scan of its parent: given, it is read on its own.
        std::fs::create_dir(top.join(".hidden")).unwrap();
        let roots = resolve(vec![top.clone(), top.join(".hidden")]);
        assert_eq!(roots, vec![top.clone(), top.join(".hidden")]);
    }

    #[test]
    fn a_symlinked_root_keeps_its_name_and_counts_as_its_target() {
        let dir = tempfile::tempdir().unwrap();
        let real = dir.path().join("real");
        std::fs::create_dir(&real).unwrap();
        let link = dir.path().join("link");
        std::os::unix::fs::symlink(&real, &link).unwrap();
        assert_eq!(resolve(vec![link.clone(), real]), vec![link]);
    }
}
