//! The byline near the story's start: a "By" line, or a line of bare names that a date, a
//! glued role or an author box vouches for.

use super::super::lines::{self, Chrome};
use super::line::{Line, is_cjk};
use crate::article::Date;

/// A byline found, and the last line it took.
pub(super) struct Found {
    pub(super) names: Vec<String>,
    pub(super) date: Option<Date>,
    pub(super) at: usize,
}

/// The first byline among the `zone` lines: "By Jane Doe" (with a date or a role glued on),
/// or "By" alone with the names on the next line.
pub(super) fn find_byline(lines: &[Line], used: &mut [bool], zone: &[usize]) -> Option<Found> {
    for &i in zone {
        if used[i] {
            continue;
        }
        // A marker alone ("By", "Author:", "Information provided by:"), the names below it.
        let alone = lines::byline_label(lines[i].text);
        let byline = match lines.get(i + 1).filter(|_| alone) {
            Some(next) => Some(lines::Byline {
                names: lines::names_after_label(next.text),
                date: None,
            })
            .filter(|b| !b.names.is_empty() && next.chrome == Chrome::No),
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
pub(super) fn uses_common_words(lines: &[Line], at: usize) -> bool {
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
pub(super) fn bare_byline(
    lines: &[Line],
    used: &mut [bool],
    zone: &[usize],
    vouched: bool,
) -> Option<Found> {
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
            Date::find_in(text[at..].trim_start_matches(['•', '·', '|']))
                .or_else(|| Date::find_in(text))
        };
        let (names_part, date) = match split.map(|at| (at, date_after(at))) {
            Some((at, Some(d))) => (text[..at].trim(), Some(d)),
            _ => (text, None),
        };
        // "Jane Doe March 3, 2024": the month belongs to the date.
        let names_part = match names_part.rsplit_once(' ') {
            Some((names, last)) if crate::article::date::month_of(last).is_some() => names.trim(),
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
        let dated = date.is_some() || dated_beside(lines, i);
        let cjk_name = dated
            && (2..=6).contains(&names_part.chars().count())
            && names_part
                .chars()
                .all(|c| is_cjk(c) && !"　、。・".contains(c))
            // Names hold a Chinese character; labels like シェア ("share") are kana only.
            && names_part
                .chars()
                .any(|c| matches!(c, '\u{3400}'..='\u{4DBF}' | '\u{4E00}'..='\u{9FFF}'));
        // A section's label before a list of names, or a role after each name, says byline.
        let row = lines::names_with_roles(names_part).or_else(|| lines::labelled_names(names_part));
        // Two capitalised words alone are as often a place ("Ewood Park") as a name: a date,
        // a glued role, or the same line again (an author box) must vouch for them.
        let names = if staff || cjk_name {
            Some(vec![names_part.to_owned()])
        } else if row.is_some() {
            row
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

/// A line that is one name, of one to three capitalised words, letters only, not chrome and
/// not a photo's credit ("Getty Images" stands twice under many pictures).
fn one_name(line: &Line) -> bool {
    let words: Vec<&str> = line.text.split_whitespace().collect();
    line.chrome == Chrome::No
        && !lines::credit_line(line.text)
        && lines::caption(line.text).is_none()
        && (1..=3).contains(&words.len())
        && (3..=40).contains(&line.text.chars().count())
        && words.iter().all(|w| {
            w.starts_with(char::is_uppercase)
                && w.chars().all(|c| c.is_alphabetic() || "'-.".contains(c))
                && !w.chars().skip(1).all(char::is_uppercase)
        })
}

/// Whether a date stands on the line before or after `i`, or one further with only a count
/// between ("2019.04.19 20:00", "6,762", "Jane Doe": views or comments sit in a byline's row).
fn dated_beside(lines: &[Line], i: usize) -> bool {
    let date = |j: usize| {
        lines
            .get(j)
            .is_some_and(|l| lines::date_line(l.text, l.words).is_some())
    };
    let count = |j: usize| {
        lines.get(j).is_some_and(|l| {
            l.text.chars().any(|c| c.is_ascii_digit())
                && l.text
                    .chars()
                    .all(|c| c.is_ascii_digit() || ",. ".contains(c))
        })
    };
    date(i.wrapping_sub(1))
        || date(i + 1)
        || count(i.wrapping_sub(1)) && date(i.wrapping_sub(2))
        || count(i + 1) && date(i + 2)
}

/// A "By" line near the story's start: just below the story's title, before the story or at
/// its top.
pub(super) fn near_story(
    lines: &[Line],
    used: &mut [bool],
    anchors: &[usize],
    start: usize,
) -> Option<Found> {
    let mut zone: Vec<usize> = anchors
        .iter()
        .flat_map(|&a| a + 1..(a + 13).min(lines.len()))
        .collect();
    zone.extend(start.saturating_sub(12)..(start + 6).min(lines.len()));
    find_byline(lines, used, &zone)
}

/// A "By" line anywhere above the story, nearest first: a marker and a name are a byline
/// wherever the page put them (under a video, in a header), when none stands nearer.
pub(super) fn marked_above(lines: &[Line], used: &mut [bool], start: usize) -> Option<Found> {
    let zone: Vec<usize> = (0..start.min(lines.len())).rev().collect();
    find_byline(lines, used, &zone)
}

/// A line of bare names right under the title or just before the body, when no line said
/// "By".
pub(super) fn bare_near_story(
    lines: &[Line],
    used: &mut [bool],
    anchors: &[usize],
    start: usize,
) -> Option<Found> {
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
    // A name standing twice in a row under the title is an author's picture (its alt text)
    // and the link beside it: a channel or a writer, even of one word ("Confreaks").
    for &i in &near_title {
        if !used[i]
            && lines
                .get(i + 1)
                .is_some_and(|next| next.text == lines[i].text)
            && one_name(&lines[i])
            && !uses_common_words(lines, i)
        {
            used[i] = true;
            used[i + 1] = true;
            return Some(Found {
                names: vec![lines[i].text.to_owned()],
                date: None,
                at: i + 1,
            });
        }
    }
    for i in near_title.iter().copied().chain(before_body) {
        if let Some(names) = lines::bare_names(lines[i].text)
            .filter(|_| !used[i] && lines[i].chrome == Chrome::No && !lines[i].repeated)
        {
            used[i] = true;
            return Some(Found {
                names,
                date: None,
                at: i,
            });
        }
    }
    // "Jane Doe • March 3, 2024" under the title: the date vouches for the name.
    let dated: Vec<usize> = near_title
        .iter()
        .copied()
        .filter(|&i| lines[i].text.contains(['•', '·', '|']))
        .collect();
    bare_byline(lines, used, &dated, false)
}

/// The byline in its place under the headline `h`, wherever the page put the title; or just
/// above it. `date_at` is the date line already taken, which may hold the name too.
pub(super) fn near_headline(
    lines: &[Line],
    used: &mut [bool],
    h: usize,
    date_at: Option<usize>,
) -> Option<Found> {
    let zone: Vec<usize> = (h + 1..(h + 8).min(lines.len())).collect();
    // Some pages put the name just above the headline, among section labels
    // and menus: there, only words the page never writes in lower case
    // ("Arielle Pardes", not "Subscriber Only"), and further up than the line
    // before the headline only with the date between them.
    let dated_between =
        |i: usize| (i + 1..h).any(|j| lines::date_line(lines[j].text, lines[j].words).is_some());
    let (above_dated, above_near): (Vec<usize>, Vec<usize>) = (h.saturating_sub(4)..h)
        .rev()
        .filter(|&i| i + 2 >= h || dated_between(i))
        // The cheap test first: reading the whole page for common words is not.
        .filter(|&i| {
            !lines[i].repeated
                && (lines::bare_names(lines[i].text).is_some()
                    || lines::labelled_names(lines[i].text).is_some())
        })
        .filter(|&i| !uses_common_words(lines, i))
        .partition(|&i| dated_between(i));
    // The date's line may hold the name too ("Jane Doe 2019年4月28日").
    if let Some(d) = date_at {
        used[d] = false;
    }
    // A name between the headline and the first paragraph stands where bylines stand.
    let between: Vec<usize> = zone
        .iter()
        .copied()
        .take(2)
        .filter(|&i| {
            lines
                .get(i + 1)
                .is_some_and(|next| next.prose && next.words > 12)
        })
        .collect();
    let found = find_byline(lines, used, &zone)
        .or_else(|| bare_byline(lines, used, &zone[..zone.len().min(3)], false))
        .or_else(|| bare_byline(lines, used, &between, true))
        .or_else(|| bare_byline(lines, used, &above_dated, true))
        .or_else(|| bare_byline(lines, used, &above_near, false));
    if let Some(d) = date_at {
        used[d] = true;
    }
    found
}
