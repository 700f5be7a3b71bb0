//! Hostile and broken input: nothing crashes, nothing from an article reaches the terminal,
//! every bad file is reported with its path and the rest of the library loads.

use std::path::{Path, PathBuf};
use std::process::Command;

use gazette::article::Options;
use gazette::library::{Library, read_file};
use proptest::prelude::*;

mod common;
use common::{assert_clean, hostile_library};

#[test]
fn the_commands_never_print_an_article_s_escape_sequences() {
    let lib = hostile_library();
    let exe = env!("CARGO_BIN_EXE_gazette");
    let files: Vec<PathBuf> = std::fs::read_dir(lib.path())
        .unwrap()
        .map(|e| e.unwrap().path())
        .collect();
    let state = tempfile::tempdir().unwrap();
    let runs: Vec<Vec<String>> = vec![
        [
            vec!["parse".into()],
            files
                .iter()
                .map(|f| f.to_string_lossy().into_owned())
                .collect(),
        ]
        .concat(),
        [
            vec!["parse".into(), "--json".into()],
            files
                .iter()
                .map(|f| f.to_string_lossy().into_owned())
                .collect(),
        ]
        .concat(),
        vec!["list".into(), lib.path().to_string_lossy().into_owned()],
        vec![
            "list".into(),
            "--json".into(),
            lib.path().to_string_lossy().into_owned(),
        ],
        vec![
            "search".into(),
            "body".into(),
            "--library".into(),
            lib.path().to_string_lossy().into_owned(),
        ],
    ];
    for args in runs {
        let out = Command::new(exe)
            .args(&args)
            .env("XDG_CONFIG_HOME", state.path())
            .env("XDG_CACHE_HOME", state.path())
            .output()
            .unwrap();
        assert_clean(&out.stdout, &format!("stdout of {:?}", args[0]));
        assert_clean(&out.stderr, &format!("stderr of {:?}", args[0]));
        assert!(!out.stdout.is_empty(), "{args:?} printed nothing");
    }
    // Bookmarks keep what the article said: listing and exporting them is clean too.
    let library = Library::load(&[lib.path().to_path_buf()], &Options::default());
    let mut store = gazette::store::Store::open(state.path()).unwrap();
    let mut marks = store.marks();
    marks
        .bookmarks
        .extend(library.articles.iter().map(|a| a.id.clone()));
    store.save(&marks, &library.articles).unwrap();
    for args in [
        vec!["bookmarks"],
        vec!["bookmarks", "export", "--format", "markdown"],
    ] {
        let out = Command::new(exe)
            .args(&args)
            .arg("--state-dir")
            .arg(state.path())
            .env("XDG_CONFIG_HOME", state.path())
            .env("XDG_CACHE_HOME", state.path())
            .output()
            .unwrap();
        assert_clean(&out.stdout, "bookmarks");
        assert!(!out.stdout.is_empty());
    }
}

#[test]
fn every_article_field_is_clean_when_read() {
    let lib = hostile_library();
    let library = Library::load(&[lib.path().to_path_buf()], &Options::default());
    assert_eq!(library.articles.len(), 3, "{:?}", library.errors);
    assert_eq!(library.errors.len(), 1);
    assert_clean(library.errors[0].to_string().as_bytes(), "error message");
    for summary in &library.articles {
        let a = &gazette::library::read_file(&summary.path, &Options::default()).unwrap();
        let json = gazette::commands::parse_json(a).to_string();
        // serde_json escapes controls; the raw strings must not hold them at all.
        let fields = [
            a.headline.clone(),
            a.byline().unwrap_or_default(),
            a.source.clone().unwrap_or_default(),
            a.url.clone().unwrap_or_default(),
            format!("{:?}", a.photo),
            format!("{:?}", a.credits),
            a.tags.join(" "),
            a.paragraphs().collect::<Vec<_>>().join(" "),
        ];
        for f in fields {
            assert!(
                !f.chars()
                    .any(|c| c.is_control() || ('\u{202a}'..='\u{202e}').contains(&c)),
                "{f:?} in {json}"
            );
            assert_clean(f.as_bytes(), "field");
        }
    }
}

#[test]
fn bad_files_are_reported_and_the_rest_loads() {
    let dir = tempfile::tempdir().unwrap();
    let d = dir.path();
    std::fs::write(
        d.join("good.txt"),
        "A Good Headline Here\n\nA first paragraph with enough words to be prose for sure.\n",
    )
    .unwrap();
    std::fs::write(d.join("empty.txt"), "").unwrap();
    std::fs::write(d.join("binary.txt"), b"\x89PNG\0\0").unwrap();
    std::fs::write(d.join("list.json"), "[1]").unwrap();
    std::fs::write(d.join("notes.pdf"), "ignored: unknown extension").unwrap();
    std::fs::write(
        d.join(".hidden.txt"),
        "Hidden Headline\n\nHidden body text that is long enough.\n",
    )
    .unwrap();
    // Over the size cap, without being read: a 1 GB sparse file.
    std::fs::File::create(d.join("huge.txt"))
        .unwrap()
        .set_len(1 << 30)
        .unwrap();
    // A folder named like an article, and a symlink loop.
    std::fs::create_dir(d.join("folder.txt")).unwrap();
    std::fs::write(
        d.join("folder.txt").join("inside.md"),
        "# Inside a Folder\n\nBody of the inside article.\n",
    )
    .unwrap();
    std::os::unix::fs::symlink(d, d.join("loop")).unwrap();
    std::os::unix::fs::symlink(d.join("self.txt"), d.join("self.txt")).unwrap();
    let missing = d.join("no-such-folder");
    let library = Library::load(&[d.to_path_buf(), missing.clone()], &Options::default());
    let headlines: Vec<&str> = library
        .articles
        .iter()
        .map(|a| a.headline.as_str())
        .collect();
    assert_eq!(headlines, ["A Good Headline Here", "Inside a Folder"]);
    let errors: Vec<String> = library.errors.iter().map(|e| e.to_string()).collect();
    let has = |file: &str, reason: &str| {
        errors
            .iter()
            .any(|e| e.contains(file) && e.contains(reason))
    };
    assert!(has("empty.txt", "empty file"), "{errors:#?}");
    assert!(has("binary.txt", "binary file"), "{errors:#?}");
    assert!(has("list.json", "expected a JSON object"), "{errors:#?}");
    assert!(
        has(
            "huge.txt",
            "too large (1073741824 bytes; the cap is 8388608 bytes)"
        ),
        "{errors:#?}"
    );
    assert!(has("self.txt", "link loop"), "{errors:#?}");
    assert!(
        has(
            "no-such-folder",
            "cannot open library: no such file or folder"
        ),
        "{errors:#?}"
    );
    assert_eq!(errors.len(), 6, "{errors:#?}");
}

#[test]
fn a_file_that_vanishes_or_grows_after_listing_is_reported() {
    let dir = tempfile::tempdir().unwrap();
    let gone = dir.path().join("gone.txt");
    assert_eq!(
        read_file(&gone, &Options::default()).unwrap_err(),
        "no such file or folder"
    );
    let grown = dir.path().join("grown.txt");
    std::fs::write(&grown, "x".repeat(2000)).unwrap();
    let small_cap = Options {
        size_cap: 1000,
        ..Options::default()
    };
    assert!(
        read_file(&grown, &small_cap)
            .unwrap_err()
            .starts_with("too large")
    );
}

#[test]
fn an_unreadable_file_is_reported() {
    use std::os::unix::fs::PermissionsExt;
    let dir = tempfile::tempdir().unwrap();
    let locked = dir.path().join("locked.txt");
    std::fs::write(
        &locked,
        "Locked Headline\n\nBody text that is long enough to read.\n",
    )
    .unwrap();
    std::fs::set_permissions(&locked, std::fs::Permissions::from_mode(0o000)).unwrap();
    match read_file(&locked, &Options::default()) {
        Err(e) => assert_eq!(e, "permission denied"),
        // Root reads any file: then the file simply reads.
        Ok(a) => assert_eq!(a.headline, "Locked Headline"),
    }
}

/// Time of the fastest of three parses.
fn parse_time(name: &str, bytes: &[u8]) -> f64 {
    (0..3)
        .map(|_| {
            let t = std::time::Instant::now();
            let _ = gazette::article::parse(Path::new(name), bytes);
            t.elapsed().as_secs_f64()
        })
        .fold(f64::MAX, f64::min)
}

/// Parsing grows linearly: twice the input takes about twice the time, never four times.
/// (A ratio, not a time limit, so a slow machine does not fail it; benches/parse.rs measures
/// the absolute figures.)
#[test]
fn pathological_inputs_parse_in_linear_time() {
    let cases = gazette::fuzzing::PATHOLOGICAL;
    for (name, make) in cases {
        let small = make(50_000);
        let large = make(100_000);
        let (a, b) = (
            parse_time(name, small.as_bytes()),
            parse_time(name, large.as_bytes()),
        );
        let ratio = b / a.max(1e-6);
        assert!(
            ratio < 3.2,
            "{name}: doubling the input multiplied the time by {ratio:.2} ({a:.4}s -> {b:.4}s)"
        );
    }
}

proptest! {
    #![proptest_config(ProptestConfig::with_cases(300))]

    /// Random bytes in every format: no panic.
    #[test]
    fn random_bytes_never_panic(kind in 0u8..3, bytes in proptest::collection::vec(any::<u8>(), 0..4000)) {
        let mut data = vec![kind];
        data.extend(bytes);
        gazette::fuzzing::parse_article(&data);
    }

    /// Random mutations of the fixtures (bytes replaced, spliced, truncated): no panic.
    #[test]
    fn mutated_fixtures_never_panic(pick in any::<prop::sample::Index>(), edits in proptest::collection::vec((any::<prop::sample::Index>(), any::<u8>(), 0u8..3), 1..40)) {
        let dir = Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/fixtures/articles");
        let mut files: Vec<PathBuf> = std::fs::read_dir(dir).unwrap().map(|e| e.unwrap().path()).collect();
        files.sort();
        let path = pick.get(&files);
        let mut bytes = std::fs::read(path).unwrap();
        for (at, byte, op) in edits {
            if bytes.is_empty() { break; }
            let i = at.index(bytes.len());
            match op {
                0 => bytes[i] = byte,
                1 => bytes.insert(i, byte),
                _ => bytes.truncate(i),
            }
        }
        let _ = gazette::article::parse(path, &bytes);
        let kind = match path.extension().and_then(|e| e.to_str()) { Some("md") => 1, Some("json") => 2, _ => 0 };
        let mut data = vec![kind];
        data.extend(bytes);
        gazette::fuzzing::parse_article(&data);
    }
}

/// The fuzzers' corpus (fuzz/corpus) replays as a regular test.
#[test]
fn the_fuzz_corpus_replays_without_panic() {
    let root = Path::new(env!("CARGO_MANIFEST_DIR")).join("fuzz/corpus");
    let mut count = 0;
    for (target, run) in [
        (
            "parse_article",
            gazette::fuzzing::parse_article as fn(&[u8]),
        ),
        ("parse_config", gazette::fuzzing::parse_config),
        ("parse_feed", gazette::fuzzing::parse_feed),
    ] {
        for entry in std::fs::read_dir(root.join(target)).unwrap() {
            run(&std::fs::read(entry.unwrap().path()).unwrap());
            count += 1;
        }
    }
    assert!(count >= 50, "corpus has {count} inputs");
}
