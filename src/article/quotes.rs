//! Locating quotations in an article's body, so the reader can highlight exactly the quoted text.
//!
//! Double quotation marks of every common style count: straight, curly, German low-high,
//! French or German guillemets, and the Japanese and Chinese corner brackets 「」 and 『』.
//! Single quotes never open a quotation on their own, so apostrophes (don't, the council's)
//! cannot either. A quotation is bounded by its paragraph
//! unless the next paragraph reopens it (the typographic convention for quotes that run over
//! paragraphs), so an unbalanced mark never swallows the rest of the article.

use super::{Block, Quote, QuoteSpan};

/// Which marks may close the quotation that a given mark opened.
fn closers(open: char) -> Option<&'static [char]> {
    match open {
        '"' => Some(&['"']),
        '\u{201C}' => Some(&['\u{201D}']),
        '\u{201E}' => Some(&['\u{201C}', '\u{201D}']),
        '\u{AB}' => Some(&['\u{BB}']),
        '\u{BB}' => Some(&['\u{AB}']),
        // Japanese and Chinese corner brackets.
        '\u{300C}' => Some(&['\u{300D}']),
        '\u{300E}' => Some(&['\u{300F}']),
        _ => None,
    }
}

/// A straight quote opens when it starts a word: after a space, a bracket or a dash.
fn opens_here(text: &str, at: usize, mark: char) -> bool {
    if mark != '"' {
        return true;
    }
    let before = text[..at].chars().next_back();
    let after = text[at + 1..].chars().next();
    let starts_word =
        before.is_none_or(|c| c.is_whitespace() || "([{-\u{2013}\u{2014}/:".contains(c));
    starts_word && after.is_some_and(|c| !c.is_whitespace())
}

/// Finds the quotations in `blocks`. Quotations already `given` (Markdown blockquotes) are
/// kept, and the blocks they cover are not searched again.
pub fn locate(blocks: &[Block], given: &[Quote]) -> Vec<Quote> {
    let mut covered_blocks = vec![false; blocks.len()];
    for s in given.iter().flat_map(|q| &q.spans) {
        if let Some(c) = covered_blocks.get_mut(s.block) {
            *c = true;
        }
    }
    let covered = |b: usize| covered_blocks[b];
    let mut found: Vec<Quote> = given.to_vec();
    // The quotation still open at the end of the previous paragraph, and its closing marks.
    let mut carried: Option<(Quote, &'static [char])> = None;
    for (b, block) in blocks.iter().enumerate() {
        if covered(b) {
            found.extend(carried.take().map(|(q, _)| q));
            continue;
        }
        let text = block.text.as_str();
        let mut open: Option<(usize, &'static [char])> = None;
        let mut current = Quote { spans: Vec::new() };
        if let Some((quote, close)) = carried.take() {
            let first = text.trim_start().chars().next();
            // The next paragraph reopens with the same style of mark: the quotation goes on.
            match first.and_then(closers) {
                Some(c) if c == close => {
                    current = quote;
                    open = Some((text.len() - text.trim_start().len(), close));
                }
                _ => found.push(quote),
            }
        }
        let skip = open.map(|(start, _)| start + 1).unwrap_or(0);
        for (i, c) in text.char_indices().filter(|(i, _)| *i >= skip) {
            match open {
                Some((start, close)) if close.contains(&c) => {
                    let end = i + c.len_utf8();
                    if end - start > 2 || !current.spans.is_empty() {
                        current.spans.push(QuoteSpan {
                            block: b,
                            start,
                            end,
                        });
                        found.push(std::mem::replace(&mut current, Quote { spans: Vec::new() }));
                    }
                    current.spans.clear();
                    open = None;
                }
                None => {
                    if let Some(close) = closers(c).filter(|_| opens_here(text, i, c)) {
                        open = Some((i, close));
                    }
                }
                _ => {}
            }
        }
        if let Some((start, close)) = open
            && (start + 1 < text.len() || !current.spans.is_empty())
        {
            current.spans.push(QuoteSpan {
                block: b,
                start,
                end: text.len(),
            });
            carried = Some((current, close));
        }
    }
    found.extend(carried.map(|(q, _)| q));
    found.sort_by_key(|q| q.spans.first().map(|s| (s.block, s.start)));
    found
}

/// A quotation's text without its outer marks.
pub fn inner(span: &str) -> String {
    let mut s = span.trim();
    if let Some(c) = s.chars().next().filter(|c| closers(*c).is_some()) {
        s = &s[c.len_utf8()..];
    }
    if let Some(c) = s
        .chars()
        .next_back()
        .filter(|c| "\"\u{201C}\u{201D}\u{AB}\u{BB}\u{300D}\u{300F}".contains(*c))
    {
        s = &s[..s.len() - c.len_utf8()];
    }
    s.trim().to_owned()
}

#[cfg(test)]
mod tests {
    use super::*;

    fn texts(paragraphs: &[&str]) -> Vec<String> {
        let blocks: Vec<Block> = paragraphs.iter().map(|p| Block::paragraph(*p)).collect();
        locate(&blocks, &[])
            .iter()
            .map(|q| {
                q.spans
                    .iter()
                    .map(|s| inner(&blocks[s.block].text[s.start..s.end]))
                    .collect::<Vec<_>>()
                    .join("\n")
            })
            .collect()
    }

    #[test]
    fn every_double_quote_style() {
        assert_eq!(
            texts(&["He said \"one\", “two”, „drei“, « quatre » and »fünf«."]),
            ["one", "two", "drei", "quatre", "fünf"]
        );
    }

    #[test]
    fn corner_brackets_are_quotations() {
        assert_eq!(
            texts(&["首相は「改革を進める」と述べ、『港の記録』を挙げた。"]),
            ["改革を進める", "港の記録"]
        );
        // A corner-bracket quotation that runs over paragraphs.
        assert_eq!(
            texts(&["彼は「一つ目の段落。", "「二つ目の段落」と話した。"]),
            ["一つ目の段落。\n二つ目の段落"]
        );
    }

    #[test]
    fn apostrophes_and_single_quotes_are_not_quotations() {
        assert!(texts(&["The council's plan isn't 'final', it’s ‘open’."]).is_empty());
        assert_eq!(
            texts(&["“It’s the council’s ‘best’ plan,” she said."]),
            ["It’s the council’s ‘best’ plan,"]
        );
    }

    #[test]
    fn multi_paragraph_quotation_is_one() {
        let got = texts(&["“We will go on.", "“We will not stop,” he said.", "Next."]);
        assert_eq!(got, ["We will go on.\nWe will not stop,"]);
    }

    #[test]
    fn unbalanced_mark_stays_in_its_paragraph() {
        let got = texts(&["“Never closed here.", "Plain text with a \"real\" quote."]);
        assert_eq!(got, ["Never closed here.", "real"]);
    }

    #[test]
    fn inch_marks_do_not_open() {
        assert!(texts(&["He is 6'2\" tall and 5\" wide."]).is_empty());
    }
}
