//! Watching the library folders, so that articles saved, edited or deleted while gazette runs
//! appear without a restart. Changes come in bursts (an editor writes a temporary file, then
//! renames it; a sync tool writes hundreds of files), so the reader hears of them once, after
//! the folders have been quiet for a moment; it then reloads, which reads only what changed.

use std::path::{Component, Path, PathBuf};
use std::sync::mpsc::{self, RecvTimeoutError};
use std::time::Duration;

use notify::{EventKind, RecursiveMode, Watcher};

use crate::article::Format;

/// How long the folders must be quiet before a burst of changes is reported.
const QUIET: Duration = Duration::from_millis(400);

/// Watches `roots` and calls `changed` after each burst of changes to article files. The
/// watcher lives as long as the returned value. An error (no inotify watches left, say) is
/// returned for the reader to show; `r` still reloads by hand.
pub fn watch(
    roots: &[PathBuf],
    changed: impl Fn() -> bool + Send + 'static,
) -> notify::Result<notify::RecommendedWatcher> {
    let (tx, rx) = mpsc::channel::<notify::Event>();
    let mut watcher = notify::recommended_watcher(move |event: notify::Result<notify::Event>| {
        if let Ok(event) = event {
            let _ = tx.send(event);
        }
    })?;
    for root in roots.iter().filter(|r| r.is_dir()) {
        watcher.watch(root, RecursiveMode::Recursive)?;
    }
    let roots = roots.to_vec();
    std::thread::spawn(move || {
        while let Ok(event) = rx.recv() {
            if !matters(&event, &roots) {
                continue;
            }
            // Wait for the burst to end.
            loop {
                match rx.recv_timeout(QUIET) {
                    Ok(_) => continue,
                    Err(RecvTimeoutError::Timeout) => break,
                    Err(RecvTimeoutError::Disconnected) => return,
                }
            }
            if !changed() {
                return;
            }
        }
    });
    Ok(watcher)
}

/// Whether an event can change the library: something written, made, removed or renamed that
/// is an article file or a folder, and not hidden (the scan skips hidden files, and editors
/// write their swap files hidden).
fn matters(event: &notify::Event, roots: &[PathBuf]) -> bool {
    let kind = matches!(
        event.kind,
        EventKind::Create(_) | EventKind::Modify(_) | EventKind::Remove(_) | EventKind::Any
    );
    kind && event.paths.iter().any(|p| {
        // Only what is below a library folder: the folder itself may be inside a hidden one.
        let below = roots.iter().find_map(|r| p.strip_prefix(r).ok());
        below.is_some_and(|b| relevant(p, b))
    })
}

/// `path` is the changed path, `below` the part of it below its library folder.
fn relevant(path: &Path, below: &Path) -> bool {
    let hidden = below.components().any(|c| match c {
        Component::Normal(name) => name.to_str().is_some_and(|n| n.starts_with('.')),
        _ => false,
    });
    // A removed or renamed folder no longer says it is one: anything without an extension
    // may have been a folder.
    !hidden && (Format::of(path).is_some() || path.extension().is_none() || path.is_dir())
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn only_visible_article_files_and_folders_matter() {
        let roots = [PathBuf::from("/home/me/.local/news")];
        let event = |path: &str| notify::Event {
            kind: EventKind::Create(notify::event::CreateKind::File),
            paths: vec![PathBuf::from(path)],
            attrs: Default::default(),
        };
        for path in ["a.txt", "sub/b.md", "sub", "c.json"] {
            assert!(matters(
                &event(&format!("/home/me/.local/news/{path}")),
                &roots
            ));
        }
        for path in [".a.txt.swp", ".git/index", "photo.jpg", "a.txt~.tmp"] {
            assert!(!matters(
                &event(&format!("/home/me/.local/news/{path}")),
                &roots
            ));
        }
        assert!(!matters(&event("/elsewhere/a.txt"), &roots));
        let access = notify::Event {
            kind: EventKind::Access(notify::event::AccessKind::Read),
            ..event("/home/me/.local/news/a.txt")
        };
        assert!(!matters(&access, &roots), "reading a file changes nothing");
    }
}
