//! What a terminal user expects of a command-line tool besides its commands: shell completions
//! and a manual page, both generated from the same definition as the parser.

use std::process::Command;

fn gazette(args: &[&str]) -> String {
    let out = Command::new(env!("CARGO_BIN_EXE_gazette"))
        .args(args)
        // No config of the user's may change what is printed.
        .env("GAZETTE_CONFIG", "/nonexistent/gazette.toml")
        .output()
        .unwrap();
    assert!(
        out.status.success(),
        "{args:?}: {}",
        String::from_utf8_lossy(&out.stderr)
    );
    String::from_utf8(out.stdout).unwrap()
}

#[test]
fn completions_know_every_command_and_option() {
    for shell in ["bash", "zsh", "fish"] {
        let script = gazette(&["completions", shell]);
        for word in [
            "parse",
            "list",
            "bookmarks",
            "feeds",
            "fetch",
            "save",
            "state-dir",
        ] {
            assert!(script.contains(word), "{shell} completions lack {word}");
        }
    }
}

#[test]
fn the_manual_page_is_roff_and_names_the_commands() {
    let page = gazette(&["man"]);
    assert!(
        page.starts_with(".ie") || page.starts_with(".TH"),
        "{}",
        &page[..80]
    );
    assert!(page.contains(".TH gazette 1"), "{}", &page[..200]);
    for word in ["completions", "fetch", "save", "bookmarks"] {
        assert!(page.contains(word), "the manual lacks {word}");
    }
}

#[test]
fn the_manual_has_keys_files_and_exit_status_and_every_page_it_names_is_written() {
    let page = gazette(&["man"]);
    for section in [".SH KEYS", ".SH FILES", ".SH EXIT STATUS"] {
        assert!(page.contains(section), "the manual lacks {section}");
    }
    for word in ["state.json", "config.toml", "feeds/", "saved/", "128+N"] {
        assert!(page.contains(word), "the manual lacks {word}");
    }
    // The default bindings, from the keymap: `b` bookmarks.
    assert!(page.contains("\\fBb\\fR\nbookmark or unbookmark"), "{page}");
    let dir = tempfile::tempdir().unwrap();
    let out = dir.path().join("man1");
    gazette(&["man", "--dir", out.to_str().unwrap()]);
    let main = std::fs::read_to_string(out.join("gazette.1")).unwrap();
    assert_eq!(main, page);
    // Every page the manual refers to, such as gazette-parse(1), is there.
    let named: Vec<&str> = page
        .split("gazette\\-")
        .skip(1)
        .filter_map(|rest| rest.split_once("(1)").map(|(name, _)| name))
        .collect();
    assert!(named.len() >= 10, "{named:?}");
    for name in named {
        let file = out.join(format!("gazette-{}.1", name.replace("\\-", "-")));
        assert!(file.is_file(), "{} is not written", file.display());
    }
}

#[test]
fn search_help_names_the_filters() {
    let help = gazette(&["search", "--help"]);
    for filter in [
        "source:",
        "tag:",
        "since:",
        "until:",
        "is:bookmarked",
        "is:unread",
    ] {
        assert!(help.contains(filter), "{filter} in {help}");
    }
}

#[test]
fn search_says_which_words_it_left_out_and_finds_what_the_others_find() {
    let lib = std::path::Path::new(env!("CARGO_MANIFEST_DIR")).join("assets/articles");
    let run = |query: &str| {
        Command::new(env!("CARGO_BIN_EXE_gazette"))
            .args(["search", "--no-cache", query, "--library"])
            .arg(&lib)
            .output()
            .unwrap()
    };
    let (flood, with_said) = (run("flood"), run("flood said"));
    assert!(!flood.stdout.is_empty());
    assert_eq!(with_said.stdout, flood.stdout);
    let said = String::from_utf8_lossy(&with_said.stderr);
    assert!(said.contains("left out of the search: said"), "{said}");
    assert!(!String::from_utf8_lossy(&flood.stderr).contains("left out"));
}
