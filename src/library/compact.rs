//! Compact storage for the index: documents' terms and terms' postings as varint-coded
//! deltas, each kind in one byte array, weights quantised to one byte. At 100,000 articles the index holds
//! some 13 million (document, term) pairs: about 3 bytes each this way, against 16 as pairs of
//! `(u32, f32)` in a `Vec` per document and per term.

/// Appends `v` as a varint: 7 bits a byte, low bits first, the high bit saying more follow.
fn put_varint(out: &mut Vec<u8>, mut v: u32) {
    while v >= 0x80 {
        out.push(v as u8 | 0x80);
        v >>= 7;
    }
    out.push(v as u8);
}

/// Writes `v` as a varint at `*at` in a buffer sized beforehand (see `varint_len`).
fn put_varint_at(out: &mut [u8], at: &mut usize, mut v: u32) {
    while v >= 0x80 {
        out[*at] = v as u8 | 0x80;
        *at += 1;
        v >>= 7;
    }
    out[*at] = v as u8;
    *at += 1;
}

fn varint_len(v: u32) -> usize {
    (32 - v.leading_zeros() as usize).max(1).div_ceil(7)
}

/// Reads the varint at `*at`. The bytes are the index's own, written by `put_varint`.
fn get_varint(bytes: &[u8], at: &mut usize) -> u32 {
    let mut v = 0u32;
    let mut shift = 0;
    loop {
        let b = bytes[*at];
        *at += 1;
        v |= u32::from(b & 0x7f) << shift;
        if b < 0x80 {
            return v;
        }
        shift += 7;
    }
}

/// A weight in [0, 1] in one byte, on a square-root scale: a document's weights are mostly
/// small (its vector has unit length over a hundred terms), and there the steps are finest.
/// A positive weight never becomes 0, so that a document it touches counts as touched.
pub fn quantise(w: f32) -> u8 {
    if w <= 0.0 {
        return 0;
    }
    (w.min(1.0).sqrt() * 255.0).round().max(1.0) as u8
}

/// The weight a quantised byte stands for.
pub fn dequantise(q: u8) -> f32 {
    let s = f32::from(q) / 255.0;
    s * s
}

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

/// Each term's documents with their quantised weights, in document order, coded as document
/// deltas, all terms in one array.
#[derive(Default)]
pub struct Postings {
    /// Where each term's postings start in `bytes`, and one past the last term.
    starts: Vec<usize>,
    bytes: Vec<u8>,
    /// How many documents hold each term.
    lens: Vec<u32>,
}

impl Postings {
    /// The postings of `terms` terms, given by `each`, which calls its argument with
    /// (term, document, quantised weight) for every pair, in document order. It is called
    /// twice: once to size each term's postings, once to fill them in place.
    pub fn build(terms: usize, each: impl Fn(&mut dyn FnMut(u32, u32, u8))) -> Postings {
        let mut sizes = vec![0usize; terms];
        let mut lens = vec![0u32; terms];
        let mut last = vec![0u32; terms];
        each(&mut |term, doc, _| {
            let t = term as usize;
            sizes[t] += varint_len(doc - last[t]) + 1;
            lens[t] += 1;
            last[t] = doc;
        });
        let mut starts = Vec::with_capacity(terms + 1);
        let mut total = 0;
        for size in &sizes {
            starts.push(total);
            total += size;
        }
        starts.push(total);
        drop(sizes);
        let mut bytes = vec![0u8; total];
        let mut at = starts[..terms].to_vec();
        last.iter_mut().for_each(|l| *l = 0);
        each(&mut |term, doc, q| {
            let t = term as usize;
            put_varint_at(&mut bytes, &mut at[t], doc - last[t]);
            bytes[at[t]] = q;
            at[t] += 1;
            last[t] = doc;
        });
        Postings {
            starts,
            bytes,
            lens,
        }
    }

    /// The bytes held.
    pub fn heap_bytes(&self) -> usize {
        self.bytes.capacity()
            + self.starts.capacity() * size_of::<usize>()
            + self.lens.capacity() * 4
    }

    /// How many documents hold `term`.
    pub fn len(&self, term: u32) -> usize {
        self.lens.get(term as usize).map_or(0, |&l| l as usize)
    }

    /// The documents holding `term`, in order, with their quantised weights.
    pub fn of(&self, term: u32) -> impl Iterator<Item = (u32, u8)> + '_ {
        let t = term as usize;
        let (mut at, end) = match self.starts.get(t..t + 2) {
            Some(&[start, end]) => (start, end),
            _ => (0, 0),
        };
        let mut doc = 0;
        std::iter::from_fn(move || {
            if at >= end {
                return None;
            }
            doc += get_varint(&self.bytes, &mut at);
            let q = self.bytes[at];
            at += 1;
            Some((doc, q))
        })
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn varints_round_trip_at_every_length() {
        let values = [0, 1, 127, 128, 16_383, 16_384, 2_097_152, u32::MAX];
        let mut out = Vec::new();
        for v in values {
            put_varint(&mut out, v);
        }
        let expected: usize = values.iter().map(|&v| varint_len(v)).sum();
        assert_eq!(out.len(), expected);
        let mut at = 0;
        let back: Vec<u32> = values.iter().map(|_| get_varint(&out, &mut at)).collect();
        assert_eq!(back, values);
    }

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

    #[test]
    fn quantised_weights_stay_close_and_positive_ones_stay_positive() {
        for w in [1e-7, 0.001, 0.01, 0.05, 0.2, 0.7, 1.0] {
            let back = dequantise(quantise(w));
            assert!(back > 0.0, "{w}");
            if w >= 0.01 {
                assert!((back - w).abs() / w < 0.05, "{w} came back as {back}");
            }
        }
        assert_eq!(quantise(0.0), 0);
        assert_eq!(quantise(3.0), 255);
    }

    #[test]
    fn postings_list_each_terms_documents_in_order() {
        let pairs = [
            (0, 0, 10),
            (2, 0, 20),
            (0, 5, 30),
            (1, 300, 40),
            (0, 100_000, 50),
        ];
        let postings = Postings::build(4, |f| {
            for &(term, doc, q) in &pairs {
                f(term, doc, q);
            }
        });
        let of = |t| postings.of(t).collect::<Vec<_>>();
        assert_eq!(of(0), vec![(0, 10), (5, 30), (100_000, 50)]);
        assert_eq!(of(1), vec![(300, 40)]);
        assert_eq!(of(2), vec![(0, 20)]);
        assert_eq!(of(3), vec![]);
        assert_eq!(of(9), vec![]);
        assert_eq!(
            (postings.len(0), postings.len(3), postings.len(9)),
            (3, 0, 0)
        );
    }
}
