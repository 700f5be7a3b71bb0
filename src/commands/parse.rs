//! `gazette parse`: articles read as the reader reads them, printed for people or as JSON.

use std::io::{self, Write};
use std::path::PathBuf;

use serde_json::json;

use crate::article::{Article, Options};
use crate::library;
use crate::safe_path;

/// `gazette parse [--json] FILE...`: exit status 1 when any file could not be read.
pub fn parse(files: &[PathBuf], as_json: bool, options: &Options) -> io::Result<u8> {
    let mut out = io::stdout().lock();
    let mut status = 0;
    for path in files {
        match library::read_file(path, options) {
            Ok(article) => {
                for w in &article.warnings {
                    eprintln!("gazette: warning: {}: {w}", safe_path(path));
                }
                if as_json {
                    writeln!(out, "{}", parse_json(&article))?;
                } else {
                    write_readable(&mut out, &article)?;
                }
            }
            Err(message) => {
                eprintln!("gazette: {}: {message}", safe_path(path));
                status = 1;
            }
        }
    }
    Ok(status)
}

/// The `parse --json` object: exactly the documented keys.
pub fn parse_json(a: &Article) -> serde_json::Value {
    json!({
        "headline": a.headline,
        "dek": a.dek,
        "source": a.source,
        "url": a.url,
        "published": a.published.map(|d| d.to_string()),
        "authors": a.authors,
        "photo": a.photo,
        "paragraphs": a.paragraphs().collect::<Vec<_>>(),
        "quotes": a.quote_texts(),
        "credits": a.credits,
        "tags": a.tags,
        "related": a.related,
        "dropped": a.dropped,
    })
}

fn write_readable(out: &mut impl Write, a: &Article) -> io::Result<()> {
    writeln!(out, "{}", a.headline)?;
    // One `=` per column the headline takes (two for a CJK character), up to 78.
    let width = unicode_width::UnicodeWidthStr::width(a.headline.as_str());
    writeln!(out, "{}", "=".repeat(width.min(78)))?;
    let mut meta = Vec::new();
    if let Some(s) = &a.source {
        meta.push(s.clone());
    }
    if let Some(d) = a.published {
        meta.push(d.to_string());
    }
    if let Some(b) = a.byline() {
        meta.push(format!("by {b}"));
    }
    if !meta.is_empty() {
        writeln!(out, "{}", meta.join(" · "))?;
    }
    if let Some(d) = &a.dek {
        writeln!(out, "\n{d}")?;
    }
    if let Some(p) = &a.photo {
        writeln!(
            out,
            "\n[Photo] {}{}",
            p.caption,
            p.credit
                .as_ref()
                .map(|c| format!(" ({c})"))
                .unwrap_or_default()
        )?;
    }
    for block in &a.blocks {
        match block.kind {
            crate::article::BlockKind::Subhead => writeln!(out, "\n## {}", block.text)?,
            crate::article::BlockKind::Paragraph => {
                writeln!(out, "\n{}", textwrap::fill(&block.text, 78))?
            }
        }
    }
    for c in &a.credits {
        writeln!(out, "\n{}: {}", c.role, c.names.join(", "))?;
    }
    writeln!(out)?;
    Ok(())
}
