//! Ranking on small libraries of our own: search puts the best match first, related articles
//! put explicit references first and never list the article itself or its duplicates.

use std::path::PathBuf;
use std::sync::Arc;

use gazette::article::{self, Article, Summary};
use gazette::library::index::{self, Index};

fn article(name: &str, text: &str) -> Arc<Article> {
    Arc::new(article::parse(&PathBuf::from(name), text.as_bytes()).unwrap())
}

fn library() -> Vec<Arc<Article>> {
    vec![
        article(
            "flood.txt",
            "River Floods Swamp the Old Town\n\nThe river burst its banks and the flood water filled the old town streets, the council said.\n\nFlood defences along the river failed after a week of rain.\n",
        ),
        article(
            "flood-copy.txt",
            "River Floods Swamp the Old Town\n\nThe river burst its banks and the flood water filled the old town streets, the council said.\n\nFlood defences along the river failed after a week of rain.\n",
        ),
        article(
            "flood-2.txt",
            "Insurers Count the Cost of River Flood\n\nInsurers expect claims after the river flood damaged homes and shops in the old town.\n\nMany shops had no flood cover.\n",
        ),
        article(
            "cup.txt",
            "Underdogs Win the Cup Final\n\nThe football club won the cup final on penalties after a draw, and the fans sang all night.\n",
        ),
        article(
            "chips.md",
            "+++\ntitle = \"Chipmaker Shows a New Processor\"\nauthors = [\"Hana Sato\"]\nrelated = [\"cup.txt\"]\n+++\n\nThe processor runs language models on a phone with little power.\n",
        ),
    ]
}

fn summaries(lib: &[Arc<Article>]) -> Vec<Summary> {
    lib.iter().map(|a| a.summary()).collect()
}

#[test]
fn related_excludes_itself_and_its_duplicate_and_ranks_by_content() {
    let lib = library();
    let index = Index::build(&lib);
    let related = index::related(&index, &summaries(&lib), 0, 8);
    let docs: Vec<usize> = related.iter().map(|r| r.doc).collect();
    assert!(!docs.contains(&0), "itself");
    assert!(!docs.contains(&1), "its duplicate");
    assert_eq!(
        docs.first(),
        Some(&2),
        "the other flood story first: {related:?}"
    );
    assert!(
        related[0].why.iter().any(|w| w == "flood" || w == "river"),
        "{:?}",
        related[0].why
    );
}

#[test]
fn explicit_references_come_first() {
    let lib = library();
    let index = Index::build(&lib);
    let related = index::related(&index, &summaries(&lib), 4, 8);
    assert_eq!(related[0].doc, 3, "the referenced file first");
    assert!(related[0].explicit);
}

#[test]
fn search_ranks_the_best_match_first_and_covers_bylines() {
    let lib = library();
    let index = Index::build(&lib);
    let hits = index.search(&["cup".into(), "final".into()]);
    assert_eq!(hits.first(), Some(&3));
    let hits = index.search(&["insurers".into()]);
    assert_eq!(hits, [2]);
    // A prefix of the word being typed matches.
    assert_eq!(index.search(&["penalt".into()]), [3]);
    // Bylines are searched.
    assert_eq!(index.search(&["sato".into()]), [4]);
    assert!(index.search(&["zzzz".into()]).is_empty());
}

#[test]
fn a_story_saved_twice_is_related_once() {
    let mut lib = library();
    let insurers = lib[2].clone();
    lib.push(Arc::new(Article {
        path: PathBuf::from("saved-again/flood-2.txt"),
        ..(*insurers).clone()
    }));
    let index = Index::build(&lib);
    let related = index::related(&index, &summaries(&lib), 0, 8);
    let docs: Vec<usize> = related.iter().map(|r| r.doc).collect();
    assert_eq!(
        docs.iter().filter(|&&d| d == 2 || d == 5).count(),
        1,
        "{related:?}"
    );
}
