//! Finding a page's feeds: a web page given as a feed address names its feeds in
//! `<link rel="alternate" type="application/rss+xml" href="...">` tags.

use url::Url;

/// The types of the feeds a page can announce.
const FEED_TYPES: [&str; 5] = [
    "application/rss+xml",
    "application/atom+xml",
    "application/feed+json",
    "application/rdf+xml",
    "application/json",
];

/// Does this answer look like a web page rather than a feed?
pub fn is_html(content_type: Option<&str>, bytes: &[u8]) -> bool {
    if content_type.is_some_and(|t| t.to_ascii_lowercase().contains("html")) {
        return true;
    }
    let head = String::from_utf8_lossy(&bytes[..bytes.len().min(1024)]).to_ascii_lowercase();
    let head = head.trim_start_matches('\u{feff}').trim_start();
    head.starts_with("<!doctype html") || head.starts_with("<html")
}

/// The feeds a page announces, absolute, in the page's order.
pub fn feed_links(page: &[u8], page_url: &Url) -> Vec<Url> {
    let text = String::from_utf8_lossy(page);
    let lower = text.to_ascii_lowercase();
    let mut found = Vec::new();
    let mut from = 0;
    while let Some(i) = lower[from..].find("<link") {
        let start = from + i;
        let Some(len) = lower[start..].find('>') else {
            break;
        };
        let tag = &text[start..start + len];
        from = start + len;
        let rel = attribute(tag, "rel")
            .unwrap_or_default()
            .to_ascii_lowercase();
        let kind = attribute(tag, "type")
            .unwrap_or_default()
            .to_ascii_lowercase();
        if !rel.split_whitespace().any(|r| r == "alternate")
            || !FEED_TYPES.iter().any(|t| kind.trim() == *t)
        {
            continue;
        }
        if let Some(url) = attribute(tag, "href").and_then(|h| page_url.join(h.trim()).ok())
            && matches!(url.scheme(), "http" | "https")
            && !found.contains(&url)
        {
            found.push(url);
        }
    }
    found
}

/// An attribute's value in a tag's text (quoted with " or ', or bare).
fn attribute<'a>(tag: &'a str, name: &str) -> Option<&'a str> {
    let lower = tag.to_ascii_lowercase();
    let mut from = 0;
    while let Some(i) = lower[from..].find(name) {
        let at = from + i;
        from = at + name.len();
        let before_ok = at > 0 && lower.as_bytes()[at - 1].is_ascii_whitespace();
        let rest = lower[from..].trim_start();
        if !before_ok || !rest.starts_with('=') {
            continue;
        }
        let value_at = tag.len() - rest.len() + 1;
        let value = tag[value_at..].trim_start();
        return Some(match value.chars().next() {
            Some(q @ ('"' | '\'')) => value[1..].split(q).next().unwrap_or(""),
            _ => value
                .split(|c: char| c.is_whitespace() || c == '/')
                .next()
                .unwrap_or(""),
        });
    }
    None
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn finds_announced_feeds() {
        let page = br#"<!DOCTYPE html><html><head>
            <link rel="stylesheet" href="/s.css">
            <LINK REL='alternate' TYPE='application/atom+xml' HREF='/atom.xml'>
            <link href="rss.xml" type="application/rss+xml" rel="alternate" title="RSS"/>
            <link rel="alternate" type="text/html" href="/fr/">
            </head></html>"#;
        let base = Url::parse("http://127.0.0.1:8000/blog/").unwrap();
        assert!(is_html(None, page));
        let links: Vec<String> = feed_links(page, &base)
            .iter()
            .map(|u| u.to_string())
            .collect();
        assert_eq!(
            links,
            [
                "http://127.0.0.1:8000/atom.xml",
                "http://127.0.0.1:8000/blog/rss.xml"
            ]
        );
    }
}
