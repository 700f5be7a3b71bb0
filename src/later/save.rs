//! Saving pages: each address fetched with the shared HTTP client (a few at once, fewer per
//! host), read by the saved-page reader, written whole into the saved folder as
//! `<date>-<slug>.html`, recorded in the saved index and bookmarked. A page that fails is
//! reported and the others go on; an address already saved is not fetched again.

use std::collections::HashSet;
use std::path::PathBuf;
use std::sync::Mutex;
use std::sync::atomic::{AtomicUsize, Ordering};

use chrono::Utc;
use serde::Serialize;

use super::bookmarks::Batch;
use super::index::{Locked, SavedIndex};
use super::lists::Entry;
use super::page;
use crate::article::hygiene::clean_line;
use crate::article::{Article, Options};
use crate::feeds::state::story_key;
use crate::net::{Client, Validators};
use crate::store::StoreError;

/// Names tried for one page before giving up (`stem.html`, `stem-2.html`, ...).
const MAX_CANDIDATES: usize = 50;

/// Where saving keeps things.
#[derive(Debug, Clone)]
pub struct Places {
    /// The saved pages (part of the library).
    pub saved_dir: PathBuf,
    /// Bookmarks and the saved index.
    pub state_dir: PathBuf,
}

/// How one address went.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct Report {
    pub url: String,
    /// "saved", "already saved" or "failed".
    pub status: &'static str,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub title: Option<String>,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub path: Option<String>,
    /// Why it failed, or what went wrong after it was saved (a bookmark not kept).
    #[serde(skip_serializing_if = "Option::is_none")]
    pub error: Option<String>,
    /// The article bookmarked (set when a page was saved now).
    #[serde(skip)]
    pub id: Option<crate::article::ArticleId>,
}

impl Report {
    fn failed(url: &str, error: impl ToString) -> Report {
        Report {
            url: url.to_owned(),
            status: "failed",
            title: None,
            path: None,
            error: Some(error.to_string()),
            id: None,
        }
    }

    pub fn is_failed(&self) -> bool {
        self.status == "failed"
    }

    /// One line for people: "saved: Title (path)", "failed: url: why".
    pub fn line(&self) -> String {
        let what = match (&self.title, &self.path) {
            (Some(t), Some(p)) => format!("{t}  {p}"),
            (_, Some(p)) => p.clone(),
            _ => self.url.clone(),
        };
        let mut line = format!("{}: {}", self.status, clean_line(&what));
        if let Some(e) = &self.error {
            if self.is_failed() {
                line = format!("failed: {}: {}", clean_line(&self.url), clean_line(e));
            } else {
                line += &format!(" ({})", clean_line(e));
            }
        }
        line
    }
}

/// What a save run tells its caller as it goes.
#[derive(Debug, Clone)]
pub enum Event {
    /// `to_fetch` addresses will be fetched; `already` were saved before and are skipped.
    Started {
        to_fetch: usize,
        already: usize,
    },
    Done(Report),
}

/// Saves `entries` (duplicates taken once), adding `tags` to each. Returns a report per
/// distinct address, in the list's order; an error only when the state folder is unusable.
pub fn save_all(
    client: &Client,
    places: &Places,
    entries: Vec<Entry>,
    tags: &[String],
    options: &Options,
    on_event: &(dyn Fn(Event) + Sync),
) -> Result<Saved, StoreError> {
    let index = SavedIndex::open(&places.state_dir)?;
    let mut seen = HashSet::new();
    let mut reports: Vec<Option<Report>> = Vec::new();
    let mut queue = Vec::new();
    for entry in entries {
        if !seen.insert(story_key(entry.url.trim())) {
            continue;
        }
        match already_saved(&index, places, &entry.url) {
            Some(path) => reports.push(Some(Report {
                url: entry.url,
                status: "already saved",
                title: None,
                path: Some(path),
                error: None,
                id: None,
            })),
            None => {
                queue.push((reports.len(), entry));
                reports.push(None);
            }
        }
    }
    on_event(Event::Started {
        to_fetch: queue.len(),
        already: reports.len() - queue.len(),
    });
    let index = Mutex::new(index);
    let batch = Batch::default();
    batch.leftovers(&places.saved_dir, &places.state_dir, &index, options);
    let done = Mutex::new(Vec::new());
    let next = AtomicUsize::new(0);
    let workers = client.config().max_parallel.min(queue.len()).max(1);
    std::thread::scope(|scope| {
        for _ in 0..workers {
            scope.spawn(|| {
                while let Some((slot, entry)) = queue.get(next.fetch_add(1, Ordering::SeqCst)) {
                    let report = save_one(client, places, &index, &batch, entry, tags, options);
                    on_event(Event::Done(report.clone()));
                    done.lock()
                        .unwrap_or_else(|e| e.into_inner())
                        .push((*slot, report));
                }
            });
        }
    });
    batch.flush(&places.state_dir, &index);
    for (slot, report) in done.into_inner().unwrap_or_else(|e| e.into_inner()) {
        reports[slot] = Some(report);
    }
    Ok(Saved {
        reports: reports.into_iter().flatten().collect(),
        notices: batch.errors.into_inner().unwrap_or_else(|e| e.into_inner()),
    })
}

/// What a save run did.
#[derive(Debug, Clone, Default)]
pub struct Saved {
    /// One per distinct address, in the list's order.
    pub reports: Vec<Report>,
    /// What went wrong besides the pages (bookmarks that could not be saved).
    pub notices: Vec<String>,
}

/// The saved file of an address, when the index has it and the file is still there.
fn already_saved(index: &SavedIndex, places: &Places, url: &str) -> Option<String> {
    let file = index.file_of(url.trim())?;
    let path = places.saved_dir.join(file);
    path.is_file().then(|| crate::safe_path(&path))
}

fn save_one(
    client: &Client,
    places: &Places,
    index: &Mutex<SavedIndex>,
    batch: &Batch,
    entry: &Entry,
    tags: &[String],
    options: &Options,
) -> Report {
    let url = entry.url.trim();
    let response = match client.get(url, &Validators::default()) {
        Ok(r) => r,
        Err(e) => return Report::failed(url, e),
    };
    let Some(body) = response.body else {
        return Report::failed(url, "the server sent no page");
    };
    if response.truncated {
        return Report::failed(
            url,
            format!(
                "the page is larger than {} MiB (feeds.max_response_mib)",
                client.config().max_bytes / (1024 * 1024)
            ),
        );
    }
    if !page::is_html(response.content_type.as_deref(), &body) {
        let what = response
            .content_type
            .as_deref()
            .unwrap_or("unknown content");
        return Report::failed(url, format!("not a web page ({})", clean_line(what)));
    }
    let first = match page::read(&body, options) {
        Ok(a) => a,
        Err(e) => return Report::failed(url, format!("the page cannot be read: {e}")),
    };
    let landed = response.url.to_string();
    let annotated = page::annotate(&body, &landed, &first, entry, tags);
    let article = match page::read(&annotated, options) {
        Ok(a) => a,
        Err(e) => return Report::failed(url, format!("the page cannot be read: {e}")),
    };
    let mut urls = vec![url, landed.as_str()];
    urls.extend(article.url.as_deref());
    let fresh = |found: Found| found != Found::Recorded;
    // Written and recorded under the index lock, as waiting for its bookmark when it is new
    // (a run stopped before its batch of bookmarks is saved bookmarks it on the next run).
    let placed = {
        let mut index = index.lock().unwrap_or_else(|e| e.into_inner());
        index
            .lock()
            .map_err(|e| e.to_string())
            .and_then(|mut locked| {
                let (path, found) = place(&locked, places, &urls, &article, entry, &annotated)?;
                let file = path
                    .file_name()
                    .map(|n| n.to_string_lossy().into_owned())
                    .unwrap_or_default();
                locked
                    .record(&urls, &file, fresh(found))
                    .map_err(|e| e.to_string())?;
                Ok((path, found, file))
            })
    };
    let (path, found, file) = match placed {
        Ok(w) => w,
        Err(e) => return Report::failed(url, e),
    };
    let mut report = Report {
        url: url.to_owned(),
        status: if found == Found::Written {
            "saved"
        } else {
            "already saved"
        },
        title: Some(clean_line(&article.headline)).filter(|t| !t.is_empty()),
        path: Some(crate::safe_path(&path)),
        error: None,
        id: None,
    };
    if fresh(found) {
        let mut article = article;
        article.path = path;
        report.id = Some(article.id.clone());
        batch.add(&places.state_dir, index, article, &file);
    }
    report
}

/// How a page's file was found.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum Found {
    /// Written now.
    Written,
    /// Already there, written by a run that stopped before recording it.
    Leftover,
    /// Already saved and recorded.
    Recorded,
}

/// Under the index lock: the page's file (an existing one when the page's address is already
/// saved, or a file of the same address a run cut short left unrecorded), written when new.
fn place(
    locked: &Locked<'_>,
    places: &Places,
    urls: &[&str],
    article: &Article,
    entry: &Entry,
    bytes: &[u8],
) -> Result<(PathBuf, Found), String> {
    let dir = &places.saved_dir;
    if let Some(file) = urls
        .iter()
        .find_map(|u| locked.file_of(u))
        .map(str::to_owned)
        && dir.join(&file).is_file()
    {
        return Ok((dir.join(file), Found::Recorded));
    }
    std::fs::create_dir_all(dir).map_err(|e| format!("{}: {}", crate::safe_path(dir), e))?;
    let stem = page::file_stem(article, entry, Utc::now());
    for n in 1..=MAX_CANDIDATES {
        let file = if n == 1 {
            format!("{stem}.html")
        } else {
            format!("{stem}-{n}.html")
        };
        let path = dir.join(&file);
        if path.exists() {
            let same = std::fs::read(&path)
                .ok()
                .and_then(|b| page::saved_url(&b))
                .is_some_and(|u| urls.contains(&u.as_str()));
            if !same {
                continue;
            }
            return Ok((path, Found::Leftover));
        }
        if locked.file_taken(&file) {
            continue;
        }
        crate::fs::write_atomically(&path, bytes).map_err(|e| e.to_string())?;
        return Ok((path, Found::Written));
    }
    Err(format!(
        "{MAX_CANDIDATES} saved pages are already named {stem}"
    ))
}
