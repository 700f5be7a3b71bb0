//! The term index shared by search and related articles: stemmed terms weighted by TF-IDF,
//! with names (capitalised words inside sentences) weighted up, and postings for fast lookup.

use std::collections::HashMap;

use rust_stemmers::{Algorithm, Stemmer};

use crate::article::{Article, normalise_words};

const STOP_WORDS: &[&str] = &[
    "a", "about", "after", "again", "against", "all", "also", "am", "an", "and", "any", "are",
    "as", "at", "be", "because", "been", "before", "being", "between", "both", "but", "by", "can",
    "could", "did", "do", "does", "doing", "down", "during", "each", "few", "for", "from",
    "further", "had", "has", "have", "having", "he", "her", "here", "hers", "him", "his", "how",
    "i", "if", "in", "into", "is", "it", "its", "just", "last", "like", "made", "make", "many",
    "may", "me", "might", "more", "most", "mr", "mrs", "ms", "much", "must", "my", "new", "no",
    "nor", "not", "now", "of", "off", "on", "once", "one", "only", "or", "other", "our", "out",
    "over", "own", "said", "same", "say", "says", "she", "should", "so", "some", "such", "than",
    "that", "the", "their", "them", "then", "there", "these", "they", "this", "those", "through",
    "to", "too", "two", "under", "until", "up", "us", "very", "was", "we", "were", "what", "when",
    "where", "which", "while", "who", "whom", "why", "will", "with", "would", "year", "years",
    "yet", "you", "your", "told", "get", "got",
];

/// Splits text into index terms: lower-case stems of words that are not stop words.
pub struct Tokenizer {
    stemmer: Stemmer,
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
                self.word(&text[s..i], sentence_start, &mut f);
                sentence_start = false;
            }
            if matches!(c, '.' | '!' | '?' | '"' | '\u{201C}') {
                sentence_start = true;
            }
        }
    }

    fn word(&self, raw: &str, sentence_start: bool, f: &mut impl FnMut(String, bool)) {
        let word = raw.trim_matches(|c| c == '\'' || c == '\u{2019}');
        let capital = word.starts_with(|c: char| c.is_uppercase());
        let lower = word.to_lowercase();
        let lower = lower
            .strip_suffix("'s")
            .or_else(|| lower.strip_suffix("\u{2019}s"))
            .unwrap_or(&lower);
        if lower.chars().count() >= 2
            && !STOP_WORDS.contains(&lower)
            && !lower.chars().all(|c| c.is_ascii_digit())
        {
            f(
                self.stemmer.stem(lower).into_owned(),
                capital && !sentence_start,
            );
        }
    }

    pub fn stem(&self, word: &str) -> String {
        self.stemmer.stem(&word.to_lowercase()).into_owned()
    }
}

/// A document's weighted terms, as (term id, weight), unit length.
type Vector = Vec<(u32, f32)>;

/// The index over a library's articles, by position in the library.
#[derive(Default)]
pub struct Index {
    vocabulary: HashMap<String, u32>,
    terms: Vec<String>,
    /// For each term, the documents holding it with their weight.
    postings: Vec<Vec<(u32, f32)>>,
    vectors: Vec<Vector>,
    headlines: Vec<String>,
}

/// One related article and the terms that made it so.
#[derive(Debug, Clone, PartialEq)]
pub struct Related {
    pub doc: usize,
    pub score: f32,
    pub explicit: bool,
    pub why: Vec<String>,
}

impl Index {
    pub fn build(articles: &[impl AsRef<Article>]) -> Index {
        let tokenizer = Tokenizer::default();
        let mut index = Index::default();
        let mut counts: Vec<HashMap<u32, f32>> = Vec::with_capacity(articles.len());
        for a in articles {
            let a = a.as_ref();
            let mut tf: HashMap<u32, f32> = HashMap::new();
            let mut add = |text: &str, weight: f32, index: &mut Index| {
                tokenizer.terms(text, |term, is_name| {
                    let id = index.term_id(term);
                    *tf.entry(id).or_default() += if is_name { weight * 2.0 } else { weight };
                });
            };
            add(&a.headline, 3.0, &mut index);
            if let Some(dek) = &a.dek {
                add(dek, 2.0, &mut index);
            }
            for b in &a.blocks {
                add(&b.text, 1.0, &mut index);
            }
            counts.push(tf);
            index.headlines.push(normalise_words(&a.headline));
        }
        let mut df = vec![0u32; index.terms.len()];
        for tf in &counts {
            for id in tf.keys() {
                df[*id as usize] += 1;
            }
        }
        let n = counts.len() as f32;
        index.postings = vec![Vec::new(); index.terms.len()];
        for (doc, tf) in counts.into_iter().enumerate() {
            let mut vector: Vector = tf
                .into_iter()
                .map(|(id, f)| {
                    (
                        id,
                        (1.0 + f.ln()) * ((1.0 + n) / (1.0 + df[id as usize] as f32)).ln(),
                    )
                })
                .collect();
            let norm = vector
                .iter()
                .map(|(_, w)| w * w)
                .sum::<f32>()
                .sqrt()
                .max(1e-6);
            vector.iter_mut().for_each(|(_, w)| *w /= norm);
            vector.sort_by(|a, b| b.1.total_cmp(&a.1));
            for &(id, w) in &vector {
                index.postings[id as usize].push((doc as u32, w));
            }
            index.vectors.push(vector);
        }
        index
    }

    fn term_id(&mut self, term: String) -> u32 {
        if let Some(&id) = self.vocabulary.get(&term) {
            return id;
        }
        let id = self.terms.len() as u32;
        self.terms.push(term.clone());
        self.vocabulary.insert(term, id);
        id
    }

    pub fn len(&self) -> usize {
        self.vectors.len()
    }

    pub fn is_empty(&self) -> bool {
        self.vectors.is_empty()
    }

    /// The most similar documents to `doc` by cosine similarity, excluding itself and near
    /// duplicates (the same story saved twice).
    pub fn similar(&self, doc: usize, n: usize) -> Vec<Related> {
        let Some(vector) = self.vectors.get(doc) else {
            return Vec::new();
        };
        let mut scores: HashMap<u32, f32> = HashMap::new();
        // The strongest terms decide; rare long tails add cost and little signal.
        for &(id, w) in vector.iter().take(40) {
            let postings = &self.postings[id as usize];
            for &(other, ow) in postings {
                *scores.entry(other).or_default() += w * ow;
            }
        }
        let mut ranked: Vec<(u32, f32)> = scores
            .into_iter()
            .filter(|&(other, s)| {
                other as usize != doc
                    && s > 0.02
                    && s < 0.9
                    && self.headlines[other as usize] != self.headlines[doc]
            })
            .collect();
        ranked.sort_by(|a, b| b.1.total_cmp(&a.1).then(a.0.cmp(&b.0)));
        ranked.truncate(n);
        ranked
            .into_iter()
            .map(|(other, score)| Related {
                doc: other as usize,
                score,
                explicit: false,
                why: self.shared_terms(doc, other as usize, 4),
            })
            .collect()
    }

    /// The terms that contribute most to two documents' similarity.
    pub fn shared_terms(&self, a: usize, b: usize, n: usize) -> Vec<String> {
        let other: HashMap<u32, f32> = self.vectors[b].iter().copied().collect();
        let mut shared: Vec<(u32, f32)> = self.vectors[a]
            .iter()
            .filter_map(|&(id, w)| other.get(&id).map(|ow| (id, w * ow)))
            .collect();
        shared.sort_by(|x, y| y.1.total_cmp(&x.1));
        shared
            .into_iter()
            .take(n)
            .map(|(id, _)| self.terms[id as usize].clone())
            .collect()
    }

    /// Documents matching every query word (the last one as a prefix, since the user is still
    /// typing it), best first.
    pub fn search(&self, words: &[String]) -> Vec<usize> {
        let tokenizer = Tokenizer::default();
        let mut result: Option<HashMap<u32, f32>> = None;
        for (i, word) in words.iter().enumerate() {
            let last = i + 1 == words.len();
            let lower = word.to_lowercase();
            let mut ids: Vec<u32> = Vec::new();
            let mut stems = Vec::new();
            tokenizer.terms(&lower, |t, _| stems.push(t));
            if stems.is_empty() {
                // A stop word or a single letter: it narrows nothing.
                if !last || lower.chars().count() < 2 {
                    continue;
                }
            }
            ids.extend(stems.iter().filter_map(|s| self.vocabulary.get(s).copied()));
            if last && lower.chars().count() >= 2 {
                ids.extend(
                    self.terms
                        .iter()
                        .enumerate()
                        .filter(|(_, t)| t.starts_with(&lower))
                        .map(|(id, _)| id as u32),
                );
            }
            let mut scores: HashMap<u32, f32> = HashMap::new();
            for id in ids {
                for &(doc, w) in &self.postings[id as usize] {
                    let s = scores.entry(doc).or_default();
                    *s = s.max(w);
                }
            }
            result = Some(match result {
                None => scores,
                Some(prev) => prev
                    .into_iter()
                    .filter_map(|(d, s)| scores.get(&d).map(|t| (d, s + t)))
                    .collect(),
            });
        }
        let mut ranked: Vec<(u32, f32)> = result.unwrap_or_default().into_iter().collect();
        ranked.sort_by(|a, b| b.1.total_cmp(&a.1).then(a.0.cmp(&b.0)));
        ranked.into_iter().map(|(d, _)| d as usize).collect()
    }
}

/// Resolves an explicit related reference (a path, a url or a headline) to an article.
pub fn resolve(reference: &str, articles: &[impl AsRef<Article>]) -> Option<usize> {
    let wanted = normalise_words(reference);
    articles.iter().position(|a| {
        let a = a.as_ref();
        a.url.as_deref() == Some(reference)
            || a.path
                .file_name()
                .is_some_and(|f| f.to_string_lossy() == reference)
            || a.path.ends_with(reference)
            || normalise_words(&a.headline) == wanted
    })
}

/// The related articles of `doc`: explicit references first, then the most similar.
pub fn related(
    index: &Index,
    articles: &[impl AsRef<Article>],
    doc: usize,
    n: usize,
) -> Vec<Related> {
    let mut out: Vec<Related> = Vec::new();
    for reference in &articles[doc].as_ref().related {
        if let Some(other) =
            resolve(reference, articles).filter(|&o| o != doc && !out.iter().any(|r| r.doc == o))
        {
            out.push(Related {
                doc: other,
                score: 1.0,
                explicit: true,
                why: vec!["linked by the article".into()],
            });
        }
    }
    for r in index.similar(doc, n + out.len()) {
        if out.len() >= n {
            break;
        }
        if !out.iter().any(|o| o.doc == r.doc) {
            out.push(r);
        }
    }
    out.truncate(n);
    out
}
