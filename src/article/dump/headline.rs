//! The story's headline among the lines above its body.

use super::super::lines::{self, Chrome};
use super::anchor::{PageTitle, title_words};
use super::line::Line;

/// The story's title. With a page title: the longest line the title contains, else the line
/// sharing most of its words with the title; without one: the first line of a plain file, or
/// the title-shaped line nearest the body.
pub(super) fn find_headline(
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
        && d < end
        && d < body_start)
        .then_some(d)
}
