//! Lists of links in HTML: Pocket's `ril_export.html` (`<a href time_added tags>`) and a
//! browser's bookmarks file (the Netscape bookmark format, `<DT><A HREF ADD_DATE TAGS>`).
//! Both are flat lists of anchors, so the anchors are read one by one; no page is rendered.

use super::{Entry, List, parse_date, tags};
use crate::feeds::html_text::decode_entities;

/// Does the text look like a list of anchors rather than CSV or plain lines?
pub fn looks_like(text: &str) -> bool {
    let head = text.get(..text.len().min(4096)).unwrap_or(text);
    let lower = head.to_ascii_lowercase();
    lower.starts_with('<') && lower.contains("<a ")
        || lower.contains("netscape-bookmark-file")
        || lower.contains("<!doctype html")
}

pub fn read(text: &str) -> List {
    let lower = text.to_ascii_lowercase();
    let format = if lower.contains("netscape-bookmark-file") {
        "a browser's bookmarks"
    } else if lower.contains("time_added") || lower.contains("<title>pocket export") {
        "a Pocket export (HTML)"
    } else {
        "a list of links (HTML)"
    };
    let mut entries = Vec::new();
    let mut at = 0;
    // Byte offsets in `lower` are those of `text`: ASCII lower-casing keeps every length.
    while let Some(start) = find_tag(&lower, at, "a") {
        let Some(open_end) = lower[start..].find('>').map(|i| start + i) else {
            break;
        };
        let attrs = attributes(&text[start + 2..open_end]);
        let close = lower[open_end..]
            .find("</a")
            .map_or(lower.len(), |i| open_end + i);
        at = close.max(open_end + 1);
        let Some(href) = value(&attrs, "href") else {
            continue;
        };
        let title = strip_tags(&text[open_end + 1..close]);
        let tag_text = value(&attrs, "tags").unwrap_or_default();
        entries.push(Entry {
            url: href.trim().to_owned(),
            title: super::non_empty(&title),
            tags: tags(tag_text.split([',', '|'])),
            added: value(&attrs, "time_added")
                .or_else(|| value(&attrs, "add_date"))
                .and_then(|d| parse_date(&d)),
        });
    }
    List { format, entries }
}

/// The next `<name` tag (followed by a space or `>`) at or after `from`.
fn find_tag(lower: &str, from: usize, name: &str) -> Option<usize> {
    let needle = format!("<{name}");
    let mut at = from;
    while let Some(i) = lower.get(at..)?.find(&needle) {
        let start = at + i;
        let next = lower.as_bytes().get(start + needle.len()).copied();
        if matches!(next, Some(b' ' | b'\t' | b'\n' | b'\r' | b'>')) {
            return Some(start);
        }
        at = start + needle.len();
    }
    None
}

/// `name="value"`, `name='value'` and `name=value` pairs, names lower-cased, values decoded.
fn attributes(tag: &str) -> Vec<(String, String)> {
    let mut out = Vec::new();
    let mut rest = tag.trim_start();
    while !rest.is_empty() {
        let name_end = rest
            .find(|c: char| c == '=' || c.is_whitespace() || c == '/')
            .unwrap_or(rest.len());
        let name = rest[..name_end].to_ascii_lowercase();
        rest = rest[name_end..].trim_start();
        if let Some(after) = rest.strip_prefix('=') {
            let after = after.trim_start();
            let (raw, remaining) = match after.chars().next() {
                Some(q @ ('"' | '\'')) => {
                    let body = &after[1..];
                    let end = body.find(q).unwrap_or(body.len());
                    (&body[..end], body.get(end + 1..).unwrap_or(""))
                }
                _ => {
                    let end = after.find(char::is_whitespace).unwrap_or(after.len());
                    (&after[..end], &after[end..])
                }
            };
            out.push((name, decode_entities(raw)));
            rest = remaining.trim_start();
        } else {
            if !name.is_empty() {
                out.push((name, String::new()));
            }
            // Skip a stray character so the loop always moves on.
            rest = rest.get(1..).unwrap_or("").trim_start();
        }
    }
    out
}

fn value(attrs: &[(String, String)], name: &str) -> Option<String> {
    attrs
        .iter()
        .find(|(n, _)| n == name)
        .map(|(_, v)| v.clone())
        .filter(|v| !v.trim().is_empty())
}

/// A link's text without markup, entities decoded, whitespace squashed.
fn strip_tags(html: &str) -> String {
    let mut out = String::new();
    let mut in_tag = false;
    for c in html.chars() {
        match c {
            '<' => in_tag = true,
            '>' => in_tag = false,
            c if !in_tag => out.push(c),
            _ => {}
        }
    }
    decode_entities(&out)
        .split_whitespace()
        .collect::<Vec<_>>()
        .join(" ")
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn attributes_in_every_quoting() {
        let a = attributes(r#" HREF="http://x/?a=1&amp;b=2" add_date='17' tags=a,b checked"#);
        assert_eq!(value(&a, "href").as_deref(), Some("http://x/?a=1&b=2"));
        assert_eq!(value(&a, "add_date").as_deref(), Some("17"));
        assert_eq!(value(&a, "tags").as_deref(), Some("a,b"));
    }

    #[test]
    fn anchors_without_href_or_end_are_survived() {
        let list = read(
            "<ul><li><a name=x>no link</a><li><a href=\"http://127.0.0.1/a\">A <b>bold</b> one",
        );
        assert_eq!(list.entries.len(), 1);
        assert_eq!(list.entries[0].title.as_deref(), Some("A bold one"));
    }
}
