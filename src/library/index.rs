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
fn is_cjk(c: char) -> bool {
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

/// A query word as the terms a document must all hold: a CJK word by its bigrams (so that
/// "新聞紙" needs both "新聞" and "聞紙"), any other word as itself.
fn query_words(word: &str) -> Vec<String> {
    if word.is_ascii() || !word.chars().any(is_cjk) {
        return vec![word.to_owned()];
    }
    let mut out = Vec::new();
    cjk_words(word, false, &mut |w, _| out.push(w));
    out
}

/// A document's weighted terms, as (term id, weight) by id, unit length.
type Vector = Vec<(u32, f32)>;

/// A document's words and how much each counts (headline words count more), before stemming.
pub type Words = Vec<(String, f32)>;

use super::compact::{Postings, dequantise, quantise};
pub use super::doc_terms::{DocTerms, Terms};

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

    /// A document's words as (term id, count) pairs of this vocabulary (several words may
    /// share a stem), for `DocTerms::push`.
    pub fn terms_of(&mut self, words: Words) -> Vec<(u32, f32)> {
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

/// A related lookup follows at most about this many documents per term, the strongest: what
/// it finds stays focused whatever the library's size. (Terms in a fifth of the library are
/// skipped.)
const MAX_POSTINGS: usize = 3000;

/// Terms in more than one document in this many are skipped by related lookups.
const COMMON_SHARE: usize = 5;

/// BM25: term frequency saturates and long articles are normalised.
const K1: f32 = 1.2;
const B: f32 = 0.75;

/// The index over a library's articles, by position in the library.
///
/// It keeps what weights are computed from rather than the weights: each document's term
/// counts (compact, by term id), its length factor and vector norm, and each term's idf; a
/// document's vector is computed when a lookup needs it. The postings, which search and
/// related lookups read many of, hold quantised weights.
#[derive(Default)]
pub struct Index {
    vocabulary: Vocabulary,
    /// Each document's terms and counts.
    terms: DocTerms,
    /// Each document's BM25 length factor and vector norm.
    scales: Vec<(f32, f32)>,
    /// Each term's inverse document frequency.
    idf: Vec<f32>,
    /// For each term, the documents holding it with their weight. A term that related lookups
    /// follow and that is in more than `MAX_POSTINGS` documents keeps the postings they follow
    /// (those at least as strong as its `MAX_POSTINGS`th strongest) apart, so that a lookup
    /// reads only them: the slowest lookups (articles of many common terms) are several times
    /// faster.
    postings: Postings,
    /// Each document's normalised headline, hashed (only ever compared).
    headlines: Vec<u64>,
}

/// One related article and the terms that made it so.
#[derive(Debug, Clone, PartialEq)]
pub struct Related {
    pub doc: usize,
    pub score: f32,
    pub explicit: bool,
    pub why: Vec<String>,
}

/// A term in most documents says little and costs the most to follow: related lookups
/// skip it.
fn too_common(len: usize, documents: usize) -> bool {
    len > 100 && len * COMMON_SHARE > documents
}

/// Whether a term's related lookups follow only its strongest postings (see `Index::strong`).
fn has_strong(len: usize, documents: usize) -> bool {
    len > MAX_POSTINGS && !too_common(len, documents)
}

/// The weight of a term counted `f` times in a document of length factor and norm `scale`.
fn weight(f: f32, scale: (f32, f32), idf: f32) -> f32 {
    f * (K1 + 1.0) / (f + K1 * scale.0) * idf / scale.1
}

fn hash_headline(headline: &str) -> u64 {
    use std::hash::{Hash, Hasher};
    let mut hasher = std::hash::DefaultHasher::new();
    normalise_words(headline).hash(&mut hasher);
    hasher.finish()
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
        let mut terms = DocTerms::default();
        for w in words {
            terms.push(vocabulary.terms_of(w));
        }
        let headlines = articles.iter().map(|a| a.as_ref().headline.as_str());
        Index::from_terms(vocabulary, terms, headlines)
    }

    /// The index of documents given by their terms, in library order, with their headlines
    /// (to tell copies of one story apart from related stories).
    pub fn from_terms<'a>(
        vocabulary: Vocabulary,
        terms: DocTerms,
        headlines: impl Iterator<Item = &'a str>,
    ) -> Index {
        let mut df = vec![0u32; vocabulary.len()];
        let lengths: Vec<f32> = terms
            .iter()
            .map(|tf| {
                tf.iter()
                    .map(|(id, f)| {
                        df[id as usize] += 1;
                        f
                    })
                    .sum()
            })
            .collect();
        let n = terms.len() as f32;
        let average = lengths.iter().sum::<f32>() / n.max(1.0);
        let idf: Vec<f32> = df
            .iter()
            .map(|&d| {
                let d = d as f32;
                ((n - d + 0.5) / (d + 0.5) + 1.0).ln()
            })
            .collect();
        let scales: Vec<(f32, f32)> = (0..terms.len())
            .into_par_iter()
            .map(|doc| (terms.get(doc), lengths[doc]))
            .map(|(tf, length)| {
                let norm_len = 1.0 - B + B * length / average.max(1.0);
                let norm = tf
                    .iter()
                    .map(|(id, f)| weight(f, (norm_len, 1.0), idf[id as usize]).powi(2))
                    .sum::<f32>()
                    .sqrt()
                    .max(1e-6);
                (norm_len, norm)
            })
            .collect();
        let n = terms.len();
        let keep = |_, len| has_strong(len, n).then_some(MAX_POSTINGS);
        let postings = Postings::build(vocabulary.len(), keep, |f| {
            for (doc, (tf, &scale)) in terms.iter().zip(&scales).enumerate() {
                for (id, count) in tf.iter() {
                    let w = weight(count, scale, idf[id as usize]);
                    f(id, doc as u32, quantise(w));
                }
            }
        });
        Index {
            vocabulary,
            terms,
            scales,
            idf,
            postings,
            headlines: headlines.map(hash_headline).collect(),
        }
    }

    pub fn len(&self) -> usize {
        self.terms.len()
    }

    pub fn is_empty(&self) -> bool {
        self.terms.is_empty()
    }

    /// The bytes each part of the index holds, for measuring (`examples/index_memory.rs`).
    pub fn parts(&self) -> Vec<(&'static str, usize)> {
        let v = &self.vocabulary;
        let strings: usize = v.terms.iter().chain(&v.surface).map(String::capacity).sum();
        let keys: usize = v
            .ids
            .keys()
            .chain(v.stems.keys())
            .map(String::capacity)
            .sum();
        vec![
            ("terms in the vocabulary", v.len()),
            (
                "vocabulary (strings, maps)",
                strings
                    + keys
                    + (v.terms.capacity() + v.surface.capacity()) * 24
                    + (v.ids.capacity() + v.stems.capacity()) * 32,
            ),
            ("documents' terms", self.terms.heap_bytes()),
            ("postings", self.postings.heap_bytes()),
            (
                "per document and per term",
                self.scales.capacity() * 8
                    + self.idf.capacity() * 4
                    + self.headlines.capacity() * 8,
            ),
        ]
    }

    /// A document's weighted terms, by id.
    fn vector(&self, doc: usize) -> Vector {
        let scale = self.scales[doc];
        self.terms
            .get(doc)
            .iter()
            .map(|(id, f)| (id, weight(f, scale, self.idf[id as usize])))
            .collect()
    }

    /// The most similar documents to `doc` by cosine similarity, excluding itself and near
    /// duplicates (the same story saved twice).
    pub fn similar(&self, doc: usize, n: usize) -> Vec<Related> {
        if doc >= self.len() {
            return Vec::new();
        }
        let mut vector = self.vector(doc);
        vector.sort_by(|a, b| b.1.total_cmp(&a.1));
        // One score slot per document (a dense array beats a map at this volume), and the
        // documents touched, so that only they are ranked.
        let mut scores = vec![0f32; self.len()];
        let mut touched: Vec<u32> = Vec::new();
        // The strongest terms decide; rare long tails add cost and little signal.
        for &(id, w) in vector.iter().take(TOP_TERMS) {
            let len = self.postings.len(id);
            if too_common(len, self.len()) {
                continue;
            }
            for (other, q) in self.postings.strongest(id) {
                let slot = &mut scores[other as usize];
                if *slot == 0.0 {
                    touched.push(other);
                }
                *slot += w * dequantise(q);
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
            .filter(|&(other, _)| seen.insert(self.headlines[other as usize]))
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

    /// The products of two documents' weights for each term they share, by term id.
    fn shared(&self, a: usize, b: usize) -> Vec<(u32, f32)> {
        let (x, y) = (self.vector(a), self.vector(b));
        let (mut i, mut j) = (0, 0);
        let mut out = Vec::new();
        while i < x.len() && j < y.len() {
            match x[i].0.cmp(&y[j].0) {
                std::cmp::Ordering::Less => i += 1,
                std::cmp::Ordering::Greater => j += 1,
                std::cmp::Ordering::Equal => {
                    out.push((x[i].0, x[i].1 * y[j].1));
                    i += 1;
                    j += 1;
                }
            }
        }
        out
    }

    /// The cosine similarity of two documents' weighted terms.
    fn cosine(&self, a: usize, b: usize) -> f32 {
        self.shared(a, b).iter().map(|(_, p)| p).sum()
    }

    /// The terms that contribute most to two documents' similarity.
    pub fn shared_terms(&self, a: usize, b: usize, n: usize) -> Vec<String> {
        let mut shared = self.shared(a, b);
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
        let words: Vec<String> = words.iter().flat_map(|w| query_words(w)).collect();
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
                for (doc, q) in self.postings.of(id) {
                    let s = scores.entry(doc).or_default();
                    *s = s.max(dequantise(q));
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
            || a.path()
                .file_name()
                .is_some_and(|f| f.to_string_lossy() == reference)
            || a.path().ends_with(reference)
            || normalise_words(a.headline()) == wanted
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

#[cfg(test)]
mod strong_postings {
    use super::*;

    /// 16,000 documents: term 0 in 3,200 of them (more than `MAX_POSTINGS`, not too common)
    /// with counts that vary, and smaller terms shared in groups.
    fn library() -> Index {
        let mut vocabulary = Vocabulary::default();
        for id in 0..17_400 {
            vocabulary.add_term(&format!("t{id}"), &format!("t{id}"));
        }
        let mut terms = DocTerms::default();
        for i in 0..16_000u32 {
            let mut pairs = vec![(1 + i % 40, 1.0), (100 + i % 333, 1.5), (1_000 + i, 1.0)];
            if i % 5 == 0 {
                pairs.push((0, (1 + (i / 5) % 40) as f32));
            }
            terms.push(pairs);
        }
        let headlines: Vec<String> = (0..16_000).map(|i| format!("story {i}")).collect();
        Index::from_terms(vocabulary, terms, headlines.iter().map(String::as_str))
    }

    /// What a related lookup found when it read the whole of each term's postings, skipping
    /// those weaker than the term's `MAX_POSTINGS`th strongest.
    fn by_all_postings(index: &Index, doc: usize, n: usize) -> Vec<(usize, f32)> {
        let mut vector = index.vector(doc);
        vector.sort_by(|a, b| b.1.total_cmp(&a.1));
        let mut scores: HashMap<u32, f32> = HashMap::new();
        for &(id, w) in vector.iter().take(TOP_TERMS) {
            let len = index.postings.len(id);
            if too_common(len, index.len()) {
                continue;
            }
            let mut qs: Vec<u8> = index.postings.of(id).map(|(_, q)| q).collect();
            qs.sort_unstable_by(|a, b| b.cmp(a));
            let floor = if len > MAX_POSTINGS {
                qs[MAX_POSTINGS - 1]
            } else {
                0
            };
            for (other, q) in index.postings.of(id).filter(|&(_, q)| q >= floor) {
                *scores.entry(other).or_default() += w * dequantise(q);
            }
        }
        let mut ranked: Vec<(usize, f32)> = scores
            .into_iter()
            .map(|(d, s)| (d as usize, s))
            .filter(|&(d, s)| d != doc && s > MIN_SIMILARITY && s < 0.9)
            .collect();
        ranked.sort_by(|a, b| b.1.total_cmp(&a.1).then(a.0.cmp(&b.0)));
        ranked.truncate(n);
        ranked
    }

    #[test]
    fn related_lookups_read_only_the_strong_postings_and_find_the_same() {
        let index = library();
        let (all, strong) = (index.postings.len(0), index.postings.strongest(0).count());
        assert_eq!(all, 3_200);
        assert!((MAX_POSTINGS..all).contains(&strong), "{strong} of {all}");
        let short = index.postings.len(1);
        assert_eq!(
            index.postings.strongest(1).count(),
            short,
            "short ones read whole"
        );
        for doc in [0, 5, 40, 3_995, 15_995] {
            let found: Vec<(usize, f32)> = index
                .similar(doc, 20)
                .into_iter()
                .map(|r| (r.doc, r.score))
                .collect();
            assert!(!found.is_empty());
            assert_eq!(found, by_all_postings(&index, doc, 20), "related of {doc}");
        }
    }
}
