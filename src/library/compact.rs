//! Compact postings for the index: each term's documents as varint-coded deltas, all terms in
//! one byte array, weights quantised to one byte. At 100,000 articles that is 13.2 million
//! (document, term) pairs at about 2.1 bytes each, against 8 as `(u32, f32)` pairs in a `Vec`
//! per term. The varints serve the documents' terms too (`doc_terms`).

/// Appends `v` as a varint: 7 bits a byte, low bits first, the high bit saying more follow.
pub(super) fn put_varint(out: &mut Vec<u8>, mut v: u32) {
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
pub(super) fn get_varint(bytes: &[u8], at: &mut usize) -> u32 {
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

/// Each term's documents with their quantised weights, coded as document deltas, all terms in
/// one array. A term may keep its strongest postings apart (see `build`): each part is in
/// document order.
#[derive(Default)]
pub struct Postings {
    /// Where each term's postings start in `bytes`, and one past the last term.
    starts: Vec<usize>,
    /// Where each term's weaker part starts (its end when it has none).
    splits: Vec<usize>,
    bytes: Vec<u8>,
    /// How many documents hold each term.
    lens: Vec<u32>,
}

impl Postings {
    /// The postings of `terms` terms, given by `each`, which calls its argument with
    /// (term, document, quantised weight) for every pair, in document order. A term for which
    /// `keep(term, documents holding it)` is `Some(k)` has the postings at least as strong as
    /// its `k`th strongest stored first (`strongest` reads only them), the others after.
    /// `each` is called four times: to count each term's postings, to find the weight
    /// splitting those kept apart, to size each part, and to fill them in place.
    pub fn build(
        terms: usize,
        keep: impl Fn(u32, usize) -> Option<usize>,
        each: impl Fn(&mut dyn FnMut(u32, u32, u8)),
    ) -> Postings {
        let mut lens = vec![0u32; terms];
        each(&mut |term, _, _| lens[term as usize] += 1);
        // The weight histograms of the terms split, then the least weight of their strong part.
        let kept: Vec<Option<usize>> = (0..terms)
            .map(|t| keep(t as u32, lens[t] as usize).filter(|&k| k < lens[t] as usize))
            .collect();
        let mut histograms: Vec<Option<Box<[u32; 256]>>> =
            kept.iter().map(|k| k.map(|_| Box::new([0; 256]))).collect();
        each(&mut |term, _, q| {
            if let Some(h) = &mut histograms[term as usize] {
                h[q as usize] += 1;
            }
        });
        let floors: Vec<u8> = kept
            .iter()
            .zip(histograms)
            .map(|(k, h)| match (k, h) {
                (Some(k), Some(h)) => {
                    let mut seen = 0;
                    (0..=255u8)
                        .rev()
                        .find(|&q| {
                            seen += h[q as usize] as usize;
                            seen >= *k
                        })
                        .unwrap_or(0)
                }
                _ => 0,
            })
            .collect();
        // Each part's size: strong parts at `starts`, weak ones at `splits`, both cursors.
        let mut starts = vec![0usize; terms + 1];
        let mut splits = vec![0usize; terms];
        let mut last = vec![(0u32, 0u32); terms];
        each(&mut |term, doc, q| {
            let t = term as usize;
            if q >= floors[t] {
                starts[t] += varint_len(doc - last[t].0) + 1;
                last[t].0 = doc;
            } else {
                splits[t] += varint_len(doc - last[t].1) + 1;
                last[t].1 = doc;
            }
        });
        let mut total = 0;
        for t in 0..terms {
            let (strong, weak) = (starts[t], splits[t]);
            starts[t] = total;
            splits[t] = total + strong;
            total += strong + weak;
        }
        starts[terms] = total;
        let mut bytes = vec![0u8; total];
        let (mut at_strong, mut at_weak) = (starts[..terms].to_vec(), splits.clone());
        last.iter_mut().for_each(|l| *l = (0, 0));
        each(&mut |term, doc, q| {
            let t = term as usize;
            let (at, last) = if q >= floors[t] {
                (&mut at_strong[t], &mut last[t].0)
            } else {
                (&mut at_weak[t], &mut last[t].1)
            };
            put_varint_at(&mut bytes, at, doc - *last);
            bytes[*at] = q;
            *at += 1;
            *last = doc;
        });
        Postings {
            starts,
            splits,
            bytes,
            lens,
        }
    }

    /// The bytes held.
    pub fn heap_bytes(&self) -> usize {
        self.bytes.capacity()
            + (self.starts.capacity() + self.splits.capacity()) * size_of::<usize>()
            + self.lens.capacity() * 4
    }

    /// How many documents hold `term`.
    pub fn len(&self, term: u32) -> usize {
        self.lens.get(term as usize).map_or(0, |&l| l as usize)
    }

    /// The documents holding `term` with their quantised weights: the strong part, then the
    /// weaker one, each in document order.
    pub fn of(&self, term: u32) -> impl Iterator<Item = (u32, u8)> + '_ {
        let t = term as usize;
        let (start, split, end) = match (self.starts.get(t..t + 2), self.splits.get(t)) {
            (Some(&[start, end]), Some(&split)) => (start, split, end),
            _ => (0, 0, 0),
        };
        self.part(start, split).chain(self.part(split, end))
    }

    /// The strongest documents holding `term` (all of them, unless it was kept apart).
    pub fn strongest(&self, term: u32) -> impl Iterator<Item = (u32, u8)> + '_ {
        let t = term as usize;
        let (start, split) = match (self.starts.get(t), self.splits.get(t)) {
            (Some(&start), Some(&split)) => (start, split),
            _ => (0, 0),
        };
        self.part(start, split)
    }

    /// The postings coded in `bytes[at..end]`.
    fn part(&self, mut at: usize, end: usize) -> impl Iterator<Item = (u32, u8)> + '_ {
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
        let postings = Postings::build(
            4,
            |_, _| None,
            |f| {
                for &(term, doc, q) in &pairs {
                    f(term, doc, q);
                }
            },
        );
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
        assert_eq!(postings.strongest(0).collect::<Vec<_>>(), of(0));
    }

    #[test]
    fn a_term_kept_apart_lists_its_strongest_postings_first() {
        // Term 0: weights 10, 60, 30, 60, 20, 50 in documents 0 to 5; its 3 strongest weigh
        // at least 50. Term 1 is too short to be split.
        let pairs = [
            (0, 0, 10),
            (1, 0, 99),
            (0, 1, 60),
            (0, 2, 30),
            (0, 3, 60),
            (0, 4, 20),
            (0, 5, 50),
        ];
        let postings = Postings::build(
            2,
            |_, _| Some(3),
            |f| {
                for &(term, doc, q) in &pairs {
                    f(term, doc, q);
                }
            },
        );
        let strongest: Vec<_> = postings.strongest(0).collect();
        assert_eq!(strongest, vec![(1, 60), (3, 60), (5, 50)]);
        let all: Vec<_> = postings.of(0).collect();
        assert_eq!(
            all,
            vec![(1, 60), (3, 60), (5, 50), (0, 10), (2, 30), (4, 20)]
        );
        assert_eq!(postings.of(1).collect::<Vec<_>>(), vec![(0, 99)]);
        assert_eq!(postings.strongest(1).collect::<Vec<_>>(), vec![(0, 99)]);
        assert_eq!(postings.len(0), 6);
    }
}
