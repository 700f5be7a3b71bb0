//! The story's stretch of lines: the maximum-sum segment of line scores, preferring one that
//! starts just below the story's title.

/// The maximum-sum stretch of lines, cut at the first credit line inside it: wire credits
/// close a story. A stretch that starts just below the story's title (an anchor) is preferred
/// unless another is much stronger: a short story should not lose to a long footer.
pub(super) fn best_segment(
    scores: &[f32],
    credits: &[usize],
    anchors: &[usize],
) -> Option<(usize, usize)> {
    let (mut best, mut best_range) = max_stretch(scores);
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
pub(super) const MAX_ANCHORS: usize = 3;

/// How far below the story's title its first paragraph may start.
pub(super) const ANCHOR_WINDOW: usize = 12;

/// The places repeating the title that can be the story's heading: a title repeated below
/// much of the story's prose is a footer's link to it.
pub(super) fn heading_anchors(scores: &[f32], anchors: &[usize]) -> Vec<usize> {
    // The plain maximum-sum stretch, to know where the story's prose stands.
    let best_start = max_stretch(scores).1.map_or(0, |(start, _)| start);
    anchors
        .iter()
        .copied()
        .filter(|&a| {
            a <= best_start
                || scores[best_start..a]
                    .iter()
                    .filter(|s| **s > 0.0)
                    .sum::<f32>()
                    <= 150.0
        })
        .collect()
}

/// The maximum-sum stretch of `scores` (Kadane's walk): its sum, and its range of lines if
/// any line scores above zero.
fn max_stretch(scores: &[f32]) -> (f32, Option<(usize, usize)>) {
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
    (best, best_range)
}
