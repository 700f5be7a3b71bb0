//! Measures related-article quality on a library whose folders are the truth (the BBC corpus's
//! five sections): for each article, the share of its top 5 related articles from its own
//! folder, averaged over all articles.
//!
//! cargo run --release --example related_quality -- ../shared/corpus/bbc

use std::path::PathBuf;
use std::time::Instant;

use gazette::article::Options;
use gazette::library::index;
use gazette::library::load;

fn main() {
    let root = PathBuf::from(
        std::env::args()
            .nth(1)
            .expect("usage: related_quality LIBRARY"),
    );
    let started = Instant::now();
    // Read and indexed without the cache, so that the timing is a cold one.
    let loaded = load::load(
        std::slice::from_ref(&root),
        &Options::default(),
        None,
        true,
        None,
    );
    let (library, index) = (loaded.library, loaded.index.unwrap());
    let loaded = started.elapsed();
    let section = |i: usize| {
        library.articles[i]
            .path()
            .strip_prefix(&root)
            .ok()
            .and_then(|p| p.components().next())
            .map(|c| c.as_os_str().to_owned())
    };
    let (mut total, mut counted) = (0.0, 0);
    let lookups = Instant::now();
    for doc in 0..library.articles.len() {
        let Some(own) = section(doc) else { continue };
        let related = index::related(&index, &library.articles, doc, 5);
        if related.is_empty() {
            counted += 1;
            continue;
        }
        let same = related
            .iter()
            .filter(|r| section(r.doc).as_ref() == Some(&own))
            .count();
        total += same as f64 / related.len() as f64;
        counted += 1;
    }
    let per_lookup = lookups.elapsed() / counted.max(1) as u32;
    println!(
        "articles {counted}  same-section share of top 5: {:.3}",
        total / counted.max(1) as f64
    );
    println!("read and indexed in {loaded:?}; one related lookup {per_lookup:?}");
}
