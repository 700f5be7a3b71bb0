//! Files on disk, in one place: writing so that nothing is half-written (regular files
//! atomically, through symlinks to their target, special files directly), and I/O errors in
//! the user's words, naming the file.

use std::fs::{self, File, OpenOptions};
use std::io::Write;
use std::os::unix::fs::PermissionsExt;
use std::path::{Path, PathBuf};

/// An I/O error on a file: which file (as it may be shown) and what went wrong.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
#[error("{path}: {reason}")]
pub struct IoError {
    pub path: String,
    pub reason: String,
}

/// An I/O error on `path`, in the user's words.
pub fn io_error(path: &Path, e: &std::io::Error) -> IoError {
    IoError {
        path: crate::safe_path(path),
        reason: io_reason(e),
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

/// How many links a path may go through before it is taken for a loop (as Linux's limit).
const MAX_LINKS: usize = 40;

/// Writes a temporary file beside `path`, syncs it, renames it over `path` and syncs the
/// folder: a reader sees the old file or the new one, whole. A file replaced keeps its mode.
pub fn write_atomically(path: &Path, bytes: &[u8]) -> Result<(), IoError> {
    write_atomically_with(path, |file| file.write_all(bytes))
}

/// `write_atomically`, with the bytes written by `write` as they are made (a large file need
/// not be held whole in memory first).
pub fn write_atomically_with(
    path: &Path,
    write: impl FnOnce(&mut dyn Write) -> std::io::Result<()>,
) -> Result<(), IoError> {
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
        let mut out = std::io::BufWriter::new(&mut file);
        write(&mut out)?;
        out.flush()?;
        drop(out);
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
/// so the link stays a link; a named pipe, a device, a socket, or anything reached through
/// `/dev` or `/proc` (`/dev/stdout`) is written into, at its end, never replaced.
pub fn write_output(path: &Path, bytes: &[u8]) -> Result<(), IoError> {
    let target = follow_links(path)?;
    match fs::metadata(&target) {
        Ok(meta) if meta.is_dir() => Err(IoError {
            path: crate::safe_path(path),
            reason: "is a folder, not a file".into(),
        }),
        Ok(meta) if meta.is_file() && !is_system(&target) => write_atomically(&target, bytes),
        Ok(_) => write_into(path, bytes),
        Err(e) if e.kind() == std::io::ErrorKind::NotFound && !is_system(&target) => {
            write_atomically(&target, bytes)
        }
        Err(e) => Err(io_error(path, &e)),
    }
}

/// Replaces a file atomically, through any symlinks to it: the links stay links.
pub fn write_file(path: &Path, bytes: &[u8]) -> Result<(), IoError> {
    write_atomically(&follow_links(path)?, bytes)
}

/// Paths of the system's own files: `/dev/stdout` is a link to `/proc/self/fd/1`, itself a
/// link the kernel resolves to whatever standard output is (a terminal, a pipe, a file opened
/// for appending). They are only ever opened and written, as a shell's `>>` would.
fn is_system(path: &Path) -> bool {
    path.starts_with("/dev") || path.starts_with("/proc")
}

fn write_into(path: &Path, bytes: &[u8]) -> Result<(), IoError> {
    let mut file = OpenOptions::new()
        .append(true)
        .open(path)
        .map_err(|e| io_error(path, &e))?;
    file.write_all(bytes).map_err(|e| io_error(path, &e))?;
    file.flush().map_err(|e| io_error(path, &e))
}

/// The path a chain of ordinary symlinks ends at (which may not exist yet: a dangling link's
/// target is created). Links into `/dev` and `/proc` are left to the kernel.
fn follow_links(path: &Path) -> Result<PathBuf, IoError> {
    let mut current = path.to_path_buf();
    for _ in 0..MAX_LINKS {
        if is_system(&current) {
            return Ok(current);
        }
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
    Err(IoError {
        path: crate::safe_path(path),
        reason: "too many levels of symbolic links (a link loop)".into(),
    })
}
