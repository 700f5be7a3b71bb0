//! Turning a raw page dump (text copied from a news page, site chrome and all) into a story.
//!
//! The rules are general, not one site's: prose lines (sentences, mostly lower-case words)
//! score for the story and short link-like lines, repeated lines and known chrome score
//! against it; the story is the stretch of lines with the best total (the maximum-sum
//! segment). Around it, the headline, dek, byline, date and photo caption are picked out by
//! their shapes; inside it, chrome, captions and credit lines are taken out again. Each step
//! is a module: `line` (what a line looks like), `photo`, `credit`, `anchor` (the page title
//! and where it stands again), `segment`, `byline`, `headline` (and dek), `body`, `source`.

mod anchor;
mod body;
mod byline;
mod credit;
mod entities;
mod headline;
mod line;
mod photo;
mod segment;
mod source;

use super::lines::{self, Chrome};
use super::{Article, ParseError};
use line::Line;

/// Extracts the story from a page dump (or reads a plain "headline, then paragraphs" file).
pub fn extract(text: &str, options: &super::Options) -> Result<Article, ParseError> {
    let decoded = entities::decode(text);
    // An entity may stand for a control character: the decoded text is cleaned again.
    let cleaned;
    let text = match decoded {
        std::borrow::Cow::Borrowed(text) => text,
        std::borrow::Cow::Owned(decoded) => {
            cleaned = super::hygiene::clean(&decoded);
            cleaned.as_str()
        }
    };
    let raw: Vec<&str> = text
        .lines()
        .map(str::trim)
        .filter(|l| !l.is_empty())
        .collect();
    if raw.is_empty() {
        return Err(ParseError::Empty);
    }
    let mut lines: Vec<Line> = raw.iter().map(|t| Line::new(t, options)).collect();
    line::mark_repeats(&mut lines);

    let mut article = Article::default();
    let mut dropped = vec![false; lines.len()];
    let mut used = vec![false; lines.len()];

    article.photo = photo::find(&lines, &mut used);
    let (credits, credit_lines) = credit::find(&lines, &mut used);
    article.credits = credits;

    let scores: Vec<f32> = lines
        .iter()
        .enumerate()
        .map(|(i, l)| if used[i] { 0.0 } else { l.score() })
        .collect();
    let anchors = segment::heading_anchors(&scores, &anchor::title_lines(&lines));
    let Some((mut start, mut end)) = segment::best_segment(&scores, &credit_lines, &anchors) else {
        return short_story(&lines, &used, article);
    };
    // A clean plain file (a headline line, then text, and no chrome anywhere): all of it is
    // the story, lists and unpunctuated lines included.
    let clean = lines.len() >= 2
        && lines.iter().all(|l| l.chrome == Chrome::No && !l.repeated)
        && !lines[0].prose
        && (3..=30).contains(&lines[0].words)
        && credit_lines.is_empty()
        && used.iter().all(|u| !u);
    if clean {
        (start, end) = (1, lines.len());
    }

    let mut body_start = start;
    if let Some(found) = byline::near_story(&lines, &mut used, &anchors, start) {
        article.authors = found.names;
        article.published = article.published.or(found.date);
        if found.at >= start && found.at < end {
            body_start = body_start.max(found.at + 1);
        }
    } else if let Some(found) = byline::bare_near_story(&lines, &mut used, &anchors, start) {
        article.authors = found.names;
        article.published = article.published.or(found.date);
    }
    let mut date_at = None;
    for i in 0..lines.len().min(end) {
        if !used[i]
            && article.published.is_none()
            && (i < body_start || i < start + 3)
            && let Some(d) = lines::date_line(lines[i].text, lines[i].words)
        {
            article.published = Some(d);
            used[i] = true;
            date_at = Some(i);
        }
    }

    // A plain saved file: the headline on the first line, the story straight after it.
    let plain = start == 1 && !used[0] && lines[0].chrome == Chrome::No && !lines[0].prose;
    let mut page_title = if plain {
        None
    } else {
        anchor::page_title(&lines)
    };
    // A masthead first ("The Harbour Gazette · Politics") names the source and a section.
    let mut masthead_names = Vec::new();
    if let Some(t) = page_title.take_if(|t| t.masthead) {
        used[0] = true;
        let name = t.parts.iter().max_by_key(|p| p.split_whitespace().count());
        article.source = name.cloned();
        article
            .tags
            .extend(t.parts.iter().filter(|p| Some(*p) != name).cloned());
        masthead_names.extend(t.parts.iter().map(|p| lines::fold(p)));
        masthead_names.push(lines::fold(&t.whole));
    }
    let headline_at = if plain {
        Some(0)
    } else {
        // Names of the publication the page shows: never the headline.
        let chrome_text: Vec<String> = lines
            .iter()
            .filter(|l| l.chrome != Chrome::No)
            .map(|l| l.text.to_owned())
            .collect();
        let masthead = headline::Masthead {
            names: page_title
                .iter()
                .filter_map(|t| t.site.as_deref())
                .chain(source::source_from_chrome(&chrome_text).as_deref())
                .map(lines::fold)
                .chain(masthead_names)
                .collect(),
        };
        headline::find_headline(&lines, &used, body_start, page_title.as_ref(), &masthead)
    };
    match headline_at {
        Some(h) => {
            article.headline = lines[h].text.to_owned();
            used[h] = true;
            // A kicker or section label over the headline ("WEEKEND READ") is a tag.
            if h > 0 && !used[h - 1] && headline::kicker(&lines[h - 1]) {
                article.tags.push(lines[h - 1].text.to_owned());
                used[h - 1] = true;
            }
            if h >= start && h + 1 < end {
                body_start = body_start.max(h + 1);
            }
            if article.authors.is_empty()
                && let Some(found) = byline::near_headline(&lines, &mut used, h, date_at)
            {
                article.authors = found.names;
                article.published = article.published.or(found.date);
                if found.at >= start && found.at < end {
                    body_start = body_start.max(found.at + 1);
                }
            }
        }
        None => {
            article.headline = page_title
                .as_ref()
                .map(|t| t.story.clone())
                .unwrap_or_default();
        }
    }
    if article.authors.is_empty()
        && let Some(found) = byline::marked_above(&lines, &mut used, start)
    {
        article.authors = found.names;
        article.published = article.published.or(found.date);
    }
    if let Some(t) = &page_title {
        used[0] = true;
        article.source = t.site.clone();
    }

    if let Some(h) = headline_at
        && let Some(d) = headline::dek(&lines, &used, h, body_start, end)
    {
        article.dek = Some(lines[d].text.to_owned());
        used[d] = true;
    }

    let blocks = body::blocks(&lines, &used, (body_start, end), clean, &mut dropped);
    if blocks.is_empty() {
        // A headline over nothing but chrome: a brief or a paywalled teaser.
        if article.headline.is_empty() {
            return short_story(&lines, &used, article);
        }
        article.warnings.push(NO_BODY.to_owned());
    }
    if let [only] = blocks.as_slice()
        && only.text.split_whitespace().count() < 40
    {
        article.warnings.push(SHORT.to_owned());
    }
    article.blocks = blocks;
    for i in 0..lines.len() {
        if !used[i] && (dropped[i] || i < body_start || i >= end) {
            article.dropped.push(lines[i].text.to_owned());
        }
    }
    if article.source.is_none() {
        article.source = source::source_from_chrome(&article.dropped);
    }
    if article.headline.is_empty() {
        article.headline = article.blocks[0].text.chars().take(80).collect();
    }
    Ok(article)
}

/// The note on a story of one short paragraph.
const SHORT: &str = "a short story: one short paragraph";

/// The note on a story shown without a body.
const NO_BODY: &str = "a headline with no body: a brief or a teaser";

/// A page too short to hold a stretch of prose: a headline alone, or a headline and a short
/// sentence. What is not chrome is the story; a page of chrome alone is no story.
fn short_story(lines: &[Line], used: &[bool], mut article: Article) -> Result<Article, ParseError> {
    let mut kept = lines
        .iter()
        .enumerate()
        .filter(|(i, l)| !used[*i] && l.chrome == Chrome::No && !l.repeated)
        .map(|(_, l)| l);
    let Some(headline) = kept.next() else {
        return Err(ParseError::NoStory);
    };
    article.headline = headline.text.to_owned();
    for line in kept {
        if article.published.is_none()
            && let Some(d) = lines::date_line(line.text, line.words)
        {
            article.published = Some(d);
        } else if let Some(b) = lines::byline(line.text).filter(|_| article.authors.is_empty()) {
            article.authors = b.names;
            article.published = article.published.or(b.date);
        } else {
            article.blocks.push(super::Block::paragraph(line.text));
        }
    }
    // Said only where true: pathological pages (thousands of repeated lines) come here too.
    match article.blocks.as_slice() {
        [] => article.warnings.push(NO_BODY.to_owned()),
        [only] if only.text.split_whitespace().count() < 40 => {
            article.warnings.push(SHORT.to_owned())
        }
        _ => {}
    }
    Ok(article)
}

#[cfg(test)]
mod tests {
    use std::path::Path;

    #[test]
    fn a_list_of_many_short_lines_is_not_called_one_short_paragraph() {
        let items: String = (1..=50).map(|i| format!("Item number {i}\n\n")).collect();
        let text = format!("A List Of Items\n\n{items}");
        let article = crate::article::parse(Path::new("items.txt"), text.as_bytes()).unwrap();
        assert_eq!(article.blocks.len(), 50);
        assert!(
            !article
                .warnings
                .iter()
                .any(|w| w.contains("one short paragraph")),
            "{:?}",
            article.warnings
        );
        let short =
            crate::article::parse(Path::new("s.txt"), b"A Headline\n\nOne line.\n").unwrap();
        assert!(
            short
                .warnings
                .iter()
                .any(|w| w.contains("one short paragraph"))
        );
    }
}
