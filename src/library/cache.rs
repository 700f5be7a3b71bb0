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
use std::ffi::OsStr;
use std::fs;
use std::io::Write;
use std::os::unix::ffi::OsStrExt;
use std::path::{Path, PathBuf};
use std::sync::Arc;
use std::time::UNIX_EPOCH;

use rayon::prelude::*;
use serde::{Deserialize, Serialize};

use super::index::{Terms, Vocabulary};
use crate::article::{Options, Summary};

/// Bumped whenever what is stored, or how articles are read, changes.
// 5: ids of articles without a url come from their text, not their headline.
// 6: saved web pages (.html) are articles.
// 7: Chinese and Japanese text is indexed by character bigrams.
// 8: the terms file in chunks, read one at a time.
// 9: page dumps: bylines by their structure (a marker alone above the names, a section's label
//    before them, a role after each, a name standing twice under the title).
// 10: saved pages: authors from every author <meta>, bylines near the first, captions in figures.
// 11: line breaks by other names (vertical tab, form feed, NEL, U+2028, U+2029) are breaks;
//     a bad front matter or JSON field is left out, not the article; a stray NUL is no binary;
//     every chunk carries a checksum; headlines are cut at 300 characters.
const FORMAT: u32 = 11;
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
    /// The gazette version and build and the reading options: a change to any may change what
    /// a file reads as.
    fingerprint: String,
}

/// One file's summary in the cache.
#[derive(Serialize, Deserialize)]
struct ListEntry<'a> {
    /// The path below the library folder, as bytes (file names need not be UTF-8), borrowed
    /// from the file's bytes while decoding.
    #[serde(borrow, with = "bytes")]
    rel: &'a [u8],
    stamp: Stamp,
    summary: Summary,
}

/// A cached summary, its path set.
pub struct Listed {
    pub stamp: Stamp,
    pub summary: Arc<Summary>,
}

#[derive(Serialize, Deserialize)]
struct TermsEntry<'a> {
    #[serde(borrow, with = "bytes")]
    rel: &'a [u8],
    stamp: Stamp,
    /// (term, count x 2): counts are multiples of one half (names count 1.5), so exact.
    terms: Vec<(u32, u16)>,
}

/// The start of a terms file, after its header; then come `chunks` chunks of entries.
#[derive(Serialize, Deserialize)]
struct TermsHead<'a> {
    /// (stem, readable form) of each term id, borrowed from the file's bytes while decoding.
    #[serde(borrow)]
    vocabulary: Vec<(&'a str, &'a str)>,
    chunks: u64,
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
        // A new build of gazette may read articles differently, whatever its version says:
        // the program file's size and time stand for the build.
        let build = std::env::current_exe()
            .and_then(fs::metadata)
            .map(|m| {
                let modified = m
                    .modified()
                    .ok()
                    .and_then(|t| t.duration_since(UNIX_EPOCH).ok());
                format!("{}:{}", m.len(), modified.map_or(0, |d| d.as_nanos()))
            })
            .unwrap_or_default();
        let fingerprint = format!(
            "{} {build} {} {:?} {:?} {:?}",
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

    /// The cached summaries of `root`'s files, newest first, their paths set. `Ok(None)`: no
    /// cache yet. `Err`: a cache that cannot be used, and why (the caller says it is rebuilt).
    pub fn load_list(&self, root: &Path) -> Result<Option<Vec<Listed>>, String> {
        let Some(bytes) = self.read(root, "list")? else {
            return Ok(None);
        };
        let rest = self.check_header(&bytes)?;
        // Decoded in parallel, chunk by chunk: this is most of a warm start's work.
        let chunks: Vec<Vec<Listed>> = unframe(rest)?
            .into_par_iter()
            .map(|chunk| {
                let entries: Vec<ListEntry> = postcard::from_bytes(chunk).map_err(damaged)?;
                Ok(entries
                    .into_iter()
                    .map(|e| Listed {
                        stamp: e.stamp,
                        summary: {
                            let mut summary = e.summary;
                            summary.set_path(root.join(OsStr::from_bytes(e.rel)));
                            Arc::new(summary)
                        },
                    })
                    .collect())
            })
            .collect::<Result<_, String>>()?;
        Ok(Some(chunks.into_iter().flatten().collect()))
    }

    /// Gives `each` the cached terms of each of `root`'s files: the path below `root`, the
    /// file's stamp, and its (term id, count) pairs in `vocabulary`'s ids. `Ok(false)`: no
    /// cache yet. On an error (a cache that cannot be used), what `each` was given must be
    /// forgotten.
    ///
    /// The file is read a chunk at a time, never whole: at 100,000 articles its terms are
    /// tens of megabytes, which would otherwise sit beside the index being built from them.
    pub fn load_terms(
        &self,
        root: &Path,
        vocabulary: &mut Vocabulary,
        mut each: impl FnMut(&[u8], Stamp, Vec<(u32, f32)>),
    ) -> Result<bool, String> {
        let file = match fs::File::open(self.file(root, "terms")) {
            Ok(file) => file,
            Err(e) if e.kind() == std::io::ErrorKind::NotFound => return Ok(false),
            Err(e) => return Err(format!("cannot be read ({})", crate::fs::io_reason(&e))),
        };
        let size = file.metadata().map_or(0, |m| m.len());
        let mut reader = std::io::BufReader::new(file);
        // The header's fingerprint is decoded through this buffer; its pages are only
        // touched as far as the fingerprint goes.
        let mut scratch = vec![0u8; usize::try_from(size).unwrap_or(usize::MAX).min(1 << 24)];
        let (header, _): (Header, _) =
            postcard::from_io((&mut reader, &mut scratch[..])).map_err(damaged)?;
        drop(scratch);
        self.check(&header)?;
        let mut frame = Vec::new();
        let head: TermsHead =
            postcard::from_bytes(read_frame(&mut reader, size, &mut frame)?).map_err(damaged)?;
        let ids: Vec<u32> = head
            .vocabulary
            .iter()
            .map(|(stem, surface)| vocabulary.add_term(stem, surface))
            .collect();
        for _ in 0..head.chunks {
            let entries: Vec<TermsEntry> =
                postcard::from_bytes(read_frame(&mut reader, size, &mut frame)?)
                    .map_err(damaged)?;
            for e in entries {
                let terms = e
                    .terms
                    .into_iter()
                    .map(|(id, count)| {
                        let id = *ids
                            .get(id as usize)
                            .ok_or_else(|| damaged("a term out of range"))?;
                        Ok((id, f32::from(count) / 2.0))
                    })
                    .collect::<Result<_, String>>()?;
                each(e.rel, e.stamp, terms);
            }
        }
        let more = std::io::Read::read(&mut reader, &mut [0])
            .map_err(|e| format!("cannot be read ({})", crate::fs::io_reason(&e)))?;
        if more != 0 {
            return Err(damaged("more than its chunks"));
        }
        Ok(true)
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
        // Chunks one after another, each after its length (8 bytes, little-endian).
        let header = self.header()?;
        self.write_file(root, "list", |out| {
            out.write_all(&header)?;
            let mut buffer = Vec::new();
            for chunk in entries.chunks(LIST_CHUNK) {
                write_frame(out, &mut buffer, chunk)?;
            }
            Ok(())
        })
    }

    /// Replaces `root`'s cached terms. Only the terms its entries use are written.
    pub fn save_terms<'a>(
        &self,
        root: &Path,
        vocabulary: &Vocabulary,
        entries: impl Iterator<Item = (&'a [u8], Stamp, Terms<'a>)>,
    ) -> Result<(), String> {
        let entries: Vec<_> = entries.collect();
        // Library-wide ids become this folder's own, numbered from 0.
        let mut local: HashMap<u32, u32> = HashMap::new();
        let mut head = TermsHead {
            vocabulary: Vec::new(),
            chunks: entries.len().div_ceil(TERMS_CHUNK) as u64,
        };
        for (_, _, terms) in &entries {
            for (id, _) in terms.iter() {
                let next = local.len() as u32;
                local.entry(id).or_insert_with(|| {
                    head.vocabulary.push(vocabulary.term(id));
                    next
                });
            }
        }
        let header = self.header()?;
        // Written a chunk at a time: at 100,000 articles the file is some 40 MB, which would
        // otherwise be held whole beside the index.
        self.write_file(root, "terms", |out| {
            out.write_all(&header)?;
            let mut buffer = Vec::new();
            write_frame(out, &mut buffer, &head)?;
            for chunk in entries.chunks(TERMS_CHUNK) {
                let chunk: Vec<TermsEntry> = chunk
                    .iter()
                    .map(|&(rel, stamp, terms)| TermsEntry {
                        rel,
                        stamp,
                        terms: terms
                            .iter()
                            .map(|(id, count)| {
                                let halves = (count * 2.0).round().min(f32::from(u16::MAX)) as u16;
                                (local[&id], halves)
                            })
                            .collect(),
                    })
                    .collect();
                write_frame(out, &mut buffer, &chunk)?;
            }
            Ok(())
        })
    }

    fn read(&self, root: &Path, kind: &str) -> Result<Option<Vec<u8>>, String> {
        match fs::read(self.file(root, kind)) {
            Ok(bytes) => Ok(Some(bytes)),
            Err(e) if e.kind() == std::io::ErrorKind::NotFound => Ok(None),
            Err(e) => Err(format!("cannot be read ({})", crate::fs::io_reason(&e))),
        }
    }

    fn check_header<'b>(&self, bytes: &'b [u8]) -> Result<&'b [u8], String> {
        let (header, rest): (Header, _) = postcard::take_from_bytes(bytes).map_err(damaged)?;
        self.check(&header)?;
        Ok(rest)
    }

    fn check(&self, header: &Header) -> Result<(), String> {
        if header.magic != MAGIC {
            return Err(damaged("not a gazette index"));
        }
        if header.format != FORMAT || header.fingerprint != self.fingerprint {
            return Err(
                "made by another version or build of gazette, or with other reading options".into(),
            );
        }
        Ok(())
    }

    fn header(&self) -> Result<Vec<u8>, String> {
        let header = Header {
            magic: MAGIC,
            format: FORMAT,
            fingerprint: self.fingerprint.clone(),
        };
        postcard::to_stdvec(&header).map_err(|e| e.to_string())
    }

    fn write_file(
        &self,
        root: &Path,
        kind: &str,
        write: impl FnOnce(&mut dyn Write) -> std::io::Result<()>,
    ) -> Result<(), String> {
        fs::create_dir_all(&self.dir).map_err(|e| {
            format!(
                "cannot make {}: {}",
                crate::safe_path(&self.dir),
                crate::fs::io_reason(&e)
            )
        })?;
        crate::fs::write_atomically_with(&self.file(root, kind), write).map_err(|e| e.to_string())
    }
}

/// Paths as byte strings (a length, then the bytes), which decode without a copy.
mod bytes {
    pub fn serialize<S: serde::Serializer>(bytes: &[u8], s: S) -> Result<S::Ok, S::Error> {
        s.serialize_bytes(bytes)
    }

    pub fn deserialize<'de, D: serde::Deserializer<'de>>(d: D) -> Result<&'de [u8], D::Error> {
        serde::Deserialize::deserialize(d)
    }
}

/// A `ListEntry` written without copying the summary.
#[derive(Serialize)]
struct Borrowed<'a> {
    #[serde(with = "bytes")]
    rel: &'a [u8],
    stamp: Stamp,
    summary: &'a Summary,
}

/// Summaries per independently decoded chunk of the list file.
const LIST_CHUNK: usize = 8192;

/// Files' terms per chunk of a terms file.
const TERMS_CHUNK: usize = 1024;

/// Writes `value` as one chunk: its length and its checksum (8 bytes each, little-endian),
/// then it, encoded in `buffer` (kept from chunk to chunk). The checksum finds the damage a
/// length cannot (a changed byte in a headline would otherwise be shown as it is).
fn write_frame(
    out: &mut dyn Write,
    buffer: &mut Vec<u8>,
    value: &(impl Serialize + ?Sized),
) -> std::io::Result<()> {
    buffer.clear();
    *buffer = postcard::to_extend(value, std::mem::take(buffer)).map_err(std::io::Error::other)?;
    out.write_all(&(buffer.len() as u64).to_le_bytes())?;
    out.write_all(&checksum(buffer).to_le_bytes())?;
    out.write_all(buffer)
}

fn checksum(bytes: &[u8]) -> u64 {
    xxhash_rust::xxh3::xxh3_64(bytes)
}

/// A chunk's bytes if its checksum is theirs.
fn checked(sum: [u8; 8], chunk: &[u8]) -> Result<&[u8], String> {
    if u64::from_le_bytes(sum) == checksum(chunk) {
        Ok(chunk)
    } else {
        Err(damaged("a chunk does not match its checksum"))
    }
}

/// The next chunk of a file of `size` bytes, read into `buffer`.
fn read_frame<'b>(
    reader: &mut impl std::io::Read,
    size: u64,
    buffer: &'b mut Vec<u8>,
) -> Result<&'b [u8], String> {
    let cut = |_| damaged("cut short");
    let (mut len, mut sum) = ([0; 8], [0; 8]);
    reader.read_exact(&mut len).map_err(cut)?;
    reader.read_exact(&mut sum).map_err(cut)?;
    let len = u64::from_le_bytes(len);
    if len > size {
        return Err(damaged("cut short"));
    }
    buffer.resize(len as usize, 0);
    reader.read_exact(buffer).map_err(cut)?;
    checked(sum, buffer)
}

/// The chunks of a list file's body.
fn unframe(mut bytes: &[u8]) -> Result<Vec<&[u8]>, String> {
    let mut chunks = Vec::new();
    while !bytes.is_empty() {
        let (len, rest) = bytes
            .split_first_chunk::<8>()
            .ok_or_else(|| damaged("cut short"))?;
        let (sum, rest) = rest
            .split_first_chunk::<8>()
            .ok_or_else(|| damaged("cut short"))?;
        let len = usize::try_from(u64::from_le_bytes(*len)).unwrap_or(usize::MAX);
        if len > rest.len() {
            return Err(damaged("cut short"));
        }
        chunks.push(checked(*sum, &rest[..len])?);
        bytes = &rest[len..];
    }
    Ok(chunks)
}

fn damaged(e: impl std::fmt::Display) -> String {
    format!("damaged ({e})")
}
