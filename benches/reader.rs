//! The reader at scale: one frame with 100 and with 100,000 headlines (only visible rows are
//! drawn, so the two should cost the same), one search keystroke and one related lookup on
//! libraries of 10,000 and (with GAZETTE_BENCH_100K=1) 100,000 articles made by
//! ../shared/tools/make-library.

use std::path::{Path, PathBuf};
use std::process::Command;
use std::sync::Arc;

use criterion::{Criterion, criterion_group, criterion_main};
use gazette::app::{App, SearchEdit, Settings};
use gazette::article::{Article, ArticleId, Block, Date, Options};
use gazette::keymap::KeyMap;
use gazette::library::Library;
use gazette::library::index::{self, Index};
use gazette::ui::{self, Theme};
use ratatui::Terminal;
use ratatui::backend::TestBackend;
use std::hint::black_box;

fn synthetic(n: usize) -> Library {
    let articles = (0..n)
        .map(|i| {
            Arc::new(Article {
                id: ArticleId(format!("{i:08}")),
                path: PathBuf::from(format!("lib/{i}.txt")),
                headline: format!(
                    "Headline number {i} about the harbour, the floods and the sea wall"
                ),
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
        })
        .collect();
    Library {
        articles,
        ..Library::default()
    }
}

fn app_with(library: Library) -> App {
    let mut app = App::new(
        KeyMap::default(),
        Theme::dark(),
        Settings::default(),
        Default::default(),
    );
    app.resize(160, 48);
    app.set_library(library);
    app
}

fn frame(c: &mut Criterion) {
    let mut group = c.benchmark_group("frame");
    for n in [100, 100_000] {
        let mut app = app_with(synthetic(n));
        app.selected = n / 2;
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
        let library = Library::load(&[dir], &Options::default());
        let index = Index::build(&library.articles);
        let mut group = c.benchmark_group(format!("library {n}"));
        group.sample_size(20);
        let doc = library.articles.len() / 3;
        group.bench_function("related lookup", |b| {
            b.iter(|| index::related(&index, &library.articles, black_box(doc), 8))
        });
        let mut app = app_with(library);
        // Two keystrokes per iteration, typing a letter and erasing it: the query is "floo" then
        // "flo" again, and the list refilters each time. Halve the figure for one keystroke.
        for ch in "flo".chars() {
            app.search_input(SearchEdit::Char(ch));
        }
        group.bench_function("search: two keystrokes", |b| {
            b.iter(|| {
                app.search_input(SearchEdit::Char('o'));
                app.search_input(SearchEdit::Backspace);
            })
        });
        group.finish();
    }
}

criterion_group!(benches, frame, library_benches);
criterion_main!(benches);
