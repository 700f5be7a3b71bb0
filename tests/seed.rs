//! The founding example, parsed exactly: every field the product promises for it.

use gazette::article::{self, BlockKind};
use std::path::Path;

const SEED: &[u8] = include_bytes!("../assets/articles/trump-putin-cyber-security.txt");

#[test]
fn the_seed_is_parsed_exactly() {
    let a = article::parse(Path::new("seed.txt"), SEED).unwrap();
    assert_eq!(
        a.headline,
        "Trump Says He Wants to Collaborate With Putin on Cyber Security"
    );
    assert_eq!(a.source.as_deref(), Some("The Christian Post"));
    let photo = a.photo.as_ref().unwrap();
    assert_eq!(
        photo.caption,
        "U.S. President Donald Trump speaks with Russian President Vladimir Putin during their bilateral meeting."
    );
    assert_eq!(photo.credit.as_deref(), Some("REUTERS/Carlos Barria"));
    let paragraphs: Vec<&str> = a.paragraphs().collect();
    assert_eq!(paragraphs.len(), 10);
    assert!(a.blocks.iter().all(|b| b.kind == BlockKind::Paragraph));
    assert!(paragraphs[0].starts_with("U.S. President Donald Trump said on Twitter on Sunday"));
    assert!(paragraphs[9].starts_with("Moscow has denied any interference"));
    assert_eq!(
        a.quote_texts(),
        [
            "Putin & I discussed forming an impenetrable Cyber Security unit so that election hacking, & many other negative things, will be guarded and safe,",
            "I strongly pressed President Putin twice about Russian meddling in our election. He vehemently denied it. I've already given my opinion.....",
            "We negotiated a ceasefire in parts of Syria which will save lives. Now it is time to move forward in working constructively with Russia!",
            "Cyber Security Unit",
            "Chemical Weapons Unit,",
        ]
    );
    let credits: Vec<(&str, Vec<&str>)> = a
        .credits
        .iter()
        .map(|c| {
            (
                c.role.as_str(),
                c.names.iter().map(String::as_str).collect(),
            )
        })
        .collect();
    assert_eq!(
        credits,
        [
            (
                "Reporting",
                vec!["David Stamp", "Valerie Volcovici", "Yasmeen Abutaleb"]
            ),
            ("Editing", vec!["Janet Lawrence"])
        ]
    );
    let chrome = [
        "Recommended",
        "Get Our Latest News",
        "Subscribe",
        "Was this article helpful",
        "Help keep",
        "donation",
        "sorry to hear",
        "Return to homepage",
        "Most Popular",
        "More Articles",
        "Reporting by",
        "Photo:",
    ];
    for p in &paragraphs {
        for c in chrome {
            assert!(!p.contains(c), "chrome {c:?} in body paragraph {p:?}");
        }
    }
    for c in [
        "Recommended",
        "Was this article helpful?",
        "Most Popular",
        "More Articles",
    ] {
        assert!(a.dropped.iter().any(|d| d == c), "{c} not dropped");
    }
}

#[test]
fn the_id_survives_a_rename() {
    let a = article::parse(Path::new("one/seed.txt"), SEED).unwrap();
    let b = article::parse(Path::new("elsewhere/renamed.txt"), SEED).unwrap();
    assert_eq!(a.id, b.id);
}
