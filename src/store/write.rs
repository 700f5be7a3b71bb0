//! Writing files so that nothing is half-written and nothing is replaced that should be written
//! into: regular files atomically, through symlinks to their target, special files directly.

use std::fs::{self, File, OpenOptions};
use std::io::Write;
use std::os::unix::fs::{FileTypeExt, PermissionsExt};
use std::path::{Path, PathBuf};

use super::{StoreError, io_error};

/// How many links a path may go through before it is taken for a loop (as Linux's limit).
const MAX_LINKS: usize = 40;

/// Writes a temporary file beside `path`, syncs it, renames it over `path` and syncs the
/// folder: a reader sees the old file or the new one, whole. A file replaced keeps its mode.
pub fn write_atomically(path: &Path, bytes: &[u8]) -> Result<(), StoreError> {
    let dir = match path.parent() {
        Some(d) if !d.as_os_str().is_empty() => d,
        _ => Path::new("."),
    };
    let tmp = dir.join(format!(
        ".{}.tmp-{}",
        path.file_name().and_then(|n| n.to_str()).unwrap_or("state"),
        std::process::id()
    ));
    let mode = fs::metadata(path).ok().map(|m| m.permissions().mode());
    let result = (|| {
        let mut file = File::create(&tmp)?;
        if let Some(mode) = mode {
            file.set_permissions(fs::Permissions::from_mode(mode))?;
        }
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

/// Writes `bytes` where the user asked (`--output`): a regular file (or a new one) is replaced
/// atomically; a symlink is followed and its target written (atomically, if a regular file),
/// so the link stays a link; a named pipe, a device or a socket is written into, never replaced.
pub fn write_output(path: &Path, bytes: &[u8]) -> Result<(), StoreError> {
    let target = follow_links(path)?;
    match fs::symlink_metadata(&target) {
        Ok(meta) if meta.is_dir() => Err(StoreError::Io {
            path: crate::safe_path(path),
            reason: "is a folder, not a file".into(),
        }),
        Ok(meta) if meta.is_file() => write_atomically(&target, bytes),
        Ok(meta) => {
            let kind = meta.file_type();
            debug_assert!(
                kind.is_fifo()
                    || kind.is_char_device()
                    || kind.is_block_device()
                    || kind.is_socket()
            );
            let mut file = OpenOptions::new()
                .write(true)
                .open(&target)
                .map_err(|e| io_error(path, &e))?;
            file.write_all(bytes).map_err(|e| io_error(path, &e))?;
            file.flush().map_err(|e| io_error(path, &e))
        }
        Err(e) if e.kind() == std::io::ErrorKind::NotFound => write_atomically(&target, bytes),
        Err(e) => Err(io_error(path, &e)),
    }
}

/// The path a chain of symlinks ends at (which may not exist yet: a dangling link's target is
/// created).
fn follow_links(path: &Path) -> Result<PathBuf, StoreError> {
    let mut current = path.to_path_buf();
    for _ in 0..MAX_LINKS {
        match fs::symlink_metadata(&current) {
            Ok(meta) if meta.file_type().is_symlink() => {
                let target = fs::read_link(&current).map_err(|e| io_error(path, &e))?;
                current = match current.parent() {
                    Some(parent) if target.is_relative() => parent.join(target),
                    _ => target,
                };
            }
            _ => return Ok(current),
        }
    }
    Err(StoreError::Io {
        path: crate::safe_path(path),
        reason: "too many levels of symbolic links (a link loop)".into(),
    })
}
