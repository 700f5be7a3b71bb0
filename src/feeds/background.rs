//! Fetching from the reader: `R` starts a fetch on a background thread, which reports its
//! progress and its outcome as short lines for the status bar. New articles reach the list
//! through the library watcher, like any file saved while the reader runs.

use std::sync::Arc;
use std::sync::atomic::{AtomicBool, Ordering};

use super::FeedsConfig;
use super::cli::Places;
use super::fetch::{self, Event, FeedReport, FetchOptions};
use super::state::FeedStore;
use crate::net::Client;

/// What the reader needs to fetch.
#[derive(Debug, Clone)]
pub struct Fetcher {
    pub places: Places,
    pub config: FeedsConfig,
    running: Arc<AtomicBool>,
}

/// What a background fetch tells the reader.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum News {
    Progress { done: usize, total: usize },
    Finished(String),
}

impl Fetcher {
    pub fn new(places: Places, config: FeedsConfig) -> Fetcher {
        Fetcher {
            places,
            config,
            running: Arc::default(),
        }
    }

    /// Starts fetching every feed; false (and nothing started) when a fetch is running.
    pub fn start(&self, send: impl Fn(News) + Send + Sync + 'static) -> bool {
        if self.running.swap(true, Ordering::SeqCst) {
            return false;
        }
        let me = self.clone();
        std::thread::spawn(move || {
            // The fetch and the threads it starts (they inherit the priority) yield the
            // processor to the reader's keys and frames.
            crate::store::lower_priority();
            let client = Client::new(me.config.http());
            let store = FeedStore::new(&me.places.state_dir);
            let options = FetchOptions {
                feeds_dir: me.places.feeds_dir.clone(),
                full_text: me.config.full_text,
                only: Vec::new(),
            };
            let total = std::sync::atomic::AtomicUsize::new(0);
            let done = std::sync::atomic::AtomicUsize::new(0);
            let progress = |event: Event| {
                match event {
                    Event::Waiting => {}
                    Event::Started { feeds } => total.store(feeds, Ordering::SeqCst),
                    Event::FeedDone(_) => {
                        done.fetch_add(1, Ordering::SeqCst);
                    }
                }
                send(News::Progress {
                    done: done.load(Ordering::SeqCst),
                    total: total.load(Ordering::SeqCst),
                });
            };
            let line = match fetch::fetch(&client, &store, &options, &progress) {
                Ok(reports) => outcome(&reports),
                Err(e) => format!("feeds not fetched: {e}"),
            };
            me.running.store(false, Ordering::SeqCst);
            send(News::Finished(crate::article::hygiene::clean_line(&line)));
        });
        true
    }
}

/// A fetch's outcome in one line: how many new articles, and the first failure with its
/// reason.
pub fn outcome(reports: &[FeedReport]) -> String {
    if reports.is_empty() {
        return "no feeds to fetch (gazette feeds add URL)".into();
    }
    let new: usize = reports.iter().map(|r| r.new.len()).sum();
    let failed: Vec<&FeedReport> = reports.iter().filter(|r| r.failed()).collect();
    let mut line = format!("fetched {} feed(s): {new} new article(s)", reports.len());
    if let Some(first) = failed.first() {
        line += &format!("; {}", first.summary());
        if failed.len() > 1 {
            line += &format!(" (and {} more failed)", failed.len() - 1);
        }
    }
    line
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn one_line_outcome_names_the_first_failure() {
        let ok = FeedReport {
            name: "A".into(),
            status: "ok",
            ..FeedReport::default()
        };
        let bad = FeedReport {
            name: "B".into(),
            status: "failed",
            error: Some("timed out after 30 s".into()),
            ..FeedReport::default()
        };
        assert_eq!(
            outcome(&[ok, bad.clone(), bad]),
            "fetched 3 feed(s): 0 new article(s); B: failed: timed out after 30 s (and 1 more failed)"
        );
    }
}
