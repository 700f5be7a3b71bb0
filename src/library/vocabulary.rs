//! The terms of a library, each stem once with a readable form of it, by id.

use std::collections::HashMap;

use super::words::{Tokenizer, Words};

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

    /// The id of a stem.
    pub fn id(&self, stem: &str) -> Option<u32> {
        self.ids.get(stem).copied()
    }

    /// Each stem with its id, by id.
    pub fn stems(&self) -> impl Iterator<Item = (u32, &str)> {
        (0u32..).zip(self.terms.iter().map(String::as_str))
    }

    /// The bytes held, for measuring (`Index::parts`).
    pub fn heap_bytes(&self) -> usize {
        let strings: usize = self
            .terms
            .iter()
            .chain(&self.surface)
            .map(String::capacity)
            .sum();
        let keys: usize = (self.ids.keys().chain(self.stems.keys()))
            .map(String::capacity)
            .sum();
        strings
            + keys
            + (self.terms.capacity() + self.surface.capacity()) * 24
            + (self.ids.capacity() + self.stems.capacity()) * 32
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
