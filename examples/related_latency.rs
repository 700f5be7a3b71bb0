//! How long a related lookup takes at scale: loads a library with its index (through the
//! index cache, as the reader does), then times the related list of 2,000 articles spread
//! over the library and prints the median, p90, p99 and worst. The reader computes one on
//! every `j` while the preview follows the selection, so its slow tail is what a key waits.
//!
//! cargo run --release --example related_latency -- CACHE_DIR LIBRARY

use std::path::PathBuf;
use std::time::Instant;

use gazette::article::Options;
use gazette::library::cache::Cache;
use gazette::library::{index, load};

fn main() {
    let args: Vec<String> = std::env::args().skip(1).collect();
    let [cache, library] = args.as_slice() else {
        eprintln!("usage: related_latency CACHE_DIR LIBRARY");
        std::process::exit(2);
    };
    let options = Options::default();
    let cache = Cache::new(PathBuf::from(cache), &options);
    let loaded = load::load(
        &[PathBuf::from(library)],
        &options,
        Some(&cache),
        true,
        None,
    );
    let index = loaded.index.expect("the index was asked for");
    let articles = loaded.library.articles;
    if articles.is_empty() {
        eprintln!("no articles in {library}");
        std::process::exit(1);
    }
    let lookups = 2000;
    let mut times: Vec<f64> = (0..lookups)
        .map(|k| {
            // A prime step spreads the articles over the whole library.
            let doc = (k * 7919) % articles.len();
            let start = Instant::now();
            let related = index::related(&index, &articles, doc, 8);
            let ms = start.elapsed().as_secs_f64() * 1000.0;
            std::hint::black_box(related);
            ms
        })
        .collect();
    times.sort_by(f64::total_cmp);
    let at = |share: f64| times[((lookups as f64 * share) as usize).min(lookups - 1)];
    println!(
        "{} articles, {lookups} related lookups: median {:.2} ms, p90 {:.2} ms, p99 {:.2} ms, worst {:.2} ms",
        articles.len(),
        at(0.5),
        at(0.9),
        at(0.99),
        times[lookups - 1]
    );
}
