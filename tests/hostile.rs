//! Hostile and broken input: nothing crashes, nothing from an article reaches the terminal,
//! every bad file is reported with its path and the rest of the library loads.

use std::path::{Path, PathBuf};
use std::process::Command;

use gazette::article::Options;
use gazette::library::{Library, read_file};
use proptest::prelude::*;

mod common;
use common::{assert_clean, assert_clean_json, hostile_library};

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
        // The binary file's name carries a clipboard write.
        vec![
            "list".into(),
            "--errors".into(),
            lib.path().to_string_lossy().into_owned(),
        ],
        vec![
            "list".into(),
            "--errors".into(),
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
        // JSON names files for real (escaped); the text outputs show them cleaned.
        if args.iter().any(|a| a == "--json") {
            assert_clean_json(&out.stdout, &format!("stdout of {args:?}"));
        } else {
            assert_clean(&out.stdout, &format!("stdout of {:?}", args[0]));
        }
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
        let a = &gazette::library::read_file(summary.path(), &Options::default()).unwrap();
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
    let headlines: Vec<&str> = library.articles.iter().map(|a| a.headline()).collect();
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

/// `gazette list --errors` prints every file that could not be read, not only the first.
#[test]
fn list_errors_prints_every_unreadable_file() {
    let dir = tempfile::tempdir().unwrap();
    std::fs::write(
        dir.path().join("good.txt"),
        "A Good Headline Here\n\nA first paragraph with enough words to be prose for sure.\n",
    )
    .unwrap();
    for n in 1..=12 {
        std::fs::write(dir.path().join(format!("e{n:02}.txt")), "").unwrap();
    }
    std::fs::write(dir.path().join("bad.json"), "[1]").unwrap();
    let run = |json: bool| {
        let state = tempfile::tempdir().unwrap();
        let mut cmd = Command::new(env!("CARGO_BIN_EXE_gazette"));
        cmd.args(["list", "--errors"]);
        if json {
            cmd.arg("--json");
        }
        let out = cmd
            .arg(dir.path())
            .env("XDG_CONFIG_HOME", state.path())
            .env("XDG_CACHE_HOME", state.path())
            .output()
            .unwrap();
        assert!(out.status.success(), "{out:?}");
        String::from_utf8(out.stdout).unwrap()
    };
    let text = run(false);
    let lines: Vec<&str> = text.lines().collect();
    assert_eq!(lines.len(), 13, "{text}");
    for n in 1..=12 {
        let name = format!("e{n:02}.txt: empty file");
        assert!(lines.iter().any(|l| l.ends_with(&name)), "{name} in {text}");
    }
    assert!(
        lines
            .iter()
            .any(|l| l.contains("bad.json: expected a JSON object"))
    );
    assert!(!text.contains("A Good Headline"), "errors only");
    let json = run(true);
    let objects: Vec<serde_json::Value> = json
        .lines()
        .map(|l| serde_json::from_str(l).unwrap())
        .collect();
    assert_eq!(objects.len(), 13);
    assert!(
        objects
            .iter()
            .any(|o| o["path"].as_str().unwrap().ends_with("e07.txt") && o["error"] == "empty file")
    );
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
        ("parse_page", gazette::fuzzing::parse_page),
    ] {
        for entry in std::fs::read_dir(root.join(target)).unwrap() {
            run(&std::fs::read(entry.unwrap().path()).unwrap());
            count += 1;
        }
    }
    assert!(count >= 50, "corpus has {count} inputs");
}

/// The binary with no user config or cache, and its output.
fn gazette(args: &[&str], home: &Path) -> std::process::Output {
    Command::new(env!("CARGO_BIN_EXE_gazette"))
        .args(args)
        .env_remove("GAZETTE_CONFIG")
        .env("XDG_CONFIG_HOME", home)
        .env("XDG_CACHE_HOME", home)
        .env("XDG_DATA_HOME", home)
        .output()
        .unwrap()
}

#[test]
fn imported_bookmarks_are_cleaned_on_the_way_in_and_on_every_output() {
    let dir = tempfile::tempdir().unwrap();
    let p = common::hostile;
    let export = serde_json::json!({
        "version": 1,
        "bookmarks": {
            p("id"): {"created": 5, "headline": p("h"), "source": p("s"), "published": p("d"),
                      "path": p("/p"), "url": p("https://u")},
        },
        "read": [p("r")],
    });
    let file = dir.path().join("import.json");
    std::fs::write(&file, export.to_string()).unwrap();
    let state = dir.path().join("state");
    let s = state.to_str().unwrap();
    let out = gazette(
        &[
            "bookmarks",
            "import",
            file.to_str().unwrap(),
            "--state-dir",
            s,
        ],
        dir.path(),
    );
    assert!(out.status.success(), "{out:?}");
    // The path is kept as given (it names a file), every text cleaned.
    assert_clean_json(
        &std::fs::read(state.join("state.json")).unwrap(),
        "state file",
    );
    // A state file written by hand is cleaned when shown, too.
    std::fs::write(state.join("state.json"), export.to_string()).unwrap();
    for args in [
        vec!["bookmarks"],
        vec!["bookmarks", "--json"],
        vec!["bookmarks", "export", "--format", "markdown"],
        vec!["bookmarks", "export", "--format", "json"],
    ] {
        let out = gazette(&[&args[..], &["--state-dir", s]].concat(), dir.path());
        assert!(out.status.success(), "{args:?}: {out:?}");
        if args.contains(&"--json") || args.contains(&"json") {
            assert_clean_json(&out.stdout, &format!("stdout of {args:?}"));
        } else {
            assert_clean(&out.stdout, &format!("stdout of {args:?}"));
        }
        assert_clean(&out.stderr, &format!("stderr of {args:?}"));
        assert!(!out.stdout.is_empty(), "{args:?}");
    }
}

/// Runs gazette, killing it if it has not finished after a generous while (a hang is a
/// failure, not a stuck test).
fn bounded(cmd: &mut Command) -> (std::process::ExitStatus, String) {
    let mut child = cmd
        .stdout(std::process::Stdio::null())
        .stderr(std::process::Stdio::piped())
        .spawn()
        .unwrap();
    for _ in 0..400 {
        if let Some(status) = child.try_wait().unwrap() {
            let mut err = String::new();
            std::io::Read::read_to_string(&mut child.stderr.take().unwrap(), &mut err).unwrap();
            return (status, err);
        }
        std::thread::sleep(std::time::Duration::from_millis(50));
    }
    let _ = child.kill();
    panic!("{cmd:?} hangs");
}

#[test]
fn parse_and_related_refuse_a_named_pipe_instead_of_hanging() {
    let dir = tempfile::tempdir().unwrap();
    let fifo = dir.path().join("story.txt");
    assert!(
        Command::new("mkfifo")
            .arg(&fifo)
            .status()
            .unwrap()
            .success()
    );
    let exe = env!("CARGO_BIN_EXE_gazette");
    for args in [vec!["parse"], vec!["related"]] {
        let (status, err) = bounded(
            Command::new(exe)
                .args(&args)
                .arg(&fifo)
                .env("XDG_CACHE_HOME", dir.path()),
        );
        assert!(!status.success(), "{args:?}");
        assert!(
            err.contains("story.txt") && err.contains("named pipe"),
            "{args:?}: {err}"
        );
    }
    // As a library folder's article, or as the library itself.
    let (status, err) = bounded(Command::new(exe).args(["list", "--no-cache"]).arg(&fifo));
    assert!(!status.success());
    assert!(err.contains("story.txt"), "{err}");
}

#[test]
fn global_options_work_before_and_after_the_subcommand() {
    let lib = tempfile::tempdir().unwrap();
    std::fs::write(
        lib.path().join("a.txt"),
        "A Headline Of Its Own\n\nA first paragraph with enough words to be prose for sure.\n",
    )
    .unwrap();
    let home = tempfile::tempdir().unwrap();
    let l = lib.path().to_str().unwrap();
    let s = home.path().join("state");
    let s = s.to_str().unwrap();
    for args in [
        vec!["--no-cache", "list", l],
        vec!["list", "--no-cache", l],
        vec!["list", l, "--no-cache"],
        vec!["--cache-dir", s, "list", l],
    ] {
        let out = gazette(&args, home.path());
        assert!(out.status.success(), "{args:?}: {out:?}");
        assert!(
            String::from_utf8_lossy(&out.stdout).contains("A Headline Of Its Own"),
            "{args:?}"
        );
    }
    for args in [
        vec!["--state-dir", s, "bookmarks"],
        vec!["bookmarks", "--state-dir", s],
        vec!["--state-dir", s, "bookmarks", "export", "--format", "json"],
    ] {
        let out = gazette(&args, home.path());
        assert!(out.status.success(), "{args:?}: {out:?}");
    }
    // Without a terminal the reader says it needs one (here "list" after a folder is a folder).
    let out = gazette(&[l, "list"], home.path());
    assert!(!out.status.success());
    let err = String::from_utf8_lossy(&out.stderr);
    assert!(err.contains("the reader needs a terminal"), "{err}");
}

#[test]
fn a_library_that_cannot_be_read_is_a_failure() {
    let home = tempfile::tempdir().unwrap();
    for args in [
        vec!["list", "/nonexistent/gazette-library"],
        vec!["list", "--json", "/nonexistent/gazette-library"],
        vec![
            "search",
            "flood",
            "--library",
            "/nonexistent/gazette-library",
        ],
    ] {
        let out = gazette(&args, home.path());
        assert_eq!(out.status.code(), Some(1), "{args:?}: {out:?}");
        let err = String::from_utf8_lossy(&out.stderr);
        assert!(
            err.contains("/nonexistent/gazette-library: cannot open library"),
            "{err}"
        );
    }
    // A folder that cannot be read (only where permissions hold: not for root).
    use std::os::unix::fs::PermissionsExt;
    let lib = tempfile::tempdir().unwrap();
    let locked = lib.path().join("locked");
    std::fs::create_dir(&locked).unwrap();
    std::fs::set_permissions(&locked, std::fs::Permissions::from_mode(0o000)).unwrap();
    if std::fs::read_dir(&locked).is_err() {
        let out = gazette(
            &["list", "--no-cache", lib.path().to_str().unwrap()],
            home.path(),
        );
        assert_eq!(out.status.code(), Some(1), "{out:?}");
    }
    std::fs::set_permissions(&locked, std::fs::Permissions::from_mode(0o755)).unwrap();
}

#[test]
fn a_device_or_pipe_as_config_import_or_state_is_refused_not_read_forever() {
    let dir = tempfile::tempdir().unwrap();
    let exe = env!("CARGO_BIN_EXE_gazette");
    let state = dir.path().join("state");
    let (status, err) = bounded(
        Command::new(exe)
            .args(["--config", "/dev/zero", "list"])
            .arg(dir.path()),
    );
    assert_eq!(status.code(), Some(2), "{err}");
    assert!(
        err.contains("/dev/zero: cannot read config: is a device"),
        "{err}"
    );
    let (status, err) = bounded(
        Command::new(exe)
            .args(["bookmarks", "import", "/dev/zero", "--state-dir"])
            .arg(&state)
            .env("XDG_CONFIG_HOME", dir.path()),
    );
    assert_eq!(status.code(), Some(1), "{err}");
    assert!(err.contains("/dev/zero: is a device"), "{err}");
    // The state file is a named pipe: an error, and the pipe is left alone.
    std::fs::create_dir(&state).unwrap();
    let fifo = state.join("state.json");
    assert!(
        Command::new("mkfifo")
            .arg(&fifo)
            .status()
            .unwrap()
            .success()
    );
    let (status, err) = bounded(
        Command::new(exe)
            .args(["bookmarks", "--state-dir"])
            .arg(&state)
            .env("XDG_CONFIG_HOME", dir.path()),
    );
    assert_eq!(status.code(), Some(1), "{err}");
    assert!(err.contains("state.json: is not a regular file"), "{err}");
    use std::os::unix::fs::FileTypeExt;
    assert!(fifo.symlink_metadata().unwrap().file_type().is_fifo());
}
