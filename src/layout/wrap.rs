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
    let needles: Vec<String> = words
        .iter()
        .map(|w| w.to_lowercase())
        .filter(|w| w.chars().count() >= 2)
        .collect();
    let mut out = Lines {
        width,
        theme,
        needles: &needles,
        lines: Vec::new(),
        match_lines: Vec::new(),
    };
    let plain = |text: &str, style: Style, lines: &mut Vec<Line<'static>>| {
        for l in textwrap::wrap(text, width) {
            lines.push(Line::styled(drawable(&l).into_owned(), style));
        }
    };
    // A match in the headline or the dek is shown, and found by n/N, as one in the body.
    out.push(&article.headline, theme.headline, &[]);
    if let Some(dek) = &article.dek {
        out.push(dek, theme.dek, &[]);
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
        out.lines.push(Line::default());
        // A date is never split at its hyphens ("2025-" / "04-10").
        let options =
            textwrap::Options::new(width).word_splitter(textwrap::WordSplitter::NoHyphenation);
        for l in textwrap::wrap(&meta.join(" · "), options) {
            out.lines.push(Line::styled(l.into_owned(), theme.byline));
        }
    }
    if let Some(photo) = &article.photo {
        out.lines.push(Line::default());
        let credit = photo
            .credit
            .as_ref()
            .map(|c| format!(" (Photo: {c})"))
            .unwrap_or_default();
        plain(
            &format!("▣ {}{credit}", photo.caption),
            theme.caption,
            &mut out.lines,
        );
    }
    for (b, block) in article.blocks.iter().enumerate() {
        out.lines.push(Line::default());
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
        out.push(&block.text, base, &quoted);
    }
    if !article.credits.is_empty() {
        out.lines.push(Line::default());
        for c in &article.credits {
            plain(
                &format!("{}: {}", c.role, c.names.join(", ")),
                theme.caption,
                &mut out.lines,
            );
        }
    }
    (out.lines, out.match_lines)
}

/// Lines being laid out, with the lines that hold a search match.
struct Lines<'a> {
    width: usize,
    theme: &'a Theme,
    needles: &'a [String],
    lines: Vec<Line<'static>>,
    match_lines: Vec<usize>,
}

impl Lines<'_> {
    /// Wraps `text` in `base` style, with its quotations (byte ranges) and search matches
    /// styled, noting the lines that hold a match.
    fn push(&mut self, text: &str, base: Style, quoted: &[(usize, usize)]) {
        let matched = find_matches(text, self.needles);
        let mut cursor = 0;
        for piece in textwrap::wrap(text, self.width) {
            // Borrowed pieces point into `text`; find them from the cursor either way.
            let start = match text[cursor..].find(piece.as_ref()) {
                Some(i) => cursor + i,
                None => cursor,
            };
            let end = (start + piece.len()).min(text.len());
            cursor = end;
            if matched.iter().any(|&(s, e)| s < end && e > start) {
                self.match_lines.push(self.lines.len());
            }
            self.lines.push(styled_line(
                text, start, end, base, self.theme, quoted, &matched,
            ));
        }
    }
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

#[cfg(test)]
mod tests {
    use super::*;
    use crate::article::Block;

    #[test]
    fn matches_in_the_headline_and_dek_are_shown_and_found_like_the_bodys() {
        let article = Article {
            headline: "Floods close the harbour".into(),
            dek: Some("The harbour wall gave way".into()),
            blocks: vec![
                Block::paragraph("Nothing here."),
                Block::paragraph("The harbour again."),
            ],
            ..Article::default()
        };
        let theme = Theme::dark();
        let (lines, found) = wrap(&article, 60, &theme, "%Y", &["Harbour".into()]);
        let marked = |line: &Line| {
            line.spans
                .iter()
                .filter(|s| {
                    s.style == s.style.patch(theme.matched) && s.style.bg == theme.matched.bg
                })
                .map(|s| s.content.to_string())
                .collect::<Vec<_>>()
        };
        assert_eq!(marked(&lines[0]), ["harbour"]);
        assert_eq!(marked(&lines[1]), ["harbour"]);
        let body = lines.len() - 1;
        assert_eq!(found, [0, 1, body]);
    }
}
