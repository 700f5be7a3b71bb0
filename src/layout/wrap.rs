//! An article laid out for one width: headline, dek, byline, caption and the body, word-wrapped
//! with textwrap once per article and width (from `App::relayout`), never while drawing, with
//! quotations and search matches styled and the lines holding a match noted (for n/N).

use ratatui::style::Style;
use ratatui::text::{Line, Span};

use super::Theme;
use super::text::drawable;
use crate::article::{Article, BlockKind};

/// Lays out an article for `width` columns. Returns the lines and the lines that hold a search
/// match (for n/N).
pub fn wrap(
    article: &Article,
    width: u16,
    theme: &Theme,
    date_format: &str,
    words: &[String],
) -> (Vec<Line<'static>>, Vec<usize>) {
    let width = width.max(1) as usize;
    let mut lines: Vec<Line<'static>> = Vec::new();
    let mut match_lines = Vec::new();
    let plain = |text: &str, style: Style, lines: &mut Vec<Line<'static>>| {
        for l in textwrap::wrap(text, width) {
            lines.push(Line::styled(drawable(&l).into_owned(), style));
        }
    };
    plain(&article.headline, theme.headline, &mut lines);
    if let Some(dek) = &article.dek {
        plain(dek, theme.dek, &mut lines);
    }
    let mut meta = Vec::new();
    if let Some(b) = article.byline() {
        meta.push(format!("By {b}"));
    }
    if let Some(s) = &article.source {
        meta.push(s.clone());
    }
    if let Some(d) = article.published {
        meta.push(d.format(date_format));
    }
    if !meta.is_empty() {
        lines.push(Line::default());
        // A date is never split at its hyphens ("2025-" / "04-10").
        let options =
            textwrap::Options::new(width).word_splitter(textwrap::WordSplitter::NoHyphenation);
        for l in textwrap::wrap(&meta.join(" · "), options) {
            lines.push(Line::styled(l.into_owned(), theme.byline));
        }
    }
    if let Some(photo) = &article.photo {
        lines.push(Line::default());
        let credit = photo
            .credit
            .as_ref()
            .map(|c| format!(" (Photo: {c})"))
            .unwrap_or_default();
        plain(
            &format!("▣ {}{credit}", photo.caption),
            theme.caption,
            &mut lines,
        );
    }
    let needles: Vec<String> = words
        .iter()
        .map(|w| w.to_lowercase())
        .filter(|w| w.chars().count() >= 2)
        .collect();
    for (b, block) in article.blocks.iter().enumerate() {
        lines.push(Line::default());
        let base = match block.kind {
            BlockKind::Subhead => theme.subhead,
            BlockKind::Paragraph => theme.body,
        };
        let quoted: Vec<(usize, usize)> = article
            .quotes
            .iter()
            .flat_map(|q| &q.spans)
            .filter(|s| s.block == b)
            .map(|s| (s.start, s.end))
            .collect();
        let matched = find_matches(&block.text, &needles);
        let text = block.text.as_str();
        let mut cursor = 0;
        for piece in textwrap::wrap(text, width) {
            // Borrowed pieces point into `text`; find them from the cursor either way.
            let start = match text[cursor..].find(piece.as_ref()) {
                Some(i) => cursor + i,
                None => cursor,
            };
            let end = (start + piece.len()).min(text.len());
            cursor = end;
            let has_match = matched.iter().any(|&(s, e)| s < end && e > start);
            if has_match {
                match_lines.push(lines.len());
            }
            lines.push(styled_line(
                text, start, end, base, theme, &quoted, &matched,
            ));
        }
    }
    if !article.credits.is_empty() {
        lines.push(Line::default());
        for c in &article.credits {
            plain(
                &format!("{}: {}", c.role, c.names.join(", ")),
                theme.caption,
                &mut lines,
            );
        }
    }
    (lines, match_lines)
}

/// Byte ranges of case-insensitive matches of any needle (skipped for text whose lower case
/// changes length, where byte offsets would not line up).
fn find_matches(text: &str, needles: &[String]) -> Vec<(usize, usize)> {
    let lower = text.to_lowercase();
    if needles.is_empty() || lower.len() != text.len() {
        return Vec::new();
    }
    let mut found = Vec::new();
    for needle in needles {
        let mut from = 0;
        while let Some(i) = lower[from..].find(needle.as_str()) {
            let s = from + i;
            let word_start = lower[..s]
                .chars()
                .next_back()
                .is_none_or(|c| !c.is_alphanumeric());
            if word_start && text.is_char_boundary(s + needle.len()) {
                found.push((s, s + needle.len()));
            }
            from = s + needle.len().max(1);
            while !lower.is_char_boundary(from) {
                from += 1;
            }
        }
    }
    found
}

/// One wrapped line, split where quotations and matches begin and end.
fn styled_line(
    text: &str,
    start: usize,
    end: usize,
    base: Style,
    theme: &Theme,
    quoted: &[(usize, usize)],
    matched: &[(usize, usize)],
) -> Line<'static> {
    let mut cuts = vec![start, end];
    for &(s, e) in quoted.iter().chain(matched) {
        cuts.extend([s, e].into_iter().filter(|&c| c > start && c < end));
    }
    cuts.sort_unstable();
    cuts.dedup();
    let spans = cuts
        .windows(2)
        .filter(|w| text.is_char_boundary(w[0]) && text.is_char_boundary(w[1]))
        .map(|w| {
            let (s, e) = (w[0], w[1]);
            let mut style = base;
            if quoted.iter().any(|&(qs, qe)| qs <= s && e <= qe) {
                style = style.patch(theme.quote);
            }
            if matched.iter().any(|&(ms, me)| ms <= s && e <= me) {
                style = style.patch(theme.matched);
            }
            Span::styled(drawable(&text[s..e]).into_owned(), style)
        })
        .collect::<Vec<_>>();
    Line::from(spans)
}
