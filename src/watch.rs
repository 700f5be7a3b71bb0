//! Watching the library folders, so that articles saved, edited or deleted while gazette runs
//! appear without a restart. Changes come in bursts (an editor writes a temporary file, then
//! renames it; a sync tool writes hundreds of files), so the reader hears of them once, after
//! the folders have been quiet for a moment; it then reloads, which reads only what changed.
//!
//! Each folder's parent is watched too: a library folder deleted and made again (a sync tool
//! replacing it, `rm -r` and a restore) is watched again as soon as it reappears.

use std::path::{Component, Path, PathBuf};
use std::sync::mpsc::{self, RecvTimeoutError, Sender};
use std::time::{Duration, Instant};

use notify::event::{CreateKind, ModifyKind, RenameMode};
use notify::{EventKind, RecursiveMode, Watcher};

use crate::article::Format;

/// How long the folders must be quiet before a burst of changes is reported.
const QUIET: Duration = Duration::from_millis(400);

/// What the watching thread hears: the file system, or the reader asking it to watch again.
enum Message {
    Changed(notify::Event),
    Rearm,
}

/// The watch on the library folders; it lasts as long as the reader runs.
pub struct Watch {
    tx: Sender<Message>,
}

impl Watch {
    /// Watches every library folder again (the reader's `r`): a folder that came back in a
    /// way no event told of is watched from now on.
    pub fn rearm(&self) {
        let _ = self.tx.send(Message::Rearm);
    }
}

/// Watches `roots` and calls `changed` after each burst of changes to article files, until
/// `changed` returns false. An error (no inotify watches left, say) is returned for the reader
/// to show; `r` still reloads by hand.
///
/// The watches are in place when this returns: anything saved from then on is reported.
pub fn watch(
    roots: &[PathBuf],
    changed: impl Fn() -> bool + Send + 'static,
) -> notify::Result<Watch> {
    let (tx, rx) = mpsc::channel::<Message>();
    let events = tx.clone();
    let mut watcher = notify::recommended_watcher(move |event: notify::Result<notify::Event>| {
        if let Ok(event) = event {
            let _ = events.send(Message::Changed(event));
        }
    })?;
    arm(&mut watcher, roots)?;
    let roots = roots.to_vec();
    std::thread::spawn(move || {
        // The watcher lives here, so that new and returning folders can be watched at once.
        while let Ok(message) = rx.recv() {
            let Message::Changed(event) = message else {
                let _ = arm(&mut watcher, &roots);
                continue;
            };
            if !matters(&event, &roots) {
                continue;
            }
            follow(&mut watcher, &event, &roots);
            // Wait for the burst to end: only changes that matter keep it going (a busy
            // parent folder must not hold the reload back).
            let mut quiet_from = Instant::now() + QUIET;
            loop {
                let wait = quiet_from.saturating_duration_since(Instant::now());
                match rx.recv_timeout(wait) {
                    Ok(Message::Changed(event)) if matters(&event, &roots) => {
                        follow(&mut watcher, &event, &roots);
                        quiet_from = Instant::now() + QUIET;
                    }
                    Ok(Message::Changed(_)) => {}
                    Ok(Message::Rearm) => {
                        let _ = arm(&mut watcher, &roots);
                    }
                    Err(RecvTimeoutError::Timeout) => break,
                    Err(RecvTimeoutError::Disconnected) => return,
                }
            }
            if !changed() {
                return;
            }
        }
    });
    Ok(Watch { tx })
}

/// Watches each library folder that exists, with everything below it, and the parent of each
/// (only the parent itself), so that a folder made again is seen. Only the first folder's
/// error is returned: a folder that cannot be watched must not stop the others.
fn arm(watcher: &mut impl Watcher, roots: &[PathBuf]) -> notify::Result<()> {
    let mut first_error = None;
    for root in roots {
        let result = if root.is_dir() {
            watcher.watch(root, RecursiveMode::Recursive)
        } else {
            Ok(())
        };
        if let Err(e) = result {
            first_error.get_or_insert(e);
        }
        // A parent that is itself watched (nested library folders) keeps its recursive watch.
        if let Some(parent) = root.parent().filter(|p| p.is_dir())
            && !roots.iter().any(|r| parent.starts_with(r))
        {
            // A parent that cannot be watched only loses the re-arming.
            let _ = watcher.watch(parent, RecursiveMode::NonRecursive);
        }
    }
    first_error.map_or(Ok(()), Err)
}

/// A folder made or moved into the library (or a library folder made again) is watched now,
/// before the reload that follows reads it: a file saved in it before the watch is then read
/// by that reload, and one saved after raises an event.
fn follow(watcher: &mut impl Watcher, event: &notify::Event, roots: &[PathBuf]) {
    let arrived = matches!(
        event.kind,
        EventKind::Create(CreateKind::Folder | CreateKind::Any)
            | EventKind::Modify(ModifyKind::Name(RenameMode::To | RenameMode::Both))
            | EventKind::Any
    ) || event.paths.iter().any(|p| roots.contains(p));
    if !arrived {
        return;
    }
    for path in &event.paths {
        if path.is_dir() && roots.iter().any(|r| path.starts_with(r)) {
            let _ = watcher.watch(path, RecursiveMode::Recursive);
        }
    }
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
        // The library folder itself, made again in its parent.
        assert!(matters(&event("/home/me/.local/news"), &roots));
        assert!(!matters(&event("/home/me/.local/other.txt"), &roots));
        let access = notify::Event {
            kind: EventKind::Access(notify::event::AccessKind::Read),
            ..event("/home/me/.local/news/a.txt")
        };
        assert!(!matters(&access, &roots), "reading a file changes nothing");
    }

    /// A library folder deleted and made again is watched again: its parent is watched too.
    #[test]
    fn a_folder_made_again_is_watched_again() {
        let parent = tempfile::tempdir().unwrap();
        let root = parent.path().join("news");
        std::fs::create_dir(&root).unwrap();
        let (tx, rx) = mpsc::channel();
        let _watch = watch(std::slice::from_ref(&root), move || tx.send(()).is_ok()).unwrap();
        // A deadline only to fail rather than hang.
        let heard = || rx.recv_timeout(Duration::from_secs(60)).is_ok();
        std::fs::remove_dir_all(&root).unwrap();
        assert!(heard(), "the folder's removal is a change");
        std::fs::create_dir(&root).unwrap();
        assert!(heard(), "so is its return");
        std::fs::write(root.join("a.txt"), "A Headline\n\nSome text.\n").unwrap();
        assert!(heard(), "and a file saved in it afterwards");
    }
}
