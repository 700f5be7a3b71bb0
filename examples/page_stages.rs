//! Where a cold list of saved pages spends its time: over a folder of pages, read on every
//! core as the loader reads them, each stage adds one step to the ones before it (read the
//! files; decode; trim; build the tree; Readability's first try on it; the whole
//! `article::parse`), timed in the same run as `find -exec cat` of the same files. The tree
//! stage is the floor of any reader of pages that builds the tree with html5ever.
//!
//! Each stage is run `--runs` times (5 unless told); its best wall time is set against the
//! best of `cat`'s (the runs least disturbed by other work on the machine), and its CPU time
//! (user and system, all threads) is the median run's.
//!
//! cargo run --release --example page_stages -- [--runs N] FOLDER

use std::path::{Path, PathBuf};
use std::process::{Command, Stdio};
use std::time::{Duration, Instant};

use dom_query::Document;
use gazette::article::{self, decode, html::trim};
use rayon::prelude::*;

// The allocator the binary uses: trees are many small allocations, and the system
// allocator would make every stage after decoding look slower than the loader is.
#[global_allocator]
static GLOBAL: mimalloc::MiMalloc = mimalloc::MiMalloc;

/// One step more than the stage before it.
#[derive(Clone, Copy)]
enum Stage {
    Read,
    Decode,
    Trim,
    Tree,
    Readability,
    Parse,
}

const STAGES: &[(Stage, &str)] = &[
    (Stage::Read, "read the files"),
    (Stage::Decode, "+ decode"),
    (Stage::Trim, "+ trim (scripts, styles, drawings cut)"),
    (Stage::Tree, "+ build the tree (html5ever, dom_query)"),
    (
        Stage::Readability,
        "+ Readability's first try (dom_smoothie)",
    ),
    (Stage::Parse, "whole `article::parse` (after reading)"),
];

fn main() {
    let mut args: Vec<String> = std::env::args().skip(1).collect();
    let mut runs = 5;
    if args.first().map(String::as_str) == Some("--runs") && args.len() > 1 {
        runs = args[1].parse().expect("--runs takes a number");
        args.drain(..2);
    }
    let [folder] = args.as_slice() else {
        eprintln!("usage: page_stages [--runs N] FOLDER");
        std::process::exit(2);
    };
    let pages = pages(Path::new(folder));
    println!(
        "{} pages in {folder}, {} threads, {runs} runs of each stage",
        pages.len(),
        rayon::current_num_threads()
    );
    // Every file once, so that all the stages and `cat` find them in the page cache.
    stage(&pages, Stage::Read);
    let cat = timings(runs, || {
        let (start, cpu) = (Instant::now(), children_cpu());
        Command::new("find")
            .args([folder.as_str(), "-type", "f", "-exec", "cat", "{}", "+"])
            .stdout(Stdio::null())
            .status()
            .expect("find runs");
        (start.elapsed(), children_cpu() - cpu)
    });
    println!("| stage | wall, best | x cat | wall, median | CPU, median |");
    println!("|---|---|---|---|---|");
    row("`find -exec cat`", &cat, &cat);
    for (s, name) in STAGES {
        let timed = timings(runs, || {
            let (start, cpu) = (Instant::now(), own_cpu());
            stage(&pages, *s);
            (start.elapsed(), own_cpu() - cpu)
        });
        row(name, &timed, &cat);
    }
}

/// The pages of `folder`, as the library finds them (by their extension).
fn pages(folder: &Path) -> Vec<PathBuf> {
    let mut found: Vec<PathBuf> = std::fs::read_dir(folder)
        .expect("the folder can be read")
        .filter_map(|e| Some(e.ok()?.path()))
        .filter(|p| {
            p.extension()
                .and_then(|e| e.to_str())
                .is_some_and(|e| ["html", "htm", "xhtml"].contains(&e))
        })
        .collect();
    found.sort();
    found
}

/// Runs `stage` over every page on every core; each page's work is dropped where it is made,
/// as the loader drops each article's tree.
fn stage(pages: &[PathBuf], stage: Stage) {
    pages.par_iter().for_each(|path| {
        let Ok(bytes) = std::fs::read(path) else {
            return;
        };
        let decoded = || {
            decode::decode_html(&bytes)
                .map(|d| d.text)
                .unwrap_or_default()
        };
        match stage {
            Stage::Read => {
                std::hint::black_box(&bytes);
            }
            Stage::Decode => {
                std::hint::black_box(decoded());
            }
            Stage::Trim => {
                let text = decoded();
                std::hint::black_box(trim::trim(&text));
            }
            Stage::Tree => {
                let text = decoded();
                std::hint::black_box(Document::from(trim::trim(&text).as_ref()));
            }
            Stage::Readability => {
                let text = decoded();
                let doc = Document::from(trim::trim(&text).as_ref());
                // The options gazette gives it (src/article/html/body.rs).
                let config = dom_smoothie::Config {
                    max_elements_to_parse: 100_000,
                    keep_classes: true,
                    ..Default::default()
                };
                if let Ok(mut r) = dom_smoothie::Readability::with_document(doc, None, Some(config))
                {
                    let _ = std::hint::black_box(
                        r.parse_with_policy(dom_smoothie::ParsePolicy::Strict),
                    );
                }
            }
            Stage::Parse => {
                let _ = std::hint::black_box(article::parse(path, &bytes));
            }
        }
    });
}

/// Each run's wall and CPU time, sorted by wall time.
fn timings(
    runs: usize,
    mut run: impl FnMut() -> (Duration, Duration),
) -> Vec<(Duration, Duration)> {
    let mut times: Vec<(Duration, Duration)> = (0..runs.max(1)).map(|_| run()).collect();
    times.sort();
    times
}

fn row(name: &str, runs: &[(Duration, Duration)], cat: &[(Duration, Duration)]) {
    let best = runs[0].0.as_secs_f64();
    let median = runs[runs.len() / 2].0.as_secs_f64();
    let mut cpu: Vec<Duration> = runs.iter().map(|r| r.1).collect();
    cpu.sort();
    println!(
        "| {name} | {best:.3} s | {:.1}x | {median:.3} s | {:.3} s |",
        best / cat[0].0.as_secs_f64(),
        cpu[cpu.len() / 2].as_secs_f64()
    );
}

/// User and system time of this process so far.
fn own_cpu() -> Duration {
    cpu_of(libc::RUSAGE_SELF)
}

/// User and system time of the finished children (`find` and its `cat`s).
fn children_cpu() -> Duration {
    cpu_of(libc::RUSAGE_CHILDREN)
}

fn cpu_of(who: libc::c_int) -> Duration {
    // SAFETY: getrusage writes into the struct it is given and nothing else.
    let usage = unsafe {
        let mut usage: libc::rusage = std::mem::zeroed();
        libc::getrusage(who, &mut usage);
        usage
    };
    let tv = |t: libc::timeval| Duration::new(t.tv_sec as u64, t.tv_usec as u32 * 1000);
    tv(usage.ru_utime) + tv(usage.ru_stime)
}
