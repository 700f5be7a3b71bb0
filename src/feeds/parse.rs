//! A feed's bytes read into items: RSS 0.9x, 1.0 (RDF) and 2.0, Atom 1.0 and JSON Feed 1.1
//! through feed-rs, with Dublin Core creators, content:encoded and Media RSS descriptions.
//! A feed broken part way (bad XML, a body cut at the size cap) keeps the items before the
//! break. Entities other than XML's five are never expanded and nothing external is loaded.

use chrono::{DateTime, Utc};
use url::Url;

/// A feed as read: its title and items, and what had to be repaired.
#[derive(Debug, Clone, Default, PartialEq)]
pub struct FeedDoc {
    pub title: Option<String>,
    pub items: Vec<Item>,
    /// Set when the feed was broken and only the items before the break were kept.
    pub repaired: Option<String>,
}

/// One item of a feed, its texts still as the feed gave them (HTML or plain text).
#[derive(Debug, Clone, Default, PartialEq)]
pub struct Item {
    /// The item's own id (RSS guid, Atom id, JSON Feed id), if it had one.
    pub guid: Option<String>,
    pub title: String,
    /// The story's page, absolute.
    pub link: Option<String>,
    pub published: Option<DateTime<Utc>>,
    pub authors: Vec<String>,
    pub tags: Vec<String>,
    /// The summary or description.
    pub summary: Option<String>,
    /// The whole content (content:encoded, Atom content, content_html), if the feed has it.
    pub content: Option<String>,
}

#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
pub enum FeedError {
    #[error("not a feed (no RSS, Atom or JSON Feed found)")]
    NotAFeed,
    #[error("not a readable feed: {0}")]
    Broken(String),
}

/// Reads a feed. `base` (the address it came from) makes relative links absolute.
pub fn parse(bytes: &[u8], base: Option<&Url>) -> Result<FeedDoc, FeedError> {
    match parse_whole(bytes, base) {
        Ok(doc) => Ok(doc),
        Err(first) => {
            if first_char(bytes) != Some(b'<') {
                return Err(first);
            }
            repair(bytes, base).ok_or(first)
        }
    }
}

fn first_char(bytes: &[u8]) -> Option<u8> {
    bytes.iter().copied().find(|b| *b == b'<' || *b == b'{')
}

fn parse_whole(bytes: &[u8], base: Option<&Url>) -> Result<FeedDoc, FeedError> {
    let parser = feed_rs::parser::Builder::new()
        .base_uri(base.map(Url::as_str))
        // Ids are never made up: an item without one is known by its link and title.
        .id_generator(|_, _, _| String::new())
        .build();
    let feed = parser.parse(bytes).map_err(|e| match e {
        feed_rs::parser::ParseFeedError::ParseError(
            feed_rs::parser::ParseErrorKind::NoFeedRoot,
        ) => FeedError::NotAFeed,
        other => FeedError::Broken(first_line(&other.to_string())),
    })?;
    Ok(FeedDoc {
        title: feed
            .title
            .map(|t| t.content)
            .filter(|t| !t.trim().is_empty()),
        items: feed.entries.into_iter().map(|e| item(e, base)).collect(),
        repaired: None,
    })
}

fn first_line(text: &str) -> String {
    text.lines()
        .next()
        .unwrap_or("")
        .chars()
        .take(200)
        .collect()
}

fn item(e: feed_rs::model::Entry, base: Option<&Url>) -> Item {
    let link = e
        .links
        .iter()
        .find(|l| l.rel.as_deref().is_none_or(|r| r == "alternate"))
        .or(e.links.first())
        .map(|l| absolute(&l.href, base));
    let media_description = e
        .media
        .iter()
        .find_map(|m| m.description.as_ref().map(|d| d.content.clone()));
    Item {
        guid: Some(e.id).filter(|id| !id.trim().is_empty()),
        title: e.title.map(title_text).unwrap_or_default(),
        link,
        published: e.published.or(e.updated),
        authors: e
            .authors
            .into_iter()
            .filter_map(|p| p.name.or(p.email))
            .map(|n| n.trim().to_owned())
            .filter(|n| !n.is_empty())
            .collect(),
        tags: e
            .categories
            .into_iter()
            .map(|c| c.label.unwrap_or(c.term).trim().to_owned())
            .filter(|t| !t.is_empty())
            .collect(),
        summary: e.summary.map(|s| s.content).or(media_description),
        content: e.content.and_then(|c| c.body),
    }
}

/// A title as text: an HTML title (Atom `type="html"`) loses its tags.
fn title_text(t: feed_rs::model::Text) -> String {
    if t.content_type.to_string().contains("html") {
        super::html_text::paragraphs(&t.content)
            .into_iter()
            .map(|b| b.text)
            .collect::<Vec<_>>()
            .join(" ")
    } else {
        t.content
    }
}

/// A link made absolute against the feed's address; left as it is when it cannot be.
pub fn absolute(href: &str, base: Option<&Url>) -> String {
    let href = href.trim();
    match Url::parse(href) {
        Ok(u) => u.to_string(),
        Err(_) => base
            .and_then(|b| b.join(href).ok())
            .map(|u| u.to_string())
            .unwrap_or_else(|| href.to_owned()),
    }
}

/// The most attempts at cutting a broken feed before its break: each is one parse.
const REPAIR_TRIES: usize = 6;

/// Cuts the document after the last whole item before the break, closes the elements still
/// open there, and reads that. Tries a few cut points, latest first.
fn repair(bytes: &[u8], base: Option<&Url>) -> Option<FeedDoc> {
    let text = String::from_utf8_lossy(bytes);
    let ends: Vec<usize> = item_ends(&text);
    for &end in ends.iter().rev().take(REPAIR_TRIES) {
        let head = &text[..end];
        let mut fixed = head.to_owned();
        for name in open_elements(head).iter().rev() {
            fixed.push_str("</");
            fixed.push_str(name);
            fixed.push('>');
        }
        if let Ok(mut doc) = parse_whole(fixed.as_bytes(), base) {
            doc.repaired = Some(format!(
                "the feed is broken after byte {end}; the {} item(s) before the break were kept",
                doc.items.len()
            ));
            return Some(doc);
        }
    }
    None
}

/// Byte offsets just after each `</item>` or `</entry>` (with any prefix).
fn item_ends(text: &str) -> Vec<usize> {
    let mut ends = Vec::new();
    let mut from = 0;
    while let Some(i) = text[from..].find("</") {
        let at = from + i;
        let rest = &text[at + 2..];
        let Some(close) = rest.find('>') else { break };
        let name = rest[..close].trim();
        let local = name.rsplit(':').next().unwrap_or(name);
        if local == "item" || local == "entry" {
            ends.push(at + 2 + close + 1);
        }
        from = at + 2;
    }
    ends
}

/// The elements open at the end of `head`, outermost first (a plain tag scan: comments,
/// CDATA, processing instructions and declarations are skipped).
fn open_elements(head: &str) -> Vec<String> {
    let mut stack: Vec<String> = Vec::new();
    let mut rest = head;
    while let Some(i) = rest.find('<') {
        rest = &rest[i..];
        let skip_to = |rest: &str, open: &str, close: &str| -> Option<usize> {
            rest.strip_prefix(open)?;
            Some(
                rest.find(close)
                    .map(|j| j + close.len())
                    .unwrap_or(rest.len()),
            )
        };
        if let Some(n) = skip_to(rest, "<!--", "-->")
            .or_else(|| skip_to(rest, "<![CDATA[", "]]>"))
            .or_else(|| skip_to(rest, "<?", "?>"))
            .or_else(|| skip_to(rest, "<!", ">"))
        {
            rest = &rest[n..];
            continue;
        }
        let Some(end) = rest.find('>') else { break };
        let tag = &rest[1..end];
        if let Some(name) = tag.strip_prefix('/') {
            let name = name.trim();
            if let Some(pos) = stack.iter().rposition(|n| n == name) {
                stack.truncate(pos);
            }
        } else if !tag.ends_with('/') {
            let name: String = tag
                .chars()
                .take_while(|c| !c.is_whitespace() && *c != '/')
                .collect();
            if !name.is_empty() {
                stack.push(name);
            }
        }
        rest = &rest[end + 1..];
    }
    stack
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn open_elements_at_a_cut() {
        let head = r#"<?xml version="1.0"?><!-- c --><rss version="2.0"><channel><title>T</title><item><x/><![CDATA[<b>]]></item>"#;
        assert_eq!(open_elements(head), vec!["rss", "channel"]);
    }

    #[test]
    fn a_broken_feed_keeps_the_items_before_the_break() {
        let xml = br#"<rss version="2.0"><channel><title>T</title>
            <item><title>One</title><link>/one</link></item>
            <item><title>Two</title><link>/two</link></item>
            <item><title>Three & <oops</title></item></channel></rss>"#;
        let base = Url::parse("http://127.0.0.1/feed.xml").unwrap();
        let doc = parse(xml, Some(&base)).unwrap();
        let titles: Vec<_> = doc.items.iter().map(|i| i.title.as_str()).collect();
        assert_eq!(titles, ["One", "Two"]);
        assert_eq!(doc.items[0].link.as_deref(), Some("http://127.0.0.1/one"));
        assert!(doc.repaired.is_some());
    }

    #[test]
    fn entities_are_never_expanded() {
        let xml = br#"<?xml version="1.0"?>
<!DOCTYPE rss [
 <!ENTITY lol "lol">
 <!ENTITY lol2 "&lol;&lol;&lol;&lol;&lol;&lol;&lol;&lol;&lol;&lol;">
 <!ENTITY ext SYSTEM "file:///etc/passwd">
]>
<rss version="2.0"><channel><title>T</title><item><title>A &lol2; B &ext;</title></item></channel></rss>"#;
        let doc = parse(xml, None).unwrap();
        assert_eq!(doc.items[0].title, "A &lol2; B &ext;");
    }

    #[test]
    fn not_a_feed() {
        assert_eq!(parse(b"hello", None), Err(FeedError::NotAFeed));
    }
}
