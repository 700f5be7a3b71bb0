//! The elements the steps read before extraction (metadata, `<h1>`s, byline elements, marks of
//! the story's body), found in one walk over the page.
//!
//! Matching each step's selectors against every element of the page cost more than a tenth of
//! a page's read; a look at an element's name and a few of its attributes rules out nearly all
//! of them. The selectors stay the definition of what each step reads: it matches them against
//! the few elements found here, which are all the elements any of them can match (the tests
//! check this against every selector the steps use).

use std::sync::LazyLock;

use aho_corasick::AhoCorasick;
use dom_query::{Document, Element, Matcher, NodeRef, local_name};

/// The elements of a page that any of the steps' selectors may match, in document order.
pub struct Found<'a>(Vec<NodeRef<'a>>);

impl<'a> Found<'a> {
    /// Walks the page once.
    pub fn walk(doc: &'a Document) -> Found<'a> {
        let nodes = doc
            .root()
            .descendants_it()
            .filter(|n| n.query_or(false, |t| t.as_element().is_some_and(may_be_read)))
            .collect();
        Found(nodes)
    }

    /// The elements `matcher` matches, in document order, as `Document::select_matcher` would
    /// give them for a selector of the steps.
    pub fn matching<'b>(&'b self, matcher: &'b Matcher) -> impl Iterator<Item = &'b NodeRef<'a>> {
        self.0.iter().filter(move |n| n.is_match(matcher))
    }
}

/// Words the classes the steps look for contain (compared in lower case): bylines, authors'
/// names, marks of the story's body.
const CLASS_WORDS: &[&str] = &[
    "author",
    "byline",
    "name",
    "article_body",
    "article-body",
    "articlebody",
    "story-body",
    "story-text",
    "article-text",
    "entry-content",
    "post-content",
];

/// [`CLASS_WORDS`] in any case, looked for at once: most elements have a class, and this
/// look is most of the walk's time.
static CLASS_WORDS_IN_ANY_CASE: LazyLock<AhoCorasick> = LazyLock::new(|| {
    AhoCorasick::builder()
        .ascii_case_insensitive(true)
        .build(CLASS_WORDS)
        .expect("the words make an automaton")
});

/// True for an element one of the steps' selectors may match: the `<title>`, `<meta>` tags,
/// scripts, `<time>`, `<link>`s, `<h1>`s; any element with an `itemprop`; a class holding a
/// word of [`CLASS_WORDS`]; a link to or marked as an author.
fn may_be_read(element: &Element) -> bool {
    let name = &element.name.local;
    if *name == local_name!("title")
        || *name == local_name!("meta")
        || *name == local_name!("script")
        || *name == local_name!("time")
        || *name == local_name!("link")
        || *name == local_name!("h1")
    {
        return true;
    }
    let link = *name == local_name!("a");
    element.attrs.iter().any(|attr| {
        let attr_name = &attr.name.local;
        if *attr_name == local_name!("itemprop") {
            true
        } else if *attr_name == local_name!("class") {
            CLASS_WORDS_IN_ANY_CASE.is_match(attr.value.as_ref())
        } else if link && (*attr_name == local_name!("rel") || *attr_name == local_name!("href")) {
            contains_ignoring_case(&attr.value, "author")
        } else {
            false
        }
    })
}

/// `needle` (lower case ASCII) in `hay`, in any case.
fn contains_ignoring_case(hay: &str, needle: &str) -> bool {
    hay.as_bytes()
        .windows(needle.len())
        .any(|w| w.eq_ignore_ascii_case(needle.as_bytes()))
}

#[cfg(test)]
mod tests {
    use super::*;

    /// Every selector the steps match against the found elements.
    fn selectors() -> Vec<&'static str> {
        let mut all = super::super::meta::SELECTORS.to_vec();
        all.extend(
            super::super::fields::BYLINE_SELECTORS
                .iter()
                .map(|(s, _)| *s),
        );
        all.push(super::super::fields::H1_SELECTOR);
        all.push(super::super::body::BODY_MARKS);
        all
    }

    /// For each selector, the elements found and matched are those the whole page matches.
    fn same_as_select(page: &str) {
        let doc = Document::from(page);
        let found = Found::walk(&doc);
        for selector in selectors() {
            let matcher = Matcher::new(selector).unwrap();
            let walked: Vec<_> = found.matching(&matcher).map(|n| n.id).collect();
            let selected: Vec<_> = doc
                .select_matcher(&matcher)
                .nodes()
                .iter()
                .map(|n| n.id)
                .collect();
            assert_eq!(walked, selected, "{selector}");
        }
    }

    #[test]
    fn every_element_a_step_reads_is_found() {
        same_as_select(
            r#"<html><head><title>T</title><meta property="og:title" content="A">
            <meta itemprop="name" value="B"><script type="application/ld+json">{}</script>
            <link rel="canonical" href="https://example.org/a"></head>
            <body><h1>Head</h1><div itemprop="author"><span itemprop="name">Ann Lee</span></div>
            <p class="Author"><b class="first-Name">Bo</b></p><a rel="author" href="/x">C</a>
            <a href="/authors/d">D</a><a HREF="/Author/e">E</a><span class="ByLine">By F</span><span class="article-byline">By F2</span>
            <span class="post-authorName">G</span><div class="author-info">H</div>
            <time datetime="2024-01-02">2 Jan</time><span itemprop="datePublished">2024</span>
            <div class="Article-Body x"><div class="article_body">I</div></div>
            <section class="story-text">J</section><div class="entry-content">K</div>
            <div itemprop="articleBody"><h1>Inner</h1><p class="post-content">L</p></div>
            <p class="plain">M</p><a href="/about">N</a></body></html>"#,
        );
    }

    #[test]
    fn the_test_pages_find_what_selecting_finds() {
        let dir = std::path::Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/fixtures");
        let mut pages = 0;
        for entry in walk_files(&dir) {
            if entry.extension().is_some_and(|e| e == "html" || e == "htm") {
                let bytes = std::fs::read(&entry).unwrap();
                same_as_select(&String::from_utf8_lossy(&bytes));
                pages += 1;
            }
        }
        assert!(pages >= 5, "the test pages were found ({pages})");
    }

    fn walk_files(dir: &std::path::Path) -> Vec<std::path::PathBuf> {
        let mut out = Vec::new();
        for entry in std::fs::read_dir(dir).unwrap().flatten() {
            let path = entry.path();
            if path.is_dir() {
                out.extend(walk_files(&path));
            } else {
                out.push(path);
            }
        }
        out
    }

    #[test]
    fn plain_elements_are_not_found() {
        let doc = Document::from("<div class=\"story\"><p>A</p><a href=\"/news\">B</a></div>");
        assert_eq!(Found::walk(&doc).0.len(), 0);
    }
}
