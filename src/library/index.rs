//! The term index shared by search and related articles: stemmed terms weighted by TF-IDF,
//! with names (capitalised words inside sentences) weighted up, and postings for fast lookup.

use std::collections::HashMap;

use rayon::prelude::*;

use crate::article::{Article, Summary, normalise_words};

use super::compact::{Postings, dequantise, quantise};
pub use super::doc_terms::{DocTerms, Terms};
pub use super::vocabulary::Vocabulary;
pub use super::words::{Tokenizer, Words, count_words};
use super::words::{is_cjk, is_indexed, query_words};

/// A document's weighted terms, as (term id, weight) by id, unit length.
type Vector = Vec<(u32, f32)>;

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
        vec![
            ("terms in the vocabulary", v.len()),
            ("vocabulary (strings, maps)", v.heap_bytes()),
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
            .map(|(id, _)| self.vocabulary.term(id).1.to_owned())
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
            // A stop word, a number or a letter is in no posting: it narrows nothing (the
            // reader says it was left out, see `ignored`), rather than matching nothing.
            if !is_indexed(&lower) {
                continue;
            }
            let mut stems = Vec::new();
            tokenizer.terms(&lower, |t, _| stems.push(t));
            let mut ids: Vec<u32> = stems.iter().filter_map(|s| self.vocabulary.id(s)).collect();
            // The word being typed: any term it begins. A lone CJK character, wherever it
            // stands, is any bigram it begins or ends, as CJK text is indexed by bigrams.
            let lone_cjk = lower.chars().count() == 1 && lower.chars().all(is_cjk);
            if lone_cjk || (last && lower.chars().count() >= 2) {
                ids.extend(
                    self.vocabulary
                        .stems()
                        .filter(|(_, t)| t.starts_with(&lower) || (lone_cjk && t.ends_with(&lower)))
                        .map(|(id, _)| id),
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
        // No word narrows the library: all of it, in its order.
        let Some(result) = result else {
            return (0..self.len()).collect();
        };
        let mut ranked: Vec<(u32, f32)> = result.into_iter().collect();
        ranked.sort_by(|a, b| b.1.total_cmp(&a.1).then(a.0.cmp(&b.0)));
        ranked.into_iter().map(|(d, _)| d as usize).collect()
    }
}

/// The words of a query that a search leaves out (stop words, numbers, single letters), to
/// tell the user: "said" alone would otherwise seem to find every article.
pub fn ignored(words: &[String]) -> Vec<String> {
    words
        .iter()
        .filter(|w| !is_indexed(&w.to_lowercase()))
        .cloned()
        .collect()
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
mod tests;
