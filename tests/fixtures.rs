//! Every fixture in tests/fixtures/articles is parsed and checked against
//! tests/fixtures/expected.toml, field by field.

use std::collections::BTreeMap;
use std::path::Path;

use gazette::article::Options;
use gazette::article::{Article, BlockKind};
use gazette::library::read_file;
use serde::Deserialize;

#[derive(Debug, Default, Deserialize)]
#[serde(deny_unknown_fields)]
struct Expect {
    headline: Option<String>,
    source: Option<String>,
    dek: Option<String>,
    url: Option<String>,
    published: Option<String>,
    authors: Option<Vec<String>>,
    tags: Option<Vec<String>>,
    related: Option<Vec<String>>,
    photo: Option<(String, String)>,
    credits: Option<Vec<String>>,
    quotes: Option<Vec<String>>,
    paragraphs: Option<usize>,
    first: Option<String>,
    last: Option<String>,
    subheads: Option<Vec<String>>,
    #[serde(default)]
    contains: Vec<String>,
    #[serde(default)]
    absent: Vec<String>,
    #[serde(default)]
    dropped: Vec<String>,
    warning: Option<String>,
    error: Option<String>,
}

fn check(name: &str, a: &Article, e: &Expect) -> Vec<String> {
    let mut fails = Vec::new();
    let mut eq = |field: &str, got: String, want: String| {
        if got != want {
            fails.push(format!("{name}: {field}: got {got:?}, want {want:?}"));
        }
    };
    let body: Vec<&str> = a.paragraphs().collect();
    if let Some(w) = &e.headline {
        eq("headline", a.headline.clone(), w.clone())
    }
    if let Some(w) = &e.source {
        eq(
            "source",
            format!("{:?}", a.source),
            format!("{:?}", Some(w)),
        )
    }
    if let Some(w) = &e.dek {
        eq("dek", format!("{:?}", a.dek), format!("{:?}", Some(w)))
    }
    if let Some(w) = &e.url {
        eq("url", format!("{:?}", a.url), format!("{:?}", Some(w)))
    }
    if let Some(w) = &e.published {
        eq(
            "published",
            format!("{:?}", a.published.map(|d| d.to_string())),
            format!("{:?}", Some(w)),
        )
    }
    if let Some(w) = &e.authors {
        eq("authors", format!("{:?}", a.authors), format!("{w:?}"))
    }
    if let Some(w) = &e.tags {
        eq("tags", format!("{:?}", a.tags), format!("{w:?}"))
    }
    if let Some(w) = &e.related {
        eq("related", format!("{:?}", a.related), format!("{w:?}"))
    }
    if let Some((caption, credit)) = &e.photo {
        let got = a
            .photo
            .as_ref()
            .map(|p| (p.caption.clone(), p.credit.clone().unwrap_or_default()));
        eq(
            "photo",
            format!("{got:?}"),
            format!("{:?}", Some((caption, credit))),
        );
    }
    if let Some(w) = &e.credits {
        let got: Vec<String> = a
            .credits
            .iter()
            .map(|c| format!("{}: {}", c.role, c.names.join(", ")))
            .collect();
        eq("credits", format!("{got:?}"), format!("{w:?}"));
    }
    if let Some(w) = &e.quotes {
        eq("quotes", format!("{:?}", a.quote_texts()), format!("{w:?}"))
    }
    if let Some(w) = e.paragraphs {
        eq("paragraphs", body.len().to_string(), w.to_string())
    }
    if let Some(w) = &e.subheads {
        let got: Vec<&str> = a
            .blocks
            .iter()
            .filter(|b| b.kind == BlockKind::Subhead)
            .map(|b| b.text.as_str())
            .collect();
        eq("subheads", format!("{got:?}"), format!("{w:?}"));
    }
    let text = body.join("\n");
    let mut prefix = |field: &str, got: Option<&&str>, want: &Option<String>| {
        if let Some(w) = want
            && !got.is_some_and(|g| g.starts_with(w.as_str()))
        {
            fails.push(format!(
                "{name}: {field} paragraph {got:?} does not start with {w:?}"
            ));
        }
    };
    prefix("first", body.first(), &e.first);
    prefix("last", body.last(), &e.last);
    for c in &e.contains {
        if !text.contains(c.as_str()) {
            fails.push(format!("{name}: body lacks {c:?}"));
        }
    }
    for c in &e.absent {
        if text.contains(c.as_str()) || a.headline.contains(c.as_str()) {
            fails.push(format!("{name}: body or headline holds {c:?}"));
        }
    }
    for d in &e.dropped {
        if !a.dropped.contains(d) {
            fails.push(format!(
                "{name}: {d:?} not among dropped lines {:?}",
                a.dropped
            ));
        }
    }
    if let Some(w) = &e.warning
        && !a.warnings.iter().any(|x| x.contains(w.as_str()))
    {
        fails.push(format!("{name}: no warning with {w:?} in {:?}", a.warnings));
    }
    fails
}

#[test]
fn every_fixture_parses_as_expected() {
    let dir = Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/fixtures");
    let expected: BTreeMap<String, Expect> =
        toml::from_str(&std::fs::read_to_string(dir.join("expected.toml")).unwrap()).unwrap();
    let mut files: Vec<String> = std::fs::read_dir(dir.join("articles"))
        .unwrap()
        .map(|e| e.unwrap().file_name().into_string().unwrap())
        .collect();
    files.sort();
    assert!(
        files.len() >= 30,
        "at least 30 fixtures, found {}",
        files.len()
    );
    let mut fails = Vec::new();
    for name in &files {
        let Some(e) = expected.get(name) else {
            fails.push(format!("{name}: no entry in expected.toml"));
            continue;
        };
        match (
            read_file(&dir.join("articles").join(name), &Options::default()),
            &e.error,
        ) {
            (Ok(a), None) => fails.extend(check(name, &a, e)),
            (Ok(a), Some(want)) => fails.push(format!(
                "{name}: parsed ({:?}) but want error {want:?}",
                a.headline
            )),
            (Err(got), Some(want)) if got.contains(want.as_str()) => {}
            (Err(got), want) => fails.push(format!("{name}: error {got:?}, want {want:?}")),
        }
    }
    for name in expected.keys().filter(|k| !files.contains(k)) {
        fails.push(format!("{name}: in expected.toml but no such fixture"));
    }
    assert!(
        fails.is_empty(),
        "{} failures:\n{}",
        fails.len(),
        fails.join("\n")
    );
}
