//! Documents' terms for the index, all in one byte array: each term as a varint id delta with
//! its count, the commonest counts coded in two spare bits.

use super::compact::{get_varint, put_varint};

/// The commonest counts, in halves (a word once, a name once, a word twice), each coded in
/// two bits beside its term's id delta; the code 3 says the count follows as a varint. At
/// 100,000 articles 86% of counts are one of these, and 46% of id deltas are under 32, so
/// that most terms take one byte instead of two.
const COMMON_HALVES: [u32; 3] = [2, 3, 4];

/// Appends a document's (term id, count) pairs, in any order, by id; an id given twice has
/// its counts added. Counts are kept in halves (names count 1.5), so exactly.
fn put_terms(out: &mut Vec<u8>, mut pairs: Vec<(u32, f32)>) {
    pairs.sort_unstable_by_key(|&(id, _)| id);
    pairs.dedup_by(|b, a| {
        let same = a.0 == b.0;
        if same {
            a.1 += b.1;
        }
        same
    });
    let mut last = 0;
    for (id, count) in pairs {
        let halves = (count * 2.0).round().clamp(0.0, u32::MAX as f32) as u32;
        let code = COMMON_HALVES.iter().position(|&h| h == halves);
        let delta = u64::from(id - last) << 2 | code.unwrap_or(3) as u64;
        put_varint64(out, delta);
        if code.is_none() {
            put_varint(out, halves);
        }
        last = id;
    }
}

/// `put_varint` for the id delta with its count code, two bits wider than an id.
fn put_varint64(out: &mut Vec<u8>, mut v: u64) {
    while v >= 0x80 {
        out.push(v as u8 | 0x80);
        v >>= 7;
    }
    out.push(v as u8);
}

fn get_varint64(bytes: &[u8], at: &mut usize) -> u64 {
    let mut v = 0u64;
    let mut shift = 0;
    loop {
        let b = bytes[*at];
        *at += 1;
        v |= u64::from(b & 0x7f) << shift;
        if b < 0x80 {
            return v;
        }
        shift += 7;
    }
}

/// A document's terms: (term id in a `Vocabulary`, weighted count), by id, borrowed from the
/// `DocTerms` that holds them.
#[derive(Debug, Clone, Copy, PartialEq)]
pub struct Terms<'a>(&'a [u8]);

impl<'a> Terms<'a> {
    /// (term id, count), by id.
    pub fn iter(self) -> impl Iterator<Item = (u32, f32)> + 'a {
        let (mut at, mut id) = (0, 0u32);
        std::iter::from_fn(move || {
            if at == self.0.len() {
                return None;
            }
            let v = get_varint64(self.0, &mut at);
            id += (v >> 2) as u32;
            let halves = match COMMON_HALVES.get((v & 3) as usize) {
                Some(&h) => h,
                None => get_varint(self.0, &mut at),
            };
            Some((id, halves as f32 / 2.0))
        })
    }
}

/// Documents' terms, all in one byte array. A box of its own for each of 100,000 documents
/// would cost an allocation each, and pin the heap's pages around it once the temporaries of
/// loading are freed.
#[derive(Debug, Clone, Default)]
pub struct DocTerms {
    bytes: Vec<u8>,
    /// Where each document's terms are in `bytes`, start and end, by document number.
    spans: Vec<(usize, usize)>,
}

impl DocTerms {
    /// Adds a document given by (term id, count) pairs in any order, and returns its number.
    pub fn push(&mut self, pairs: Vec<(u32, f32)>) -> u32 {
        let start = self.bytes.len();
        put_terms(&mut self.bytes, pairs);
        self.spans.push((start, self.bytes.len()));
        (self.spans.len() - 1) as u32
    }

    pub fn len(&self) -> usize {
        self.spans.len()
    }

    pub fn is_empty(&self) -> bool {
        self.spans.is_empty()
    }

    /// The terms of document `doc` (none for a number never given).
    pub fn get(&self, doc: usize) -> Terms<'_> {
        let (start, end) = self.spans.get(doc).copied().unwrap_or((0, 0));
        Terms(&self.bytes[start..end])
    }

    /// Each document's terms, in order.
    pub fn iter(&self) -> impl Iterator<Item = Terms<'_>> {
        (0..self.len()).map(|doc| self.get(doc))
    }

    /// The documents `docs`, numbered anew in that order (a library's order differs from the
    /// order its files were loaded in). Only where they are is copied, not their terms; the
    /// terms of documents left out stay behind unused.
    pub fn select(self, docs: &[u32]) -> DocTerms {
        let mut bytes = self.bytes;
        bytes.shrink_to_fit();
        let spans = docs.iter().map(|&d| self.spans[d as usize]).collect();
        DocTerms { bytes, spans }
    }

    /// The bytes held.
    pub fn heap_bytes(&self) -> usize {
        self.bytes.capacity() + self.spans.capacity() * size_of::<(usize, usize)>()
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn terms_come_back_by_id_with_repeated_ids_added() {
        let mut docs = DocTerms::default();
        let a = docs.push(vec![(900, 1.5), (3, 2.0), (70_000, 0.5), (3, 1.0)]);
        let b = docs.push(Vec::new());
        let c = docs.push(vec![(7, 1.0)]);
        let of = |docs: &DocTerms, d: u32| docs.get(d as usize).iter().collect::<Vec<_>>();
        assert_eq!(of(&docs, a), vec![(3, 3.0), (900, 1.5), (70_000, 0.5)]);
        assert_eq!(of(&docs, b), vec![]);
        assert_eq!(of(&docs, c), vec![(7, 1.0)]);
        assert_eq!(of(&docs, 9), vec![]);
        assert_eq!(docs.len(), 3);
    }

    #[test]
    fn terms_keep_every_count_and_the_largest_ids() {
        let pairs = vec![
            (0, 1.0),
            (31, 1.5),
            (32, 2.0),
            (33, 3.0),
            (200, 0.5),
            (u32::MAX, 90.5),
        ];
        let mut docs = DocTerms::default();
        docs.push(pairs.clone());
        assert_eq!(docs.get(0).iter().collect::<Vec<_>>(), pairs);
    }

    #[test]
    fn selected_documents_keep_their_terms_in_the_new_order() {
        let mut docs = DocTerms::default();
        for i in 0..5u32 {
            docs.push(vec![(i, 1.0), (i + 100, 0.5)]);
        }
        let before: Vec<Vec<(u32, f32)>> = docs.iter().map(|t| t.iter().collect()).collect();
        let selected = docs.select(&[4, 0, 2]);
        let after: Vec<Vec<(u32, f32)>> = selected.iter().map(|t| t.iter().collect()).collect();
        assert_eq!(
            after,
            vec![before[4].clone(), before[0].clone(), before[2].clone()]
        );
    }
}
