//! Fetching feeds: each feed's new items written as articles, feeds in parallel (the HTTP
//! client's gate keeps the limits per host), their state saved in batches by `commit`.
//! Nothing is lost and nothing written twice: an item is remembered as seen only once its
//! article is on disk, and a story already kept from another feed is not written again.

use std::collections::HashMap;
use std::path::{Path, PathBuf};
use std::sync::atomic::{AtomicUsize, Ordering};
use std::sync::{Mutex, mpsc};

use chrono::Utc;
use serde::Serialize;
use url::Url;

use super::commit::{self, Fetched};
use super::discover;
use super::files::{self, Story};
use super::fulltext;
use super::html_text;
use super::parse::{self, FeedDoc, Item};
use super::recover;
use super::state::{self, Feed, FeedStore};
use crate::net::{Client, HttpError, Validators};
use crate::store::StoreError;

/// What a fetch is asked to do.
#[derive(Debug, Clone)]
pub struct FetchOptions {
    /// Where the feed folders are.
    pub feeds_dir: PathBuf,
    /// Fetch item pages for their whole text (each feed may turn it off).
    pub full_text: bool,
    /// Feeds to fetch, by address or name; empty: all.
    pub only: Vec<String>,
}

/// What happened to one feed.
#[derive(Debug, Clone, Default, Serialize)]
pub struct FeedReport {
    pub name: String,
    pub url: String,
    /// "ok", "not modified" or "failed".
    pub status: &'static str,
    pub error: Option<String>,
    /// Something worth knowing that did not stop the fetch (a repaired feed, pages that
    /// could not be fetched, a new address).
    pub notes: Vec<String>,
    pub new: Vec<NewArticle>,
    /// New items whose story another feed had already given.
    pub duplicates: usize,
    /// Item pages fetched for their whole text.
    pub pages: usize,
}

#[derive(Debug, Clone, Serialize)]
pub struct NewArticle {
    pub title: String,
    pub path: String,
    pub url: Option<String>,
}

impl FeedReport {
    pub fn failed(&self) -> bool {
        self.status == "failed"
    }

    /// One line, for the status bar and the plain output.
    pub fn summary(&self) -> String {
        let name = crate::article::hygiene::clean_line(&self.name);
        match (&self.error, self.status) {
            (Some(e), _) => format!("{name}: failed: {e}"),
            (None, "not modified") => format!("{name}: not modified"),
            _ => format!("{name}: {} new", self.new.len()),
        }
    }
}

/// What a fetch tells its caller as it goes.
#[derive(Debug, Clone)]
pub enum Event {
    /// Another fetch is running: this one starts when it ends.
    Waiting,
    Started {
        feeds: usize,
    },
    FeedDone(FeedReport),
}

#[derive(Debug, thiserror::Error)]
pub enum FetchError {
    #[error(transparent)]
    Store(#[from] StoreError),
    #[error("no feed named {0} (see `gazette feeds`)")]
    Unknown(String),
}

/// Fetches the feeds and writes their new items. Per-feed failures are in the reports; an
/// error here means the feeds file itself could not be read or written.
pub fn fetch(
    client: &Client,
    store: &FeedStore,
    options: &FetchOptions,
    progress: &(dyn Fn(Event) + Sync),
) -> Result<Vec<FeedReport>, FetchError> {
    let _running = store.fetching(|| progress(Event::Waiting))?;
    // Names are checked before anything is marked or fetched.
    let before = store.load()?;
    if let Some(unknown) = options.only.iter().find(|w| before.find(w).is_none()) {
        return Err(FetchError::Unknown(unknown.clone()));
    }
    let (mut state, cut_short) = store.update(|s| {
        let was = s.in_progress;
        s.in_progress = true;
        (s.clone(), was)
    })?;
    if cut_short {
        recover::recover(&mut state, &options.feeds_dir);
        let recovered = state.clone();
        store.update(|s| recover::adopt(s, &recovered))?;
    }
    let mut chosen = Vec::new();
    for wanted in &options.only {
        let i = state
            .find(wanted)
            .ok_or_else(|| FetchError::Unknown(wanted.clone()))?;
        if !chosen.contains(&i) {
            chosen.push(i);
        }
    }
    if options.only.is_empty() {
        chosen = (0..state.feeds.len()).collect();
    }
    progress(Event::Started {
        feeds: chosen.len(),
    });
    let shared = Shared {
        client,
        options,
        stories: Mutex::new(state.stories.clone()),
        names: Mutex::new(state.feeds.iter().map(|f| f.name.clone()).collect()),
    };
    let feeds: Vec<Feed> = chosen.iter().map(|&i| state.feeds[i].clone()).collect();
    let next = AtomicUsize::new(0);
    let mut reports = Vec::new();
    let workers = client.config().max_parallel.min(feeds.len()).max(1);
    let (done, finished) = mpsc::channel::<(usize, Fetched)>();
    std::thread::scope(|scope| {
        for _ in 0..workers {
            let done = done.clone();
            let (shared, feeds, next) = (&shared, &feeds, &next);
            scope.spawn(move || {
                loop {
                    let i = next.fetch_add(1, Ordering::SeqCst);
                    let Some(feed) = feeds.get(i) else { break };
                    if done.send((i, shared.one_feed(feed.clone()))).is_err() {
                        break;
                    }
                }
            });
        }
        drop(done);
        // Group commit: the feeds that finished while the last batch was being saved are
        // saved together, so syncs and rewrites of the feeds file do not grow with the feeds.
        while let Ok(first) = finished.recv() {
            let batch: Vec<(usize, Fetched)> =
                std::iter::once(first).chain(finished.try_iter()).collect();
            let order: Vec<usize> = batch.iter().map(|(i, _)| *i).collect();
            let saved = commit::commit(store, batch.into_iter().map(|(_, f)| f).collect());
            for (i, report) in order.into_iter().zip(saved) {
                progress(Event::FeedDone(report.clone()));
                reports.push((i, report));
            }
        }
    });
    store.update(|s| s.in_progress = false)?;
    reports.sort_by_key(|(i, _)| *i);
    Ok(reports.into_iter().map(|(_, r)| r).collect())
}

/// What the feeds of one fetch share.
struct Shared<'a> {
    client: &'a Client,
    options: &'a FetchOptions,
    /// The stories kept, by story key, including those written by this fetch.
    stories: Mutex<std::collections::BTreeMap<String, String>>,
    /// The feeds' folder names, to keep a new name unique.
    names: Mutex<Vec<String>>,
}

impl Shared<'_> {
    /// Fetches one feed and writes its new articles; its state is saved by `commit`.
    fn one_feed(&self, mut feed: Feed) -> Fetched {
        let asked_url = feed.url.clone();
        let mut report = FeedReport {
            name: feed.name.clone(),
            url: feed.url.clone(),
            status: "ok",
            ..FeedReport::default()
        };
        let outcome = self.fetch_feed(&mut feed, &mut report);
        let written = match outcome {
            Ok(done) => done,
            Err(e) => {
                report.status = "failed";
                report.error = Some(e);
                Written::default()
            }
        };
        report.name = feed.name.clone();
        report.url = feed.url.clone();
        Fetched {
            asked_url,
            feed,
            report,
            validators: written.validators,
            seen: written.seen,
            stories: written.stories,
            new_files: written.new_files,
        }
    }

    /// Fetches, reads and writes one feed.
    fn fetch_feed(&self, feed: &mut Feed, report: &mut FeedReport) -> Result<Written, String> {
        let response = self
            .client
            .get(&feed.url, &feed.validators)
            .map_err(|e| e.to_string())?;
        if let Some(moved) = &response.moved_to {
            report.notes.push(format!("moved permanently to {moved}"));
            feed.url = moved.to_string();
        }
        let Some(mut body) = response.body.clone() else {
            report.status = "not modified";
            return Ok(Written {
                validators: Some(response.validators),
                ..Written::default()
            });
        };
        let mut base = response.url.clone();
        let mut validators = response.validators.clone();
        let mut truncated = response.truncated;
        if discover::is_html(response.content_type.as_deref(), &body) {
            let link = discover::feed_links(&body, &base)
                .into_iter()
                .next()
                .ok_or("a web page that names no feed")?;
            let found = self
                .client
                .get(link.as_str(), &Validators::default())
                .map_err(|e| format!("{link}: {e}"))?;
            report.notes.push(format!("the page's feed is {link}"));
            feed.url = found.moved_to.as_ref().unwrap_or(&link).to_string();
            body = found.body.clone().unwrap_or_default();
            base = found.url.clone();
            validators = found.validators.clone();
            truncated = found.truncated;
        }
        let doc = match parse::parse(&body, Some(&base)) {
            Ok(doc) => doc,
            Err(e) if truncated => {
                return Err(format!(
                    "the feed is larger than the cap of {} bytes and unreadable when cut: {e}",
                    self.client.config().max_bytes
                ));
            }
            Err(e) => return Err(e.to_string()),
        };
        if truncated {
            report.notes.push(format!(
                "the feed was cut at the cap of {} bytes",
                self.client.config().max_bytes
            ));
        }
        if let Some(r) = &doc.repaired {
            report.notes.push(r.clone());
        }
        self.name_after_title(feed, &doc);
        self.write_items(feed, &doc, validators, report)
    }

    /// A feed named from its address takes its title as its name before its first article.
    fn name_after_title(&self, feed: &mut Feed, doc: &FeedDoc) {
        if let Some(t) = &doc.title {
            feed.title = Some(crate::article::hygiene::clean_line(t));
        }
        if !feed.auto_name || feed.kept > 0 {
            return;
        }
        let Some(title) = &feed.title else { return };
        let mut names = self.names.lock().expect("names");
        let wanted = files::safe_name(title);
        let mut name = wanted.clone();
        let mut n = 2;
        while names
            .iter()
            .any(|x| x.eq_ignore_ascii_case(&name) && *x != feed.name)
        {
            name = format!("{wanted} {n}");
            n += 1;
        }
        names.retain(|x| *x != feed.name);
        names.push(name.clone());
        feed.name = name;
        feed.auto_name = false;
    }

    fn write_items(
        &self,
        feed: &Feed,
        doc: &FeedDoc,
        validators: Validators,
        report: &mut FeedReport,
    ) -> Result<Written, String> {
        let folder = self.options.feeds_dir.join(files::safe_name(&feed.name));
        let known: std::collections::HashSet<&str> = feed.seen.iter().map(String::as_str).collect();
        let mut seen = Vec::new();
        let mut stories = Vec::new();
        let mut all_written = true;
        let mut new_files = Vec::new();
        let mut this_fetch: HashMap<String, ()> = HashMap::new();
        let full_text = self.options.full_text && feed.full_text.unwrap_or(true);
        let today = Utc::now();
        for item in &doc.items {
            let key = state::item_key(item.guid.as_deref(), item.link.as_deref(), &item.title);
            if known.contains(key.as_str()) || this_fetch.insert(key.clone(), ()).is_some() {
                continue;
            }
            let story_key = item.link.as_deref().map(state::story_key);
            if let Some(k) = &story_key {
                let mut kept = self.stories.lock().expect("stories");
                if kept.contains_key(k) {
                    report.duplicates += 1;
                    seen.push(key);
                    continue;
                }
                // Claimed now, so a feed fetched at the same time does not write it too.
                kept.insert(k.clone(), String::new());
            }
            let mut story = story_of(item, doc, feed);
            if full_text
                && fulltext::wanted(&story.blocks)
                && let Some(link) = item.link.as_deref().and_then(|l| Url::parse(l).ok())
            {
                report.pages += 1;
                match self.page(&link) {
                    Ok(Some(article)) => {
                        fulltext::merge(&mut story, article);
                    }
                    Ok(None) => {}
                    Err(e) => report.notes.push(format!("{link}: {e}")),
                }
            }
            match files::write_story(&folder, &story, today) {
                Ok(w) => {
                    let path = w.path.to_string_lossy().into_owned();
                    if let Some(k) = &story_key {
                        self.stories
                            .lock()
                            .expect("stories")
                            .insert(k.clone(), path.clone());
                        stories.push((k.clone(), path.clone()));
                    }
                    seen.push(key);
                    if !w.existed {
                        new_files.push(w.path.clone());
                        report.new.push(NewArticle {
                            title: crate::article::hygiene::clean_line(&story.title),
                            path: crate::safe_path(&w.path),
                            url: story.url.clone(),
                        });
                    }
                }
                Err(e) => {
                    if let Some(k) = &story_key {
                        self.stories.lock().expect("stories").remove(k);
                    }
                    all_written = false;
                    report.notes.push(format!(
                        "{}: could not be written: {e}",
                        crate::safe_path(&folder)
                    ));
                }
            }
        }
        if !all_written {
            report.status = "failed";
            report.error = Some(format!(
                "some articles could not be written in {}",
                crate::safe_path(&folder)
            ));
        }
        Ok(Written {
            validators: all_written.then_some(validators),
            seen,
            stories,
            new_files,
        })
    }

    fn page(&self, link: &Url) -> Result<Option<crate::article::Article>, HttpError> {
        let response = self.client.get(link.as_str(), &Validators::default())?;
        Ok(response
            .body
            .as_deref()
            .and_then(|b| fulltext::full_text(b, &response.url)))
    }
}

/// What writing a feed's items gave.
#[derive(Debug, Default)]
struct Written {
    /// The validators to keep: None when some item could not be written, so the next fetch
    /// asks for the whole feed again.
    validators: Option<Validators>,
    seen: Vec<String>,
    stories: Vec<(String, String)>,
    new_files: Vec<PathBuf>,
}

/// An item as a story, with its text from its content, else its summary.
fn story_of(item: &Item, doc: &FeedDoc, feed: &Feed) -> Story {
    let text = item
        .content
        .as_deref()
        .filter(|c| !c.trim().is_empty())
        .or(item.summary.as_deref())
        .unwrap_or("");
    Story {
        title: html_text::decode_entities(&item.title),
        source: doc.title.clone().or_else(|| feed.title.clone()),
        url: item.link.clone(),
        published: item.published,
        authors: item.authors.clone(),
        tags: item.tags.clone(),
        guid: item.guid.clone(),
        blocks: html_text::paragraphs(text),
    }
}

/// The folder of a feed's articles.
pub fn feed_folder(feeds_dir: &Path, feed: &Feed) -> PathBuf {
    feeds_dir.join(files::safe_name(&feed.name))
}
