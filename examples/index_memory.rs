//! Where the reader's memory goes at load: loads a library with its index as the reader does
//! (through the index cache), then searches and lists related articles, and prints the bytes
//! allocated at the peak and what stays allocated after each step. A counting allocator over
//! the system one gives exact figures, free of the allocator's own slack (the process's peak,
//! VmHWM, is measured on the binary: see README, PERFORMANCE).
//!
//! cargo run --release --example index_memory -- CACHE_DIR LIBRARY [WORD]

use std::alloc::{GlobalAlloc, Layout, System};
use std::path::PathBuf;
use std::sync::atomic::{AtomicUsize, Ordering};

use gazette::article::Options;
use gazette::library::cache::Cache;
use gazette::library::{index, load};

/// The system allocator, counting the bytes it holds and their peak.
struct Counting;

static NOW: AtomicUsize = AtomicUsize::new(0);
static PEAK: AtomicUsize = AtomicUsize::new(0);

fn grew(size: usize) {
    let now = NOW.fetch_add(size, Ordering::Relaxed) + size;
    PEAK.fetch_max(now, Ordering::Relaxed);
}

// SAFETY: every call is passed to the system allocator unchanged; only counters are added.
unsafe impl GlobalAlloc for Counting {
    unsafe fn alloc(&self, layout: Layout) -> *mut u8 {
        grew(layout.size());
        unsafe { System.alloc(layout) }
    }

    unsafe fn alloc_zeroed(&self, layout: Layout) -> *mut u8 {
        grew(layout.size());
        unsafe { System.alloc_zeroed(layout) }
    }

    unsafe fn dealloc(&self, ptr: *mut u8, layout: Layout) {
        NOW.fetch_sub(layout.size(), Ordering::Relaxed);
        unsafe { System.dealloc(ptr, layout) }
    }

    unsafe fn realloc(&self, ptr: *mut u8, layout: Layout, new_size: usize) -> *mut u8 {
        if new_size > layout.size() {
            grew(new_size - layout.size());
        } else {
            NOW.fetch_sub(layout.size() - new_size, Ordering::Relaxed);
        }
        unsafe { System.realloc(ptr, layout, new_size) }
    }
}

#[global_allocator]
static GLOBAL: Counting = Counting;

fn mb(bytes: usize) -> String {
    format!("{:.1} MB", bytes as f64 / 1e6)
}

/// Prints what is allocated now and the peak since the last step, then starts a new peak.
fn step(what: &str) {
    let now = NOW.load(Ordering::Relaxed);
    let peak = PEAK.swap(now, Ordering::Relaxed);
    println!("{what:<40} now {:>10}   peak {:>10}", mb(now), mb(peak));
}

fn main() {
    let args: Vec<String> = std::env::args().skip(1).collect();
    let [cache, library, rest @ ..] = args.as_slice() else {
        eprintln!("usage: index_memory CACHE_DIR LIBRARY [WORD]");
        std::process::exit(2);
    };
    let word = rest.first().map_or("flood", String::as_str);
    let options = Options::default();
    let cache = Cache::new(PathBuf::from(cache), &options);
    let roots = [PathBuf::from(library)];
    step("start");
    let loaded = load::load(&roots, &options, Some(&cache), true, None);
    let index = loaded.index.expect("the index was asked for");
    let articles = loaded.library.articles;
    println!(
        "{} articles, {} read, {} from the cache",
        articles.len(),
        loaded.read,
        articles.len() - loaded.read
    );
    step("library and index loaded");
    for (part, size) in index.parts() {
        println!("  {part:<38} {size:>12}");
    }
    let found = index.search(&[word.to_owned()]);
    println!("{} articles match {word:?}", found.len());
    let doc = found.first().copied().unwrap_or(0);
    let related = index::related(&index, &articles, doc, 8);
    println!("{} related to article {doc}", related.len());
    step("after a search and a related list");
    drop(index);
    step("without the index");
}
