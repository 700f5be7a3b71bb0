//! Loading a library: folders scanned, unchanged files taken from the index cache, the others
//! read on every core, and the cache brought up to date.

use std::collections::HashMap;
use std::os::unix::ffi::OsStrExt;
use std::path::{Path, PathBuf};
use std::sync::Arc;

use rayon::prelude::*;

use super::cache::{Cache, Listed, Stamp};
use super::index::{self, DocTerms, Index, Vocabulary};
use super::{Library, LoadError, read_file, scan};
use crate::article::{Options, Summary};

/// What loading has got to, for a reader that shows the library while it loads.
pub enum Step {
    /// The cached summaries, before any file is looked at: shown at once.
    Cached(Vec<Arc<Summary>>),
    /// How many article files were found, and how many of them the cache knows.
    Found(usize, usize),
    /// Summaries of files read that were not among the cached ones, and how many files are
    /// done so far.
    Read(Vec<Arc<Summary>>, usize),
}

pub struct Loaded {
    pub library: Library,
    /// Built when asked for.
    pub index: Option<Index>,
    /// How many files were read (the others came from the cache).
    pub read: usize,
    /// How many cached files are gone from the folders.
    pub gone: usize,
    /// The files found, as `digest` gives them: a later check that nothing changed saves a
    /// reload (which would hold a second library and index beside the first).
    pub files: u64,
    /// What the user should know about the cache: a damaged or outdated index being rebuilt,
    /// or one that could not be written.
    pub notices: Vec<String>,
}

/// A cache entry until a found file claims it: what is left unclaimed has been deleted.
type Slot<T> = Option<(Stamp, T)>;

/// Files are read in batches of this many, so that a reader sees progress.
const BATCH: usize = 2000;

/// One file of the library while it loads.
struct Entry {
    root: usize,
    path: PathBuf,
    stamp: Stamp,
    /// Among the cached summaries shown before the scan.
    shown: bool,
    summary: Option<Arc<Summary>>,
    /// Its number in the load's `DocTerms`.
    terms: Option<u32>,
}

impl Entry {
    /// The path below its library folder.
    fn rel<'a>(&'a self, roots: &[PathBuf]) -> &'a [u8] {
        rel(&roots[self.root], &self.path)
    }
}

/// Found paths are the root joined with the rest, so this is a byte slice (no path parsing:
/// it runs in sort comparisons).
fn rel<'a>(root: &Path, path: &'a Path) -> &'a [u8] {
    let (root, path) = (root.as_os_str().as_bytes(), path.as_os_str().as_bytes());
    match path.strip_prefix(root) {
        Some(rest) => rest.strip_prefix(b"/").unwrap_or(rest),
        None => path,
    }
}

/// A library folder: what the cache held for it, and whether the cache must be written.
#[derive(Default)]
struct Folder {
    list: Vec<Listed>,
    list_stale: bool,
    terms_stale: bool,
}

/// Loads the library under `roots`. With a cache, unchanged files are not read; with
/// `with_index`, the search and related-articles index is built too (its terms are cached
/// separately, so a plain listing never reads them). `step`, when given, hears how loading
/// goes.
pub fn load(
    roots: &[PathBuf],
    options: &Options,
    cache: Option<&Cache>,
    with_index: bool,
    mut step: Option<&mut dyn FnMut(Step)>,
) -> Loaded {
    let mut notices = Vec::new();
    let mut vocabulary = Vocabulary::default();
    // Every file's terms, in the order they are loaded (cached, then read).
    let mut docs = DocTerms::default();
    let mut folders: Vec<Folder> = roots
        .iter()
        .map(|path| {
            let Some(cache) = cache.filter(|_| path.is_dir()) else {
                return Folder::default();
            };
            let list = usable(cache.load_list(path), cache, path, "list", &mut notices);
            Folder {
                list_stale: list.is_none(),
                list: list.unwrap_or_default(),
                ..Folder::default()
            }
        })
        .collect();

    if let Some(step) = step.as_mut() {
        let cached: Vec<Arc<Summary>> = folders
            .iter()
            .flat_map(|f| f.list.iter().map(|e| e.summary.clone()))
            .collect();
        if !cached.is_empty() {
            step(Step::Cached(cached));
        }
    }

    // Each folder's files, matched with its cache entries by path. Cached files keep the
    // cache's order (the library's order when it was written), so that sorting the library
    // afterwards only has the changed files to place.
    let mut errors = Vec::new();
    let mut entries = Vec::new();
    let mut gone = 0;
    let mut files = 0u64;
    for (r, folder) in folders.iter_mut().enumerate() {
        let (found, mut errs) = scan::scan(std::slice::from_ref(&roots[r]));
        files = files.wrapping_add(digest_found(&found));
        errors.append(&mut errs);
        let listed = std::mem::take(&mut folder.list);
        // The map's keys borrow the paths of these (shared) summaries.
        let keys: Vec<Arc<Summary>> = listed.iter().map(|e| e.summary.clone()).collect();
        let slot_of: HashMap<&[u8], usize> = keys
            .iter()
            .enumerate()
            .map(|(i, s)| (rel(&roots[r], s.path()), i))
            .collect();
        let mut listed: Vec<Slot<Arc<Summary>>> = listed
            .into_iter()
            .map(|e| Some((e.stamp, e.summary)))
            .collect();
        let mut in_slots: Vec<Option<Entry>> = (0..keys.len()).map(|_| None).collect();
        let mut unlisted = Vec::new();
        for f in found {
            let key = rel(&roots[r], &f.path);
            let stamp = Stamp {
                size: f.size,
                modified: f.modified,
            };
            let slot = slot_of.get(key).copied();
            let summary = slot
                .and_then(|i| listed[i].take())
                .filter(|(s, _)| *s == stamp)
                .map(|(_, summary)| summary);
            let entry = Entry {
                root: r,
                path: f.path,
                stamp,
                shown: slot.is_some(),
                summary,
                terms: None,
            };
            match slot {
                Some(i) => in_slots[i] = Some(entry),
                None => unlisted.push(entry),
            }
        }
        // Files gone since the cache was written.
        let missing = listed.iter().filter(|slot| slot.is_some()).count();
        gone += missing;
        folder.list_stale |= missing > 0;
        entries.extend(in_slots.into_iter().flatten());
        entries.append(&mut unlisted);
    }
    // The terms, three times the size of the summaries, only once the list is shown and the
    // scan's lookups are freed; only the terms of files found unchanged are kept.
    if with_index && let Some(cache) = cache {
        for (r, folder) in folders.iter_mut().enumerate() {
            if roots[r].is_dir() {
                let found = (&mut vocabulary, &mut docs);
                let fresh = cached_terms(cache, roots, r, &mut entries, found, &mut notices);
                folder.terms_stale = !fresh;
            }
        }
    }
    let misses: Vec<usize> = (0..entries.len())
        .filter(|&i| entries[i].summary.is_none() || (with_index && entries[i].terms.is_none()))
        .collect();
    if let Some(step) = step.as_mut() {
        step(Step::Found(entries.len(), entries.len() - misses.len()));
    }
    let read = misses.len();
    let mut done = entries.len() - read;
    // Kept only where no index is built after: with one, the memory kept is still resident
    // when the index is built on top, and the reader's peak rose by 10-20 MiB at 100,000
    // articles; without, `list` of 1,000 saved pages took 18% less CPU.
    if read > 0 && !with_index {
        crate::alloc::keep_freed_memory();
    }
    for chunk in misses.chunks(BATCH) {
        let results: Vec<_> = chunk
            .par_iter()
            .map(|&i| {
                read_file(&entries[i].path, options).map(|a| {
                    let words = with_index.then(|| index::count_words(&a));
                    (Arc::new(a.summary()), words)
                })
            })
            .collect();
        let mut fresh = Vec::new();
        for (&i, result) in chunk.iter().zip(results) {
            let e = &mut entries[i];
            folders[e.root].list_stale = true;
            folders[e.root].terms_stale |= with_index;
            match result {
                Ok((summary, words)) => {
                    if !e.shown {
                        fresh.push(summary.clone());
                    }
                    e.summary = Some(summary);
                    e.terms = words.map(|w| docs.push(vocabulary.terms_of(w)));
                }
                // Not cached: an unreadable file is tried again, and reported, each time.
                Err(message) => errors.push(LoadError::new(&e.path, message)),
            }
        }
        done += chunk.len();
        if let Some(step) = step.as_mut() {
            step(Step::Read(fresh, done));
        }
    }
    if read > 0 {
        crate::alloc::give_back();
    }
    let mut entries: Vec<Entry> = entries
        .into_iter()
        .filter(|e| e.summary.is_some())
        .collect();
    fn summary(e: &Entry) -> &Summary {
        e.summary.as_deref().expect("unread entries were removed")
    }
    entries.sort_by(|a, b| super::newest_first(summary(a), summary(b)));
    errors.sort_by(|a, b| a.path.cmp(&b.path));

    if let Some(cache) = cache {
        for (r, folder) in folders.iter().enumerate() {
            let ours = || entries.iter().filter(move |e| e.root == r);
            let mut report = |result: Result<(), String>| {
                if let Err(why) = result {
                    notices.push(format!("index not saved: {why}"));
                }
            };
            if folder.list_stale {
                report(cache.save_list(
                    &roots[r],
                    ours().filter_map(|e| Some((e.rel(roots), e.stamp, &**e.summary.as_ref()?))),
                ));
            }
            if folder.terms_stale {
                report(
                    cache.save_terms(
                        &roots[r],
                        &vocabulary,
                        ours().filter_map(|e| {
                            Some((e.rel(roots), e.stamp, docs.get(e.terms? as usize)))
                        }),
                    ),
                );
            }
        }
    }

    let mut library = Library {
        errors,
        ..Library::default()
    };
    let mut order = Vec::with_capacity(if with_index { entries.len() } else { 0 });
    for e in entries {
        let summary = e.summary.expect("unread entries were removed");
        for w in summary.warnings() {
            library
                .warnings
                .push(LoadError::new(summary.path(), w.clone()));
        }
        library.articles.push(summary);
        order.extend(e.terms);
    }
    let index = with_index.then(|| {
        // In the library's order.
        let terms = docs.select(&order);
        let headlines = library.articles.iter().map(|a| a.headline());
        Index::from_terms(vocabulary, terms, headlines)
    });
    Loaded {
        library,
        index,
        read,
        gone,
        files,
        notices,
    }
}

/// Gives the entries of folder `r` their cached terms, where their files are unchanged, and
/// says whether the cache holds the terms of just these files. A terms file that cannot be
/// used gives none (a notice says it is rebuilt).
fn cached_terms(
    cache: &Cache,
    roots: &[PathBuf],
    r: usize,
    entries: &mut [Entry],
    (vocabulary, docs): (&mut Vocabulary, &mut DocTerms),
    notices: &mut Vec<String>,
) -> bool {
    let slot_of: HashMap<&[u8], usize> = (0..entries.len())
        .filter(|&i| entries[i].root == r)
        .map(|i| (entries[i].rel(roots), i))
        .collect();
    let mut claimed: Vec<(usize, u32)> = Vec::new();
    let mut unclaimed = false;
    let loaded = cache.load_terms(&roots[r], vocabulary, |rel, stamp, pairs| {
        // A file whose summary is out of date is read again, terms and all.
        let entry = slot_of
            .get(rel)
            .filter(|&&i| entries[i].stamp == stamp && entries[i].summary.is_some());
        match entry {
            Some(&i) => claimed.push((i, docs.push(pairs))),
            None => unclaimed = true,
        }
    });
    drop(slot_of);
    // What was read of a damaged file stays unused in `docs`: it is never trusted.
    match usable(loaded.map(Some), cache, &roots[r], "terms", notices) {
        Some(found) => {
            for (i, doc) in claimed {
                entries[i].terms = Some(doc);
            }
            found && !unclaimed
        }
        None => false,
    }
}

/// A digest of the article files under `roots`: their paths, sizes and modification times.
/// Equal digests mean a load would find the same files unchanged.
pub fn digest(roots: &[PathBuf]) -> u64 {
    roots.iter().fold(0, |sum, root| {
        sum.wrapping_add(scan::digest(std::slice::from_ref(root)))
    })
}

/// Summed, so that the order files are found in does not matter (as `scan::digest`).
fn digest_found(found: &[scan::Found]) -> u64 {
    found
        .iter()
        .fold(0u64, |sum, f| sum.wrapping_add(f.digest()))
}

/// A cache file's contents if they can be used; if not, a notice that it is being rebuilt.
fn usable<T>(
    result: Result<Option<T>, String>,
    cache: &Cache,
    root: &Path,
    kind: &str,
    notices: &mut Vec<String>,
) -> Option<T> {
    result.unwrap_or_else(|why| {
        notices.push(format!(
            "index {}: {why}; rebuilding it",
            crate::safe_path(&cache.file(root, kind))
        ));
        None
    })
}
