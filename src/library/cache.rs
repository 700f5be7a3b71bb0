//! The index cache: what gazette learned from each file of a library folder, kept between runs
//! so that a start reads only the files that changed.
//!
//! Two files per library folder, in the cache folder: `<key>.list` holds each file's summary
//! (what the headline list and the filters need), `<key>.terms` its index terms (what search
//! and related articles need). They are separate so that `gazette list` never reads the larger
//! terms file. Each entry carries the file's size and modification time when it was read; an
//! entry whose file no longer matches is read again. Both files are caches: damaged, from
//! another version, or made with other reading options, they are rebuilt, never trusted.

use std::collections::HashMap;
use std::fs;
use std::os::unix::ffi::OsStrExt;
use std::path::{Path, PathBuf};
use std::sync::Arc;

use serde::{Deserialize, Serialize};

use super::index::{Terms, Vocabulary};
use crate::article::{Options, Summary};

/// Bumped whenever what is stored, or how articles are read, changes.
const FORMAT: u32 = 1;
const MAGIC: [u8; 8] = *b"gazette\x01";

/// A file's size and modification time (nanoseconds) when it was read.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
pub struct Stamp {
    pub size: u64,
    pub modified: i64,
}

#[derive(Serialize, Deserialize)]
struct Header {
    magic: [u8; 8],
    format: u32,
    /// The gazette version and the reading options: a change to either may change what a file
    /// reads as.
    fingerprint: String,
}

/// One file's summary in the cache.
#[derive(Serialize, Deserialize)]
pub struct ListEntry {
    /// The path below the library folder, as bytes (file names need not be UTF-8).
    pub rel: Vec<u8>,
    pub stamp: Stamp,
    /// Shared as it is decoded, so that the library holds it without a copy.
    pub summary: Arc<Summary>,
}

#[derive(Serialize, Deserialize)]
struct TermsEntry {
    rel: Vec<u8>,
    stamp: Stamp,
    /// (term, count x 2): counts are multiples of one half (names count 1.5), so exact.
    terms: Vec<(u32, u16)>,
}

/// One file's terms from the cache, in the ids of the vocabulary they were loaded into.
pub struct CachedTerms {
    pub rel: Vec<u8>,
    pub stamp: Stamp,
    pub terms: Terms,
}

#[derive(Serialize, Deserialize)]
struct TermsBody {
    /// (stem, readable form) of each term id.
    vocabulary: Vec<(String, String)>,
    entries: Vec<TermsEntry>,
}

/// Where the cache lives.
#[derive(Debug, Clone)]
pub struct Cache {
    pub dir: PathBuf,
    fingerprint: String,
}

impl Cache {
    /// The cache in `dir`, for articles read with `options`.
    pub fn new(dir: PathBuf, options: &Options) -> Cache {
        let patterns: Vec<&str> = options.chrome_patterns.iter().map(|r| r.as_str()).collect();
        let fingerprint = format!(
            "{} {} {:?} {:?} {:?}",
            env!("CARGO_PKG_VERSION"),
            options.size_cap,
            options.chrome_phrases,
            patterns,
            options.keep_phrases
        );
        Cache { dir, fingerprint }
    }

    /// The user's cache folder (XDG_CACHE_HOME/gazette on Linux).
    pub fn default_dir() -> Option<PathBuf> {
        directories::ProjectDirs::from("", "", "gazette").map(|d| d.cache_dir().to_path_buf())
    }

    /// The cache file of one library folder: named by a digest of its real path, so that the
    /// same folder reached by another path shares it.
    pub fn file(&self, root: &Path, kind: &str) -> PathBuf {
        let real = fs::canonicalize(root).unwrap_or_else(|_| root.to_path_buf());
        let digest = sha1_smol::Sha1::from(real.as_os_str().as_bytes())
            .digest()
            .to_string();
        self.dir.join(format!("{}.{kind}", &digest[..16]))
    }

    /// The cached summaries of `root`'s files, newest first. `Ok(None)`: no cache yet.
    /// `Err`: a cache that cannot be used, and why (the caller says it is rebuilt).
    pub fn load_list(&self, root: &Path) -> Result<Option<Vec<ListEntry>>, String> {
        let Some(bytes) = self.read(root, "list")? else {
            return Ok(None);
        };
        let rest = self.check_header(&bytes)?;
        let entries: Vec<ListEntry> = postcard::from_bytes(rest).map_err(damaged)?;
        Ok(Some(entries))
    }

    /// The cached terms of `root`'s files, their ids turned into `vocabulary`'s.
    pub fn load_terms(
        &self,
        root: &Path,
        vocabulary: &mut Vocabulary,
    ) -> Result<Option<Vec<CachedTerms>>, String> {
        let Some(bytes) = self.read(root, "terms")? else {
            return Ok(None);
        };
        let rest = self.check_header(&bytes)?;
        let body: TermsBody = postcard::from_bytes(rest).map_err(damaged)?;
        let ids: Vec<u32> = body
            .vocabulary
            .iter()
            .map(|(stem, surface)| vocabulary.add_term(stem, surface))
            .collect();
        let mut cached = Vec::with_capacity(body.entries.len());
        for e in body.entries {
            let mut terms = Vec::with_capacity(e.terms.len());
            for (id, count) in e.terms {
                let id = *ids
                    .get(id as usize)
                    .ok_or_else(|| damaged("a term out of range"))?;
                terms.push((id, f32::from(count) / 2.0));
            }
            cached.push(CachedTerms {
                rel: e.rel,
                stamp: e.stamp,
                terms,
            });
        }
        Ok(Some(cached))
    }

    /// Replaces `root`'s cached summaries, given in library order (so that the next load has
    /// almost nothing to sort).
    pub fn save_list<'a>(
        &self,
        root: &Path,
        entries: impl Iterator<Item = (&'a [u8], Stamp, &'a Summary)>,
    ) -> Result<(), String> {
        let entries: Vec<Borrowed> = entries
            .map(|(rel, stamp, summary)| Borrowed {
                rel,
                stamp,
                summary,
            })
            .collect();
        self.write(root, "list", &entries)
    }

    /// Replaces `root`'s cached terms. Only the terms its entries use are written.
    pub fn save_terms<'a>(
        &self,
        root: &Path,
        vocabulary: &Vocabulary,
        entries: impl Iterator<Item = (&'a [u8], Stamp, &'a Terms)>,
    ) -> Result<(), String> {
        // Library-wide ids become this folder's own, numbered from 0.
        let mut local: HashMap<u32, u32> = HashMap::new();
        let mut body = TermsBody {
            vocabulary: Vec::new(),
            entries: Vec::new(),
        };
        for (rel, stamp, terms) in entries {
            let terms = terms
                .iter()
                .map(|&(id, count)| {
                    let next = local.len() as u32;
                    let own = *local.entry(id).or_insert_with(|| {
                        let (stem, surface) = vocabulary.term(id);
                        body.vocabulary.push((stem.to_owned(), surface.to_owned()));
                        next
                    });
                    (own, (count * 2.0).round().min(f32::from(u16::MAX)) as u16)
                })
                .collect();
            body.entries.push(TermsEntry {
                rel: rel.to_vec(),
                stamp,
                terms,
            });
        }
        self.write(root, "terms", &body)
    }

    fn read(&self, root: &Path, kind: &str) -> Result<Option<Vec<u8>>, String> {
        match fs::read(self.file(root, kind)) {
            Ok(bytes) => Ok(Some(bytes)),
            Err(e) if e.kind() == std::io::ErrorKind::NotFound => Ok(None),
            Err(e) => Err(format!("cannot be read ({})", super::scan::io_reason(&e))),
        }
    }

    fn check_header<'b>(&self, bytes: &'b [u8]) -> Result<&'b [u8], String> {
        let (header, rest): (Header, _) = postcard::take_from_bytes(bytes).map_err(damaged)?;
        if header.magic != MAGIC {
            return Err(damaged("not a gazette index"));
        }
        if header.format != FORMAT || header.fingerprint != self.fingerprint {
            return Err("made by another version of gazette or with other reading options".into());
        }
        Ok(rest)
    }

    fn write(&self, root: &Path, kind: &str, body: &impl Serialize) -> Result<(), String> {
        let header = Header {
            magic: MAGIC,
            format: FORMAT,
            fingerprint: self.fingerprint.clone(),
        };
        let bytes = postcard::to_stdvec(&header).map_err(|e| e.to_string())?;
        let bytes = postcard::to_extend(body, bytes).map_err(|e| e.to_string())?;
        fs::create_dir_all(&self.dir).map_err(|e| {
            format!(
                "cannot make {}: {}",
                crate::safe_path(&self.dir),
                super::scan::io_reason(&e)
            )
        })?;
        crate::store::write_atomically(&self.file(root, kind), &bytes).map_err(|e| e.to_string())
    }
}

/// A `ListEntry` written without copying the summary.
#[derive(Serialize)]
struct Borrowed<'a> {
    rel: &'a [u8],
    stamp: Stamp,
    summary: &'a Summary,
}

fn damaged(e: impl std::fmt::Display) -> String {
    format!("damaged ({e})")
}
