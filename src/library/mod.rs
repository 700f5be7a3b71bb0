//! The library: every article gazette can show, read from folders or from the bundled sample.

pub mod index;
pub mod query;
pub mod sample;
pub mod scan;

use std::fmt;
use std::fs::File;
use std::io::Read;
use std::path::{Path, PathBuf};
use std::sync::Arc;

use rayon::prelude::*;

use crate::article::{self, Article, Options};
pub use scan::Found;

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

/// The articles of a library, newest first, and what could not be read.
#[derive(Debug, Default, Clone)]
pub struct Library {
    pub articles: Vec<Arc<Article>>,
    pub errors: Vec<LoadError>,
    /// Notes about files that were read with a guess (encoding).
    pub warnings: Vec<LoadError>,
}

/// Reads one article file, refusing files over the size cap without reading them whole.
pub fn read_file(path: &Path, options: &Options) -> Result<Article, String> {
    let cap = options.size_cap;
    let file = File::open(path).map_err(|e| scan::io_reason(&e))?;
    let meta = file.metadata().map_err(|e| scan::io_reason(&e))?;
    if meta.is_dir() {
        return Err("is a folder, not a file".into());
    }
    if meta.len() > cap {
        return Err(format!(
            "too large ({} bytes; the cap is {} bytes)",
            meta.len(),
            cap
        ));
    }
    let mut bytes = Vec::with_capacity(meta.len() as usize);
    // The file may have grown since it was listed: read at most one byte past the cap.
    file.take(cap + 1)
        .read_to_end(&mut bytes)
        .map_err(|e| scan::io_reason(&e))?;
    if bytes.len() as u64 > cap {
        return Err(format!("too large (over the cap of {cap} bytes)"));
    }
    article::parse_with(path, &bytes, options).map_err(|e| e.to_string())
}

impl Library {
    /// Reads every article under `roots` in parallel, collecting per-file errors.
    pub fn load(roots: &[PathBuf], options: &Options) -> Library {
        let (found, mut errors) = scan::scan(roots);
        let paths: Vec<PathBuf> = found.into_iter().map(|f| f.path).collect();
        let mut library = Library::from_results(
            paths
                .par_iter()
                .map(|p| (p.clone(), read_file(p, options)))
                .collect(),
        );
        errors.append(&mut library.errors);
        library.errors = errors;
        library
    }

    /// The sample library compiled into the binary.
    pub fn bundled() -> Library {
        Library::from_results(
            sample::FILES
                .iter()
                .map(|(name, bytes)| {
                    let path = PathBuf::from(format!("sample/{name}"));
                    let result = article::parse(&path, bytes).map_err(|e| e.to_string());
                    (path, result)
                })
                .collect(),
        )
    }

    pub fn from_results(results: Vec<(PathBuf, Result<Article, String>)>) -> Library {
        let mut library = Library::default();
        for (path, result) in results {
            match result {
                Ok(article) => {
                    for w in &article.warnings {
                        library.warnings.push(LoadError::new(&path, w.clone()));
                    }
                    library.articles.push(Arc::new(article));
                }
                Err(message) => library.errors.push(LoadError { path, message }),
            }
        }
        library.sort();
        library
    }

    /// Newest first, then by headline; undated articles last.
    pub fn sort(&mut self) {
        self.articles.sort_by(|a, b| {
            b.published
                .cmp(&a.published)
                .then_with(|| a.headline.cmp(&b.headline))
                .then_with(|| a.path.cmp(&b.path))
        });
    }
}
