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
