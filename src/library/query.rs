//! The search query syntax: free words plus filters, e.g.
//! `flood source:"coastal times" tag:climate since:2025-01-01 until:2025-02-01 is:unread`.

use crate::article::{Date, Summary};

/// A parsed query.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct Query {
    pub words: Vec<String>,
    pub source: Option<String>,
    pub tag: Option<String>,
    pub since: Option<Date>,
    pub until: Option<Date>,
    pub bookmarked: bool,
    pub unread: bool,
}

/// What the filters of a query document, for the help overlay and errors.
pub const SYNTAX: &str =
    "words, source:NAME, tag:NAME, since:YYYY-MM-DD, until:YYYY-MM-DD, is:bookmarked, is:unread";

impl Query {
    pub fn parse(text: &str) -> Result<Query, String> {
        let mut query = Query::default();
        for token in tokens(text) {
            let Some((field, value)) = token
                .split_once(':')
                .filter(|(f, _)| !f.is_empty() && f.chars().all(|c| c.is_ascii_alphabetic()))
            else {
                query.words.push(token);
                continue;
            };
            let value = value.trim_matches('"').to_owned();
            let date = |v: &str| {
                Date::parse_iso(v)
                    .ok_or_else(|| format!("{field}: expected a date as YYYY-MM-DD, found \"{v}\""))
            };
            match field.to_lowercase().as_str() {
                "source" => query.source = Some(value.to_lowercase()),
                "tag" => query.tag = Some(value.to_lowercase()),
                "since" => query.since = Some(date(&value)?),
                "until" => query.until = Some(date(&value)?),
                "is" => match value.as_str() {
                    "bookmarked" | "bookmark" => query.bookmarked = true,
                    "unread" => query.unread = true,
                    other => {
                        return Err(format!(
                            "is: expected bookmarked or unread, found \"{other}\""
                        ));
                    }
                },
                other => return Err(format!("unknown filter \"{other}:\" (filters: {SYNTAX})")),
            }
        }
        Ok(query)
    }

    /// True when the query filters on metadata, apart from its words.
    pub fn has_filters(&self) -> bool {
        self.source.is_some()
            || self.tag.is_some()
            || self.since.is_some()
            || self.until.is_some()
            || self.bookmarked
            || self.unread
    }

    /// Whether an article passes the metadata filters (not the words).
    pub fn admits(&self, a: &Summary, bookmarked: bool, read: bool) -> bool {
        self.source.as_ref().is_none_or(|s| {
            a.source()
                .as_ref()
                .is_some_and(|src| src.to_lowercase().contains(s.as_str()))
        }) && self
            .tag
            .as_ref()
            .is_none_or(|t| a.tags().iter().any(|tag| tag.to_lowercase() == *t))
            && self
                .since
                .is_none_or(|d| a.published.is_some_and(|p| p >= d))
            && self
                .until
                .is_none_or(|d| a.published.is_some_and(|p| p <= d))
            && (!self.bookmarked || bookmarked)
            && (!self.unread || !read)
    }
}

/// Splits on spaces, keeping double-quoted stretches together.
fn tokens(text: &str) -> Vec<String> {
    let mut out = Vec::new();
    let mut current = String::new();
    let mut quoted = false;
    for c in text.chars() {
        match c {
            '"' => {
                quoted = !quoted;
                current.push(c);
            }
            c if c.is_whitespace() && !quoted => {
                if !current.is_empty() {
                    out.push(std::mem::take(&mut current));
                }
            }
            c => current.push(c),
        }
    }
    if !current.is_empty() {
        out.push(current);
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn parses_words_and_filters() {
        let q =
            Query::parse("flood source:\"coastal times\" tag:Climate since:2025-01-01 is:unread")
                .unwrap();
        assert_eq!(q.words, ["flood"]);
        assert_eq!(q.source.as_deref(), Some("coastal times"));
        assert_eq!(q.tag.as_deref(), Some("climate"));
        assert_eq!(q.since, Date::new(2025, 1, 1));
        assert!(q.unread && !q.bookmarked);
    }

    #[test]
    fn bad_queries_say_what_is_wrong() {
        assert_eq!(
            Query::parse("since:yesterday").unwrap_err(),
            "since: expected a date as YYYY-MM-DD, found \"yesterday\""
        );
        assert!(
            Query::parse("colour:red")
                .unwrap_err()
                .starts_with("unknown filter \"colour:\"")
        );
        assert!(Query::parse("is:old").is_err());
        assert_eq!(Query::parse("10:30 \"").unwrap().words, ["10:30", "\""]);
    }
}
