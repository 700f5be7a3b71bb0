//! Parsing: the founding example, each format, and pathological inputs at two sizes (the
//! second twice the first: linear growth shows as a doubling).

use std::path::Path;

use criterion::{Criterion, criterion_group, criterion_main};
use gazette::article;
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

criterion_group!(benches, formats, pathological);
criterion_main!(benches);
