//! The library: every article gazette can show, read from folders or from the bundled sample.

pub mod cache;
mod compact;
mod doc_terms;
pub mod index;
pub mod load;
pub mod query;
pub mod roots;
pub mod sample;
pub mod scan;
mod vocabulary;
mod words;

use std::collections::HashMap;
use std::fmt;
use std::fs::File;
use std::io::Read;
use std::path::{Path, PathBuf};
use std::sync::Arc;

use crate::article::{self, Article, Options, Summary};

/// Why one file of the library could not be shown.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct LoadError {
    pub path: PathBuf,
    pub message: String,
}

impl LoadError {
    pub fn new(path: &Path, message: impl Into<String>) -> Self {
        LoadError {
            path: path.to_path_buf(),
            message: message.into(),
        }
    }
}

impl fmt::Display for LoadError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "{}: {}", crate::safe_path(&self.path), self.message)
    }
}

/// The articles of a library, newest first, and what could not be read. Articles are held as
/// summaries; a whole article is read from its file when it is opened (`Opener`).
#[derive(Debug, Default, Clone)]
pub struct Library {
    pub articles: Vec<Arc<Summary>>,
    pub errors: Vec<LoadError>,
    /// Notes about files that were read with a guess (encoding).
    pub warnings: Vec<LoadError>,
}

/// Reads one article file, refusing files over the size cap without reading them whole.
pub fn read_file(path: &Path, options: &Options) -> Result<Article, String> {
    let cap = options.size_cap;
    let (file, meta) = open_regular(path).map_err(|e| crate::fs::io_reason(&e))?;
    if meta.len() > cap {
        return Err(format!(
            "too large ({} bytes; the cap is {} bytes)",
            meta.len(),
            cap
        ));
    }
    let mut bytes = Vec::with_capacity(meta.len() as usize);
    // The file may have grown since it was listed: read at most one byte past the cap.
    file.take(cap.saturating_add(1))
        .read_to_end(&mut bytes)
        .map_err(|e| crate::fs::io_reason(&e))?;
    if bytes.len() as u64 > cap {
        return Err(format!("too large (over the cap of {cap} bytes)"));
    }
    article::parse_with(path, &bytes, options).map_err(|e| e.to_string())
}

/// Opens a file for reading if it is a regular file. Anything else is refused with a reason
/// (`InvalidInput`): a named pipe would block forever, a device could be endless. The file is
/// opened without blocking and checked once open, so one swapped in meanwhile is refused too.
pub fn open_regular(path: &Path) -> std::io::Result<(File, std::fs::Metadata)> {
    use std::os::unix::fs::{FileTypeExt, OpenOptionsExt};
    let file = std::fs::OpenOptions::new()
        .read(true)
        .custom_flags(libc::O_NONBLOCK)
        .open(path)?;
    let meta = file.metadata()?;
    let kind = meta.file_type();
    let what = if kind.is_file() {
        return Ok((file, meta));
    } else if kind.is_dir() {
        "is a folder, not a file"
    } else if kind.is_fifo() {
        "is a named pipe, not a regular file"
    } else if kind.is_char_device() || kind.is_block_device() {
        "is a device, not a regular file"
    } else {
        "is not a regular file"
    };
    Err(std::io::Error::new(std::io::ErrorKind::InvalidInput, what))
}

/// Reads a whole regular file of at most `cap` bytes (config, state, imports): a pipe or a
/// device is refused (see `open_regular`), a larger file too, without reading it.
pub fn read_regular(path: &Path, cap: u64) -> std::io::Result<Vec<u8>> {
    let (file, meta) = open_regular(path)?;
    let too_large = || {
        std::io::Error::new(
            std::io::ErrorKind::InvalidData,
            format!("too large (over {} MiB)", cap / (1024 * 1024)),
        )
    };
    if meta.len() > cap {
        return Err(too_large());
    }
    let mut bytes = Vec::with_capacity(meta.len() as usize);
    file.take(cap.saturating_add(1)).read_to_end(&mut bytes)?;
    if bytes.len() as u64 > cap {
        return Err(too_large());
    }
    Ok(bytes)
}

/// Newest first, then by headline, then by path; undated articles last.
pub fn newest_first(a: &Summary, b: &Summary) -> std::cmp::Ordering {
    b.published
        .cmp(&a.published)
        .then_with(|| a.headline().cmp(b.headline()))
        .then_with(|| a.path().as_os_str().cmp(b.path().as_os_str()))
}

/// Reads whole articles when they are opened: from their files, or from memory for a library
/// held whole (the bundled sample, tests).
#[derive(Debug, Clone)]
pub enum Opener {
    Files(Options),
    Memory(Arc<HashMap<PathBuf, Arc<Article>>>),
}

impl Default for Opener {
    fn default() -> Self {
        Opener::Files(Options::default())
    }
}

impl Opener {
    pub fn open(&self, path: &Path) -> Result<Arc<Article>, String> {
        match self {
            Opener::Files(options) => read_file(path, options).map(Arc::new),
            Opener::Memory(articles) => articles
                .get(path)
                .cloned()
                .ok_or_else(|| "no longer in the library".into()),
        }
    }
}

/// A library held whole in memory: its summaries, its index, and an opener for its articles.
pub struct InMemory {
    pub library: Library,
    pub index: index::Index,
    pub opener: Opener,
}

impl Library {
    /// Reads every article under `roots` in parallel, collecting per-file errors (no cache).
    pub fn load(roots: &[PathBuf], options: &Options) -> Library {
        load::load(roots, options, None, false, None).library
    }

    /// The sample library compiled into the binary, as whole articles.
    pub fn bundled_articles() -> Vec<Article> {
        sample::FILES
            .iter()
            .map(|(name, bytes)| {
                let path = PathBuf::from(format!("sample/{name}"));
                article::parse(&path, bytes).expect("the bundled sample parses")
            })
            .collect()
    }

    /// The sample library compiled into the binary.
    pub fn bundled() -> InMemory {
        Library::in_memory(Library::bundled_articles())
    }

    /// A library of articles already read, indexed, sorted newest first.
    pub fn in_memory(articles: Vec<Article>) -> InMemory {
        let mut articles: Vec<(Summary, Arc<Article>)> = articles
            .into_iter()
            .map(|a| (a.summary(), Arc::new(a)))
            .collect();
        articles.sort_by(|a, b| newest_first(&a.0, &b.0));
        let index =
            index::Index::build(&articles.iter().map(|(_, a)| a.clone()).collect::<Vec<_>>());
        let mut library = Library::default();
        let mut bodies = HashMap::new();
        for (summary, article) in articles {
            for w in summary.warnings() {
                library
                    .warnings
                    .push(LoadError::new(summary.path(), w.clone()));
            }
            bodies.insert(summary.path().to_path_buf(), article);
            library.articles.push(Arc::new(summary));
        }
        InMemory {
            library,
            index,
            opener: Opener::Memory(Arc::new(bodies)),
        }
    }
}
