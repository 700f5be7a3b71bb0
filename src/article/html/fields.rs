//! The article's fields from the page's sources in order: its metadata first, then its
//! elements (`<h1>`, bylines), then the text heuristics the page dumps use.

use std::sync::LazyLock;

use dom_query::{Matcher, NodeId};

use super::found::Found;
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

/// Elements that say they hold an author's name, most trusted first, each with whether its
/// text is a name even when it is a lower-case handle (else it must read as a byline or as
/// names).
pub(super) const BYLINE_SELECTORS: &[(&str, bool)] = &[
    ("[itemprop=author] [itemprop=name]", true),
    ("[class~=author] [class~=name]", true),
    ("[itemprop=author]", true),
    ("a[rel=author]", true),
    ("[class*=byline]", false),
    (
        "[class*=author-name], [class*=author_name], [class*=authorName]",
        true,
    ),
    (
        "[class~=author], [class~=authors], [class*=author-info], [class*=author__name]",
        false,
    ),
    ("a[href*='/author/'], a[href*='/authors/']", true),
];

static BYLINE_MATCHERS: LazyLock<Vec<(Matcher, bool)>> = LazyLock::new(|| {
    BYLINE_SELECTORS
        .iter()
        .map(|(s, explicit)| (Matcher::new(s).expect("the selectors parse"), *explicit))
        .collect()
});

/// The page's headings read as its titles.
pub(super) const H1_SELECTOR: &str = "body h1";

static H1: LazyLock<Matcher> =
    LazyLock::new(|| Matcher::new(H1_SELECTOR).expect("the selector parses"));

/// Reads the hints from the elements found in the walk; each selector looks at a bounded
/// number of elements.
pub fn hints(found: &Found) -> Hints {
    let h1 = found
        .matching(&H1)
        .filter(|h| !is_skipped(h))
        .take(8)
        .map(|h| squash(&h.text()))
        .filter(|t| !t.is_empty())
        .collect();
    let mut byline = Vec::new();
    // Each selector in its turn, and no more once one has given names.
    for (matcher, explicit) in BYLINE_MATCHERS.iter() {
        let explicit = *explicit;
        // The first element that names someone is the byline; more names come only from
        // elements beside it (a byline of several links), not from the teasers further down.
        let mut first: Option<Vec<NodeId>> = None;
        for node in found.matching(matcher).take(6) {
            // `<meta>` and `<link>` inside an element are microdata: their content is the name.
            let content = node.attr("content");
            if content.is_none() && is_skipped(node) {
                continue;
            }
            if let Some(near) = &first
                && !node
                    .ancestors_it(Some(BYLINE_SPAN))
                    .any(|a| near.contains(&a.id))
            {
                continue;
            }
            let text = content
                .map(|c| c.to_string())
                .unwrap_or_else(|| node.text().to_string());
            let text = squash(&text);
            if text.is_empty() || text.len() > 200 {
                continue;
            }
            let mut names = lines::byline(&text)
                .map(|b| b.names)
                .or_else(|| lines::bare_names(&text))
                .unwrap_or_default();
            if names.is_empty() && explicit && is_handle(&text) {
                names.push(text);
            }
            if !names.is_empty() && first.is_none() {
                first = Some(node.ancestors_it(Some(BYLINE_SPAN)).map(|a| a.id).collect());
            }
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

/// How far up from the first byline element the elements holding more of its names may
/// meet it: links in one line, or lines in one box.
const BYLINE_SPAN: usize = 2;

/// A user name standing for a person: one word of letters, digits, `_`, `.` or `-`.
fn is_handle(text: &str) -> bool {
    let handle = |c: char| c.is_alphanumeric() || "_.-".contains(c);
    (2..=30).contains(&text.chars().count()) && text.chars().all(handle)
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
    for _ in 0..3 {
        // Titles in scripts written without spaces join their parts without spaces too:
        // "Story_Section_Site", "Story｜Site".
        let unspaced = !spaced(&title);
        let tight: &[&str] = if unspaced {
            &["_", "\u{ff5c}", "|"]
        } else {
            &[]
        };
        let cut = TITLE_SEPARATORS
            .iter()
            .chain(tight)
            .filter_map(|s| title.rfind(s).map(|i| (i, s.len())))
            .max_by_key(|(i, _)| *i);
        let Some((at, len)) = cut else { break };
        let (head, tail) = (&title[..at], &title[at + len..]);
        let tail_is_site = site.as_deref() == Some(normalise_words(tail).as_str());
        let short_tail = if unspaced {
            let (h, t) = (head.chars().count(), tail.trim().chars().count());
            t <= 12 && t < h
        } else {
            let (head_words, tail_words) = (
                head.split_whitespace().count(),
                tail.split_whitespace().count(),
            );
            tail_words <= 4 && tail_words <= head_words
        };
        let head_ok = if unspaced {
            long_enough(head)
        } else {
            head.split_whitespace().count() >= 2
        };
        if head_ok && (tail_is_site || short_tail) {
            title = head.trim().to_owned();
        } else {
            break;
        }
    }
    title
}

/// The headline. The page's visible `<h1>` when it agrees with what the page says of itself
/// (shares words with its JSON-LD headline, `og:title` or `<title>`): pages often give search
/// engines a shorter title than the one they show. Of several, the most agreeing one; the
/// story's own first. Else the metadata: JSON-LD `headline`, `og:title`, then the `<title>`,
/// each without the site's name.
pub fn headline(meta: &PageMeta, h1: &[String], titles_in_story: &[String]) -> Option<String> {
    let site = meta.site_name.as_deref();
    let stated: Vec<String> = [&meta.ld_headline, &meta.og_title, &meta.title]
        .into_iter()
        .flatten()
        .map(|t| strip_title(t, site))
        .filter(|t| !t.is_empty())
        .collect();
    let site_norm = site.map(normalise_words);
    let visible = titles_in_story
        .iter()
        .chain(h1)
        .filter(|h| site_norm.as_deref() != Some(normalise_words(h).as_str()))
        .filter(|h| long_enough(h))
        .map(|h| {
            (
                h,
                stated.iter().map(|t| agreement(h, t)).fold(0.0, f32::max),
            )
        })
        .filter(|(_, a)| stated.is_empty() || *a >= 0.3)
        .max_by(|a, b| a.1.total_cmp(&b.1).then(std::cmp::Ordering::Greater));
    if let Some((h, _)) = visible {
        return Some(h.clone());
    }
    stated.into_iter().next()
}

/// True for text written with spaces between words (not Chinese or Japanese).
fn spaced(text: &str) -> bool {
    text.split(' ').count() * 8 >= text.chars().count()
}

/// Two words, or four characters in a script without spaces: never a lone section label.
fn long_enough(heading: &str) -> bool {
    let h = normalise_words(heading);
    if spaced(&h) {
        h.split(' ').count() >= 2
    } else {
        h.chars().filter(|c| *c != ' ').count() >= 4
    }
}

/// How much `heading` and `title` share: their common words (characters, in scripts written
/// without spaces) over the shorter one's, 0 to 1.
fn agreement(heading: &str, title: &str) -> f32 {
    use std::collections::HashSet;
    let (h, t) = (normalise_words(heading), normalise_words(title));
    if h == t {
        return 1.0;
    }
    if spaced(&h) {
        let (ours, theirs): (HashSet<&str>, HashSet<&str>) =
            (h.split(' ').collect(), t.split(' ').collect());
        ours.intersection(&theirs).count() as f32 / ours.len().min(theirs.len()).max(1) as f32
    } else {
        let (ours, theirs): (HashSet<char>, HashSet<char>) =
            (h.chars().collect(), t.chars().collect());
        ours.intersection(&theirs).count() as f32 / ours.len().min(theirs.len()).max(1) as f32
    }
}

/// Author names in order of trust: the page's metadata (each of its sources in turn), its
/// byline elements, the byline line found in the story; each cleaned by the byline rules (no
/// "By", dates, roles or handles). Where the metadata names more people than the page's
/// visible byline, and the byline's names are among them, the byline wins: the metadata of
/// some pages credits the photographer, the stylist and the models too.
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
            let mut split = lines::byline(name)
                .map(|b| b.names)
                .unwrap_or_else(|| lines::split_names(name));
            if split.is_empty() && is_handle(name) {
                split.push(name.clone());
            }
            for n in split {
                let is_site = site.as_deref() == Some(normalise_words(&n).as_str());
                // "Coast Times Staff": the site's staff as a whole is the byline, said whole.
                let n = match staff_of_site(name, is_site) {
                    Some(staff) => staff,
                    None if is_site => continue,
                    None => n,
                };
                if !out.contains(&n) {
                    out.push(n);
                }
            }
        }
        out
    };
    let stated = meta
        .authors
        .iter()
        .map(|source| clean(source))
        .find(|names| !names.is_empty());
    let shown = clean(dom);
    if let Some(stated) = stated {
        let among = |n: &String| {
            let n = normalise_words(n);
            stated.iter().any(|s| normalise_words(s) == n)
        };
        if !shown.is_empty() && shown.len() < stated.len() && shown.iter().all(among) {
            return shown;
        }
        return stated;
    }
    [shown, clean(story)]
        .into_iter()
        .find(|names| !names.is_empty())
        .unwrap_or_default()
}

/// Words with which a site signs what its newsroom wrote as a whole.
const STAFF: &[&str] = &["staff", "desk", "newsroom", "editors", "team"];

/// `name` when it is the site's name (`names_site`: what the byline rules kept of it) and a
/// word from [`STAFF`]: "Coast Times Staff", "Coast Times News Desk".
fn staff_of_site(name: &str, names_site: bool) -> Option<String> {
    let name = squash(name);
    let last = name.rsplit(' ').next()?.to_lowercase();
    (names_site && name.split(' ').count() >= 2 && STAFF.contains(&last.as_str())).then_some(name)
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
            strip_title("港の防潮堤が決壊した夜_社会_海辺新聞", None),
            "港の防潮堤が決壊した夜"
        );
        assert_eq!(
            strip_title("snake_case names in Rust | Blog", None),
            "snake_case names in Rust"
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
            authors: vec![
                vec!["The Coast".into()],
                vec!["By Jane Doe, Staff Writer".into(), "The Coast".into()],
            ],
            ..PageMeta::default()
        };
        assert_eq!(authors(&meta, &[], &[], Some("The Coast")), ["Jane Doe"]);
        let staff = PageMeta {
            authors: vec![vec!["Coast Times Staff".into()]],
            ..PageMeta::default()
        };
        assert_eq!(
            authors(&staff, &[], &[], Some("Coast Times")),
            ["Coast Times Staff"]
        );
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
