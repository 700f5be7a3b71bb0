//! `gazette bookmarks`: listing, exporting and importing bookmarks, under the store's lock.

use std::io::{self, Write};
use std::path::{Path, PathBuf};

use anyhow::Context;

use super::{clean, markdown, terminal_safe_json};
use crate::cli::{BookmarksCommand, ExportFormat};
use crate::config::Config;
use crate::library;
use crate::safe_path;
use crate::store::{self, Bookmark, State, Store};

fn open_store(state_dir: Option<PathBuf>, config: &Config) -> anyhow::Result<Store> {
    let dir =
        crate::reader::state_dir(state_dir, config).context("no state folder: give --state-dir")?;
    let store = Store::open(&dir)?;
    if let Some(n) = &store.notice {
        eprintln!("gazette: {n}");
    }
    Ok(store)
}

/// A state file from a newer gazette is left alone: its bookmarks cannot be shown or exported.
fn readable(store: &Store) -> anyhow::Result<()> {
    match store.newer() {
        Some(found) => Err(store::StoreError::TooNew {
            path: safe_path(&store.path()),
            found,
        }
        .into()),
        None => Ok(()),
    }
}

/// Bookmarks, newest first.
fn sorted_bookmarks(state: &State) -> Vec<(&crate::article::ArticleId, &Bookmark)> {
    let mut all: Vec<_> = state.bookmarks.iter().collect();
    all.sort_by(|a, b| {
        b.1.created
            .cmp(&a.1.created)
            .then_with(|| a.1.headline.cmp(&b.1.headline))
    });
    all
}

/// `gazette bookmarks [--json]`, `... export`, `... import`.
pub fn bookmarks(
    action: Option<BookmarksCommand>,
    as_json: bool,
    state_dir: Option<PathBuf>,
    config: &Config,
) -> anyhow::Result<u8> {
    let mut store = open_store(state_dir, config)?;
    if !matches!(action, Some(BookmarksCommand::Import { .. })) {
        readable(&store)?;
    }
    match action {
        None => {
            let mut out = io::BufWriter::new(io::stdout().lock());
            for (id, b) in sorted_bookmarks(&store.state) {
                if as_json {
                    // The path as stored, naming the file (see `terminal_safe_json`).
                    let line = serde_json::json!({"id": clean(&id.0), "headline": clean(&b.headline), "source": b.source.as_deref().map(clean), "published": b.published.as_deref().map(clean), "path": b.path, "url": b.url.as_deref().map(clean), "created": b.created});
                    writeln!(out, "{}", terminal_safe_json(&line.to_string()))?;
                } else {
                    let missing = if b.path.starts_with("sample/") || Path::new(&b.path).exists() {
                        ""
                    } else {
                        "  (file missing)"
                    };
                    writeln!(
                        out,
                        "{}  {}  {}  {}{missing}",
                        clean(b.published.as_deref().unwrap_or("----------")),
                        clean(b.source.as_deref().unwrap_or("-")),
                        clean(&b.headline),
                        clean(b.url.as_deref().unwrap_or(&b.path))
                    )?;
                }
            }
            out.flush()?;
        }
        Some(BookmarksCommand::Export { format, output }) => {
            let text = match format {
                ExportFormat::Json => {
                    terminal_safe_json(&serde_json::to_string_pretty(
                        &State {
                            version: store::VERSION,
                            bookmarks: store.state.bookmarks.clone(),
                            read: Default::default(),
                        }
                        .cleaned(),
                    )?) + "\n"
                }
                ExportFormat::Markdown => {
                    let mut md = String::from("# Bookmarks\n\n");
                    for (_, b) in sorted_bookmarks(&store.state) {
                        let meta: Vec<String> = [b.source.clone(), b.published.clone()]
                            .into_iter()
                            .flatten()
                            .map(|s| markdown::text(&clean(&s)))
                            .collect();
                        let link = markdown::address(&clean(b.url.as_deref().unwrap_or(&b.path)));
                        md += &format!(
                            "- **{}**{} — {link}\n",
                            markdown::text(&clean(&b.headline)),
                            if meta.is_empty() {
                                String::new()
                            } else {
                                format!(" ({})", meta.join(", "))
                            }
                        );
                    }
                    md
                }
            };
            match output {
                Some(path) => crate::fs::write_output(&path, text.as_bytes())?,
                None => io::stdout().lock().write_all(text.as_bytes())?,
            }
        }
        Some(BookmarksCommand::Import { file }) => {
            let bytes = library::read_regular(&file, store::MAX_BYTES).map_err(|e| {
                anyhow::anyhow!("{}: {}", safe_path(&file), crate::fs::io_reason(&e))
            })?;
            let incoming: State = serde_json::from_slice(&bytes).map_err(|e| {
                let e = e.to_string().replace("struct State", "an export object");
                anyhow::anyhow!("{}: not a gazette bookmarks export: {e}", safe_path(&file))
            })?;
            if incoming.version > store::VERSION {
                anyhow::bail!(
                    "{}: written by a newer gazette (format version {})",
                    safe_path(&file),
                    incoming.version
                );
            }
            let added = store.merge(incoming)?;
            eprintln!("gazette: {added} bookmark(s) added");
        }
    }
    Ok(0)
}
