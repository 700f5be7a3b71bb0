//! What a page says about itself: JSON-LD (`NewsArticle` and its kin), OpenGraph and `<meta>`
//! tags, the canonical link and `<time datetime>`. Each field keeps its sources in order, so
//! that the fields step can pick the one that agrees with the page.

use std::sync::LazyLock;

use dom_query::{Matcher, NodeRef};
use serde_json::Value;

use super::found::Found;
use super::text::squash;
use crate::article::Date;

/// The page's own metadata, each field as the page gives it (whitespace squashed).
#[derive(Debug, Default, Clone, PartialEq)]
pub struct PageMeta {
    pub ld_headline: Option<String>,
    pub og_title: Option<String>,
    pub title: Option<String>,
    /// Author names from each source that gives any, in order of trust: JSON-LD, then the
    /// `<meta>` names in [`AUTHOR_METAS`], then a preview card's writer (urls and the page's
    /// owner left out). A source keeps all its values: a page may name its publisher in one
    /// `<meta name="author">` and its writer in the next.
    pub authors: Vec<Vec<String>>,
    pub published: Option<Date>,
    pub site_name: Option<String>,
    pub url: Option<String>,
    pub description: Option<String>,
    pub tags: Vec<String>,
}

/// `<meta>` names that hold a story's author, most trusted first: OpenGraph's, the HTML
/// standard's, Dublin Core's, then those of the analytics and recommendation services news
/// sites feed (Parse.ly, Sailthru, Cxense), which trafilatura's metadata reader also consults.
const AUTHOR_METAS: &[&str] = &[
    "article:author",
    "author",
    "dc.creator",
    "parsely-author",
    "sailthru.author",
    "cxenseparse:author",
];

/// JSON-LD `@type`s that describe the page's story.
fn is_story_type(t: &str) -> bool {
    ["Article", "Posting", "Report", "NewsArticle"]
        .iter()
        .any(|k| t.contains(k))
}

/// The elements metadata is read from.
const TITLE_SELECTOR: &str = "head title";
const METAS_SELECTOR: &str = "meta[content], meta[value]";
const JSON_LD_SELECTOR: &str = "script[type='application/ld+json']";
const DATES_SELECTOR: &str = "[itemprop=datePublished], time[datetime]";
const CANONICAL_SELECTOR: &str = "link[rel=canonical]";

fn matcher(selector: &str) -> Matcher {
    Matcher::new(selector).expect("the selectors parse")
}

static TITLE: LazyLock<Matcher> = LazyLock::new(|| matcher(TITLE_SELECTOR));
static METAS: LazyLock<Matcher> = LazyLock::new(|| matcher(METAS_SELECTOR));
static JSON_LD: LazyLock<Matcher> = LazyLock::new(|| matcher(JSON_LD_SELECTOR));
static DATES: LazyLock<Matcher> = LazyLock::new(|| matcher(DATES_SELECTOR));
static CANONICAL: LazyLock<Matcher> = LazyLock::new(|| matcher(CANONICAL_SELECTOR));
/// Every selector above: the elements they match are looked for in one walk (see `found`).
#[cfg(test)]
pub const SELECTORS: &[&str] = &[
    TITLE_SELECTOR,
    METAS_SELECTOR,
    JSON_LD_SELECTOR,
    DATES_SELECTOR,
    CANONICAL_SELECTOR,
];

/// Reads every source of metadata the page has, from the elements found in the walk.
pub fn read(found: &Found) -> PageMeta {
    let mut meta = PageMeta::default();
    let of = |kind: &'static LazyLock<Matcher>| found.matching(kind);
    let metas = Metas::of(of(&METAS));
    let ld = json_ld(of(&JSON_LD));
    let ld_str = |key: &str| ld.as_ref().and_then(|v| string(v.get(key)?));
    meta.ld_headline = ld_str("headline").or_else(|| ld_str("name"));
    meta.og_title = metas.get("og:title").or_else(|| metas.get("twitter:title"));
    meta.title = of(&TITLE)
        .next()
        .map(|t| squash(&t.text()))
        .filter(|t| !t.is_empty());
    // A company named as the author (the page's copyright holder or publisher) is no byline.
    let owner = [metas.get("copyright"), metas.get("og:site_name")]
        .into_iter()
        .flatten()
        .collect::<Vec<_>>()
        .join(" ")
        .to_lowercase();
    let person =
        |n: &String| !n.contains("://") && !n.contains('/') && !owner.contains(&n.to_lowercase());
    if let Some(ld) = &ld {
        meta.authors
            .push(ld.get("author").map(names).unwrap_or_default());
    }
    for key in AUTHOR_METAS {
        meta.authors.push(metas.all(key).collect());
    }
    meta.authors.push(metas.written_by().into_iter().collect());
    for source in &mut meta.authors {
        source.retain(person);
        source.dedup();
    }
    meta.authors.retain(|source| !source.is_empty());
    meta.published = ld_str("datePublished")
        .into_iter()
        .chain(
            [
                "article:published_time",
                "datePublished",
                "date",
                "pubdate",
                "publishdate",
                "dc.date",
                "dc.date.issued",
                "sailthru.date",
                "parsely-pub-date",
            ]
            .into_iter()
            .filter_map(|k| metas.get(k)),
        )
        .chain(
            of(&DATES)
                .filter_map(|t| t.attr("datetime").or_else(|| t.attr("content")))
                .map(|t| t.to_string()),
        )
        .find_map(|d| Date::parse_iso(&d).or_else(|| Date::find_in(&d)));
    meta.site_name = metas.get("og:site_name").or_else(|| {
        let publisher = ld.as_ref()?.get("publisher")?;
        string(publisher).or_else(|| string(publisher.get("name")?))
    });
    meta.url = of(&CANONICAL)
        .filter_map(|l| l.attr("href"))
        .map(|h| h.trim().to_string())
        .chain(metas.get("og:url"))
        .find(|u| u.starts_with("http://") || u.starts_with("https://"));
    meta.description = metas
        .get("og:description")
        .or_else(|| metas.get("description"))
        .or_else(|| ld_str("description"));
    let mut tags: Vec<String> = metas.all("article:tag").collect();
    if tags.is_empty() {
        let keywords = metas
            .get("keywords")
            .or_else(|| metas.get("news_keywords"))
            .or_else(|| match ld.as_ref()?.get("keywords")? {
                Value::Array(a) => Some(a.iter().filter_map(string).collect::<Vec<_>>().join(",")),
                v => string(v),
            });
        tags = keywords
            .map(|k| k.split([',', ';']).map(squash).collect())
            .unwrap_or_default();
    }
    tags.retain(|t| !t.is_empty() && t.chars().count() <= 40 && !t.contains("://"));
    tags.dedup();
    tags.truncate(20);
    meta.tags = tags;
    meta
}

/// The page's `<meta>` tags as (name, content) pairs, names in lower case: read once, since a
/// page is asked for a dozen of them.
struct Metas(Vec<(String, String)>);

impl Metas {
    fn of<'a>(tags: impl Iterator<Item = &'a NodeRef<'a>>) -> Metas {
        // Some saving tools write `value=` where the page had `content=`.
        let pairs = tags
            .filter_map(|m| {
                let name = m
                    .attr("property")
                    .or_else(|| m.attr("name"))
                    .or_else(|| m.attr("itemprop"))?;
                let content = m.attr("content").or_else(|| m.attr("value"))?;
                Some((name.trim().to_ascii_lowercase(), content.to_string()))
            })
            .collect();
        Metas(pairs)
    }

    /// The first non-empty content of the tags named `key`.
    fn get(&self, key: &str) -> Option<String> {
        self.all(key).next()
    }

    /// The author a link preview card names: `twitter:dataN` beside a `twitter:labelN` of
    /// "Written by" (what publishing tools write for chat apps' previews).
    fn written_by(&self) -> Option<String> {
        (1..=4).find_map(|n| {
            let label = self.get(&format!("twitter:label{n}"))?.to_lowercase();
            let label = label.trim_end_matches(':');
            ["written by", "author", "by"]
                .contains(&label)
                .then(|| self.get(&format!("twitter:data{n}")))?
        })
    }

    fn all<'a>(&'a self, key: &'a str) -> impl Iterator<Item = String> + 'a {
        self.0
            .iter()
            .filter(move |(n, _)| n.eq_ignore_ascii_case(key))
            .map(|(_, c)| squash(c))
            .filter(|c| !c.is_empty())
    }
}

/// The first JSON-LD object that describes a story, looking inside `@graph` and arrays.
fn json_ld<'a>(scripts: impl Iterator<Item = &'a NodeRef<'a>>) -> Option<Value> {
    scripts
        .filter_map(|s| serde_json::from_str::<Value>(s.text().trim()).ok())
        .find_map(|v| story(v, 0))
}

fn story(value: Value, depth: usize) -> Option<Value> {
    if depth > 4 {
        return None;
    }
    match value {
        Value::Array(items) => items.into_iter().find_map(|v| story(v, depth + 1)),
        Value::Object(mut map) => {
            let typed = match map.get("@type") {
                Some(Value::String(t)) => is_story_type(t),
                Some(Value::Array(ts)) => ts.iter().filter_map(Value::as_str).any(is_story_type),
                _ => false,
            };
            if typed {
                return Some(Value::Object(map));
            }
            story(map.remove("@graph")?, depth + 1)
        }
        _ => None,
    }
}

fn string(value: &Value) -> Option<String> {
    let s = squash(value.as_str()?);
    (!s.is_empty()).then_some(s)
}

/// Names from a JSON-LD `author`: a string, a `Person` with a `name`, or a list of them.
fn names(value: &Value) -> Vec<String> {
    let one = |v: &Value| match v {
        Value::Object(o) => o.get("name").and_then(string),
        v => string(v),
    };
    match value {
        Value::Array(items) => items.iter().filter_map(one).collect::<Vec<_>>(),
        v => one(v).into_iter().collect(),
    }
    .into_iter()
    .filter(|n| !n.contains("://"))
    .collect()
}

#[cfg(test)]
mod tests {
    use super::*;
    use dom_query::Document;

    fn read(page: &Document) -> PageMeta {
        super::read(&Found::walk(page))
    }

    #[test]
    fn reads_json_ld_in_a_graph() {
        let page = r#"<html><head><title>T | Site</title>
            <script type="application/ld+json">{"@graph":[{"@type":"WebSite","name":"Site"},
            {"@type":["NewsArticle"],"headline":"Big  News","datePublished":"2024-03-05T10:00:00Z",
             "author":[{"@type":"Person","name":"Ann Lee"},{"name":"Bo Chan"}],
             "publisher":{"name":"The Daily"},"keywords":["a","b"]}]}</script></head></html>"#;
        let meta = read(&Document::from(page));
        assert_eq!(meta.ld_headline.as_deref(), Some("Big News"));
        assert_eq!(meta.authors, [["Ann Lee", "Bo Chan"]]);
        assert_eq!(meta.published, Date::new(2024, 3, 5));
        assert_eq!(meta.site_name.as_deref(), Some("The Daily"));
        assert_eq!(meta.tags, ["a", "b"]);
        assert_eq!(meta.title.as_deref(), Some("T | Site"));
    }

    #[test]
    fn reads_open_graph_and_meta() {
        let page = r#"<html><head>
            <meta property="og:title" content="Headline &amp; more">
            <meta property="og:site_name" content="Paper">
            <meta property="og:url" content="https://example.org/a">
            <meta name="author" content="https://example.org/people/x">
            <meta property="article:tag" content="Rain"><meta property="article:tag" content="Floods">
            <meta property="article:published_time" content="2023-11-02">
            </head><body></body></html>"#;
        let meta = read(&Document::from(page));
        assert_eq!(meta.og_title.as_deref(), Some("Headline & more"));
        assert_eq!(meta.url.as_deref(), Some("https://example.org/a"));
        assert!(meta.authors.is_empty(), "a url is not a name");
        assert_eq!(meta.tags, ["Rain", "Floods"]);
        assert_eq!(meta.published, Date::new(2023, 11, 2));
    }

    #[test]
    fn a_preview_card_names_the_writer_but_not_its_other_data() {
        let page = r#"<html><head>
            <meta name="twitter:label1" content="Reading time"><meta name="twitter:data1" content="4 minutes">
            <meta name="twitter:label2" value="Written by"><meta name="twitter:data2" value="Ann Lee">
            </head><body></body></html>"#;
        assert_eq!(read(&Document::from(page)).authors, [["Ann Lee"]]);
        let page = r#"<meta name="twitter:label1" content="Reading time">
            <meta name="twitter:data1" content="4 minutes">"#;
        assert!(read(&Document::from(page)).authors.is_empty());
    }
}
