//! How text becomes index words: lower-case words that are not stop words, names (capitalised
//! inside a sentence) flagged, CJK text by character bigrams, and an article's words counted
//! with its headline, dek and names weighted up.

use std::collections::HashMap;

use rust_stemmers::{Algorithm, Stemmer};

use crate::article::Article;
use crate::article::date::MONTHS;

/// How much more a name (a capitalised word inside a sentence) counts than another word.
const NAME_WEIGHT: f32 = 1.5;

static STOP_WORDS: std::sync::LazyLock<std::collections::HashSet<&str>> =
    std::sync::LazyLock::new(|| {
        // Month names from the date parser: they say when, not what.
        STOP_WORD_LIST
            .lines()
            .filter(|l| !l.is_empty() && !l.starts_with('#'))
            .chain(MONTHS.iter().copied())
            .collect()
    });

/// The stop words, a data file of their own: see its notes.
const STOP_WORD_LIST: &str = include_str!("stop-words.txt");

/// Splits text into index terms: lower-case stems of words that are not stop words.
pub struct Tokenizer {
    pub(super) stemmer: Stemmer,
}

impl Default for Tokenizer {
    fn default() -> Self {
        Tokenizer {
            stemmer: Stemmer::create(Algorithm::English),
        }
    }
}

impl Tokenizer {
    /// Calls `f(term, is_name)` for each term of `text`.
    pub fn terms(&self, text: &str, mut f: impl FnMut(String, bool)) {
        words(text, |w, name| f(self.stemmer.stem(&w).into_owned(), name));
    }
}

/// A word as the index keeps it, lower case, unless it is a stop word, a number or a letter.
/// The flag says whether it is a name: capitalised inside a sentence.
fn index_word(raw: &str, sentence_start: bool) -> Option<(String, bool)> {
    let word = raw.trim_matches(|c| c == '\'' || c == '\u{2019}');
    let capital = word.starts_with(|c: char| c.is_uppercase());
    let mut lower = word.to_lowercase();
    for suffix in ["'s", "\u{2019}s"] {
        if lower.ends_with(suffix) {
            lower.truncate(lower.len() - suffix.len());
        }
    }
    let keep = lower.chars().nth(1).is_some()
        && !STOP_WORDS.contains(lower.as_str())
        && !lower.bytes().all(|c| c.is_ascii_digit());
    keep.then_some((lower, capital && !sentence_start))
}

/// Calls `f(word, is_name)` for each index word of `text`, unstemmed.
fn words(text: &str, mut f: impl FnMut(String, bool)) {
    let mut sentence_start = true;
    let mut word_start = None;
    let is_word = |c: char| c.is_alphanumeric() || c == '\'' || c == '\u{2019}';
    for (i, c) in text
        .char_indices()
        .chain(std::iter::once((text.len(), ' ')))
    {
        if is_word(c) {
            word_start.get_or_insert(i);
            continue;
        }
        if let Some(s) = word_start.take() {
            let run = &text[s..i];
            if run.is_ascii() || !run.chars().any(is_cjk) {
                if let Some((w, name)) = index_word(run, sentence_start) {
                    f(w, name);
                }
            } else {
                cjk_words(run, sentence_start, &mut f);
            }
            sentence_start = false;
        }
        if matches!(c, '.' | '!' | '?' | '"' | '\u{201C}') {
            sentence_start = true;
        }
    }
}

/// Chinese, Japanese and Korean characters: written without spaces between words.
pub(super) fn is_cjk(c: char) -> bool {
    matches!(c, '\u{3040}'..='\u{30FF}' | '\u{3400}'..='\u{4DBF}' | '\u{4E00}'..='\u{9FFF}' | '\u{AC00}'..='\u{D7AF}' | '\u{F900}'..='\u{FAFF}')
}

/// The index words of a run of letters holding CJK text: each stretch of CJK characters by
/// its character bigrams (a lone character as itself), since no spaces mark its words and a
/// bigram finds most words of two characters or more; other stretches as words.
fn cjk_words(run: &str, sentence_start: bool, f: &mut impl FnMut(String, bool)) {
    let mut rest = run;
    while let Some(c) = rest.chars().next() {
        let cjk = is_cjk(c);
        let end = rest
            .char_indices()
            .find(|(_, c)| is_cjk(*c) != cjk)
            .map_or(rest.len(), |(i, _)| i);
        let (part, tail) = rest.split_at(end);
        if cjk {
            let chars: Vec<char> = part.chars().collect();
            if chars.len() == 1 {
                f(part.to_owned(), false);
            }
            for pair in chars.windows(2) {
                f(pair.iter().collect(), false);
            }
        } else if let Some((w, name)) = index_word(part, sentence_start) {
            f(w, name);
        }
        rest = tail;
    }
}

/// Whether a query word is in the index at all: stop words, numbers and single letters are
/// not (they would match most of a library, or say nothing of what a story is about).
pub fn is_indexed(word: &str) -> bool {
    let mut any = false;
    words(word, |_, _| any = true);
    any
}

/// A query word as the terms a document must all hold: a CJK word by its bigrams (so that
/// "新聞紙" needs both "新聞" and "聞紙"), any other word as itself.
pub(super) fn query_words(word: &str) -> Vec<String> {
    if word.is_ascii() || !word.chars().any(is_cjk) {
        return vec![word.to_owned()];
    }
    let mut out = Vec::new();
    cjk_words(word, false, &mut |w, _| out.push(w));
    out
}

/// A document's words and how much each counts (headline words count more), before stemming.
pub type Words = Vec<(String, f32)>;

/// Counts an article's index words, weighting the headline, dek and names up. This is the
/// costly part of indexing, so it runs on every core, while the file is read.
pub fn count_words(a: &Article) -> Words {
    let mut counts: HashMap<String, f32> = HashMap::new();
    let mut add = |text: &str, weight: f32| {
        words(text, |w, is_name| {
            *counts.entry(w).or_default() += if is_name {
                weight * NAME_WEIGHT
            } else {
                weight
            };
        });
    };
    add(&a.headline, 3.0);
    // Bylines are searched too ("smith" finds Jane Smith's stories).
    for author in &a.authors {
        add(author, 1.0);
    }
    if let Some(dek) = &a.dek {
        add(dek, 2.0);
    }
    for b in &a.blocks {
        add(&b.text, 1.0);
    }
    counts.into_iter().collect()
}

#[cfg(test)]
mod tests {
    use super::*;

    fn terms(text: &str) -> Vec<String> {
        let mut out = Vec::new();
        words(text, |w, _| out.push(w));
        out
    }

    #[test]
    fn cjk_text_is_indexed_by_bigrams() {
        assert_eq!(terms("新聞紙"), ["新聞", "聞紙"]);
        // Latin words inside Japanese text stay words; a lone character stays itself.
        assert_eq!(terms("Rustの本"), ["rust", "の本"]);
        assert_eq!(terms("本 2025"), ["本"]);
        assert_eq!(terms("Harbour wall"), ["harbour", "wall"]);
        assert_eq!(query_words("新聞紙"), ["新聞", "聞紙"]);
        assert_eq!(query_words("harbour"), ["harbour"]);
    }
}
