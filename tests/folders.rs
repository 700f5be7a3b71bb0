//! Library folders as a user gives them: relative, repeated, nested, empty or missing; and the
//! commands that read them (`list`, `search`, `bookmarks`) run as a script would run them.

use std::path::Path;
use std::process::{Command, Output};

/// Runs gazette in `cwd` with no user config and its state in `state`.
fn gazette_in(cwd: &Path, state: &Path, args: &[&str]) -> Output {
    Command::new(env!("CARGO_BIN_EXE_gazette"))
        .current_dir(cwd)
        .args(args)
        .arg("--state-dir")
        .arg(state)
        .arg("--no-cache")
        .env_remove("GAZETTE_CONFIG")
        .env("HOME", state)
        .env("XDG_DATA_HOME", state.join("data"))
        .env("XDG_CONFIG_HOME", state.join("config"))
        .env("XDG_CACHE_HOME", state.join("cache"))
        .output()
        .unwrap()
}

fn stdout(out: &Output) -> String {
    String::from_utf8(out.stdout.clone()).unwrap()
}

fn article(dir: &Path, name: &str, headline: &str) {
    std::fs::create_dir_all(dir).unwrap();
    std::fs::write(
        dir.join(name),
        format!("{headline}\n\nA first paragraph with enough words to be a paragraph of prose.\n"),
    )
    .unwrap();
}

#[test]
fn a_relative_library_folder_lists_absolute_paths() {
    let home = tempfile::tempdir().unwrap();
    let state = tempfile::tempdir().unwrap();
    article(
        &home.path().join("live"),
        "one.txt",
        "Relative Folder Story",
    );
    for given in ["live", "./live", "live/"] {
        let out = gazette_in(home.path(), state.path(), &["list", "--json", given]);
        assert!(out.status.success(), "{given}: {out:?}");
        let line: serde_json::Value = serde_json::from_str(stdout(&out).trim()).unwrap();
        let path = line["path"].as_str().unwrap();
        assert!(
            Path::new(path).is_absolute() && Path::new(path).is_file(),
            "{given}: {path}"
        );
        assert!(path.ends_with("live/one.txt"), "{given}: {path}");
    }
}

#[test]
fn overlapping_folders_list_each_file_once() {
    let home = tempfile::tempdir().unwrap();
    let state = tempfile::tempdir().unwrap();
    let mv = home.path().join("mv");
    article(&mv, "top.txt", "A Story At The Top");
    article(&mv.join("sub"), "below.txt", "A Story Below");
    let abs = mv.to_str().unwrap();
    let out = gazette_in(
        home.path(),
        state.path(),
        &["list", "mv", "mv", abs, "mv/sub", "./mv/sub/.."],
    );
    assert!(out.status.success(), "{out:?}");
    let text = stdout(&out);
    assert_eq!(text.matches("A Story At The Top").count(), 1, "{text}");
    assert_eq!(text.matches("A Story Below").count(), 1, "{text}");
    // The sub-folder first, then its parent: still once each.
    let out = gazette_in(home.path(), state.path(), &["list", "mv/sub", abs]);
    let text = stdout(&out);
    assert_eq!(text.lines().count(), 2, "{text}");
}

/// The ids `gazette list --json` gives the articles of `dir`, by headline.
fn ids(cwd: &Path, state: &Path, dir: &str) -> std::collections::HashMap<String, String> {
    stdout(&gazette_in(cwd, state, &["list", "--json", dir]))
        .lines()
        .map(|l| {
            let v: serde_json::Value = serde_json::from_str(l).unwrap();
            (
                v["headline"].as_str().unwrap().to_owned(),
                v["id"].as_str().unwrap().to_owned(),
            )
        })
        .collect()
}

#[test]
fn search_is_filters_use_the_stored_marks_and_change_nothing() {
    let home = tempfile::tempdir().unwrap();
    let state = tempfile::tempdir().unwrap();
    let lib = home.path().join("lib");
    article(&lib, "a.txt", "Harbour Story Kept");
    article(&lib, "b.txt", "Harbour Story Read");
    article(&lib, "c.txt", "Harbour Story Untouched");
    let ids = ids(home.path(), state.path(), "lib");
    let kept = &ids["Harbour Story Kept"];
    let read = &ids["Harbour Story Read"];
    let stored = serde_json::json!({
        "version": 1,
        "bookmarks": {kept: {"created": 1, "headline": "Harbour Story Kept", "source": null,
            "published": null, "path": lib.join("a.txt"), "url": null}},
        "read": [read],
    })
    .to_string();
    std::fs::write(state.path().join("state.json"), &stored).unwrap();
    let search = |query: &str| {
        let out = gazette_in(
            home.path(),
            state.path(),
            &["search", query, "--library", "lib"],
        );
        assert!(out.status.success(), "{query}: {out:?}");
        let mut found: Vec<String> = stdout(&out)
            .lines()
            .map(|l| l.split("  ").nth(2).unwrap().to_owned())
            .collect();
        found.sort();
        found
    };
    assert_eq!(search("is:bookmarked"), ["Harbour Story Kept"]);
    assert_eq!(
        search("harbour is:unread"),
        ["Harbour Story Kept", "Harbour Story Untouched"]
    );
    assert_eq!(search("is:bookmarked is:unread"), ["Harbour Story Kept"]);
    assert_eq!(search("harbour").len(), 3);
    // Read only: the state file is as it was.
    assert_eq!(
        std::fs::read_to_string(state.path().join("state.json")).unwrap(),
        stored
    );
    // A damaged state is named, and left where it is.
    std::fs::write(state.path().join("state.json"), "{not json").unwrap();
    let out = gazette_in(
        home.path(),
        state.path(),
        &["search", "is:unread", "--library", "lib"],
    );
    let err = String::from_utf8_lossy(&out.stderr);
    assert!(!out.status.success() && err.contains("state.json"), "{err}");
    assert_eq!(
        std::fs::read_to_string(state.path().join("state.json")).unwrap(),
        "{not json"
    );
}

#[test]
fn an_empty_saved_folder_does_not_replace_the_sample() {
    let home = tempfile::tempdir().unwrap();
    let state = tempfile::tempdir().unwrap();
    let saved = state.path().join("data/gazette/saved");
    std::fs::create_dir_all(saved.join("sub")).unwrap();
    std::fs::write(saved.join(".hidden.txt"), "Not An Article\n\nHidden.\n").unwrap();
    let out = gazette_in(home.path(), state.path(), &["list"]);
    assert!(out.status.success(), "{out:?}");
    let text = stdout(&out);
    assert!(text.contains("sample/"), "{text}");
    // Once a page is saved there, the saved folder is the library.
    article(&saved.join("sub"), "page.txt", "A Page Saved Earlier");
    let text = stdout(&gazette_in(home.path(), state.path(), &["list"]));
    assert!(text.contains("A Page Saved Earlier"), "{text}");
    assert!(!text.contains("sample/"), "{text}");
}

#[test]
fn a_configured_folder_that_does_not_exist_is_named() {
    let home = tempfile::tempdir().unwrap();
    let state = tempfile::tempdir().unwrap();
    let config = home.path().join("cfg.toml");
    std::fs::write(&config, "[library]\nfolders = [\"/nonexistent/news\"]\n").unwrap();
    let out = gazette_in(
        home.path(),
        state.path(),
        &["--config", config.to_str().unwrap(), "list"],
    );
    let err = String::from_utf8_lossy(&out.stderr);
    assert_eq!(out.status.code(), Some(1), "{err}");
    assert!(
        err.contains("/nonexistent/news: cannot open library"),
        "{err}"
    );
    assert!(!state.path().join("data/gazette/saved").exists());
}

#[test]
fn a_file_name_with_controls_is_shown_cleaned_but_named_for_real_in_json() {
    let home = tempfile::tempdir().unwrap();
    let state = tempfile::tempdir().unwrap();
    let names = home.path().join("names");
    let name = "\u{1b}[31mred \u{1b}]0;TITLE\u{7}\u{9b}1m.txt";
    article(&names, name, "A Story With A Strange Name");
    let text = stdout(&gazette_in(home.path(), state.path(), &["list", "names"]));
    assert!(text.contains("names/red"), "{text}");
    let json = gazette_in(home.path(), state.path(), &["list", "--json", "names"]);
    let raw = stdout(&json);
    assert!(!raw.chars().any(|c| c.is_control() && c != '\n'), "{raw:?}");
    let line: serde_json::Value = serde_json::from_str(raw.trim()).unwrap();
    let path = line["path"].as_str().unwrap();
    assert_eq!(Path::new(path), names.join(name));
    // A bookmark of it names the real file: not "missing", and shown cleaned.
    let id = line["id"].as_str().unwrap();
    let stored = serde_json::json!({
        "version": 1,
        "bookmarks": {id: {"created": 1, "headline": "A Story With A Strange Name",
            "source": null, "published": null, "path": path, "url": null}},
    });
    std::fs::write(state.path().join("state.json"), stored.to_string()).unwrap();
    let out = gazette_in(home.path(), state.path(), &["bookmarks"]);
    let shown = stdout(&out);
    assert!(shown.contains("A Story With A Strange Name"), "{shown}");
    assert!(!shown.contains("missing"), "{shown}");
    assert!(
        !shown.chars().any(|c| c.is_control() && c != '\n'),
        "{shown:?}"
    );
    let out = gazette_in(home.path(), state.path(), &["bookmarks", "--json"]);
    let line: serde_json::Value = serde_json::from_str(stdout(&out).trim()).unwrap();
    assert_eq!(line["path"], path);
}

#[test]
fn the_markdown_export_keeps_headlines_and_addresses_as_text() {
    let home = tempfile::tempdir().unwrap();
    let state = tempfile::tempdir().unwrap();
    let stored = serde_json::json!({
        "version": 1,
        "bookmarks": {
            "a": {"created": 2, "headline": "Evil **bold** <img src=x onerror=alert(1)> [x](javascript:alert(1))",
                "source": "Site_Name", "published": null, "path": "/lib/a.txt", "url": "https://example.org/a>b"},
            "b": {"created": 1, "headline": "Second", "source": null, "published": null,
                "path": "/lib/b.txt", "url": "javascript:alert(1)"},
        },
    });
    std::fs::write(state.path().join("state.json"), stored.to_string()).unwrap();
    let out = gazette_in(
        home.path(),
        state.path(),
        &["bookmarks", "export", "--format", "markdown"],
    );
    assert!(out.status.success(), "{out:?}");
    let md = stdout(&out);
    assert_eq!(
        md,
        "# Bookmarks\n\n\
         - **Evil \\*\\*bold\\*\\* \\<img src\\=x onerror\\=alert\\(1\\)\\> \\[x\\]\\(javascript:alert\\(1\\)\\)** (Site\\_Name) — <https://example.org/a%3Eb>\n\
         - **Second** — `javascript:alert(1)`\n"
    );
}

#[test]
fn parse_underlines_a_headline_by_its_width_in_columns() {
    let home = tempfile::tempdir().unwrap();
    let state = tempfile::tempdir().unwrap();
    let headline = "東京で新しい図書館が開館し市民が集まる"; // 19 characters, 38 columns
    article(home.path(), "cjk.txt", headline);
    article(home.path(), "latin.txt", "Library Opens In Tokyo");
    for (file, want) in [("cjk.txt", 38), ("latin.txt", 22)] {
        let out = gazette_in(home.path(), state.path(), &["parse", file]);
        assert!(out.status.success(), "{out:?}");
        let text = stdout(&out);
        let underline = text.lines().nth(1).unwrap();
        assert_eq!(underline, "=".repeat(want), "{text}");
    }
}
