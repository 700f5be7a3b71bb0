//! A fetched page made ready for the library: read by the saved-page reader, its address and
//! what a reading list knew about it (title, tags, date) written into its head as standard
//! metadata where the page lacks them, and a file name chosen for it. Everything else of the
//! page is kept byte for byte, so a better reader can read it again later.

use std::path::Path;

use chrono::{DateTime, Utc};

use super::lists::Entry;
use crate::article::hygiene::clean_line;
use crate::article::{self, Article, BlockKind, Options};

/// The marker put in every saved page's head: the address it was saved from.
pub const URL_META: &str = "gazette:url";

/// Is this answer a web page? By its content type when the server gives one, else by a look
/// at its first bytes.
pub fn is_html(content_type: Option<&str>, body: &[u8]) -> bool {
    if let Some(ct) = content_type {
        let ct = ct.to_ascii_lowercase();
        return ct.contains("text/html") || ct.contains("xhtml");
    }
    let head = String::from_utf8_lossy(&body[..body.len().min(1024)]).to_ascii_lowercase();
    ["<!doctype html", "<html", "<head", "<body"]
        .iter()
        .any(|t| head.contains(t))
}

/// Reads a page's bytes as the library would read a saved `.html` file.
pub fn read(bytes: &[u8], options: &Options) -> Result<Article, article::ParseError> {
    article::parse_with(Path::new("page.html"), bytes, options)
}

/// The page with its address and the list's facts added to its head, where `first` (the page
/// as read before) lacks them. `tags` from the command line are always added.
pub fn annotate(
    page: &[u8],
    url: &str,
    first: &Article,
    entry: &Entry,
    tags: &[String],
) -> Vec<u8> {
    // Pages in UTF-16 cannot take ASCII markup: they are kept as they came (the index still
    // knows their address).
    if page.starts_with(&[0xff, 0xfe]) || page.starts_with(&[0xfe, 0xff]) {
        return page.to_vec();
    }
    let mut head = String::new();
    head += &meta("name", URL_META, url);
    if first.url.is_none() {
        head += &format!("<link rel=\"canonical\" href=\"{}\">\n", attr(url));
    }
    if let Some(title) = entry.title.as_deref().filter(|_| lacks_headline(first)) {
        head += &meta("property", "og:title", title);
    }
    if let Some(added) = entry.added.filter(|_| first.published.is_none()) {
        head += &meta("property", "article:published_time", &rfc3339(added));
    }
    let mut all_tags: Vec<String> = Vec::new();
    if !tags.is_empty() || first.tags.is_empty() {
        // article:tag replaces the page's keywords for the reader: keep the page's own too.
        let from_list = if first.tags.is_empty() {
            &entry.tags[..]
        } else {
            &[]
        };
        for t in first.tags.iter().chain(from_list).chain(tags) {
            let t = clean_line(t);
            if !t.is_empty() && !all_tags.iter().any(|a| a.eq_ignore_ascii_case(&t)) {
                all_tags.push(t);
            }
        }
    }
    for t in &all_tags {
        head += &meta("property", "article:tag", t);
    }
    let at = insertion_point(page);
    let mut out = Vec::with_capacity(page.len() + head.len());
    out.extend_from_slice(&page[..at]);
    out.extend_from_slice(head.as_bytes());
    out.extend_from_slice(&page[at..]);
    out
}

/// The reader found no headline of the page's own: none, or its first paragraph standing in.
fn lacks_headline(first: &Article) -> bool {
    let h = first.headline.trim();
    h.is_empty()
        || first
            .blocks
            .iter()
            .find(|b| b.kind == BlockKind::Paragraph)
            .is_some_and(|b| b.text.trim() == h)
}

/// Just before `</head>`, else just after `<html ...>`, else the very start: the page's
/// `<meta charset>` stays where a browser looks for it.
fn insertion_point(page: &[u8]) -> usize {
    let lower: Vec<u8> = page.iter().map(u8::to_ascii_lowercase).collect();
    if let Some(i) = find(&lower, b"</head") {
        return i;
    }
    if let Some(i) = find(&lower, b"<html")
        && let Some(end) = lower[i..].iter().position(|&b| b == b'>')
    {
        return i + end + 1;
    }
    0
}

fn find(hay: &[u8], needle: &[u8]) -> Option<usize> {
    hay.windows(needle.len()).position(|w| w == needle)
}

fn meta(kind: &str, name: &str, content: &str) -> String {
    format!("<meta {kind}=\"{name}\" content=\"{}\">\n", attr(content))
}

/// An attribute value in ASCII only (other characters as references), so it reads the same
/// in whatever encoding the page is in.
fn attr(text: &str) -> String {
    let mut out = String::new();
    for c in clean_line(text).chars() {
        match c {
            '&' => out += "&amp;",
            '"' => out += "&quot;",
            '<' => out += "&lt;",
            '>' => out += "&gt;",
            c if c.is_ascii() => out.push(c),
            c => out += &format!("&#x{:x};", c as u32),
        }
    }
    out
}

fn rfc3339(d: DateTime<Utc>) -> String {
    d.to_rfc3339_opts(chrono::SecondsFormat::Secs, true)
}

/// The address a saved file was saved from, from its marker.
pub fn saved_url(page: &[u8]) -> Option<String> {
    let marker = format!("<meta name=\"{URL_META}\" content=\"");
    let text = String::from_utf8_lossy(page);
    let start = text.find(&marker)? + marker.len();
    let end = text[start..].find('"')? + start;
    Some(crate::feeds::html_text::decode_entities(&text[start..end]))
}

/// `<date>-<slug>.html`: the page's date, else the day it was added to the list, else today;
/// the slug from the headline, else the list's title, else the address.
pub fn file_stem(article: &Article, entry: &Entry, now: DateTime<Utc>) -> String {
    let date = article
        .published
        .map(|d| format!("{:04}-{:02}-{:02}", d.year, d.month, d.day))
        .unwrap_or_else(|| entry.added.unwrap_or(now).format("%Y-%m-%d").to_string());
    let title = Some(article.headline.as_str())
        .filter(|h| !h.trim().is_empty())
        .or(entry.title.as_deref())
        .unwrap_or(&entry.url);
    format!("{date}-{}", crate::feeds::files::slug(title))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_head_gets_what_the_page_lacks() {
        let page = b"<html><head><meta charset=\"utf-8\"><title>T</title></head><body><p>x</p></body></html>";
        let entry = Entry {
            url: "http://127.0.0.1/a".into(),
            title: Some("Caf\u{e9} \"news\"".into()),
            tags: vec!["from list".into()],
            added: DateTime::from_timestamp(1_700_000_000, 0),
        };
        let first = Article {
            blocks: vec![article::Block {
                kind: BlockKind::Paragraph,
                text: "x".into(),
            }],
            headline: "x".into(),
            ..Article::default()
        };
        let out = String::from_utf8(annotate(page, &entry.url, &first, &entry, &["mine".into()]))
            .unwrap();
        assert!(out.starts_with(
            "<html><head><meta charset=\"utf-8\"><title>T</title><meta name=\"gazette:url\""
        ));
        assert!(out.contains("<link rel=\"canonical\" href=\"http://127.0.0.1/a\">"));
        assert!(out.contains("content=\"Caf&#xe9; &quot;news&quot;\""));
        assert!(out.contains("content=\"2023-11-14T22:13:20Z\""));
        assert!(out.contains("content=\"from list\"") && out.contains("content=\"mine\""));
        assert!(out.ends_with("</head><body><p>x</p></body></html>"));
        assert_eq!(
            saved_url(out.as_bytes()).as_deref(),
            Some("http://127.0.0.1/a")
        );
        // A page with its own canonical address, headline, date and tags keeps them.
        let own = Article {
            url: Some("http://127.0.0.1/canonical".into()),
            headline: "Own".into(),
            published: article::Date::parse_iso("2024-01-02"),
            tags: vec!["own".into()],
            ..first
        };
        let out = String::from_utf8(annotate(page, &entry.url, &own, &entry, &[])).unwrap();
        assert!(!out.contains("canonical") && !out.contains("og:title"));
        assert!(!out.contains("published_time") && !out.contains("article:tag"));
    }

    #[test]
    fn pages_are_told_by_type_or_look() {
        assert!(is_html(Some("text/html; charset=utf-8"), b""));
        assert!(!is_html(Some("application/pdf"), b"<html>"));
        assert!(is_html(None, b"\n<!DOCTYPE html><p>"));
        assert!(!is_html(None, b"%PDF-1.4"));
    }
}
