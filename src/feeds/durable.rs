//! Making a batch of new article files durable in one step, before the feed state that names
//! them is saved. Articles are written without a sync each; a batch is then flushed at once.
//!
//! On Linux that is one `syncfs` per file system the batch's folders are on: the kernel writes
//! the files' data, their inodes and the folders' entries together, instead of one sync (and
//! one wait on the disk) per file. It also writes out whatever else is pending on that file
//! system, which is the price of one call instead of thousands. Elsewhere each file and each
//! folder is synced, many at once.

use std::fs::File;
use std::io;
use std::path::{Path, PathBuf};

/// Flushes `files` and the folders they are in to the disk.
pub fn make_durable(files: &[PathBuf]) -> io::Result<()> {
    if files.is_empty() {
        return Ok(());
    }
    let mut folders: Vec<&Path> = files.iter().filter_map(|f| f.parent()).collect();
    folders.sort();
    folders.dedup();
    #[cfg(target_os = "linux")]
    {
        sync_file_systems(&folders)
    }
    #[cfg(not(target_os = "linux"))]
    {
        sync_each(files)?;
        folders
            .into_iter()
            .try_for_each(|folder| File::open(folder)?.sync_all())
    }
}

/// One `syncfs` for each file system that holds one of `folders`.
#[cfg(target_os = "linux")]
fn sync_file_systems(folders: &[&Path]) -> io::Result<()> {
    use std::os::fd::AsRawFd;
    use std::os::unix::fs::MetadataExt;
    let mut synced = Vec::new();
    for folder in folders {
        let dir = File::open(folder)?;
        let device = dir.metadata()?.dev();
        if synced.contains(&device) {
            continue;
        }
        // SAFETY: `dir` is an open descriptor for the whole call. Since Linux 5.8 syncfs also
        // reports a write that failed in the background, so an error here is not missed.
        if unsafe { libc::syncfs(dir.as_raw_fd()) } != 0 {
            return Err(io::Error::last_os_error());
        }
        synced.push(device);
    }
    Ok(())
}

/// Syncs each file, many at once: they wait on the disk, not the processor.
#[cfg(not(target_os = "linux"))]
fn sync_each(files: &[PathBuf]) -> io::Result<()> {
    const SYNC_THREADS: usize = 16;
    let chunk = files.len().div_ceil(SYNC_THREADS);
    std::thread::scope(|scope| {
        let syncs: Vec<_> = files
            .chunks(chunk)
            .map(|part| {
                scope.spawn(move || -> io::Result<()> {
                    for p in part {
                        File::open(p)?.sync_data()?;
                    }
                    Ok(())
                })
            })
            .collect();
        syncs.into_iter().try_for_each(|s| {
            s.join()
                .unwrap_or_else(|_| Err(io::Error::other("sync failed")))
        })
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn files_in_several_folders_are_synced_and_a_missing_folder_is_an_error() {
        let dir = tempfile::tempdir().unwrap();
        let mut files = Vec::new();
        for folder in ["a", "b"] {
            std::fs::create_dir(dir.path().join(folder)).unwrap();
            let file = dir.path().join(folder).join("x.md");
            std::fs::write(&file, "text").unwrap();
            files.push(file);
        }
        make_durable(&files).unwrap();
        make_durable(&[]).unwrap();
        let gone = dir.path().join("gone").join("x.md");
        assert!(make_durable(&[gone]).is_err());
    }
}
