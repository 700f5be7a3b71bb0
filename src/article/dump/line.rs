//! One line of a page dump and what it looks like: its weight, whether it reads as prose,
//! whether it is chrome, whether it stands more than once.

use std::collections::HashMap;

use super::super::lines::{self, Chrome};
use crate::article::Options;

/// What one line of the dump looks like.
#[derive(Debug, Clone)]
pub(super) struct Line<'a> {
    pub(super) text: &'a str,
    /// Words, or for scripts without spaces, characters over two.
    pub(super) weight: f32,
    pub(super) words: usize,
    pub(super) prose: bool,
    pub(super) chrome: Chrome,
    pub(super) repeated: bool,
    /// The line lower-cased without edge punctuation, for comparisons (see `lines::fold`).
    pub(super) folded: String,
}

pub(super) fn is_cjk(c: char) -> bool {
    matches!(c, '\u{3040}'..='\u{30FF}' | '\u{3400}'..='\u{4DBF}' | '\u{4E00}'..='\u{9FFF}' | '\u{AC00}'..='\u{D7AF}' | '\u{F900}'..='\u{FAFF}' | '\u{FF00}'..='\u{FFEF}')
}

impl<'a> Line<'a> {
    pub(super) fn new(text: &'a str, options: &Options) -> Self {
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
            // The chrome rules hold for short lines: a line of CJK text, with few or no
            // spaces, is as long as its weight says, not its space-separated words.
            chrome: lines::chrome_folded(&folded, weight.ceil() as usize),
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
    pub(super) fn score(&self) -> f32 {
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

/// Lines that stand more than once (menus repeated at the foot of a page) are chrome.
pub(super) fn mark_repeats(lines: &mut [Line]) {
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
