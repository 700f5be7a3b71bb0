//! The reader at scale: one frame with 100 and with 100,000 headlines (only visible rows are
//! drawn, so the two should cost the same); loading a library with no index cache (cold) and
//! with an up-to-date one (warm, with and without the search index); one search keystroke and
//! one related lookup. Libraries of 10,000 and (with GAZETTE_BENCH_100K=1) 100,000 articles
//! are made by ../shared/tools/make-library.

use std::path::{Path, PathBuf};
use std::process::Command;

use criterion::{Criterion, criterion_group, criterion_main};
use gazette::app::{App, Msg, SearchEdit, Settings};
use gazette::article::{Article, ArticleId, Block, Date, Options};
use gazette::keymap::KeyMap;
use gazette::library::cache::Cache;
use gazette::library::index;
use gazette::library::{InMemory, Library, load};
use gazette::ui::{self, Theme};
use ratatui::Terminal;
use ratatui::backend::TestBackend;
use std::hint::black_box;

fn synthetic(n: usize) -> InMemory {
    let articles = (0..n)
        .map(|i| Article {
            id: ArticleId(format!("{i:08}").into()),
            path: PathBuf::from(format!("lib/{i}.txt")),
            headline: format!("Headline number {i} about the harbour, the floods and the sea wall"),
            source: Some("The Daily Ledger".into()),
            published: Date::new(
                2000 + (i % 25) as u16,
                1 + (i % 12) as u8,
                1 + (i % 28) as u8,
            ),
            blocks: vec![Block::paragraph(
                "A paragraph of body text for the benchmark article.",
            )],
            ..Article::default()
        })
        .collect();
    Library::in_memory(articles)
}

/// A reader at 160x48 with default settings and no library yet.
fn new_app() -> App {
    let mut app = App::new(
        KeyMap::default(),
        Theme::dark(),
        Settings::default(),
        Default::default(),
    );
    app.update(Msg::Resize(160, 48));
    app
}

fn frame(c: &mut Criterion) {
    let mut group = c.benchmark_group("frame");
    for n in [100, 100_000] {
        let mut app = new_app();
        app.update(Msg::Library(Box::new(synthetic(n))));
        app.update(Msg::Select(n / 2));
        app.update(gazette::action::Action::Open);
        let mut terminal = Terminal::new(TestBackend::new(160, 48)).unwrap();
        group.bench_function(format!("{n} headlines"), |b| {
            b.iter(|| {
                terminal.draw(|f| ui::draw(f, black_box(&app))).unwrap();
            })
        });
    }
    group.finish();
}

/// A library made by make-library, generated once into target/bench-libraries.
fn made_library(n: usize) -> Option<PathBuf> {
    let root = Path::new(env!("CARGO_MANIFEST_DIR"));
    let dir = root.join(format!("target/bench-libraries/{n}"));
    if !dir.exists() {
        let tool = root.join("../shared/tools/make-library");
        let ok = Command::new("python3")
            .arg(&tool)
            .arg(n.to_string())
            .arg(&dir)
            .status()
            .map(|s| s.success())
            .unwrap_or(false);
        if !ok {
            eprintln!(
                "skipping the {n}-article benchmarks: {} could not make a library",
                tool.display()
            );
            let _ = std::fs::remove_dir_all(&dir);
            return None;
        }
    }
    Some(dir)
}

fn library_benches(c: &mut Criterion) {
    let mut sizes = vec![10_000];
    if std::env::var_os("GAZETTE_BENCH_100K").is_some() {
        sizes.push(100_000);
    }
    for n in sizes {
        let Some(dir) = made_library(n) else { continue };
        let roots = [dir];
        let options = Options::default();
        let cache_dir = tempfile::tempdir().unwrap();
        let cache = Cache::new(cache_dir.path().to_path_buf(), &options);
        let mut group = c.benchmark_group(format!("library {n}"));
        group.sample_size(10);
        group.bench_function("load, no cache (cold)", |b| {
            b.iter(|| {
                let _ = std::fs::remove_dir_all(&cache.dir);
                load::load(&roots, &options, Some(&cache), true, None)
            })
        });
        // The last cold run left an up-to-date cache.
        group.bench_function("load list, cache up to date (warm)", |b| {
            b.iter(|| load::load(&roots, &options, Some(&cache), false, None))
        });
        group.bench_function("load list and index, cache up to date (warm)", |b| {
            b.iter(|| load::load(&roots, &options, Some(&cache), true, None))
        });
        let loaded = load::load(&roots, &options, Some(&cache), true, None);
        let (library, index) = (loaded.library, loaded.index.unwrap());
        let doc = library.articles.len() / 3;
        group.sample_size(20);
        group.bench_function("related lookup", |b| {
            b.iter(|| index::related(&index, &library.articles, black_box(doc), 8))
        });
        let mut app = new_app();
        app.update(Msg::Indexed(library, Box::new(index)));
        // The prompt is open, as after pressing `/`: typing goes to the search.
        app.update(gazette::action::Action::Search);
        // Two keystrokes per iteration, typing a letter and erasing it: the query is "floo" then
        // "flo" again, and the list refilters each time. Halve the figure for one keystroke.
        for ch in "flo".chars() {
            app.update(Msg::Edit(SearchEdit::Char(ch)));
        }
        group.bench_function("search: two keystrokes", |b| {
            b.iter(|| {
                app.update(Msg::Edit(SearchEdit::Char('o')));
                app.update(Msg::Edit(SearchEdit::Backspace));
            })
        });
        group.finish();
    }
}

criterion_group!(benches, frame, library_benches);
criterion_main!(benches);
