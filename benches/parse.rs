//! Parsing: the founding example, each format, and pathological inputs at two sizes (the
//! second twice the first: linear growth shows as a doubling).

use std::path::Path;

use criterion::{Criterion, criterion_group, criterion_main};
use dom_query::Document;
use gazette::article::{self, decode, html::trim};
use std::hint::black_box;

fn formats(c: &mut Criterion) {
    let root = Path::new(env!("CARGO_MANIFEST_DIR"));
    let files = [
        "assets/articles/trump-putin-cyber-security.txt",
        "assets/articles/harbour-city-floods.txt",
        "assets/articles/climate-panel-coastal-defences.txt",
        "assets/articles/eu-cyber-defence-unit.md",
        "assets/articles/coach-biggest-night.json",
    ];
    let mut group = c.benchmark_group("parse");
    for f in files {
        let bytes = std::fs::read(root.join(f)).unwrap();
        let name = Path::new(f)
            .file_name()
            .unwrap()
            .to_str()
            .unwrap()
            .to_owned();
        group.bench_function(&name, |b| {
            b.iter(|| article::parse(Path::new(&name), black_box(&bytes)))
        });
    }
    group.finish();
}

/// A saved web page of typical size: one of the test pages wrapped in what real pages carry
/// around a story (inline scripts, menus, related links), about 150 KB.
fn typical_page() -> String {
    let root = Path::new(env!("CARGO_MANIFEST_DIR"));
    let page =
        std::fs::read_to_string(root.join("tests/fixtures/articles/page-json-ld.html")).unwrap();
    let script = format!(
        "<script>{}</script>",
        "window.ads.push({slot: 'top', sizes: [[728, 90], [970, 250]], targeting: {section: 'news'}});\n".repeat(700)
    );
    let menu: String = (0..600)
        .map(|i| format!("<li class=\"menu-item\"><a href=\"/section/{i}\">Section {i}</a></li>"))
        .collect();
    let related: String = (0..200)
        .map(|i| format!("<div class=\"card\"><a href=\"/story/{i}\"><img src=\"t{i}.jpg\"><h3>Another story number {i} from the archive</h3></a><p>A short teaser for story {i}.</p></div>"))
        .collect();
    page.replace("</head>", &format!("{script}</head>"))
        .replace("<nav><ul>", &format!("<nav><ul>{menu}"))
        .replace(
            "</main>",
            &format!("</main><section class=\"related\">{related}</section>"),
        )
}

fn pages(c: &mut Criterion) {
    let mut group = c.benchmark_group("page");
    let root = Path::new(env!("CARGO_MANIFEST_DIR"));
    let small = std::fs::read(root.join("tests/fixtures/articles/page-json-ld.html")).unwrap();
    let typical = typical_page();
    group.bench_function(format!("fixture {} KB", small.len() / 1024), |b| {
        b.iter(|| article::parse(Path::new("page.html"), black_box(&small)))
    });
    group.bench_function(format!("typical {} KB", typical.len() / 1024), |b| {
        b.iter(|| article::parse(Path::new("page.html"), black_box(typical.as_bytes())))
    });
    // The same page only decoded, trimmed and built into a tree, as the parse above does
    // first: the share of the tree in a page's parse, measured in one run (see
    // examples/page_stages.rs for a whole folder).
    group.bench_function(
        format!("typical {} KB, tree only", typical.len() / 1024),
        |b| {
            b.iter(|| {
                let text = decode::decode_html(black_box(typical.as_bytes()))
                    .unwrap()
                    .text;
                Document::from(trim::trim(&text).as_ref())
            })
        },
    );
    group.finish();
}

fn pathological(c: &mut Criterion) {
    let mut group = c.benchmark_group("pathological");
    group.sample_size(10);
    for (name, make) in gazette::fuzzing::PATHOLOGICAL {
        for n in [50_000, 100_000] {
            let input = make(n);
            group.bench_function(format!("{name}/{n}"), |b| {
                b.iter(|| article::parse(Path::new(name), black_box(input.as_bytes())))
            });
        }
    }
    group.finish();
}

criterion_group!(benches, formats, pages, pathological);
criterion_main!(benches);
