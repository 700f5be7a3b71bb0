//! The article's fields from the page's sources in order: its metadata first, then its
//! elements (`<h1>`, bylines), then the text heuristics the page dumps use.

use dom_query::Document;

use super::meta::PageMeta;
use super::text::{is_skipped, squash};
use crate::article::{lines, normalise_words};

/// What the page's elements say, read before extraction changes the document.
#[derive(Debug, Default)]
pub struct Hints {
    /// Text of each `<h1>`, in order.
    pub h1: Vec<String>,
    /// Names from byline elements: `rel=author`, `itemprop=author`, a class naming a byline.
    pub byline: Vec<String>,
}

/// Reads the hints; each selector looks at a bounded number of elements.
pub fn hints(doc: &Document) -> Hints {
    let h1 = doc
        .select("body h1")
        .iter()
        .filter(|h| !h.nodes().iter().any(is_skipped))
        .take(8)
        .map(|h| squash(&h.text()))
        .filter(|t| !t.is_empty())
        .collect();
    let mut byline = Vec::new();
    let selectors = [
        "[itemprop=author] [itemprop=name]",
        "[itemprop=author]",
        "a[rel=author]",
        "[class*=byline]",
        "[class*=author-name], [class*=author_name], [class*=authorName]",
        "[class~=author], [class~=authors]",
    ];
    for selector in selectors {
        for node in doc.select(selector).nodes().iter().take(6) {
            if is_skipped(node) {
                continue;
            }
            let text = node
                .attr("content")
                .map(|c| c.to_string())
                .unwrap_or_else(|| node.text().to_string());
            let text = squash(&text);
            if text.is_empty() || text.len() > 200 {
                continue;
            }
            let names = lines::byline(&text)
                .map(|b| b.names)
                .or_else(|| lines::bare_names(&text))
                .unwrap_or_default();
            for name in names {
                if !byline.contains(&name) {
                    byline.push(name);
                }
            }
        }
        if !byline.is_empty() {
            break;
        }
    }
    Hints { h1, byline }
}

/// Separators between a story's title and the site's name in `<title>`.
const TITLE_SEPARATORS: &[&str] = &[
    " | ",
    " - ",
    " \u{2013} ",
    " \u{2014} ",
    " :: ",
    " · ",
    " » ",
    " / ",
];

/// The `<title>` without the site's name before or after it: "Story | Site" -> "Story".
pub fn strip_title(title: &str, site: Option<&str>) -> String {
    let mut title = title.trim().to_owned();
    let site = site.map(normalise_words);
    for _ in 0..3 {
        let cut = TITLE_SEPARATORS
            .iter()
            .filter_map(|s| title.rfind(s).map(|i| (i, s.len())))
            .max_by_key(|(i, _)| *i);
        let Some((at, len)) = cut else { break };
        let (head, tail) = (&title[..at], &title[at + len..]);
        let tail_is_site = site.as_deref() == Some(normalise_words(tail).as_str());
        let short_tail = tail.split_whitespace().count() <= 4;
        if head.split_whitespace().count() >= 2 && (tail_is_site || short_tail) {
            title = head.trim().to_owned();
        } else {
            break;
        }
    }
    // "Site | Story": the site's name first.
    if let Some(site) = &site {
        for s in TITLE_SEPARATORS {
            if let Some((head, tail)) = title.split_once(s)
                && normalise_words(head) == *site
            {
                title = tail.trim().to_owned();
                break;
            }
        }
    }
    title
}

/// The headline: among JSON-LD `headline`, `og:title`, the `<h1>`s and the `<title>` without
/// its site name, the one most other sources agree with (equal, or contained in the title),
/// earlier sources first on a tie.
pub fn headline(meta: &PageMeta, h1: &[String], titles_in_story: &[String]) -> Option<String> {
    let stripped = meta
        .title
        .as_deref()
        .map(|t| strip_title(t, meta.site_name.as_deref()));
    let mut candidates: Vec<&str> = Vec::new();
    candidates.extend(meta.ld_headline.as_deref());
    candidates.extend(meta.og_title.as_deref());
    candidates.extend(titles_in_story.iter().map(String::as_str));
    candidates.extend(h1.iter().take(3).map(String::as_str));
    candidates.extend(stripped.as_deref());
    candidates.retain(|c| !c.trim().is_empty());
    let norm: Vec<String> = candidates.iter().map(|c| normalise_words(c)).collect();
    let title = meta
        .title
        .as_deref()
        .map(normalise_words)
        .unwrap_or_default();
    let votes = |i: usize| {
        let mut sources = 0;
        for (j, other) in norm.iter().enumerate() {
            if j != i && *other == norm[i] {
                sources += 2;
            }
        }
        if !norm[i].is_empty() && title.contains(&norm[i]) {
            sources += 1;
        }
        sources
    };
    let best = (0..candidates.len()).max_by_key(|&i| (votes(i), std::cmp::Reverse(i)))?;
    let mut headline = candidates[best].to_owned();
    // og:title carries the site's name as often as the <title> does.
    if meta.og_title.as_deref() == Some(headline.as_str()) {
        headline = strip_title(&headline, meta.site_name.as_deref());
    }
    Some(headline)
}

/// Author names in order of trust: the page's metadata, its byline elements, the byline line
/// found in the story; each cleaned by the byline rules (no "By", dates, roles or handles).
pub fn authors(
    meta: &PageMeta,
    dom: &[String],
    story: &[String],
    site: Option<&str>,
) -> Vec<String> {
    let site = site.map(normalise_words);
    let clean = |names: &[String]| -> Vec<String> {
        let mut out: Vec<String> = Vec::new();
        for name in names {
            let split = lines::byline(name)
                .map(|b| b.names)
                .unwrap_or_else(|| lines::split_names(name));
            for n in split {
                let is_site = site.as_deref() == Some(normalise_words(&n).as_str());
                if !is_site && !out.contains(&n) {
                    out.push(n);
                }
            }
        }
        out
    };
    [meta.authors.as_slice(), dom, story]
        .into_iter()
        .map(clean)
        .find(|names| !names.is_empty())
        .unwrap_or_default()
}

/// The page's description as a dek, unless the story begins with it (then it says nothing new).
pub fn dek(
    description: Option<&str>,
    first_paragraph: Option<&str>,
    headline: &str,
) -> Option<String> {
    let description = description?.trim();
    let d = normalise_words(description);
    if d.is_empty() || d == normalise_words(headline) || d.split(' ').count() > 60 {
        return None;
    }
    if let Some(first) = first_paragraph {
        let f = normalise_words(first);
        // A description is often the first paragraph cut short with an ellipsis.
        let stem: String = d
            .chars()
            .take(d.chars().count().saturating_sub(8).max(20))
            .collect();
        if f.starts_with(&stem) || f.contains(&d) {
            return None;
        }
    }
    Some(description.to_owned())
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn title_suffixes_and_prefixes_go() {
        assert_eq!(
            strip_title("Sea Wall Breaks | The Coastal Times", None),
            "Sea Wall Breaks"
        );
        assert_eq!(
            strip_title("Sea Wall Breaks - News - Coast", None),
            "Sea Wall Breaks"
        );
        assert_eq!(
            strip_title("Coast Times | Sea Wall Breaks Again", Some("Coast Times")),
            "Sea Wall Breaks Again"
        );
        assert_eq!(
            strip_title("Mayor - a profile of the man who said no", None),
            "Mayor - a profile of the man who said no"
        );
    }

    #[test]
    fn headline_is_the_source_the_page_agrees_with() {
        let meta = PageMeta {
            og_title: Some("Sea wall breaks | Coast".into()),
            title: Some("Sea wall breaks | Coast".into()),
            site_name: Some("Coast".into()),
            ..PageMeta::default()
        };
        let h1 = vec!["Latest news".to_owned(), "Sea Wall Breaks".to_owned()];
        assert_eq!(
            headline(&meta, &h1, &[]).as_deref(),
            Some("Sea Wall Breaks")
        );
    }

    #[test]
    fn authors_are_names_only() {
        let meta = PageMeta {
            authors: vec!["By Jane Doe, Staff Writer".into(), "The Coast".into()],
            ..PageMeta::default()
        };
        assert_eq!(authors(&meta, &[], &[], Some("The Coast")), ["Jane Doe"]);
        let none = PageMeta::default();
        assert_eq!(
            authors(&none, &["Ann Lee".into()], &["Bo Chan".into()], None),
            ["Ann Lee"]
        );
    }

    #[test]
    fn dek_only_when_it_is_not_the_first_paragraph() {
        let first = "The sea wall broke on Tuesday night, flooding the harbour district.";
        assert_eq!(
            dek(
                Some("The sea wall broke on Tuesday night, flooding the..."),
                Some(first),
                "H"
            ),
            None
        );
        assert_eq!(
            dek(Some("A city counts the cost."), Some(first), "H").as_deref(),
            Some("A city counts the cost.")
        );
    }
}
