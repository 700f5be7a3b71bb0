//! Saving what a fetch found, feeds at a time: the new articles of every feed that finished
//! since the last save are made durable together, then the feeds' state is saved in one
//! atomic write. A feed is remembered as fetched only once its articles are on disk, so a
//! crash loses at most the feeds fetched since the last save, which the next fetch fetches
//! again (after `recover` has read what reached the disk): never a gap, never a duplicate.

use std::path::PathBuf;

use super::durable;
use super::fetch::FeedReport;
use super::state::{Feed, FeedStore};
use crate::net::Validators;

/// One feed fetched and its articles written, not yet saved.
#[derive(Debug)]
pub struct Fetched {
    /// The address the feed had when the fetch began (it may have moved since).
    pub asked_url: String,
    /// The feed as the fetch left it: its address, name and title.
    pub feed: Feed,
    pub report: FeedReport,
    /// The validators to keep; None when the next fetch should ask for the whole feed.
    pub validators: Option<Validators>,
    /// The item keys now seen.
    pub seen: Vec<String>,
    /// The stories written: (story key, article path).
    pub stories: Vec<(String, String)>,
    /// The article files this fetch wrote.
    pub new_files: Vec<PathBuf>,
}

/// Makes the batch's articles durable, then saves every feed of the batch in one update of
/// the feeds file. Returns the reports (failed where a sync or the save failed).
pub fn commit(store: &FeedStore, batch: Vec<Fetched>) -> Vec<FeedReport> {
    let mut batch = batch;
    let files: Vec<PathBuf> = batch
        .iter()
        .flat_map(|f| f.new_files.iter().cloned())
        .collect();
    if let Err(e) = durable::make_durable(&files) {
        for fetched in batch.iter_mut().filter(|f| !f.new_files.is_empty()) {
            // Not remembered as seen: the next fetch writes them again, or finds them whole.
            fetched.seen.clear();
            fetched.stories.clear();
            fetched.validators = None;
            let report = &mut fetched.report;
            report.status = "failed";
            report.error = Some(format!("the new articles could not be synced: {e}"));
        }
    }
    let now = crate::store::now();
    let saved = store.update(|disk| {
        for fetched in &batch {
            save_one(disk, fetched, now);
        }
    });
    let mut reports: Vec<FeedReport> = batch.into_iter().map(|f| f.report).collect();
    if let Err(e) = saved {
        for report in &mut reports {
            report.status = "failed";
            report.error = Some(format!("the feeds file could not be saved: {e}"));
        }
    }
    reports
}

/// One feed's outcome into the state read from disk.
fn save_one(disk: &mut super::state::FeedState, fetched: &Fetched, now: u64) {
    let Some(i) = disk.feeds.iter().position(|f| f.url == fetched.asked_url) else {
        return; // removed while fetching: nothing to record
    };
    let feed = &fetched.feed;
    let report = &fetched.report;
    let f = &mut disk.feeds[i];
    f.url = feed.url.clone();
    f.name = feed.name.clone();
    f.auto_name = feed.auto_name;
    if feed.title.is_some() {
        f.title = feed.title.clone();
    }
    if let Some(v) = &fetched.validators {
        f.validators = v.clone();
    }
    f.remember(fetched.seen.iter().cloned());
    f.kept += report.new.len() as u64;
    f.last_fetch = Some(now);
    f.result = Some(report.summary());
    f.failed = report.failed();
    disk.stories.extend(fetched.stories.iter().cloned());
}
