//! The term index shared by search and related articles: stemmed terms weighted by TF-IDF,
//! with names (capitalised words inside sentences) weighted up, and postings for fast lookup.

use std::collections::HashMap;

use rayon::prelude::*;
use rust_stemmers::{Algorithm, Stemmer};

use crate::article::date::MONTHS;
use crate::article::{Article, Summary, normalise_words};

/// How much more a name (a capitalised word inside a sentence) counts than another word.
const NAME_WEIGHT: f32 = 1.5;

static STOP_WORDS: std::sync::LazyLock<std::collections::HashSet<&str>> =
    std::sync::LazyLock::new(|| {
        // Month names from the date parser: they say when, not what.
        STOP_WORD_LIST.iter().chain(&MONTHS).copied().collect()
    });

const STOP_WORD_LIST: &[&str] = &[
    "a",
    "about",
    "after",
    "again",
    "against",
    "all",
    "also",
    "am",
    "an",
    "and",
    "any",
    "are",
    "as",
    "at",
    "be",
    "because",
    "been",
    "before",
    "being",
    "between",
    "both",
    "but",
    "by",
    "can",
    "could",
    "did",
    "do",
    "does",
    "doing",
    "down",
    "during",
    "each",
    "few",
    "for",
    "from",
    "further",
    "had",
    "has",
    "have",
    "having",
    "he",
    "her",
    "here",
    "hers",
    "him",
    "his",
    "how",
    "i",
    "if",
    "in",
    "into",
    "is",
    "it",
    "its",
    "just",
    "last",
    "like",
    "made",
    "make",
    "many",
    "may",
    "me",
    "might",
    "more",
    "most",
    "mr",
    "mrs",
    "ms",
    "much",
    "must",
    "my",
    "new",
    "no",
    "nor",
    "not",
    "now",
    "of",
    "off",
    "on",
    "once",
    "one",
    "only",
    "or",
    "other",
    "our",
    "out",
    "over",
    "own",
    "said",
    "same",
    "say",
    "says",
    "she",
    "should",
    "so",
    "some",
    "such",
    "than",
    "that",
    "the",
    "their",
    "them",
    "then",
    "there",
    "these",
    "they",
    "this",
    "those",
    "through",
    "to",
    "too",
    "two",
    "under",
    "until",
    "up",
    "us",
    "very",
    "was",
    "we",
    "were",
    "what",
    "when",
    "where",
    "which",
    "while",
    "who",
    "whom",
    "why",
    "will",
    "with",
    "would",
    "year",
    "years",
    "yet",
    "you",
    "your",
    "told",
    "get",
    "got",
    // Days and numbers (and the months, added from the date parser) say when and how many,
    // not what a story is about.
    "monday",
    "tuesday",
    "wednesday",
    "thursday",
    "friday",
    "saturday",
    "sunday",
    "today",
    "yesterday",
    "tomorrow",
    "week",
    "weeks",
    "month",
    "months",
    "day",
    "days",
    "three",
    "four",
    "five",
    "six",
    "seven",
    "eight",
    "nine",
    "ten",
    "hundred",
    "thousand",
    "million",
    "first",
    "second",
    "third",
    "per",
    "cent",
    "percent",
    "go",
    "going",
    "goes",
    "went",
    "come",
    "came",
    "take",
    "took",
    "thing",
    "things",
    "way",
    "time",
    "times",
    "next",
    "back",
    "well",
    "even",
    "still",
    "around",
    "however",
    "already",
    "every",
    "put",
    "set",
    "see",
    "saw",
    "know",
    "think",
    "want",
    "wanted",
    "use",
    "used",
    "according",
    "added",
    "including",
    "nobody",
    "anyone",
    "someone",
    "something",
    "nothing",
    "everything",
    "there's",
    "it's",
    "don't",
    "can't",
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
        words(text, |w, name| f(self.stemmer.stem(&w).into_owned(), name));
    }

    pub fn stem(&self, word: &str) -> String {
        self.stemmer.stem(&word.to_lowercase()).into_owned()
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
            if let Some((w, name)) = index_word(&text[s..i], sentence_start) {
                f(w, name);
            }
            sentence_start = false;
        }
        if matches!(c, '.' | '!' | '?' | '"' | '\u{201C}') {
            sentence_start = true;
        }
    }
}

/// A document's weighted terms, as (term id, weight), unit length.
type Vector = Vec<(u32, f32)>;

/// A document's words and how much each counts (headline words count more), before stemming.
pub type Words = Vec<(String, f32)>;

/// A document's terms: (term id in a `Vocabulary`, weighted count).
pub type Terms = Vec<(u32, f32)>;

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

/// The terms of a library: each stem once, with a readable form of it, and the stem of each
/// word seen (so that a word is stemmed once however many documents hold it).
#[derive(Default)]
pub struct Vocabulary {
    terms: Vec<String>,
    /// A word as written for each term (its shortest form seen), for "why related".
    surface: Vec<String>,
    ids: HashMap<String, u32>,
    stems: HashMap<String, u32>,
    tokenizer: Tokenizer,
}

impl Vocabulary {
    pub fn len(&self) -> usize {
        self.terms.len()
    }

    pub fn is_empty(&self) -> bool {
        self.terms.is_empty()
    }

    /// (stem, readable form) of a term.
    pub fn term(&self, id: u32) -> (&str, &str) {
        (&self.terms[id as usize], &self.surface[id as usize])
    }

    /// The id of a stem, adding it with its readable form if it is new.
    pub fn add_term(&mut self, stem: &str, surface: &str) -> u32 {
        if let Some(&id) = self.ids.get(stem) {
            let shown = &mut self.surface[id as usize];
            // The shortest form seen is the most readable: "flood", not "floods".
            if surface.len() < shown.len() {
                *shown = surface.to_owned();
            }
            return id;
        }
        let id = self.terms.len() as u32;
        self.terms.push(stem.to_owned());
        self.surface.push(surface.to_owned());
        self.ids.insert(stem.to_owned(), id);
        id
    }

    /// A document's words as terms of this vocabulary (several words may share a stem).
    pub fn terms_of(&mut self, words: Words) -> Terms {
        let mut tf: HashMap<u32, f32> = HashMap::with_capacity(words.len());
        for (word, weight) in words {
            let id = match self.stems.get(&word) {
                Some(&id) => id,
                None => {
                    let stem = self.tokenizer.stemmer.stem(&word).into_owned();
                    let id = self.add_term(&stem, &word);
                    self.stems.insert(word, id);
                    id
                }
            };
            *tf.entry(id).or_default() += weight;
        }
        tf.into_iter().collect()
    }
}

/// How many of a document's strongest terms a related lookup follows.
const TOP_TERMS: usize = 120;

/// Below this similarity two articles share only incidental words: not shown as related.
const MIN_SIMILARITY: f32 = 0.04;

/// A related lookup follows at most this many documents per term, the strongest: the cost
/// of a lookup stays bounded whatever the library's size.
const MAX_POSTINGS: usize = 3000;

/// Terms in more than one document in this many are skipped by related lookups.
const COMMON_SHARE: usize = 5;

/// The index over a library's articles, by position in the library.
#[derive(Default)]
pub struct Index {
    vocabulary: Vocabulary,
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
    /// Indexes whole articles (the library loader instead indexes terms counted as files are
    /// read, or kept in the index cache).
    pub fn build(articles: &[impl AsRef<Article> + Sync]) -> Index {
        let words: Vec<Words> = articles
            .par_iter()
            .map(|a| count_words(a.as_ref()))
            .collect();
        let mut vocabulary = Vocabulary::default();
        let terms: Vec<Terms> = words.into_iter().map(|w| vocabulary.terms_of(w)).collect();
        let headlines = articles.iter().map(|a| a.as_ref().headline.as_str());
        Index::from_terms(vocabulary, terms, headlines)
    }

    /// The index of documents given by their terms, in library order, with their headlines
    /// (to tell copies of one story apart from related stories).
    pub fn from_terms<'a>(
        vocabulary: Vocabulary,
        counts: Vec<Terms>,
        headlines: impl Iterator<Item = &'a str>,
    ) -> Index {
        let mut index = Index {
            headlines: headlines.map(normalise_words).collect(),
            ..Index::default()
        };
        let mut df = vec![0u32; vocabulary.len()];
        for tf in &counts {
            for (id, _) in tf {
                df[*id as usize] += 1;
            }
        }
        let n = counts.len() as f32;
        let lengths: Vec<f32> = counts
            .iter()
            .map(|tf| tf.iter().map(|(_, f)| f).sum())
            .collect();
        let average = lengths.iter().sum::<f32>() / n.max(1.0);
        // BM25 weights: term frequency saturates and long articles are normalised.
        let (k1, b) = (1.2, 0.75);
        index.vectors = counts
            .into_par_iter()
            .zip(lengths.par_iter())
            .map(|(tf, length)| {
                let norm_len = 1.0 - b + b * length / average.max(1.0);
                let mut vector: Vector = tf
                    .into_iter()
                    .map(|(id, f)| {
                        let d = df[id as usize] as f32;
                        let idf = ((n - d + 0.5) / (d + 0.5) + 1.0).ln();
                        (id, f * (k1 + 1.0) / (f + k1 * norm_len) * idf)
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
                vector
            })
            .collect();
        index.postings = df.iter().map(|&d| Vec::with_capacity(d as usize)).collect();
        for (doc, vector) in index.vectors.iter().enumerate() {
            for &(id, w) in vector {
                index.postings[id as usize].push((doc as u32, w));
            }
        }
        // Strongest documents first, so that a lookup can stop early on a long list.
        index
            .postings
            .par_iter_mut()
            .for_each(|p| p.sort_unstable_by(|a, b| b.1.total_cmp(&a.1)));
        index.vocabulary = vocabulary;
        index
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
        // One score slot per document (a dense array beats a map at this volume), and the
        // documents touched, so that only they are ranked.
        let mut scores = vec![0f32; self.vectors.len()];
        let mut touched: Vec<u32> = Vec::new();
        // The strongest terms decide; rare long tails add cost and little signal.
        for &(id, w) in vector.iter().take(TOP_TERMS) {
            let postings = &self.postings[id as usize];
            // A term in most documents says little and costs the most to follow.
            if postings.len() > 100 && postings.len() * COMMON_SHARE > self.vectors.len() {
                continue;
            }
            for &(other, ow) in postings.iter().take(MAX_POSTINGS) {
                let slot = &mut scores[other as usize];
                if *slot == 0.0 {
                    touched.push(other);
                }
                *slot += w * ow;
            }
        }
        let mut ranked: Vec<(u32, f32)> = touched
            .into_iter()
            .map(|d| (d, scores[d as usize]))
            .filter(|&(other, s)| {
                other as usize != doc
                    && s > MIN_SIMILARITY
                    && s < 0.9
                    && self.headlines[other as usize] != self.headlines[doc]
            })
            .collect();
        ranked.sort_by(|a, b| b.1.total_cmp(&a.1).then(a.0.cmp(&b.0)));
        // One story saved twice is listed once (only the top few are looked at).
        let mut seen = std::collections::HashSet::new();
        ranked
            .into_iter()
            .filter(|&(other, _)| seen.insert(&self.headlines[other as usize]))
            .take(n)
            .map(|(other, score)| Related {
                doc: other as usize,
                score,
                explicit: false,
                why: self.shared_terms(doc, other as usize, 4),
            })
            .collect()
    }

    /// Copies of one story: documents with the same headline and nearly the same words (the
    /// threshold `similar` leaves out), each paired with the first document of its story.
    pub fn copies(&self) -> Vec<(usize, usize)> {
        let mut order: Vec<usize> = (0..self.headlines.len()).collect();
        order.sort_by(|&a, &b| self.headlines[a].cmp(&self.headlines[b]).then(a.cmp(&b)));
        let mut pairs = Vec::new();
        for group in order.chunk_by(|&a, &b| self.headlines[a] == self.headlines[b]) {
            let mut originals: Vec<usize> = Vec::new();
            for &doc in group {
                match originals.iter().find(|&&o| self.cosine(o, doc) >= 0.9) {
                    Some(&original) => pairs.push((doc, original)),
                    None => originals.push(doc),
                }
            }
        }
        pairs
    }

    /// The cosine similarity of two documents' weighted terms.
    fn cosine(&self, a: usize, b: usize) -> f32 {
        let other: HashMap<u32, f32> = self.vectors[b].iter().copied().collect();
        self.vectors[a]
            .iter()
            .filter_map(|&(id, w)| other.get(&id).map(|ow| w * ow))
            .sum()
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
            .map(|(id, _)| self.vocabulary.surface[id as usize].clone())
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
            ids.extend(
                stems
                    .iter()
                    .filter_map(|s| self.vocabulary.ids.get(s).copied()),
            );
            if last && lower.chars().count() >= 2 {
                ids.extend(
                    self.vocabulary
                        .terms
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
pub fn resolve(reference: &str, articles: &[impl AsRef<Summary>]) -> Option<usize> {
    let wanted = normalise_words(reference);
    articles.iter().position(|a| {
        let a = a.as_ref();
        a.url() == Some(reference)
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
    articles: &[impl AsRef<Summary>],
    doc: usize,
    n: usize,
) -> Vec<Related> {
    let mut out: Vec<Related> = Vec::new();
    for reference in articles[doc].as_ref().related() {
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
