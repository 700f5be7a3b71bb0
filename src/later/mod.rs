//! Read it later: pages saved by their address into the library, bookmarked, from the command
//! line, from a reading list exported elsewhere, or from the reader.

pub mod cli;
pub mod index;
pub mod lists;
pub mod page;
pub mod save;

use std::path::{Path, PathBuf};

/// The saved folder: `--saved-dir`, else `library.saved_dir`, else `saved` in the user's data
/// folder.
pub fn saved_dir(flag: Option<PathBuf>, configured: Option<&Path>) -> Option<PathBuf> {
    flag.or_else(|| configured.map(Path::to_path_buf))
        .or_else(|| {
            directories::ProjectDirs::from("", "", "gazette").map(|d| d.data_dir().join("saved"))
        })
}

/// The library's folders with the saved folder added (when it exists): saved pages are always
/// part of the library the reader and `gazette list` show by default.
pub fn with_saved_folder(mut folders: Vec<PathBuf>, saved: Option<&Path>) -> Vec<PathBuf> {
    if let Some(dir) = saved
        && dir.is_dir()
        && !folders.iter().any(|f| f == dir)
    {
        folders.push(dir.to_path_buf());
    }
    folders
}
pub mod background;
pub mod bookmarks;
