//! The library commands: `list` (and `list --errors`), `search` and `related`, with the
//! library loaded as the reader loads it and what could not be read reported on stderr.

use std::io::{self, Write};
use std::path::{Path, PathBuf};

use anyhow::Context;
use serde_json::json;

use super::{real_path, terminal_safe_json};
use crate::article::{Options, Summary};
use crate::library::cache::Cache;
use crate::library::index::{self, Index};
use crate::library::query::Query;
use crate::library::{self, Library, load};
use crate::safe_path;
use crate::store::{Marks, Store};

/// The library's summaries (no index), reporting unreadable files and cache notices.
fn load_library(dirs: &[PathBuf], options: &Options, cache: Option<&Cache>) -> Library {
    let library = summaries(dirs, options, cache);
    report(&library);
    library
}

/// The library's summaries (the bundled sample when no folder is given), with the cache's
/// notices said.
fn summaries(dirs: &[PathBuf], options: &Options, cache: Option<&Cache>) -> Library {
    if dirs.is_empty() {
        return Library::bundled().library;
    }
    let loaded = load::load(dirs, options, cache, false, None);
    notify(&loaded.notices);
    loaded.library
}

/// The library with its search and related-articles index.
fn load_indexed(dirs: &[PathBuf], options: &Options, cache: Option<&Cache>) -> (Library, Index) {
    let (library, index) = if dirs.is_empty() {
        let m = Library::bundled();
        (m.library, m.index)
    } else {
        let loaded = load::load(dirs, options, cache, true, None);
        notify(&loaded.notices);
        (loaded.library, loaded.index.unwrap_or_default())
    };
    report(&library);
    (library, index)
}

fn notify(notices: &[String]) {
    for n in notices {
        eprintln!("gazette: {n}");
    }
}

/// `gazette list [--json] [DIR...]`.
pub fn list(
    dirs: &[PathBuf],
    as_json: bool,
    options: &Options,
    cache: Option<&Cache>,
) -> io::Result<u8> {
    let library = load_library(dirs, options, cache);
    let mut out = io::BufWriter::new(io::stdout().lock());
    for a in &library.articles {
        if as_json {
            let line = json!({
                "id": a.id,
                "path": real_path(a.path()),
                "headline": a.headline(),
                "source": a.source(),
                "published": a.published.map(|d| d.to_string()),
                "authors": a.authors().collect::<Vec<_>>(),
            });
            writeln!(out, "{}", terminal_safe_json(&line.to_string()))?;
        } else {
            let date = a
                .published
                .map(|d| d.to_string())
                .unwrap_or_else(|| "----------".into());
            let source = a.source().unwrap_or("-");
            writeln!(
                out,
                "{date}  {source}  {}  {}",
                a.headline(),
                safe_path(a.path())
            )?;
        }
    }
    out.flush()?;
    let status = status_of(&library);
    // The process ends here: freeing 100,000 summaries one by one would cost more than
    // letting the system reclaim the memory.
    std::mem::forget(library);
    Ok(status)
}

/// 1 when something in the library could not be read (a folder, a file), as `parse` does: the
/// rest is still listed.
fn status_of(library: &Library) -> u8 {
    u8::from(!library.errors.is_empty())
}

/// `gazette list --errors [--json] [DIR...]`: every file that could not be read, one a line
/// (the reader's status bar has room for the first only; its `e` lists them all too).
pub fn list_errors(
    dirs: &[PathBuf],
    as_json: bool,
    options: &Options,
    cache: Option<&Cache>,
) -> io::Result<u8> {
    let library = summaries(dirs, options, cache);
    let clean_line = crate::article::hygiene::clean_line;
    let mut out = io::BufWriter::new(io::stdout().lock());
    for e in &library.errors {
        if as_json {
            let line = json!({"path": real_path(&e.path), "error": clean_line(&e.message)});
            writeln!(out, "{}", terminal_safe_json(&line.to_string()))?;
        } else {
            writeln!(out, "{}: {}", safe_path(&e.path), clean_line(&e.message))?;
        }
    }
    out.flush()?;
    Ok(0)
}

/// Per-file errors and warnings on stderr.
pub fn report(library: &Library) {
    for e in &library.errors {
        eprintln!("gazette: {e}");
    }
    for w in &library.warnings {
        eprintln!("gazette: warning: {w}");
    }
}

fn date_of(a: &Summary) -> String {
    a.published
        .map(|d| d.to_string())
        .unwrap_or_else(|| "----------".into())
}

/// `gazette search QUERY`: the reader's search, ranked, from the command line. The `is:`
/// filters read the marks in `state_dir` (read only, as they are on disk).
pub fn search(
    text: &str,
    dirs: &[PathBuf],
    as_json: bool,
    state_dir: Option<&Path>,
    options: &Options,
    cache: Option<&Cache>,
) -> anyhow::Result<u8> {
    let query = Query::parse(text).map_err(|e| anyhow::anyhow!("bad query: {e}"))?;
    // Only a query that filters on marks reads them.
    let marks = if query.bookmarked || query.unread {
        let dir = state_dir.context("no state folder for is: filters: give --state-dir")?;
        let state = Store::peek(dir)?;
        Marks::new(
            state.bookmarks.into_keys().collect(),
            state.read.into_iter().collect(),
        )
    } else {
        Marks::default()
    };
    let ignored = index::ignored(&query.words);
    if !ignored.is_empty() {
        eprintln!(
            "gazette: left out of the search: {}",
            crate::article::hygiene::clean_line(&ignored.join(", "))
        );
    }
    let (library, index) = load_indexed(dirs, options, cache);
    let hits: Vec<usize> = if query.words.is_empty() {
        (0..library.articles.len()).collect()
    } else {
        index.search(&query.words)
    };
    let mut out = io::BufWriter::new(io::stdout().lock());
    for i in hits.into_iter().filter(|&i| {
        let a = &library.articles[i];
        query.admits(
            a,
            marks.bookmarks.contains(&a.id),
            marks.read.contains(&a.id),
        )
    }) {
        let a = &library.articles[i];
        if as_json {
            let line = json!({"id": a.id, "path": real_path(a.path()), "headline": a.headline(), "source": a.source(), "published": a.published.map(|d| d.to_string())});
            writeln!(out, "{}", terminal_safe_json(&line.to_string()))?;
        } else {
            writeln!(
                out,
                "{}  {}  {}  {}",
                date_of(a),
                a.source().unwrap_or("-"),
                a.headline(),
                safe_path(a.path())
            )?;
        }
    }
    out.flush()?;
    Ok(status_of(&library))
}

/// `gazette related FILE`: FILE's related articles in the library, with scores.
pub fn related(
    file: &Path,
    dirs: &[PathBuf],
    as_json: bool,
    n: usize,
    options: &Options,
    cache: Option<&Cache>,
) -> anyhow::Result<u8> {
    let article = library::read_file(file, options)
        .map_err(|e| anyhow::anyhow!("{}: {e}", safe_path(file)))?;
    let id = article.id.clone();
    // FILE is compared with the library: read with it (if it is in the library too, its copy
    // there is never listed as related: same headline).
    let (library, index) = if dirs.is_empty() {
        let mut articles = Library::bundled_articles();
        if !articles.iter().any(|a| a.id == article.id) {
            articles.push(article);
        }
        let m = Library::in_memory(articles);
        (m.library, m.index)
    } else {
        let mut roots = dirs.to_vec();
        roots.push(file.to_path_buf());
        load_indexed(&roots, options, cache)
    };
    let doc = library
        .articles
        .iter()
        .position(|a| a.path() == file)
        .or_else(|| library.articles.iter().position(|a| a.id == id))
        .context("FILE is not in the library")?;
    let mut out = io::BufWriter::new(io::stdout().lock());
    for r in index::related(&index, &library.articles, doc, n) {
        let a = &library.articles[r.doc];
        if as_json {
            let line = json!({"path": real_path(a.path()), "headline": a.headline(), "score": r.score, "explicit": r.explicit, "why": r.why});
            writeln!(out, "{}", terminal_safe_json(&line.to_string()))?;
        } else {
            writeln!(
                out,
                "{:.3}  {}  {}  ({})",
                r.score,
                a.headline(),
                safe_path(a.path()),
                r.why.join(", ")
            )?;
        }
    }
    out.flush()?;
    Ok(0)
}
