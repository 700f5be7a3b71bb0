//! The index's tests: related lookups over strong postings, and search.

mod strong_postings {
    use super::super::*;

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

mod search {
    use super::super::*;
    use crate::article::Block;

    fn index(bodies: &[&str]) -> Index {
        let articles: Vec<Article> = bodies
            .iter()
            .enumerate()
            .map(|(i, body)| Article {
                headline: format!("Story {}", ["one", "two", "three", "four"][i]),
                blocks: vec![Block::paragraph(*body)],
                ..Article::default()
            })
            .collect();
        Index::build(
            &articles
                .into_iter()
                .map(std::sync::Arc::new)
                .collect::<Vec<_>>(),
        )
    }

    fn words(query: &str) -> Vec<String> {
        query.split_whitespace().map(str::to_owned).collect()
    }

    #[test]
    fn words_that_are_not_indexed_narrow_nothing_instead_of_matching_nothing() {
        let index = index(&[
            "Foster said the plan failed.",
            "The council said nothing in 2004.",
            "Mr Foster left the harbour.",
        ]);
        let mut foster = index.search(&words("foster"));
        foster.sort();
        assert_eq!(foster, [0, 2]);
        let mut with_said = index.search(&words("foster said"));
        with_said.sort();
        assert_eq!(with_said, [0, 2]);
        assert_eq!(index.search(&words("said 2004")), [0, 1, 2]);
        assert_eq!(
            ignored(&words("Foster said 2004 harbour")),
            ["said", "2004"]
        );
        assert!(index.search(&words("zzyzx")).is_empty());
    }

    #[test]
    fn a_lone_cjk_character_finds_the_bigrams_it_begins_or_ends() {
        let index = index(&[
            // 堤 only ends a pair here (波堤), only begins one in the next (堤防).
            "新しい防波堤。",
            "堤防の工事が始まった。",
            "港の話。",
            "防波堤と港の話。",
        ]);
        let found = |query: &str| {
            let mut found = index.search(&words(query));
            found.sort();
            found
        };
        assert_eq!(found("堤"), [0, 1, 3]);
        // Not only as the last word.
        assert_eq!(found("堤 港"), [3]);
        assert_eq!(found("港 堤"), [3]);
    }
}
