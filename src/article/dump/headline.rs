//! The story's headline among the lines above its body.

use super::super::lines::{self, Chrome};
use super::anchor::{PageTitle, title_words};
use super::line::{Line, is_cjk};

/// What a page tells of its publication around the story: names that are not the headline.
#[derive(Debug, Default)]
pub(super) struct Masthead {
    /// Folded names: the site part of the page title, a masthead line, the copyright holder.
    pub(super) names: Vec<String>,
}

impl Masthead {
    fn names_line(&self, folded: &str) -> bool {
        self.names.iter().any(|n| n == folded)
    }
}

/// A kicker or section label: a short line in capitals ("WEEKEND READ").
pub(super) fn kicker(line: &Line) -> bool {
    let letters = line.text.chars().filter(|c| c.is_alphabetic()).count();
    line.words <= 4
        && letters >= 2
        && line
            .text
            .chars()
            .filter(|c| c.is_alphabetic())
            // Every letter a capital: letters without case (CJK) make no kicker.
            .all(char::is_uppercase)
}

/// A byline or date line, which stands between a headline and its story.
fn metadata(l: &Line) -> bool {
    l.words <= 12
        && (lines::date_line(l.text, l.words).is_some()
            || l.folded.starts_with("by ")
            || lines::byline(l.text).is_some()
            // Names in Latin letters; CJK names are vouched for by their dates in `byline`.
            || !l.text.chars().any(is_cjk) && lines::bare_names(lines::cut_glued(l.text)).is_some())
}

/// The story's title, decided over candidates: every title-shaped line above the body (and
/// every line repeating the page title) is scored on what makes a headline on any site: it
/// repeats the page title, it sits just above the byline, date or first paragraph, it has a
/// headline's length and case, and it is not the masthead, a kicker or a date. A plain file
/// (a headline line, then the story) keeps its first line.
pub(super) fn find_headline(
    lines: &[Line],
    used: &[bool],
    body_start: usize,
    title: Option<&PageTitle>,
    masthead: &Masthead,
) -> Option<usize> {
    let body_start = body_start.min(lines.len());
    let title_shaped = |l: &Line| {
        l.chrome == Chrome::No
            && !lines::credit_line(l.text)
            && l.words <= 40
            && !l.text.ends_with('.')
            && l.text.chars().count() <= 250
            && !masthead.names_line(&l.folded)
            && lines::date_line(l.text, l.words).is_none()
    };
    if title.is_none() {
        // A plain saved file: headline on the first line, then the story.
        if let Some(first) = lines.first()
            && title_shaped(first)
            && !kicker(first)
            && !first.repeated
            && (2..=30).contains(&first.words)
            && !used[0]
            && body_start <= 4
        {
            return Some(0);
        }
    }
    // Whether every line from j to the body is metadata (used), a dek (prose) or chrome (a
    // share widget): then a line just above j sits on top of the story.
    let mut quiet_from = vec![true; body_start + 1];
    for j in (0..body_start).rev() {
        let l = &lines[j];
        quiet_from[j] =
            (used[j] || l.prose || l.chrome != Chrome::No || metadata(l)) && quiet_from[j + 1];
    }
    let whole = title.map(|t| lines::fold(&t.whole));
    let story_len = title.map_or(0, |t| lines::fold(&t.story).len());
    let words = title.map(|t| title_words(&t.whole));
    // A page title standing alone on the first line is a candidate too, a weak one: a file's
    // own title-like first line, when no line on the page makes a better headline.
    let from = usize::from(title.is_some_and(|t| !t.alone));
    let score = |i: usize| -> Option<f32> {
        let l = &lines[i];
        if used[i] || !title_shaped(l) || metadata(l) {
            return None;
        }
        if i == 0 && title.is_some() {
            return Some(2.5);
        }
        let mut score = 0.0;
        let before = i < body_start;
        // It repeats the page title (or most of it).
        let f = &l.folded;
        let contained = whole.as_ref().is_some_and(|w| {
            f.len() >= 4 && f.len() * 5 >= story_len * 2 && w.contains(f.as_str())
        });
        if contained {
            score += if before { 6.0 } else { 2.0 };
            score += (f.len() as f32 / story_len.max(1) as f32).min(1.0);
        } else if let Some(words) = &words {
            let own = title_words(l.text);
            let shared = own.iter().filter(|w| words.contains(w)).count();
            if shared >= 2 && shared * 5 >= own.len() * 3 {
                score += 4.0 * shared as f32 / own.len().max(1) as f32;
            }
        }
        if !before && !contained {
            return None;
        }
        // It sits on top of the story: only metadata, a dek or chrome below it.
        if before && quiet_from[i + 1] {
            score += 3.0;
        }
        // A headline's length and case.
        if (4.0..=30.0).contains(&l.weight) {
            score += 1.0;
        } else if l.weight < 2.0 {
            score -= 2.0;
        }
        if kicker(l) {
            score -= 4.0;
        }
        if l.repeated {
            score -= 1.0;
        }
        Some(score)
    };
    let reach = if title.is_some() {
        lines.len()
    } else {
        body_start
    };
    (from..reach)
        .filter_map(|i| score(i).map(|s| (s, i)))
        .filter(|(s, _)| *s >= 2.0)
        // Nearest the body on a tie.
        .max_by(|a, b| {
            a.0.total_cmp(&b.0)
                .then(b.1.abs_diff(body_start).cmp(&a.1.abs_diff(body_start)))
        })
        .map(|(_, i)| i)
}

/// A dek: one line between the headline `h` and the body.
pub(super) fn dek(
    lines: &[Line],
    used: &[bool],
    h: usize,
    body_start: usize,
    end: usize,
) -> Option<usize> {
    let d = (h + 1..body_start.max(h + 2).min(lines.len())).find(|&i| !used[i])?;
    let line = &lines[d];
    (line.chrome == Chrome::No
        && line.words >= 4
        && line.words <= 60
        && !line.repeated
        // A byline whose names could not be read is still no dek.
        && !line.folded.starts_with("by ")
        && d < end
        && d < body_start)
        .then_some(d)
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::article::Options;

    #[test]
    fn kickers_are_short_lines_in_capitals() {
        let kicker = |t: &str| kicker(&Line::new(t, &Options::default()));
        assert!(kicker("WEEKEND READ"));
        assert!(kicker("U.S. NEWS"));
        assert!(!kicker("Weekend Read"));
        assert!(!kicker("A LONG LINE IN CAPITALS THAT SHOUTS"));
        // Letters without case are no capitals.
        assert!(!kicker("ITエンジニア向け"));
    }
}
