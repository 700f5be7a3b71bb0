//! Subscription lists from elsewhere and back: OPML 1.0 and 2.0 (folders as nested outlines,
//! which become tags) and newsboat's `urls` file (a url, then tags, `~Name`, `#` comments).

use super::html_text::decode_entities;

/// A subscription read from a list.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct Entry {
    pub url: String,
    pub name: Option<String>,
    pub tags: Vec<String>,
}

/// Reads an OPML file or a newsboat urls file, whichever `text` is.
pub fn read_list(text: &str) -> Vec<Entry> {
    let head = text.trim_start_matches('\u{feff}').trim_start();
    if head.starts_with('<') {
        read_opml(text)
    } else {
        read_newsboat(text)
    }
}

/// Every `<outline>` with an `xmlUrl`; the `text` (or `title`) of the outlines around it are
/// its tags.
pub fn read_opml(text: &str) -> Vec<Entry> {
    let mut entries = Vec::new();
    let mut folders: Vec<Option<String>> = Vec::new();
    let mut rest = text;
    while let Some(i) = rest.find('<') {
        rest = &rest[i..];
        let skip = [
            ("<!--", "-->"),
            ("<![CDATA[", "]]>"),
            ("<?", "?>"),
            ("<!", ">"),
        ]
        .iter()
        .find(|(open, _)| rest.starts_with(open))
        .map(|(_, close)| {
            rest.find(close)
                .map(|j| j + close.len())
                .unwrap_or(rest.len())
        });
        if let Some(n) = skip {
            rest = &rest[n..];
            continue;
        }
        let Some(end) = tag_end(rest) else { break };
        let tag = &rest[1..end];
        rest = &rest[end + 1..];
        let name: String = tag
            .trim_start_matches('/')
            .chars()
            .take_while(|c| !c.is_whitespace() && *c != '/')
            .collect();
        if !name.eq_ignore_ascii_case("outline") {
            continue;
        }
        if tag.starts_with('/') {
            folders.pop();
            continue;
        }
        let attrs = attributes(tag);
        let get = |k: &str| {
            attrs
                .iter()
                .find(|(n, _)| n.eq_ignore_ascii_case(k))
                .map(|(_, v)| v.trim().to_owned())
                .filter(|v| !v.is_empty())
        };
        let label = get("title").or_else(|| get("text"));
        let self_closing = tag.trim_end().ends_with('/');
        match get("xmlUrl") {
            Some(url) => {
                let mut tags: Vec<String> = folders.iter().flatten().cloned().collect();
                if let Some(c) = get("category") {
                    tags.extend(
                        c.split(',')
                            .map(|t| t.trim().trim_start_matches('/').to_owned())
                            .filter(|t| !t.is_empty()),
                    );
                }
                entries.push(Entry {
                    url,
                    name: label,
                    tags,
                });
                if !self_closing {
                    folders.push(None);
                }
            }
            None if !self_closing => folders.push(label),
            None => {}
        }
    }
    entries
}

/// The end of a tag: its `>` outside quoted attribute values.
fn tag_end(text: &str) -> Option<usize> {
    let mut quote = None;
    for (i, c) in text.char_indices() {
        match (quote, c) {
            (None, '"' | '\'') => quote = Some(c),
            (Some(q), c) if c == q => quote = None,
            (None, '>') => return Some(i),
            _ => {}
        }
    }
    None
}

/// A tag's attributes, values decoded.
fn attributes(tag: &str) -> Vec<(String, String)> {
    let mut out = Vec::new();
    let mut rest = tag
        .trim_start_matches(|c: char| !c.is_whitespace())
        .trim_start();
    while let Some(eq) = rest.find('=') {
        let name = rest[..eq].trim().to_owned();
        let after = rest[eq + 1..].trim_start();
        let (value, next) = match after.chars().next() {
            Some(q @ ('"' | '\'')) => {
                let close = after[1..].find(q).map(|j| j + 1).unwrap_or(after.len());
                (&after[1..close], &after[(close + 1).min(after.len())..])
            }
            _ => {
                let end = after.find(char::is_whitespace).unwrap_or(after.len());
                (&after[..end], &after[end..])
            }
        };
        out.push((name, decode_entities(value)));
        rest = next.trim_start();
    }
    out
}

/// newsboat's urls file: `URL [tag...] ["tag with spaces"] [~Name]`; `#` starts a comment,
/// `!`-tags hide a feed there (taken as plain tags here); query, exec and filter feeds,
/// which are not addresses, are left out.
pub fn read_newsboat(text: &str) -> Vec<Entry> {
    let mut entries = Vec::new();
    for line in text.lines() {
        let words = shell_words(line);
        let Some((url, rest)) = words.split_first() else {
            continue;
        };
        if !(url.starts_with("http://") || url.starts_with("https://")) {
            continue;
        }
        let mut entry = Entry {
            url: url.clone(),
            ..Entry::default()
        };
        for word in rest {
            if let Some(name) = word.strip_prefix('~') {
                entry.name = Some(name.to_owned()).filter(|n| !n.is_empty());
            } else {
                let tag = word.trim_start_matches('!');
                if !tag.is_empty() {
                    entry.tags.push(tag.to_owned());
                }
            }
        }
        entries.push(entry);
    }
    entries
}

/// Splits a line into words; double quotes group words; an unquoted `#` ends the line.
fn shell_words(line: &str) -> Vec<String> {
    let mut words = Vec::new();
    let mut word = String::new();
    let mut quoted = false;
    let mut in_word = false;
    let mut chars = line.chars().peekable();
    while let Some(c) = chars.next() {
        match c {
            '"' => {
                quoted = !quoted;
                in_word = true;
            }
            '\\' if quoted => {
                if let Some(n) = chars.next() {
                    word.push(n);
                }
            }
            '#' if !quoted && !in_word => break,
            c if c.is_whitespace() && !quoted => {
                if in_word {
                    words.push(std::mem::take(&mut word));
                    in_word = false;
                }
            }
            c => {
                word.push(c);
                in_word = true;
            }
        }
    }
    if in_word {
        words.push(word);
    }
    words
}

/// The subscriptions as OPML 2.0, tags in `category`.
pub fn write_opml(feeds: &[(String, String, Vec<String>)]) -> String {
    let mut out = String::from(
        "<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n<opml version=\"2.0\">\n  <head>\n    <title>gazette subscriptions</title>\n  </head>\n  <body>\n",
    );
    for (name, url, tags) in feeds {
        let name = escape(&crate::article::hygiene::clean_line(name));
        out += &format!(
            "    <outline type=\"rss\" text=\"{name}\" title=\"{name}\" xmlUrl=\"{}\"",
            escape(url)
        );
        if !tags.is_empty() {
            out += &format!(" category=\"{}\"", escape(&tags.join(",")));
        }
        out += "/>\n";
    }
    out += "  </body>\n</opml>\n";
    out
}

fn escape(text: &str) -> String {
    text.replace('&', "&amp;")
        .replace('<', "&lt;")
        .replace('>', "&gt;")
        .replace('"', "&quot;")
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn opml_with_folders() {
        let opml = r#"<?xml version="1.0"?><opml version="1.0"><head><title>x</title></head><body>
          <outline text="News">
            <outline text="World &amp; more">
              <outline text="A" type="rss" xmlUrl="http://127.0.0.1/a?x=1&amp;y=2"/>
            </outline>
            <outline title="B" text="b" xmlUrl='http://127.0.0.1/b'></outline>
          </outline>
          <outline text="C" xmlUrl="http://127.0.0.1/c" category="/tech,/linux"/>
        </body></opml>"#;
        let entries = read_list(opml);
        assert_eq!(entries.len(), 3);
        assert_eq!(entries[0].url, "http://127.0.0.1/a?x=1&y=2");
        assert_eq!(entries[0].tags, ["News", "World & more"]);
        assert_eq!(entries[1].name.as_deref(), Some("B"));
        assert_eq!(entries[1].tags, ["News"]);
        assert_eq!(entries[2].tags, ["tech", "linux"]);
        let back = read_opml(&write_opml(&[(
            "A & B".into(),
            "http://127.0.0.1/a?x=1&y=2".into(),
            vec!["t".into()],
        )]));
        assert_eq!(back[0].name.as_deref(), Some("A & B"));
        assert_eq!(back[0].url, "http://127.0.0.1/a?x=1&y=2");
    }

    #[test]
    fn newsboat_urls() {
        let urls = "# my feeds\n\nhttp://127.0.0.1/a tech \"long tag\" ~\"My A\"\n\
                    https://127.0.0.1/b#frag news # a comment\n\
                    \"query:Unread:unread = \\\"yes\\\"\"\nexec:~/bin/feed\n";
        let entries = read_list(urls);
        assert_eq!(entries.len(), 2);
        assert_eq!(entries[0].tags, ["tech", "long tag"]);
        assert_eq!(entries[0].name.as_deref(), Some("My A"));
        assert_eq!(entries[1].url, "https://127.0.0.1/b#frag");
        assert_eq!(entries[1].tags, ["news"]);
    }
}
