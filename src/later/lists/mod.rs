//! Reading lists from elsewhere, read into one shape: a plain list of urls, a Pocket export
//! (HTML or CSV), an Instapaper CSV, a Wallabag or Omnivore JSON export, a browser's
//! bookmarks file. The format is told from the content, never from the file's name.

mod json;
mod links;
mod table;

use chrono::{DateTime, NaiveDateTime, Utc};

/// One page to save, with what the list said about it.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct Entry {
    pub url: String,
    pub title: Option<String>,
    pub tags: Vec<String>,
    /// When it was added to the list.
    pub added: Option<DateTime<Utc>>,
}

impl Entry {
    pub fn of_url(url: &str) -> Entry {
        Entry {
            url: url.trim().to_owned(),
            ..Entry::default()
        }
    }
}

/// A list as read: its format's name (for messages) and its entries, in the list's order.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct List {
    pub format: &'static str,
    pub entries: Vec<Entry>,
}

/// Reads a list, whatever its format. Entries without an http(s) address are left out; an
/// error says what the text looked like and why nothing could be taken from it.
pub fn read(bytes: &[u8]) -> Result<List, String> {
    let text = String::from_utf8_lossy(bytes);
    let text = text.trim_start_matches('\u{feff}').trim();
    if text.is_empty() {
        return Err("the file is empty".into());
    }
    let mut list = if text.starts_with('[') || text.starts_with('{') {
        json::read(text)?
    } else if links::looks_like(text) {
        links::read(text)
    } else if let Some(list) = table::read(text)? {
        list
    } else {
        plain(text)
    };
    list.entries.retain(|e| is_web_address(&e.url));
    if list.entries.is_empty() {
        return Err(format!(
            "no http or https addresses found (read as {})",
            list.format
        ));
    }
    Ok(list)
}

/// One address a line; blank lines and `#` comments are skipped, and anything after the
/// address on its line is ignored.
fn plain(text: &str) -> List {
    let entries = text
        .lines()
        .map(str::trim)
        .filter(|l| !l.is_empty() && !l.starts_with('#'))
        .filter_map(|l| l.split_whitespace().next())
        .map(Entry::of_url)
        .collect();
    List {
        format: "a list of addresses",
        entries,
    }
}

pub fn is_web_address(url: &str) -> bool {
    url::Url::parse(url).is_ok_and(|u| matches!(u.scheme(), "http" | "https"))
}

/// A date as exports write them: seconds since the epoch (as a number or text), RFC 3339,
/// ISO 8601 with a `+0100` offset (Wallabag), or a bare `YYYY-MM-DD HH:MM:SS` (taken as UTC).
pub fn parse_date(value: &str) -> Option<DateTime<Utc>> {
    let v = value.trim();
    if v.is_empty() {
        return None;
    }
    if let Ok(secs) = v.parse::<i64>() {
        // Milliseconds, as some exports write them.
        let secs = if secs > 100_000_000_000 {
            secs / 1000
        } else {
            secs
        };
        return DateTime::from_timestamp(secs, 0);
    }
    if let Ok(d) = DateTime::parse_from_rfc3339(v) {
        return Some(d.with_timezone(&Utc));
    }
    if let Ok(d) = DateTime::parse_from_str(v, "%Y-%m-%dT%H:%M:%S%z") {
        return Some(d.with_timezone(&Utc));
    }
    ["%Y-%m-%d %H:%M:%S", "%Y-%m-%dT%H:%M:%S"]
        .iter()
        .find_map(|f| NaiveDateTime::parse_from_str(v, f).ok())
        .map(|d| d.and_utc())
}

/// Tags from a list: trimmed, non-empty, each once.
fn tags<'a>(items: impl IntoIterator<Item = &'a str>) -> Vec<String> {
    let mut out: Vec<String> = Vec::new();
    for t in items.into_iter().map(str::trim).filter(|t| !t.is_empty()) {
        if !out.iter().any(|o| o.eq_ignore_ascii_case(t)) {
            out.push(t.to_owned());
        }
    }
    out
}

fn non_empty(s: &str) -> Option<String> {
    let s = s.trim();
    (!s.is_empty()).then(|| s.to_owned())
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn plain_lists_skip_comments_and_other_schemes() {
        let list =
            read(b"# my list\nhttp://127.0.0.1/a  the first\n\nftp://x/y\nhttps://127.0.0.1/b\n")
                .unwrap();
        assert_eq!(list.format, "a list of addresses");
        let urls: Vec<_> = list.entries.iter().map(|e| e.url.as_str()).collect();
        assert_eq!(urls, ["http://127.0.0.1/a", "https://127.0.0.1/b"]);
    }

    #[test]
    fn nothing_to_take_is_an_error() {
        assert!(read(b"").unwrap_err().contains("empty"));
        assert!(read(b"just words\n").unwrap_err().contains("no http"));
    }

    proptest::proptest! {
        #![proptest_config(proptest::prelude::ProptestConfig::with_cases(300))]

        /// Lists are written by strangers: any bytes give a list or an error, never a panic.
        #[test]
        fn any_bytes_are_survived(
            head in proptest::sample::select(vec!["", "[", "{\"a\":[", "<a href=", "url,title\n", "<!DOCTYPE NETSCAPE-Bookmark-file-1>"]),
            bytes in proptest::collection::vec(proptest::prelude::any::<u8>(), 0..600),
        ) {
            let mut input = head.as_bytes().to_vec();
            input.extend(bytes);
            let _ = read(&input);
        }
    }

    #[test]
    fn dates_in_the_shapes_exports_use() {
        let want = DateTime::from_timestamp(1_700_000_000, 0);
        assert_eq!(parse_date("1700000000"), want);
        assert_eq!(parse_date("1700000000000"), want);
        assert_eq!(parse_date("2023-11-14T22:13:20Z"), want);
        assert_eq!(parse_date("2023-11-14T23:13:20+0100"), want);
        assert_eq!(parse_date("2023-11-14 22:13:20"), want);
        assert_eq!(parse_date("soon"), None);
    }
}
