//! Turning a raw page dump (text copied from a news page, site chrome and all) into a story.
//!
//! The rules are general, not one site's: prose lines (sentences, mostly lower-case words)
//! score for the story and short link-like lines, repeated lines and known chrome score
//! against it; the story is the stretch of lines with the best total (the maximum-sum
//! segment). Around it, the headline, dek, byline, date and photo caption are picked out by
//! their shapes; inside it, chrome, captions and credit lines are taken out again.

use std::collections::HashMap;

use super::lines::{self, Chrome};
use super::{Article, Block, Options, ParseError};

/// What one line of the dump looks like.
#[derive(Debug, Clone)]
struct Line<'a> {
    text: &'a str,
    /// Words, or for scripts without spaces, characters over two.
    weight: f32,
    words: usize,
    prose: bool,
    chrome: Chrome,
    repeated: bool,
    /// The line lower-cased without edge punctuation, for comparisons (see `lines::fold`).
    folded: String,
}

fn is_cjk(c: char) -> bool {
    matches!(c, '\u{3040}'..='\u{30FF}' | '\u{3400}'..='\u{4DBF}' | '\u{4E00}'..='\u{9FFF}' | '\u{AC00}'..='\u{D7AF}' | '\u{F900}'..='\u{FAFF}' | '\u{FF00}'..='\u{FFEF}')
}

impl<'a> Line<'a> {
    fn new(text: &'a str, options: &Options) -> Self {
        let words = text.split_whitespace().count();
        let chars = text.chars().count();
        let cjk = text.chars().filter(|&c| is_cjk(c)).count();
        let dense = cjk * 3 > chars;
        let weight = if dense {
            chars as f32 / 2.0
        } else {
            words as f32
        };
        let last = text
            .trim_end_matches([
                '"', '\u{201D}', '\u{2019}', '\'', ')', ']', '\u{BB}', '\u{300D}', '\u{300F}', ' ',
            ])
            .chars()
            .next_back()
            .unwrap_or(' ');
        let ends_sentence = ".!?:;\u{3002}\u{FF01}\u{FF1F}\u{2026}".contains(last);
        let lowercase = text
            .split_whitespace()
            .filter(|w| w.starts_with(|c: char| c.is_lowercase()))
            .count();
        let prose = if dense {
            chars >= 20 && (ends_sentence || text.contains('\u{3002}') || text.contains('\u{3001}'))
        } else {
            // Prose without a final stop still has punctuation inside; a tag cloud has none.
            let inner_punctuation = text.contains([',', '.', ';', ':']);
            words >= 5
                && (ends_sentence || (words >= 12 && lowercase * 2 >= words && inner_punctuation))
                || words >= 8 && lowercase * 2 >= words && text.contains(", ")
        };
        let folded = lines::fold(text);
        let mut line = Line {
            text,
            weight,
            words,
            prose,
            chrome: lines::chrome_folded(&folded, words),
            folded,
            repeated: false,
        };
        if !options.keep_phrases.is_empty()
            || !options.chrome_phrases.is_empty()
            || !options.chrome_patterns.is_empty()
        {
            let lower = text.to_lowercase();
            if options
                .keep_phrases
                .iter()
                .any(|p| lower.contains(&p.to_lowercase()))
            {
                line.chrome = Chrome::No;
                line.prose = true;
            } else if options
                .chrome_phrases
                .iter()
                .any(|p| lower.contains(&p.to_lowercase()))
                || options.chrome_patterns.iter().any(|r| r.is_match(text))
            {
                line.chrome = Chrome::Sure;
            }
        }
        line
    }

    /// How much this line says "story" (positive) or "chrome" (negative).
    fn score(&self) -> f32 {
        match self.chrome {
            Chrome::Sure => return -(self.weight.max(8.0)),
            Chrome::Likely => return -(self.weight.max(6.0)),
            Chrome::No => {}
        }
        if self.repeated {
            return -(self.weight.max(4.0));
        }
        if self.prose {
            self.weight
        } else {
            -(2.5 + self.weight * 0.3)
        }
    }
}

/// Extracts the story from a page dump (or reads a plain "headline, then paragraphs" file).
pub fn extract(text: &str, options: &Options) -> Result<Article, ParseError> {
    let raw: Vec<&str> = text
        .lines()
        .map(str::trim)
        .filter(|l| !l.is_empty())
        .collect();
    if raw.is_empty() {
        return Err(ParseError::Empty);
    }
    let mut lines: Vec<Line> = raw.iter().map(|t| Line::new(t, options)).collect();
    mark_repeats(&mut lines);

    let mut article = Article::default();
    let mut dropped = vec![false; lines.len()];
    let mut used = vec![false; lines.len()];

    // Photo captions and their alt-text twins, wherever they stand.
    for i in 0..lines.len() {
        let Some(mut photo) =
            lines::caption(lines[i].text).or_else(|| lines::trailing_photo_source(lines[i].text))
        else {
            continue;
        };
        used[i] = true;
        if article.photo.is_some() {
            continue;
        }
        // A credit on its own line ("Photo: Jane Roe/AFP") under its caption.
        if photo.caption.is_empty()
            && i > 0
            && !used[i - 1]
            && lines[i - 1].words <= 60
            && lines[i - 1].chrome == Chrome::No
        {
            photo.caption = lines[i - 1].text.to_owned();
            used[i - 1] = true;
        }
        article.photo = Some(photo);
    }
    // A caption that stands twice (alt text, then caption), with its credit on the next line
    // ("Scott Heins/Gothamist") or none.
    if article.photo.is_none() {
        let twin = (0..lines.len().saturating_sub(1)).find(|&i| {
            let l = &lines[i];
            !used[i]
                && l.text == lines[i + 1].text
                && (4..=60).contains(&l.words)
                && l.chrome == Chrome::No
                && (l.text.ends_with('.')
                    || lines.get(i + 2).is_some_and(|c| lines::credit_line(c.text)))
        });
        if let Some(i) = twin {
            let credit = lines
                .get(i + 2)
                .filter(|c| !used[i + 2] && lines::credit_line(c.text));
            used[i] = true;
            used[i + 1] = true;
            if credit.is_some() {
                used[i + 2] = true;
            }
            article.photo = Some(super::Photo {
                caption: lines[i].text.to_owned(),
                credit: credit.map(|c| c.text.to_owned()),
            });
        }
    }
    if let Some(photo) = &article.photo {
        let folded = lines::fold(&photo.caption);
        for (i, line) in lines.iter().enumerate() {
            if !photo.caption.is_empty() && line.folded == folded {
                used[i] = true;
            }
        }
    }

    // Wire credit lines end the story.
    let mut credit_lines = Vec::new();
    for (i, line) in lines.iter().enumerate() {
        if line.words <= 60
            && let Some(found) = lines::credits(line.text)
        {
            // Production credits (photography, styling) may stand at the top.
            if found.iter().any(|c| lines::ends_story(&c.role)) {
                credit_lines.push(i);
            }
            article.credits.extend(found);
            used[i] = true;
        }
    }

    let scores: Vec<f32> = lines
        .iter()
        .enumerate()
        .map(|(i, l)| if used[i] { 0.0 } else { l.score() })
        .collect();
    let anchors = title_lines(&lines);
    let Some((mut start, mut end)) = best_segment(&scores, &credit_lines, &anchors) else {
        let titles = lines
            .iter()
            .filter(|l| l.chrome == Chrome::No && !l.repeated)
            .count();
        return Err(if titles == 1 && lines.len() <= 2 {
            ParseError::NoBody
        } else {
            ParseError::NoStory
        });
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

    // Bylines: just below the story's title, or before the story or at its top.
    let mut zone: Vec<usize> = anchors
        .iter()
        .flat_map(|&a| a + 1..(a + 13).min(lines.len()))
        .collect();
    zone.extend(start.saturating_sub(12)..(start + 6).min(lines.len()));
    let mut body_start = start;
    if let Some(found) = find_byline(&lines, &mut used, &zone) {
        article.authors = found.names;
        article.published = article.published.or(found.date);
        if found.at >= start && found.at < end {
            body_start = body_start.max(found.at + 1);
        }
    }
    // A line of bare names right under the title or just before the body, when no line
    // said "By".
    if article.authors.is_empty() {
        let near_title = anchors
            .iter()
            .flat_map(|&a| a + 1..(a + 4).min(lines.len()));
        // Before the body, a bare name needs a date beside it to be taken for a byline.
        let dated = |i: usize| {
            [i.wrapping_sub(1), i + 1].iter().any(|&j| {
                lines
                    .get(j)
                    .is_some_and(|l| lines::date_line(l.text, l.words).is_some())
            })
        };
        let before_body = (start.saturating_sub(4).max(1)..start)
            .rev()
            .filter(|&i| dated(i));
        let near_title: Vec<usize> = near_title.collect();
        let mut found = None;
        for i in near_title.iter().copied().chain(before_body) {
            if let Some(names) = lines::bare_names(lines[i].text)
                .filter(|_| !used[i] && lines[i].chrome == Chrome::No && !lines[i].repeated)
            {
                used[i] = true;
                found = Some(Found {
                    names,
                    date: None,
                    at: i,
                });
                break;
            }
        }
        // "Jane Doe • March 3, 2024" under the title: the date vouches for the name.
        let found = found.or_else(|| {
            let dated: Vec<usize> = near_title
                .iter()
                .copied()
                .filter(|&i| lines[i].text.contains(['•', '·', '|']))
                .collect();
            bare_byline(&lines, &mut used, &dated, false)
        });
        if let Some(found) = found {
            article.authors = found.names;
            article.published = article.published.or(found.date);
        }
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
    let page_title = if plain { None } else { page_title(&lines) };
    let headline_at = if plain {
        Some(0)
    } else {
        find_headline(&lines, &used, body_start, page_title.as_ref())
    };
    match headline_at {
        Some(h) => {
            article.headline = lines[h].text.to_owned();
            used[h] = true;
            if h >= start && h + 1 < end {
                body_start = body_start.max(h + 1);
            }
            // The byline's place is under the headline, wherever the page put the title.
            if article.authors.is_empty() {
                let zone: Vec<usize> = (h + 1..(h + 8).min(lines.len())).collect();
                // Some pages put the name just above the headline, among section labels
                // and menus: there, only words the page never writes in lower case
                // ("Arielle Pardes", not "Subscriber Only"), and further up than the line
                // before the headline only with the date between them.
                let dated_between = |i: usize| {
                    (i + 1..h).any(|j| lines::date_line(lines[j].text, lines[j].words).is_some())
                };
                let (above_dated, above_near): (Vec<usize>, Vec<usize>) = (h.saturating_sub(4)..h)
                    .rev()
                    .filter(|&i| i + 2 >= h || dated_between(i))
                    // The cheap test first: reading the whole page for common words is not.
                    .filter(|&i| !lines[i].repeated && lines::bare_names(lines[i].text).is_some())
                    .filter(|&i| !uses_common_words(&lines, i))
                    .partition(|&i| dated_between(i));
                // The date's line may hold the name too ("Jane Doe 2019年4月28日").
                if let Some(d) = date_at {
                    used[d] = false;
                }
                let found = find_byline(&lines, &mut used, &zone)
                    .or_else(|| bare_byline(&lines, &mut used, &zone[..zone.len().min(3)], false))
                    .or_else(|| bare_byline(&lines, &mut used, &above_dated, true))
                    .or_else(|| bare_byline(&lines, &mut used, &above_near, false));
                if let Some(d) = date_at {
                    used[d] = true;
                }
                if let Some(found) = found {
                    article.authors = found.names;
                    article.published = article.published.or(found.date);
                    if found.at >= start && found.at < end {
                        body_start = body_start.max(found.at + 1);
                    }
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
    if let Some(t) = &page_title {
        used[0] = true;
        article.source = t.site.clone();
    }

    // A dek: one line between the headline and the body.
    if let Some(h) = headline_at
        && let Some(d) = (h + 1..body_start.max(h + 2).min(lines.len())).find(|&i| !used[i])
    {
        let line = &lines[d];
        if line.chrome == Chrome::No
            && line.words >= 4
            && line.words <= 60
            && !line.repeated
            && d < end
            && d < body_start
        {
            article.dek = Some(line.text.to_owned());
            used[d] = true;
        }
    }

    // The body.
    let mut blocks = Vec::new();
    for i in body_start..end {
        if used[i] {
            continue;
        }
        let line = &lines[i];
        let keep = line.chrome == Chrome::No && !line.repeated;
        if keep && (line.prose || line.words >= 8) {
            blocks.push((i, Block::paragraph(line.text)));
        } else if keep && is_subhead(&lines, &used, i, body_start, end) {
            blocks.push((i, Block::subhead(line.text)));
        } else if clean {
            blocks.push((i, Block::paragraph(line.text)));
        } else {
            dropped[i] = true;
        }
    }
    // A subhead must lead into text.
    while blocks
        .last()
        .is_some_and(|(_, b)| b.kind == super::BlockKind::Subhead)
    {
        let (i, _) = blocks.pop().unwrap();
        dropped[i] = true;
    }
    if blocks.is_empty() {
        return Err(ParseError::NoStory);
    }
    article.blocks = blocks.into_iter().map(|(_, b)| b).collect();
    for i in 0..lines.len() {
        if !used[i] && (dropped[i] || i < body_start || i >= end) {
            article.dropped.push(lines[i].text.to_owned());
        }
    }
    if article.source.is_none() {
        article.source = source_from_chrome(&article.dropped);
    }
    if article.headline.is_empty() {
        article.headline = article.blocks[0].text.chars().take(80).collect();
    }
    Ok(article)
}

/// Lines that stand more than once (menus repeated at the foot of a page) are chrome.
/// A byline found, and the last line it took.
struct Found {
    names: Vec<String>,
    date: Option<super::Date>,
    at: usize,
}

/// The first byline among the `zone` lines: "By Jane Doe" (with a date or a role glued on),
/// or "By" alone with the names on the next line.
fn find_byline(lines: &[Line], used: &mut [bool], zone: &[usize]) -> Option<Found> {
    for &i in zone {
        if used[i] {
            continue;
        }
        let alone = matches!(lines[i].text, "By" | "By:" | "by" | "BY");
        let byline = match lines.get(i + 1).filter(|_| alone) {
            Some(next) => Some(lines::Byline {
                names: lines::split_names(next.text),
                date: None,
            })
            .filter(|b| !b.names.is_empty()),
            None => lines::byline(lines[i].text),
        };
        if let Some(b) = byline {
            used[i] = true;
            if alone {
                used[i + 1] = true;
            }
            return Some(Found {
                names: b.names,
                date: b.date,
                at: i + alone as usize,
            });
        }
    }
    None
}

/// Whether a line holds a word that the page also writes in lower case: a common word, so
/// not a name.
fn uses_common_words(lines: &[Line], at: usize) -> bool {
    let words: Vec<String> = lines[at]
        .text
        .split(|c: char| !c.is_alphabetic())
        .filter(|w| w.chars().count() > 1)
        .map(str::to_lowercase)
        .collect();
    lines.iter().any(|l| {
        l.text
            .split(|c: char| !c.is_alphabetic())
            .any(|w| w.starts_with(char::is_lowercase) && words.iter().any(|n| n == w))
    })
}

/// A line of bare names right under the headline: "Jane Doe", "Jane DoeTwitterStaff Writer",
/// "Jane Doe • March 3, 2024". A name there may repeat (an author box lower down).
fn bare_byline(lines: &[Line], used: &mut [bool], zone: &[usize], vouched: bool) -> Option<Found> {
    for &i in zone {
        // A byline is a short line; paragraphs are not worth taking apart.
        if used[i] || lines[i].chrome != Chrome::No || lines[i].words > 12 {
            continue;
        }
        let text = lines[i].text;
        // "Fox Nation•October 3, 2016", "Jane Doe 2019年4月28日 08時00分": names, then a date.
        let split = text
            .find(['•', '·', '|'])
            .or_else(|| text.find(|c: char| c.is_ascii_digit()));
        let date_after = |at: usize| {
            super::Date::find_in(text[at..].trim_start_matches(['•', '·', '|']))
                .or_else(|| super::Date::find_in(text))
        };
        let (names_part, date) = match split.map(|at| (at, date_after(at))) {
            Some((at, Some(d))) => (text[..at].trim(), Some(d)),
            _ => (text, None),
        };
        // "Jane Doe March 3, 2024": the month belongs to the date.
        let names_part = match names_part.rsplit_once(' ') {
            Some((names, last)) if super::date::month_of(last).is_some() => names.trim(),
            _ => names_part,
        };
        let unglued = lines::cut_glued(names_part);
        // A role glued on ("HusbandTwitter") says this is a byline.
        let glued = unglued.len() < names_part.len();
        let names_part = unglued;
        // "ZDNet Japan Staff": a newsroom's own byline, when a date vouches for it.
        let staff = date.is_some()
            && names_part.ends_with(" Staff")
            && (2..=5).contains(&names_part.split_whitespace().count())
            && names_part
                .split_whitespace()
                .all(|w| w.starts_with(char::is_uppercase));
        // A name in Chinese or Japanese script has no spaces or capitals to tell it from a
        // menu item: a date on its line or the next one vouches for it.
        let dated = date.is_some()
            || [i.wrapping_sub(1), i + 1].iter().any(|&j| {
                lines
                    .get(j)
                    .is_some_and(|l| lines::date_line(l.text, l.words).is_some())
            });
        let cjk_name = dated
            && (2..=6).contains(&names_part.chars().count())
            && names_part
                .chars()
                .all(|c| is_cjk(c) && !"　、。・".contains(c))
            // Names hold a Chinese character; labels like シェア ("share") are kana only.
            && names_part
                .chars()
                .any(|c| matches!(c, '\u{3400}'..='\u{4DBF}' | '\u{4E00}'..='\u{9FFF}'));
        // Two capitalised words alone are as often a place ("Ewood Park") as a name: a date,
        // a glued role, or the same line again (an author box) must vouch for them.
        let names = if staff || cjk_name {
            Some(vec![names_part.to_owned()])
        } else if vouched || dated || glued || lines[i].repeated {
            lines::bare_names(names_part)
        } else {
            None
        };
        if let Some(names) = names {
            used[i] = true;
            return Some(Found { names, date, at: i });
        }
    }
    None
}

fn mark_repeats(lines: &mut [Line]) {
    let mut seen: HashMap<&str, usize> = HashMap::new();
    for line in lines.iter() {
        *seen.entry(line.folded.as_str()).or_default() += 1;
    }
    let repeated: Vec<bool> = lines
        .iter()
        .map(|l| seen[l.folded.as_str()] > 1 && l.words < 25)
        .collect();
    for (line, r) in lines.iter_mut().zip(repeated) {
        line.repeated = r;
    }
}

/// The maximum-sum stretch of lines, cut at the first credit line inside it: wire credits
/// close a story. A stretch that starts just below the story's title (an anchor) is preferred
/// unless another is much stronger: a short story should not lose to a long footer.
fn best_segment(scores: &[f32], credits: &[usize], anchors: &[usize]) -> Option<(usize, usize)> {
    let (mut best, mut best_range) = (0.0f32, None);
    let (mut sum, mut from) = (0.0f32, 0);
    for (i, &s) in scores.iter().enumerate() {
        if sum <= 0.0 {
            sum = 0.0;
            from = i;
        }
        sum += s;
        if sum > best {
            best = sum;
            best_range = Some((from, i + 1));
        }
    }
    for &anchor in anchors {
        for start in anchor + 1..(anchor + 1 + ANCHOR_WINDOW).min(scores.len()) {
            let (mut running, mut near, mut near_end) = (0.0f32, 0.0f32, start);
            for (i, &s) in scores.iter().enumerate().skip(start) {
                running += s;
                if running > near {
                    near = running;
                    near_end = i + 1;
                }
            }
            if near > 0.0 && near * 2.0 + 20.0 >= best && scores[start] > 0.0 {
                best = near * 2.0 + 20.0;
                best_range = Some((start, near_end));
            }
        }
    }
    let (start, mut end) = best_range?;
    if let Some(&c) = credits.iter().find(|&&c| c > start && c < end) {
        end = c;
    }
    // Zero-scored lines (captions, credits) just past the end belong to the story's edge.
    while end < scores.len() && scores[end] == 0.0 {
        end += 1;
    }
    Some((start, end))
}

/// How many places repeating the title are tried as the story's start.
const MAX_ANCHORS: usize = 3;

/// How far below the story's title its first paragraph may start.
const ANCHOR_WINDOW: usize = 12;

/// Lines after the first that repeat the page title (or most of it): where the story's own
/// heading stands.
fn title_lines(lines: &[Line]) -> Vec<usize> {
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
struct PageTitle {
    /// The longest part between separators: the story's title when no line repeats it.
    story: String,
    site: Option<String>,
    whole: String,
}

const SEPARATORS: &[&str] = &[
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

fn page_title(lines: &[Line]) -> Option<PageTitle> {
    let first = lines.first()?;
    // One- and two-word first lines are menu items and section labels, not page titles.
    let short = first.words < 3 && first.weight < 6.0;
    if first.chrome == Chrome::Sure || short || first.prose && first.words > 25 || lines.len() < 3 {
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
    let site_like = |p: &str| {
        let w = p.split_whitespace().count();
        w <= 5
            && p.split_whitespace()
                .all(|w| !w.starts_with(|c: char| c.is_lowercase()))
    };
    let story = parts
        .iter()
        .copied()
        .max_by_key(|p| p.chars().count())
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
    Some(PageTitle {
        story: story.to_owned(),
        site,
        whole: text.to_owned(),
    })
}

/// Words of a line for comparing it with the page title (characters for CJK text).
fn title_words(text: &str) -> Vec<String> {
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

/// The story's title. With a page title: the longest line the title contains, else the line
/// sharing most of its words with the title; without one: the first line of a plain file, or
/// the title-shaped line nearest the body.
fn find_headline(
    lines: &[Line],
    used: &[bool],
    body_start: usize,
    title: Option<&PageTitle>,
) -> Option<usize> {
    let before = 0..body_start.min(lines.len());
    let title_shaped = |l: &Line| {
        l.chrome == Chrome::No
            && !lines::credit_line(l.text)
            && l.words <= 40
            && !l.text.ends_with('.')
            && l.text.chars().count() <= 250
    };
    if let Some(t) = title {
        let whole = lines::fold(&t.whole);
        let story_len = lines::fold(&t.story).len();
        let contained = (1..lines.len())
            .filter(|&i| {
                let f = &lines[i].folded;
                f.len() >= 4
                    && f.len() * 5 >= story_len * 2
                    && whole.contains(f.as_str())
                    && title_shaped(&lines[i])
            })
            .max_by_key(|&i| {
                (
                    i < body_start,
                    lines[i].folded.len(),
                    std::cmp::Reverse(i.abs_diff(body_start)),
                )
            });
        if contained.is_some() {
            return contained;
        }
        let words = title_words(&t.whole);
        let best = before
            .clone()
            .skip(1)
            .filter(|&i| !used[i] && title_shaped(&lines[i]))
            .filter_map(|i| {
                let own = title_words(lines[i].text);
                let shared = own.iter().filter(|w| words.contains(w)).count();
                (shared >= 2 && shared * 5 >= own.len() * 3)
                    .then_some((shared * 100 / own.len().max(1), i))
            })
            .max();
        return best.map(|(_, i)| i);
    }
    let title_shaped = |l: &Line| title_shaped(l) && !l.repeated && l.words >= 2 && l.words <= 30;
    // A plain saved file: headline on the first line, then the story.
    if let Some(first) = lines.first()
        && title_shaped(first)
        && !used[0]
        && body_start <= 4
    {
        return Some(0);
    }
    let candidates: Vec<usize> = before
        .filter(|&i| !used[i] && title_shaped(&lines[i]))
        .collect();
    // The first title-shaped line followed, before the body, only by metadata and a dek:
    // `quiet_from[j]` says whether every line from j to the body is one of those.
    let end = body_start.min(lines.len());
    let mut quiet_from = vec![true; end + 1];
    for j in (0..end).rev() {
        quiet_from[j] = (used[j] || lines[j].prose) && quiet_from[j + 1];
    }
    candidates
        .iter()
        .copied()
        .find(|&i| quiet_from[i + 1])
        .or(candidates.last().copied())
}

/// A short line between paragraphs that introduces the next one: "What happens next".
fn is_subhead(lines: &[Line], used: &[bool], i: usize, start: usize, end: usize) -> bool {
    let line = &lines[i];
    if line.words == 0
        || line.words > 12
        || line.text.ends_with(['.', ',', ';'])
        || line.text.chars().count() > 100
    {
        return false;
    }
    let next_prose = (i + 1..end)
        .find(|&j| !used[j])
        .is_some_and(|j| lines[j].prose && lines[j].chrome == Chrome::No);
    let prev_prose = (start..i)
        .rev()
        .find(|&j| !used[j])
        .is_none_or(|j| lines[j].prose);
    next_prose
        && prev_prose
        && line
            .text
            .starts_with(|c: char| c.is_uppercase() || c.is_numeric() || !c.is_alphabetic())
}

/// The publication, when dropped chrome names it: a copyright holder, or a "The Name" phrase
/// that two or more chrome lines repeat ("...from The Christian Post", "Help keep The Christian
/// Post free").
fn source_from_chrome(dropped: &[String]) -> Option<String> {
    for line in dropped {
        let lower = line.to_ascii_lowercase();
        if let Some(at) = lower.find('©').or_else(|| lower.find("copyright")) {
            let rest = &line[at..];
            let name: Vec<&str> = rest
                .split_whitespace()
                .skip(1)
                .skip_while(|w| {
                    w.chars()
                        .all(|c| c.is_ascii_digit() || c == '-' || c == ',')
                })
                .take_while(|w| w.starts_with(|c: char| c.is_uppercase()))
                .collect();
            // The name ends with its sentence: "The Valley Gazette. All rights reserved."
            let end = name
                .iter()
                .position(|w| w.ends_with(['.', ',', ';']))
                .map(|i| i + 1)
                .unwrap_or(name.len());
            let name = name[..end]
                .join(" ")
                .trim_end_matches(['.', ',', ';'])
                .to_owned();
            if !name.is_empty() && name.split_whitespace().count() <= 5 && !name.starts_with("All")
            {
                return Some(name);
            }
        }
    }
    let mut counts: HashMap<String, usize> = HashMap::new();
    for line in dropped {
        let words: Vec<&str> = line.split_whitespace().collect();
        let mut seen_here = Vec::new();
        for (i, w) in words.iter().enumerate() {
            if *w != "The" && *w != "the" {
                continue;
            }
            let mut run: Vec<&str> = Vec::new();
            for w in words[i + 1..].iter().take(3) {
                if !w.starts_with(|c: char| c.is_uppercase()) {
                    break;
                }
                run.push(w.trim_end_matches(|c: char| !c.is_alphanumeric()));
                // A name ends with its sentence: "...from The Christian Post. Be the first".
                if w.ends_with(|c: char| !c.is_alphanumeric()) {
                    break;
                }
            }
            if !run.is_empty() {
                let name = format!("The {}", run.join(" "));
                if !seen_here.contains(&name) {
                    seen_here.push(name);
                }
            }
        }
        for name in seen_here {
            *counts.entry(name).or_default() += 1;
        }
    }
    counts
        .into_iter()
        .filter(|(_, n)| *n >= 2)
        .max_by_key(|(name, n)| (*n, name.len()))
        .map(|(name, _)| name)
}
