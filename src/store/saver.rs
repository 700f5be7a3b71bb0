//! Saving marks off the reader's thread. Changes are gathered while they keep coming (a burst
//! of keys is one write) and written by a thread of their own, so that no key waits on the
//! disk however many marks the state file holds.

use std::sync::mpsc::{self, RecvTimeoutError, Sender};
use std::sync::{Arc, Mutex};
use std::thread::{self, JoinHandle};
use std::time::{Duration, Instant};

use super::{Change, Store};
use crate::article::Summary;

/// A save waits this long for more changes before it writes.
const GATHER: Duration = Duration::from_millis(200);
/// However fast changes keep coming, they are written at least this often.
const GATHER_AT_MOST: Duration = Duration::from_secs(1);

/// Changes to save, with the summaries of the articles they bookmark.
#[derive(Default)]
struct Job(Vec<Change>, Vec<Arc<Summary>>);

impl Job {
    fn add(&mut self, other: Job) {
        self.0.extend(other.0);
        self.1.extend(other.1);
    }
}

/// The saving thread and the way to it.
pub struct Saver {
    jobs: Option<Sender<Job>>,
    thread: Option<JoinHandle<()>>,
}

impl Saver {
    /// Starts saving into `store`. `report` hears how each write went; a failed write keeps
    /// its changes, which go again with the next ones (and at the end, through
    /// `Store::flush`, which also falls back to a recovery file).
    pub fn spawn(
        store: Arc<Mutex<Store>>,
        report: impl Fn(Result<(), String>) + Send + 'static,
    ) -> Saver {
        let (jobs, rx) = mpsc::channel::<Job>();
        let thread = thread::spawn(move || {
            // Writes can wait; keys cannot: on a busy machine the reader's thread goes first.
            lower_priority();
            let mut waiting = Job::default();
            while let Ok(job) = rx.recv() {
                waiting.add(job);
                let started = Instant::now();
                let mut open = true;
                while started.elapsed() < GATHER_AT_MOST {
                    match rx.recv_timeout(GATHER) {
                        Ok(job) => waiting.add(job),
                        Err(RecvTimeoutError::Timeout) => break,
                        Err(RecvTimeoutError::Disconnected) => {
                            open = false;
                            break;
                        }
                    }
                }
                let saved = match store.lock() {
                    Ok(mut store) => store
                        .apply(&waiting.0, &waiting.1)
                        .map_err(|e| e.to_string()),
                    Err(_) => Err("the state was left half-changed by a crash".into()),
                };
                if saved.is_ok() {
                    waiting = Job::default();
                }
                report(saved);
                if !open {
                    break;
                }
            }
        });
        Saver {
            jobs: Some(jobs),
            thread: Some(thread),
        }
    }

    /// Hands changes to the saving thread. `bookmarked` holds the summaries of articles
    /// bookmarked by these changes (a bookmark keeps what its article was).
    pub fn save(&self, changes: Vec<Change>, bookmarked: Vec<Arc<Summary>>) {
        if let Some(jobs) = &self.jobs {
            let _ = jobs.send(Job(changes, bookmarked));
        }
    }

    /// Writes what is waiting now and stops the thread: the end of the reader.
    pub fn finish(mut self) {
        self.stop();
    }

    fn stop(&mut self) {
        self.jobs = None;
        if let Some(thread) = self.thread.take() {
            let _ = thread.join();
        }
    }
}

impl Drop for Saver {
    fn drop(&mut self) {
        self.stop();
    }
}

/// Lowers this thread's scheduling priority (Linux threads each have a nice value, which the
/// threads it starts inherit).
pub(crate) fn lower_priority() {
    #[cfg(target_os = "linux")]
    // SAFETY: gettid and setpriority take no pointers; a failure only leaves the priority as it
    // was.
    unsafe {
        let tid = libc::gettid();
        libc::setpriority(libc::PRIO_PROCESS, tid as libc::id_t, 10);
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::article::ArticleId;
    use std::sync::mpsc::channel;

    #[test]
    fn changes_are_written_and_a_failed_write_is_tried_again_with_the_next() {
        let dir = tempfile::tempdir().unwrap();
        let store = Arc::new(Mutex::new(Store::open(dir.path()).unwrap()));
        let (tx, rx) = channel();
        let saver = Saver::spawn(store.clone(), move |r| tx.send(r).unwrap());
        let id = |s: &str| ArticleId(s.into());
        // A folder where the state file should be: the write fails.
        std::fs::create_dir(dir.path().join(super::super::FILE_NAME)).unwrap();
        saver.save(vec![Change::Read(id("a"), true)], Vec::new());
        assert!(rx.recv().unwrap().is_err());
        std::fs::remove_dir(dir.path().join(super::super::FILE_NAME)).unwrap();
        saver.save(vec![Change::Read(id("b"), true)], Vec::new());
        assert_eq!(rx.recv().unwrap(), Ok(()));
        saver.save(vec![Change::Read(id("c"), true)], Vec::new());
        saver.finish();
        let on_disk = Store::open(dir.path()).unwrap().marks();
        for s in ["a", "b", "c"] {
            assert!(on_disk.read.contains(&id(s)), "{s} saved");
        }
    }
}
