//! The page title on the first line ("Story - Site") and the lines further down that repeat
//! it: where the story's own heading stands.

use super::super::lines::{self, Chrome};
use super::line::{Line, is_cjk};
use super::segment::MAX_ANCHORS;

/// Lines after the first that repeat the page title (or most of it): where the story's own
/// heading stands.
pub(super) fn title_lines(lines: &[Line]) -> Vec<usize> {
    let Some(title) = page_title(lines) else {
        return Vec::new();
    };
    let whole = lines::fold(&title.whole);
    let story = lines::fold(&title.story);
    let mut all: Vec<usize> = (1..lines.len())
        .filter(|&i| {
            let f = &lines[i].folded;
            f.len() >= 8
                && f.len() * 5 >= story.len() * 2
                && whole.contains(f.as_str())
                && (!lines[i].prose || *f == story)
        })
        .collect();
    // A title repeated all over the page is a menu item: its first few places (breadcrumbs,
    // the heading) and its last few (the heading after the menus) will do.
    if all.len() > 2 * MAX_ANCHORS {
        all.drain(MAX_ANCHORS..all.len() - MAX_ANCHORS);
    }
    all
}

/// A page title in the first line: "Story - Site", "Site | Story".
pub(super) struct PageTitle {
    /// The longest part between separators: the story's title when no line repeats it.
    pub(super) story: String,
    pub(super) site: Option<String>,
    pub(super) whole: String,
    /// The parts between separators, in order.
    pub(super) parts: Vec<String>,
    /// Every part is a name (a masthead and a section), none the story's title.
    pub(super) masthead: bool,
    /// One part, shown nowhere else: the title-like first line of a file.
    pub(super) alone: bool,
}

pub(super) const SEPARATORS: &[&str] = &[
    " | ",
    " - ",
    " \u{2013} ",
    " \u{2014} ",
    " :: ",
    " \u{2022} ",
    " \u{B7} ",
    " : ",
    " \u{FF5C} ",
    " \u{FF0D} ",
    "\u{FF1A}",
];

pub(super) fn page_title(lines: &[Line]) -> Option<PageTitle> {
    let first = lines.first()?;
    // One- and two-word first lines are menu items and section labels, not page titles.
    let short = first.words < 3 && first.weight < 6.0;
    if first.chrome == Chrome::Sure
        || short
        || first.prose && first.words > 25
        || lines.len() < 3
        || lines::date_line(first.text, first.words).is_some()
    {
        return None;
    }
    let text = first.text;
    let whole = lines::fold(text);
    // The story's title stands again further down: the first line is then a page title.
    let again = lines[1..].iter().any(|l| {
        let f = &l.folded;
        f.len() >= 8 && whole.contains(f.as_str())
    });
    let mut parts: Vec<&str> = vec![text];
    for sep in SEPARATORS {
        parts = parts
            .iter()
            .flat_map(|p| p.split(sep))
            .map(str::trim)
            .filter(|p| !p.is_empty())
            .collect();
    }
    // A site's name is short and capitalised; in a script without capitals, only short.
    let site_like = |p: &str| {
        let w = p.split_whitespace().count();
        w <= 5
            && p.split_whitespace()
                .all(|w| !w.starts_with(|c: char| c.is_lowercase()))
            && (p.chars().any(char::is_uppercase) || p.chars().count() <= 12)
    };
    // The story's part is the one the page shows again as a line, else the longest.
    let shown = |p: &str| {
        let f = lines::fold(p);
        f.len() >= 8 && lines[1..].iter().any(|l| l.folded == f)
    };
    let story = parts
        .iter()
        .copied()
        .find(|p| parts.len() > 1 && shown(p))
        .or_else(|| parts.iter().copied().max_by_key(|p| p.chars().count()))
        .unwrap_or(text);
    let site = [parts.last(), parts.first()]
        .into_iter()
        .flatten()
        .find(|p| parts.len() > 1 && **p != story && site_like(p))
        .map(|p| p.to_string());
    // A first line standing alone is the page's title too (later lines may repeat it), unless
    // it looks like chrome or a sentence.
    if parts.len() == 1 && !again && (first.chrome != Chrome::No || text.ends_with('.')) {
        return None;
    }
    // "The Harbour Gazette · Politics": every part a name and none shown again is a
    // masthead, not a story's title.
    let masthead = parts.len() > 1 && !again && parts.iter().all(|p| site_like(p) && !shown(p));
    Some(PageTitle {
        story: story.to_owned(),
        site,
        whole: text.to_owned(),
        parts: parts.iter().map(|p| p.to_string()).collect(),
        masthead,
        alone: parts.len() == 1 && !again,
    })
}

/// Words of a line for comparing it with the page title (characters for CJK text).
pub(super) fn title_words(text: &str) -> Vec<String> {
    if text.chars().filter(|&c| is_cjk(c)).count() * 3 > text.chars().count() {
        return text
            .chars()
            .filter(|c| c.is_alphanumeric())
            .map(String::from)
            .collect();
    }
    lines::fold(text)
        .split(|c: char| !c.is_alphanumeric())
        .filter(|w| !w.is_empty())
        .map(str::to_owned)
        .collect()
}
